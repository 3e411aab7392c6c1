"""Moving records in and out: the JSON export's rows and the one-transaction import."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from workjournal import clock
from workjournal.models import (
    KINDS,
    RECORD_KINDS,
    EntryFilter,
    ExportScope,
    NewEntry,
)
from workjournal.store.between import BetweenStore
from workjournal.store.cards import CardTransfer
from workjournal.store.entries import (
    ENTRY_LABELS_JSON,
    EntriesStore,
    _entry_query,
    labels_json,
)
from workjournal.store.opening import BATCH
from workjournal.store.reminders import ReminderTransfer
from workjournal.store.work import ENTRY_PROMPT_JSON


class ImportedEntryLike(Protocol):
    """What ``Store.import_all`` needs of an imported entry (see workjournal.importers)."""

    @property
    def uuid(self) -> str: ...
    @property
    def entry(self) -> NewEntry: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def prompt(self) -> dict[str, str] | None: ...


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: how many records of each kind were added, and the records whose uuid
    was already in the journal with different content (kept as they are in the journal), by
    kind, as uuids."""

    added: dict[str, int]
    conflicts: dict[str, list[str]] = field(default_factory=dict)


class TransferStore(EntriesStore, BetweenStore, CardTransfer, ReminderTransfer):
    """Export rows and the import."""

    def export_kind(
        self,
        name: str,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        include_private: bool = True,
    ) -> Any:
        """The JSON export (version 2) of one kind of record other than entries (see
        ``iter_entries_json``), oldest first, in the period where the kind has a moment: what
        the kind's own ``export_<name>`` method gives (see ``RecordKind``)."""
        if name not in KINDS or name == "entries":
            raise ValueError(name)
        scope = ExportScope(since=since, until=until, include_private=include_private)
        return getattr(self, f"export_{name}")(scope)

    # -- entries: the export's shape (moments as ISO text with their offset), keyed by uuid so
    # re-importing is idempotent.

    def iter_entries_json(self, flt: EntryFilter) -> Iterator[str]:
        """Entries matching ``flt`` as JSON texts in exactly the shape of ``Entry.to_json()``,
        built by SQLite itself: the JSON export of 100,000 entries then takes well under the
        2 s budget (building Entry objects first took about 4 s). A test compares the two shapes
        on generated journals."""
        sql, params = _entry_query(flt)
        order = "DESC" if flt.newest_first else "ASC"
        cursor = self.conn.execute(
            f"SELECT {_ENTRY_JSON} FROM ({sql}) e ORDER BY e.occurred_utc {order}, e.id {order}",
            params,
        )
        while True:
            rows = cursor.fetchmany(BATCH)
            if not rows:
                return
            for row in rows:
                yield row[0]

    def existing_uuids(self, table: str, uuids: Sequence[str]) -> set[str]:
        """Which of ``uuids`` are already in ``table`` (``entries`` or one of EXPORT_TABLES)."""
        if table not in ("entries", *EXPORT_TABLES):
            raise ValueError(table)
        found: set[str] = set()
        for start in range(0, len(uuids), BATCH):
            chunk = json.dumps(list(uuids[start : start + BATCH]))
            found.update(
                row[0]
                for row in self.conn.execute(
                    f"SELECT uuid FROM {table} WHERE uuid IN (SELECT value FROM json_each(?))",
                    (chunk,),
                )
            )
        return found

    def import_all(
        self, entries: Sequence[ImportedEntryLike], tables: Mapping[str, Any]
    ) -> dict[str, int]:
        """Insert everything new in ONE transaction; how many were added per kind (see
        ``import_batch``)."""
        return self.import_batch(entries, tables).added

    def import_batch(
        self, entries: Sequence[ImportedEntryLike], tables: Mapping[str, Any]
    ) -> ImportOutcome:
        """Insert everything new in ONE transaction: a failure leaves the journal as it was.
        Records whose uuid is already in the journal are kept as they are there; those whose
        content differs are reported in the outcome's ``conflicts``. A safety plan is imported
        into a journal that has none; a different one already there is kept and reported."""
        added = dict.fromkeys(KIND_NAMES, 0)
        conflicts: dict[str, list[str]] = {}
        with self.write():
            known = self.existing_uuids("entries", [e.uuid for e in entries])
            differing = self._differing_entries([e for e in entries if e.uuid in known])
            if differing:
                conflicts["entries"] = differing
            fresh: dict[str, ImportedEntryLike] = {}
            for item in entries:
                if item.uuid not in known:
                    fresh.setdefault(item.uuid, item)
            self._bulk_insert_entries(list(fresh.values()))
            added["entries"] = len(fresh)
            # Every other kind through its own import_<name> method (see RecordKind), parents
            # first: RECORD_KINDS lists a kind after the kind its records belong to.
            for kind in RECORD_KINDS[1:]:
                bring = getattr(self, f"import_{kind.name}")
                if kind.single:
                    rows = () if tables.get(kind.name) is None else (tables[kind.name],)
                    known = set()
                else:
                    rows = tables.get(kind.name, ())
                    known = self.existing_uuids(kind.table, [row["uuid"] for row in rows])
                seen: set[str] = set()  # a uuid the file repeats is brought in once
                for number, row in enumerate(rows, start=1):
                    if not kind.single:
                        if row["uuid"] in seen:
                            continue
                        seen.add(row["uuid"])
                    result = bring(
                        row, number=number, known=not kind.single and row["uuid"] in known
                    )
                    if result == "added":
                        added[kind.name] += 1
                    elif result == "conflict":
                        conflicts.setdefault(kind.name, []).append(kind.conflict_label(row))
        return ImportOutcome(added=added, conflicts=conflicts)

    def _bulk_insert_entries(self, items: Sequence[ImportedEntryLike]) -> None:
        """Insert many entries inside the caller's transaction, fast: entries with one
        executemany, their labels in batches, and the full-text index filled once at the end
        (its per-row trigger is dropped meanwhile and restored before the transaction commits,
        so a failure rolls the trigger back with everything else)."""
        if not items:
            return
        last_id = self.conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
        # The new entries' labels_json is written with them, so the per-link trigger that
        # resets it (migrations.m008) is set aside too while their links go in.
        set_aside = self._set_aside_triggers("entries_fts_insert", "entry_labels_json_insert")
        # Ids are given, not looked up afterwards: the write lock is held, so the next ones
        # after the highest are free, as SQLite would pick them.
        ids = {item.uuid: entry_id for entry_id, item in enumerate(items, start=last_id + 1)}
        rows = []
        for item in items:
            new = item.entry
            occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
            created_utc, created_offset = clock.to_db(item.created_at)
            rows.append(
                (
                    ids[item.uuid],
                    item.uuid,
                    occurred_utc,
                    occurred_offset,
                    created_utc,
                    created_offset,
                    new.text,
                    new.mood,
                    int(new.private),
                    int(new.discuss),
                    labels_json(new),
                )
            )
        self.conn.executemany(
            "INSERT INTO entries (id, uuid, occurred_utc, occurred_offset, created_utc, "
            "created_offset, text, mood, private, discuss, labels_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        # The reflection prompt each entry answers (as store/work.py's add_reflection keeps it).
        self.conn.executemany(
            "INSERT INTO entry_prompts (entry_id, prompt_id, prompt_theme, prompt_text) "
            "VALUES (?, ?, ?, ?)",
            [
                (ids[item.uuid], item.prompt["id"], item.prompt["theme"], item.prompt["text"])
                for item in items
                if item.prompt is not None
            ],
        )
        names: set[tuple[str, str]] = set()
        links: list[tuple[int, int | None, str, str, int]] = []
        for item in items:
            new = item.entry
            labels = [
                *(("trigger", name, None) for name in new.triggers),
                *(("tag", name, None) for name in new.tags),
                *(("emotion", e.name, e.intensity) for e in new.emotions),
                *(("coping", name, None) for name in new.coping),
            ]
            for position, (kind, name, intensity) in enumerate(labels):
                names.add((kind, name))
                links.append((position, intensity, kind, name, ids[item.uuid]))
        self.conn.executemany(
            "INSERT INTO labels (kind, name) VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(names)
        )
        # The copies entry_labels keeps (see _INSERT_ENTRY_LABEL), looked up once, not per row.
        label_ids = {
            (kind, name): label_id
            for label_id, kind, name in self.conn.execute("SELECT id, kind, name FROM labels")
        }
        days = {
            entry_id: (day, mood)
            for entry_id, day, mood in self.conn.execute(
                "SELECT id, local_day, mood FROM entries WHERE id > ?", (last_id,)
            )
        }
        rows_out = [
            (entry_id, label_ids[(kind, name)], position, intensity, kind, *days[entry_id])
            for position, intensity, kind, name, entry_id in links
        ]
        # Many links go in faster with entry_labels' secondary indexes dropped and built again
        # once, sorted, afterwards (12 s instead of 18 s for 450,000 links on the loaded bench
        # machine); inside the transaction,
        # so a failure rolls the indexes back with everything else.
        held = self.conn.execute("SELECT count(*) FROM entry_labels").fetchone()[0]
        indexes = (
            self.conn.execute(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                "AND tbl_name = 'entry_labels' AND sql IS NOT NULL"
            ).fetchall()
            if len(rows_out) >= max(_REINDEX_FROM, held)
            else []
        )
        for name, _ in indexes:
            self.conn.execute(f'DROP INDEX "{name}"')
        for start in range(0, len(rows_out), BATCH * 20):
            self.conn.executemany(
                "INSERT INTO entry_labels (entry_id, label_id, position, intensity, kind, "
                "local_day, mood) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows_out[start : start + BATCH * 20],
            )
        for _, sql in indexes:
            self.conn.execute(sql)
        if "entries_fts_insert" in set_aside:
            self.conn.execute(
                "INSERT INTO entries_fts (rowid, text) SELECT id, text FROM entries WHERE id > ?",
                (last_id,),
            )
        for sql in set_aside.values():
            self.conn.execute(sql)

    def _set_aside_triggers(self, *names: str) -> dict[str, str]:
        """Drop those of the named triggers that exist, inside the caller's transaction (a
        failure rolls the drop back); their SQL by name, for the caller to create them again."""
        marks = ", ".join("?" for _ in names)
        held = dict(
            self.conn.execute(
                f"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN ({marks})",
                names,
            ).fetchall()
        )
        for name in held:
            self.conn.execute(f'DROP TRIGGER "{name}"')
        return held

    def _differing_entries(self, items: Sequence[ImportedEntryLike]) -> list[str]:
        """The uuids of ``items`` whose entry in the journal holds something else."""
        by_uuid = {item.uuid: item for item in items}
        uuids = list(by_uuid)
        differing: list[str] = []
        for start in range(0, len(uuids), BATCH):
            rows = self.conn.execute(
                "SELECT * FROM entries WHERE uuid IN (SELECT value FROM json_each(?))",
                (json.dumps(uuids[start : start + BATCH]),),
            ).fetchall()
            for entry in self._entries_from_rows(rows):
                new = by_uuid[entry.uuid].entry
                same = (
                    entry.occurred_at == new.occurred_at
                    and entry.occurred_at.utcoffset() == new.occurred_at.utcoffset()
                    and (entry.text, entry.mood, entry.private, entry.discuss)
                    == (new.text, new.mood, new.private, new.discuss)
                    and (entry.triggers, entry.tags, entry.emotions, entry.coping)
                    == (new.triggers, new.tags, new.emotions, new.coping)
                )
                if not same:
                    differing.append(entry.uuid)
        return sorted(differing)


# An import that adds at least this many label links, and at least as many as the journal
# already holds, rebuilds entry_labels' indexes instead of updating them row by row.
_REINDEX_FROM = 20_000


_ENTRY_JSON = (
    """'{"id":' || e.id || ',"uuid":' || json_quote(e.uuid)"""
    """ || ',"occurred_at":' || json_quote(e.occurred_local)"""
    """ || ',"created_at":' || json_quote(e.created_local)"""
    """ || ',"text":' || json_quote(e.text) || ',"mood":' || coalesce(e.mood, 'null')"""
    # The copy, unless it does not read back as JSON (only a hand edit makes one: then the
    # export is still valid JSON, built from entry_labels). About 0.1 s per 100,000 entries.
    " || ',' || coalesce(CASE WHEN json_valid('{' || e.labels_json || '}') "
    f"THEN e.labels_json END, {ENTRY_LABELS_JSON})"
    """ || ',"private":' || CASE WHEN e.private THEN 'true' ELSE 'false' END"""
    """ || ',"discuss":' || CASE WHEN e.discuss THEN 'true' ELSE 'false' END"""
    # the reflection prompt the entry answers (store/work.py's ENTRY_PROMPT_JSON), or null
    " || ',\"prompt\":' || " + ENTRY_PROMPT_JSON + " || '}'"
)


# The kinds kept as rows with a uuid, besides entries (the safety plan is one object).
EXPORT_TABLES = tuple(k.name for k in RECORD_KINDS if k.name != "entries" and not k.single)
KIND_NAMES = tuple(k.name for k in RECORD_KINDS)
