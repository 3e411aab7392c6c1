"""The diary card: one row a day of urges, actions, emotions, skills, sleep, medication and the
person's own ratings, read as a weekly grid. Models and validation only (standard library).

A card belongs to one local day. Recording again for the same day changes only what is given
(:meth:`DiaryCard.merged`). Which targets, emotions and ratings a card asks about is the
person's own list (:class:`CardItem`); removing one keeps what earlier cards recorded for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from workjournal.errors import InvalidInput
from workjournal.models import check_text, normalize_name

ItemKind = Literal["target", "emotion", "rate"]
ITEM_KINDS: tuple[ItemKind, ...] = ("target", "emotion", "rate")

URGE_MAX = 5
EMOTION_MAX = 5
SKILLS_MAX = 7
SLEEP_MAX = 24.0
MEDS = ("yes", "no", "partly")
RATE_LIMIT = 1000  # a custom rating's range lies within -1000..1000

DEFAULT_TARGETS = ("self-harm", "suicide", "substance use")
DEFAULT_EMOTIONS = ("anger", "fear", "joy", "sadness", "shame", "guilt")
SAFETY_TARGETS = ("self-harm", "suicide")
SAFETY_URGE = 3  # an urge this strong (or acting) to a safety target brings the support note

CARD_OPENING = "Thank you for writing that down. Your diary card is saved."

# The 0-7 skills-use scale of DBT diary cards, in this tool's own words.
SKILLS_SCALE = (
    "didn't think of them or use them",
    "thought of them, didn't use them, didn't want to",
    "thought of them, didn't use them, wanted to",
    "tried, but couldn't use them",
    "tried and used them, but they didn't help",
    "tried and used them, and they helped",
    "used them without trying, and they didn't help",
    "used them without trying, and they helped",
)

# Skills to complete from, by DBT module (their usual short names).
SKILLS_BY_MODULE: dict[str, tuple[str, ...]] = {
    "mindfulness": (
        "wise mind", "observe", "describe", "participate", "nonjudgmental stance",
        "one-mindfully", "effectively",
    ),
    "distress tolerance": (
        "stop", "tipp", "pros and cons", "accepts", "self-soothe", "improve the moment",
        "radical acceptance", "turning the mind", "willingness", "half-smile",
    ),
    "emotion regulation": (
        "check the facts", "opposite action", "problem solving", "accumulate positives",
        "build mastery", "cope ahead", "please",
    ),
    "interpersonal effectiveness": ("dear man", "give", "fast", "validation"),
}  # fmt: skip
BUILT_IN_SKILLS = tuple(name for names in SKILLS_BY_MODULE.values() for name in names)

_NUMBER = re.compile(r"-?[0-9]{1,4}(\.[0-9]{1,2})?")


@dataclass(frozen=True)
class CardItem:
    """A target behaviour, an emotion or a custom rating the card asks about."""

    id: int
    kind: ItemKind
    name: str
    low: int | None = None  # rates only: the range
    high: int | None = None
    active: bool = True

    def describe(self) -> str:
        return f"{self.name} ({self.low}-{self.high})" if self.kind == "rate" else self.name

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "name": self.name, "active": self.active}
        if self.kind == "rate":
            data["range"] = [self.low, self.high]
        return data


def item_name(raw: str, kind: ItemKind) -> str:
    what = {"target": "target", "emotion": "emotion", "rate": "rating"}[kind]
    name = normalize_name(raw, what=what)
    if "," in name or ":" in name:
        raise InvalidInput(f"a {what} name cannot contain ',' or ':'; not {raw[:40]!r}.")
    return name


def parse_range(raw: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(-?[0-9]{1,4})\s*-\s*(-?[0-9]{1,4})\s*", raw)
    if match is None:
        raise InvalidInput(f"--range is LOW-HIGH in whole numbers, e.g. 0-10; not {raw[:20]!r}.")
    low, high = int(match[1]), int(match[2])
    if not low < high or max(abs(low), abs(high)) > RATE_LIMIT:
        raise InvalidInput(
            f"--range needs LOW below HIGH, both within -{RATE_LIMIT}..{RATE_LIMIT}."
        )
    return low, high


@dataclass(frozen=True)
class CardItems:
    """The person's lists, active and removed (removed ones still show in old cards)."""

    items: tuple[CardItem, ...] = ()

    def active(self, kind: ItemKind) -> tuple[CardItem, ...]:
        return tuple(item for item in self.items if item.kind == kind and item.active)

    def names(self, kind: ItemKind) -> tuple[str, ...]:
        return tuple(item.name for item in self.active(kind))

    def find(self, kind: ItemKind, name: str) -> CardItem | None:
        for item in self.items:
            if item.kind == kind and item.name == name and item.active:
                return item
        return None


def _pair(raw: str, option: str) -> tuple[str, str]:
    name, sep, value = raw.rpartition(":")
    if not sep or not name.strip() or not value.strip():
        raise InvalidInput(f"{option} is NAME:VALUE, e.g. {option} self-harm:2; not {raw[:40]!r}.")
    return name, value.strip()


def _whole(raw: str, *, what: str, low: int, high: int) -> int:
    if not re.fullmatch(r"-?[0-9]{1,4}", raw):
        raise InvalidInput(f"{what} must be a whole number from {low} to {high}, not {raw[:20]!r}.")
    value = int(raw)
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be from {low} to {high}; got {value}.")
    return value


def _known(name: str, kind: ItemKind, items: CardItems, option: str) -> str:
    if items.find(kind, name) is None:
        known = ", ".join(items.names(kind)) or "none yet"
        command = {"target": "targets", "emotion": "emotions", "rate": "rates"}[kind]
        raise InvalidInput(
            f"{name!r} is not on your card ({option}); yours are: {known}. "
            f"`journal card {command} add NAME` adds one."
        )
    return name


def parse_urge(raw: str, items: CardItems) -> tuple[str, int]:
    name, value = _pair(raw, "--urge")
    name = _known(item_name(name, "target"), "target", items, "--urge")
    return name, _whole(value, what=f"the urge to {name}", low=0, high=URGE_MAX)


def parse_emotion(raw: str, items: CardItems) -> tuple[str, int]:
    name, value = _pair(raw, "--emotion")
    name = _known(item_name(name, "emotion"), "emotion", items, "--emotion")
    return name, _whole(value, what=name, low=0, high=EMOTION_MAX)


def parse_acted(raw: str, items: CardItems) -> tuple[str, bool]:
    """``NAME`` (it happened) or ``NAME:yes`` / ``NAME:no``."""
    name, sep, value = raw.rpartition(":")
    if not sep:
        name, value = raw, "yes"
    answer = value.strip().lower()
    if answer not in ("yes", "no", "y", "n"):
        raise InvalidInput(f"--acted is NAME, NAME:yes or NAME:no; not {raw[:40]!r}.")
    return _known(item_name(name, "target"), "target", items, "--acted"), answer.startswith("y")


def parse_rate(raw: str, items: CardItems) -> tuple[str, float]:
    name, value = _pair(raw, "--rate")
    name = _known(item_name(name, "rate"), "rate", items, "--rate")
    item = items.find("rate", name)
    assert item is not None and item.low is not None and item.high is not None
    if not _NUMBER.fullmatch(value):
        raise InvalidInput(f"{name} must be a number from {item.low} to {item.high}.")
    number = float(value)
    if not item.low <= number <= item.high:
        raise InvalidInput(f"{name} must be from {item.low} to {item.high}; got {value}.")
    return name, number


def parse_skills(raw: str) -> int:
    return _whole(raw.strip(), what="--skills", low=0, high=SKILLS_MAX)


def parse_meds(raw: str) -> str:
    answer = raw.strip().lower()
    if answer not in MEDS:
        raise InvalidInput(f"--meds is yes, no or partly; not {raw[:20]!r}.")
    return answer


def parse_sleep(raw: str) -> float:
    text = raw.strip().lower().removesuffix("h").strip()
    if not re.fullmatch(r"[0-9]{1,2}(\.[0-9]{1,2})?", text):
        raise InvalidInput(f"--sleep is hours, e.g. 7 or 6.5; not {raw[:20]!r}.")
    hours = float(text)
    if hours > SLEEP_MAX:
        raise InvalidInput(f"--sleep is at most {SLEEP_MAX:g} hours; got {text}.")
    return hours


def skill_name(raw: str) -> str:
    name = normalize_name(raw, what="skill")
    if "," in name:
        raise InvalidInput(f"a skill name cannot contain ','; not {raw[:40]!r}.")
    return name


@dataclass(frozen=True)
class CardChange:
    """What one `journal card` call gives; None (or empty) means "leave as it is"."""

    urges: tuple[tuple[str, int], ...] = ()
    acted: tuple[tuple[str, bool], ...] = ()
    emotions: tuple[tuple[str, int], ...] = ()
    skills: int | None = None
    skills_used: tuple[str, ...] = ()
    meds: str | None = None
    sleep: float | None = None
    rates: tuple[tuple[str, float], ...] = ()
    note: str | None = None

    def __post_init__(self) -> None:
        if self.note is not None:
            check_text(self.note)

    def is_empty(self) -> bool:
        return self == CardChange()

    def fields(self) -> tuple[str, ...]:
        """The names of the fields given, for "changed urges and sleep"."""
        given = []
        for name in ("urges", "acted", "emotions", "skills", "skills_used", "meds", "sleep"):
            value = getattr(self, name)
            if value not in ((), None):
                given.append(name.replace("_", " "))
        if self.rates:
            given.append("ratings")
        if self.note is not None:
            given.append("note")
        return tuple(given)


@dataclass(frozen=True)
class DiaryCard:
    day: date
    id: int = 0
    uuid: str = ""
    urges: dict[str, int] = field(default_factory=dict)
    acted: dict[str, bool] = field(default_factory=dict)
    emotions: dict[str, int] = field(default_factory=dict)
    skills: int | None = None
    skills_used: tuple[str, ...] = ()
    meds: str | None = None
    sleep: float | None = None
    rates: dict[str, float] = field(default_factory=dict)
    note: str = ""

    def merged(self, change: CardChange) -> DiaryCard:
        used = dict.fromkeys((*self.skills_used, *change.skills_used))
        return replace(
            self,
            urges={**self.urges, **dict(change.urges)},
            acted={**self.acted, **dict(change.acted)},
            emotions={**self.emotions, **dict(change.emotions)},
            skills=self.skills if change.skills is None else change.skills,
            skills_used=tuple(used),
            meds=self.meds if change.meds is None else change.meds,
            sleep=self.sleep if change.sleep is None else change.sleep,
            rates={**self.rates, **dict(change.rates)},
            note=self.note if change.note is None else change.note,
        )

    @property
    def acted_on(self) -> tuple[str, ...]:
        return tuple(name for name, did in self.acted.items() if did)

    def needs_support(self) -> bool:
        """An urge of 3 or more to a safety target, or acting on one."""
        return any(
            self.urges.get(name, 0) >= SAFETY_URGE or self.acted.get(name, False)
            for name in SAFETY_TARGETS
        )

    def values_json(self) -> dict[str, Any]:
        """What the store keeps in the card's JSON column."""
        return {
            "urges": self.urges,
            "acted": self.acted,
            "emotions": self.emotions,
            "skills_used": list(self.skills_used),
            "rates": self.rates,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "urges": dict(self.urges),
            "acted": list(self.acted_on),
            "emotions": dict(self.emotions),
            "skills": self.skills,
            "skills_used": list(self.skills_used),
            "meds": self.meds,
            "sleep": self.sleep,
            "rates": {name: _number(value) for name, value in self.rates.items()},
            "note": self.note or None,
        }


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def card_from_values(
    *,
    day: date,
    id: int,
    uuid: str,
    values: dict[str, Any],
    skills: int | None,
    meds: str | None,
    sleep: float | None,
    note: str,
) -> DiaryCard:
    """A card from its stored columns; the JSON column is checked for shape, so a row the
    code cannot read is refused with a clear message rather than half shown."""
    try:
        urges = {str(k): int(v) for k, v in dict(values.get("urges", {})).items()}
        acted = {str(k): bool(v) for k, v in dict(values.get("acted", {})).items()}
        emotions = {str(k): int(v) for k, v in dict(values.get("emotions", {})).items()}
        used = tuple(str(name) for name in values.get("skills_used", []))
        rates = {str(k): float(v) for k, v in dict(values.get("rates", {})).items()}
    except (TypeError, ValueError, AttributeError):
        raise InvalidInput(f"the diary card for {day} cannot be read (its values).") from None
    if any(not 0 <= v <= URGE_MAX for v in urges.values()) or any(
        not 0 <= v <= EMOTION_MAX for v in emotions.values()
    ):
        raise InvalidInput(f"the diary card for {day} has a rating out of range.")
    if any(math.isnan(v) or math.isinf(v) for v in rates.values()):
        raise InvalidInput(f"the diary card for {day} has a rating that is not a number.")
    return DiaryCard(
        day=day,
        id=id,
        uuid=uuid,
        urges=urges,
        acted=acted,
        emotions=emotions,
        skills=skills,
        skills_used=used,
        meds=meds,
        sleep=sleep,
        rates=rates,
        note=note,
    )
