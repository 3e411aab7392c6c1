"""Daylio's CSV export: ``full_date,date,weekday,time,mood,activities,note_title,note``.

Real files vary, and all of these are read: 24-hour (``20:10``) and 12-hour (``9:05 pm``) times,
an extra ``scales`` column (ignored), renamed mood labels (mapped with ``--mood-map``), notes that
span lines, and a byte order mark. Rows come newest first; that does not matter here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date, datetime, time, tzinfo

from workjournal.clock import localize
from workjournal.errors import ImportRejected, InvalidInput
from workjournal.importers import (
    MAX_IMPORT_BYTES,
    ImportBatch,
    ImportedEntry,
    rejected,
    stable_uuid,
)
from workjournal.models import NewEntry, check_text, normalize_names, parse_mood

DEFAULT_MOOD_MAP: dict[str, int] = {"awful": 1, "bad": 3, "meh": 5, "good": 7, "rad": 9}
REQUIRED = ("full_date", "time", "mood", "activities", "note_title", "note")
ACTIVITY_SEPARATOR = " | "

_TIME = re.compile(
    r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?$",
    re.IGNORECASE,
)


def parse_mood_map(raw: str) -> dict[str, int]:
    """``"rad=10,good=8"`` -> ``{"rad": 10, "good": 8}``; raises InvalidInput when malformed."""
    mapping: dict[str, int] = {}
    for part in raw.split(","):
        if not part.strip():
            continue
        label, sep, value = part.partition("=")
        label = " ".join(label.split()).casefold()
        if not sep or not label:
            raise InvalidInput(
                f"write the mood map as label=mood pairs separated by commas, such as "
                f'"rad=10,good=8,meh=5"; {part.strip()[:30]!r} has no "=".'
            )
        mood = parse_mood(value)
        if mood is None:
            raise InvalidInput(f"the mood label {label!r} needs a mood from 1 to 10 after '='.")
        mapping[label] = mood
    if not mapping:
        raise InvalidInput('the mood map is empty; write pairs such as "rad=10,good=8".')
    return mapping


def _describe_map(mapping: Mapping[str, int]) -> str:
    return ",".join(f"{label}={mood}" for label, mood in mapping.items())


def _parse_time(raw: str) -> time | None:
    match = _TIME.match(raw.strip())
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower().startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_daylio(
    text: str, *, tz: tzinfo, mood_map: Mapping[str, int] | None = None
) -> ImportBatch:
    # The csv module refuses a field over 128 KiB by default; a long note is still a note, and
    # the file as a whole is already bounded by MAX_IMPORT_BYTES.
    previous = csv.field_size_limit(max(MAX_IMPORT_BYTES, csv.field_size_limit()))
    try:
        return _parse_daylio(text, tz=tz, mood_map=mood_map)
    except csv.Error as exc:
        raise ImportRejected(
            f"this is not a CSV file Python's csv module can read ({exc}). Nothing was imported."
        ) from None
    finally:
        csv.field_size_limit(previous)


def _parse_daylio(
    text: str, *, tz: tzinfo, mood_map: Mapping[str, int] | None = None
) -> ImportBatch:
    labels = dict(DEFAULT_MOOD_MAP)
    labels.update(mood_map or {})
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRejected(
            "this is not a Daylio CSV export: the header lacks "
            + ", ".join(missing)
            + ". Daylio's export starts with full_date,date,weekday,time,mood,activities,"
            "note_title,note. Nothing was imported."
        )
    reader.fieldnames = header
    entries: list[ImportedEntry] = []
    line = reader.line_num + 1
    for number, row in enumerate(reader, start=1):
        where = f"row {number} (line {line})"
        line = reader.line_num + 1
        if None in row:
            raise rejected(where, "has more fields than the header.")
        values = {key: (value or "") for key, value in row.items()}
        try:
            day = date.fromisoformat(values["full_date"].strip())
        except ValueError:
            raise rejected(
                where,
                f"full_date {values['full_date'][:20]!r} is not a date such as 2026-10-19.",
            ) from None
        clock_time = _parse_time(values["time"])
        if clock_time is None:
            raise rejected(
                where, f"time {values['time'][:20]!r} is not a time such as 20:10 or 8:10 pm."
            )
        label = " ".join(values["mood"].split()).casefold()
        if not label:
            mood = None
        elif label in labels:
            mood = labels[label]
        else:
            raise rejected(
                where,
                f"the mood label {label!r} is not known. Map it to a mood from 1 to 10 with "
                f'--mood-map, for example --mood-map "{label}=6" (the labels known now are '
                f"{_describe_map(labels)}).",
            )
        activities = [a for a in values["activities"].split(ACTIVITY_SEPARATOR.strip()) if a]
        try:
            tags = normalize_names([a for a in activities if a.strip()], what="activity")
            title, note = values["note_title"].strip(), values["note"].strip()
            body = check_text("\n\n".join(part for part in (title, note) if part))
        except InvalidInput as exc:
            raise rejected(where, exc.message[0].upper() + exc.message[1:]) from None
        moment = localize(datetime.combine(day, clock_time), tz)
        new = NewEntry(occurred_at=moment, text=body, mood=mood, tags=tags)
        if new.is_empty():
            continue  # a row with nothing in it carries nothing to keep
        key = stable_uuid(
            "daylio", day.isoformat(), clock_time.isoformat(), label, "|".join(tags), body
        )
        entries.append(ImportedEntry(uuid=key, entry=new, created_at=moment))
    entries.sort(key=lambda e: e.entry.occurred_at)  # oldest first, so ids follow time
    return ImportBatch(source="daylio", entries=tuple(entries))
