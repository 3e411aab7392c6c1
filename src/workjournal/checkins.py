"""The PHQ-9 and GAD-7 check-ins: the published item wording, answer labels, scoring and bands,
and the history of scores over time. Pure and standard library only.

Scores are self-report: they describe how the last two weeks felt, they are not a diagnosis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workjournal.errors import InvalidInput
from workjournal.models import (
    ANSWER_LABELS,
    ANSWER_MAX,
    ATTRIBUTION,
    DIFFICULTY_LABELS,
    DIFFICULTY_MAX,
    DIFFICULTY_QUESTION,
    DIFFICULTY_SHORT,
    GAD7,
    INSTRUMENTS,
    NOT_A_DIAGNOSIS,
    PHQ9,
    PHQ9_ITEM9,
    Checkin,
    Instrument,
    band,
    instrument,
    score,
)

LOWER_IS_FEWER = "Lower totals mean fewer or less frequent symptoms reported."


__all__ = [
    "ANSWER_LABELS",
    "ANSWER_MAX",
    "ATTRIBUTION",
    "DIFFICULTY_LABELS",
    "DIFFICULTY_MAX",
    "DIFFICULTY_QUESTION",
    "DIFFICULTY_SHORT",
    "GAD7",
    "INSTRUMENTS",
    "NOT_A_DIAGNOSIS",
    "PHQ9",
    "PHQ9_ITEM9",
    "HistoryRow",
    "Instrument",
    "band",
    "checkin_suggestion",
    "history",
    "instrument",
    "item9_positive",
    "parse_answers",
    "parse_one_answer",
    "score",
]

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


def item9_positive(checkin: Checkin) -> bool:
    """A PHQ-9 whose ninth item was answered above 0 (whatever the total)."""
    return checkin.item9 is not None and checkin.item9 > 0


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
