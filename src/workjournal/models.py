"""The journal's data: frozen dataclasses and their validation. Standard library only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
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
        mood = int(str(raw).strip())
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
        value = int(str(raw).strip())
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
