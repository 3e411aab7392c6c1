"""A period in numbers: the summary a person can bring to their therapist (``journal export``
builds on it) and the core of the weekly review and the month view.

Every number comes from the shared building blocks in :mod:`workjournal.reports.common`, the same
ones the week and the patterns use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from workjournal.models import Entry, LabelKind
from workjournal.reports.common import (
    DayMood,
    EmotionStat,
    GroupMood,
    LabelCount,
    LabelMood,
    MoodStats,
    Totals,
    by_count,
    day_of,
    days_between,
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


class DayTotals(NamedTuple):
    """One local day's entries in numbers: how many, the sum, number, lowest and highest of
    their moods, and how many were written down more than a day after the moment."""

    day: date
    entries: int
    mood_sum: int
    mood_n: int
    mood_min: int | None
    mood_max: int | None
    late: int


class LabelTotals(NamedTuple):
    """One label (trigger, emotion or coping) over a period: the entries with it, the sum and
    number of their moods, the days with a mood it appeared on, and the sum and number of its
    intensities (emotions)."""

    kind: str
    name: str
    entries: int
    mood_sum: int
    mood_n: int
    mood_days: int
    intensity_sum: int
    intensity_n: int


SUMMARY_KINDS: tuple[LabelKind, ...] = ("trigger", "emotion", "coping")


def day_totals_from_rows(
    rows: Iterable[tuple[str, int, int, int, int | None, int | None, int]],
) -> list[DayTotals]:
    """Day totals from the store's bare rows (``Store.summary_day_totals``), whose day (ISO
    text) is each entry's own local one, stored with it."""
    return [
        DayTotals(date.fromisoformat(day), n, mood_sum, mood_n, low, high, late)
        for day, n, mood_sum, mood_n, low, high, late in rows
    ]


def _totals_of(chosen: Sequence[Entry]) -> tuple[list[DayTotals], list[LabelTotals]]:
    """The day and label totals of ``chosen``, counted in Python: what the store sums in SQL
    for a whole journal."""
    days: dict[date, list[Any]] = {}
    for e in chosen:
        found = days.setdefault(day_of(e), [0, 0, 0, None, None, 0])
        found[0] += 1
        if e.mood is not None:
            found[1] += e.mood
            found[2] += 1
            found[3] = e.mood if found[3] is None else min(found[3], e.mood)
            found[4] = e.mood if found[4] is None else max(found[4], e.mood)
        found[5] += written_late(e)
    labels: dict[tuple[str, str], list[Any]] = {}
    for e in chosen:
        for kind, name, intensity in (
            *(("trigger", name, None) for name in e.triggers),
            *(("emotion", em.name, em.intensity) for em in e.emotions),
            *(("coping", name, None) for name in e.coping),
        ):
            found = labels.setdefault((kind, name), [0, 0, 0, set(), 0, 0])
            found[0] += 1
            if e.mood is not None:
                found[1] += e.mood
                found[2] += 1
                found[3].add(day_of(e))
            if intensity is not None:
                found[4] += intensity
                found[5] += 1
    return (
        [DayTotals(day, *found) for day, found in days.items()],
        [
            LabelTotals(kind, name, n, mood_sum, mood_n, len(mood_days), i_sum, i_n)
            for (kind, name), (n, mood_sum, mood_n, mood_days, i_sum, i_n) in labels.items()
        ],
    )


def period_summary(
    entries: Iterable[Entry], *, start: date, end: date, first_weekday: int = 0
) -> PeriodSummary:
    """Summarise the entries whose local day is from ``start`` to ``end`` (others are ignored,
    so a caller may pass a slightly wider window)."""
    if end < start:
        raise ValueError("end is before start")
    chosen = in_period(entries, start, end)
    days, labels = _totals_of(chosen)
    return summary_of_totals(
        days,
        labels,
        [e.id for e in chosen if e.discuss],
        start=start,
        end=end,
        first_weekday=first_weekday,
    )


def _rounded(total: int, n: int) -> float | None:
    """A mean from its sum and count, exactly as :func:`~workjournal.reports.common.mean`."""
    return round(total / n, 2) if n else None


def summary_of_totals(
    days: Iterable[DayTotals],
    labels: Iterable[LabelTotals],
    discuss: Sequence[int],
    *,
    start: date,
    end: date,
    first_weekday: int = 0,
) -> PeriodSummary:
    """The period summary from totals: ``days``, the totals of each local day from ``start`` to
    ``end`` with an entry, ``labels``, the totals of each trigger, emotion and coping label on
    those entries, and ``discuss``, the ids of those flagged to discuss, oldest first.

    :func:`period_summary` counts these in Python for the week and prep; the export of a whole
    journal has the store sum them in SQL (``Store.summary_day_totals``,
    ``Store.summary_label_totals``). Every summary is worked out here from them, so the week,
    prep and the export cannot disagree."""
    if end < start:
        raise ValueError("end is before start")
    by_day = {d.day: d for d in days if start <= d.day <= end}
    period = days_between(start, end)
    mood_sum = sum(d.mood_sum for d in by_day.values())
    mood_n = sum(d.mood_n for d in by_day.values())
    lows = [d.mood_min for d in by_day.values() if d.mood_min is not None]
    highs = [d.mood_max for d in by_day.values() if d.mood_max is not None]
    entries = sum(d.entries for d in by_day.values())
    daily = []
    for day in period:
        found = by_day.get(day)
        if found is None:
            daily.append(DayMood(day, 0, None, None, None))
        else:
            mean_mood = _rounded(found.mood_sum, found.mood_n)
            daily.append(DayMood(day, found.entries, mean_mood, found.mood_min, found.mood_max))
    all_ = Totals(mood_sum, mood_n, sum(1 for d in by_day.values() if d.mood_n))
    chosen = list(labels)
    return PeriodSummary(
        start=start,
        end=end,
        days_in_period=len(period),
        days_logged=len(by_day),
        entries=entries,
        written_late=sum(d.late for d in by_day.values()),
        mood=MoodStats(
            entries=entries,
            mean=_rounded(mood_sum, mood_n),
            min=min(lows) if lows else None,
            max=max(highs) if highs else None,
        ),
        daily=tuple(daily),
        by_weekday=tuple(
            weekday_moods(
                [(d.day.isoformat(), d.entries, d.mood_sum, d.mood_n) for d in by_day.values()],
                first_weekday,
            )
        ),
        triggers=tuple(
            LabelMood.from_totals(
                "trigger", t.name, t.entries, Totals(t.mood_sum, t.mood_n, t.mood_days), all_
            )
            for t in _most_first(chosen, "trigger")
        ),
        emotions=tuple(
            EmotionStat(t.name, t.entries, _rounded(t.intensity_sum, t.intensity_n))
            for t in _most_first(chosen, "emotion")
        ),
        coping=tuple(LabelCount(t.name, t.entries) for t in _most_first(chosen, "coping")),
        discuss=tuple(discuss),
    )


def _most_first(labels: Iterable[LabelTotals], kind: str) -> list[LabelTotals]:
    """The labels of ``kind``, highest count first, then by name (as every report sorts)."""
    return sorted(
        (t for t in labels if t.kind == kind), key=lambda t: by_count((t.name, t.entries))
    )
