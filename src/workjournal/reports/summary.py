"""A period in numbers: the summary a person can bring to their therapist (``journal export``
builds on it) and the core of the weekly review and the month view.

Every number comes from the shared building blocks in :mod:`workjournal.reports.common`, the same
ones the week and the patterns use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from workjournal.models import Entry
from workjournal.reports.common import (
    DayMood,
    EmotionStat,
    GroupMood,
    LabelCount,
    LabelMood,
    MoodStats,
    day_moods,
    day_of,
    day_totals_of,
    days_between,
    emotion_stats,
    label_counts,
    label_moods,
    split_entries,
    weekday_moods,
    written_late,
)


@dataclass(frozen=True)
class PeriodSummary:
    """What happened from ``start`` to ``end`` (inclusive local dates).

    - consistency: ``days_in_period``, ``days_logged``, ``entries``, ``written_late`` (entries
      written down more than a day after the moment);
    - ``mood``: mean, lowest and highest over every mood logged;
    - ``daily``: one :class:`DayMood` for every day of the period, days with nothing included;
    - ``by_weekday``: 7 :class:`GroupMood`, starting at the configured first weekday;
    - ``triggers`` (:class:`LabelMood`, mean mood with / without), ``emotions``
      (:class:`EmotionStat`), ``coping`` (:class:`LabelCount`): all of them, most frequent first;
    - ``discuss``: ids of the entries flagged to bring to the next session, oldest first.
    """

    start: date
    end: date
    days_in_period: int
    days_logged: int
    entries: int
    written_late: int
    mood: MoodStats
    daily: tuple[DayMood, ...]
    by_weekday: tuple[GroupMood, ...]
    triggers: tuple[LabelMood, ...]
    emotions: tuple[EmotionStat, ...]
    coping: tuple[LabelCount, ...]
    discuss: tuple[int, ...]

    def top_triggers(self, n: int = 5) -> tuple[LabelMood, ...]:
        return self.triggers[:n]

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days_in_period": self.days_in_period,
            "days_logged": self.days_logged,
            "entries": self.entries,
            "written_late": self.written_late,
            "mood": {
                "mean": self.mood.mean,
                "min": self.mood.min,
                "max": self.mood.max,
                "by_day": [d.to_json() for d in self.daily],
                "by_weekday": [w.to_json() for w in self.by_weekday],
            },
            "triggers": [t.to_json() for t in self.triggers],
            "emotions": [e.to_json() for e in self.emotions],
            "coping": [c.to_json() for c in self.coping],
            "discuss": list(self.discuss),
        }


def in_period(entries: Iterable[Entry], start: date, end: date) -> list[Entry]:
    """The entries whose local day falls from ``start`` to ``end``, oldest first."""
    return sorted(
        (e for e in entries if start <= day_of(e) <= end), key=lambda e: (e.occurred_at, e.id)
    )


def period_summary(
    entries: Iterable[Entry], *, start: date, end: date, first_weekday: int = 0
) -> PeriodSummary:
    """Summarise the entries whose local day is from ``start`` to ``end`` (others are ignored,
    so a caller may pass a slightly wider window)."""
    if end < start:
        raise ValueError("end is before start")
    chosen = in_period(entries, start, end)
    moments, labels = split_entries(chosen)
    days = days_between(start, end)
    return PeriodSummary(
        start=start,
        end=end,
        days_in_period=len(days),
        days_logged=len({m.day for m in moments}),
        entries=len(chosen),
        written_late=sum(1 for e in chosen if written_late(e)),
        mood=MoodStats.of(chosen),
        daily=day_moods(moments, days),
        by_weekday=tuple(weekday_moods(day_totals_of(moments), first_weekday)),
        triggers=tuple(label_moods(moments, labels, "trigger")),
        emotions=tuple(emotion_stats(labels)),
        coping=tuple(label_counts(labels, "coping")),
        discuss=tuple(e.id for e in chosen if e.discuss),
    )
