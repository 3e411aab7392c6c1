"""Streak, calendar, month, patterns and triggers as pure functions, and the store's report
rows checked against the same numbers worked out from Entry objects."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from reportkit import entry
from workjournal import clock
from workjournal.models import Emotion, NewEntry
from workjournal.reports.calendar import year_in_pixels
from workjournal.reports.common import (
    Moment,
    day_of,
    day_totals_of,
    hour_totals_of,
    label_moods,
    moments_from_rows,
    part_of_day,
    split_entries,
)
from workjournal.reports.month import month_view
from workjournal.reports.patterns import most_together, patterns
from workjournal.reports.streak import streak
from workjournal.reports.triggers import trigger_list, trigger_totals
from workjournal.store import open_store

TODAY = date(2026, 11, 20)


def days(*numbers: int) -> list[date]:
    return [date(2026, 11, n) for n in numbers]


@pytest.mark.parametrize(
    ("logged", "current", "longest", "last_7", "last_30"),
    [
        ([], 0, 0, 0, 0),
        (days(20), 1, 1, 1, 1),
        # 14 to 20 with 17 missed: one run of 6 (a single missed day is forgiven)
        (days(14, 15, 16, 18, 19, 20), 6, 6, 6, 6),
        # 16 and 17 missed: two runs; the current one is 18-20
        (days(12, 13, 14, 15, 18, 19, 20), 3, 4, 5, 7),
        # last logged on the 18th: yesterday missed, today still open -> the run is alive
        (days(16, 17, 18), 3, 3, 3, 3),
        # last logged on the 17th: two days missed -> no current run
        (days(15, 16, 17), 0, 3, 3, 3),
        # days after today are ignored; 22 Oct is inside the last 30 days, 21 Oct is not
        ([date(2026, 10, 21), date(2026, 10, 22), date(2026, 11, 25)], 0, 2, 0, 1),
    ],
)
def test_streak(logged: list[date], current: int, longest: int, last_7: int, last_30: int) -> None:
    assert streak(logged, today=TODAY).to_json() == {
        "current": current,
        "longest": longest,
        "last_7": last_7,
        "last_30": last_30,
    }


def test_year_in_pixels() -> None:
    moments = [
        Moment(1, date(2028, 2, 29), 10, 4),
        Moment(2, date(2028, 2, 29), 22, 7),
        Moment(3, date(2028, 12, 31), 9, None),
        Moment(4, date(2027, 12, 31), 9, 9),  # another year
    ]
    view = year_in_pixels(moments, year=2028)
    assert len(view.days) == 366
    assert view.days_logged == 2
    assert len(view.month(2)) == 29
    feb29 = view.month(2)[28]
    assert (feb29.entries, feb29.mean, feb29.min, feb29.max) == (2, 5.5, 4, 7)
    assert view.days[-1].entries == 1 and view.days[-1].mean is None


def test_month_grid_starts_on_the_configured_weekday() -> None:
    entries = [entry(1, "2026-11-01T10:00:00+00:00", 6), entry(2, "2026-11-30T23:30:00+00:00", 2)]
    monday = month_view(entries, day=date(2026, 11, 14))
    # 1 November 2026 is a Sunday: six blank cells before it when weeks start on Monday.
    assert [c is None for c in monday.weeks[0]] == [True] * 6 + [False]
    assert monday.weeks[0][6] is not None and monday.weeks[0][6].mean == 6.0
    assert len(monday.weeks) == 6
    assert monday.weeks[5][0] is not None and monday.weeks[5][0].date == date(2026, 11, 30)
    sunday = month_view(entries, day=date(2026, 11, 14), first_weekday=6)
    assert sunday.weeks[0][0] is not None and sunday.weeks[0][0].date == date(2026, 11, 1)
    assert len(sunday.weeks) == 5
    data = sunday.to_json()
    assert (data["month"], data["days_in_period"], data["days_logged"]) == ("2026-11", 30, 2)


def test_part_of_day_boundaries() -> None:
    assert [part_of_day(h) for h in (0, 5, 6, 11, 12, 17, 18, 23)] == [
        "night",
        "night",
        "morning",
        "morning",
        "afternoon",
        "afternoon",
        "evening",
        "evening",
    ]


def test_most_together_orders_names_and_counts() -> None:
    pairs = most_together([("work", "sleep", 2), ("family", "work", 5), ("bus", "rain", 2)])
    assert [p.to_json() for p in pairs] == [
        {"names": ["family", "work"], "count": 5},
        {"names": ["bus", "rain"], "count": 2},
        {"names": ["sleep", "work"], "count": 2},
    ]


def test_trigger_list() -> None:
    entries = [
        entry(1, "2026-11-02T00:30:00+01:00", 4, triggers=("work",)),  # 1 Nov in UTC
        entry(2, "2026-11-10T10:00:00+00:00", None, triggers=("work", "bus")),
        entry(3, "2026-11-12T10:00:00+00:00", 7, triggers=("work",)),
    ]
    moments, labels = split_entries(entries)
    assert trigger_list(trigger_totals(moments, labels)).to_json() == [
        {
            "name": "work",
            "count": 3,
            "first_seen": "2026-11-02",
            "last_seen": "2026-11-12",
            "mean_mood": 5.5,
        },
        {
            "name": "bus",
            "count": 1,
            "first_seen": "2026-11-10",
            "last_seen": "2026-11-10",
            "mean_mood": None,
        },
    ]


# A small journal: "work" on 4 days with moods, "sleep" on 2; moods on 7 of its 8 days.
JOURNAL = [
    ("2026-11-02T08:00:00+00:00", 3, ("work",), ("anxious:60",)),
    ("2026-11-02T20:00:00+00:00", 7, (), ()),
    ("2026-11-03T23:30:00-05:00", 4, ("work", "sleep"), ("anxious:20", "tired")),  # 4 Nov UTC
    ("2026-11-05T09:00:00+01:00", 2, ("work",), ("sad",)),
    ("2026-11-06T13:00:00+00:00", 8, (), ()),
    ("2026-11-07T19:00:00+00:00", 5, ("work", "sleep"), ("anxious",)),
    ("2026-11-08T02:00:00+00:00", None, ("sleep",), ()),
    ("2026-11-09T10:00:00+00:00", 9, (), ()),
    ("2026-11-10T10:00:00+00:00", 6, (), ()),
]


@pytest.fixture
def store_and_entries(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path / "j.db", create=True)
    for when, mood, triggers, emotions in JOURNAL:
        store.add_entry(
            NewEntry(
                occurred_at=datetime.fromisoformat(when),
                mood=mood,
                triggers=triggers,
                emotions=tuple(Emotion.parse(e) for e in emotions),
            ),
            created_at=datetime.fromisoformat(when),
        )
    yield store, store.list_entries()
    store.close()


def test_store_rows_give_the_same_days_and_moods_as_entries(store_and_entries) -> None:  # type: ignore[no-untyped-def]
    store, entries = store_and_entries
    from_rows = sorted(moments_from_rows(store.mood_rows()))
    from_entries = sorted(Moment.of(e) for e in entries)
    assert from_rows == from_entries
    assert from_rows[2].day == date(2026, 11, 3)  # 23:30 in New York stays on the 3rd
    assert {(e.id, day_of(e)) for e in entries} == {(m.id, m.day) for m in from_rows}
    assert sorted(store.day_totals()) == sorted(day_totals_of(from_entries))
    assert sorted(store.hour_totals()) == sorted(hour_totals_of(from_entries))
    # 2 Nov: two entries, moods 3 and 7; 8 Nov: one entry without a mood.
    assert ("2026-11-02", 2, 10, 2) in store.day_totals()
    assert ("2026-11-08", 1, 0, 0) in store.day_totals()
    assert store.logged_days() == sorted({m.day.isoformat() for m in from_entries})


def test_store_label_totals_match_the_python_aggregate(store_and_entries) -> None:  # type: ignore[no-untyped-def]
    store, entries = store_and_entries
    moments, labels = split_entries(entries)
    python = {m.name: m for m in label_moods(moments, labels, "trigger")}
    result = patterns(store.day_totals(), store.hour_totals(), store.label_totals())
    sql = {t.name: t for t in result.triggers}
    assert python == sql
    work = sql["work"]
    # work: moods 3, 4, 2, 5 on 4 days -> 3.5; without: 7, 8, 9, 6 -> 7.5. Days without are
    # the mood days on which it did not appear: 7 mood days - 4 work days = 3 (6, 9, 10 Nov).
    assert (work.count, work.mean_mood_with, work.mean_mood_without) == (4, 3.5, 7.5)
    assert (work.days_with, work.days_without, work.difference) == (4, 3, -4.0)
    sleep = sql["sleep"]
    assert (sleep.count, sleep.days_with, sleep.days_without) == (3, 2, 5)
    assert not sleep.enough_data()


def test_patterns_from_the_store(store_and_entries) -> None:  # type: ignore[no-untyped-def]
    store, _ = store_and_entries
    totals = store.label_totals()
    result = patterns(
        store.day_totals(),
        store.hour_totals(),
        totals,
        together=store.label_pairs("trigger"),
        emotions_with=store.labels_appearing_with("trigger", ["work", "sleep"], "emotion"),
    )
    data = result.to_json()
    assert (data["entries"], data["days_logged"]) == (9, 8)
    assert data["triggers"][0] == {
        "name": "work",
        "count": 4,
        "days_with": 4,
        "days_without": 3,
        "enough_data": True,
        "mean_mood_with": 3.5,
        "mean_mood_without": 7.5,
        "difference": -4.0,
    }
    assert data["triggers"][1]["enough_data"] is False
    assert data["triggers"][1]["mean_mood_with"] is None
    assert data["together"] == [{"names": ["sleep", "work"], "count": 2}]
    assert data["emotions_by_trigger"] == [
        {
            "trigger": "work",
            "emotions": [
                {"name": "anxious", "count": 3},
                {"name": "sad", "count": 1},
                {"name": "tired", "count": 1},
            ],
        },
        {
            "trigger": "sleep",
            "emotions": [{"name": "anxious", "count": 2}, {"name": "tired", "count": 1}],
        },
    ]
    # Mondays 2 and 9 Nov: 3, 7, 9 -> 6.33; Tuesdays: the 3rd (in New York) 4, the 10th 6.
    assert data["by_weekday"][0] == {"name": "monday", "entries": 3, "mean": 6.33}
    assert data["by_weekday"][1] == {"name": "tuesday", "entries": 2, "mean": 5.0}
    # night: 02:00 (no mood); morning: 08:00 (3), 09:00 (2), 10:00 (9), 10:00 (6);
    # afternoon: 13:00 (8); evening: 20:00 (7), 23:30 (4), 19:00 (5)
    assert data["by_part_of_day"] == [
        {"name": "night", "entries": 1, "mean": None},
        {"name": "morning", "entries": 4, "mean": 5.0},
        {"name": "afternoon", "entries": 1, "mean": 8.0},
        {"name": "evening", "entries": 3, "mean": 5.33},
    ]


def test_patterns_in_a_range_use_local_days(store_and_entries) -> None:  # type: ignore[no-untyped-def]
    store, _ = store_and_entries
    london = clock.local_tz()
    since = clock.start_of_day(date(2026, 11, 5), london)
    totals = store.label_totals(since)
    assert {(kind, name, n) for kind, name, n, *_ in totals} == {
        ("trigger", "work", 2),
        ("trigger", "sleep", 2),
    }
    pairs = store.label_pairs("trigger", since)
    assert [(sorted(p[:2]), p[2]) for p in pairs] == [(["sleep", "work"], 1)]
