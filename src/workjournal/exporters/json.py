"""JSON: the complete, lossless journal, streamed one record at a time (version 2).

Top level, in this order: ``format``, ``version``, ``exported_at``, then one key per kind of
record in :data:`workjournal.models.RECORD_KINDS` order: ``entries``, ``homework``,
``homework_log``, ``sessions``, ``thought_records``, ``checkins`` (lists, each record in the
shape its read command prints with ``--format json``) and ``safety_plan`` (an object, or null
when none was written). One record per line, so 100,000 entries never sit in memory at once and
the file still diffs and greps well. docs/json-format.md describes every field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TextIO

from workjournal.models import KINDS, RECORD_KINDS, Entry

FORMAT = "workjournal"
VERSION = 2
TABLES = tuple(kind.name for kind in RECORD_KINDS if kind.name != "entries")
_CHUNK = 500  # records per write()
# Free text dropped by --redact in each kind of record (ratings, labels and dates stay).
REDACTED_TEXT: dict[str, tuple[str, ...]] = {kind.name: kind.text_fields for kind in RECORD_KINDS}


def redact_record(kind: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` with its free text emptied (the safety plan: each section's)."""
    out = dict(record)
    if kind == "safety_plan":
        out["sections"] = [{**section, "text": ""} for section in out.get("sections", [])]
        return out
    prompt = out.get("prompt") if kind == "entries" else None
    if isinstance(prompt, dict) and str(prompt.get("id", "")).startswith("own-"):
        out["prompt"] = {**prompt, "text": ""}  # the person's own words, as reflection_prompts'
    for key in REDACTED_TEXT[kind]:
        if isinstance(out.get(key), dict):  # a conversation's steps: each one's text
            out[key] = dict.fromkeys(out[key], "")
        elif key in out:
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
    chunk: list[str] = []  # written a few hundred records at a time: one write() per record

    def flush() -> None:
        nonlocal count
        out.write(("\n" if count == 0 else ",\n") + ",\n".join(chunk))
        count += len(chunk)
        chunk.clear()

    for record in records:  # was a sixth of the export of 100,000 entries
        if isinstance(record, str):  # already JSON text (the store builds entries in SQL)
            chunk.append(_dump(redact_record(name, json.loads(record))) if redact else record)
        else:
            chunk.append(_dump(redact_record(name, record) if redact else record))
        if len(chunk) == _CHUNK:
            flush()
    if chunk:
        flush()
    out.write("\n]" if count else "]")
    out.write("\n" if last else ",\n")
    return count


def write_json(
    out: TextIO,
    *,
    entries: Iterable[Entry | str],
    tables: Mapping[str, Any],
    exported_at: datetime,
    redact: bool = False,
) -> int:
    """Write the export; return the number of entries written. ``entries`` may be Entry
    objects or their ``to_json()`` shape already encoded as JSON text; ``tables`` maps each
    other kind's name to its records (the safety plan: its object or None)."""
    out.write("{")
    out.write(f'"format": {_dump(FORMAT)}, "version": {VERSION}, ')
    out.write(f'"exported_at": {_dump(exported_at.isoformat(timespec="seconds"))},\n')
    items = (e if isinstance(e, str) else e.to_json() for e in entries)
    count = _write_list(out, "entries", items, redact=redact, last=False)
    for index, name in enumerate(TABLES):
        last = index == len(TABLES) - 1
        if KINDS[name].single:
            value = tables.get(name)
            if value is not None and redact:
                value = redact_record(name, value)
            out.write(f'"{name}": {_dump(value)}' + ("\n" if last else ",\n"))
            continue
        _write_list(out, name, tables.get(name, ()), redact=redact, last=last)
    out.write("}\n")
    return count
