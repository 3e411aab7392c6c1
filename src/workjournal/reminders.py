"""Gentle reminders: what they are and when one is due. Pure functions over values (``now`` is
passed in); the store keeps reminders, the CLI sends them. Standard library only, so the
scheduler's ``journal remind check`` and the shell prompt's ``journal remind prompt`` stay fast.

A reminder is an invitation, never a count: it is due once a day at most, only in the hour after
its time, never in quiet hours, and it stays silent when the day already has something written
(a daily one) or the week's review was already opened (a weekly one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal

from workjournal.errors import InvalidInput

Kind = Literal["daily", "weekly"]

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EVERY_DAY: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
DAY_SETS: dict[str, tuple[int, ...]] = {
    "daily": EVERY_DAY,
    "weekdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
}
WINDOW = timedelta(hours=1)  # a reminder whose time passed longer ago than this stays quiet
MESSAGE_MAX = 200

DAILY_MESSAGE = "A moment to check in, if you'd like: journal add"
WEEKLY_MESSAGE = "Your week is ready to look back on, when you are: journal week"
QUIET_KEY = "quiet_hours"  # journal_state keys
WEEK_KEY = "week_opened"

_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def parse_time(raw: str) -> time:
    """``HH:MM`` on a 24-hour clock."""
    match = _TIME.fullmatch(raw.strip())
    if match is None:
        raise InvalidInput(f"a reminder time is HH:MM on a 24-hour clock, e.g. 21:30; not {raw!r}.")
    return time(int(match[1]), int(match[2]))


def parse_weekday(raw: str) -> int:
    name = raw.strip().lower()
    for index, (short, full) in enumerate(zip(DAY_NAMES, FULL_DAY_NAMES, strict=True)):
        if name in (short, full):
            return index
    raise InvalidInput(f"a day is a weekday name such as monday or mon; not {raw!r}.")


def parse_days(raw: str) -> tuple[int, ...]:
    """``daily``, ``weekdays``, ``weekends`` or a comma list such as ``mon,wed,fri``."""
    name = raw.strip().lower()
    if name in DAY_SETS:
        return DAY_SETS[name]
    parts = [part for part in re.split(r"[\s,]+", name) if part]
    if not parts:
        raise InvalidInput("--days is daily, weekdays, weekends or a list such as mon,wed,fri.")
    try:
        return tuple(sorted({parse_weekday(part) for part in parts}))
    except InvalidInput:
        raise InvalidInput(
            f"--days is daily, weekdays, weekends or a list such as mon,wed,fri; not {raw!r}."
        ) from None


def parse_quiet(raw: str) -> tuple[time, time]:
    """``HH:MM-HH:MM``; the span may run past midnight (22:00-07:00)."""
    start, sep, end = raw.partition("-")
    if not sep:
        raise InvalidInput(f"quiet hours are HH:MM-HH:MM, e.g. 22:00-07:00; not {raw!r}.")
    first, last = parse_time(start), parse_time(end)
    if first == last:
        raise InvalidInput("quiet hours need a start and an end that differ, e.g. 22:00-07:00.")
    return first, last


def check_message(raw: str) -> str:
    text = " ".join(raw.split())
    if not text:
        raise InvalidInput("a reminder's message cannot be empty.")
    if len(text) > MESSAGE_MAX:
        raise InvalidInput(f"a reminder's message is at most {MESSAGE_MAX} characters.")
    if any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise InvalidInput("a reminder's message cannot contain control characters.")
    return text


def describe_days(days: tuple[int, ...]) -> str:
    for name, value in DAY_SETS.items():
        if days == value:
            return "every day" if name == "daily" else name
    return ", ".join(DAY_NAMES[day] for day in days)


def format_quiet(quiet: tuple[time, time]) -> str:
    return f"{quiet[0]:%H:%M}-{quiet[1]:%H:%M}"


@dataclass(frozen=True)
class Reminder:
    id: int
    uuid: str
    kind: Kind
    at: time
    days: tuple[int, ...]
    message: str  # "" means the default wording for the kind
    last_sent: date | None = None  # the local day of the occurrence last sent

    @property
    def text(self) -> str:
        return self.message or (DAILY_MESSAGE if self.kind == "daily" else WEEKLY_MESSAGE)

    def describe(self) -> str:
        if self.kind == "weekly":
            return f"weekly review, {FULL_DAY_NAMES[self.days[0]]}s at {self.at:%H:%M}"
        return f"check-in, {describe_days(self.days)} at {self.at:%H:%M}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "time": f"{self.at:%H:%M}",
            "days": [DAY_NAMES[day] for day in self.days],
            "message": self.text,
            "last_sent": self.last_sent.isoformat() if self.last_sent else None,
        }


def in_quiet_hours(moment: time, quiet: tuple[time, time] | None) -> bool:
    if quiet is None:
        return False
    start, end = quiet
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # runs past midnight


def occurrence(reminder: Reminder, *, now: datetime, tz: tzinfo) -> date | None:
    """The local day whose occurrence of ``reminder`` passed within the last hour, if any.

    Today's and yesterday's are both looked at, so a 23:30 reminder checked at 00:10 still
    belongs to the day it was meant for. A time skipped by a DST change counts from the moment
    the clock jumped to.
    """
    local = now.astimezone(tz)
    for day in (local.date(), local.date() - timedelta(days=1)):
        if day.weekday() not in reminder.days:
            continue
        scheduled = datetime.combine(day, reminder.at, tzinfo=tz)
        # Subtract in UTC (Python subtracts wall times when both share a tzinfo), which also
        # moves a wall time that does not exist (spring forward) on to the real moment.
        elapsed = now.astimezone(UTC) - scheduled.astimezone(UTC)
        if timedelta(0) <= elapsed < WINDOW:
            return day
    return None


def week_start_of(day: date, week_start: int) -> date:
    return day - timedelta(days=(day.weekday() - week_start) % 7)


@dataclass(frozen=True)
class Decision:
    reminder: Reminder
    day: date | None  # the occurrence's local day when it is sent
    send: bool
    why: str  # for `journal remind check --verbose` and the tests


def decide(
    reminder: Reminder,
    *,
    now: datetime,
    tz: tzinfo,
    quiet: tuple[time, time] | None,
    wrote_on: set[date] | None,
    week_opened: date | None,
    week_start: int,
) -> Decision:
    """Whether ``reminder`` should be sent now. ``wrote_on`` holds the local days with
    something written (``None``: the journal could not be read, so the reminder is sent without
    looking); ``week_opened`` is the first day of the week last opened with ``journal week``."""
    day = occurrence(reminder, now=now, tz=tz)
    if day is None:
        return Decision(reminder, None, False, "not in the hour after its time")
    if reminder.last_sent is not None and reminder.last_sent >= day:
        return Decision(reminder, day, False, "already sent for that day")
    if in_quiet_hours(now.astimezone(tz).time(), quiet):
        return Decision(reminder, day, False, "quiet hours")
    if reminder.kind == "daily" and wrote_on is not None and day in wrote_on:
        return Decision(reminder, day, False, "something was written that day")
    if reminder.kind == "weekly" and week_opened == week_start_of(day, week_start):
        return Decision(reminder, day, False, "the week's review was already opened")
    return Decision(reminder, day, True, "due")
