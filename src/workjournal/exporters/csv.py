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
# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# `=HYPERLINK(...)` would run when the file is opened, and "-2 today" would become a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text from the journal as a spreadsheet shows it: a leading ' keeps a formula text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def entry_row(entry: Entry, *, redact: bool = False) -> list[str]:
    return [
        str(entry.id),
        entry.uuid,
        entry.occurred_at.isoformat(timespec="seconds"),
        entry.created_at.isoformat(timespec="seconds"),
        "" if entry.mood is None else str(entry.mood),
        "" if redact else _cell(entry.text),
        _cell(SEPARATOR.join(entry.triggers)),
        _cell(SEPARATOR.join(entry.tags)),
        _cell(SEPARATOR.join(str(e) for e in entry.emotions)),
        _cell(SEPARATOR.join(entry.coping)),
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
