"""Time: the only reader of the system clock, the ``--at``/``--since`` parser, and DB encoding.

Moments are stored as UTC text plus the UTC offset (in minutes) they were lived in, so a day stays
the day it was lived after travel or a DST change. Everything below the CLI takes ``now`` and ``tz``
as arguments; only :func:`now` and :func:`local_tz` look at the machine.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path

from workjournal.errors import InvalidInput

NOW_ENV = "WORKJOURNAL_NOW"

# The one list of the forms --at accepts (and, with PERIOD_FORMS, --since/--until): the error
# message quotes it and a test checks that docs/commands.md lists exactly these and that each
# one parses. Add a form here when the parser learns one.
ACCEPTED_FORMS: tuple[str, ...] = (
    "2026-11-20 21:30",
    "2026-11-20 9pm",
    "2026-11-20",
    "20 nov",
    "nov 20 9pm",
    "now",
    "today 9am",
    "this morning",
    "this afternoon",
    "this evening",
    "tonight",
    "last night",
    "yesterday 21:30",
    "yesterday morning",
    "yesterday afternoon",
    "yesterday evening",
    "2 hours ago",
    "2h ago",
    "3 days ago",
    "3 days ago 21:30",
    "3 days ago 9pm",
    "monday 18:00",
    "last monday",
)
PERIOD_FORMS: tuple[str, ...] = (
    "this week",
    "last week",
    "this month",
    "last month",
    "2 weeks ago",
)
BOUND_FORMS: tuple[str, ...] = (*ACCEPTED_FORMS, *PERIOD_FORMS)


def now() -> datetime:
    """The current moment, aware. ``WORKJOURNAL_NOW`` (ISO 8601 with offset) fixes it for
    reproducible demos and tests; nothing else in the program reads the clock."""
    fixed = os.environ.get(NOW_ENV)
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError:
            raise InvalidInput(f"{NOW_ENV} must be an ISO 8601 moment, not {fixed!r}.") from None
        if moment.tzinfo is None:
            raise InvalidInput(f"{NOW_ENV} must include a UTC offset, e.g. +00:00.")
        return moment
    return datetime.now(UTC)


def local_tz() -> tzinfo:
    """The machine's time zone with its DST rules: ``TZ`` if set, else /etc/localtime."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            from dateutil import tz as dateutil_tz  # POSIX rules such as "EST5EDT,M3.2.0,M11.1.0"

            found = dateutil_tz.gettz(name)
            if found is not None:
                return found
    localtime = Path("/etc/localtime")
    if localtime.exists():
        try:
            with localtime.open("rb") as fh:
                return ZoneInfo.from_file(fh, key="localtime")
        except (OSError, ValueError):
            pass
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    return timezone(offset)


# -- database encoding -------------------------------------------------------------------------


def to_db(moment: datetime) -> tuple[str, int]:
    """An aware datetime -> (UTC ISO text, offset in minutes)."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    offset = moment.utcoffset() or timedelta(0)
    utc_text = moment.astimezone(UTC).isoformat(timespec="seconds")
    return utc_text, int(offset.total_seconds() // 60)


def utc_text(moment: datetime) -> str:
    return to_db(moment)[0]


@lru_cache(maxsize=256)
def _offset_zone(offset_minutes: int) -> timezone:
    # One tzinfo per offset: a whole journal is read with a handful of them, not one per row.
    return timezone(timedelta(minutes=offset_minutes))


def from_db(utc: str, offset_minutes: int) -> datetime:
    """(UTC ISO text, offset in minutes) -> an aware datetime in the offset it was lived in."""
    moment = datetime.fromisoformat(utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_offset_zone(offset_minutes))


def localize(naive: datetime, tz: tzinfo) -> datetime:
    """Attach ``tz`` to a wall-clock time; a time skipped by DST moves forward past the gap."""
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def start_of_day(day: date, tz: tzinfo) -> datetime:
    return localize(datetime.combine(day, time.min), tz)


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The last second of ``day`` (bounds are inclusive)."""
    return localize(datetime.combine(day, time(23, 59, 59)), tz)


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_moment(moment: datetime) -> str:
    """``Fri 20 Nov 2026 21:30`` in the moment's own offset: what ``%a %d %b %Y %H:%M`` gives
    in the C locale (Python never sets LC_TIME), put together here at half strftime's cost,
    which is 0.16 s for the 100,000 entries of a whole-journal export."""
    return (
        f"{_DAY_NAMES[moment.weekday()]} {moment.day:02} {_MONTH_NAMES[moment.month - 1]} "
        f"{moment.year} {moment.hour:02}:{moment.minute:02}"
    )


# -- parsing -----------------------------------------------------------------------------------

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}

_UNITS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "seconds"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}

_AGO = re.compile(r"^(?P<n>\d{1,6}|an?)\s*(?P<unit>[a-z]+)\s+ago$")
_DAYS_AGO_AT = re.compile(r"^(?P<n>\d{1,6}|a)\s*(?:d|days?)\s+ago\s+(?:at\s+)?(?P<clock>.+)$")
_ISO_DAY_AT = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})\s+(?:at\s+)?(?P<clock>.+)$")
_CLOCK = re.compile(
    r"^(?:(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)"
    r"|(?P<h12>0?[1-9]|1[0-2])(?:[:.](?P<m12>[0-5]\d))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.))$"
)
_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH = re.compile(
    r"^(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]+)\.?"
    r"|(?P<m2>[a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?P<year>\d{4}))?(?:\s+(?:at\s+)?(?P<clock>.+))?$"
)
# Parts of a day: the wall-clock time each one means, and the hour it begins (before that hour,
# "this evening" is still to come; once it has begun, a moment later today is read as now).
_PARTS = {
    "morning": (time(9), 5),
    "afternoon": (time(15), 12),
    "evening": (time(20), 17),
    "night": (time(22), 20),
}


def _parse_clock(text: str) -> time | None:
    text = text.strip()
    if text == "noon":
        return time(12)
    if text == "midnight":
        return time(0)
    match = _CLOCK.match(text)
    if not match:
        return None
    if match["h24"] is not None:
        return time(int(match["h24"]), int(match["m24"]))
    hour = int(match["h12"]) % 12
    if match["ampm"].startswith("p"):
        hour += 12
    return time(hour, int(match["m12"] or 0))


@dataclass(frozen=True)
class _Parsed:
    """Either an exact moment, or a local day with an optional wall-clock time. ``begins`` is
    the hour a part of the day (``this evening``) starts: a time it names that is still ahead
    reads as now once that part has begun."""

    moment: datetime | None = None
    day: date | None = None
    clock: time | None = None
    begins: int | None = None


def _day_month(match: re.Match[str], *, now: datetime, tz: tzinfo) -> _Parsed | None:
    """``20 nov``, ``nov 20``, ``20 nov 2025``, each with an optional time. Without a year it
    is the most recent one that is not in the future."""
    month = _MONTHS.get(match["m1"] or match["m2"] or "")
    number = int(match["d1"] or match["d2"])
    if month is None:
        return None
    clock: time | None = None
    if match["clock"]:
        clock = _parse_clock(match["clock"])
        if clock is None:
            return None
    if match["year"]:
        try:
            return _Parsed(day=date(int(match["year"]), month, number), clock=clock)
        except ValueError:
            return None
    today = now.astimezone(tz).date()
    for year in range(today.year, today.year - 9, -1):  # 29 Feb: back to the last leap year
        try:
            day = date(year, month, number)
        except ValueError:
            if number > 29 or month != 2:
                return None
            continue
        if day > today:
            continue
        if day == today and clock is not None and localize(datetime.combine(day, clock), tz) > now:
            continue
        return _Parsed(day=day, clock=clock)
    return None


def _part_of_day(raw: str, today: date) -> _Parsed | None:
    """``this morning``, ``tonight``, ``last night``, ``yesterday evening``..."""
    if raw == "tonight":
        raw = "this evening"
    if raw == "last night":
        clock, _ = _PARTS["night"]
        return _Parsed(day=today - timedelta(days=1), clock=clock)
    head, _, part = raw.partition(" ")
    if part not in ("morning", "afternoon", "evening") or head not in ("this", "yesterday"):
        return None
    clock, begins = _PARTS[part]
    if head == "yesterday":
        return _Parsed(day=today - timedelta(days=1), clock=clock)
    return _Parsed(day=today, clock=clock, begins=begins)


def _parse(text: str, *, now: datetime, tz: tzinfo) -> _Parsed | None:
    raw = " ".join(text.strip().lower().split())
    if not raw:
        return None
    local_now = now.astimezone(tz)
    today = local_now.date()
    if raw in ("now", "just now"):
        return _Parsed(moment=now)

    part = _part_of_day(raw, today)
    if part is not None:
        return part

    match = _DAYS_AGO_AT.match(raw)
    if match:
        clock_at = _parse_clock(match["clock"])
        if clock_at is None:
            return None
        count = 1 if match["n"] == "a" else int(match["n"])
        try:
            return _Parsed(day=today - timedelta(days=count), clock=clock_at)
        except OverflowError:
            raise InvalidInput(f"{count} days ago is before the year 1.") from None

    match = _DAY_MONTH.match(raw)
    if match and (match["m1"] or match["m2"]) in _MONTHS:
        return _day_month(match, now=now, tz=tz)

    match = _AGO.match(raw)
    if match:
        unit = _UNITS.get(match["unit"])
        if unit is None:
            return None
        count = 1 if match["n"] in ("a", "an") else int(match["n"])
        return _Parsed(moment=ago(count, unit, now=now, tz=tz))

    # ISO 8601, with or without a time and an offset.
    match = _ISO_DAY_AT.match(raw)
    if match:
        clock_at = _parse_clock(match["clock"])
        if clock_at is not None:
            try:
                return _Parsed(day=date.fromisoformat(match["day"]), clock=clock_at)
            except ValueError:
                return None
    iso = raw.upper()
    if re.match(r"^\d{4}-\d{2}-\d{2}", iso):
        if len(iso) == 10:
            try:
                return _Parsed(day=date.fromisoformat(iso))
            except ValueError:
                return None
        try:
            moment = datetime.fromisoformat(iso)
        except ValueError:
            return None
        if moment.tzinfo is None:
            return _Parsed(day=moment.date(), clock=moment.time())
        return _Parsed(moment=moment)

    words = raw.split(" ", 1)
    head, rest = words[0], (words[1] if len(words) > 1 else "")
    strict_past = False
    if head == "last" and rest:
        strict_past = True
        words = rest.split(" ", 1)
        head, rest = words[0], (words[1] if len(words) > 1 else "")
        if head not in _WEEKDAYS:
            return None
    clock: time | None = None
    if rest:
        clock = _parse_clock(rest)
        if clock is None:
            return None
    if head in ("today", "tonight"):
        return _Parsed(day=today, clock=clock)
    if head == "yesterday":
        return _Parsed(day=today - timedelta(days=1), clock=clock)
    if head in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS[head]) % 7
        if strict_past and back == 0:
            back = 7
        day = today - timedelta(days=back)
        if clock is not None and back == 0 and localize(datetime.combine(day, clock), tz) > now:
            day -= timedelta(days=7)
        return _Parsed(day=day, clock=clock)
    if not rest:
        clock = _parse_clock(raw)
        if clock is not None:
            return _Parsed(day=today, clock=clock)
    return None


def ago(count: int, unit: str, *, now: datetime, tz: tzinfo) -> datetime:
    """``count`` units before ``now``: exact elapsed time for seconds to hours, the same wall
    clock time for days and longer (so "3 days ago" at 9:00 is 9:00 even across DST)."""
    if unit in ("seconds", "minutes", "hours"):
        return now - timedelta(**{unit: count})
    local = now.astimezone(tz).replace(tzinfo=None)
    if unit in ("days", "weeks"):
        try:
            return localize(local - timedelta(**{unit: count}), tz)
        except OverflowError:
            raise InvalidInput(f"{count} {unit} ago is before the year 1.") from None
    from dateutil.relativedelta import relativedelta

    delta = relativedelta(months=count) if unit == "months" else relativedelta(years=count)
    try:
        return localize(local - delta, tz)
    except (ValueError, OverflowError):
        raise InvalidInput(f"{count} {unit} ago is before the year 1.") from None


def _forms(option: str) -> str:
    forms = BOUND_FORMS if option in ("--since", "--until") else ACCEPTED_FORMS
    return f"Accepted forms: {', '.join(forms)}."


def _unparseable(text: str, option: str) -> InvalidInput:
    shown = text if len(text) <= 40 else text[:40] + "..."
    return InvalidInput(f"could not understand {option} {shown!r}. {_forms(option)}")


EARLIEST_YEAR = 1900


def parse_when(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    option: str = "--at",
    allow_future: bool = False,
    default_clock: time = time(12, 0),
) -> datetime:
    """A moment from what a person types. A day without a time gets ``default_clock`` (noon for
    ``--at``), clamped to ``now`` when that would be in the future. Nothing is guessed: anything
    else raises :class:`InvalidInput` listing the accepted forms.

    The moment must be storable exactly: from the year 1900 on (before that, a date is almost
    surely a typo, and zones had local mean time offsets such as -00:01:15), and with a UTC
    offset in whole minutes, since the journal stores the offset in minutes.
    """
    try:
        moment = _when(text, now=now, tz=tz, option=option, default_clock=default_clock)
        future = moment > now
        shown = moment.astimezone(tz)
    except OverflowError:  # near the year 1 or 9999, an offset pushes it out of range
        raise _unparseable(text, option) from None
    if moment.year < EARLIEST_YEAR:
        raise InvalidInput(f"{option} {text!r} is before {EARLIEST_YEAR}; check the year.")
    offset = moment.utcoffset() or timedelta(0)
    if offset % timedelta(minutes=1):
        raise InvalidInput(
            f"{option} {text!r} has a UTC offset with seconds ({offset}), which the journal "
            "cannot store; give the time with a whole-minute offset such as +01:00."
        )
    if not allow_future and future:
        raise InvalidInput(
            f"{option} {text!r} is in the future ({shown:%Y-%m-%d %H:%M}); "
            f"entries record what already happened. {_forms(option)}"
        )
    return moment


def _when(text: str, *, now: datetime, tz: tzinfo, option: str, default_clock: time) -> datetime:
    parsed = _parse(text, now=now, tz=tz)
    if parsed is None:
        raise _unparseable(text, option)
    if parsed.moment is not None:
        return parsed.moment
    assert parsed.day is not None
    clock_given = parsed.clock is not None
    moment = localize(datetime.combine(parsed.day, parsed.clock or default_clock), tz)
    local_now = now.astimezone(tz)
    begun = parsed.begins is not None and local_now.hour >= parsed.begins
    if moment > now and parsed.day == local_now.date() and (not clock_given or begun):
        moment = now
    return moment


def _period(raw: str, *, today: date, week_start: int) -> tuple[date, date] | None:
    """``this week``, ``last week`` (weeks begin on ``week_start``, 0 = Monday), ``this month``,
    ``last month``: the first and last day."""
    which, _, unit = raw.partition(" ")
    if which not in ("this", "last") or unit not in ("week", "month"):
        return None
    if unit == "week":
        first = today - timedelta(days=(today.weekday() - week_start) % 7)
        if which == "last":
            first -= timedelta(days=7)
        return first, first + timedelta(days=6)
    first = today.replace(day=1)
    if which == "last":
        first = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def parse_bound(
    text: str, *, now: datetime, tz: tzinfo, option: str, end: bool, week_start: int = 0
) -> datetime:
    """``--since`` / ``--until``: a day alone means its start (since) or its end (until); a
    week or a month (``last week``, ``this month``) likewise its first or last day."""
    try:
        raw = " ".join(text.strip().lower().split())
        period = _period(raw, today=now.astimezone(tz).date(), week_start=week_start)
        if period is not None:
            moment = end_of_day(period[1], tz) if end else start_of_day(period[0], tz)
            utc_text(moment)
            return moment
        parsed = _parse(text, now=now, tz=tz)
        if parsed is None:
            raise _unparseable(text, option)
        if parsed.moment is not None:
            moment = parsed.moment
        elif parsed.clock is not None:
            assert parsed.day is not None
            moment = localize(datetime.combine(parsed.day, parsed.clock), tz)
        else:
            assert parsed.day is not None
            moment = end_of_day(parsed.day, tz) if end else start_of_day(parsed.day, tz)
        utc_text(moment)  # a bound the database can compare with
    except OverflowError:
        raise _unparseable(text, option) from None
    return moment


def parse_day(text: str, *, now: datetime, tz: tzinfo, option: str = "--date") -> date:
    """A local calendar day: ``2026-11-20``, ``today``, ``last monday``, ``3 days ago``..."""
    moment = parse_bound(text, now=now, tz=tz, option=option, end=False)
    try:
        return moment.astimezone(tz).date()
    except OverflowError:
        raise _unparseable(text, option) from None
