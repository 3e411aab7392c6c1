"""What the weekly review, prep and the therapist export show of practice, reflections and
conversations for a period. Pure: records and the period's local days in, frozen results out.

Days are each record's own local date (the offset it was lived in), as for entries. Nothing is
counted against the person: there are no targets here and no "missed" days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from workjournal.conversations import Conversation
from workjournal.models import Entry
from workjournal.practice import Practice
from workjournal.text import first_line, shorten

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


def _between(moment: datetime, since: datetime | None, until: datetime | None) -> bool:
    """Inside the moments of a period that starts at a session rather than at midnight."""
    return (since is None or moment >= since) and (until is None or moment <= until)


OUTCOME_WORDS = {"got": "got it", "partly": "partly", "not": "not this time"}


def practice_summary(
    items: Iterable[Practice],
    *,
    first: date,
    last: date,
    since: datetime | None = None,
    until: datetime | None = None,
) -> PracticeSummary:
    """Practice from ``first`` to ``last`` (local days, inclusive; and between the moments
    ``since`` and ``until`` when given): days with any practice, total minutes and sittings,
    and per name (most minutes first, then by name)."""
    chosen = [p for p in items if _in(p.at.date(), first, last) and _between(p.at, since, until)]
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
    """A reflection as prep and the export list it: the prompt it answers and its first line."""

    entry_id: int
    at: datetime
    prompt_id: str
    theme: str
    prompt: str
    first_line: str
    private: bool = False

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def own_prompt(self) -> bool:
        """A prompt the person added (or their therapist gave them): their words, not ours."""
        return self.prompt_id.startswith("own-")

    def to_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "at": self.at.isoformat(timespec="seconds"),
            "prompt": {"id": self.prompt_id, "theme": self.theme, "text": self.prompt},
            "first_line": self.first_line,
        }


@dataclass(frozen=True)
class ReflectionSummary:
    count: int  # every reflection written, private ones too (a number says nothing private)
    shown: tuple[ReflectionLine, ...]  # for prep and the export: private ones left out

    @property
    def private_left_out(self) -> int:
        return self.count - len(self.shown)


def reflection_summary(
    entries: Iterable[Entry],
    *,
    first: date,
    last: date,
    include_private: bool = False,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ReflectionSummary:
    """Entries that answer a prompt, from ``first`` to ``last`` (and between the moments
    ``since`` and ``until`` when given), oldest first. Private ones are counted, and listed only
    with ``include_private``."""
    chosen = sorted(
        (
            e
            for e in entries
            if e.prompt is not None
            and _in(e.occurred_at.date(), first, last)
            and _between(e.occurred_at, since, until)
        ),
        key=lambda e: (e.occurred_at, e.id),
    )
    shown = tuple(
        ReflectionLine(
            entry_id=e.id,
            at=e.occurred_at,
            prompt_id=e.prompt["id"],
            theme=e.prompt["theme"],
            prompt=e.prompt["text"],
            first_line=first_line(e.text, FIRST_LINE_WIDTH),
            private=e.private,
        )
        for e in chosen
        if (include_private or not e.private) and e.prompt is not None
    )
    return ReflectionSummary(count=len(chosen), shown=shown)


@dataclass(frozen=True)
class HeldConversation:
    """A conversation held in the period: what was expected beside what happened."""

    id: int
    title: str
    with_whom: str
    held_at: datetime
    expected_distress: int | None
    expected: str
    before: int | None
    after: int | None
    outcome: str | None
    note: str

    @property
    def day(self) -> date:
        return self.held_at.date()

    def expectation(self) -> str:
        """``distress 8/10, "a no"`` (or that nothing was expected in words or numbers)."""
        parts = []
        if self.expected_distress is not None:
            parts.append(f"distress {self.expected_distress}/10")
        if self.expected:
            parts.append(f"“{shorten(self.expected, FIRST_LINE_WIDTH)}”")
        return ", ".join(parts) or "nothing noted"

    def what_happened(self) -> str:
        """``distress 7 → 3, partly`` (what was recorded of it)."""
        parts = []
        if self.before is not None or self.after is not None:
            before = "–" if self.before is None else str(self.before)
            after = "–" if self.after is None else str(self.after)
            parts.append(f"distress {before} → {after}")
        if self.outcome:
            parts.append(OUTCOME_WORDS.get(self.outcome, self.outcome))
        return ", ".join(parts) or "held"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "with": self.with_whom,
            "held_at": self.held_at.isoformat(timespec="seconds"),
            "expected_distress": self.expected_distress,
            "expected": self.expected,
            "before": self.before,
            "after": self.after,
            "outcome": self.outcome,
        }


@dataclass(frozen=True)
class ConversationSummary:
    planned: int  # plans made in the period
    held: int  # conversations held in the period (whenever they were planned)
    held_list: tuple[HeldConversation, ...]

    def to_json(self) -> dict[str, Any]:
        return {"planned": self.planned, "held": self.held}


def conversation_summary(
    items: Iterable[Conversation],
    *,
    first: date,
    last: date,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ConversationSummary:
    """Plans made and conversations held from ``first`` to ``last`` (local days; and between
    the moments ``since`` and ``until`` when given), those held oldest first."""
    items = list(items)
    planned = sum(
        1
        for c in items
        if _in(c.created_at.date(), first, last) and _between(c.created_at, since, until)
    )
    held = sorted(
        (
            c
            for c in items
            if c.held_at is not None
            and _in(c.held_at.date(), first, last)
            and _between(c.held_at, since, until)
        ),
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
                held_at=c.held_at,
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
