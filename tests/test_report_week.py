"""The weekly review and the period summary as pure functions, with exact numbers."""

from __future__ import annotations

from datetime import date

import pytest

from reportkit import entry
from workjournal.reports.common import week_start
from workjournal.reports.summary import period_summary
from workjournal.reports.week import weekly_review

MON = date(2026, 11, 16)  # Monday 16 - Sunday 22 November 2026


def test_numbers_of_a_small_week() -> None:
    entries = [
        entry(1, "2026-11-16T08:00:00+00:00", 3, triggers=("work",), emotions=("anxious:60",)),
        entry(2, "2026-11-16T20:00:00+00:00", 5, emotions=("anxious:40", "tired")),
        entry(3, "2026-11-18T12:00:00+00:00", 8, triggers=("work", "family"), coping=("walk",)),
        entry(4, "2026-11-21T09:00:00+00:00", None, triggers=("family",), coping=("walk",)),
        entry(5, "2026-11-21T10:00:00+00:00", 6, coping=("music",), discuss=True),
    ]
    review = weekly_review(entries, start=MON)
    data = review.to_json()
    assert (data["start"], data["end"]) == ("2026-11-16", "2026-11-22")
    assert (data["entries"], data["days_logged"]) == (5, 3)
    # (3 + 5 + 8 + 6) / 4
    assert data["mood"] | {"by_day": None} == {
        "mean": 5.5,
        "min": 3,
        "max": 8,
        "previous_mean": None,
        "by_day": None,
    }
    assert [d["date"] for d in data["mood"]["by_day"]] == [
        f"2026-11-{day}" for day in range(16, 23)
    ]
    assert data["mood"]["by_day"][0] == {
        "date": "2026-11-16",
        "entries": 2,
        "mean": 4.0,
        "min": 3,
        "max": 5,
    }
    assert data["mood"]["by_day"][1] == {
        "date": "2026-11-17",
        "entries": 0,
        "mean": None,
        "min": None,
        "max": None,
    }
    assert data["mood"]["by_day"][5]["entries"] == 2  # Saturday: one mood of 6, one without
    assert data["mood"]["by_day"][5]["mean"] == 6.0
    # family: entries 3 (8) and 4 (no mood) -> with 8, without (3 + 5 + 6) / 3 = 4.67
    # work: entries 1 (3) and 3 (8) -> with 5.5, without (5 + 6) / 2 = 5.5
    assert data["triggers"] == [
        {"name": "family", "count": 2, "mean_mood_with": 8.0, "mean_mood_without": 4.67}
        | {"days_with": 1, "days_without": 2},
        {"name": "work", "count": 2, "mean_mood_with": 5.5, "mean_mood_without": 5.5}
        | {"days_with": 2, "days_without": 1},
    ]
    assert data["emotions"] == [
        {"name": "anxious", "count": 2, "mean_intensity": 50.0},
        {"name": "tired", "count": 1, "mean_intensity": None},
    ]
    assert data["coping"] == [{"name": "walk", "count": 2}, {"name": "music", "count": 1}]
    assert data["discuss"] == [5]
    assert data["hardest"]["id"] == 1
    assert data["best"]["id"] == 3


def test_days_follow_each_entry_s_own_offset_around_midnight() -> None:
    entries = [
        # 23:30 UTC on Sunday 15, but 00:30 on Monday 16 where it was lived: in the week.
        entry(1, "2026-11-16T00:30:00+01:00", 4),
        # The last minute of Sunday 22: in the week.
        entry(2, "2026-11-22T23:59:00+00:00", 6),
        # Midnight on Monday 23: the next week.
        entry(3, "2026-11-23T00:00:00+00:00", 9),
        # 23:30 on Sunday 15 in New York is Monday in UTC: not in the week.
        entry(4, "2026-11-15T23:30:00-05:00", 1),
    ]
    review = weekly_review(entries, start=MON)
    assert review.summary.entries == 2
    assert review.summary.mood.mean == 5.0
    by_day = {d.date: d.entries for d in review.summary.daily}
    assert by_day[date(2026, 11, 16)] == 1
    assert by_day[date(2026, 11, 22)] == 1


def test_previous_week_mean_and_change() -> None:
    entries = [
        entry(1, "2026-11-09T10:00:00+00:00", 2),
        entry(2, "2026-11-15T23:00:00+00:00", 5),
        entry(3, "2026-11-17T10:00:00+00:00", 7),
        entry(4, "2026-11-02T10:00:00+00:00", 10),  # two weeks back: ignored
    ]
    review = weekly_review(entries, start=MON)
    assert review.previous_mean == 3.5
    assert review.change == 3.5
    assert review.to_json()["mood"]["previous_mean"] == 3.5


def test_sunday_week_start() -> None:
    start = week_start(date(2026, 11, 20), 6)
    assert start == date(2026, 11, 15)
    entries = [
        entry(1, "2026-11-15T09:00:00+00:00", 4),  # Sunday: first day
        entry(2, "2026-11-21T21:00:00+00:00", 6),  # Saturday: last day
        entry(3, "2026-11-22T09:00:00+00:00", 9),  # next Sunday: next week
    ]
    review = weekly_review(entries, start=start, first_weekday=6)
    assert (review.start, review.end) == (date(2026, 11, 15), date(2026, 11, 21))
    assert review.summary.entries == 2
    assert [d.date.weekday() for d in review.summary.daily] == [6, 0, 1, 2, 3, 4, 5]
    assert [w.name for w in review.summary.by_weekday][:2] == ["sunday", "monday"]


@pytest.mark.parametrize(
    ("start", "inside", "outside"),
    [
        # Clocks go forward in London at 01:00 UTC on Sunday 29 March 2026.
        (
            date(2026, 3, 23),
            ["2026-03-29T00:30:00+00:00", "2026-03-29T23:30:00+01:00"],
            ["2026-03-30T00:15:00+01:00"],  # 23:15 UTC on the 29th, but Monday 30 locally
        ),
        # Clocks go back at 01:00 UTC on Sunday 25 October 2026: 01:30 happens twice.
        (
            date(2026, 10, 19),
            ["2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00+00:00", "2026-10-25T23:59:00+00:00"],
            ["2026-10-26T00:00:00+00:00", "2026-10-18T23:30:00+01:00"],
        ),
    ],
)
def test_dst_changes(start: date, inside: list[str], outside: list[str]) -> None:
    entries = [entry(i, when, 5) for i, when in enumerate([*inside, *outside], 1)]
    review = weekly_review(entries, start=start)
    assert review.summary.entries == len(inside)
    assert review.summary.daily[6].entries == len(inside)


def test_days_without_mood() -> None:
    entries = [
        entry(1, "2026-11-17T10:00:00+00:00", None, text="no mood today"),
        entry(2, "2026-11-17T11:00:00+00:00", None, triggers=("work",)),
    ]
    review = weekly_review(entries, start=MON)
    data = review.to_json()
    assert data["days_logged"] == 1
    assert data["mood"]["mean"] is None and data["mood"]["min"] is None
    assert data["mood"]["by_day"][1] == {
        "date": "2026-11-17",
        "entries": 2,
        "mean": None,
        "min": None,
        "max": None,
    }
    assert data["triggers"] == [
        {"name": "work", "count": 1, "mean_mood_with": None, "mean_mood_without": None}
        | {"days_with": 0, "days_without": 0}
    ]
    assert review.hardest is None and review.best is None


def test_empty_week() -> None:
    review = weekly_review([], start=MON)
    assert review.is_empty
    data = review.to_json()
    assert data["entries"] == 0 and data["days_logged"] == 0
    assert len(data["mood"]["by_day"]) == 7
    assert all(d["entries"] == 0 and d["mean"] is None for d in data["mood"]["by_day"])
    assert data["triggers"] == data["emotions"] == data["coping"] == data["discuss"] == []
    assert data["hardest"] is None and data["best"] is None


def test_hardest_and_best_ties_take_the_earliest_and_one_mood_shows_once() -> None:
    entries = [
        entry(1, "2026-11-16T10:00:00+00:00", 2),
        entry(2, "2026-11-17T10:00:00+00:00", 2),
        entry(3, "2026-11-18T10:00:00+00:00", 7),
        entry(4, "2026-11-19T10:00:00+00:00", 7),
    ]
    review = weekly_review(entries, start=MON)
    assert review.hardest is not None and review.hardest.id == 1
    assert review.best is not None and review.best.id == 3
    same = weekly_review([entry(1, "2026-11-16T10:00:00+00:00", 5)], start=MON)
    assert same.hardest is not None and same.hardest.id == 1
    assert same.best is None


def test_written_late_counts_entries_written_more_than_a_day_after() -> None:
    entries = [
        entry(1, "2026-11-16T10:00:00+00:00", 5, created="2026-11-17T10:00:00+00:00"),
        entry(2, "2026-11-16T10:00:00+00:00", 5, created="2026-11-17T10:00:01+00:00"),
    ]
    assert weekly_review(entries, start=MON).summary.written_late == 1


def test_period_summary_over_a_month() -> None:
    entries = [
        entry(
            1,
            "2026-11-02T10:00:00+00:00",
            4,
            triggers=("work",),
            created="2026-11-05T10:00:00+00:00",
        ),
        entry(2, "2026-11-02T18:00:00+00:00", 6),
        entry(3, "2026-11-09T10:00:00+00:00", 8, discuss=True),
        entry(4, "2026-11-30T23:59:00+00:00", 2, triggers=("work",)),
        entry(5, "2026-12-01T00:00:00+00:00", 10),  # outside
    ]
    summary = period_summary(entries, start=date(2026, 11, 1), end=date(2026, 11, 30))
    data = summary.to_json()
    assert data["days_in_period"] == 30
    assert (data["days_logged"], data["entries"], data["written_late"]) == (3, 4, 1)
    assert len(data["mood"]["by_day"]) == 30
    assert data["mood"]["by_day"][1] == {
        "date": "2026-11-02",
        "entries": 2,
        "mean": 5.0,
        "min": 4,
        "max": 6,
    }
    # Mondays 2 and 9 and 30: moods 4, 6, 8, 2 -> 5.0
    assert data["mood"]["by_weekday"][0] == {"name": "monday", "entries": 4, "mean": 5.0}
    assert data["mood"]["by_weekday"][1] == {"name": "tuesday", "entries": 0, "mean": None}
    assert data["triggers"] == [
        {"name": "work", "count": 2, "mean_mood_with": 3.0, "mean_mood_without": 7.0}
        | {"days_with": 2, "days_without": 1}
    ]
    assert data["discuss"] == [3]
    assert summary.triggers[0].days_with == 2 and summary.triggers[0].days_without == 1
