"""The one query that tells which local days have something written: the store's
``days_with_records`` and the shell prompt's fast path (workjournal.quick) both run it. It lives
apart from the store package so the prompt can use it without loading the whole store."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"

# Every kind of record a person writes, with the moment it belongs to: a reminder stays quiet
# on a day that has any of them.
WRITTEN_MOMENTS = (
    ("entries", "occurred_utc", "occurred_offset"),
    ("thought_records", "occurred_utc", "occurred_offset"),
    ("checkins", "taken_utc", "taken_offset"),
    ("homework_log", "done_utc", "done_offset"),
)


def days_with_records(conn: Any, first: date, last: date) -> set[date]:
    """The local days (each record in its own offset) from ``first`` to ``last`` with a record.
    Each table is read through its moment index over a UTC span wider than the days by more
    than any offset (UTC-12 to UTC+14), then bucketed by local day."""
    low = f"{first - timedelta(days=1)}T09:00:00"
    high = f"{last + timedelta(days=1)}T15:00:00~"
    found: set[date] = set()
    for table, utc_col, offset_col in WRITTEN_MOMENTS:
        rows = conn.execute(
            f"SELECT DISTINCT date({utc_col}, {offset_col} || ' minutes') FROM {table} "
            f"WHERE {utc_col} BETWEEN ? AND ?",
            (low, high),
        )
        for (text,) in rows:
            day = date.fromisoformat(text)
            if first <= day <= last:
                found.add(day)
    return found


def read_only(path: Path, first: date, last: date) -> set[date] | None:
    """:func:`days_with_records` on a plain journal opened read-only; None when ``path`` is not
    a plain SQLite file (missing, encrypted, anything else)."""
    try:
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                return None
    except OSError:
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    try:
        return days_with_records(conn, first, last)
    finally:
        conn.close()
