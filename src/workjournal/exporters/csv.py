"""CSV: one row per entry, tidy columns, list fields joined with ``; ``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from workjournal.models import Entry

COLUMNS = (
    "id",
    "uuid",
    "occurred_at",
    "created_at",
    "mood",
    "text",
    "triggers",
    "tags",
    "emotions",
    "coping",
    "private",
    "discuss",
)
SEPARATOR = "; "


def entry_row(entry: Entry, *, redact: bool = False) -> list[str]:
    return [
        str(entry.id),
        entry.uuid,
        entry.occurred_at.isoformat(timespec="seconds"),
        entry.created_at.isoformat(timespec="seconds"),
        "" if entry.mood is None else str(entry.mood),
        "" if redact else entry.text,
        SEPARATOR.join(entry.triggers),
        SEPARATOR.join(entry.tags),
        SEPARATOR.join(str(e) for e in entry.emotions),
        SEPARATOR.join(entry.coping),
        "yes" if entry.private else "no",
        "yes" if entry.discuss else "no",
    ]


def write_entries_csv(entries: Iterable[Entry], out: TextIO, *, redact: bool = False) -> int:
    """Write a header and one row per entry; return the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for entry in entries:
        writer.writerow(entry_row(entry, redact=redact))
        count += 1
    return count
