"""Showing up: days logged lately, and runs of logged days that forgive a single missed day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# A run survives one missed day: logged days at most this many days apart stay in one run.
MAX_GAP = timedelta(days=2)


@dataclass(frozen=True)
class Streak:
    """``current`` and ``longest`` count the logged days in a run; a run survives a single
    missed day. ``last_7`` / ``last_30``: days logged in the 7 / 30 days ending today."""

    current: int
    longest: int
    last_7: int
    last_30: int

    def to_json(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "longest": self.longest,
            "last_7": self.last_7,
            "last_30": self.last_30,
        }


def streak(days: Iterable[date], *, today: date) -> Streak:
    """From the local days that have an entry. Days after ``today`` are ignored. The current
    run is the one still alive today: its last logged day is today, yesterday, or the day
    before (yesterday was the single day it can miss, and today is not over yet)."""
    logged = sorted({d for d in days if d <= today})
    longest = run = 0
    previous: date | None = None
    for day in logged:
        run = run + 1 if previous is not None and day - previous <= MAX_GAP else 1
        longest = max(longest, run)
        previous = day
    current = run if previous is not None and today - previous <= MAX_GAP else 0
    return Streak(
        current=current,
        longest=longest,
        last_7=sum(1 for d in logged if today - d < timedelta(days=7)),
        last_30=sum(1 for d in logged if today - d < timedelta(days=30)),
    )
