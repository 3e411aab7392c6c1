"""The journal's data: frozen dataclasses and their validation. Standard library only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from workjournal.errors import InvalidInput

MOOD_MIN = 1
MOOD_MAX = 10
INTENSITY_MIN = 0
INTENSITY_MAX = 100
NAME_MAX = 100

LabelKind = Literal["trigger", "tag", "emotion", "coping"]
LABEL_KINDS: tuple[LabelKind, ...] = ("trigger", "tag", "emotion", "coping")

_SPACE = re.compile(r"\s+")
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,6}")


def _whole_number(raw: str | int) -> int:
    """Plain ASCII digits only: int() would also take "+5", "1_0" and "٣" and guess."""
    text = str(raw).strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        raise ValueError(text)
    return int(text)


def normalize_name(raw: str, *, what: str = "name") -> str:
    """Trim, collapse inner whitespace, case-fold: ``' Work  Stress '`` -> ``'work stress'``."""
    name = _SPACE.sub(" ", raw).strip().casefold()
    if not name:
        raise InvalidInput(f"a {what} cannot be empty.")
    if "\x00" in name:
        raise InvalidInput(f"a {what} cannot contain NUL characters.")
    if not _is_utf8(name):
        raise InvalidInput(f"a {what} is not valid UTF-8 text.")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"a {what} can be at most {NAME_MAX} characters long.")
    return name


def normalize_names(raws: list[str] | tuple[str, ...], *, what: str) -> tuple[str, ...]:
    """Normalise each name and drop repeats, keeping the first-seen order."""
    seen: dict[str, None] = {}
    for raw in raws:
        seen.setdefault(normalize_name(raw, what=what), None)
    return tuple(seen)


def parse_mood(raw: str | int | None) -> int | None:
    """A mood is a whole number from 1 (worst) to 10 (best), or nothing."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        mood = _whole_number(raw)
    except ValueError:
        raise InvalidInput(
            f"mood must be a whole number from {MOOD_MIN} (worst) to {MOOD_MAX} (best), "
            f"not {str(raw)[:20]!r}."
        ) from None
    if not MOOD_MIN <= mood <= MOOD_MAX:
        raise InvalidInput(
            f"mood must be from {MOOD_MIN} (worst) to {MOOD_MAX} (best); got {mood}."
        )
    return mood


def parse_scale(raw: str | int | None, *, what: str, low: int, high: int) -> int | None:
    """A whole number on a closed scale such as 0-10, or nothing."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = _whole_number(raw)
    except ValueError:
        raise InvalidInput(
            f"{what} must be a whole number from {low} to {high}, not {str(raw)[:20]!r}."
        ) from None
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be from {low} to {high}; got {value}.")
    return value


@dataclass(frozen=True)
class Emotion:
    name: str
    intensity: int | None = None

    @classmethod
    def parse(cls, raw: str) -> Emotion:
        """``'anxious'`` or ``'anxious:70'`` (intensity 0-100)."""
        name, sep, level = raw.rpartition(":")
        if not sep:
            return cls(normalize_name(raw, what="emotion"))
        intensity = parse_scale(
            level, what=f"the intensity of {name.strip()[:40]!r}", low=0, high=100
        )
        return cls(normalize_name(name, what="emotion"), intensity)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "intensity": self.intensity}

    def __str__(self) -> str:
        return self.name if self.intensity is None else f"{self.name}:{self.intensity}"


def dedupe_emotions(emotions: list[Emotion] | tuple[Emotion, ...]) -> tuple[Emotion, ...]:
    """One emotion per name; a later mention with an intensity wins."""
    by_name: dict[str, Emotion] = {}
    for emotion in emotions:
        if emotion.name not in by_name or emotion.intensity is not None:
            by_name[emotion.name] = emotion
    return tuple(by_name.values())


def _is_utf8(text: str) -> bool:
    """False for lone surrogates: what Python makes of bytes in argv that are not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_text(text: str) -> str:
    if "\x00" in text:
        raise InvalidInput("the text contains NUL characters; nothing was saved.")
    if not _is_utf8(text):
        raise InvalidInput("the text is not valid UTF-8; nothing was saved.")
    return text


@dataclass(frozen=True)
class NewEntry:
    """What the user captured, validated, before it has an id."""

    occurred_at: datetime
    text: str = ""
    mood: int | None = None
    triggers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    emotions: tuple[Emotion, ...] = ()
    coping: tuple[str, ...] = ()
    private: bool = False
    discuss: bool = False

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be timezone-aware")
        check_text(self.text)
        if self.mood is not None:
            parse_mood(self.mood)
        for emotion in self.emotions:
            if emotion.intensity is not None and not 0 <= emotion.intensity <= 100:
                raise InvalidInput("emotion intensity must be from 0 to 100.")

    def is_empty(self) -> bool:
        return not (
            self.text.strip()
            or self.mood is not None
            or self.triggers
            or self.tags
            or self.emotions
            or self.coping
        )


@dataclass(frozen=True)
class Entry:
    """A saved entry. ``occurred_at`` and ``created_at`` carry the offset they were lived in."""

    id: int
    uuid: str
    occurred_at: datetime
    created_at: datetime
    text: str = ""
    mood: int | None = None
    triggers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    emotions: tuple[Emotion, ...] = ()
    coping: tuple[str, ...] = ()
    private: bool = False
    discuss: bool = False
    updated_at: datetime | None = field(default=None, compare=False)
    # issue 14: the reflection prompt the entry answers, as {"id", "theme", "text"}, or None.
    prompt: dict[str, str] | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The one JSON shape for an entry, used by every JSON output and the JSON export."""
        return {
            "id": self.id,
            "uuid": self.uuid,
            "occurred_at": self.occurred_at.isoformat(timespec="seconds"),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "text": self.text,
            "mood": self.mood,
            "triggers": list(self.triggers),
            "tags": list(self.tags),
            "emotions": [e.to_json() for e in self.emotions],
            "coping": list(self.coping),
            "private": self.private,
            "discuss": self.discuss,
            "prompt": None if self.prompt is None else dict(self.prompt),  # issue 14
        }


@dataclass(frozen=True)
class EntryFilter:
    """What ``journal list`` and the exporters select. Empty fields do not filter."""

    since: datetime | None = None
    until: datetime | None = None
    triggers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    mood_min: int | None = None
    mood_max: int | None = None
    search: str | None = None
    discuss: bool = False
    include_private: bool = True
    limit: int | None = None
    newest_first: bool = True


def parse_mood_range(raw: str) -> tuple[int, int]:
    """``'1-4'`` -> (1, 4); ``'7'`` -> (7, 7)."""
    low, sep, high = raw.strip().partition("-")
    try:
        lo = parse_mood(low)
        hi = parse_mood(high) if sep else lo
    except InvalidInput:
        raise InvalidInput(
            f"--mood takes a mood or a range such as 1-4 or 7 (moods are 1-10), not {raw!r}."
        ) from None
    if lo is None or hi is None or lo > hi:
        raise InvalidInput(f"--mood takes a range such as 1-4 or 7, not {raw!r}.")
    return lo, hi


# -- between sessions --------------------------------------------------------------------------
# Homework, therapy sessions, thought records, check-ins and the safety plan.

HomeworkSetBy = Literal["therapist", "self"]
PER_WEEK_MIN = 1
PER_WEEK_MAX = 50
TITLE_MAX = 200


def _local_iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


def check_title(raw: str, *, what: str = "title") -> str:
    title = _SPACE.sub(" ", raw).strip()
    if not title:
        raise InvalidInput(f"a {what} cannot be empty.")
    check_text(title)
    if len(title) > TITLE_MAX:
        raise InvalidInput(f"a {what} can be at most {TITLE_MAX} characters long.")
    return title


@dataclass(frozen=True)
class NewHomework:
    """An assignment before it is saved: from the therapist by default, or self-chosen."""

    title: str
    per_week: int | None = None
    until: date | None = None
    note: str = ""
    set_by: HomeworkSetBy = "therapist"

    def __post_init__(self) -> None:
        check_title(self.title)
        check_text(self.note)
        if self.per_week is not None and not PER_WEEK_MIN <= self.per_week <= PER_WEEK_MAX:
            raise InvalidInput(
                f"times per week must be from {PER_WEEK_MIN} to {PER_WEEK_MAX}; "
                f"got {self.per_week}."
            )


@dataclass(frozen=True)
class Homework:
    id: int
    uuid: str
    title: str
    per_week: int | None
    until: date | None
    note: str
    set_by: HomeworkSetBy
    created_at: datetime
    closed_at: datetime | None = None

    def is_active(self, today: date) -> bool:
        """Open on ``today``: not closed by then, and not past its end date."""
        closed = self.closed_at is not None and self.closed_at.date() <= today
        return not closed and (self.until is None or self.until >= today)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "title": self.title,
            "per_week": self.per_week,
            "until": None if self.until is None else self.until.isoformat(),
            "note": self.note,
            "set_by": self.set_by,
            "created_at": _local_iso(self.created_at),
            "closed_at": _local_iso(self.closed_at),
        }


@dataclass(frozen=True)
class NewHomeworkLog:
    """One time an assignment was done (or partly done)."""

    homework_id: int
    done_at: datetime
    rating: int | None = None
    distress_before: int | None = None
    distress_after: int | None = None
    note: str = ""
    partial: bool = False

    def __post_init__(self) -> None:
        if self.done_at.tzinfo is None:
            raise ValueError("done_at must be timezone-aware")
        check_text(self.note)
        for what, value in (
            ("rating", self.rating),
            ("distress before", self.distress_before),
            ("distress after", self.distress_after),
        ):
            if value is not None:
                parse_scale(value, what=what, low=0, high=10)


@dataclass(frozen=True)
class HomeworkLog:
    id: int
    uuid: str
    homework_id: int
    done_at: datetime
    created_at: datetime
    rating: int | None = None
    distress_before: int | None = None
    distress_after: int | None = None
    note: str = ""
    partial: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "homework_id": self.homework_id,
            "done_at": _local_iso(self.done_at),
            "created_at": _local_iso(self.created_at),
            "rating": self.rating,
            "distress_before": self.distress_before,
            "distress_after": self.distress_after,
            "note": self.note,
            "partial": self.partial,
        }


@dataclass(frozen=True)
class Session:
    """A therapy session (past, or booked ahead)."""

    id: int
    uuid: str
    at: datetime
    created_at: datetime
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "at": _local_iso(self.at),
            "created_at": _local_iso(self.created_at),
            "note": self.note,
        }


@dataclass(frozen=True)
class NewThoughtRecord:
    """The seven columns of a CBT thought record."""

    occurred_at: datetime
    situation: str = ""
    emotions_before: tuple[Emotion, ...] = ()
    automatic_thought: str = ""
    evidence_for: str = ""
    evidence_against: str = ""
    balanced_thought: str = ""
    emotions_after: tuple[Emotion, ...] = ()
    private: bool = False

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be timezone-aware")
        for text in self.texts():
            check_text(text)

    def texts(self) -> tuple[str, ...]:
        return (
            self.situation,
            self.automatic_thought,
            self.evidence_for,
            self.evidence_against,
            self.balanced_thought,
        )

    def is_empty(self) -> bool:
        return not (
            any(t.strip() for t in self.texts()) or self.emotions_before or self.emotions_after
        )


@dataclass(frozen=True)
class ThoughtRecord:
    id: int
    uuid: str
    occurred_at: datetime
    created_at: datetime
    situation: str = ""
    emotions_before: tuple[Emotion, ...] = ()
    automatic_thought: str = ""
    evidence_for: str = ""
    evidence_against: str = ""
    balanced_thought: str = ""
    emotions_after: tuple[Emotion, ...] = ()
    private: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "occurred_at": _local_iso(self.occurred_at),
            "created_at": _local_iso(self.created_at),
            "situation": self.situation,
            "emotions_before": [e.to_json() for e in self.emotions_before],
            "automatic_thought": self.automatic_thought,
            "evidence_for": self.evidence_for,
            "evidence_against": self.evidence_against,
            "balanced_thought": self.balanced_thought,
            "emotions_after": [e.to_json() for e in self.emotions_after],
            "private": self.private,
        }


@dataclass(frozen=True)
class Checkin:
    """A saved PHQ-9 or GAD-7: the item answers (0-3 each) and their total."""

    id: int
    uuid: str
    instrument: str
    taken_at: datetime
    created_at: datetime
    answers: tuple[int, ...]
    total: int

    @property
    def band(self) -> str:
        from workjournal.checkins import band

        return band(self.instrument, self.total)

    @property
    def item9(self) -> int | None:
        """The PHQ-9's ninth answer (thoughts of being better off dead or of self-harm)."""
        return self.answers[8] if self.instrument == "phq9" and len(self.answers) == 9 else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "instrument": self.instrument,
            "taken_at": _local_iso(self.taken_at),
            "total": self.total,
            "band": self.band,
            "answers": list(self.answers),
        }


# The six sections of a standard (Stanley-Brown) safety plan: key, title, the question asked.
SAFETY_SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "warning_signs",
        "Warning signs",
        "What thoughts, feelings, situations or behaviour tell you a crisis may be coming?",
    ),
    (
        "internal_coping",
        "Things I can do on my own",
        "What can you do by yourself to take your mind off things for a while?",
    ),
    (
        "distractions",
        "People and places that distract me",
        "Which people or places help you feel a bit better or take your mind off things?",
    ),
    (
        "people_to_ask",
        "People I can ask for help",
        "Who can you ask for help? (names and numbers)",
    ),
    (
        "professionals",
        "Professionals and crisis lines",
        "Which professionals or services can you contact? (therapist, doctor, crisis line)",
    ),
    (
        "safe_environment",
        "Making my surroundings safe",
        "What can you do to make where you are safer?",
    ),
)
SAFETY_SECTION_KEYS: tuple[str, ...] = tuple(key for key, _, _ in SAFETY_SECTIONS)


def parse_safety_section(raw: str) -> str:
    """``'warning-signs'``, ``'Warning signs'`` or ``'1'`` -> ``'warning_signs'``."""
    key = _SPACE.sub("_", raw.strip().casefold().replace("-", "_"))
    if key.isdigit() and 1 <= int(key) <= len(SAFETY_SECTION_KEYS):
        return SAFETY_SECTION_KEYS[int(key) - 1]
    if key in SAFETY_SECTION_KEYS:
        return key
    names = ", ".join(k.replace("_", "-") for k in SAFETY_SECTION_KEYS)
    raise InvalidInput(f"the safety plan's sections are {names} (or 1-6); not {raw[:40]!r}.")


@dataclass(frozen=True)
class SafetyPlan:
    """The sections the person wrote, in the plan's order; missing sections are empty."""

    sections: tuple[tuple[str, str], ...] = ()
    updated_at: datetime | None = None

    def body(self, key: str) -> str:
        return dict(self.sections).get(key, "")

    def is_empty(self) -> bool:
        return not any(body.strip() for _, body in self.sections)

    def written(self) -> tuple[tuple[str, str, str], ...]:
        """(key, title, body) for each section that has text, in order."""
        bodies = dict(self.sections)
        return tuple(
            (key, title, bodies[key])
            for key, title, _ in SAFETY_SECTIONS
            if bodies.get(key, "").strip()
        )

    def to_json(self) -> dict[str, Any]:
        bodies = dict(self.sections)
        return {
            "sections": [
                {"key": key, "title": title, "text": bodies.get(key, "")}
                for key, title, _ in SAFETY_SECTIONS
            ],
            "updated_at": _local_iso(self.updated_at),
        }


def emotion_changes(
    before: tuple[Emotion, ...], after: tuple[Emotion, ...]
) -> tuple[tuple[str, int | None, int | None], ...]:
    """(name, intensity before, intensity after) for every emotion named in either list."""
    was = {e.name: e.intensity for e in before}
    now = {e.name: e.intensity for e in after}
    names = [*was, *(n for n in now if n not in was)]
    return tuple((name, was.get(name), now.get(name)) for name in names)


def describe_emotion_changes(before: tuple[Emotion, ...], after: tuple[Emotion, ...]) -> str:
    """``anxious 80→40, sad 30`` (an arrow only where both ratings exist)."""
    parts = []
    for name, was, now in emotion_changes(before, after):
        if was is not None and now is not None:
            parts.append(f"{name} {was}→{now}")
        elif was is not None:
            parts.append(f"{name} {was}")
        elif now is not None:
            parts.append(f"{name} →{now}")
        else:
            parts.append(name)
    return ", ".join(parts)
