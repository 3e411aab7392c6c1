"""The one number formatter, the shortening that never cuts silently, and the chart's labels."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workjournal.exporters.document import chart_layout, chart_ticks, make_document
from workjournal.text import THOUGHT_LABELS, number, shorten


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "–"),
        (6, "6.0"),
        (5.33, "5.3"),
        (3.25, "3.3"),
        (4.67, "4.7"),
        (0.05, "0.1"),
        (10, "10.0"),
    ],
)
def test_number_is_one_decimal_half_up(value: float | None, shown: str) -> None:
    assert number(value) == shown


def test_shorten_marks_every_cut_with_an_ellipsis() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("two\nlines", 20) == "two lines"  # folded, nothing left out
    assert shorten("a" * 30, 10) == "a" * 9 + "…"
    assert shorten("word " * 10, 12).endswith("…")


def test_thought_labels_are_the_seven_columns() -> None:
    assert THOUGHT_LABELS[0] == "Situation" and THOUGHT_LABELS[-1] == "Emotions after"
    assert len(THOUGHT_LABELS) == 7


def doc(start: date, end: date, first_weekday: int = 0):  # type: ignore[no-untyped-def]
    return make_document(
        [],
        start=start,
        end=end,
        since=None,
        until=None,
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
        sections=("summary",),
        redact=False,
        checkins=[],
        homework=[],
        thoughts=[],
        first_weekday=first_weekday,
    )


def test_chart_labels_each_weeks_first_day_and_the_last_day() -> None:
    two_weeks = doc(date(2026, 11, 17), date(2026, 12, 1))  # a Tuesday to a Tuesday
    assert chart_ticks(two_weeks) == [
        date(2026, 11, 17),
        date(2026, 11, 23),
        date(2026, 11, 30),
        date(2026, 12, 1),
    ]
    sundays = doc(date(2026, 11, 17), date(2026, 12, 1), first_weekday=6)
    assert date(2026, 11, 22) in chart_ticks(sundays) and date(2026, 11, 29) in chart_ticks(sundays)
    year = chart_ticks(doc(date(2026, 1, 1), date(2026, 12, 31)))
    assert len(year) <= 11 and year[0] == date(2026, 1, 1) and year[-1] == date(2026, 12, 31)
    one_day = doc(date(2026, 11, 17), date(2026, 11, 17))
    assert chart_ticks(one_day) == [date(2026, 11, 17)]


def test_days_without_a_mood_are_gaps_not_zeros() -> None:
    layout = chart_layout(doc(date(2026, 11, 17), date(2026, 12, 1)))
    assert layout.points == () and len(layout.gaps) == 15  # every day marked, none drawn at 0
