"""month, calendar, streak, patterns and triggers through the CLI: JSON shapes, options and
rendering smoke tests at 60, 80 and 120 columns."""

from __future__ import annotations

import json

import pytest

from helpers import invoke, run_journal

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}  # Friday 20 November 2026

ENTRIES = [
    ("2026-11-02 08:00", "3", ["-t", "work", "-e", "anxious:60"]),
    ("2026-11-03 20:00", "7", ["-g", "home"]),
    ("2026-11-05 09:00", "4", ["-t", "work", "-t", "sleep", "-e", "tired"]),
    ("2026-11-09 13:00", "8", ["-g", "home"]),
    ("2026-11-12 19:00", "5", ["-t", "work", "-g", "office"]),
    ("2026-11-16 10:00", "6", []),
    ("2026-11-18 22:00", "2", ["-t", "work", "-t", "sleep"]),
    ("2026-11-19 07:00", "5", ["-t", "sleep"]),
    ("2026-11-20 09:00", "7", ["-g", "home"]),
]


@pytest.fixture
def journal() -> None:
    for at, mood, extra in ENTRIES:
        done = invoke("add", "entry text", "-m", mood, "--at", at, *extra, env=NOW)
        assert done.exit_code == 0, done.stderr


COMMANDS = [
    ("month",),
    ("month", "--date", "2026-10-05"),
    ("calendar",),
    ("calendar", "--year", "2025"),
    ("streak",),
    ("patterns",),
    ("patterns", "--since", "2026-11-10"),
    ("triggers",),
]


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", COMMANDS)
def test_views_render_within_the_width(journal: None, args: tuple[str, ...], columns: int) -> None:
    result = invoke(*args, env={**NOW, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    assert max(len(line) for line in result.stdout.splitlines()) <= columns
    assert "\x1b[" not in result.stdout  # NO_COLOR and not a terminal: plain text


def test_month_shows_the_calendar_and_summary(journal: None) -> None:
    result = invoke("month", env=NOW)
    lines = result.stdout.splitlines()
    assert lines[0] == "November 2026"
    assert lines[2].split() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert "You logged 9 of the 20 days so far this month · 9 entries" in lines
    # (3 + 7 + 4 + 8 + 5 + 6 + 2 + 5 + 7) / 9 = 5.22
    assert "Mood: mean 5.2 (lowest 2, highest 8)" in lines  # one decimal for people
    assert "Triggers that came up most: work (4), sleep (3)" in lines


def test_empty_month_is_kind(journal: None) -> None:
    result = invoke("month", "--date", "2026-10-05", env=NOW)
    assert result.stdout.splitlines()[0] == "October 2026"
    assert "Nothing logged this month yet — that's okay." in result.stdout


def test_calendar_marks_logged_days(journal: None) -> None:
    result = invoke("calendar", env=NOW)
    nov = next(line for line in result.stdout.splitlines() if line.startswith("  Nov "))
    cells = nov[len("  Nov ") :]
    # 2 Nov mood 3 -> ░, 3 Nov 7 -> ▓, 4 Nov nothing -> blank, 9 Nov 8 -> █, 18 Nov 2 -> ░
    assert (cells[1], cells[2], cells[3], cells[8], cells[17]) == ("░", "▓", " ", "█", "░")
    assert "You logged 9 days in 2026." in result.stdout


def test_streak_json_and_table(journal: None) -> None:
    result = invoke("streak", "--format", "json", env=NOW)
    assert result.exit_code == 0
    # Logged 16, 18, 19, 20 (17 missed once): a run of 4; before that 12 -> 16 breaks it.
    assert json.loads(result.stdout) == {"current": 4, "longest": 4, "last_7": 4, "last_30": 9}
    table = invoke("streak", env=NOW)
    assert table.stdout.splitlines() == [
        "Days logged: 4 of the last 7 · 9 of the last 30",
        "Current run: 4 days · longest: 4",
        "Runs are forgiving: one missed day does not end a run. Every day you log counts.",
    ]


def test_patterns_json_shape(journal: None) -> None:
    result = invoke("patterns", "--format", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "since", "until", "entries", "days_logged", "minimum_days", "triggers", "tags",
        "together", "by_weekday", "by_part_of_day", "emotions_by_trigger",
    }  # fmt: skip
    assert (data["since"], data["until"], data["entries"]) == (None, None, 9)
    work = data["triggers"][0]
    # work: 3, 4, 5, 2 -> 3.5 on 4 days; without: 7, 8, 6, 5, 7 -> 6.6 on 5 days
    assert work == {
        "name": "work",
        "count": 4,
        "days_with": 4,
        "days_without": 5,
        "enough_data": True,
        "mean_mood_with": 3.5,
        "mean_mood_without": 6.6,
        "difference": -3.1,
    }
    assert [t["name"] for t in data["tags"]] == ["home", "office"]
    assert data["together"] == [{"names": ["sleep", "work"], "count": 2}]
    assert data["by_weekday"][0]["name"] == "monday"
    assert [p["name"] for p in data["by_part_of_day"]] == [
        "night", "morning", "afternoon", "evening",
    ]  # fmt: skip
    assert data["emotions_by_trigger"][0] == {
        "trigger": "work",
        "emotions": [{"name": "anxious", "count": 1}, {"name": "tired", "count": 1}],
    }


def test_patterns_text_says_appeared_together(journal: None) -> None:
    result = invoke("patterns", env=NOW)
    assert "appeared together, not causes" in result.stdout
    assert "  work " in result.stdout and "3.5 / 6.6   −3.1" in result.stdout
    assert "not enough data yet" in result.stdout  # office: one day
    assert "caused" not in result.stdout


def test_patterns_since_until(journal: None) -> None:
    data = json.loads(
        invoke(
            "patterns", "--since", "2026-11-10", "--until", "2026-11-18", "-f", "json", env=NOW
        ).stdout
    )
    assert (data["since"], data["until"], data["entries"]) == ("2026-11-10", "2026-11-18", 3)
    bad = invoke("patterns", "--since", "2026-11-18", "--until", "2026-11-10", env=NOW)
    assert bad.exit_code == 2 and "--since is after --until." in bad.stderr


def test_triggers_json(journal: None) -> None:
    result = invoke("triggers", "--format", "json", env=NOW)
    assert json.loads(result.stdout) == [
        {
            "name": "work",
            "count": 4,
            "first_seen": "2026-11-02",
            "last_seen": "2026-11-18",
            "mean_mood": 3.5,
        },
        {
            "name": "sleep",
            "count": 3,
            "first_seen": "2026-11-05",
            "last_seen": "2026-11-19",
            "mean_mood": 3.67,
        },
    ]


def test_empty_journal_views_are_kind() -> None:
    assert invoke("add", "just text", env=NOW).exit_code == 0
    assert "No triggers logged yet." in invoke("triggers", env=NOW).stdout
    patterns = invoke("patterns", env=NOW)
    assert patterns.exit_code == 0
    assert "not enough data yet" not in patterns.stdout


@pytest.mark.parametrize("command", ["month", "calendar", "streak", "patterns", "triggers"])
def test_views_without_a_journal(command: str) -> None:
    result = invoke(command, env=NOW)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no journal at ")
    assert result.stdout == ""


def test_bad_year() -> None:
    result = invoke("calendar", "--year", "0", env=NOW)
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["week", "month", "calendar", "streak", "patterns", "triggers"])
def test_help_has_an_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example: journal " + command in result.stdout


def test_patterns_in_a_real_process(journal: None) -> None:
    done = run_journal("patterns", "-f", "json", env=NOW)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entries"] == 9
