"""The accepted ``--at`` forms as a grammar for Hypothesis, each with the moment it names worked
out here, independently of ``clock.parse_when``: from the rules as a person would state them, with
zoneinfo and relativedelta only.

``when_cases()`` draws mostly valid texts (one strategy per form in FORMS: add a strategy there
when the parser learns a new form) and a share of invalid ones (INVALID). Each case carries
``expected(now, tz)``: the moment, or None for a text that must be refused as not understood.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

NOON = time(12, 0)
Expected = Callable[[datetime, tzinfo], "datetime | None"]


@dataclass(frozen=True)
class Case:
    text: str
    expected: Expected  # the moment the text names at (now, tz); None: not understood
    form: str


def wall_clock(wall: datetime, tz: tzinfo) -> datetime:
    """The moment a local wall-clock time names in ``tz``: the first of the two in an hour the
    clocks repeat; in an hour they skip, the same distance past the change (the offset from
    before the change)."""
    naive = wall.replace(tzinfo=None)
    offsets = {
        (naive + timedelta(hours=h)).replace(tzinfo=UTC).astimezone(tz).utcoffset()
        for h in (-36, -12, 0, 12, 36)
    }
    fits = []
    for offset in offsets:
        assert offset is not None
        moment = (naive - offset).replace(tzinfo=UTC)
        if moment.astimezone(tz).replace(tzinfo=None) == naive:
            fits.append(moment)
    if fits:
        return min(fits).astimezone(tz)
    before = (naive - timedelta(hours=36)).replace(tzinfo=UTC).astimezone(tz).utcoffset()
    assert before is not None
    return (naive - before).replace(tzinfo=UTC).astimezone(tz)


def local_day(now: datetime, tz: tzinfo) -> date:
    return now.astimezone(tz).date()


def on_day(day: date, clock: time | None, now: datetime, tz: tzinfo) -> datetime:
    """A day with a time; without one, noon, or now when noon today has not come yet."""
    moment = wall_clock(datetime.combine(day, clock or NOON), tz)
    if clock is None and day == local_day(now, tz) and moment > now:
        return now
    return moment


# -- the pieces ------------------------------------------------------------------------------


@st.composite
def clocks(draw: st.DrawFn, *, spaced: bool = True) -> tuple[str, time]:
    """A time of day as typed: 21:30, 9.05, 9am, 9:30 p.m., noon, midnight... ("9 am", with a
    space, only after a day: alone it is two words, and the parser refuses it)."""
    kind = draw(st.sampled_from(["24h", "12h", "word"]))
    if kind == "24h":
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        shown = f"{hour:02d}" if hour < 10 and draw(st.booleans()) else str(hour)
        return f"{shown}{draw(st.sampled_from([':', '.']))}{minute:02d}", time(hour, minute)
    if kind == "12h":
        hour12 = draw(st.integers(1, 12))
        minute = draw(st.sampled_from([None, 0, 5, 30, 59]))
        suffix = draw(st.sampled_from(["am", "pm", "a.m.", "p.m.", "AM", "Pm"]))
        space = draw(st.sampled_from(["", " "] if spaced else [""]))
        text = str(hour12) + ("" if minute is None else f":{minute:02d}") + space + suffix
        hour = hour12 % 12 + (12 if suffix.lower().startswith("p") else 0)
        return text, time(hour, minute or 0)
    word = draw(st.sampled_from(["noon", "midnight", "Noon"]))
    return word, time(12) if word.lower() == "noon" else time(0)


WEEKDAYS = [
    ("monday", "mon"),
    ("tuesday", "tue", "tues"),
    ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
]
UNITS = {
    "seconds": ["s", "sec", "secs", "second", "seconds"],
    "minutes": ["m", "min", "mins", "minute", "minutes"],
    "hours": ["h", "hr", "hrs", "hour", "hours"],
    "days": ["d", "day", "days"],
    "weeks": ["w", "wk", "wks", "week", "weeks"],
    "months": ["month", "months"],
    "years": ["y", "yr", "yrs", "year", "years"],
}


def optional_clock() -> st.SearchStrategy[tuple[str, time] | None]:
    return st.one_of(st.none(), clocks())


def with_clock(head: str, clock: tuple[str, time] | None) -> str:
    return head if clock is None else f"{head} {clock[0]}"


# -- the forms -------------------------------------------------------------------------------


@st.composite
def iso_forms(draw: st.DrawFn) -> Case:
    moment = draw(st.datetimes(min_value=datetime(1890, 1, 1), max_value=datetime(2070, 1, 1)))
    with_seconds = draw(st.booleans())
    moment = moment.replace(microsecond=0, second=moment.second if with_seconds else 0)
    sep = draw(st.sampled_from([" ", "T", "t"]))
    spec = "%Y-%m-%d" + sep + ("%H:%M:%S" if with_seconds else "%H:%M")
    text = moment.strftime(spec)
    offset_minutes = draw(st.one_of(st.none(), st.integers(-14 * 60, 14 * 60)))
    if offset_minutes is None:
        return Case(text, lambda now, tz: wall_clock(moment, tz), "iso local")
    zone = timezone(timedelta(minutes=offset_minutes))
    if offset_minutes == 0 and draw(st.booleans()):
        text += draw(st.sampled_from(["Z", "z"]))
    else:
        sign = "-" if offset_minutes < 0 else "+"
        text += f"{sign}{abs(offset_minutes) // 60:02d}:{abs(offset_minutes) % 60:02d}"
    aware = moment.replace(tzinfo=zone)
    return Case(text, lambda now, tz: aware, "iso with offset")


@st.composite
def iso_days(draw: st.DrawFn) -> Case:
    day = draw(st.dates(min_value=date(1890, 1, 1), max_value=date(2070, 1, 1)))
    return Case(day.isoformat(), lambda now, tz: on_day(day, None, now, tz), "iso day")


@st.composite
def nows_(draw: st.DrawFn) -> Case:
    text = draw(st.sampled_from(["now", "NOW", "just now", " now "]))
    return Case(text, lambda now, tz: now, "now")


@st.composite
def agos(draw: st.DrawFn) -> Case:
    unit = draw(st.sampled_from(sorted(UNITS)))
    spelling = draw(st.sampled_from(UNITS[unit]))
    if draw(st.integers(0, 9)) == 0:
        count_text = draw(st.sampled_from(["a", "an"]))
        count, space = 1, " "
    else:
        count = draw(st.integers(0, 400))
        count_text, space = str(count), draw(st.sampled_from(["", " ", "  "]))
    text = f"{count_text}{space}{spelling} ago"

    def expected(now: datetime, tz: tzinfo) -> datetime:
        if unit in ("seconds", "minutes", "hours"):
            return now - timedelta(**{unit: count})
        wall = now.astimezone(tz).replace(tzinfo=None)
        earlier = wall - (
            timedelta(**{unit: count})
            if unit in ("days", "weeks")
            else relativedelta(**{unit: count})  # type: ignore[arg-type]
        )
        return wall_clock(earlier, tz)

    return Case(text, expected, "ago")


@st.composite
def day_words(draw: st.DrawFn) -> Case:
    word = draw(st.sampled_from(["today", "yesterday", "Yesterday", "TODAY"]))
    clock = draw(optional_clock())
    back = 1 if word.lower() == "yesterday" else 0
    at = None if clock is None else clock[1]

    def expected(now: datetime, tz: tzinfo) -> datetime:
        return on_day(local_day(now, tz) - timedelta(days=back), at, now, tz)

    return Case(with_clock(word, clock), expected, "day word")


@st.composite
def weekdays(draw: st.DrawFn) -> Case:
    index = draw(st.integers(0, 6))
    name = draw(st.sampled_from(WEEKDAYS[index]))
    last = draw(st.booleans())
    clock = draw(optional_clock())
    at = None if clock is None else clock[1]

    def expected(now: datetime, tz: tzinfo) -> datetime:
        """The latest such weekday in the past week: today counts, unless "last" was said or
        the time has not come yet today."""
        today = local_day(now, tz)
        for back in range(8):
            day = today - timedelta(days=back)
            if day.weekday() != index or (last and back == 0):
                continue
            if back == 0 and at is not None and wall_clock(datetime.combine(day, at), tz) > now:
                continue
            return on_day(day, at, now, tz)
        raise AssertionError("no such weekday in eight days")

    text = with_clock(("last " if last else "") + name, clock)
    return Case(text, expected, "weekday")


@st.composite
def bare_clocks(draw: st.DrawFn) -> Case:
    text, at = draw(clocks(spaced=False))
    return Case(text, lambda now, tz: on_day(local_day(now, tz), at, now, tz), "clock")


# One strategy per accepted form: a new form in clock.py gets its strategy added here.
FORMS: list[st.SearchStrategy[Case]] = [
    iso_forms(),
    iso_days(),
    nows_(),
    agos(),
    day_words(),
    weekdays(),
    bare_clocks(),
]


def _refused(now: datetime, tz: tzinfo) -> None:
    return None


# Texts near the accepted ones that must be refused as not understood.
INVALID_WORDS = [
    "tomorrow", "next monday", "mo", "2 hours", "ago", "3 fortnights ago", "last today",
    "25:00", "13pm", "0am", "12:60", "2026-13-01", "2026-02-30", "2026-11-20 24:00", "noonish",
    "yesterday at 9", "monday 18", "1e3 days ago", "-2 days ago", "", "   ",
]  # fmt: skip


@st.composite
def invalid_cases(draw: st.DrawFn) -> Case:
    if draw(st.booleans()):
        return Case(draw(st.sampled_from(INVALID_WORDS)), _refused, "invalid")
    valid = draw(st.one_of(FORMS))  # a valid form with a word it does not take after it
    return Case(f"{valid.text} {draw(st.sampled_from(['zz', 'soon', '9x']))}", _refused, "invalid")


def when_cases(*, invalid_share: int = 5) -> st.SearchStrategy[Case]:
    """About one case in ``invalid_share`` invalid, the rest valid, spread over the forms."""
    valid = st.one_of(FORMS)
    return st.integers(1, invalid_share).flatmap(lambda n: invalid_cases() if n == 1 else valid)
