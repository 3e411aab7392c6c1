"""Building blocks every report shares: local days, weeks and means.

A day is the local calendar date of the moment an entry happened, in the entry's own UTC offset
(so an entry written at 23:30 in Lisbon stays on that day after the person flies to Berlin).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from workjournal.models import Entry, LabelKind


def day_of(entry: Entry) -> date:
    return entry.occurred_at.date()


def by_day(entries: Iterable[Entry]) -> dict[date, list[Entry]]:
    days: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        days[day_of(entry)].append(entry)
    return dict(days)


def mean(values: Sequence[float]) -> float | None:
    """The mean rounded to 2 decimals, or None for no values."""
    if not values:
        return None
    return round(sum(values) / len(values), 2)


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing ``day`` (0 = Monday ... 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


@dataclass(frozen=True)
class MoodStats:
    """Mood over some entries: ``mean`` of the moods given, ``min`` and ``max``."""

    entries: int
    mean: float | None
    min: int | None
    max: int | None

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> MoodStats:
        moods = [e.mood for e in entries if e.mood is not None]
        return cls(
            entries=len(entries),
            mean=mean(moods),
            min=min(moods) if moods else None,
            max=max(moods) if moods else None,
        )


def written_late(entry: Entry) -> bool:
    """Written down more than a day after the moment it records."""
    return entry.created_at - entry.occurred_at > timedelta(days=1)


# -- moments: what the aggregate reports need from an entry ------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# (name, first hour, last hour + 1): night 0-6, morning 6-12, afternoon 12-18, evening 18-24.
PARTS_OF_DAY: tuple[tuple[str, int, int], ...] = (
    ("night", 0, 6),
    ("morning", 6, 12),
    ("afternoon", 12, 18),
    ("evening", 18, 24),
)

# Rows as the store returns them for whole-journal reports (no text, no Entry objects):
MoodRow = tuple[int, str, int, int | None]  # entry id, local day (ISO), local hour, mood
LabelRow = tuple[int, str, str, int | None]  # entry id, kind, name, intensity (emotions only)
# Totals per local day (ISO text) or per local hour: (day or hour, entries, mood sum, moods).
DayTotalsRow = tuple[str, int, int, int]
HourTotalsRow = tuple[int, int, int, int]


class Moment(NamedTuple):
    """When an entry happened and its mood, without its text or labels: the entry's id, its
    local day and hour, and its mood. Reports take moments plus label rows (``LabelRow``), a
    shape the store can hand over for a whole journal without building Entry objects (a named
    tuple: a frozen dataclass is several times slower to create)."""

    id: int
    day: date
    hour: int
    mood: int | None

    @classmethod
    def of(cls, entry: Entry) -> Moment:
        return cls(entry.id, day_of(entry), entry.occurred_at.hour, entry.mood)


def label_rows_of(entries: Iterable[Entry]) -> list[LabelRow]:
    """The labels of ``entries`` as rows, in the shape the store returns them."""
    rows: list[LabelRow] = []
    for entry in entries:
        rows.extend((entry.id, "trigger", name, None) for name in entry.triggers)
        rows.extend((entry.id, "tag", name, None) for name in entry.tags)
        rows.extend((entry.id, "emotion", e.name, e.intensity) for e in entry.emotions)
        rows.extend((entry.id, "coping", name, None) for name in entry.coping)
    return rows


def split_entries(entries: Iterable[Entry]) -> tuple[list[Moment], list[LabelRow]]:
    """Entries -> (moments, label rows): what every aggregate below takes."""
    entries = list(entries)
    return [Moment.of(e) for e in entries], label_rows_of(entries)


def moments_from_rows(mood_rows: Iterable[MoodRow]) -> list[Moment]:
    """Moments from the store's bare rows, whose day and hour are each entry's own local ones
    (stored with the entry; a test checks they equal :func:`day_of`)."""
    days: dict[str, date] = {}
    moments = []
    for entry_id, day_text, hour, mood in mood_rows:
        day = days.get(day_text)
        if day is None:
            day = days[day_text] = date.fromisoformat(day_text)
        moments.append(Moment(entry_id, day, hour, mood))
    return moments


def _totals_by(keys: Iterable[tuple[Any, int | None]]) -> list[tuple[Any, int, int, int]]:
    totals: dict[Any, list[int]] = {}
    for key, mood in keys:
        found = totals.setdefault(key, [0, 0, 0])
        found[0] += 1
        if mood is not None:
            found[1] += mood
            found[2] += 1
    return [(key, n, mood_sum, mood_n) for key, (n, mood_sum, mood_n) in totals.items()]


def day_totals_of(moments: Iterable[Moment]) -> list[DayTotalsRow]:
    """The rows ``Store.day_totals`` returns, counted in Python from moments."""
    return _totals_by((m.day.isoformat(), m.mood) for m in moments)


def hour_totals_of(moments: Iterable[Moment]) -> list[HourTotalsRow]:
    """The rows ``Store.hour_totals`` returns, counted in Python from moments."""
    return _totals_by((m.hour, m.mood) for m in moments)


def logged_days(moments: Iterable[Moment]) -> set[date]:
    return {m.day for m in moments}


def by_count(item: tuple[str, int]) -> tuple[int, str]:
    """Sort key: highest count first, then by name."""
    return -item[1], item[0]


# -- aggregates shared by the week, the month, patterns and the therapist summary --------------


@dataclass(frozen=True)
class DayMood:
    """One local day: how many entries, and the mean and range of its moods."""

    date: date
    entries: int
    mean: float | None
    min: int | None
    max: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "entries": self.entries,
            "mean": self.mean,
            "min": self.min,
            "max": self.max,
        }


def day_moods(moments: Iterable[Moment], days: Sequence[date]) -> tuple[DayMood, ...]:
    """One item for every day in ``days`` (in that order), including days with nothing."""
    counts: dict[date, int] = defaultdict(int)
    moods: dict[date, list[int]] = defaultdict(list)
    for m in moments:
        counts[m.day] += 1
        if m.mood is not None:
            moods[m.day].append(m.mood)
    result = []
    for day in days:
        values = moods.get(day, [])
        result.append(
            DayMood(
                date=day,
                entries=counts.get(day, 0),
                mean=mean(values),
                min=min(values) if values else None,
                max=max(values) if values else None,
            )
        )
    return tuple(result)


@dataclass(frozen=True)
class LabelMood:
    """A trigger or tag: how often it appeared, and the mean mood of the entries with it against
    the entries without it. ``days_with`` counts the days with a mood on which it appeared,
    ``days_without`` the days with a mood on which it did not."""

    kind: str
    name: str
    count: int
    mean_mood_with: float | None
    mean_mood_without: float | None
    days_with: int
    days_without: int

    @classmethod
    def from_totals(
        cls, kind: str, name: str, count: int, with_: Totals, all_: Totals
    ) -> LabelMood:
        """The one place "with" and "without" are worked out, whether the totals were counted
        in Python (a week) or by the store (a whole journal)."""
        n_without = all_.mood_n - with_.mood_n
        return cls(
            kind=kind,
            name=name,
            count=count,
            mean_mood_with=round(with_.mood_sum / with_.mood_n, 2) if with_.mood_n else None,
            mean_mood_without=(
                round((all_.mood_sum - with_.mood_sum) / n_without, 2) if n_without else None
            ),
            days_with=with_.mood_days,
            days_without=all_.mood_days - with_.mood_days,
        )

    @property
    def difference(self) -> float | None:
        if self.mean_mood_with is None or self.mean_mood_without is None:
            return None
        return round(self.mean_mood_with - self.mean_mood_without, 2)

    def enough_data(self, minimum_days: int = 3) -> bool:
        return self.days_with >= minimum_days and self.days_without >= minimum_days

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "count": self.count,
            "mean_mood_with": self.mean_mood_with,
            "mean_mood_without": self.mean_mood_without,
            # so a reader can judge the means: people see them only with 3 days each way
            "days_with": self.days_with,
            "days_without": self.days_without,
        }


@dataclass(frozen=True)
class Totals:
    """Sums over some entries: the sum and number of moods, and the days that had a mood."""

    mood_sum: int = 0
    mood_n: int = 0
    mood_days: int = 0


def label_moods(
    moments: Sequence[Moment], labels: Iterable[LabelRow], kind: LabelKind
) -> list[LabelMood]:
    """Every label of ``kind`` with its mood with and without, highest count first."""
    mood_of = {m.id: (m.day, m.mood) for m in moments if m.mood is not None}
    all_ = Totals(
        sum(mood for _, mood in mood_of.values()),
        len(mood_of),
        len({day for day, _ in mood_of.values()}),
    )
    counts: dict[str, int] = defaultdict(int)
    moods: dict[str, list[int]] = defaultdict(list)
    days: dict[str, set[date]] = defaultdict(set)
    for entry_id, row_kind, name, _ in labels:
        if row_kind != kind:
            continue
        counts[name] += 1
        found = mood_of.get(entry_id)
        if found is not None:
            days[name].add(found[0])
            moods[name].append(found[1])
    return [
        LabelMood.from_totals(
            kind,
            name,
            count,
            Totals(sum(moods[name]), len(moods[name]), len(days[name])),
            all_,
        )
        for name, count in sorted(counts.items(), key=by_count)
    ]


@dataclass(frozen=True)
class LabelCount:
    name: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count}


def label_counts(labels: Iterable[LabelRow], kind: LabelKind) -> list[LabelCount]:
    counts: dict[str, int] = defaultdict(int)
    for _, row_kind, name, _ in labels:
        if row_kind == kind:
            counts[name] += 1
    return [LabelCount(name, count) for name, count in sorted(counts.items(), key=by_count)]


@dataclass(frozen=True)
class EmotionStat:
    """An emotion: how often it was logged and its mean intensity (of those given one)."""

    name: str
    count: int
    mean_intensity: float | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count, "mean_intensity": self.mean_intensity}


def emotion_stats(labels: Iterable[LabelRow]) -> list[EmotionStat]:
    counts: dict[str, int] = defaultdict(int)
    intensities: dict[str, list[int]] = defaultdict(list)
    for _, kind, name, intensity in labels:
        if kind == "emotion":
            counts[name] += 1
            if intensity is not None:
                intensities[name].append(intensity)
    return [
        EmotionStat(name, count, mean(intensities.get(name, [])))
        for name, count in sorted(counts.items(), key=by_count)
    ]


@dataclass(frozen=True)
class Pair:
    """Two labels that appeared together in the same entry, and how many times."""

    names: tuple[str, str]
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"names": list(self.names), "count": self.count}


@dataclass(frozen=True)
class GroupMood:
    """Mood over one group of moments: a weekday, or a part of the day."""

    name: str
    entries: int
    mean: float | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "entries": self.entries, "mean": self.mean}


def _group_moods(
    names: Sequence[str], totals: Iterable[tuple[int, int, int, int]]
) -> list[GroupMood]:
    """Mean mood per group; ``totals`` yields (index into ``names``, entries, mood sum, number
    of moods) for each day or hour."""
    counts = [0] * len(names)
    sums = [0] * len(names)
    moods = [0] * len(names)
    for index, n, mood_sum, mood_n in totals:
        counts[index] += n
        sums[index] += mood_sum
        moods[index] += mood_n
    return [
        GroupMood(name, counts[i], round(sums[i] / moods[i], 2) if moods[i] else None)
        for i, name in enumerate(names)
    ]


def weekday_moods(day_totals: Iterable[DayTotalsRow], first_weekday: int = 0) -> list[GroupMood]:
    """Mean mood by weekday, 7 items starting at ``first_weekday`` (0 = Monday), from the
    totals of each local day (``Store.day_totals`` or :func:`day_totals_of`)."""
    names = [WEEKDAYS[(first_weekday + i) % 7] for i in range(7)]
    return _group_moods(
        names,
        (
            ((date.fromisoformat(day).weekday() - first_weekday) % 7, n, mood_sum, mood_n)
            for day, n, mood_sum, mood_n in day_totals
        ),
    )


def part_of_day(hour: int) -> str:
    return next(name for name, first, end in PARTS_OF_DAY if first <= hour < end)


def part_of_day_moods(hour_totals: Iterable[HourTotalsRow]) -> list[GroupMood]:
    """Mean mood by part of day: night 0-6, morning 6-12, afternoon 12-18, evening 18-24, from
    the totals of each local hour (``Store.hour_totals`` or :func:`hour_totals_of`)."""
    names = [name for name, _, _ in PARTS_OF_DAY]
    by_hour = [names.index(part_of_day(h)) for h in range(24)]
    return _group_moods(
        names, ((by_hour[h], n, total, moods) for h, n, total, moods in hour_totals)
    )


EARLIEST_OFFSET = timedelta(hours=14)
LATEST_OFFSET = timedelta(hours=12)


def utc_window(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC bounds that hold every entry whose local day (in its own offset) is start..end."""
    since = datetime.combine(start, time.min, tzinfo=UTC) - EARLIEST_OFFSET
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC) + LATEST_OFFSET
    return since, until
