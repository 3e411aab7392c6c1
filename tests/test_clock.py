"""The --at / --since parser with a fixed now and time zone, including DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workjournal import clock
from workjournal.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")
# Friday 20 November 2026, 21:30 in London (GMT, +00:00).
NOW = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


def at(text: str, now: datetime = NOW, tz: ZoneInfo = LONDON) -> str:
    return clock.parse_when(text, now=now, tz=tz).astimezone(tz).isoformat()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20 21:30", "2026-11-20T21:30:00+00:00"),
        ("2026-11-20T21:30", "2026-11-20T21:30:00+00:00"),
        ("2026-11-19", "2026-11-19T12:00:00+00:00"),
        ("2026-11-20", "2026-11-20T12:00:00+00:00"),
        ("2026-11-20T20:00+01:00", "2026-11-20T19:00:00+00:00"),
        ("now", "2026-11-20T21:30:00+00:00"),
        ("today 9am", "2026-11-20T09:00:00+00:00"),
        ("Today 9:15 PM", "2026-11-20T21:15:00+00:00"),
        ("yesterday 21:30", "2026-11-19T21:30:00+00:00"),
        ("yesterday", "2026-11-19T12:00:00+00:00"),
        ("2 hours ago", "2026-11-20T19:30:00+00:00"),
        ("2h ago", "2026-11-20T19:30:00+00:00"),
        ("an hour ago", "2026-11-20T20:30:00+00:00"),
        ("45 min ago", "2026-11-20T20:45:00+00:00"),
        ("3 days ago", "2026-11-17T21:30:00+00:00"),
        ("1 week ago", "2026-11-13T21:30:00+00:00"),
        ("2 months ago", "2026-09-20T21:30:00+01:00"),
        ("monday 18:00", "2026-11-16T18:00:00+00:00"),
        ("mon 6pm", "2026-11-16T18:00:00+00:00"),
        ("last monday", "2026-11-16T12:00:00+00:00"),
        ("friday 9am", "2026-11-20T09:00:00+00:00"),  # today, earlier
        ("friday 22:00", "2026-11-13T22:00:00+00:00"),  # later today is future: last week's
        ("last friday", "2026-11-13T12:00:00+00:00"),
        ("20:00", "2026-11-20T20:00:00+00:00"),
        ("noon", "2026-11-20T12:00:00+00:00"),
    ],
)
def test_accepted_forms(text: str, expected: str) -> None:
    assert at(text) == expected


def test_a_day_alone_today_before_noon_is_clamped_to_now() -> None:
    morning = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    assert at("today", now=morning) == "2026-11-20T08:00:00+00:00"


@pytest.mark.parametrize(
    "text",
    [
        "tomorrow",
        "next friday",
        "soon",
        "",
        "   ",
        "2026-13-01",
        "2026-11-20 25:00",
        "3 fortnights ago",
        "yesterday at teatime",
        "last",
        "last tuesdayish",
        "in 2 hours",
        "9999999 years ago",
        "2026-11-20 21:30 please",
    ],
)
def test_unparseable_is_refused_listing_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        clock.parse_when(text, now=NOW, tz=LONDON)
    assert "Accepted forms:" in info.value.message or "before the year 1" in info.value.message


@pytest.mark.parametrize("text", ["2026-11-21", "2026-11-20 22:00", "today 11pm", "2030-01-01"])
def test_future_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        clock.parse_when(text, now=NOW, tz=LONDON)


def test_dst_spring_forward_days_ago_keeps_wall_clock() -> None:
    # Clocks went forward in London at 01:00 UTC on Sunday 29 March 2026.
    now = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)  # 10:00 BST
    assert at("3 days ago", now=now) == "2026-03-27T10:00:00+00:00"
    assert at("2 hours ago", now=datetime(2026, 3, 29, 2, 0, tzinfo=UTC)) == (
        "2026-03-29T00:00:00+00:00"
    )


def test_dst_gap_time_moves_past_the_gap() -> None:
    now = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    # 01:30 did not exist in London that night; it is read as 02:30 BST (01:30 UTC).
    assert at("today 01:30", now=now) == "2026-03-29T02:30:00+01:00"


def test_dst_fall_back_ambiguous_time_takes_the_first() -> None:
    now = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)
    assert at("today 01:30", now=now) == "2026-10-25T01:30:00+01:00"


def test_other_zone_offsets_are_kept() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    moment = clock.parse_when("yesterday 21:30", now=NOW, tz=tokyo)
    assert moment.isoformat() == "2026-11-20T21:30:00+09:00"


def test_bounds_cover_whole_days() -> None:
    since = clock.parse_bound("2026-11-16", now=NOW, tz=LONDON, option="--since", end=False)
    until = clock.parse_bound("2026-11-16", now=NOW, tz=LONDON, option="--until", end=True)
    assert (since.isoformat(), until.isoformat()) == (
        "2026-11-16T00:00:00+00:00",
        "2026-11-16T23:59:59+00:00",
    )
    assert clock.parse_day("last monday", now=NOW, tz=LONDON) == date(2026, 11, 16)


def test_db_round_trip_keeps_the_lived_offset() -> None:
    lived = datetime(2026, 7, 1, 23, 30, tzinfo=timezone(timedelta(hours=-7)))
    utc, offset = clock.to_db(lived)
    assert (utc, offset) == ("2026-07-02T06:30:00+00:00", -420)
    back = clock.from_db(utc, offset)
    assert back == lived
    assert back.date() == date(2026, 7, 1)


def test_now_can_be_fixed_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.NOW_ENV, "2026-11-20T21:30:00+00:00")
    assert clock.now() == NOW
    monkeypatch.setenv(clock.NOW_ENV, "2026-11-20T21:30:00")
    with pytest.raises(InvalidInput, match="UTC offset"):
        clock.now()


UNITS = {"minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks"}


@settings(max_examples=100, deadline=None)
@given(
    # Up to 1000 of each unit, and at most a century back (moments before 1900 are refused).
    count=st.integers(min_value=0, max_value=1000),
    unit=st.sampled_from(["minutes", "hours", "days", "weeks", "months", "years"]),
    now=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
    ),
)
def test_n_units_ago_round_trips_and_is_never_future(count: int, unit: str, now: datetime) -> None:
    if unit == "years":
        count %= 100
    moment = clock.parse_when(f"{count} {unit} ago", now=now, tz=LONDON)
    assert moment <= now
    assert moment == clock.ago(count, unit, now=now, tz=LONDON)
    if unit in ("minutes", "hours"):
        assert now - moment == timedelta(**{unit: count})


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_parser_never_crashes_and_never_returns_the_future(text: str) -> None:
    try:
        moment = clock.parse_when(text, now=NOW, tz=LONDON)
    except InvalidInput:
        return
    assert moment <= NOW


def test_a_time_in_the_hour_the_clocks_repeat_is_stored_as_its_first_occurrence() -> None:
    # 01:00 on 1 Nov 2020 happened twice in New York (EDT, then EST). It is read as the first,
    # as zoneinfo does, and stored and read back as that same instant with that same offset.
    new_york = ZoneInfo("America/New_York")
    now = datetime(2021, 1, 1, tzinfo=UTC)
    moment = clock.parse_when("2020-11-01 01:00", now=now, tz=new_york)
    assert moment.utcoffset() == timedelta(hours=-4)
    stored = clock.from_db(*clock.to_db(moment))
    assert stored.astimezone(UTC) == datetime(2020, 11, 1, 5, 0, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(hours=-4)


@given(
    st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_format_moment_writes_what_strftime_writes(naive: datetime, offset: int) -> None:
    moment = naive.replace(tzinfo=timezone(timedelta(minutes=offset)))
    assert clock.format_moment(moment) == moment.strftime("%a %d %b %Y %H:%M")


def test_format_moment_spells_out_a_moment_in_its_own_offset() -> None:
    moment = datetime(2026, 3, 1, 7, 5, tzinfo=ZoneInfo("Pacific/Auckland"))
    assert clock.format_moment(moment) == "Sun 01 Mar 2026 07:05"
    assert (
        clock.format_moment(datetime(1948, 12, 31, 23, 59, tzinfo=UTC)) == "Fri 31 Dec 1948 23:59"
    )
