"""The weekly review joined with the work between sessions: homework progress, entries flagged
--discuss, and one gentle check-in suggestion."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from helpers import invoke, run_journal
from reportkit import entry
from workjournal.models import Homework
from workjournal.reports.homework import HomeworkProgress
from workjournal.reports.summary import period_summary
from workjournal.reports.week import week_checkin_suggestion, weekly_review

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}  # Friday 20 November 2026
LONDON = ZoneInfo("Europe/London")
WEEK_KEYS = {
    "start",
    "end",
    "entries",
    "days_logged",
    "written_late",
    "mood",
    "hardest",
    "best",
    "triggers",
    "emotions",
    "coping",
    "discuss",
}


def ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = invoke(*args, env=env or NOW)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def at(moment: str) -> dict[str, str]:
    """The clock fixed at another moment (ISO, London winter time = UTC)."""
    return {"WORKJOURNAL_NOW": moment}


@pytest.fixture
def week_with_homework() -> None:
    # Homework set on Monday 9 November, so it is open the whole week of 16-22 November.
    ok("add", "Snapped at my sister", "-m", "3", "--at", "2026-11-16 21:30", env=NOW)
    ok("add", "Deadline moved", "-m", "5", "--discuss", "--at", "2026-11-17 09:15")
    ok("add", "Good chat", "-m", "8", "--discuss", "--at", "2026-11-18 18:00")
    ok("homework", "add", "Breathing", "--per-week", "5", "--self", env=at("2026-11-09T10:00:00Z"))
    ok("homework", "add", "Call a friend", "--per-week", "2", env=at("2026-11-09T10:00:00Z"))
    ok("homework", "add", "Old worksheet", env=at("2026-10-01T10:00:00Z"))
    ok("homework", "close", "3", env=at("2026-10-05T10:00:00Z"))
    for when, extra in (
        ("2026-11-15 20:00", ()),  # the Sunday before: last week's
        ("2026-11-16 08:00", ("--rating", "7", "--before", "6", "--after", "3")),
        ("2026-11-18 08:00", ("--rating", "8", "--before", "5", "--after", "2")),
        ("2026-11-19 08:00", ("--partial",)),
    ):
        ok("homework", "done", "1", "--at", when, *extra)


def test_week_table_shows_homework_flagged_entries_and_one_suggestion(
    week_with_homework: None,
) -> None:
    result = invoke("week", env=NOW)
    assert result.exit_code == 0
    assert result.stderr == ""
    # Breathing: 3 logs this week (one partial) of 5; ratings 7 and 8 -> 7.5; distress 5.5 -> 2.5.
    # Call a friend: nothing yet, 0 of 2. The worksheet closed in October is not shown.
    assert result.stdout.endswith(
        "To bring to your next session\n"
        "  entries 2, 3 (`journal show ID` opens one)\n"
        "\n"
        "Homework this week\n"
        "  Breathing: 3 of 5 (1 partial), helpfulness 7.5/10, distress 5.5 → 2.5\n"
        "  Call a friend: 0 of 2\n"
        "\n"
        "If you'd like a snapshot to bring along: `journal checkin phq9` or `journal\n"
        "checkin gad7` takes about two minutes.\n"
        "\n"
        "What do you notice? What would you like to bring to your next session?\n"
    )
    assert result.stdout.count("snapshot") == 1


def test_week_json_adds_homework_and_suggestion_and_keeps_every_key(
    week_with_homework: None,
) -> None:
    data = json.loads(ok("week", "--format", "json"))
    assert set(data) == WEEK_KEYS | {
        "homework",
        "checkin_suggestion",
        "days_so_far",
        "diary_card",
        "practice",
        "reflections",
        "conversations",
    }
    assert data["diary_card"] is None  # no card filled in that week
    assert data["discuss"] == [2, 3]
    breathing, friend = data["homework"]
    assert {k: breathing[k] for k in ("id", "title", "per_week", "done", "partial", "target")} == {
        "id": 1,
        "title": "Breathing",
        "per_week": 5,
        "done": 3,
        "partial": 1,
        "target": 5,
    }
    assert breathing["last_done"] == "2026-11-19T08:00:00+00:00"
    assert (breathing["mean_rating"], breathing["active"]) == (7.5, True)
    assert (friend["id"], friend["done"], friend["target"], friend["last_done"]) == (2, 0, 2, None)
    assert data["checkin_suggestion"].startswith("If you'd like a snapshot to bring along:")


def test_week_markdown_has_homework_discuss_and_the_suggestion(week_with_homework: None) -> None:
    md = ok("week", "--format", "md")
    assert "\n## To discuss\n\nEntries 2, 3.\n" in md
    assert (
        "\n## Homework this week\n\n"
        "- Breathing: 3 of 5 (1 partial), helpfulness 7.5/10, distress 5.5 → 2.5\n"
        "- Call a friend: 0 of 2\n"
        "\nIf you'd like a snapshot to bring along: `journal checkin phq9` or "
        "`journal checkin gad7` takes about two minutes.\n"
        "\n_What do you notice?"
    ) in md


def test_last_week_counts_its_own_homework(week_with_homework: None) -> None:
    data = json.loads(ok("week", "--last", "--format", "json"))
    # 9-15 November: Breathing was done once (Sunday 15) and is still open at the week's end.
    [breathing, friend] = data["homework"]
    assert (breathing["done"], breathing["target"], breathing["last_done"]) == (
        1,
        5,
        "2026-11-15T20:00:00+00:00",
    )
    assert (friend["done"], friend["target"]) == (0, 2)
    assert data["entries"] == 0
    assert data["checkin_suggestion"] is None  # nothing logged that week: no offer


def test_no_homework_section_without_homework() -> None:
    ok("add", "A day", "-m", "6", "--at", "2026-11-17 12:00")
    out = ok("week")
    assert "Homework" not in out
    assert json.loads(ok("week", "-f", "json"))["homework"] == []


@pytest.mark.parametrize(
    ("taken", "suggested"),
    [
        ("2026-11-06T21:30:00+00:00", False),  # exactly 14 days before now
        ("2026-11-05T21:00:00+00:00", True),  # 15 days
    ],
)
def test_suggestion_follows_the_last_checkin(taken: str, suggested: bool) -> None:
    ok("add", "A day", "-m", "6", "--at", "2026-11-17 12:00")
    ok("checkin", "gad7", "--answers", "1,1,0,0,0,0,0", env=at(taken))
    data = json.loads(ok("week", "-f", "json"))
    assert (data["checkin_suggestion"] is not None) == suggested
    if suggested:
        assert data["checkin_suggestion"].startswith("Your last check-in was 15 days ago.")
    table = ok("week")
    assert ("check-in" in table) == suggested


def test_no_suggestion_for_a_week_long_past() -> None:
    ok("add", "A day", "-m", "6", "--at", "2026-10-06 12:00")
    data = json.loads(ok("week", "--date", "2026-10-06", "-f", "json"))
    assert data["entries"] == 1
    assert data["checkin_suggestion"] is None


def test_week_with_homework_in_a_real_process(week_with_homework: None) -> None:
    done = run_journal("week", "--format", "json", env=NOW)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(p["title"], p["done"]) for p in data["homework"]] == [
        ("Breathing", 3),
        ("Call a friend", 0),
    ]


# -- pure functions ------------------------------------------------------------------------


def progress(**kw: object) -> HomeworkProgress:
    hw = Homework(
        id=1,
        uuid="h1",
        title="Exposure",
        per_week=3,
        until=None,
        note="",
        set_by="therapist",
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    base: dict[str, object] = {
        "homework": hw,
        "done": 2,
        "partial": 0,
        "days_done": 2,
        "target": 3,
        "last_done": None,
        "mean_rating": None,
        "mean_distress_before": None,
        "mean_distress_after": None,
        "active": True,
    }
    return HomeworkProgress(**{**base, **kw})  # type: ignore[arg-type]


def test_homework_line_adds_helpfulness_and_distress_only_when_known() -> None:
    assert progress().line() == "Exposure: 2 of 3"
    assert progress(mean_rating=6.5).line() == "Exposure: 2 of 3, helpfulness 6.5/10"
    # distress needs both a before and an after
    assert progress(mean_distress_before=7.0).line() == "Exposure: 2 of 3"
    assert (
        progress(partial=1, mean_distress_before=7.0, mean_distress_after=3.25).line()
        == "Exposure: 2 of 3 (1 partial), distress 7.0 → 3.3"
    )


WEEK_START = date(2026, 11, 16)  # the week of FRIDAY
FRIDAY = datetime(2026, 11, 20, 21, 30, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("weeks_from_now", "logged", "days_since_checkin", "suggested"),
    [
        (0, True, None, True),  # never a check-in, a week with entries
        (0, False, None, False),  # an empty week gets its own kind words instead
        (0, True, 14, False),
        (0, True, 15, True),
        (-1, True, None, True),  # last week, read now
        (-2, True, None, False),  # two weeks back: a week long past
        (1, True, None, False),  # a week to come
    ],
)
def test_week_checkin_suggestion(
    weeks_from_now: int, logged: bool, days_since_checkin: int | None, suggested: bool
) -> None:
    start = WEEK_START + timedelta(weeks=weeks_from_now)
    pool = [entry(1, f"{start + timedelta(days=1)}T12:00:00+00:00", 6)] if logged else []
    summary = period_summary(pool, start=start, end=start + timedelta(days=6))
    last = None if days_since_checkin is None else FRIDAY - timedelta(days=days_since_checkin)
    text = week_checkin_suggestion(summary, last_checkin_at=last, now=FRIDAY)
    assert (text is not None) == suggested


def test_weekly_review_offers_a_checkin_only_when_given_now() -> None:
    pool = [entry(1, "2026-11-17T12:00:00+00:00", 6)]
    assert weekly_review(pool, start=WEEK_START, now=FRIDAY).checkin_suggestion is not None
    assert weekly_review(pool, start=WEEK_START).checkin_suggestion is None
