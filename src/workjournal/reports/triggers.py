"""Every trigger ever logged: how often, first and last seen, and the mean mood with it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workjournal.reports.common import LabelRow, Moment, mean


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


def trigger_list(moments: Sequence[Moment], labels: Iterable[LabelRow]) -> TriggerList:
    """Most used first (then by name): what completion and the guided flow offer."""
    by_id = {m.id: m for m in moments}
    seen: dict[str, list[Moment]] = {}
    for entry_id, kind, name, _ in labels:
        moment = by_id.get(entry_id)
        if kind == "trigger" and moment is not None:
            seen.setdefault(name, []).append(moment)
    result = [
        TriggerSeen(
            name=name,
            count=len(found),
            first_seen=min(m.day for m in found),
            last_seen=max(m.day for m in found),
            mean_mood=mean([m.mood for m in found if m.mood is not None]),
        )
        for name, found in seen.items()
    ]
    return TriggerList(tuple(sorted(result, key=lambda t: (-t.count, t.name))))
