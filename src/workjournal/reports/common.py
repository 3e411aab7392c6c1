"""Building blocks every report shares: local days, weeks and means.

A day is the local calendar date of the moment an entry happened, in the entry's own UTC offset
(so an entry written at 23:30 in Lisbon stays on that day after the person flies to Berlin).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from workjournal.models import Entry


def day_of(entry: Entry) -> date:
    return entry.occurred_at.date()


def by_day(entries: Iterable[Entry]) -> dict[date, list[Entry]]:
    days: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        days[day_of(entry)].append(entry)
    return dict(days)


def mean(values: Sequence[float]) -> float | None:
    """The mean rounded to 2 decimals, or None for no values."""
    if not values:
        return None
    return round(sum(values) / len(values), 2)


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing ``day`` (0 = Monday ... 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


@dataclass(frozen=True)
class MoodStats:
    """Mood over some entries: ``mean`` of the moods given, ``min`` and ``max``."""

    entries: int
    mean: float | None
    min: int | None
    max: int | None

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> MoodStats:
        moods = [e.mood for e in entries if e.mood is not None]
        return cls(
            entries=len(entries),
            mean=mean(moods),
            min=min(moods) if moods else None,
            max=max(moods) if moods else None,
        )


def written_late(entry: Entry) -> bool:
    """Written down more than a day after the moment it records."""
    return entry.created_at - entry.occurred_at > timedelta(days=1)
