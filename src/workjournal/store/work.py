"""The store's queries for practice (and, beside them, their row -> model functions). A mixin
of :class:`workjournal.store.Store`: it uses the store's connection and ``write()``."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuid_module
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workjournal import clock
from workjournal.conversations import STEPS, Conversation
from workjournal.errors import ImportRejected, NotFound
from workjournal.models import Entry, ExportScope, ImportResult, NewEntry
from workjournal.practice import NewPractice, Practice
from workjournal.reflection import Prompt

# The prompt an entry answers as JSON text, or null: for the SQL-built entry JSON (export).
ENTRY_PROMPT_JSON = (
    "coalesce((SELECT json_object('id', p.prompt_id, 'theme', p.prompt_theme, "
    "'text', p.prompt_text) FROM entry_prompts p WHERE p.entry_id = e.id), 'null')"
)


def _practice(row: sqlite3.Row) -> Practice:
    return Practice(
        id=row["id"],
        uuid=row["uuid"],
        name=row["name"],
        minutes=row["minutes"],
        at=clock.from_db(row["at_utc"], row["at_offset"]),
        created_at=clock.from_db(row["created_utc"], row["created_offset"]),
        note=row["note"],
        before=row["distress_before"],
        after=row["distress_after"],
        homework_id=row["homework_id"],
    )


class WorkStore:
    """Practice, reflection prompts and conversations (issue 14)."""

    conn: sqlite3.Connection

    if TYPE_CHECKING:  # Store's own

        def write(self) -> AbstractContextManager[None]: ...
        def get_entry(self, entry_id: int) -> Entry: ...
        def _insert_entry(
            self, new: NewEntry, *, created_at: datetime, uuid: str | None
        ) -> int: ...

    # -- practice ------------------------------------------------------------------------------

    def add_practice(
        self, new: NewPractice, *, created_at: datetime, log_homework: bool = True
    ) -> Practice:
        """Save a practice. With a homework id (and ``log_homework``) the same transaction also
        logs a completion of that homework, so its progress counts the practice."""
        at_utc, at_offset = clock.to_db(new.at)
        created_utc, created_offset = clock.to_db(created_at)
        with self.write():
            if new.homework_id is not None:
                self._require_homework(new.homework_id)
            cursor = self.conn.execute(
                "INSERT INTO practice (uuid, name, minutes, at_utc, at_offset, created_utc, "
                "created_offset, note, distress_before, distress_after, homework_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    new.name,
                    new.minutes,
                    at_utc,
                    at_offset,
                    created_utc,
                    created_offset,
                    new.note,
                    new.before,
                    new.after,
                    new.homework_id,
                ),
            )
            if new.homework_id is not None and log_homework:
                # The same row Store.log_homework writes (one transaction with the practice).
                self.conn.execute(
                    "INSERT INTO homework_log (uuid, homework_id, done_utc, done_offset, "
                    "created_utc, distress_before, distress_after, note) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        str(uuid_module.uuid4()),
                        new.homework_id,
                        at_utc,
                        at_offset,
                        created_utc,
                        new.before,
                        new.after,
                        f"{new.name}, {new.minutes} min" + (f": {new.note}" if new.note else ""),
                    ),
                )
        assert cursor.lastrowid is not None
        return self.get_practice(cursor.lastrowid)

    def _require_homework(self, homework_id: int) -> None:
        if not self.conn.execute("SELECT 1 FROM homework WHERE id = ?", (homework_id,)).fetchone():
            raise NotFound(
                f"there is no homework {homework_id}; nothing was saved. "
                "`journal homework list --all` shows the ids."
            )

    def get_practice(self, practice_id: int) -> Practice:
        row = self.conn.execute("SELECT * FROM practice WHERE id = ?", (practice_id,)).fetchone()
        if row is None:
            raise NotFound(
                f"there is no practice {practice_id}. `journal practice list` shows the ids."
            )
        return _practice(row)

    def list_practice(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[Practice]:
        """Practice in the range (inclusive UTC bounds), oldest first."""
        return list(self.iter_practice(since=since, until=until))

    def iter_practice(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[Practice]:
        where: list[str] = []
        params: list[Any] = []
        if since is not None:
            where.append("at_utc >= ?")
            params.append(clock.utc_text(since))
        if until is not None:
            where.append("at_utc <= ?")
            params.append(clock.utc_text(until))
        sql = "SELECT * FROM practice"
        if where:
            sql += " WHERE " + " AND ".join(where)
        for row in self.conn.execute(sql + " ORDER BY at_utc, id", params):
            yield _practice(row)

    def replace_practice(self, practice_id: int, new: NewPractice) -> Practice:
        """Overwrite a practice's fields, keeping its id, uuid and created time."""
        at_utc, at_offset = clock.to_db(new.at)
        with self.write():
            self.get_practice(practice_id)
            if new.homework_id is not None:
                self._require_homework(new.homework_id)
            self.conn.execute(
                "UPDATE practice SET name = ?, minutes = ?, at_utc = ?, at_offset = ?, note = ?, "
                "distress_before = ?, distress_after = ?, homework_id = ? WHERE id = ?",
                (
                    new.name,
                    new.minutes,
                    at_utc,
                    at_offset,
                    new.note,
                    new.before,
                    new.after,
                    new.homework_id,
                    practice_id,
                ),
            )
        return self.get_practice(practice_id)

    def delete_practice(self, practice_id: int) -> None:
        with self.write():
            cursor = self.conn.execute("DELETE FROM practice WHERE id = ?", (practice_id,))
            if cursor.rowcount == 0:
                raise NotFound(
                    f"there is no practice {practice_id}. `journal practice list` shows the ids."
                )

    def practice_names(self, *, prefix: str = "", limit: int = 50) -> list[str]:
        """Practice names, most practised first: what completion offers."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute(
            "SELECT name FROM practice WHERE name LIKE ? ESCAPE '\\' "
            "GROUP BY name ORDER BY count(*) DESC, name LIMIT ?",
            (escaped + "%", limit),
        )
        return [row[0] for row in rows]

    # -- reflection ----------------------------------------------------------------------------

    def add_reflection(self, new: NewEntry, prompt: Prompt, *, created_at: datetime) -> Entry:
        """Save an answer as an entry that remembers the prompt it answers (one transaction)."""
        with self.write():
            entry_id = self._insert_entry(new, created_at=created_at, uuid=None)
            self.conn.execute(
                "INSERT INTO entry_prompts (entry_id, prompt_id, prompt_theme, prompt_text) "
                "VALUES (?, ?, ?, ?)",
                (entry_id, prompt.id, prompt.theme, prompt.text),
            )
        return self.get_entry(entry_id)

    def entry_prompts(self, entry_ids: Sequence[int]) -> dict[int, dict[str, str]]:
        """The prompt each of these entries answers, by entry id (entries without one left out)."""
        rows = self.conn.execute(
            "SELECT entry_id, prompt_id, prompt_theme, prompt_text FROM entry_prompts "
            "WHERE entry_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(entry_ids)),),
        )
        return {row[0]: {"id": row[1], "theme": row[2], "text": row[3]} for row in rows}

    def answered_prompts(self, *, since: datetime) -> list[tuple[str, datetime]]:
        """``(prompt id, when)`` of every answer written since ``since``."""
        rows = self.conn.execute(
            "SELECT p.prompt_id, e.occurred_utc, e.occurred_offset FROM entry_prompts p "
            "JOIN entries e ON e.id = p.entry_id WHERE e.occurred_utc >= ?",
            (clock.utc_text(since),),
        )
        return [(row[0], clock.from_db(row[1], row[2])) for row in rows]

    def own_prompts(self) -> list[Prompt]:
        rows = self.conn.execute(
            "SELECT prompt_key, theme, text FROM reflection_prompts ORDER BY id"
        )
        return [Prompt(row[0], row[1], row[2]) for row in rows]

    def add_own_prompt(self, text: str, *, theme: str, created_at: datetime) -> Prompt:
        created_utc, created_offset = clock.to_db(created_at)
        with self.write():
            number = self.conn.execute(
                "SELECT coalesce(max(id), 0) + 1 FROM reflection_prompts"
            ).fetchone()[0]
            prompt = Prompt(f"own-{number}", theme, text)
            self.conn.execute(
                "INSERT INTO reflection_prompts (uuid, prompt_key, theme, text, created_utc, "
                "created_offset) VALUES (?, ?, ?, ?, ?, ?)",
                (str(uuid_module.uuid4()), prompt.id, theme, text, created_utc, created_offset),
            )
        return prompt

    # -- the JSON export and import --------------------------------------------------------------

    def export_reflection_prompts(self, scope: ExportScope) -> list[dict[str, Any]]:
        """The prompts the person wrote (they have no moment to cut by)."""
        rows = self.conn.execute("SELECT * FROM reflection_prompts ORDER BY id")
        return [
            {
                "uuid": row["uuid"],
                **Prompt(row["prompt_key"], row["theme"], row["text"]).to_json(),
                "created_at": clock.from_db(row["created_utc"], row["created_offset"]).isoformat(
                    timespec="seconds"
                ),
            }
            for row in rows
        ]

    def import_reflection_prompts(
        self, row: dict[str, Any], *, number: int, known: bool
    ) -> ImportResult:
        if (
            known
            or self.conn.execute(
                "SELECT 1 FROM reflection_prompts WHERE prompt_key = ?", (row["prompt"].id,)
            ).fetchone()
        ):
            return "kept"
        created_utc, created_offset = clock.to_db(row["created_at"])
        self.conn.execute(
            "INSERT INTO reflection_prompts (uuid, prompt_key, theme, text, created_utc, "
            "created_offset) VALUES (?, ?, ?, ?, ?, ?)",
            (
                row["uuid"],
                row["prompt"].id,
                row["prompt"].theme,
                row["prompt"].text,
                created_utc,
                created_offset,
            ),
        )
        return "added"

    def export_practice(self, scope: ExportScope) -> list[dict[str, Any]]:
        """The practice of the period, each naming its homework's uuid (or null)."""
        uuids = dict(self.conn.execute("SELECT id, uuid FROM homework").fetchall())
        return [
            {**p.to_json(), "homework_uuid": uuids.get(p.homework_id or 0)}
            for p in self.list_practice(since=scope.since, until=scope.until)
        ]

    def import_practice(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        if known:
            return "kept"
        p: Practice = row["practice"]
        homework_id = None
        if row.get("homework_uuid"):
            found = self.conn.execute(
                "SELECT id FROM homework WHERE uuid = ?", (row["homework_uuid"],)
            ).fetchone()
            if found is None:  # as for a homework log: never a practice silently unlinked
                raise ImportRejected(
                    f"practice {number}: the homework it counts toward "
                    f"({row['homework_uuid']}) is neither in the file nor in the journal. "
                    "Nothing was imported."
                )
            homework_id = found[0]
        at_utc, at_offset = clock.to_db(p.at)
        created_utc, created_offset = clock.to_db(p.created_at)
        self.conn.execute(
            "INSERT INTO practice (uuid, name, minutes, at_utc, at_offset, created_utc, "
            "created_offset, note, distress_before, distress_after, homework_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["uuid"],
                p.name,
                p.minutes,
                at_utc,
                at_offset,
                created_utc,
                created_offset,
                p.note,
                p.before,
                p.after,
                homework_id,
            ),
        )
        return "added"

    def export_conversations(self, scope: ExportScope) -> list[dict[str, Any]]:
        """Every conversation, planned or held."""
        return [c.to_json() for c in self.list_conversations()]

    def import_conversations(
        self, row: dict[str, Any], *, number: int, known: bool
    ) -> ImportResult:
        if known:
            return "kept"
        self.conn.execute(
            f"INSERT INTO conversations (uuid, {', '.join(_CONVERSATION_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' for _ in _CONVERSATION_COLUMNS)})",
            (row["uuid"], *_conversation_values(row["conversation"])),
        )
        return "added"

    # -- conversations -------------------------------------------------------------------------

    def add_conversation(self, plan: Conversation) -> Conversation:
        with self.write():
            cursor = self.conn.execute(
                f"INSERT INTO conversations (uuid, {', '.join(_CONVERSATION_COLUMNS)}) "
                f"VALUES (?, {', '.join('?' for _ in _CONVERSATION_COLUMNS)})",
                (str(uuid_module.uuid4()), *_conversation_values(plan)),
            )
        assert cursor.lastrowid is not None
        return self.get_conversation(cursor.lastrowid)

    def replace_conversation(self, conversation_id: int, plan: Conversation) -> Conversation:
        with self.write():
            self.get_conversation(conversation_id)
            sets = ", ".join(f"{column} = ?" for column in _CONVERSATION_COLUMNS)
            self.conn.execute(
                f"UPDATE conversations SET {sets} WHERE id = ?",
                (*_conversation_values(plan), conversation_id),
            )
        return self.get_conversation(conversation_id)

    def get_conversation(self, conversation_id: int) -> Conversation:
        row = self.conn.execute(
            "SELECT * FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        if row is None:
            raise NotFound(
                f"there is no conversation {conversation_id}. `journal talk list` shows the ids."
            )
        return _conversation(row)

    def list_conversations(self) -> list[Conversation]:
        rows = self.conn.execute("SELECT * FROM conversations ORDER BY created_utc, id")
        return [_conversation(row) for row in rows]

    def delete_conversation(self, conversation_id: int) -> None:
        with self.write():
            cursor = self.conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            if cursor.rowcount == 0:
                raise NotFound(f"there is no conversation {conversation_id}.")


_STEP_COLUMNS = tuple("assert_text" if s == "assert" else s for s in STEPS)
_CONVERSATION_COLUMNS = (
    "title",
    "with_whom",
    *_STEP_COLUMNS,
    "priority",
    "expected_distress",
    "expected",
    "created_utc",
    "created_offset",
    "held_utc",
    "held_offset",
    "distress_before",
    "distress_after",
    "outcome",
    "note",
)


def _conversation_values(c: Conversation) -> tuple[Any, ...]:
    created_utc, created_offset = clock.to_db(c.created_at)
    held_utc, held_offset = clock.to_db(c.held_at) if c.held_at is not None else (None, None)
    return (
        c.title,
        c.with_whom,
        *c.steps,
        c.priority,
        c.expected_distress,
        c.expected,
        created_utc,
        created_offset,
        held_utc,
        held_offset,
        c.before,
        c.after,
        c.outcome,
        c.note,
    )


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        uuid=row["uuid"],
        title=row["title"],
        with_whom=row["with_whom"],
        steps=tuple(row[column] for column in _STEP_COLUMNS),
        priority=row["priority"],
        expected_distress=row["expected_distress"],
        expected=row["expected"],
        created_at=clock.from_db(row["created_utc"], row["created_offset"]),
        held_at=None
        if row["held_utc"] is None
        else clock.from_db(row["held_utc"], row["held_offset"]),
        before=row["distress_before"],
        after=row["distress_after"],
        outcome=row["outcome"],
        note=row["note"],
    )
