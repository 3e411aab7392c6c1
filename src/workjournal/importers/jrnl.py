"""jrnl's JSON export (``jrnl --export json``): ``{"tags": {...}, "entries": [{"title", "body",
"date", "time", "tags", "starred"}, ...]}``.

Title and body become the text (on separate lines, as jrnl prints them), ``@tags`` become tags,
the date and time are read in the local time zone, and starred entries are flagged to discuss.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, tzinfo
from typing import Any

from workjournal.clock import localize
from workjournal.errors import ImportRejected, InvalidInput
from workjournal.importers import (
    ImportBatch,
    ImportedEntry,
    loads_json,
    rejected,
    stable_uuid,
)
from workjournal.models import NewEntry, check_text, moment_problem, normalize_names

_TAG = re.compile(r"(?<![\w@])@(\w[\w-]*)")


def _text_field(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise rejected(where, f'"{key}" must be text.')
    return value


def parse_jrnl(text: str, *, tz: tzinfo, decoded: Any = None) -> ImportBatch:
    try:
        data = loads_json(text) if decoded is None else decoded
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"this is not valid JSON (line {exc.lineno}, column {exc.colno}); nothing was imported."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportRejected(
            'this is not a jrnl JSON export: it has no "entries" list. Make one with '
            "`jrnl --export json > journal.json`. Nothing was imported."
        )
    entries: list[ImportedEntry] = []
    for number, raw in enumerate(data["entries"], start=1):
        where = f"entry {number}"
        if not isinstance(raw, dict):
            raise rejected(where, "is not an object.")
        title = _text_field(raw, "title", where).strip()
        body = _text_field(raw, "body", where).strip()
        raw_date, raw_time = raw.get("date"), raw.get("time", "00:00")
        try:
            day = date.fromisoformat(str(raw_date))
        except ValueError:
            raise rejected(
                where, f"date {str(raw_date)[:20]!r} is not a date such as 2026-10-03."
            ) from None
        try:
            clock_time = time.fromisoformat(str(raw_time))
        except ValueError:
            raise rejected(
                where, f"time {str(raw_time)[:20]!r} is not a time such as 21:40."
            ) from None
        raw_tags = raw.get("tags")
        if raw_tags is None:
            raw_tags = _TAG.findall(f"{title} {body}")
        if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
            raise rejected(where, '"tags" must be a list of texts such as ["@work"].')
        starred = raw.get("starred", False)
        if not isinstance(starred, bool):
            raise rejected(where, '"starred" must be true or false.')
        try:
            tags = normalize_names([t.lstrip("@") for t in raw_tags if t.strip("@ ")], what="tag")
            body_text = check_text("\n".join(part for part in (title, body) if part))
        except InvalidInput as exc:
            raise rejected(where, exc.message[0].upper() + exc.message[1:]) from None
        if clock_time.tzinfo is not None:  # "21:30+05:30": the offset it was written in
            moment = datetime.combine(day, clock_time)
        else:
            moment = localize(datetime.combine(day, clock_time), tz)
        problem = moment_problem(moment)
        if problem is not None:
            raise rejected(where, f"the date and time {problem}.")
        new = NewEntry(occurred_at=moment, text=body_text, tags=tags, discuss=starred)
        if new.is_empty():
            raise rejected(where, "is empty: it has no title, body or tags.")
        key = stable_uuid("jrnl", day.isoformat(), clock_time.isoformat(), body_text)
        entries.append(ImportedEntry(uuid=key, entry=new, created_at=moment))
    entries.sort(key=lambda e: e.entry.occurred_at)
    return ImportBatch(source="jrnl", entries=tuple(entries))
