"""Patterns across a period: which triggers and tags appeared with lower or higher moods, which
appeared together, and how mood moves over the week and the day. Relationships are "appeared
together", never "caused"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workjournal.reports.common import (
    DayTotalsRow,
    GroupMood,
    HourTotalsRow,
    LabelCount,
    LabelMood,
    Pair,
    Totals,
    by_count,
    part_of_day_moods,
    weekday_moods,
)

MINIMUM_DAYS = 3  # days with and days without before a difference is shown
TOP_TRIGGERS = 5  # triggers whose usual emotions are listed
EMOTIONS_PER_TRIGGER = 3

LabelTotalsRow = tuple[str, str, int, int, int, int]  # kind, name, entries, mood sum, n, days
PairRow = tuple[str, str, int]  # name, name, entries


@dataclass(frozen=True)
class Patterns:
    since: date | None
    until: date | None
    entries: int
    days_logged: int
    triggers: tuple[LabelMood, ...]
    tags: tuple[LabelMood, ...]
    together: tuple[Pair, ...]
    by_weekday: tuple[GroupMood, ...]
    by_part_of_day: tuple[GroupMood, ...]
    emotions_by_trigger: tuple[tuple[str, tuple[LabelCount, ...]], ...]
    minimum_days: int = MINIMUM_DAYS

    def _label_json(self, label: LabelMood) -> dict[str, Any]:
        enough = label.enough_data(self.minimum_days)
        return {
            "name": label.name,
            "count": label.count,
            "days_with": label.days_with,
            "days_without": label.days_without,
            "enough_data": enough,
            "mean_mood_with": label.mean_mood_with if enough else None,
            "mean_mood_without": label.mean_mood_without if enough else None,
            "difference": label.difference if enough else None,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "entries": self.entries,
            "days_logged": self.days_logged,
            "minimum_days": self.minimum_days,
            "triggers": [self._label_json(t) for t in self.triggers],
            "tags": [self._label_json(t) for t in self.tags],
            "together": [p.to_json() for p in self.together],
            "by_weekday": [w.to_json() for w in self.by_weekday],
            "by_part_of_day": [p.to_json() for p in self.by_part_of_day],
            "emotions_by_trigger": [
                {"trigger": name, "emotions": [e.to_json() for e in emotions]}
                for name, emotions in self.emotions_by_trigger
            ],
        }


def most_together(rows: Iterable[PairRow], top: int = 10) -> list[Pair]:
    """The pairs seen together most often; each pair's names in alphabetical order."""
    pairs = [Pair((min(a, b), max(a, b)), n) for a, b, n in rows]
    return sorted(pairs, key=lambda p: (-p.count, p.names))[:top]


def top_triggers(label_totals: Iterable[LabelTotalsRow], n: int = TOP_TRIGGERS) -> list[str]:
    counts = [(name, count) for kind, name, count, *_ in label_totals if kind == "trigger"]
    return [name for name, _ in sorted(counts, key=by_count)[:n]]


def patterns(
    day_totals: Sequence[DayTotalsRow],
    hour_totals: Sequence[HourTotalsRow],
    label_totals: Iterable[LabelTotalsRow],
    *,
    together: Iterable[PairRow] = (),
    emotions_with: Iterable[PairRow] = (),
    since: date | None = None,
    until: date | None = None,
    first_weekday: int = 0,
) -> Patterns:
    """``day_totals`` / ``hour_totals``: entries, mood sum and number of moods per local day /
    hour of the period (``Store.day_totals`` / ``hour_totals``). ``label_totals``: per trigger
    and tag, the entries, mood sum, number of moods and days with a mood
    (``Store.label_totals``). ``together``: pairs of triggers logged in one entry;
    ``emotions_with``: (trigger, emotion, entries) for the top triggers."""
    all_ = Totals(
        sum(mood_sum for _, _, mood_sum, _ in day_totals),
        sum(mood_n for _, _, _, mood_n in day_totals),
        sum(1 for _, _, _, mood_n in day_totals if mood_n),
    )
    labels: dict[str, list[LabelMood]] = {"trigger": [], "tag": []}
    rows = sorted(label_totals, key=lambda r: (-r[2], r[1]))
    for kind, name, count, mood_sum, mood_n, days in rows:
        if kind in labels:
            labels[kind].append(
                LabelMood.from_totals(kind, name, count, Totals(mood_sum, mood_n, days), all_)
            )
    emotions: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for trigger, emotion, count in emotions_with:
        emotions[trigger].append((emotion, count))
    top = [t.name for t in labels["trigger"][:TOP_TRIGGERS]]
    return Patterns(
        since=since,
        until=until,
        entries=sum(n for _, n, _, _ in day_totals),
        days_logged=sum(1 for _, n, _, _ in day_totals if n),
        triggers=tuple(labels["trigger"]),
        tags=tuple(labels["tag"]),
        together=tuple(most_together(together)),
        by_weekday=tuple(weekday_moods(day_totals, first_weekday)),
        by_part_of_day=tuple(part_of_day_moods(hour_totals)),
        emotions_by_trigger=tuple(
            (
                name,
                tuple(
                    LabelCount(e, n)
                    for e, n in sorted(emotions.get(name, []), key=by_count)[:EMOTIONS_PER_TRIGGER]
                ),
            )
            for name in top
        ),
    )
