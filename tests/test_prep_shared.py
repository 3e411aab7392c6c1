"""Session prep takes its numbers from the shared period summary: the same days, moods, triggers
and flagged entries as the weekly review and the export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from reportkit import entry
from workjournal.reports.prep import session_prep
from workjournal.reports.summary import period_summary

START = datetime(2026, 11, 10, 0, 30, tzinfo=UTC)  # the last session, just after midnight
END = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)

ENTRIES = [
    entry(1, "2026-11-10T00:10:00+00:00", 1, discuss=True),  # that night, before the session
    entry(2, "2026-11-11T09:00:00+00:00", 4, triggers=("work", "sleep"), discuss=True),
    entry(3, "2026-11-11T20:00:00+00:00", 6, triggers=("work",)),
    entry(4, "2026-11-12T23:00:00-05:00", 5, triggers=("sleep",)),  # 13 Nov UTC, lived the 12th
    entry(5, "2026-11-19T12:00:00+00:00", None, triggers=("family",), discuss=True),
    entry(6, "2026-11-20T22:00:00+00:00", 9),  # after now
]


def test_prep_and_the_period_summary_give_the_same_numbers() -> None:
    prep = session_prep(ENTRIES, start=START, end=END)
    summary = period_summary(ENTRIES[1:5], start=START.date(), end=END.date())
    assert (prep.days_in_period, prep.days_logged) == (11, 3)
    assert (prep.days_in_period, prep.days_logged) == (summary.days_in_period, summary.days_logged)
    assert prep.mood == summary.mood
    assert [(d.day, d.entries, d.mean) for d in prep.daily] == [
        (d.date, d.entries, d.mean) for d in summary.daily if d.entries
    ]
    assert [(t.name, t.entries, t.mean_mood) for t in prep.triggers] == [
        ("sleep", 2, 4.5),
        ("work", 2, 5.0),
        ("family", 1, None),
    ]
    assert [m.id for m in prep.discuss] == list(summary.discuss) == [2, 5]


def test_an_entry_lived_on_the_day_before_the_period_is_kept() -> None:
    # 01:00 UTC on the 10th, after the session, but 20:00 on the 9th where it was lived (UTC-5):
    # the period's days widen to hold it instead of dropping it.
    lived_earlier = entry(1, "2026-11-09T20:00:00-05:00", 3, triggers=("travel",))
    prep = session_prep([lived_earlier], start=START, end=END)
    assert (prep.days_in_period, prep.days_logged) == (12, 1)
    assert [(d.day.day, d.mean) for d in prep.daily] == [(9, 3.0)]
    assert [t.name for t in prep.triggers] == ["travel"]


def test_an_entry_on_the_session_day_before_the_session_is_left_out() -> None:
    start = datetime(2026, 11, 10, 15, 0, tzinfo=timezone(timedelta(hours=0)))
    prep = session_prep(
        [entry(1, "2026-11-10T09:00:00+00:00", 2), entry(2, "2026-11-10T16:00:00+00:00", 7)],
        start=start,
        end=END,
    )
    assert (prep.days_logged, prep.mood.entries, prep.mood.mean) == (1, 1, 7.0)
