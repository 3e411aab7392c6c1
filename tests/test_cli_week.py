"""`journal week` through the CLI: JSON shape, options, and the rendered review at 3 widths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke, run_journal

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}  # Friday 20 November 2026


def add(*args: str) -> None:
    result = invoke("add", *args, env=NOW)
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def small_week() -> None:
    add(
        "Snapped at my sister after the call",
        "-m",
        "3",
        "-t",
        "family",
        "-e",
        "angry:70",
        "-c",
        "walk",
        "--at",
        "2026-11-16 21:30",
    )
    add("Deadline moved again", "-m", "5", "-t", "work", "--at", "2026-11-17 09:15", "--discuss")
    add("Good chat with Sam", "-m", "8", "-t", "work", "--at", "2026-11-18 18:00")
    add("Slept badly", "--private", "--at", "2026-11-19 07:00")
    add("Last week", "-m", "4", "--at", "2026-11-12 10:00")


def chart(bar_width: int) -> str:
    """Moods 3, 5 and 8 out of 10 drawn as bars ``bar_width`` cells wide."""

    def row(day: str, mood: int) -> str:
        full, eighths = divmod(round(mood * bar_width * 8 / 10), 8)
        drawn = "█" * full + " ▏▎▍▌▋▊▉"[eighths].strip()
        return f"  {day}  {drawn.ljust(bar_width)}  {float(mood):>4.1f}         1 entry\n"

    empty = " " * (bar_width - 1)
    return (
        row("Mon 16", 3)
        + row("Tue 17", 5)
        + row("Wed 18", 8)
        + f"  Thu 19  ·{empty}  no mood · 1 entry\n"
        + f"  Fri 20  ·{empty}  nothing logged\n"
        # The review is read on Friday 20: the weekend has not happened yet.
        + "".join(f"  {d}  ·\n" for d in ("Sat 21", "Sun 22"))
    )


# Each list's names take the width of its longest name, so none is ever cut.
TAIL = """
Lowest mood  Mon 16 Nov 21:30 · mood 3
  Snapped at my sister after the call

Highest mood  Wed 18 Nov 18:00 · mood 8
  Good chat with Sam

Triggers
  work      2×
  family    1×
  Means need 3 days with and 3 without.

Emotions · mean intensity
  angry    1×   70.0

What you did to cope
  walk    1×

To bring to your next session
  entries 2 (`journal show ID` opens one)
"""


HEAD = """\
Your week · Mon 16 Nov – Sun 22 Nov 2026

You logged 4 of the 5 days so far · 4 entries · 4 written down later
"""
MOOD_LINE = "Mood: mean 5.3 (lowest 3, highest 8) · 1.3 higher than the week before (4.0)\n"
QUESTION = "What do you notice? What would you like to bring to your next session?\n"
# No check-in yet, and this week has entries: one gentle line, wrapped to the width.
OFFER = (
    "If you'd like a snapshot to bring along: `journal checkin phq9` or `journal checkin gad7` "
    "takes about two minutes."
)
SUGGESTION = {
    80: OFFER.replace("`journal checkin gad7`", "`journal\ncheckin gad7`") + "\n",
    120: OFFER + "\n",
    60: OFFER.replace("checkin phq9`", "checkin\nphq9`") + "\n",
}

# Mood 5.33 = (3 + 5 + 8) / 3; the week before had one mood of 4. "work" appeared with moods 5
# and 8 (6.5) against 3 without; every entry was added on Friday 20, so all 4 were written late.
# Bars are (width - 44) cells, from 10 to 30. Lines are broken at word boundaries, with no
# trailing spaces.
EXPECTED = {
    80: HEAD + MOOD_LINE + "\n" + chart(30) + TAIL + "\n" + SUGGESTION[80] + "\n" + QUESTION,
    120: HEAD + MOOD_LINE + "\n" + chart(30) + TAIL + "\n" + SUGGESTION[120] + "\n" + QUESTION,
    60: HEAD.replace("4 written down later", "4 written\ndown later")
    + "Mood: mean 5.3 (lowest 3, highest 8) · 1.3 higher than the\nweek before (4.0)\n\n"
    + chart(16)
    + TAIL
    + "\n"
    + SUGGESTION[60]
    + "\nWhat do you notice? What would you like to bring to your\nnext session?\n",
}


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_week_renders_exactly(small_week: None, columns: int) -> None:
    result = invoke("week", env={**NOW, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == EXPECTED[columns]


def test_week_json_shape(small_week: None) -> None:
    result = invoke("week", "--format", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {
        "start",
        "end",
        "entries",
        "days_logged",
        "mood",
        "triggers",
        "emotions",
        "coping",
        "discuss",
    }
    assert set(data["mood"]) >= {"mean", "min", "max", "previous_mean", "by_day"}
    assert len(data["mood"]["by_day"]) == 7
    assert set(data["mood"]["by_day"][0]) == {"date", "entries", "mean", "min", "max"}
    assert (data["start"], data["end"], data["entries"], data["days_logged"]) == (
        "2026-11-16",
        "2026-11-22",
        4,
        4,
    )
    assert data["mood"]["mean"] == 5.33
    assert data["mood"]["previous_mean"] == 4.0
    assert data["triggers"][0] == {
        "name": "work",
        "count": 2,
        "mean_mood_with": 6.5,  # JSON keeps the numbers and says how many days they rest on
        "mean_mood_without": 3.0,
        "days_with": 2,
        "days_without": 1,
    }
    assert data["discuss"] == [2]


def test_week_last_and_date_pick_the_same_week(small_week: None) -> None:
    last = json.loads(invoke("week", "--last", "-f", "json", env=NOW).stdout)
    dated = json.loads(invoke("week", "--date", "2026-11-12", "-f", "json", env=NOW).stdout)
    assert last == dated
    assert (last["start"], last["entries"], last["mood"]["mean"]) == ("2026-11-09", 1, 4.0)


def test_week_start_from_config(small_week: None, isolated: Path) -> None:
    config = isolated / "home" / ".config" / "workjournal"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('week_start = "sunday"\n')
    data = json.loads(invoke("week", "-f", "json", env=NOW).stdout)
    assert (data["start"], data["end"]) == ("2026-11-15", "2026-11-21")


def test_empty_week_renders_kindly(small_week: None) -> None:
    result = invoke("week", "--date", "2026-12-01", env=NOW)
    assert result.exit_code == 0
    assert result.stdout == (
        "Your week · Mon 30 Nov – Sun 06 Dec 2026\n\n"
        "Nothing logged this week yet — that's okay. Whenever you're ready, `journal add`\n"
        "captures a moment; even a single word counts.\n\n" + QUESTION
    )


def test_week_markdown_keeps_private_text_out(small_week: None) -> None:
    add("A private low", "-m", "1", "--private", "--at", "2026-11-20 08:00")
    result = invoke("week", "--format", "md", env=NOW)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Week of Mon 16 Nov – Sun 22 Nov 2026\n")
    assert "**Lowest mood** — Fri 20 Nov 08:00, mood 1: (private entry)" in result.stdout
    assert "A private low" not in result.stdout
    assert "| work | 2 |" in result.stdout  # 2 days with it: too few for the means
    # In the terminal, the person sees their own private text.
    assert "A private low" in invoke("week", env=NOW).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "someday"), "could not understand --date 'someday'"),
        (("--date", "2026-11-01", "--last"), "give either --date or --last, not both."),
        (("--format", "csv"), "'csv' is not one of"),
    ],
)
def test_week_bad_options(small_week: None, args: tuple[str, ...], message: str) -> None:
    result = invoke("week", *args, env=NOW)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_week_without_a_journal() -> None:
    result = invoke("week", env=NOW)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no journal at ")


def test_week_dst_in_a_real_process() -> None:
    # London springs forward at 01:00 on Sunday 29 March 2026; 23:30 that night is 22:30 UTC.
    for at, mood in (
        ("2026-03-29 00:30", "2"),
        ("2026-03-29 23:30", "6"),
        ("2026-03-30 00:15", "9"),
    ):
        assert run_journal("add", "x", "-m", mood, "--at", at, env=NOW).returncode == 0
    done = run_journal("week", "--date", "2026-03-29", "-f", "json", env=NOW)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["mood"]["by_day"][6] == {
        "date": "2026-03-29",
        "entries": 2,
        "mean": 4.0,
        "min": 2,
        "max": 6,
    }
    assert data["entries"] == 2


def test_week_json_counts_the_days_lived_so_far(small_week: None) -> None:
    this_week = json.loads(invoke("week", "--format", "json", env=NOW).stdout)
    assert (this_week["days_logged"], this_week["days_so_far"]) == (4, 5)
    last_week = json.loads(invoke("week", "--last", "--format", "json", env=NOW).stdout)
    assert last_week["days_so_far"] == 7
    assert "of 7 days" in invoke("week", "--last", env=NOW).stdout
