"""The records kept between sessions: homework and its completions, therapy sessions, thought
records, check-ins and the safety plan; the row -> model mapping sits beside the queries."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuid_module
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from workjournal import clock
from workjournal.errors import (
    ImportRejected,
    NotFound,
)
from workjournal.models import (
    KINDS,
    SAFETY_SECTION_KEYS,
    THOUGHT_TEXT_FIELDS,
    Checkin,
    Emotion,
    ExportScope,
    Homework,
    HomeworkLog,
    ImportResult,
    NewHomework,
    NewHomeworkLog,
    NewThoughtRecord,
    SafetyPlan,
    Session,
    ThoughtRecord,
    score,
)
from workjournal.store.opening import Connection


class BetweenStore(Connection):
    """Homework, sessions, thought records, check-ins, the safety plan."""

    def add_homework(self, new: NewHomework, *, created_at: datetime) -> Homework:
        created_utc, created_offset = clock.to_db(created_at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO homework (uuid, title, per_week, until_date, note, set_by, "
                "created_utc, created_offset, start_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    new.title,
                    new.per_week,
                    None if new.until is None else new.until.isoformat(),
                    new.note,
                    new.set_by,
                    created_utc,
                    created_offset,
                    None if new.starts is None else new.starts.isoformat(),
                ),
            )
        assert cursor.lastrowid is not None
        return self.get_homework(cursor.lastrowid)

    def get_homework(self, homework_id: int) -> Homework:
        row = self.conn.execute("SELECT * FROM homework WHERE id = ?", (homework_id,)).fetchone()
        if row is None:
            raise NotFound(
                f"there is no homework {homework_id}. `journal homework list --all` shows the ids."
            )
        return _homework(row)

    def list_homework(self) -> list[Homework]:
        """Every assignment, oldest first (open and closed)."""
        rows = self.conn.execute("SELECT * FROM homework ORDER BY created_utc, id")
        return [_homework(row) for row in rows]

    def close_homework(self, homework_id: int, *, closed_at: datetime) -> Homework:
        """Mark an assignment finished; closing a closed one changes nothing."""
        with self.write():
            self.get_homework(homework_id)
            self.conn.execute(
                "UPDATE homework SET closed_utc = ? WHERE id = ? AND closed_utc IS NULL",
                (clock.utc_text(closed_at), homework_id),
            )
        return self.get_homework(homework_id)

    def log_homework(self, new: NewHomeworkLog, *, created_at: datetime) -> HomeworkLog:
        done_utc, done_offset = clock.to_db(new.done_at)
        with self.write():
            self.get_homework(new.homework_id)
            cursor = self.conn.execute(
                "INSERT INTO homework_log (uuid, homework_id, done_utc, done_offset, created_utc, "
                "rating, distress_before, distress_after, note, partial) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    new.homework_id,
                    done_utc,
                    done_offset,
                    clock.utc_text(created_at),
                    new.rating,
                    new.distress_before,
                    new.distress_after,
                    new.note,
                    int(new.partial),
                ),
            )
        row = self.conn.execute(
            "SELECT * FROM homework_log WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
        return _homework_log(row)

    def homework_logs(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[HomeworkLog]:
        """Logged practice, oldest first. Bounds compare UTC moments: callers that bucket by
        local day should widen them by a day on each side and filter by day themselves."""
        sql, params = _range_query("homework_log", "done_utc", since, until)
        return [_homework_log(row) for row in self.conn.execute(sql, params)]

    def logs_of_homework(self, homework_id: int) -> list[HomeworkLog]:
        """Every time one assignment was logged, oldest first (``homework show``)."""
        rows = self.conn.execute(
            "SELECT * FROM homework_log WHERE homework_id = ? ORDER BY done_utc, id",
            (homework_id,),
        )
        return [_homework_log(row) for row in rows]

    def homework_logs_for_progress(self, since: datetime, until: datetime) -> list[HomeworkLog]:
        """What homework progress over a span needs, oldest first: every log from ``since`` to
        ``until``, plus each assignment's latest log up to ``until`` (its "last done"). Reading
        only these keeps the weekly review fast however many years of practice are logged."""
        rows = self.conn.execute(
            "SELECT * FROM homework_log WHERE done_utc BETWEEN :since AND :until "
            "UNION SELECT * FROM homework_log WHERE id IN ("
            "  SELECT id FROM ("
            "    SELECT id, row_number() OVER ("
            "      PARTITION BY homework_id ORDER BY done_utc DESC, id DESC) AS newest "
            "    FROM homework_log WHERE done_utc <= :until) "
            "  WHERE newest = 1) "
            "ORDER BY done_utc, id",
            {"since": clock.utc_text(since), "until": clock.utc_text(until)},
        )
        return [_homework_log(row) for row in rows]

    def add_session(self, at: datetime, *, note: str, created_at: datetime) -> Session:
        at_utc, at_offset = clock.to_db(at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO sessions (uuid, at_utc, at_offset, created_utc, note) "
                "VALUES (?, ?, ?, ?, ?)",
                (str(uuid_module.uuid4()), at_utc, at_offset, clock.utc_text(created_at), note),
            )
        row = self.conn.execute("SELECT * FROM sessions WHERE id = ?", (cursor.lastrowid,))
        return _session(row.fetchone())

    def list_sessions(self) -> list[Session]:
        """Every recorded session, oldest first."""
        rows = self.conn.execute("SELECT * FROM sessions ORDER BY at_utc, id")
        return [_session(row) for row in rows]

    def add_thought_record(self, new: NewThoughtRecord, *, created_at: datetime) -> ThoughtRecord:
        occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO thought_records (uuid, occurred_utc, occurred_offset, created_utc, "
                "situation, emotions_before, automatic_thought, evidence_for, evidence_against, "
                "balanced_thought, emotions_after, private) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    occurred_utc,
                    occurred_offset,
                    clock.utc_text(created_at),
                    new.situation,
                    _emotions_json(new.emotions_before),
                    new.automatic_thought,
                    new.evidence_for,
                    new.evidence_against,
                    new.balanced_thought,
                    _emotions_json(new.emotions_after),
                    int(new.private),
                ),
            )
        assert cursor.lastrowid is not None
        return self.get_thought_record(cursor.lastrowid)

    def get_thought_record(self, record_id: int) -> ThoughtRecord:
        row = self.conn.execute(
            "SELECT * FROM thought_records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise NotFound(
                f"there is no thought record {record_id}. `journal thought list` shows the ids."
            )
        return _thought_record(row)

    def list_thought_records(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[ThoughtRecord]:
        """Thought records, oldest first."""
        sql, params = _range_query("thought_records", "occurred_utc", since, until)
        return [_thought_record(row) for row in self.conn.execute(sql, params)]

    def add_checkin(
        self,
        instrument: str,
        answers: Sequence[int],
        *,
        taken_at: datetime,
        created_at: datetime,
        difficulty: int | None = None,
    ) -> Checkin:
        from workjournal.checkins import check_difficulty

        total = score(instrument, answers)
        check_difficulty(difficulty)
        taken_utc, taken_offset = clock.to_db(taken_at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO checkins (uuid, instrument, taken_utc, taken_offset, created_utc, "
                "answers, total, difficulty) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    instrument,
                    taken_utc,
                    taken_offset,
                    clock.utc_text(created_at),
                    json.dumps(list(answers)),
                    total,
                    difficulty,
                ),
            )
        row = self.conn.execute("SELECT * FROM checkins WHERE id = ?", (cursor.lastrowid,))
        return _checkin(row.fetchone())

    def list_checkins(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[Checkin]:
        """Check-ins of both forms, oldest first."""
        sql, params = _range_query("checkins", "taken_utc", since, until)
        return [_checkin(row) for row in self.conn.execute(sql, params)]

    def last_checkin(self) -> Checkin | None:
        row = self.conn.execute(
            "SELECT * FROM checkins ORDER BY taken_utc DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else _checkin(row)

    def safety_plan(self) -> SafetyPlan:
        rows = self.conn.execute("SELECT section, body, updated_utc FROM safety_plan").fetchall()
        order = {key: i for i, key in enumerate(SAFETY_SECTION_KEYS)}
        rows.sort(key=lambda row: order.get(row["section"], len(order)))
        updated = max((row["updated_utc"] for row in rows), default=None)
        return SafetyPlan(
            sections=tuple((row["section"], row["body"]) for row in rows),
            updated_at=None if updated is None else clock.from_db(updated, 0),
        )

    def set_safety_plan_sections(
        self, sections: Sequence[tuple[str, str]], *, updated_at: datetime
    ) -> SafetyPlan:
        """Write the given sections (empty text removes a section) in one transaction."""
        with self.write():
            for section, body in sections:
                if body.strip():
                    self.conn.execute(
                        "INSERT INTO safety_plan (section, body, updated_utc) VALUES (?, ?, ?) "
                        "ON CONFLICT (section) DO UPDATE SET body = excluded.body, "
                        "updated_utc = excluded.updated_utc",
                        (section, body, clock.utc_text(updated_at)),
                    )
                else:
                    self.conn.execute("DELETE FROM safety_plan WHERE section = ?", (section,))
        return self.safety_plan()

    def last_session_at(self, *, before: datetime) -> datetime | None:
        """When the most recent therapy session up to ``before`` took place (sessions booked
        ahead do not count)."""
        row = self.conn.execute(
            "SELECT at_utc, at_offset FROM sessions WHERE at_utc <= ? "
            "ORDER BY at_utc DESC, id DESC LIMIT 1",
            (clock.utc_text(before),),
        ).fetchone()
        return None if row is None else clock.from_db(row[0], row[1])

    # -- between sessions: row -> model ------------------------------------------------------------

    # -- edit and delete, for every kind the same way ----------------------------------------------

    def _one(self, kind_name: str, record_id: int) -> Any:
        kind = KINDS[kind_name]
        row = self.conn.execute(f"SELECT * FROM {kind.table} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFound(_missing(kind_name, record_id))
        return row

    def delete_record(self, kind_name: str, record_id: int) -> None:
        """Delete one record of a kind with rows (a homework takes its completions with it)."""
        kind = KINDS[kind_name]
        with self.write():
            cursor = self.conn.execute(f"DELETE FROM {kind.table} WHERE id = ?", (record_id,))
            if cursor.rowcount == 0:
                raise NotFound(_missing(kind_name, record_id))

    def get_session(self, session_id: int) -> Session:
        return _session(self._one("sessions", session_id))

    def get_checkin(self, checkin_id: int) -> Checkin:
        return _checkin(self._one("checkins", checkin_id))

    def get_homework_log(self, log_id: int) -> HomeworkLog:
        return _homework_log(self._one("homework_log", log_id))

    def count_homework_logs(self, homework_id: int) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM homework_log WHERE homework_id = ?", (homework_id,)
        ).fetchone()
        return int(row[0])

    def update_session(self, session_id: int, *, at: datetime, note: str) -> Session:
        at_utc, at_offset = clock.to_db(at)
        with self.write():
            self._one("sessions", session_id)
            self.conn.execute(
                "UPDATE sessions SET at_utc = ?, at_offset = ?, note = ? WHERE id = ?",
                (at_utc, at_offset, note, session_id),
            )
        return self.get_session(session_id)

    def update_thought_record(self, record_id: int, new: NewThoughtRecord) -> ThoughtRecord:
        """Replace a thought record's fields, keeping its id, uuid and created time."""
        occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
        with self.write():
            self._one("thought_records", record_id)
            self.conn.execute(
                "UPDATE thought_records SET occurred_utc = ?, occurred_offset = ?, situation = ?, "
                "emotions_before = ?, automatic_thought = ?, evidence_for = ?, "
                "evidence_against = ?, balanced_thought = ?, emotions_after = ?, private = ? "
                "WHERE id = ?",
                (
                    occurred_utc,
                    occurred_offset,
                    new.situation,
                    _emotions_json(new.emotions_before),
                    new.automatic_thought,
                    new.evidence_for,
                    new.evidence_against,
                    new.balanced_thought,
                    _emotions_json(new.emotions_after),
                    int(new.private),
                    record_id,
                ),
            )
        return self.get_thought_record(record_id)

    def update_homework(self, homework_id: int, new: NewHomework) -> Homework:
        """Replace an assignment's title, target, last day and note."""
        with self.write():
            self._one("homework", homework_id)
            self.conn.execute(
                "UPDATE homework SET title = ?, per_week = ?, until_date = ?, note = ?, "
                "start_date = ? WHERE id = ?",
                (
                    new.title,
                    new.per_week,
                    None if new.until is None else new.until.isoformat(),
                    new.note,
                    None if new.starts is None else new.starts.isoformat(),
                    homework_id,
                ),
            )
        return self.get_homework(homework_id)

    # -- the JSON export and import (store/transfer.py calls these by the kind's name) -----------

    def export_homework(self, scope: ExportScope) -> list[dict[str, Any]]:
        """Every homework: the period cuts its completions, never the homework itself, so every
        completion finds its homework."""
        return [hw.to_json() for hw in self.list_homework()]

    def export_homework_log(self, scope: ExportScope) -> list[dict[str, Any]]:
        uuids = {hw.id: hw.uuid for hw in self.list_homework()}
        return [
            {**log.to_json(), "homework_uuid": uuids[log.homework_id]}
            for log in self.homework_logs(since=scope.since, until=scope.until)
        ]

    def export_sessions(self, scope: ExportScope) -> list[dict[str, Any]]:
        return [s.to_json() for s in self.list_sessions() if scope.holds(s.at)]

    def export_thought_records(self, scope: ExportScope) -> list[dict[str, Any]]:
        return [
            r.to_json()
            for r in self.list_thought_records(since=scope.since, until=scope.until)
            if scope.include_private or not r.private
        ]

    def export_checkins(self, scope: ExportScope) -> list[dict[str, Any]]:
        return [c.to_json() for c in self.list_checkins(since=scope.since, until=scope.until)]

    def export_safety_plan(self, scope: ExportScope) -> dict[str, Any] | None:
        """The plan as one object, or None when none was written."""
        plan = self.safety_plan()
        return None if plan.is_empty() else plan.to_json()

    def import_homework(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        created_utc, created_offset = clock.to_db(row["created_at"])
        values = {
            "uuid": row["uuid"],
            "title": row["title"],
            "per_week": row["per_week"],
            "until_date": row["until_date"],
            "note": row["note"],
            "set_by": row["set_by"],
            "created_utc": created_utc,
            "created_offset": created_offset,
            "closed_utc": clock.utc_text(row["closed_at"]) if row["closed_at"] else None,
        }
        # A homework added without --from keeps no start date and counts from the day it was
        # added; its export names that day. The same homework, then, when the days agree.
        starts = row.get("starts") or row["created_at"].date().isoformat()
        if known:
            result = self._bring("homework", values, known=True)
            stored = self.conn.execute(
                "SELECT coalesce(start_date, date(created_utc, created_offset || ' minutes')) "
                "FROM homework WHERE uuid = ?",
                (row["uuid"],),
            ).fetchone()
            return "conflict" if result == "kept" and stored[0] != starts else result
        return self._bring("homework", {**values, "start_date": row.get("starts")}, known=False)

    def import_homework_log(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        found = self.conn.execute(
            "SELECT id FROM homework WHERE uuid = ?", (row["homework_uuid"],)
        ).fetchone()
        if found is None:
            if known:  # a completion of a homework this journal does not have
                return "conflict"
            raise ImportRejected(
                f"homework log {number}: its homework ({row['homework_uuid']}) is neither "
                "in the file nor in the journal. Nothing was imported."
            )
        done_utc, done_offset = clock.to_db(row["done_at"])
        values = {
            "uuid": row["uuid"],
            "homework_id": found[0],
            "done_utc": done_utc,
            "done_offset": done_offset,
            "created_utc": clock.utc_text(row["created_at"]),
            "rating": row["rating"],
            "distress_before": row["distress_before"],
            "distress_after": row["distress_after"],
            "note": row["note"],
            "partial": int(row["partial"]),
        }
        return self._bring("homework_log", values, known=known)

    def import_sessions(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        at_utc, at_offset = clock.to_db(row["at"])
        values = {
            "uuid": row["uuid"],
            "at_utc": at_utc,
            "at_offset": at_offset,
            "created_utc": clock.utc_text(row["created_at"]),
            "note": row["note"],
        }
        return self._bring("sessions", values, known=known)

    def import_thought_records(
        self, row: dict[str, Any], *, number: int, known: bool
    ) -> ImportResult:
        occurred_utc, occurred_offset = clock.to_db(row["occurred_at"])
        values = {
            "uuid": row["uuid"],
            "occurred_utc": occurred_utc,
            "occurred_offset": occurred_offset,
            "created_utc": clock.utc_text(row["created_at"]),
            **{key: row[key] for key in THOUGHT_TEXT_FIELDS},
            "emotions_before": json.dumps(row["emotions_before"], ensure_ascii=False),
            "emotions_after": json.dumps(row["emotions_after"], ensure_ascii=False),
            "private": int(row["private"]),
        }
        return self._bring("thought_records", values, known=known)

    def import_checkins(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        from workjournal.checkins import parse_difficulty_label

        taken_utc, taken_offset = clock.to_db(row["taken_at"])
        values = {
            "uuid": row["uuid"],
            "instrument": row["instrument"],
            "taken_utc": taken_utc,
            "taken_offset": taken_offset,
            "created_utc": clock.utc_text(row["created_at"]),
            "answers": json.dumps(row["answers"]),
            "total": row["total"],
            "difficulty": parse_difficulty_label(row.get("difficulty")),
        }
        return self._bring("checkins", values, known=known)

    def import_safety_plan(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        """A plan goes into a journal that has none; a different one already there is kept."""
        mine = self.safety_plan()
        theirs = {key: body for key, body in row["sections"] if body.strip()}
        if not mine.is_empty():
            return "kept" if dict(mine.written_sections()) == theirs else "conflict"
        for key, body in theirs.items():
            self.conn.execute(
                "INSERT INTO safety_plan (section, body, updated_utc) VALUES (?, ?, ?)",
                (key, body, clock.utc_text(row["updated_at"])),
            )
        return "added"

    def _bring(self, table: str, values: dict[str, Any], *, known: bool) -> ImportResult:
        """Insert a record stored as ``values`` (its columns); or, when the journal has its
        uuid already, keep the journal's and say whether its stored columns differ."""
        columns = ", ".join(values)
        if known:
            stored = self.conn.execute(
                f"SELECT {columns} FROM {table} WHERE uuid = ?", (values["uuid"],)
            ).fetchone()
            same = stored is not None and tuple(stored) == tuple(values.values())
            return "kept" if same else "conflict"
        marks = ", ".join("?" for _ in values)
        self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())
        )
        return "added"


_LISTED_BY = {
    "homework": "journal homework list --all",
    "homework_log": "journal homework show HOMEWORK_ID",
    "sessions": "journal session list",
    "thought_records": "journal thought list",
    "checkins": "journal checkin history",
}


def _missing(kind_name: str, record_id: int) -> str:
    kind = KINDS[kind_name]
    hint = f" `{_LISTED_BY[kind_name]}` shows the ids." if kind_name in _LISTED_BY else ""
    return f"there is no {kind.one} {record_id}.{hint}"


def _range_query(
    table: str, column: str, since: datetime | None, until: datetime | None
) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(clock.utc_text(since))
    if until is not None:
        where.append(f"{column} <= ?")
        params.append(clock.utc_text(until))
    sql = f"SELECT * FROM {table}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + f" ORDER BY {column}, id", params


def _emotions_json(emotions: Sequence[Emotion]) -> str:
    return json.dumps([e.to_json() for e in emotions], ensure_ascii=False)


def _emotions_from_json(text: str) -> tuple[Emotion, ...]:
    return tuple(Emotion(item["name"], item.get("intensity")) for item in json.loads(text))


def _homework(row: sqlite3.Row) -> Homework:
    offset = row["created_offset"]
    return Homework(
        id=row["id"],
        uuid=row["uuid"],
        title=row["title"],
        per_week=row["per_week"],
        until=None if row["until_date"] is None else date.fromisoformat(row["until_date"]),
        note=row["note"],
        set_by=row["set_by"],
        created_at=clock.from_db(row["created_utc"], offset),
        closed_at=None if row["closed_utc"] is None else clock.from_db(row["closed_utc"], offset),
        starts=None if row["start_date"] is None else date.fromisoformat(row["start_date"]),
    )


def _homework_log(row: sqlite3.Row) -> HomeworkLog:
    return HomeworkLog(
        id=row["id"],
        uuid=row["uuid"],
        homework_id=row["homework_id"],
        done_at=clock.from_db(row["done_utc"], row["done_offset"]),
        created_at=clock.from_db(row["created_utc"], row["done_offset"]),
        rating=row["rating"],
        distress_before=row["distress_before"],
        distress_after=row["distress_after"],
        note=row["note"],
        partial=bool(row["partial"]),
    )


def _session(row: sqlite3.Row) -> Session:
    return Session(
        id=row["id"],
        uuid=row["uuid"],
        at=clock.from_db(row["at_utc"], row["at_offset"]),
        created_at=clock.from_db(row["created_utc"], row["at_offset"]),
        note=row["note"],
    )


def _thought_record(row: sqlite3.Row) -> ThoughtRecord:
    return ThoughtRecord(
        id=row["id"],
        uuid=row["uuid"],
        occurred_at=clock.from_db(row["occurred_utc"], row["occurred_offset"]),
        created_at=clock.from_db(row["created_utc"], row["occurred_offset"]),
        situation=row["situation"],
        emotions_before=_emotions_from_json(row["emotions_before"]),
        automatic_thought=row["automatic_thought"],
        evidence_for=row["evidence_for"],
        evidence_against=row["evidence_against"],
        balanced_thought=row["balanced_thought"],
        emotions_after=_emotions_from_json(row["emotions_after"]),
        private=bool(row["private"]),
    )


def _checkin(row: sqlite3.Row) -> Checkin:
    return Checkin(
        id=row["id"],
        uuid=row["uuid"],
        instrument=row["instrument"],
        taken_at=clock.from_db(row["taken_utc"], row["taken_offset"]),
        created_at=clock.from_db(row["created_utc"], row["taken_offset"]),
        answers=tuple(int(a) for a in json.loads(row["answers"])),
        total=row["total"],
        difficulty=row["difficulty"],
    )
