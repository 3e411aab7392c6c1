"""Whole-journal aggregates for the reports: plain rows summed by SQLite from the copies of each
entry's local day, hour and mood (never a UTC date)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from workjournal import clock
from workjournal.models import (
    LabelKind,
)
from workjournal.store.opening import Connection


class AggregatesStore(Connection):
    """Rows for calendars, patterns and trigger reports."""

    def mood_rows(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[int, str, int, int | None]]:
        """``(id, local day, local hour, mood)`` of every entry in the range, oldest first: all
        a calendar needs, without building Entry objects. The day (ISO text) and hour are the
        entry's own local ones, stored with it (``entries.local_day`` and ``local_hour``)."""
        where, params = _range(since, until, column="occurred_utc")
        return self._plain_rows(
            f"SELECT id, local_day, local_hour, mood FROM entries{where} ORDER BY occurred_utc, id",
            params,
        )

    def logged_days(self) -> list[str]:
        """Every local day (ISO text) with at least one entry, in order."""
        return [row[0] for row in self._plain_rows("SELECT DISTINCT local_day FROM entries", ())]

    def day_totals(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, int, int, int]]:
        """Per local day with entries in the range: ``(day, entries, sum of moods, number of
        moods)``, summed by SQLite from the stored local day (never a UTC date)."""
        where, params = _range(since, until, column="occurred_utc")
        return self._plain_rows(
            "SELECT local_day, count(*), coalesce(sum(mood), 0), count(mood) "
            f"FROM entries{where} GROUP BY local_day",
            params,
        )

    def hour_totals(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[int, int, int, int]]:
        """Per local hour (0-23) with entries in the range: ``(hour, entries, sum of moods,
        number of moods)``."""
        where, params = _range(since, until, column="occurred_utc")
        return self._plain_rows(
            "SELECT local_hour, count(*), coalesce(sum(mood), 0), count(mood) "
            f"FROM entries{where} GROUP BY local_hour",
            params,
        )

    def label_totals(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        kinds: Sequence[LabelKind] = ("trigger", "tag"),
    ) -> list[tuple[str, str, int, int, int, int]]:
        """Per label: ``(kind, name, entries, sum of moods, number of moods, days with a
        mood)``, summed by SQLite from entry_labels' copies of each entry's local day and mood
        (no need to read the entries themselves)."""
        source, params = _labels_of_entries(since, until)
        sql = (
            "SELECT l.kind, l.name, count(*), coalesce(sum(el.mood), 0), count(el.mood), "
            "count(DISTINCT CASE WHEN el.mood IS NOT NULL THEN el.local_day END) "
            f"{source} AND l.kind IN (SELECT value FROM json_each(?)) GROUP BY l.id"
        )
        return self._plain_rows(sql, [*params, json.dumps(list(kinds))])

    def trigger_totals(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, int, str, str, int, int]]:
        """Per trigger: ``(name, entries, first day, last day, sum of moods, number of
        moods)``, summed by SQLite so ``journal triggers`` never loads the whole journal into
        Python. The days are each entry's own LOCAL calendar date, as stored with it: exactly
        what :func:`workjournal.reports.common.day_of` gives (never a UTC date)."""
        source, params = _labels_of_entries(since, until)
        sql = (
            "SELECT l.name, count(*), min(el.local_day), max(el.local_day), "
            "coalesce(sum(el.mood), 0), count(el.mood) "
            f"{source} AND l.kind = 'trigger' GROUP BY l.id"
        )
        return self._plain_rows(sql, params)

    def label_pairs(
        self, kind: LabelKind, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, str, int]]:
        """``(name, name, entries)`` for every pair of labels of ``kind`` logged in one entry.
        Both sides read the compact (kind, entry, label) index: the plan is fixed with CROSS
        JOIN, since SQLite otherwise starts from the label index and runs five times slower."""
        in_range, params = _entries_in_range("a.entry_id", since, until)
        sql = (
            "SELECT la.name, lb.name, n FROM (SELECT a.label_id AS x, b.label_id AS y, "
            "count(*) AS n FROM entry_labels a INDEXED BY entry_labels_kind "
            "CROSS JOIN entry_labels b INDEXED BY entry_labels_kind "
            "ON b.kind = a.kind AND b.entry_id = a.entry_id AND b.label_id > a.label_id "
            f"WHERE a.kind = ?{in_range} GROUP BY a.label_id, b.label_id) "
            "JOIN labels la ON la.id = x JOIN labels lb ON lb.id = y"
        )
        return self._plain_rows(sql, [kind, *params])

    def labels_appearing_with(
        self,
        kind: LabelKind,
        names: Sequence[str],
        other: LabelKind,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[tuple[str, str, int]]:
        """``(name, other name, entries)``: labels of kind ``other`` logged in the same entries
        as each of ``names`` (of ``kind``)."""
        sql = (
            "SELECT la.name, lb.name, count(*) FROM labels la "
            "CROSS JOIN entry_labels a ON a.label_id = la.id "
            "CROSS JOIN entry_labels b INDEXED BY entry_labels_kind "
            "ON b.kind = ? AND b.entry_id = a.entry_id "
            "JOIN labels lb ON lb.id = b.label_id "
            "WHERE la.kind = ? AND la.name IN (SELECT value FROM json_each(?))"
        )
        in_range, params = _entries_in_range("a.entry_id", since, until)
        return self._plain_rows(
            sql + in_range + " GROUP BY la.id, lb.id",
            [other, kind, json.dumps(list(names)), *params],
        )


def _range(since: datetime | None, until: datetime | None, *, column: str) -> tuple[str, list[str]]:
    """A `` WHERE`` clause on a UTC moment column (inclusive bounds), using its index."""
    where, params = [], []
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(clock.utc_text(since))
    if until is not None:
        where.append(f"{column} <= ?")
        params.append(clock.utc_text(until))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _entries_in_range(
    column: str, since: datetime | None, until: datetime | None
) -> tuple[str, list[str]]:
    """`` AND <column> IN (entries in the range)``, or nothing for the whole journal."""
    where, params = _range(since, until, column="occurred_utc")
    if not where:
        return "", []
    return f" AND {column} IN (SELECT id FROM entries{where})", params


def _labels_of_entries(since: datetime | None, until: datetime | None) -> tuple[str, list[str]]:
    """``FROM ... WHERE ...`` for the labels ``l`` on the entries in the range, each with its
    entry_labels row ``el``. For the whole journal SQLite reads entry_labels label by label
    through its covering index; for a period it starts from the entries in the period (looking
    each entry up in the whole list would cost a search per label and entry)."""
    where, params = _range(since, until, column="e.occurred_utc")
    if not where:
        return "FROM labels l CROSS JOIN entry_labels el ON el.label_id = l.id WHERE 1", []
    return (
        "FROM entries e CROSS JOIN entry_labels el ON el.entry_id = e.id "
        f"JOIN labels l ON l.id = el.label_id{where}",
        params,
    )
