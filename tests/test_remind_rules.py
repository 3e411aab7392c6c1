"""The rules of `journal remind check`, as pure functions with a fixed clock and zone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from workjournal import reminders
from workjournal.errors import InvalidInput
from workjournal.reminders import Reminder, decide, in_quiet_hours, occurrence

LONDON = ZoneInfo("Europe/London")
TUESDAY = date(2026, 12, 1)  # a Tuesday


def daily(at: str = "21:00", days: tuple[int, ...] = reminders.EVERY_DAY, **kw: object) -> Reminder:
    return Reminder(1, "u", "daily", reminders.parse_time(at), days, "", **kw)  # type: ignore[arg-type]


def weekly(day: int, at: str) -> Reminder:
    return Reminder(2, "w", "weekly", reminders.parse_time(at), (day,), "")


def at(day: date, hh: int, mm: int = 0, tz: ZoneInfo = LONDON) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=tz)


def check(reminder: Reminder, now: datetime, **kw: object) -> reminders.Decision:
    args: dict[str, object] = {
        "tz": LONDON,
        "quiet": None,
        "wrote_on": set(),
        "week_opened": None,
        "week_start": 0,
    }
    args.update(kw)
    return decide(reminder, now=now, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minutes_after", "due"),
    [(-1, False), (0, True), (30, True), (59, True), (60, False), (180, False)],
)
def test_sent_only_in_the_hour_after_its_time(minutes_after: int, due: bool) -> None:
    now = at(TUESDAY, 21) + timedelta(minutes=minutes_after)
    assert check(daily(), now).send is due


def test_once_a_day() -> None:
    now = at(TUESDAY, 21, 10)
    assert check(daily(last_sent=TUESDAY), now).send is False
    assert check(daily(last_sent=TUESDAY - timedelta(days=1)), now).send is True


def test_quiet_after_something_was_written_that_day() -> None:
    now = at(TUESDAY, 21, 5)
    assert check(daily(), now, wrote_on={TUESDAY}).why == "something was written that day"
    assert check(daily(), now, wrote_on={TUESDAY - timedelta(days=1)}).send is True
    # An encrypted journal read without its passphrase: sent without looking.
    assert check(daily(), now, wrote_on=None).send is True


def test_quiet_hours_even_past_midnight() -> None:
    quiet = reminders.parse_quiet("22:00-07:00")
    assert in_quiet_hours(time(23, 0), quiet) and in_quiet_hours(time(6, 59), quiet)
    assert not in_quiet_hours(time(7, 0), quiet) and not in_quiet_hours(time(21, 59), quiet)
    assert check(daily("22:30"), at(TUESDAY, 22, 40), quiet=quiet).why == "quiet hours"
    assert check(daily("21:30"), at(TUESDAY, 21, 40), quiet=quiet).send is True
    day_quiet = reminders.parse_quiet("12:00-14:00")
    assert check(daily("12:30"), at(TUESDAY, 12, 45), quiet=day_quiet).send is False


def test_days_of_the_week() -> None:
    weekdays = reminders.parse_days("weekdays")
    saturday = date(2026, 12, 5)
    assert check(daily(days=weekdays), at(TUESDAY, 21, 1)).send is True
    assert check(daily(days=weekdays), at(saturday, 21, 1)).send is False
    assert reminders.parse_days("mon, wed,fri") == (0, 2, 4)
    assert reminders.parse_days("weekends") == (5, 6)


def test_late_reminder_belongs_to_its_own_day_after_midnight() -> None:
    wednesday = TUESDAY + timedelta(days=1)
    decision = check(daily("23:30"), at(wednesday, 0, 10))
    assert decision.send and decision.day == TUESDAY
    # Written on Tuesday: quiet, even though it is Wednesday now.
    assert check(daily("23:30"), at(wednesday, 0, 10), wrote_on={TUESDAY}).send is False
    # Written only on Wednesday: Tuesday's reminder is still sent.
    assert check(daily("23:30"), at(wednesday, 0, 10), wrote_on={wednesday}).send is True


def test_weekly_quiet_once_the_week_was_opened() -> None:
    sunday = date(2026, 12, 6)
    now = at(sunday, 18, 20)
    monday = date(2026, 11, 30)
    assert check(weekly(6, "18:00"), now).send is True
    assert check(weekly(6, "18:00"), now, week_opened=monday).send is False
    # The previous week's opening does not count; nor does writing an entry.
    assert check(weekly(6, "18:00"), now, week_opened=monday - timedelta(days=7)).send is True
    assert check(weekly(6, "18:00"), now, wrote_on={sunday}).send is True
    # With weeks starting on Sunday, that Sunday opens a new week.
    assert check(weekly(6, "18:00"), now, week_opened=monday, week_start=6).send is True


def test_a_time_skipped_by_the_clock_change_still_comes() -> None:
    # 29 March 2026: London jumps from 01:00 to 02:00; 01:30 does not exist.
    day = date(2026, 3, 29)
    reminder = daily("01:30")
    assert occurrence(reminder, now=at(day, 2, 40), tz=LONDON) == day
    assert occurrence(reminder, now=at(day, 3, 40), tz=LONDON) is None


def test_other_zones_use_their_own_local_time() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    now = datetime(2026, 12, 1, 12, 10, tzinfo=ZoneInfo("UTC"))  # 21:10 in Tokyo
    assert check(daily("21:00"), now, tz=tokyo).send is True
    assert check(daily("21:00"), now, tz=LONDON).send is False


@pytest.mark.parametrize("raw", ["24:00", "9", "21:60", "nine", "", "21:00:00"])
def test_bad_times_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput, match="HH:MM"):
        reminders.parse_time(raw)


@pytest.mark.parametrize("raw", ["funday", "mon,funday", ",", "7"])
def test_bad_days_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput, match="--days"):
        reminders.parse_days(raw)


@pytest.mark.parametrize("raw", ["22:00", "22:00-22:00", "22-07", "late"])
def test_bad_quiet_hours_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        reminders.parse_quiet(raw)


def test_default_wording_invites_and_never_counts() -> None:
    for text in (reminders.DAILY_MESSAGE, reminders.WEEKLY_MESSAGE):
        lowered = text.lower()
        assert "missed" not in lowered and "streak" not in lowered
        assert not any(ch.isdigit() for ch in text)
