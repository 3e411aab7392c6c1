"""Whatever a person types is either stored and shown back exactly, or refused with a clear
error and nothing written. The date parser never crashes and never returns a future moment."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from harsh import entry_texts
from helpers import invoke, run_journal
from when_grammar import Case, when_cases
from workjournal import clock
from workjournal.errors import InvalidInput

NOW = "2026-11-20T21:30:00+00:00"
CLI_SETTINGS = settings(
    max_examples=75,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking CLI runs takes minutes
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Texts of every kind: any Unicode (with surrogates and NUL), plus the awkward ones on purpose.
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1),
    st.sampled_from(
        [
            "",
            " ",
            "\n\n",
            "-m 3",
            "--help",
            "日本語 😀 שלום עולם",
            "\u202eright to left\u202c",
            "line one\r\nline two\n",
            "a\x00b",
            "\udcff",
            "'; DROP TABLE entries; --",
            '"quoted" NEAR( AND *',
        ]
    ),
)
moods = st.one_of(
    st.integers(-3, 14).map(str),
    st.text(max_size=4),
    st.sampled_from(["high", "4.5", " 7 ", "0", "10", "11"]),
)
names = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["Work ", "work", "  LATE   bus ", "ß", "İstanbul", "", "x" * 101]),
)
whens = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-11-20 21:30",
            "2026-11-20T21:30",
            "2026-11-20",
            "2026-11-21",
            "yesterday 21:30",
            "today 9am",
            "2h ago",
            "3 days ago",
            "monday 18:00",
            "last monday",
            "0001-01-01T00:00+14:00",
            "1850-06-01",
            "2026-11-20T21:30+00:00:30",
            "tomorrow",
        ]
    ),
)


def count(path: Path) -> int:
    return len(entry_texts(path)) if path.exists() else 0


# Valid input of every kind, and for each field the ways it can be wrong.
valid_texts = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200),
    st.sampled_from(["", " ", "日本語 😀 שלום עולם", "\u202eright to left\u202c", "--help"]),
    st.sampled_from(["line one\r\nline two\n", "'; DROP TABLE entries; --", '"q" NEAR( AND *']),
)
valid_moods = st.one_of(st.integers(1, 10).map(str), st.just(""))
valid_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=40
).filter(lambda name: name.strip() and len(" ".join(name.split()).casefold()) <= 100)
INVALID = {
    "text": ["a\x00b", "\udcff", "caf\udce9"],
    "mood": ["0", "11", "high", "4.5", "-3", "1e1"],
    "trigger": ["", " ", "x" * 101, "a\x00b"],
}
LONDON = ZoneInfo("Europe/London")


@st.composite
def add_inputs(draw: st.DrawFn) -> tuple[dict[str, str], str | None, Case]:
    """The fields of one `journal add`, mostly all valid; else exactly one field made invalid
    (named in the second item)."""
    fields = {"text": draw(valid_texts), "mood": draw(valid_moods), "trigger": draw(valid_names)}
    case = draw(when_cases(invalid_share=8))
    wrong = draw(st.sampled_from([None, None, None, None, None, None, "text", "mood", "trigger"]))
    if wrong is not None:
        fields[wrong] = draw(st.sampled_from(INVALID[wrong]))
    return fields, wrong, case


def test_any_input_is_stored_exactly_or_refused_with_nothing_written(db_path: Path) -> None:
    now = datetime.fromisoformat(NOW)
    outcomes: Counter[str] = Counter()

    @CLI_SETTINGS
    @given(inputs=add_inputs())
    def check(inputs: tuple[dict[str, str], str | None, Case]) -> None:
        fields, wrong, case = inputs
        expected = case.expected(now, LONDON)
        valid = wrong is None and expected is not None and expected <= now
        valid = valid and expected is not None and expected.year >= clock.EARLIEST_YEAR
        before = count(db_path)
        args = ["add", "-m", fields["mood"], "-t", fields["trigger"], "--at", case.text]
        added = invoke(*args, "--", fields["text"], env={"WORKJOURNAL_NOW": NOW})
        if not valid:
            outcomes["refused"] += 1
            assert added.exit_code in (1, 2), (inputs, added)
            assert "Traceback" not in added.stderr
            assert "Error" in added.stderr
            assert count(db_path) == before
            return
        outcomes["stored"] += 1
        assert added.exit_code == 0, (inputs, added.stderr)
        assert count(db_path) == before + 1
        entry_id = int(added.stderr.split()[2])
        shown = invoke("show", str(entry_id), "--format", "json", env={"WORKJOURNAL_NOW": NOW})
        assert shown.exit_code == 0, shown.stderr
        entry = json.loads(shown.stdout)
        assert entry["text"] == (fields["text"] if fields["text"].strip() else "")
        assert entry["mood"] == (int(fields["mood"]) if fields["mood"] else None)
        assert entry["triggers"] == [" ".join(fields["trigger"].split()).casefold()]
        occurred = datetime.fromisoformat(entry["occurred_at"])
        assert expected is not None
        assert occurred == expected.replace(microsecond=0), case.text
        assert occurred.utcoffset() == expected.utcoffset(), case.text
        moment = entry["occurred_at"]
        listed = invoke(
            "list", "-n", "1000", "-f", "json", "--since", moment, "--until", moment,
            env={"WORKJOURNAL_NOW": NOW},
        )  # fmt: skip
        assert entry in json.loads(listed.stdout)

    check()
    # Most cases took the valid path, so "stored exactly" was checked on many, not a handful.
    assert outcomes["stored"] >= 0.35 * sum(outcomes.values()), outcomes  # 28 of 75 on 3.12+
    assert outcomes["refused"] >= 5, outcomes


@pytest.mark.parametrize(
    "text",
    [
        "emoji 😀🫠 and right-to-left: שלום עולם مرحبا",
        "new\nlines\n\nand\ttabs",
        "x" * 100_000,
        "-starts with a dash",
    ],
)
def test_exotic_text_round_trips_through_a_real_process(text: str) -> None:
    added = run_journal("add", "-m", "3", "--", text)
    assert added.returncode == 0, added.stderr
    shown = run_journal("list", "-f", "json")
    assert [e["text"] for e in json.loads(shown.stdout)] == [text]


def test_invalid_utf8_in_the_arguments_is_refused_with_nothing_written(db_path: Path) -> None:
    assert run_journal("add", "first", "-m", "4").returncode == 0
    added = run_journal("add", "-m", "3", "--", "caf\udce9")  # bytes b"caf\xe9" in argv
    assert added.returncode == 1
    assert "not valid UTF-8" in added.stderr.decode()
    assert "Traceback" not in added.stderr.decode()
    tagged = run_journal("add", "ok", "-t", "caf\udce9")
    assert tagged.returncode == 2
    assert entry_texts(db_path) == ["first"]


# -- the date parser -------------------------------------------------------------------------------

ZONES = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
nows = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2060, 1, 1), timezones=st.just(UTC)
)
zones = st.sampled_from(ZONES).map(ZoneInfo)
PIECES = [
    "today", "yesterday", "tonight", "last", "monday", "sun", "ago", "days", "h", "2", "9am",
    "12:30", "noon", "midnight", "a", "an", "week", "month", "year", "2026-11-20", "T21:30",
    "+01:00", "999999", "0", ":", "p.m.", "-", "now",
]  # fmt: skip
grammar = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(" ".join)
iso_like = st.from_regex(
    r"\A\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}(:\d{2})?|Z)?)?\Z"
)


def test_each_accepted_form_names_the_moment_the_grammar_says() -> None:
    """Texts built from the grammar of accepted forms (and a share of near misses), with the
    moment each names worked out independently (tests/when_grammar.py): parse_when returns
    exactly that moment when it is in the past, refuses the future and years before 1900, and
    refuses the near misses listing the accepted forms."""
    outcomes: Counter[str] = Counter()

    @settings(max_examples=300, deadline=None)
    @given(case=when_cases(), now=nows, tz=zones)
    def check(case: Case, now: datetime, tz: tzinfo) -> None:
        expected = case.expected(now, tz)
        try:
            moment = clock.parse_when(case.text, now=now, tz=tz)
        except InvalidInput as exc:
            if expected is None:
                outcomes["not understood"] += 1
                assert "Accepted forms" in exc.message, (case, exc.message)
            elif expected.year < clock.EARLIEST_YEAR:
                outcomes["too old"] += 1
                assert "before 1900" in exc.message, (case, exc.message)
            elif (expected.utcoffset() or timedelta(0)) % timedelta(minutes=1):
                outcomes["offset with seconds"] += 1  # local mean time, before ~1920
                assert "whole-minute offset" in exc.message, (case, exc.message)
            elif expected > now:
                outcomes["future"] += 1
                assert "in the future" in exc.message, (case, exc.message)
            else:
                outcomes["too old"] += 1
                assert expected.year < clock.EARLIEST_YEAR, (case, exc.message)
            return
        assert expected is not None, f"{case.text!r} should have been refused"
        assert moment == expected, case
        assert moment.utcoffset() == expected.utcoffset(), case
        assert moment <= now
        assert moment.year >= clock.EARLIEST_YEAR
        stored = clock.from_db(*clock.to_db(moment))  # storable exactly (to the second)
        # Compared as instants: a moment in a repeated hour (a DST fold, 01:30 on a night the
        # clocks go back) never equals the same moment in another zone's tzinfo (PEP 495).
        assert stored.astimezone(UTC) == moment.replace(microsecond=0).astimezone(UTC)
        assert stored.utcoffset() == moment.utcoffset()
        outcomes[f"parsed {case.form}"] += 1

    check()
    parsed = sum(n for name, n in outcomes.items() if name.startswith("parsed"))
    assert parsed >= 0.5 * sum(outcomes.values()), outcomes
    for form in ("iso local", "iso with offset", "iso day", "now", "ago", "day word", "weekday"):
        assert outcomes[f"parsed {form}"] >= 3, outcomes
    assert outcomes["not understood"] >= 10, outcomes


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(st.text(max_size=40), grammar, iso_like), now=nows, tz=zones)
def test_parse_when_never_crashes_on_any_text(text: str, now: datetime, tz: tzinfo) -> None:
    try:
        moment = clock.parse_when(text, now=now, tz=tz)
    except InvalidInput as exc:
        assert exc.message
        return
    assert moment <= now


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(st.text(max_size=40), grammar, iso_like), now=nows, tz=zones)
def test_the_bound_and_day_parsers_never_crash(text: str, now: datetime, tz: tzinfo) -> None:
    for parse in (
        lambda: clock.parse_bound(text, now=now, tz=tz, option="--since", end=False),
        lambda: clock.parse_bound(text, now=now, tz=tz, option="--until", end=True),
        lambda: clock.parse_day(text, now=now, tz=tz),
    ):
        with contextlib.suppress(InvalidInput):
            parse()


UNIT_SPELLINGS = {
    "seconds": ["s", "sec", "secs", "second", "seconds"],
    "minutes": ["m", "min", "mins", "minute", "minutes"],
    "hours": ["h", "hr", "hrs", "hour", "hours"],
    "days": ["d", "day", "days"],
    "weeks": ["w", "wk", "wks", "week", "weeks"],
    "months": ["month", "months"],
    "years": ["y", "yr", "yrs", "year", "years"],
}
spelled = st.sampled_from([(u, s) for u, spellings in UNIT_SPELLINGS.items() for s in spellings])
# Fixed moments around both DST changes in London and New York, and a plain one.
FIXED_NOWS = [
    datetime(2026, 11, 20, 21, 30, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # London, just after the spring change
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # London, in the repeated hour
    datetime(2026, 3, 8, 7, 30, tzinfo=UTC),  # New York, just after the spring change
    datetime(2026, 11, 1, 6, 30, tzinfo=UTC),  # New York, in the repeated hour
]


@settings(max_examples=100, deadline=None)
@given(
    unit_and_spelling=spelled,
    n=st.integers(0, 120),
    now=st.sampled_from(FIXED_NOWS),
    zone=st.sampled_from(["Europe/London", "America/New_York"]),
    space=st.sampled_from([" ", "", "  "]),
)
def test_n_units_ago_round_trips(
    unit_and_spelling: tuple[str, str], n: int, now: datetime, zone: str, space: str
) -> None:
    unit, spelling = unit_and_spelling
    tz = ZoneInfo(zone)
    moment = clock.parse_when(f"{n}{space}{spelling} ago", now=now, tz=tz)
    local_now = now.astimezone(tz).replace(tzinfo=None)
    if unit in ("seconds", "minutes", "hours"):
        # Elapsed time: exactly n units before now, whatever the clocks did meanwhile.
        assert now - moment == timedelta(**{unit: n})
        return
    # Calendar units: the same wall-clock time n days/weeks/months/years earlier...
    delta = (
        timedelta(**{unit: n}) if unit in ("days", "weeks") else relativedelta(**{unit: n})  # type: ignore[arg-type]
    )
    wall = local_now - delta
    shown = moment.astimezone(tz).replace(tzinfo=None)
    gap = clock.localize(wall, tz).replace(tzinfo=None) != wall
    if not gap:
        assert shown == wall
    else:  # ...moved forward past the hour that a spring change skipped
        assert timedelta(0) < shown - wall <= timedelta(hours=1)
    # and back again: that moment, asked as "n units ago", is the same wall-clock time.
    assert moment <= now


@pytest.mark.parametrize("text", ["0001-01-01T00:00+14:00", "9999-12-31T23:59-14:00"])
def test_moments_at_the_edge_of_the_calendar_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"could not understand|before 1900|in the future"):
        clock.parse_when(text, now=datetime.fromisoformat(NOW), tz=ZoneInfo("Asia/Tokyo"))


def test_offsets_with_seconds_and_old_dates_are_refused_not_shifted() -> None:
    now = datetime.fromisoformat(NOW)
    with pytest.raises(InvalidInput, match="whole-minute offset"):
        clock.parse_when("2026-11-20T21:30+00:00:30", now=now, tz=ZoneInfo("Europe/London"))
    with pytest.raises(InvalidInput, match="before 1900"):
        clock.parse_when("1850-06-01 10:00", now=now, tz=ZoneInfo("Europe/London"))


def test_weekday_letters_are_not_guessed() -> None:
    now = datetime.fromisoformat(NOW)
    for text in ["mo", "tomorrow", "next monday", "3 fortnights ago", "2 hours", "ago"]:
        with pytest.raises(InvalidInput, match="Accepted forms"):
            clock.parse_when(text, now=now, tz=ZoneInfo("Europe/London"))
