"""The diary card's week: a row per day with every target, emotion and rating, empty for days
not filled in (no judgement about them). Pure: cards and the person's lists in, a value out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workjournal.cards import CardItems, DiaryCard


@dataclass(frozen=True)
class CardDay:
    day: date
    card: DiaryCard | None

    @property
    def filled(self) -> bool:
        return self.card is not None


@dataclass(frozen=True)
class CardWeek:
    start: date
    end: date
    targets: tuple[str, ...]
    emotions: tuple[str, ...]
    rates: tuple[str, ...]
    days: tuple[CardDay, ...]

    @property
    def filled(self) -> int:
        return sum(day.filled for day in self.days)

    def highest_urges(self) -> dict[str, int]:
        """Each target's strongest urge of the week, for the targets rated at all."""
        top: dict[str, int] = {}
        for day in self.days:
            if day.card is None:
                continue
            for name, value in day.card.urges.items():
                top[name] = max(value, top.get(name, 0))
        return {name: top[name] for name in self.targets if name in top}

    def support_days(self) -> tuple[date, ...]:
        return tuple(day.day for day in self.days if day.card and day.card.needs_support())

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "targets": list(self.targets),
            "emotions": list(self.emotions),
            "rates": list(self.rates),
            "days": [self._day_json(day) for day in self.days],
        }

    def _day_json(self, day: CardDay) -> dict[str, Any]:
        card = day.card
        if card is None:
            return {
                "date": day.day.isoformat(),
                "filled": False,
                "urges": dict.fromkeys(self.targets),
                "acted": [],
                "emotions": dict.fromkeys(self.emotions),
                "skills": None,
                "skills_used": [],
                "meds": None,
                "sleep": None,
                "rates": dict.fromkeys(self.rates),
                "note": None,
            }
        data = card.to_json()
        del data["id"]
        return {
            "date": day.day.isoformat(),
            "filled": True,
            "urges": {name: card.urges.get(name) for name in self.targets},
            "acted": data["acted"],
            "emotions": {name: card.emotions.get(name) for name in self.emotions},
            "skills": card.skills,
            "skills_used": data["skills_used"],
            "meds": card.meds,
            "sleep": card.sleep,
            "rates": {name: data["rates"].get(name) for name in self.rates},
            "note": data["note"],
        }


def _names(active: Sequence[str], recorded: Sequence[str]) -> tuple[str, ...]:
    """The person's current list, then names this week's cards recorded that were removed."""
    return tuple(dict.fromkeys((*active, *recorded)))


def card_week(cards: Sequence[DiaryCard], items: CardItems, *, start: date) -> CardWeek:
    end = start + timedelta(days=6)
    by_day = {card.day: card for card in cards if start <= card.day <= end}
    week = [by_day.get(start + timedelta(days=n)) for n in range(7)]
    present = [card for card in week if card is not None]
    return CardWeek(
        start=start,
        end=end,
        targets=_names(
            items.names("target"),
            [n for c in present for n in (*c.urges, *c.acted)],
        ),
        emotions=_names(items.names("emotion"), [n for c in present for n in c.emotions]),
        rates=_names(items.names("rate"), [n for c in present for n in c.rates]),
        days=tuple(CardDay(start + timedelta(days=n), week[n]) for n in range(7)),
    )


_MEDS_MARK = {"yes": "yes", "no": "no", "partly": "part"}


def card_cells(week: CardWeek, day: CardDay, *, compact: bool = False) -> list[str]:
    """One day's cells of the grid, in :func:`card_headers` order (also the Markdown grid's)."""
    card = day.card
    if card is None:
        return [""] * (len(week.targets) + len(week.emotions) + 3 + len(week.rates))
    cells = []
    for name in week.targets:
        value = card.urges.get(name)
        mark = "*" if card.acted.get(name) else ""
        cells.append(("" if value is None else str(value)) + mark)
    cells += [
        "" if card.emotions.get(name) is None else str(card.emotions[name])
        for name in week.emotions
    ]
    cells.append("" if card.skills is None else str(card.skills))
    cells.append("" if card.sleep is None else f"{card.sleep:g}")
    meds = _MEDS_MARK.get(card.meds or "", "")
    cells.append(meds[:1] if compact else meds)
    cells += ["" if name not in card.rates else f"{card.rates[name]:g}" for name in week.rates]
    return cells


def card_headers(week: CardWeek) -> list[str]:
    return [*week.targets, *week.emotions, "skills", "sleep", "meds", *week.rates]
