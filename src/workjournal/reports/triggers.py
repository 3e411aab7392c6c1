"""Every trigger ever logged: how often, first and last seen, and the mean mood with it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workjournal.reports.common import LabelRow, Moment

# name, entries, first and last local day (ISO), sum of moods, number of moods
TriggerTotalsRow = tuple[str, int, str, str, int, int]


@dataclass(frozen=True)
class TriggerSeen:
    name: str
    count: int
    first_seen: date
    last_seen: date
    mean_mood: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "count": self.count,
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "mean_mood": self.mean_mood,
        }


@dataclass(frozen=True)
class TriggerList:
    triggers: tuple[TriggerSeen, ...]

    def to_json(self) -> list[dict[str, Any]]:
        return [t.to_json() for t in self.triggers]


def trigger_totals(moments: Sequence[Moment], labels: Iterable[LabelRow]) -> list[TriggerTotalsRow]:
    """The rows :meth:`workjournal.store.Store.trigger_totals` returns, counted in Python from
    moments and label rows (for a handful of entries, and to check the store's SQL)."""
    by_id = {m.id: m for m in moments}
    seen: dict[str, list[Moment]] = {}
    for entry_id, kind, name, _ in labels:
        moment = by_id.get(entry_id)
        if kind == "trigger" and moment is not None:
            seen.setdefault(name, []).append(moment)
    rows = []
    for name, found in seen.items():
        moods = [m.mood for m in found if m.mood is not None]
        first, last = min(m.day for m in found), max(m.day for m in found)
        rows.append((name, len(found), first.isoformat(), last.isoformat(), sum(moods), len(moods)))
    return rows


def trigger_list(totals: Iterable[TriggerTotalsRow]) -> TriggerList:
    """Most used first (then by name): what completion and the guided flow offer."""
    result = [
        TriggerSeen(
            name=name,
            count=count,
            first_seen=date.fromisoformat(first),
            last_seen=date.fromisoformat(last),
            mean_mood=round(mood_sum / mood_n, 2) if mood_n else None,
        )
        for name, count, first, last, mood_sum, mood_n in totals
    ]
    return TriggerList(tuple(sorted(result, key=lambda t: (-t.count, t.name))))
