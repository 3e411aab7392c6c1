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

__all__ = [
    "ANSWER_LABELS",
    "ANSWER_MAX",
    "ATTRIBUTION",
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
        if not part.isdigit():
            raise InvalidInput(
                f"each answer is a number from 0 to {ANSWER_MAX}; {part[:10]!r} is not."
            )
        answers.append(int(part))
    score(inst.key, answers)
    return tuple(answers)


def parse_one_answer(raw: str) -> int | None:
    """One interactive answer: 0-3, or None when it is not one."""
    text = raw.strip()
    if len(text) == 1 and text.isdigit() and int(text) <= ANSWER_MAX:
        return int(text)
    return None


def item9_positive(checkin: Checkin) -> bool:
    """A PHQ-9 whose ninth item was answered above 0 (whatever the total)."""
    return checkin.item9 is not None and checkin.item9 > 0


@dataclass(frozen=True)
class HistoryRow:
    """One check-in with the change since the first and the previous one of the same form."""

    checkin: Checkin
    change_from_first: int | None
    change_from_previous: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.checkin.to_json(),
            "max_total": instrument(self.checkin.instrument).max_total,
            "change_from_first": self.change_from_first,
            "change_from_previous": self.change_from_previous,
        }


def history(checkins: Sequence[Checkin]) -> tuple[HistoryRow, ...]:
    """Check-ins oldest first, each compared with the first and the previous of its form.
    A negative change means a lower score (fewer or less frequent problems reported)."""
    ordered = sorted(checkins, key=lambda c: (c.taken_at, c.id))
    first: dict[str, int] = {}
    previous: dict[str, int] = {}
    rows: list[HistoryRow] = []
    for checkin in ordered:
        key = checkin.instrument
        rows.append(
            HistoryRow(
                checkin=checkin,
                change_from_first=checkin.total - first[key] if key in first else None,
                change_from_previous=checkin.total - previous[key] if key in previous else None,
            )
        )
        first.setdefault(key, checkin.total)
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
