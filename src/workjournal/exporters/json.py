"""JSON: the complete, lossless journal, streamed one entry at a time.

Top level, in this order: ``format``, ``version``, ``exported_at``, ``entries`` (each in the shape
of ``journal list --format json``), ``homework``, ``homework_log``, ``sessions``,
``thought_records``, ``checkins``. One record per line, so 100,000 entries never sit in memory
at once and the file still diffs and greps well.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TextIO

from workjournal.models import Entry

FORMAT = "workjournal"
VERSION = 1
TABLES = ("homework", "homework_log", "sessions", "thought_records", "checkins")
# Free text dropped by --redact in each kind of record (ratings, labels and dates stay).
REDACTED_TEXT: dict[str, tuple[str, ...]] = {
    "entries": ("text",),
    "homework": ("note",),
    "homework_log": ("note",),
    "sessions": ("note",),
    "thought_records": (
        "situation",
        "automatic_thought",
        "evidence_for",
        "evidence_against",
        "balanced_thought",
    ),
    "checkins": (),
}


def redact_record(kind: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` with its free text emptied."""
    out = dict(record)
    for key in REDACTED_TEXT[kind]:
        if key in out:
            out[key] = ""
    return out


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _write_list(
    out: TextIO,
    name: str,
    records: Iterable[Mapping[str, Any] | str],
    *,
    redact: bool,
    last: bool,
) -> int:
    out.write(f'"{name}": [')
    count = 0
    for record in records:
        out.write(",\n" if count else "\n")
        if isinstance(record, str):  # already JSON text (the store builds entries in SQL)
            if redact:
                record = json.loads(record)
            else:
                out.write(record)
                count += 1
                continue
        out.write(_dump(redact_record(name, record) if redact else record))
        count += 1
    out.write("\n]" if count else "]")
    out.write("\n" if last else ",\n")
    return count


def write_json(
    out: TextIO,
    *,
    entries: Iterable[Entry | str],
    tables: Mapping[str, Iterable[Mapping[str, Any]]],
    exported_at: datetime,
    redact: bool = False,
) -> int:
    """Write the export; return the number of entries written. ``entries`` may be Entry
    objects or their ``to_json()`` shape already encoded as JSON text."""
    out.write("{")
    out.write(f'"format": {_dump(FORMAT)}, "version": {VERSION}, ')
    out.write(f'"exported_at": {_dump(exported_at.isoformat(timespec="seconds"))},\n')
    items = (e if isinstance(e, str) else e.to_json() for e in entries)
    count = _write_list(out, "entries", items, redact=redact, last=False)
    for index, table in enumerate(TABLES):
        _write_list(out, table, tables.get(table, ()), redact=redact, last=index == len(TABLES) - 1)
    out.write("}\n")
    return count
