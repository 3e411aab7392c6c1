"""The journal's data: frozen dataclasses and their validation. Standard library only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC as UTC_ZONE
from datetime import date, datetime
from typing import Any, Literal

from workjournal.errors import InvalidInput

MOOD_MIN = 1
MOOD_MAX = 10
INTENSITY_MIN = 0
INTENSITY_MAX = 100
NAME_MAX = 100
EMOTION_FORMS = "Accepted forms: anxious, anxious:70, or a list: anxious:70, sad:40."

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


def _a(word: str) -> str:
    """The article for ``word`` in a message: "an emotion", "a trigger"."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def normalize_name(raw: str, *, what: str = "name") -> str:
    """Trim, collapse inner whitespace, case-fold: ``' Work  Stress '`` -> ``'work stress'``."""
    name = _SPACE.sub(" ", raw).strip().casefold()
    if not name:
        raise InvalidInput(f"{_a(what)} {what} cannot be empty.")
    if "\x00" in name:
        raise InvalidInput(f"{_a(what)} {what} cannot contain NUL characters.")
    if not _is_utf8(name):
        raise InvalidInput(f"{_a(what)} {what} is not valid UTF-8 text.")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"{_a(what)} {what} can be at most {NAME_MAX} characters long.")
    return name


def normalize_names(raws: list[str] | tuple[str, ...], *, what: str) -> tuple[str, ...]:
    """Normalise each name and drop repeats, keeping the first-seen order."""
    seen: dict[str, None] = {}
    for raw in raws:
        seen.setdefault(normalize_name(raw, what=what), None)
    return tuple(seen)


def split_list(raw: str, *, what: str) -> list[str]:
    """The parts of a comma list, trimmed: ``'work, sleep'`` -> ``['work', 'sleep']``. Empty
    parts between commas are dropped; a list with no part at all is refused."""
    parts = [part.strip() for part in raw.split(",")]
    kept = [part for part in parts if part]
    if not kept:
        raise InvalidInput(f"{_a(what)} {what} cannot be empty.")
    return kept


def parse_names(raws: list[str] | tuple[str, ...], *, what: str) -> tuple[str, ...]:
    """Names as typed in options and prompts: each value may be a comma list, so
    ``-t "work, sleep"`` is exactly ``-t work -t sleep``. A name therefore never holds a comma."""
    return normalize_names([part for raw in raws for part in split_list(raw, what=what)], what=what)


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
        """One emotion: ``'anxious'`` or ``'anxious:70'`` (intensity 0-100). A name holds no
        ``:`` and no ``,``; anything else is refused with the accepted forms."""
        name, sep, level = raw.partition(":")
        if "," in raw or ":" in level or (sep and not name.strip()):
            raise InvalidInput(
                f"could not understand the emotion {raw.strip()[:40]!r}. {EMOTION_FORMS}"
            )
        if not sep:
            return cls(normalize_name(raw, what="emotion"))
        if not level.strip():
            raise InvalidInput(
                f"the emotion {name.strip()[:40]!r} has a ':' but no intensity. {EMOTION_FORMS}"
            )
        try:
            intensity = parse_scale(
                level, what=f"the intensity of {name.strip()[:40]!r}", low=0, high=100
            )
        except InvalidInput as exc:
            raise InvalidInput(f"{exc.message} {EMOTION_FORMS}") from None
        return cls(normalize_name(name, what="emotion"), intensity)

    def rerated(self, raw: str) -> Emotion:
        """This emotion with a new intensity typed as ``40`` (or ``anxious:40`` for it)."""
        text = raw.strip()
        name, sep, level = text.partition(":")
        if sep and normalize_name(name or "?", what="emotion") == self.name:
            text = level.strip()
        what = f"the intensity of {self.name!r}"
        intensity = parse_scale(text, what=what, low=0, high=100)
        if intensity is None:
            raise InvalidInput(f"{what} must be a whole number from 0 to 100.")
        return Emotion(self.name, intensity)

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


def parse_emotions(raws: list[str] | tuple[str, ...]) -> tuple[Emotion, ...]:
    """Emotions as typed in options and prompts: each value may be a comma list, so
    ``-e "anxious:70, sad:40"`` is exactly ``-e anxious:70 -e sad:40``."""
    return dedupe_emotions(
        [Emotion.parse(part) for raw in raws for part in split_list(raw, what="emotion")]
    )


def _is_utf8(text: str) -> bool:
    """False for lone surrogates: what Python makes of bytes in argv that are not UTF-8."""
    if text.isascii():  # most text, and much faster to tell
        return True
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
        mood = self.mood
        if mood is not None and not (type(mood) is int and MOOD_MIN <= mood <= MOOD_MAX):
            parse_mood(mood)
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
        raise InvalidInput(f"{_a(what)} {what} cannot be empty.")
    check_text(title)
    if len(title) > TITLE_MAX:
        raise InvalidInput(f"{_a(what)} {what} can be at most {TITLE_MAX} characters long.")
    return title


@dataclass(frozen=True)
class NewHomework:
    """An assignment before it is saved: from the therapist by default, or self-chosen."""

    title: str
    per_week: int | None = None
    until: date | None = None
    note: str = ""
    set_by: HomeworkSetBy = "therapist"
    starts: date | None = None  # the day its target counts from (None: the day it was added)

    def __post_init__(self) -> None:
        check_title(self.title)
        if self.starts is not None and self.until is not None and self.until < self.starts:
            raise InvalidInput(
                f"the last day ({self.until.isoformat()}) is before the start "
                f"({self.starts.isoformat()})."
            )
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
    starts: date | None = None

    @property
    def start_date(self) -> date:
        """The first day the assignment counts: its --from day, else the day it was added."""
        return self.starts if self.starts is not None else self.created_at.date()

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
            "starts": self.start_date.isoformat(),
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


# -- check-ins: the PHQ-9 and GAD-7 forms, their scoring and bands (workjournal.checkins has the
# history and wording built on them) ------------------------------------------------------------

ANSWER_LABELS: tuple[str, ...] = (
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
)
ANSWER_MAX = len(ANSWER_LABELS) - 1

# The unscored last question of both forms, worded as printed on the published PHQ-9 and GAD-7.
DIFFICULTY_QUESTION = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
DIFFICULTY_LABELS: tuple[str, ...] = (
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
)
DIFFICULTY_MAX = len(DIFFICULTY_LABELS) - 1
# For narrow tables: the same answers, shortened ("not at all", "somewhat", ...).
DIFFICULTY_SHORT: tuple[str, ...] = ("not at all", "somewhat", "very", "extremely")

ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
    "display or distribute."
)

NOT_A_DIAGNOSIS = (
    "This is a self-report score, not a diagnosis: it is something to look at together with "
    "your therapist or doctor."
)


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    stem: str
    items: tuple[str, ...]
    # (lowest total of the band, band name), ascending.
    bands: tuple[tuple[int, str], ...]

    @property
    def max_total(self) -> int:
        return ANSWER_MAX * len(self.items)


PHQ9 = Instrument(
    key="phq9",
    name="PHQ-9",
    stem=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        (0, "minimal"),
        (5, "mild"),
        (10, "moderate"),
        (15, "moderately severe"),
        (20, "severe"),
    ),
)

GAD7 = Instrument(
    key="gad7",
    name="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")),
)

INSTRUMENTS: dict[str, Instrument] = {PHQ9.key: PHQ9, GAD7.key: GAD7}

# The PHQ-9 item about thoughts of being better off dead or of self-harm (0-based index).
PHQ9_ITEM9 = 8


def instrument(key: str) -> Instrument:
    try:
        return INSTRUMENTS[key]
    except KeyError:
        raise InvalidInput(f"unknown check-in {key!r}; the check-ins are phq9 and gad7.") from None


def score(key: str, answers: Sequence[int]) -> int:
    """The total of the item answers, after checking there is one 0-3 answer per item."""
    inst = instrument(key)
    if len(answers) != len(inst.items):
        raise InvalidInput(
            f"the {inst.name} has {len(inst.items)} questions; got {len(answers)} answers."
        )
    for number, answer in enumerate(answers, start=1):
        if not 0 <= answer <= ANSWER_MAX:
            raise InvalidInput(f"answer {number} must be from 0 to {ANSWER_MAX}; got {answer}.")
    return sum(answers)


def band(key: str, total: int) -> str:
    """The published severity band of a total: PHQ-9 0-4 minimal, 5-9 mild, 10-14 moderate,
    15-19 moderately severe, 20-27 severe; GAD-7 0-4 minimal, 5-9 mild, 10-14 moderate,
    15-21 severe."""
    inst = instrument(key)
    if not 0 <= total <= inst.max_total:
        raise InvalidInput(f"a {inst.name} total is from 0 to {inst.max_total}; got {total}.")
    name = inst.bands[0][1]
    for low, band_name in inst.bands:
        if total >= low:
            name = band_name
    return name


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
    # The unscored last question (0-3: not difficult at all .. extremely difficult), or None
    # when it was skipped. It never changes the total.
    difficulty: int | None = None

    @property
    def band(self) -> str:
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
            "created_at": _local_iso(self.created_at),
            "total": self.total,
            "band": self.band,
            "answers": list(self.answers),
            "difficulty": self.difficulty_label,
        }

    @property
    def difficulty_label(self) -> str | None:
        return None if self.difficulty is None else DIFFICULTY_LABELS[self.difficulty]


# The sections of the Stanley-Brown safety plan, in its order and in the tool's own words: six
# steps and, last, what matters most. Key, title, the question asked.
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
        "Making where I am safer",
        "What could you put out of reach, or give to someone you trust to keep for now, so "
        "that things you could use to hurt yourself are not close at hand?",
    ),
    (
        "worth_living_for",
        "What matters most to me",
        "What is the one thing most important to you and worth living for?",
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
    raise InvalidInput(
        f"the safety plan's sections are {names} (or 1-{len(SAFETY_SECTION_KEYS)}); "
        f"not {raw[:40]!r}."
    )


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

    def written_sections(self) -> tuple[tuple[str, str], ...]:
        """(key, text) of each section that has text."""
        return tuple((key, body) for key, _, body in self.written())

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


# -- moments that the journal can store ---------------------------------------------------------

EARLIEST_YEAR = 1900
LATEST_YEAR = 9999


def moment_problem(moment: datetime) -> str | None:
    """Why the journal cannot store ``moment`` exactly, or None: it must have a UTC offset in
    whole minutes and lie between the years 1900 and 9999 both where it was lived and in UTC
    (the rule ``clock.parse_when`` applies to what a person types; imports apply it too)."""
    offset = moment.utcoffset()
    if offset is None:
        return "has no UTC offset"
    if offset.total_seconds() % 60:
        return "has a UTC offset with seconds, which the journal cannot store"
    try:
        years = (moment.year, moment.astimezone(UTC_ZONE).year)
    except OverflowError:
        return f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}"
    if not all(EARLIEST_YEAR <= year <= LATEST_YEAR for year in years):
        return f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}"
    return None


# -- reading a record of the JSON export (the importer and each kind's from_export) ---------------

_EXAMPLE_MOMENT = "2026-11-20T21:30:00+00:00"


def parse_export_moment(value: Any, key: str) -> datetime:
    """A moment as the JSON export writes it (ISO 8601 with its offset) that the journal can
    store (see moment_problem); the message names ``key``."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(f'"{key}" must be a moment such as {_EXAMPLE_MOMENT}.') from None
    if moment.tzinfo is None:
        raise InvalidInput(
            f'"{key}" must be a moment with a UTC offset, such as {_EXAMPLE_MOMENT}.'
        )
    offset = moment.utcoffset()
    # The common case, decided without converting: an offset in whole minutes (always under a
    # day) keeps a moment lived in 1901-9998 within 1900-9999 in UTC too (see moment_problem).
    if offset is not None and not offset.seconds % 60 and 1901 <= moment.year <= 9998:
        return moment
    problem = moment_problem(moment)
    if problem is not None:
        raise InvalidInput(f'"{key}" {problem}.')
    return moment


# What a kind's from_export accepts under each key of its record: the Python types a JSON value
# decodes to (None is always accepted: a missing or null key), or EXPORT_MOMENT for a moment.
EXPORT_MOMENT = "moment"
_TYPE_WORDS = {str: "text", int: "a whole number", dict: "an object", list: "a list"}


def check_export_fields(
    raw: dict[str, Any],
    fields: dict[str, tuple[type, ...] | str],
    *,
    required: tuple[str, ...] = (),
) -> None:
    """Refuse a JSON export record that lacks a ``required`` key or holds a value of another
    JSON type than ``fields`` gives (true and false are not whole numbers), with a message that
    names the key, before a model reads it."""
    for key in required:
        if raw.get(key) is None:
            raise InvalidInput(f'has no "{key}".')
    for key, expected in fields.items():
        value = raw.get(key)
        if value is None:
            continue
        if expected == EXPORT_MOMENT:
            parse_export_moment(value, key)
        elif isinstance(expected, tuple) and (
            not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected)
        ):
            words = " or ".join(_TYPE_WORDS.get(t, t.__name__) for t in expected)
            raise InvalidInput(f'"{key}" must be {words}.')


# A UUID already in the canonical form (what every export writes) is its own str(UUID(value)).
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def parse_export_uuid(value: Any, key: str = "uuid") -> str:
    """A record's UUID in its canonical form; the message names ``key``."""
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value
    import uuid

    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise InvalidInput(f'"{key}" must be a UUID.') from None


# -- the kinds of record -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportScope:
    """Which records of a kind the JSON export holds: those with a moment from ``since`` to
    ``until`` (either open), and the private ones only if ``include_private``."""

    since: datetime | None = None
    until: datetime | None = None
    include_private: bool = True

    def holds(self, moment: datetime) -> bool:
        return (self.since is None or moment >= self.since) and (
            self.until is None or moment <= self.until
        )


# What importing one record did: added it, kept the journal's own (the same, or matched by
# name), or kept the journal's own although it holds something else (reported as a conflict).
ImportResult = Literal["added", "kept", "conflict"]


@dataclass(frozen=True)
class RecordKind:
    """One kind of record the journal keeps. Export, import, redaction, ``doctor``'s counts and
    the import messages are derived from :data:`RECORD_KINDS`; adding a kind is one line here
    (see docs/architecture.md, "Adding a new kind of record").

    Every kind but entries (whose import is a bulk path of its own) has two methods on
    ``Store``, in its own store module, which store/transfer.py finds by the kind's name:
    ``export_<name>(scope: ExportScope)`` gives its part of the JSON export, and
    ``import_<name>(row, *, number, known) -> ImportResult`` brings one parsed record in
    (``known``: the journal already has its uuid; ``number``: its place in the file)."""

    name: str  # its key in the JSON export
    table: str  # its SQLite table
    model: type | str  # the class, or its dotted name when importing it here would be a cycle
    one: str  # how a message names one of them
    many: str
    text_fields: tuple[str, ...]  # written text, emptied by --redact
    parent: str | None = None  # the kind each record belongs to (a completion: its homework)
    private_column: str | None = None  # the kind has a private flag (left out unless asked)
    single: bool = False  # one per journal (the safety plan): an object, not a list
    conflict_key: str = "uuid"  # what names a conflicting record in import's report

    def count(self, n: int) -> str:
        return f"{n} {self.one if n == 1 else self.many}"

    def conflict_label(self, record: dict[str, Any]) -> str:
        return self.one if self.single else str(record[self.conflict_key])

    def model_class(self) -> type:
        """The model class, imported now if the registry names it by its dotted name."""
        if isinstance(self.model, str):
            import importlib

            module, _, name = self.model.rpartition(".")
            found: type = getattr(importlib.import_module(module), name)
            return found
        return self.model


THOUGHT_TEXT_FIELDS = (
    "situation",
    "automatic_thought",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
)

# In the order they are exported and imported: a parent before the kinds that belong to it.
RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        "entries", "entries", Entry, "entry", "entries", ("text",), private_column="private"
    ),
    RecordKind("homework", "homework", Homework, "homework", "homework", ("note",)),
    RecordKind(
        "homework_log",
        "homework_log",
        HomeworkLog,
        "homework log",
        "homework logs",
        ("note",),
        parent="homework",
    ),
    RecordKind("sessions", "sessions", Session, "session", "sessions", ("note",)),
    RecordKind(
        "thought_records",
        "thought_records",
        ThoughtRecord,
        "thought record",
        "thought records",
        THOUGHT_TEXT_FIELDS,
        private_column="private",
    ),
    RecordKind("checkins", "checkins", Checkin, "check-in", "check-ins", ()),
    RecordKind(
        "safety_plan",
        "safety_plan",
        SafetyPlan,
        "safety plan",
        "safety plans",
        ("text",),
        single=True,
    ),
    RecordKind(
        "card_items", "card_items", "workjournal.cards.CardItem", "card item", "card items", ()
    ),
    RecordKind(
        "diary_cards",
        "diary_cards",
        "workjournal.cards.DiaryCard",
        "diary card",
        "diary cards",
        ("note",),
        conflict_key="date",  # one card a day: a card for a day the journal has is a conflict
    ),
    RecordKind(
        "practice", "practice", "workjournal.practice.Practice", "practice", "practices", ("note",)
    ),
    RecordKind(
        "reflection_prompts",
        "reflection_prompts",
        "workjournal.reflection.Prompt",
        "reflection prompt",
        "reflection prompts",
        ("text",),
    ),
    RecordKind(
        "conversations",
        "conversations",
        "workjournal.conversations.Conversation",
        "conversation",
        "conversations",
        ("title", "with", "expected", "note", "steps"),
    ),
    RecordKind(
        "reminders",
        "reminders",
        "workjournal.reminders.Reminder",
        "reminder",
        "reminders",
        ("message",),
    ),
)
KINDS: dict[str, RecordKind] = {kind.name: kind for kind in RECORD_KINDS}
