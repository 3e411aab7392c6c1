"""What the weekly review, prep and the therapist export show of practice, reflections and
conversations for a period. Pure: records and the period's local days in, frozen results out.

Days are each record's own local date (the offset it was lived in), as for entries. Nothing is
counted against the person: there are no targets here and no "missed" days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from workjournal.conversations import Conversation
from workjournal.models import Entry
from workjournal.practice import Practice
from workjournal.text import first_line

FIRST_LINE_WIDTH = 80


@dataclass(frozen=True)
class PracticeByName:
    name: str
    count: int
    minutes: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count, "minutes": self.minutes}


@dataclass(frozen=True)
class PracticeSummary:
    days: int
    minutes: int
    count: int
    by_name: tuple[PracticeByName, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "minutes": self.minutes,
            "count": self.count,
            "by_name": [b.to_json() for b in self.by_name],
        }

    def summary(self) -> str:
        """``practised 4 days, 38 min`` (or that none is logged, said plainly)."""
        if not self.count:
            return "no practice logged"
        return f"practised {self.days} day{'s' if self.days != 1 else ''}, {self.minutes} min"


def _in(day: date, first: date, last: date) -> bool:
    return first <= day <= last


def practice_summary(items: Iterable[Practice], *, first: date, last: date) -> PracticeSummary:
    """Practice from ``first`` to ``last`` (local days, inclusive): days with any practice,
    total minutes and sittings, and per name (most minutes first, then by name)."""
    chosen = [p for p in items if _in(p.at.date(), first, last)]
    names: dict[str, list[int]] = {}
    for p in chosen:
        count_minutes = names.setdefault(p.name, [0, 0])
        count_minutes[0] += 1
        count_minutes[1] += p.minutes
    by_name = sorted(
        (PracticeByName(name, c, m) for name, (c, m) in names.items()),
        key=lambda b: (-b.minutes, b.name),
    )
    return PracticeSummary(
        days=len({p.at.date() for p in chosen}),
        minutes=sum(p.minutes for p in chosen),
        count=len(chosen),
        by_name=tuple(by_name),
    )


@dataclass(frozen=True)
class ReflectionLine:
    entry_id: int
    day: date
    prompt: str
    theme: str
    first_line: str

    def to_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "day": self.day.isoformat(),
            "prompt": self.prompt,
            "theme": self.theme,
            "first_line": self.first_line,
        }


@dataclass(frozen=True)
class ReflectionSummary:
    count: int  # every reflection written, private ones too (a number says nothing private)
    shown: tuple[ReflectionLine, ...]  # for prep and the export: private ones left out


def reflection_summary(entries: Iterable[Entry], *, first: date, last: date) -> ReflectionSummary:
    """Entries that answer a prompt, from ``first`` to ``last``, oldest first."""
    chosen = sorted(
        (e for e in entries if e.prompt is not None and _in(e.occurred_at.date(), first, last)),
        key=lambda e: (e.occurred_at, e.id),
    )
    shown = tuple(
        ReflectionLine(
            entry_id=e.id,
            day=e.occurred_at.date(),
            prompt=e.prompt["text"],
            theme=e.prompt["theme"],
            first_line=first_line(e.text, FIRST_LINE_WIDTH),
        )
        for e in chosen
        if not e.private and e.prompt is not None
    )
    return ReflectionSummary(count=len(chosen), shown=shown)


@dataclass(frozen=True)
class HeldConversation:
    """A conversation held in the period: what was expected beside what happened."""

    id: int
    title: str
    with_whom: str
    day: date
    expected_distress: int | None
    expected: str
    before: int | None
    after: int | None
    outcome: str | None
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "with": self.with_whom,
            "day": self.day.isoformat(),
            "expected_distress": self.expected_distress,
            "expected": self.expected,
            "before": self.before,
            "after": self.after,
            "outcome": self.outcome,
            "note": self.note,
        }


@dataclass(frozen=True)
class ConversationSummary:
    planned: int  # plans made in the period
    held: int  # conversations held in the period (whenever they were planned)
    held_list: tuple[HeldConversation, ...]

    def to_json(self) -> dict[str, Any]:
        return {"planned": self.planned, "held": self.held}


def conversation_summary(
    items: Iterable[Conversation], *, first: date, last: date
) -> ConversationSummary:
    items = list(items)
    planned = sum(1 for c in items if _in(c.created_at.date(), first, last))
    held = sorted(
        (c for c in items if c.held_at is not None and _in(c.held_at.date(), first, last)),
        key=lambda c: (c.held_at, c.id),
    )
    return ConversationSummary(
        planned=planned,
        held=len(held),
        held_list=tuple(
            HeldConversation(
                id=c.id,
                title=c.title,
                with_whom=c.with_whom,
                day=c.held_at.date(),
                expected_distress=c.expected_distress,
                expected=c.expected,
                before=c.before,
                after=c.after,
                outcome=c.outcome,
                note=c.note,
            )
            for c in held
            if c.held_at is not None
        ),
    )
