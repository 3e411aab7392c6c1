"""The PHQ-9 and GAD-7 check-ins: the published item wording, answer labels, scoring and bands,
and the history of scores over time. Pure and standard library only.

Scores are self-report: they describe how the last two weeks felt, they are not a diagnosis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workjournal.errors import InvalidInput

if TYPE_CHECKING:
    from workjournal.models import Checkin

ANSWER_LABELS: tuple[str, ...] = (
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
)
ANSWER_MAX = len(ANSWER_LABELS) - 1

ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
    "display or distribute."
)

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

LOWER_IS_FEWER = "Lower totals mean fewer or less frequent symptoms reported."

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


_SEPARATORS = re.compile(r"[\s,;]+")


def parse_answers(key: str, raw: str) -> tuple[int, ...]:
    """``'0,1,2,3,0,1,2,3,0'`` (commas or spaces) -> the answers, checked against the form."""
    inst = instrument(key)
    parts = [p for p in _SEPARATORS.split(raw.strip()) if p]
    answers: list[int] = []
    for part in parts:
        if not (part.isascii() and part.isdigit()):
            raise InvalidInput(
                f"each answer is a number from 0 to {ANSWER_MAX}; {part[:10]!r} is not."
            )
        answers.append(int(part))
    score(inst.key, answers)
    return tuple(answers)


def parse_one_answer(raw: str) -> int | None:
    """One interactive answer: 0-3, or None when it is not one."""
    text = raw.strip()
    if len(text) == 1 and "0" <= text <= str(ANSWER_MAX):  # ASCII only: "٣".isdigit() is True
        return int(text)
    return None


def check_difficulty(value: int | None) -> int | None:
    """The difficulty answer (0-3) or None when it was skipped."""
    if value is not None and not 0 <= value <= DIFFICULTY_MAX:
        raise InvalidInput(
            f"the difficulty answer is from 0 to {DIFFICULTY_MAX} "
            f"({', '.join(f'{i} {label}' for i, label in enumerate(DIFFICULTY_LABELS))}); "
            f"got {value}."
        )
    return value


def parse_difficulty(raw: str) -> int:
    """``--difficulty``: one plain digit from 0 to 3."""
    answer = parse_one_answer(raw)
    if answer is None:
        labels = ", ".join(f"{i} {label}" for i, label in enumerate(DIFFICULTY_LABELS))
        raise InvalidInput(f"the difficulty answer is one of {labels}; not {raw[:10]!r}.")
    return answer


def difficulty_label(value: int | None) -> str | None:
    return None if value is None else DIFFICULTY_LABELS[value]


def parse_difficulty_label(label: str | None) -> int | None:
    """A label from the JSON (``"Somewhat difficult"``) back to its 0-3 answer."""
    if label is None:
        return None
    try:
        return DIFFICULTY_LABELS.index(label)
    except ValueError:
        names = ", ".join(repr(name) for name in DIFFICULTY_LABELS)
        raise InvalidInput(f"the difficulty is one of {names} or null; not {label!r}.") from None


def item9_note(checkin: Checkin) -> str | None:
    """``question 9: several days — see below`` for a PHQ-9 whose ninth item is above 0."""
    if not item9_positive(checkin):
        return None
    assert checkin.item9 is not None
    return f"question 9: {ANSWER_LABELS[checkin.item9].lower()} — see below"


def item9_positive(checkin: Checkin) -> bool:
    """A PHQ-9 whose ninth item was answered above 0 (whatever the total)."""
    return checkin.item9 is not None and checkin.item9 > 0


@dataclass(frozen=True)
class HistoryRow:
    """One check-in with the change since the first and the previous one of the same form."""

    checkin: Checkin
    change_from_first: int | None
    change_from_previous: int | None
    # Neutral notes on the score: "halved since 3 Nov" (a drop of 50 % or more from the first
    # of its form) and "below 5" (under the lowest cut-off of both forms).
    marks: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            **self.checkin.to_json(),
            "max_total": instrument(self.checkin.instrument).max_total,
            "change_from_first": self.change_from_first,
            "change_from_previous": self.change_from_previous,
            "marks": list(self.marks),
        }


BELOW = 5  # the lowest cut-off (mild) of both the PHQ-9 and the GAD-7


def _short_date(moment: datetime, *, than: datetime) -> str:
    """``3 Nov``, with the year when it is not the year of ``than``."""
    text = f"{moment.day} {moment.strftime('%b')}"
    return text if moment.year == than.year else f"{text} {moment.year}"


def marks(checkin: Checkin, first: Checkin | None) -> tuple[str, ...]:
    """The neutral notes for ``checkin`` given the first check-in of its form (None when it is
    the first): never "recovered" or "remission", only what the numbers say."""
    found: list[str] = []
    if first is not None and first.total > 0 and 2 * checkin.total <= first.total:
        found.append(f"halved since {_short_date(first.taken_at, than=checkin.taken_at)}")
    if checkin.total < BELOW:
        found.append(f"below {BELOW}")
    return tuple(found)


def history(checkins: Sequence[Checkin]) -> tuple[HistoryRow, ...]:
    """Check-ins oldest first, each compared with the first and the previous of its form.
    A negative change means a lower score (fewer or less frequent problems reported)."""
    ordered = sorted(checkins, key=lambda c: (c.taken_at, c.id))
    first: dict[str, Checkin] = {}
    previous: dict[str, int] = {}
    rows: list[HistoryRow] = []
    for checkin in ordered:
        key = checkin.instrument
        rows.append(
            HistoryRow(
                checkin=checkin,
                change_from_first=checkin.total - first[key].total if key in first else None,
                change_from_previous=checkin.total - previous[key] if key in previous else None,
                marks=marks(checkin, first.get(key)),
            )
        )
        first.setdefault(key, checkin)
        previous[key] = checkin.total
    return tuple(rows)


CHECKIN_SUGGEST_AFTER_DAYS = 14


def checkin_suggestion(last_taken: datetime | None, *, now: datetime) -> str | None:
    """A gentle offer when the last check-in is more than 14 days old (or there is none)."""
    offer = "`journal checkin phq9` or `journal checkin gad7` takes about two minutes"
    if last_taken is None:
        return f"If you'd like a snapshot to bring along: {offer}."
    days = (now - last_taken).days
    if days <= CHECKIN_SUGGEST_AFTER_DAYS:
        return None
    return f"Your last check-in was {days} days ago. If you'd like a fresh snapshot: {offer}."
