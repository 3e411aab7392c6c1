"""The natural time phrases of --at and --since, each with a fixed now and zone. Every expected
moment is built directly from a wall-clock time in the zone, never through parse_when."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpers import invoke
from workjournal import clock
from workjournal.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")
# Friday 20 November 2026, 21:30 GMT.
NOW = datetime(2026, 11, 20, 21, 30, tzinfo=LONDON)


def local(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def at(text: str, now: datetime = NOW) -> datetime:
    return clock.parse_when(text, now=now, tz=LONDON)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 days ago 08:15", local(2026, 11, 18, 8, 15)),
        ("3 days ago 9pm", local(2026, 11, 17, 21, 0)),
        ("a day ago 7:05am", local(2026, 11, 19, 7, 5)),
        ("2026-11-20 9pm", local(2026, 11, 20, 21, 0)),
        ("2026-11-02 7:30 am", local(2026, 11, 2, 7, 30)),
        ("20 nov", local(2026, 11, 20, 12, 0)),
        ("nov 20", local(2026, 11, 20, 12, 0)),
        ("Nov 20 9pm", local(2026, 11, 20, 21, 0)),
        ("nov 20 22:00", local(2025, 11, 20, 22, 0)),  # later today: last year's
        ("21 nov", local(2025, 11, 21, 12, 0)),  # not yet this year: the most recent past one
        ("1 december", local(2025, 12, 1, 12, 0)),
        ("3rd march 18:00", local(2026, 3, 3, 18, 0)),
        ("29 feb", local(2024, 2, 29, 12, 0)),
        ("20 nov 2025", local(2025, 11, 20, 12, 0)),
        ("this morning", local(2026, 11, 20, 9, 0)),
        ("this afternoon", local(2026, 11, 20, 15, 0)),
        ("this evening", local(2026, 11, 20, 20, 0)),
        ("tonight", local(2026, 11, 20, 20, 0)),
        ("tonight 21:15", local(2026, 11, 20, 21, 15)),
        ("last night", local(2026, 11, 19, 22, 0)),
        ("yesterday morning", local(2026, 11, 19, 9, 0)),
        ("Yesterday  Afternoon", local(2026, 11, 19, 15, 0)),
        ("yesterday evening", local(2026, 11, 19, 20, 0)),
    ],
)
def test_phrases_for_at(text: str, expected: datetime) -> None:
    moment = at(text)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()


def test_phrases_across_the_autumn_dst_change() -> None:
    # London went from BST (+01:00) to GMT at 01:00 UTC on Sunday 25 October 2026.
    now = datetime(2026, 10, 26, 10, 0, tzinfo=LONDON)  # Monday, GMT
    assert at("3 days ago 08:15", now) == local(2026, 10, 23, 8, 15)
    assert str(at("3 days ago 08:15", now).utcoffset()) == "1:00:00"
    assert at("last night", now) == local(2026, 10, 25, 22, 0)
    assert str(at("last night", now).utcoffset()) == "0:00:00"
    assert at("yesterday morning", now) == local(2026, 10, 25, 9, 0)
    assert at("24 oct 9pm", now).isoformat() == "2026-10-24T21:00:00+01:00"


def test_phrases_across_the_spring_dst_change() -> None:
    # London went from GMT to BST at 01:00 UTC on Sunday 29 March 2026.
    now = datetime(2026, 3, 30, 10, 0, tzinfo=LONDON)
    assert at("2 days ago 9pm", now).isoformat() == "2026-03-28T21:00:00+00:00"
    assert at("yesterday evening", now).isoformat() == "2026-03-29T20:00:00+01:00"
    assert at("this morning", now).isoformat() == "2026-03-30T09:00:00+01:00"


def test_a_part_of_the_day_that_has_begun_reads_a_later_time_as_now() -> None:
    seven = local(2026, 11, 20, 19, 0)
    assert at("this evening", seven) == seven
    assert at("tonight", seven) == seven
    eight_am = local(2026, 11, 20, 8, 0)
    assert at("this morning", eight_am) == eight_am


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("this evening", local(2026, 11, 20, 10, 0)),
        ("this afternoon", local(2026, 11, 20, 11, 0)),
        ("this morning", local(2026, 11, 20, 3, 0)),
        ("0 days ago 23:00", NOW),
        ("20 nov 2026 22:00", NOW),
        ("2026-11-20 10pm", NOW),
        ("21 nov 2026", NOW),
    ],
)
def test_nothing_in_the_future_and_the_message_lists_the_forms(text: str, now: datetime) -> None:
    with pytest.raises(InvalidInput) as info:
        at(text, now)
    assert "is in the future" in info.value.message
    assert "Accepted forms: 2026-11-20 21:30" in info.value.message
    assert "last night" in info.value.message


@pytest.mark.parametrize(
    "text",
    [
        "31 nov",
        "30 feb",
        "nov",
        "20 novembre",
        "3 days ago teatime",
        "2026-11-20 9 o'clock",
        "this night",
        "yesterday lunchtime",
        "last week",
        "this month",
        "next week",
        "last evening",
    ],
)
def test_other_phrases_are_refused_with_the_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        at(text)
    assert "could not understand --at" in info.value.message
    assert "Accepted forms:" in info.value.message
    assert "3 days ago 9pm" in info.value.message


def since(text: str, *, week_start: int = 0, now: datetime = NOW) -> datetime:
    return clock.parse_bound(
        text, now=now, tz=LONDON, option="--since", end=False, week_start=week_start
    )


@pytest.mark.parametrize(
    ("text", "week_start", "expected"),
    [
        ("this week", 0, local(2026, 11, 16, 0, 0)),  # Monday
        ("last week", 0, local(2026, 11, 9, 0, 0)),
        ("this week", 6, local(2026, 11, 15, 0, 0)),  # weeks begin on Sunday
        ("last week", 6, local(2026, 11, 8, 0, 0)),
        ("this week", 4, local(2026, 11, 20, 0, 0)),  # begin on Friday: today
        ("last week", 5, local(2026, 11, 7, 0, 0)),  # Saturday
        ("this month", 0, local(2026, 11, 1, 0, 0)),
        ("last month", 0, local(2026, 10, 1, 0, 0)),  # BST then
        ("2 weeks ago", 0, local(2026, 11, 6, 21, 30)),
        ("last night", 0, local(2026, 11, 19, 22, 0)),
    ],
)
def test_since_phrases(text: str, week_start: int, expected: datetime) -> None:
    moment = since(text, week_start=week_start)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()


def test_until_a_period_means_its_last_second() -> None:
    until = clock.parse_bound("last month", now=NOW, tz=LONDON, option="--until", end=True)
    assert until == local(2026, 10, 31, 23, 59, 59)
    january = datetime(2026, 1, 15, 12, 0, tzinfo=LONDON)
    assert since("last month", now=january) == local(2025, 12, 1, 0, 0)
    assert since("last week", now=datetime(2026, 1, 1, 9, 0, tzinfo=LONDON)) == local(
        2025, 12, 22, 0, 0
    )


def test_unknown_since_lists_the_period_forms() -> None:
    with pytest.raises(InvalidInput) as info:
        since("the week before")
    assert "this week, last week, this month, last month, 2 weeks ago" in info.value.message


ENV = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


def test_add_at_a_phrase_saves_that_moment() -> None:
    result = invoke("add", "x", "--at", "2 days ago 08:15", env=ENV)
    assert result.exit_code == 0, result.stderr
    assert "Wed 18 Nov 2026 08:15" in result.stderr
    result = invoke("add", "y", "--at", "last night", env=ENV)
    assert "Thu 19 Nov 2026 22:00" in result.stderr


def test_list_since_last_week_honours_the_configured_week_start(isolated: Path) -> None:
    for when in ("2026-11-07 10:00", "2026-11-08 10:00", "2026-11-09 10:00"):
        assert invoke("add", when, "--at", when, env=ENV).exit_code == 0

    def texts() -> list[str]:
        result = invoke("list", "--since", "last week", "-f", "json", env=ENV)
        assert result.exit_code == 0, result.stderr
        return [e["text"] for e in json.loads(result.stdout)]

    assert texts() == ["2026-11-09 10:00"]  # Monday 9 November
    config = isolated / "home" / ".config" / "workjournal" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('week_start = "sunday"\n')
    assert texts() == ["2026-11-09 10:00", "2026-11-08 10:00"]


def test_a_refused_phrase_is_a_usage_error_listing_the_forms(db_path: Path) -> None:
    result = invoke("add", "x", "--at", "the other day", env=ENV)
    assert result.exit_code == 2
    assert "could not understand --at 'the other day'" in result.stderr
    assert not db_path.exists()
    morning = {"WORKJOURNAL_NOW": "2026-11-20T10:00:00+00:00"}
    result = invoke("add", "x", "--at", "this evening", env=morning)
    assert result.exit_code == 2
    assert "is in the future" in result.stderr
    assert "Accepted forms:" in result.stderr
