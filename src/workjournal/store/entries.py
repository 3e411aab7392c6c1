"""Entries and their labels: add, replace, delete, read, filter and search; the row -> Entry
mapping sits beside the queries."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuid_module
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from workjournal import clock
from workjournal.errors import (
    NotFound,
)
from workjournal.models import (
    Emotion,
    Entry,
    EntryFilter,
    LabelKind,
    NewEntry,
)
from workjournal.storage_errors import (
    damaged,
)
from workjournal.store.opening import BATCH, Connection
from workjournal.store.work import WorkStore

# An entry's label, with the copies of the label's kind and the entry's local day and mood that
# entry_labels keeps for the reports (see migrations.m001_journal): the one place they are set.
_INSERT_ENTRY_LABEL = (
    "INSERT INTO entry_labels (entry_id, label_id, position, intensity, kind, local_day, mood) "
    "SELECT e.id, l.id, ?, ?, l.kind, e.local_day, e.mood FROM labels l, entries e "
    "WHERE l.kind = ? AND l.name = ? AND e.id = ?"
)


def _label_list(kind: str, value: str) -> str:
    return (
        f"'[' || coalesce(group_concat(CASE WHEN kind = '{kind}' THEN {value} END, ','), '') || ']'"
    )


# An entry's labels as the JSON export writes them ('"triggers":[...],"tags":[...],
# "emotions":[...],"coping":[...]'), assembled by SQLite from entry_labels for the entry ``e``;
# values escaped with json_quote. One subquery reads the labels once, in position order: SQLite
# never flattens an ordered subquery into an aggregate, so group_concat sees the rows in that
# order. entries.labels_json keeps this text (see migrations.m008); this is what it is.
ENTRY_LABELS_JSON = (
    """(SELECT '"triggers":' || """
    + _label_list("trigger", "json_quote(name)")
    + """ || ',"tags":' || """
    + _label_list("tag", "json_quote(name)")
    + """ || ',"emotions":' || """
    # an emotion's object by concatenation: json_object() per row cost a quarter of the query
    + _label_list(
        "emotion",
        """'{"name":' || json_quote(name) || ',"intensity":' """
        """|| coalesce(intensity, 'null') || '}'""",
    )
    + """ || ',"coping":' || """
    + _label_list("coping", "json_quote(name)")
    + " FROM (SELECT l.kind, l.name, el.intensity FROM entry_labels el "
    "JOIN labels l ON l.id = el.label_id WHERE el.entry_id = e.id ORDER BY el.position))"
)


@lru_cache(maxsize=4096)
def _quoted(name: str) -> str:
    return json.dumps(name, ensure_ascii=False)


def labels_json(new: NewEntry) -> str:
    """:data:`ENTRY_LABELS_JSON`'s text from the entry's own lists (a test compares the two),
    for the writers that already hold them."""
    emotions = ",".join(
        f'{{"name":{_quoted(e.name)},"intensity":{"null" if e.intensity is None else e.intensity}}}'
        for e in new.emotions
    )
    return (
        f'"triggers":[{",".join(map(_quoted, new.triggers))}],'
        f'"tags":[{",".join(map(_quoted, new.tags))}],'
        f'"emotions":[{emotions}],'
        f'"coping":[{",".join(map(_quoted, new.coping))}]'
    )


def _local(local_text: str, utc_text: str, offset: int) -> datetime:
    moment = datetime.fromisoformat(local_text)
    # A UTC text written without its "+00:00" has a local copy without it too.
    return moment if moment.tzinfo is not None else clock.from_db(utc_text, offset)


def _emotion(
    cache: dict[tuple[str, int | None], Emotion], name: str, intensity: int | None
) -> Emotion:
    key = (name, intensity)
    value = cache.get(key)
    if value is None:
        value = cache[key] = Emotion(name, intensity)
    return value


def _labels_from_copies(
    kept: Sequence[tuple[int, str]], emotions: dict[tuple[str, int | None], Emotion]
) -> dict[int, dict[str, list[Any]]]:
    """The labels of each ``(entry id, labels_json)`` whose copy reads back whole: decoded for
    the batch in one call. A copy that does not (only editing the file by hand makes one) is
    left out, for the caller to read that entry's labels from entry_labels, the source."""
    try:
        decoded = json.loads("[{" + "},{".join(text for _, text in kept) + "}]")
    except ValueError:
        decoded = None
    if not isinstance(decoded, list) or len(decoded) != len(kept):
        decoded = []
        for _, text in kept:
            try:
                decoded.append(json.loads("{" + text + "}"))
            except ValueError:
                decoded.append(None)
    labels: dict[int, dict[str, list[Any]]] = {}
    for (entry_id, _), found in zip(kept, decoded, strict=True):
        read = _copy_labels(found, emotions)
        if read is not None:
            labels[entry_id] = read
    return labels


def _copy_labels(
    found: Any, emotions: dict[tuple[str, int | None], Emotion]
) -> dict[str, list[Any]] | None:
    """One entry's labels from its decoded copy, or None when the copy is not in the shape the
    store writes: four lists, of names as text and of emotions with a text name and a whole
    number or null intensity."""
    try:
        triggers, tags, coping, felt = (
            found["triggers"],
            found["tags"],
            found["coping"],
            found["emotions"],
        )
        if not (
            type(triggers) is list
            and type(tags) is list
            and type(coping) is list
            and type(felt) is list
        ):
            return None
        "".join([*triggers, *tags, *coping])  # join() refuses anything but text
        read = []
        for e in felt:
            name, intensity = e["name"], e["intensity"]
            if type(name) is not str or not (intensity is None or type(intensity) is int):
                return None
            read.append(_emotion(emotions, name, intensity))
    except (TypeError, KeyError):  # not an object, or one without the four lists
        return None
    return {"trigger": triggers, "tag": tags, "emotion": read, "coping": coping}


class EntriesStore(Connection, WorkStore):
    """Entries and labels."""

    def add_entry(self, new: NewEntry, *, created_at: datetime, uuid: str | None = None) -> Entry:
        with self.write():
            entry_id = self._insert_entry(new, created_at=created_at, uuid=uuid)
        return self.get_entry(entry_id)

    def add_entries(self, news: Sequence[NewEntry], *, created_at: datetime | None = None) -> int:
        """Insert many entries in one transaction: all of them, or none. Without
        ``created_at`` each entry counts as written at the moment it records."""
        with self.write():
            for new in news:
                self._insert_entry(new, created_at=created_at or new.occurred_at, uuid=None)
        return len(news)

    def _insert_entry(self, new: NewEntry, *, created_at: datetime, uuid: str | None) -> int:
        occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
        created_utc, created_offset = clock.to_db(created_at)
        cursor = self.conn.execute(
            "INSERT INTO entries (uuid, occurred_utc, occurred_offset, created_utc, "
            "created_offset, text, mood, private, discuss) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uuid or str(uuid_module.uuid4()),
                occurred_utc,
                occurred_offset,
                created_utc,
                created_offset,
                new.text,
                new.mood,
                int(new.private),
                int(new.discuss),
            ),
        )
        entry_id = cursor.lastrowid
        assert entry_id is not None
        self._insert_labels(entry_id, new)
        return entry_id

    def _insert_labels(self, entry_id: int, new: NewEntry) -> None:
        rows: list[tuple[LabelKind, str, int | None]] = [
            *(("trigger", name, None) for name in new.triggers),
            *(("tag", name, None) for name in new.tags),
            *(("emotion", e.name, e.intensity) for e in new.emotions),
            *(("coping", name, None) for name in new.coping),
        ]
        for position, (kind, name, intensity) in enumerate(rows):
            self.conn.execute(
                "INSERT INTO labels (kind, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (kind, name),
            )
            self.conn.execute(_INSERT_ENTRY_LABEL, (position, intensity, kind, name, entry_id))
        # after the links: each link's trigger resets the copy (see migrations.m008)
        self.conn.execute(
            "UPDATE entries SET labels_json = ? WHERE id = ?", (labels_json(new), entry_id)
        )

    def replace_entry(self, entry_id: int, new: NewEntry, *, updated_at: datetime) -> Entry:
        """Overwrite an entry's fields and labels, keeping its id, uuid and created time."""
        occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
        with self.write():
            cursor = self.conn.execute(
                "UPDATE entries SET occurred_utc = ?, occurred_offset = ?, updated_utc = ?, "
                "text = ?, mood = ?, private = ?, discuss = ? WHERE id = ?",
                (
                    occurred_utc,
                    occurred_offset,
                    clock.utc_text(updated_at),
                    new.text,
                    new.mood,
                    int(new.private),
                    int(new.discuss),
                    entry_id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFound(f"there is no entry {entry_id}.")
            self.conn.execute("DELETE FROM entry_labels WHERE entry_id = ?", (entry_id,))
            self._insert_labels(entry_id, new)
        return self.get_entry(entry_id)

    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry for good: its row and index cells are zeroed (``secure_delete``),
        the full-text index is rebuilt without its words (an FTS5 delete only adds a
        tombstone until the segments are merged), labels no entry uses any more go, and the
        WAL is checkpointed so no old page keeps a copy."""
        with self.write():
            cursor = self.conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            if cursor.rowcount == 0:
                raise NotFound(f"there is no entry {entry_id}.")
            self._drop_unused_labels()
            self.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")
        self.checkpoint()

    def _drop_unused_labels(self) -> None:
        """Forget trigger, tag, emotion and coping names that no entry uses any more, so
        completion and the guided flow stop offering them."""
        self.conn.execute(
            "DELETE FROM labels WHERE NOT EXISTS "
            "(SELECT 1 FROM entry_labels el WHERE el.label_id = labels.id)"
        )

    def get_entry(self, entry_id: int) -> Entry:
        row = self.conn.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise NotFound(f"there is no entry {entry_id}. `journal list` shows the ids.")
        return self._entries_from_rows([row])[0]

    def count_entries(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def iter_entries(
        self, flt: EntryFilter | None = None, *, answering_prompt: bool = False
    ) -> Iterator[Entry]:
        """Entries matching ``flt``, streamed in batches so 100,000 entries stay small (only
        those that answer a reflection prompt with ``answering_prompt``)."""
        sql, params = _entry_query(flt or EntryFilter(), answering_prompt=answering_prompt)
        cursor = self.conn.execute(sql, params)
        while True:
            rows = cursor.fetchmany(BATCH)
            if not rows:
                return
            yield from self._entries_from_rows(rows)

    def count_matching(self, flt: EntryFilter) -> int:
        """How many entries match ``flt`` (at most its limit). Counted unordered: SQLite then
        counts without sorting every row first (0.003 s instead of 0.11 s for 100,000)."""
        sql, params = _entry_query(flt, ordered=False)
        total = int(self.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
        return total if flt.limit is None else min(total, flt.limit)

    def list_entries(self, flt: EntryFilter | None = None) -> list[Entry]:
        return list(self.iter_entries(flt))

    def _entries_from_rows(self, rows: Sequence[sqlite3.Row]) -> list[Entry]:
        ids = [row["id"] for row in rows]
        labels: dict[int, dict[str, list[Any]]] = {}
        # One Emotion per (name, intensity): a whole journal repeats a few hundred of them.
        emotions: dict[tuple[str, int | None], Emotion] = {}
        # Most entries keep their labels as JSON text (entries.labels_json, never stale: see
        # migrations.m008), decoded here for the whole batch in one call; the rest are read
        # from entry_labels.
        kept = [(row["id"], row["labels_json"]) for row in rows if row["labels_json"] is not None]
        if kept:
            labels = _labels_from_copies(kept, emotions)
        missing = [i for i in ids if i not in labels]
        for i in missing:
            labels[i] = {"trigger": [], "tag": [], "emotion": [], "coping": []}
        if missing:
            # A second cursor: the caller may still be reading from the entries cursor.
            cursor = self.conn.cursor()
            cursor.row_factory = None
            for entry_id, kind, name, intensity in cursor.execute(
                "SELECT el.entry_id, l.kind, l.name, el.intensity FROM entry_labels el "
                "JOIN labels l ON l.id = el.label_id "
                "WHERE el.entry_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY el.entry_id, el.position",
                (json.dumps(missing),),
            ):
                if kind == "emotion":
                    labels[entry_id][kind].append(_emotion(emotions, name, intensity))
                else:
                    labels[entry_id][kind].append(name)
        prompts = self.entry_prompts(ids)  # the reflection prompt each one answers (store/work.py)
        try:
            return [self._entry(row, labels[row["id"]], prompts.get(row["id"])) for row in rows]
        except (ValueError, TypeError, KeyError, OverflowError):
            raise damaged(self.path) from None  # a row no version of workjournal writes

    @staticmethod
    def _entry(
        row: sqlite3.Row,
        found: dict[str, list[Any]],
        prompt: dict[str, str] | None = None,
    ) -> Entry:
        return Entry(
            id=row["id"],
            uuid=row["uuid"],
            # The stored local texts (generated by SQLite from the UTC text and offset) are
            # the same moments in their own offsets: one parse instead of parse and convert.
            occurred_at=_local(row["occurred_local"], row["occurred_utc"], row["occurred_offset"]),
            created_at=_local(row["created_local"], row["created_utc"], row["created_offset"]),
            text=row["text"],
            mood=row["mood"],
            triggers=tuple(found["trigger"]),
            tags=tuple(found["tag"]),
            emotions=tuple(found["emotion"]),
            coping=tuple(found["coping"]),
            private=bool(row["private"]),
            discuss=bool(row["discuss"]),
            updated_at=(
                clock.from_db(row["updated_utc"], row["occurred_offset"])
                if row["updated_utc"]
                else None
            ),
            prompt=prompt,
        )

    def first_local_day(self, flt: EntryFilter) -> str | None:
        """The earliest local day (ISO text) of the entries matching ``flt``, or None."""
        sql, params = _entry_query(replace(flt, limit=None), ordered=False)
        row = self.conn.execute(f"SELECT min(local_day) FROM ({sql})", params).fetchone()
        return None if row is None else row[0]

    def entries_answering_prompts(self, flt: EntryFilter) -> list[Entry]:
        """The entries matching ``flt`` that answer a reflection prompt, oldest first."""
        return list(self.iter_entries(flt, answering_prompt=True))

    def summary_day_totals(
        self, flt: EntryFilter, first_day: str, last_day: str
    ) -> list[tuple[str, int, int, int, int | None, int | None, int]]:
        """Per local day (ISO text) from ``first_day`` to ``last_day`` with an entry matching
        ``flt``: ``(day, entries, sum of moods, number of moods, lowest mood, highest mood,
        entries written down more than a day after the moment)``, summed by SQLite from each
        entry's stored local day (never a UTC date). Moments are stored to the second, so the
        "more than a day" comparison is exact."""
        sql, params = _in_local_days(flt, first_day, last_day)
        return self._plain_rows(
            "SELECT local_day, count(*), coalesce(sum(mood), 0), count(mood), min(mood), "
            "max(mood), sum(unixepoch(created_utc) - unixepoch(occurred_utc) > 86400) "
            f"FROM ({sql}) GROUP BY local_day",
            params,
        )

    def summary_label_totals(
        self, flt: EntryFilter, first_day: str, last_day: str, kinds: Sequence[LabelKind]
    ) -> list[tuple[str, str, int, int, int, int, int, int]]:
        """Per label of ``kinds`` on the entries :meth:`summary_day_totals` counts: ``(kind,
        name, entries, sum of their moods, number of moods, days with a mood, sum of
        intensities, number of intensities)``. Moods and days are read from the entries
        themselves, not from entry_labels' copies."""
        sql, params = _in_local_days(flt, first_day, last_day)
        return self._plain_rows(
            "SELECT l.kind, l.name, count(*), coalesce(sum(e.mood), 0), count(e.mood), "
            "count(DISTINCT CASE WHEN e.mood IS NOT NULL THEN e.local_day END), "
            "coalesce(sum(el.intensity), 0), count(el.intensity) "
            f"FROM ({sql}) e CROSS JOIN entry_labels el ON el.entry_id = e.id "
            "JOIN labels l ON l.id = el.label_id "
            "WHERE l.kind IN (SELECT value FROM json_each(?)) GROUP BY l.id",
            [*params, json.dumps(list(kinds))],
        )

    def discuss_ids(self, flt: EntryFilter, first_day: str, last_day: str) -> list[int]:
        """Ids of the entries :meth:`summary_day_totals` counts that are flagged to discuss,
        oldest first."""
        sql, params = _in_local_days(replace(flt, discuss=True), first_day, last_day)
        rows = self._plain_rows(f"SELECT id FROM ({sql}) ORDER BY occurred_utc, id", params)
        return [row[0] for row in rows]

    def label_names(self, kind: LabelKind, *, prefix: str = "", limit: int = 50) -> list[str]:
        """Names of one kind, most used first: what completion and the guided flow offer."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute(
            "SELECT l.name FROM labels l LEFT JOIN entry_labels el ON el.label_id = l.id "
            "WHERE l.kind = ? AND l.name LIKE ? ESCAPE '\\' "
            "GROUP BY l.id ORDER BY count(el.entry_id) DESC, l.name LIMIT ?",
            (kind, escaped + "%", limit),
        )
        return [row[0] for row in rows]


def fts_query(text: str) -> str:
    """Make any user text a safe FTS5 query: every word is a quoted prefix phrase, so quotes,
    ``AND``, ``NEAR(`` and ``*`` are searched for as words, never parsed as syntax."""
    words = text.split()
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _in_local_days(flt: EntryFilter, first_day: str, last_day: str) -> tuple[str, list[Any]]:
    """The entries matching ``flt`` (unordered, unlimited) whose stored local day is from
    ``first_day`` to ``last_day``."""
    return _entry_query(replace(flt, limit=None), ordered=False, local_days=(first_day, last_day))


def _entry_query(
    flt: EntryFilter,
    *,
    ordered: bool = True,
    answering_prompt: bool = False,
    local_days: tuple[str, str] | None = None,
) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if answering_prompt:
        where.append("id IN (SELECT entry_id FROM entry_prompts)")
    if local_days is not None:  # the entries' own stored local days, first to last
        where.append("local_day BETWEEN ? AND ?")
        params.extend(local_days)
    if flt.since is not None:
        where.append("occurred_utc >= ?")
        params.append(clock.utc_text(flt.since))
    if flt.until is not None:
        where.append("occurred_utc <= ?")
        params.append(clock.utc_text(flt.until))
    for kind, names in (("trigger", flt.triggers), ("tag", flt.tags), ("emotion", flt.emotions)):
        for name in names:
            where.append(
                "id IN (SELECT el.entry_id FROM entry_labels el JOIN labels l "
                "ON l.id = el.label_id WHERE l.kind = ? AND l.name = ?)"
            )
            params.extend((kind, name))
    if flt.mood_min is not None:
        where.append("mood >= ?")
        params.append(flt.mood_min)
    if flt.mood_max is not None:
        where.append("mood <= ?")
        params.append(flt.mood_max)
    if flt.search is not None:
        query = fts_query(flt.search)
        if query:
            where.append("id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
            params.append(query)
    if flt.discuss:
        where.append("discuss = 1")
    if not flt.include_private:
        where.append("private = 0")
    sql = "SELECT * FROM entries"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if not ordered:
        return sql, params
    order = "DESC" if flt.newest_first else "ASC"
    sql += f" ORDER BY occurred_utc {order}, id {order}"
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(flt.limit)
    return sql, params
