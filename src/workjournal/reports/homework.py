"""Homework progress over a span of local days: what the weekly review, ``homework list`` and
the session prep show. Pure: no I/O, no clock.

How it counts:
- each logged completion counts once toward the target (a target of 50 a week allows several a
  day); a partial completion counts as done and is reported separately as partial, so "3 of 5
  (1 partial)" reads as practice that happened, without pretending it was complete;
- a log belongs to the local day it was done on, in its own UTC offset;
- the target is the weekly target for the days the assignment was open within the span: a full
  week gives ``per_week``; an assignment set on a Thursday (weeks starting Monday) is asked for
  4/7 of it that week (rounded, at least 1); a daily one for 4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from workjournal.models import Homework, HomeworkLog
from workjournal.reports.common import mean
from workjournal.text import number


@dataclass(frozen=True)
class HomeworkProgress:
    homework: Homework
    done: int
    partial: int
    days_done: int
    target: int | None
    last_done: datetime | None
    mean_rating: float | None
    mean_distress_before: float | None
    mean_distress_after: float | None
    active: bool

    @property
    def met(self) -> bool:
        return self.target is not None and self.done >= self.target

    def summary(self) -> str:
        """``3 of 5 (1 partial)``, ``2 times`` without a target, ``not yet`` for none."""
        if self.target:  # a span before the start (target 0) shows the count alone, not "1 of 0"
            text = f"{self.done} of {self.target}"
        elif self.done:
            text = f"{self.done} time{'s' if self.done != 1 else ''}"
        else:
            text = "not yet"
        if self.partial:
            text += f" ({self.partial} partial)"
        return text

    def line(self) -> str:
        """``Breathing: 3 of 5 (1 partial), helpfulness 7.0/10, distress 6.0 → 3.0``: one line
        for the weekly review, the session prep and the export alike."""
        text = f"{self.homework.title}: {self.summary()}"
        if self.mean_rating is not None:
            text += f", helpfulness {number(self.mean_rating)}/10"
        if self.mean_distress_before is not None and self.mean_distress_after is not None:
            text += f", distress {number(self.mean_distress_before)} → "
            text += number(self.mean_distress_after)
        return text

    def to_json(self) -> dict[str, Any]:
        """The assignment (as :meth:`Homework.to_json` gives it, without its uuid and dates)
        with its progress over the span."""
        hw = self.homework.to_json()
        return {
            **{key: hw[key] for key in ("id", "title", "per_week", "set_by", "until", "note")},
            "active": self.active,
            "done": self.done,
            "partial": self.partial,
            "days_done": self.days_done,
            "target": self.target,
            "last_done": (
                None if self.last_done is None else self.last_done.isoformat(timespec="seconds")
            ),
            "mean_rating": self.mean_rating,
            "mean_distress_before": self.mean_distress_before,
            "mean_distress_after": self.mean_distress_after,
        }


def open_span(hw: Homework, start: date, end: date) -> tuple[date, date] | None:
    """The days of ``start..end`` on which the assignment was open, or None."""
    first = max(start, hw.start_date)
    last = end
    if hw.until is not None:
        last = min(last, hw.until)
    if hw.closed_at is not None:
        last = min(last, hw.closed_at.date())
    return (first, last) if first <= last else None


def prorated_target(per_week: int | None, days: int) -> int | None:
    if per_week is None:
        return None
    if days <= 0:
        return 0
    if days % 7 == 0:
        return per_week * days // 7
    return max(1, int(per_week * days / 7 + 0.5))


def homework_progress(
    assignments: Sequence[Homework],
    logs: Sequence[HomeworkLog],
    *,
    week_start_date: date,
    week_end_date: date,
    today: date | None = None,
    keep_all: bool = False,
    since: datetime | None = None,
) -> tuple[HomeworkProgress, ...]:
    """Progress of each assignment open during ``week_start_date..week_end_date`` (inclusive
    local days; any span works, the target scales with its length), or done during it.
    ``active`` is whether the assignment is open on ``today`` (default: the last day).
    ``keep_all`` keeps every assignment given, even one not open during the span. ``since``
    (a moment, such as the last session) leaves out completions before it on the first day."""
    start, end = week_start_date, week_end_date
    by_homework: dict[int, list[HomeworkLog]] = {}
    for log in logs:
        by_homework.setdefault(log.homework_id, []).append(log)
    result: list[HomeworkProgress] = []
    for hw in sorted(assignments, key=lambda h: h.id):
        mine = sorted(by_homework.get(hw.id, []), key=lambda lg: (lg.done_at, lg.id))
        inside = [
            lg
            for lg in mine
            if start <= lg.done_at.date() <= end and (since is None or lg.done_at >= since)
        ]
        span = open_span(hw, start, end)
        if span is None and not inside and not keep_all:
            continue
        days = (span[1] - span[0]).days + 1 if span else 0
        before_end = [lg for lg in mine if lg.done_at.date() <= end]
        result.append(
            HomeworkProgress(
                homework=hw,
                done=len(inside),
                partial=sum(lg.partial for lg in inside),
                days_done=len({lg.done_at.date() for lg in inside}),
                target=prorated_target(hw.per_week, days),
                last_done=before_end[-1].done_at if before_end else None,
                mean_rating=mean([lg.rating for lg in inside if lg.rating is not None]),
                mean_distress_before=mean(
                    [lg.distress_before for lg in inside if lg.distress_before is not None]
                ),
                mean_distress_after=mean(
                    [lg.distress_after for lg in inside if lg.distress_after is not None]
                ),
                active=hw.is_active(today or end),
            )
        )
    return tuple(result)
