"""The year in pixels: one cell per day, coloured by that day's mean mood."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from workjournal.reports.common import DayMood, Moment, day_moods, days_between


@dataclass(frozen=True)
class YearInPixels:
    year: int
    days: tuple[DayMood, ...]  # every day of the year, 365 or 366

    @property
    def days_logged(self) -> int:
        return sum(1 for d in self.days if d.entries)

    def month(self, month: int) -> tuple[DayMood, ...]:
        return tuple(d for d in self.days if d.date.month == month)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "days_logged": self.days_logged,
            "days": [d.to_json() for d in self.days],
        }


def year_in_pixels(moments: Iterable[Moment], *, year: int) -> YearInPixels:
    days = days_between(date(year, 1, 1), date(year, 12, 31))
    return YearInPixels(year, day_moods([m for m in moments if m.day.year == year], days))
