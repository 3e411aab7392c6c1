"""workjournal's own JSON export (``journal export --format json``): everything comes back.

Entries and the other records are recognised by UUID, so importing the same file twice adds
nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from workjournal.checkins import DIFFICULTY_LABELS
from workjournal.errors import ImportRejected, InvalidInput
from workjournal.importers import TABLES, ImportBatch, ImportedEntry, loads_json, rejected
from workjournal.models import (
    ANSWER_MAX,
    KINDS,
    MOOD_MAX,
    MOOD_MIN,
    SAFETY_SECTION_KEYS,
    Emotion,
    NewEntry,
    check_text,
    dedupe_emotions,
    normalize_names,
    parse_export_moment,
    parse_export_uuid,
    parse_mood,
    score,
)

FORMAT = "workjournal"
VERSION = 2  # the newest this reads; version 1 files (before the safety plan) still import
READS = (1, 2)
# Keys that version 2 names after the model's to_json() where version 1 used the column's name.
V2_KEYS: dict[str, dict[str, str]] = {"homework": {"until": "until_date"}}

Check = Callable[[Any, str, str], Any]


def _fail(where: str, key: str, expected: str) -> ImportRejected:
    return rejected(where, f'"{key}" must be {expected}.')


def _uuid(value: Any, where: str, key: str = "uuid") -> str:
    try:
        return parse_export_uuid(value, key)
    except InvalidInput as exc:
        raise rejected(where, exc.message) from None


def _moment(value: Any, where: str, key: str) -> datetime:
    try:
        return parse_export_moment(value, key)
    except InvalidInput as exc:
        raise rejected(where, exc.message) from None


def _text(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, key, "text")
    try:
        return check_text(value)
    except InvalidInput:
        if "\x00" in value:
            raise _fail(where, key, "text without NUL characters") from None
        raise _fail(where, key, "valid Unicode text (it has a lone surrogate)") from None


def _bool(value: Any, where: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, key, "true or false")
    return value


def _int(value: Any, where: str, key: str, low: int, high: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, key, "a whole number")
    if value < low or (high is not None and value > high):
        raise _fail(where, key, f"from {low} to {high}" if high is not None else f">= {low}")
    return value


_INTENSITY_TYPES = (int, type(None))


class _LabelReader:
    """The label names and emotions of one file's entries. Names repeat across a journal's
    entries, so each distinct one is normalised once per file; only accepted names are kept, so
    a refused one always takes the full checks and their message. One reader per parse."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._emotions: dict[tuple[str, int | None], Emotion] = {}

    def _known_names(self, value: Any) -> list[str] | None:
        """``value``'s names already normalised, when it is a list of names all seen before."""
        if type(value) is not list:
            return None
        found = []
        for raw in value:
            name = self._names.get(raw) if type(raw) is str else None
            if name is None:
                return None
            found.append(name)
        return found

    def names(self, value: Any, where: str, key: str) -> tuple[str, ...]:
        known = self._known_names(value)
        if known is not None:
            return tuple(dict.fromkeys(known))
        found = _checked_names(value, where, key)
        self._names.update(zip(value, found, strict=False) if len(found) == len(value) else ())
        return found

    def emotions(self, value: Any, where: str) -> tuple[Emotion, ...]:
        if type(value) is list:
            found = []
            for item in value:
                known = (  # only exact types: 5.0 == 5 and True == 1 as keys, but are refused
                    self._emotions.get((item["name"], item["intensity"]))
                    if type(item) is dict
                    and len(item) == 2
                    and type(item.get("name")) is str
                    and type(item.get("intensity", "")) in _INTENSITY_TYPES
                    else None
                )
                if known is None:
                    break
                found.append(known)
            else:
                return dedupe_emotions(found)
        emotions = _checked_emotions(value, where)
        for item in value:  # an accepted list: remember each {"name", "intensity"} item's emotion
            if len(item) == 2 and type(item.get("intensity", "")) in _INTENSITY_TYPES:
                name = _checked_names([item["name"]], where, "emotions")[0]
                self._names.setdefault(item["name"], name)
                intensity = item["intensity"]
                self._emotions[(item["name"], intensity)] = Emotion(name, intensity)
        return emotions


def _checked_names(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, key, "a list of texts")
    try:
        return normalize_names(value, what=key.rstrip("s"))
    except InvalidInput as exc:
        raise rejected(where, f"{key}: {exc.message}") from None


def _checked_emotions(value: Any, where: str) -> tuple[Emotion, ...]:
    if not isinstance(value, list):
        raise _fail(where, "emotions", 'a list of {"name": ..., "intensity": ...}')
    found = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _fail(where, "emotions", 'a list of {"name": ..., "intensity": ...}')
        (name,) = _checked_names([item["name"]], where, "emotions")
        found.append(Emotion(name, _int(item.get("intensity"), where, "intensity", 0, 100)))
    return dedupe_emotions(found)


def _entry(raw: Any, where: str, labels: _LabelReader) -> ImportedEntry:
    if not isinstance(raw, dict):
        raise rejected(where, "is not an object.")
    for key in ("uuid", "occurred_at"):
        if key not in raw:
            raise rejected(where, f'has no "{key}".')
    occurred = _moment(raw["occurred_at"], where, "occurred_at")
    created = _moment(raw.get("created_at", raw["occurred_at"]), where, "created_at")
    mood = raw.get("mood")
    if not (mood is None or (type(mood) is int and MOOD_MIN <= mood <= MOOD_MAX)):
        try:
            mood = parse_mood(mood)
        except InvalidInput as exc:
            raise rejected(where, exc.message[0].upper() + exc.message[1:]) from None
        if isinstance(raw.get("mood"), bool):
            raise _fail(where, "mood", "a whole number from 1 to 10")
    new = NewEntry(
        occurred_at=occurred,
        text=_text(raw.get("text", ""), where, "text"),
        mood=mood,
        triggers=labels.names(raw.get("triggers", []), where, "triggers"),
        tags=labels.names(raw.get("tags", []), where, "tags"),
        emotions=labels.emotions(raw.get("emotions", []), where),
        coping=labels.names(raw.get("coping", []), where, "coping"),
        private=_bool(raw.get("private", False), where, "private"),
        discuss=_bool(raw.get("discuss", False), where, "discuss"),
    )
    return ImportedEntry(
        uuid=_uuid(raw["uuid"], where),
        entry=new,
        created_at=created,
        prompt=_entry_prompt(raw.get("prompt"), where),
    )


def _entry_prompt(value: Any, where: str) -> dict[str, str] | None:
    """The reflection prompt an entry answers (null for an ordinary entry), checked as a prompt."""
    if value is None:  # before the import below: most entries answer no prompt
        return None
    from workjournal.reflection import Prompt

    if not isinstance(value, dict):
        raise _fail(where, "prompt", 'null or {"id": ..., "theme": ..., "text": ...}')
    try:
        return Prompt.from_json(value).to_json()
    except InvalidInput as exc:
        raise rejected(where, f"prompt: {exc.message}") from None


# -- the other records -------------------------------------------------------------------------
# Each field: (key, checker, required). Checkers return the stored value; moments stay datetimes.


def _opt_text(value: Any, where: str, key: str) -> str:
    return "" if value is None else _text(value, where, key)


def _opt_moment(value: Any, where: str, key: str) -> datetime | None:
    return None if value is None else _moment(value, where, key)


def _opt_date(value: Any, where: str, key: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise _fail(where, key, "a date such as 2026-12-01") from None


def _choice(*allowed: str) -> Check:
    def check(value: Any, where: str, key: str) -> str:
        if value not in allowed:
            raise _fail(where, key, " or ".join(repr(a) for a in allowed))
        return str(value)

    return check


def _opt_choice(*allowed: str) -> Check:
    strict = _choice(*allowed)

    def check(value: Any, where: str, key: str) -> str | None:
        return None if value is None else strict(value, where, key)

    return check


def _json_list(value: Any, where: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(where, key, "a list")
    return value


def _emotion_list(value: Any, where: str, key: str) -> list[dict[str, Any]]:
    """A thought record's emotions, checked as an entry's are, in the stored shape."""
    if not isinstance(value, list):
        raise _fail(where, key, 'a list of {"name": ..., "intensity": ...}')
    try:
        emotions = _checked_emotions(value, where)
    except ImportRejected:
        raise _fail(where, key, 'a list of {"name": ..., "intensity": 0-100 or null}') from None
    return [e.to_json() for e in emotions]


def _answers(value: Any, where: str, key: str) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(a, int) and not isinstance(a, bool) for a in value
    ):
        raise _fail(where, key, f"a list of whole numbers from 0 to {ANSWER_MAX}")
    return value


def _scale(low: int, high: int | None) -> Check:
    def check(value: Any, where: str, key: str) -> int | None:
        return _int(value, where, key, low, high)

    return check


def _flag(value: Any, where: str, key: str) -> bool:
    return False if value is None else _bool(value, where, key)


def _day(value: Any, where: str, key: str) -> str:
    found = _opt_date(value, where, key)
    if found is None:
        raise _fail(where, key, "a date such as 2026-11-20")
    return found


def _rating_map(high: int) -> Check:
    """``{"self-harm": 2, ...}``: names as on a card, each a whole number from 0 to ``high``."""

    def check(value: Any, where: str, key: str) -> dict[str, int]:
        if not isinstance(value, dict):
            raise _fail(where, key, f"an object of names and numbers from 0 to {high}")
        found: dict[str, int] = {}
        for name, number in value.items():
            rating = _int(number, where, f"{key}.{name}", 0, high)
            if rating is None:
                raise _fail(where, f"{key}.{name}", f"a whole number from 0 to {high}")
            found[_card_name(name, where, key)] = rating
        return found

    return check


def _card_name(raw: Any, where: str, key: str) -> str:
    from workjournal.cards import item_name

    if not isinstance(raw, str):
        raise _fail(where, key, "names as text")
    try:
        return item_name(raw, "target")
    except InvalidInput as exc:
        raise rejected(where, f'"{key}": {exc.message}') from None


def _number_map(value: Any, where: str, key: str) -> dict[str, float]:
    if not isinstance(value, dict):
        raise _fail(where, key, "an object of names and numbers")
    found: dict[str, float] = {}
    for name, number in value.items():
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise _fail(where, f"{key}.{name}", "a number")
        if not -1000 <= number <= 1000:
            raise _fail(where, f"{key}.{name}", "a number from -1000 to 1000")
        found[_card_name(name, where, key)] = float(number)
    return found


def _card_names(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _fail(where, key, "a list of names")
    return tuple(dict.fromkeys(_card_name(name, where, key) for name in value))


def _opt_number(low: float, high: float) -> Check:
    def check(value: Any, where: str, key: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(where, key, "a number")
        if not low <= value <= high:
            raise _fail(where, key, f"a number from {low:g} to {high:g}")
        return float(value)

    return check


def _range(value: Any, where: str, key: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not -1000 <= value[0] < value[1] <= 1000
    ):
        raise _fail(where, key, "[LOW, HIGH], whole numbers with LOW below HIGH")
    return value[0], value[1]


def _clock_time(value: Any, where: str, key: str) -> str:
    from workjournal.reminders import parse_time

    if not isinstance(value, str):
        raise _fail(where, key, "a time such as 21:30")
    try:
        return f"{parse_time(value):%H:%M}"
    except InvalidInput:
        raise _fail(where, key, "a time such as 21:30") from None


def _weekdays(value: Any, where: str, key: str) -> tuple[int, ...]:
    from workjournal.reminders import parse_weekday

    if not isinstance(value, list) or not value:
        raise _fail(where, key, 'a list of days such as ["mon", "fri"]')
    try:
        return tuple(sorted({parse_weekday(str(day)) for day in value}))
    except InvalidInput:
        raise _fail(where, key, 'a list of days such as ["mon", "fri"]') from None


def _reminder_message(value: Any, where: str, key: str) -> str:
    from workjournal.reminders import check_message

    text = _opt_text(value, where, key)
    if not text:
        return ""
    try:
        return check_message(text)
    except InvalidInput as exc:
        raise rejected(where, f'"{key}": {exc.message}') from None


Field = tuple[str, Check, bool]

SCHEMAS: dict[str, tuple[Field, ...]] = {
    "homework": (
        ("title", _text, True),
        ("per_week", _scale(1, 50), False),
        ("until_date", _opt_date, False),
        ("starts", _opt_date, False),
        ("note", _opt_text, False),
        ("set_by", _choice("therapist", "self"), True),
        ("created_at", _moment, True),
        ("closed_at", _opt_moment, False),
    ),
    "homework_log": (
        ("homework_uuid", _uuid, True),
        ("done_at", _moment, True),
        ("created_at", _moment, True),
        ("rating", _scale(0, 10), False),
        ("distress_before", _scale(0, 10), False),
        ("distress_after", _scale(0, 10), False),
        ("note", _opt_text, False),
        ("partial", _flag, False),
    ),
    "sessions": (
        ("at", _moment, True),
        ("created_at", _moment, True),
        ("note", _opt_text, False),
    ),
    "thought_records": (
        ("occurred_at", _moment, True),
        ("created_at", _moment, True),
        ("situation", _opt_text, False),
        ("emotions_before", _emotion_list, True),
        ("automatic_thought", _opt_text, False),
        ("evidence_for", _opt_text, False),
        ("evidence_against", _opt_text, False),
        ("balanced_thought", _opt_text, False),
        ("emotions_after", _emotion_list, True),
        ("private", _flag, False),
    ),
    "checkins": (
        ("instrument", _choice("phq9", "gad7"), True),
        ("taken_at", _moment, True),
        ("created_at", _moment, True),
        ("answers", _answers, True),
        ("total", _scale(0, None), True),
        ("difficulty", _opt_choice(*DIFFICULTY_LABELS), False),
    ),
    "card_items": (
        ("kind", _choice("target", "emotion", "rate"), True),
        ("name", _card_name, True),
        ("range", _range, False),
        ("position", _scale(0, None), True),
        ("active", _flag, False),
        ("created_at", _moment, True),
    ),
    "diary_cards": (
        ("date", _day, True),
        ("created_at", _moment, True),
        ("updated_at", _opt_moment, False),
        ("urges", _rating_map(5), True),
        ("acted", _card_names, True),
        ("emotions", _rating_map(5), True),
        ("skills", _scale(0, 7), False),
        ("skills_used", _card_names, True),
        ("meds", _opt_choice("yes", "no", "partly"), False),
        ("sleep", _opt_number(0, 24), False),
        ("rates", _number_map, True),
        ("note", _opt_text, False),
    ),
    "reminders": (
        ("kind", _choice("daily", "weekly"), True),
        ("time", _clock_time, True),
        ("days", _weekdays, True),
        ("message", _reminder_message, False),
        ("last_sent", _opt_date, False),
        ("created_at", _moment, True),
    ),
}


def _record(table: str, raw: Any, where: str, version: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise rejected(where, "is not an object.")
    if "uuid" not in raw:
        raise rejected(where, 'has no "uuid".')
    row: dict[str, Any] = {"uuid": _uuid(raw["uuid"], where)}
    # A kind whose model reads its own export record, by the rules that make a new one (every
    # kind added since practice): the fields its store's import_<kind> takes.
    from_export = getattr(KINDS[table].model_class(), "from_export", None)
    if from_export is not None:
        try:
            row.update(from_export(raw))
        except InvalidInput as exc:
            raise rejected(where, exc.message) from None
        return row
    renamed = {V2_KEYS.get(table, {}).get(k, k): v for k, v in raw.items()} if version > 1 else raw
    for key, check, required in SCHEMAS[table]:
        if required and renamed.get(key) is None:
            raise rejected(where, f'has no "{key}".')
        row[key] = check(renamed.get(key), where, key)
    if table == "card_items" and (row["kind"] == "rate") != (row["range"] is not None):
        raise rejected(where, 'has a "range" exactly when its "kind" is "rate".')
    if table == "checkins":
        try:
            total = score(row["instrument"], row["answers"])
        except InvalidInput as exc:
            raise rejected(where, f'"answers": {exc.message}') from None
        if total != row["total"]:
            raise rejected(where, f'"total" is {row["total"]}, but the answers add up to {total}.')
    return row


def _safety_plan(raw: Any) -> dict[str, Any] | None:
    """A version-2 file's safety plan: its sections' text and when it was last updated."""
    where = "the safety plan"
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("sections"), list):
        raise rejected(where, 'must be an object with "sections" (a list) and "updated_at".')
    sections: list[tuple[str, str]] = []
    for number, item in enumerate(raw["sections"], start=1):
        if not isinstance(item, dict) or item.get("key") not in SAFETY_SECTION_KEYS:
            keys = ", ".join(SAFETY_SECTION_KEYS)
            raise rejected(f"{where}, section {number}", f'"key" must be one of {keys}.')
        sections.append((item["key"], _opt_text(item.get("text"), where, "text")))
    if len({key for key, _ in sections}) != len(sections):
        raise rejected(where, "names a section twice.")
    written = [(key, text) for key, text in sections if text.strip()]
    if not written:
        return None
    return {"sections": written, "updated_at": _moment(raw.get("updated_at"), where, "updated_at")}


def parse_workjournal(text: str, *, decoded: Any = None) -> ImportBatch:
    """The records of a workjournal JSON export; ``decoded`` is ``text`` already decoded (by
    :func:`workjournal.importers.sniff`), so 50 MB are not decoded twice."""
    try:
        data = loads_json(text) if decoded is None else decoded
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"this is not valid JSON (line {exc.lineno}, column {exc.colno}); nothing was imported."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRejected(
            'this is not a workjournal export: it lacks "format": "workjournal". Nothing was '
            "imported."
        )
    version = data.get("version")
    if version not in READS or isinstance(version, bool):
        if isinstance(version, int) and version > VERSION:
            raise ImportRejected(
                f"this export is version {version}, from a newer workjournal; this one reads "
                f"version {VERSION}. Upgrade workjournal to import it. Nothing was imported."
            )
        raise ImportRejected(
            f'"version" must be {" or ".join(map(str, READS))}. Nothing was imported.'
        )
    raw_entries = data.get("entries", [])
    if not isinstance(raw_entries, list):
        raise ImportRejected('"entries" must be a list. Nothing was imported.')
    labels = _LabelReader()
    entries = tuple(_entry(raw, f"entry {n}", labels) for n, raw in enumerate(raw_entries, start=1))
    _unique([e.uuid for e in entries], "entry")
    tables: dict[str, Any] = {}
    for table in TABLES:
        raw_rows = data.get(table, [])
        if not isinstance(raw_rows, list):
            raise ImportRejected(f'"{table}" must be a list. Nothing was imported.')
        singular = table.removesuffix("s").replace("_", " ")
        tables[table] = tuple(
            _record(table, raw, f"{singular} {n}", version)
            for n, raw in enumerate(raw_rows, start=1)
        )
        _unique([row["uuid"] for row in tables[table]], singular)
    if version > 1:
        plan = _safety_plan(data.get("safety_plan"))
        if plan is not None:
            tables["safety_plan"] = plan
    return ImportBatch(source="workjournal", entries=entries, tables=tables)


def _unique(uuids: list[str], what: str) -> None:
    seen: set[str] = set()
    for n, value in enumerate(uuids, start=1):
        if value in seen:
            raise rejected(f"{what} {n}", f"repeats the uuid {value} of an earlier {what}.")
        seen.add(value)
