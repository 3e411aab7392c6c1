"""A month as a calendar: each day with its mood, and the month's summary."""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from workjournal.models import Entry
from workjournal.reports.common import DayMood
from workjournal.reports.summary import PeriodSummary, period_summary


@dataclass(frozen=True)
class MonthView:
    """``weeks``: rows of 7 cells starting on the configured first weekday; ``None`` pads the
    days outside the month."""

    year: int
    month: int
    first_weekday: int
    summary: PeriodSummary
    weeks: tuple[tuple[DayMood | None, ...], ...]
    days_so_far: int | None = None  # the current month: the days lived so far

    def to_json(self) -> dict[str, Any]:
        return {"month": f"{self.year:04d}-{self.month:02d}", **self.summary.to_json()}


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    last = first.replace(day=stdlib_calendar.monthrange(first.year, first.month)[1])
    return first, last


def month_view(
    entries: Iterable[Entry], *, day: date, first_weekday: int = 0, today: date | None = None
) -> MonthView:
    """The month containing ``day``. ``today`` (the person's local date) marks the current month,
    so its summary counts the days so far, as the week's does."""
    start, end = month_bounds(day)
    summary = period_summary(entries, start=start, end=end, first_weekday=first_weekday)
    lead = (start.weekday() - first_weekday) % 7
    cells: list[DayMood | None] = [None] * lead + list(summary.daily)
    cells += [None] * (-len(cells) % 7)
    weeks = tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7))
    so_far = today.day if today is not None and start <= today <= end else None
    return MonthView(start.year, start.month, first_weekday, summary, weeks, so_far)
