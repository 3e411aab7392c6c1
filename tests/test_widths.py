"""Screens read well from 40 to 200 columns: words are never split, tables fold their less
important columns before they cut the essential ones, and nothing that matters becomes "…"."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import invoke, subprocess_env
from workjournal.cli.common import wrap_text

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


def at_a_terminal(columns: int, *args: str) -> str:
    """Run the journal with a real terminal for stdin, stdout and stderr, ``columns`` wide."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "workjournal", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=subprocess_env(**NOW, COLUMNS=str(columns)),
    )
    os.close(slave)
    out = b""
    try:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(master)
        proc.wait(timeout=60)
    return out.decode().replace("\r\n", "\n")


HELP_NOW_40 = """\
You don't have to go through this alone.
Take a slow breath.

You haven't written a safety plan yet.
When you feel able to, `journal
safety-plan` helps you write one.

Free, confidential support in the United
Kingdom
  Samaritans: call 116 123, free, any
    time
  Shout: text SHOUT to 85258, any time
  Emergency services: call 999
  (details last checked 2026-12-02)
Looks like United Kingdom. Set it with
`journal config region UK`.

If you are in danger right now, call
999.
"""

HELP_NOW_60 = """\
You don't have to go through this alone. Take a slow breath.

You haven't written a safety plan yet. When you feel able
to, `journal safety-plan` helps you write one.

Free, confidential support in the United Kingdom
  Samaritans: call 116 123, free, any time
  Shout: text SHOUT to 85258, any time
  Emergency services: call 999
  (details last checked 2026-12-02)
Looks like United Kingdom. Set it with `journal config
region UK`.

If you are in danger right now, call 999.
"""

HELP_NOW_80 = """\
You don't have to go through this alone. Take a slow breath.

You haven't written a safety plan yet. When you feel able to, `journal
safety-plan` helps you write one.

Free, confidential support in the United Kingdom
  Samaritans: call 116 123, free, any time
  Shout: text SHOUT to 85258, any time
  Emergency services: call 999
  (details last checked 2026-12-02)
Looks like United Kingdom. Set it with `journal config region UK`.

If you are in danger right now, call 999.
"""


@pytest.mark.parametrize(
    ("columns", "expected"), [(40, HELP_NOW_40), (60, HELP_NOW_60), (80, HELP_NOW_80)]
)
def test_the_crisis_screen_wraps_at_word_boundaries(
    columns: int, expected: str, db_path: Path
) -> None:
    assert at_a_terminal(columns, "help-now") == expected


def test_the_crisis_screen_into_a_pipe_is_left_for_the_reader_to_wrap(db_path: Path) -> None:
    result = invoke("help-now")
    assert "You haven't written a safety plan yet. When you feel able to, `journal " in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (40, "Error: there is no entry 999. `journal\nlist` shows the ids.\n"),
        (60, "Error: there is no entry 999. `journal list` shows the ids.\n"),
        (80, "Error: there is no entry 999. `journal list` shows the ids.\n"),
    ],
)
def test_error_lines_wrap_at_word_boundaries(columns: int, expected: str, db_path: Path) -> None:
    invoke("add", "x", env=NOW)
    assert at_a_terminal(columns, "show", "999") == expected


def test_usage_errors_wrap_at_a_terminal_too(db_path: Path) -> None:
    shown = at_a_terminal(40, "add", "x", "--at", "2 days ago teatime")
    assert shown.startswith(
        "Usage: journal add [OPTIONS] [TEXT]...\nTry 'journal add -h' for help.\n\n"
        "Error: Invalid value for '--at': could\nnot understand --at '2 days ago\nteatime'."
    )
    assert all(len(line) <= 40 for line in shown.splitlines())
    assert not db_path.exists()


def test_wrap_text_never_splits_a_word() -> None:
    text = "Call 116 123 or your local emergency number: supercalifragilistic-expialidocious."
    assert wrap_text(text, 20) == (
        "Call 116 123 or your\nlocal emergency\nnumber:\nsupercalifragilistic-expialidocious."
    )
    assert wrap_text("  Name: how to reach them day or night", 20) == (
        "  Name: how to reach\n    them day or\n    night"
    )
    assert wrap_text("short\n\nlines", 20) == "short\n\nlines"


LONG = "Snapped at my sister after the call about the holidays and felt awful after"


def _list(columns: int) -> str:
    invoke("add", LONG, "-m", "3", "-t", "family, phone calls", "--at", "2026-11-19 20:00", env=NOW)
    invoke("add", "Walked it off", "-m", "6", env=NOW)
    result = invoke("list", env={**NOW, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_list_at_40_folds_triggers_under_the_text() -> None:
    assert _list(40) == (
        "\n"
        " id   when           mood   text\n"
        " ──────────────────────────────────────\n"
        "  2   20 Nov 21:30      6   Walked it\n"
        "                            off\n"
        "  1   19 Nov 20:00      3   Snapped at\n"
        "                            my sister\n"
        "                            after the\n"
        "                            call about\n"
        "                            the\n"
        "                            holidays\n"
        "                            and felt\n"
        "                            awful after\n"
        "                            · family,\n"
        "                            phone calls\n"
        "\n"
    )


def test_list_at_60_folds_triggers_under_the_text() -> None:
    assert _list(60) == (
        "\n"
        " id   when           mood   text\n"
        " ──────────────────────────────────────────────────────────\n"
        "  2   20 Nov 21:30      6   Walked it off\n"
        "  1   19 Nov 20:00      3   Snapped at my sister after the\n"
        "                            call about the holidays and\n"
        "                            felt awful after\n"
        "                            · family, phone calls\n"
        "\n"
    )


def test_list_at_80_has_every_column_and_wraps_the_text() -> None:
    assert _list(80) == (
        "\n"
        " id   when               mood   triggers       text\n"
        " " + "─" * 78 + "\n"
        "  2   Fri 20 Nov 21:30      6                  Walked it off\n"
        "  1   Thu 19 Nov 20:00      3   family,        Snapped at my sister after the\n"
        "                                phone calls    call about the holidays and felt\n"
        "                                               awful after\n"
        "\n"
    )


def _history(columns: int) -> str:
    for answers, when in (
        ("1,1,0,2,1,0,1,0,0", "2026-11-17 10:00"),
        ("2,2,2,2,2,2,2,2,0", "2026-11-20 10:00"),
    ):
        result = invoke("checkin", "phq9", "--answers", answers, "--at", when, env=NOW)
        assert result.exit_code == 0, result.stderr
    result = invoke("checkin", "history", env={**NOW, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    table, _, _ = result.stdout.partition("This is a self-report")
    return table


def test_checkin_history_at_40() -> None:
    assert _history(40) == (
        "\n"
        " id   taken         check-in\n"
        " ──────────────────────────────────────\n"
        "  1   17 Nov 2026   PHQ-9 6/27 mild\n"
        "  2   20 Nov 2026   PHQ-9 16/27\n"
        "                    moderately severe ·\n"
        "                    +10 vs first, +10\n"
        "                    vs previous\n"
        "\n"
        "Lower totals mean fewer or less frequent\n"
        "symptoms reported.\n"
    )


def test_checkin_history_at_60() -> None:
    assert _history(60) == (
        "\n"
        " id   taken         check-in\n"
        " ──────────────────────────────────────────────────────────\n"
        "  1   17 Nov 2026   PHQ-9 6/27 mild\n"
        "  2   20 Nov 2026   PHQ-9 16/27 moderately severe · +10 vs\n"
        "                    first, +10 vs previous\n"
        "\n"
        "Lower totals mean fewer or less frequent symptoms reported.\n"
    )


def test_checkin_history_at_80() -> None:
    assert _history(80) == (
        "\n"
        " id   taken         form    score   band          vs 1st   vs prev   difficulty\n"
        " ──────────────────────────────────────────────────────────────────────────────\n"
        "  1   17 Nov 2026   PHQ-9    6/27   mild                             –\n"
        "  2   20 Nov 2026   PHQ-9   16/27   moderately       +10       +10   –\n"
        "                                    severe\n"
        "\n"
        "Lower totals mean fewer or less frequent symptoms reported.\n"
    )


# -- journal week -----------------------------------------------------------------------------

LONGER = (
    "Snapped at my sister after the call about the holidays and felt awful after, "
    "then sat in the car for a long time before I could drive home"
)
HOMEWORK = "Practise the three-minute breathing space before bed"
NAMES = (
    "conversations with family",
    "phone calls",
    "work deadlines",
    "skipped meals",
    "rest",
    "ashamed",
    "walked around the block",
    "reading a novel before bed",
)


def _week(columns: int, *, triggers: str = "conversations with family, phone calls") -> str:
    for args in (
        (LONGER, "-m", "2", "-t", triggers, "-e", "ashamed:70", "-c", "walked around the block"),
        ("Meeting ran over, skipped lunch", "-m", "4", "-t", "work deadlines, skipped meals"),
        ("Quiet evening reading with tea", "-m", "8", "-t", "rest"),
    ):
        when = {"2": "2026-11-16 20:00", "4": "2026-11-17 13:00", "8": "2026-11-18 21:00"}
        extra = ["--discuss"] if args[2] == "2" else []
        if args[2] == "8":
            extra = ["-c", "reading a novel before bed"]
        result = invoke("add", *args, *extra, "--at", when[args[2]], env=NOW)
        assert result.exit_code == 0, result.stderr
    homework = invoke("homework", "add", HOMEWORK, "--per-week", "5", env=NOW)
    assert homework.exit_code == 0, homework.stderr
    assert invoke("homework", "done", "1", env=NOW).exit_code == 0
    result = invoke("week", env={**NOW, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


WEEK_40 = """\
Your week · Mon 16 Nov – Sun 22 Nov 2026

You logged 3 of the 5 days so far · 3
entries · 3 written down later
Mood: mean 4.7 (lowest 2, highest 8)

  Mon 16  ██▋             2.0
  Tue 17  █████▎          4.0
  Wed 18  ██████████▍     8.0
  Thu 19  ·              nothing logged
  Fri 20  ·              nothing logged
  Sat 21  ·
  Sun 22  ·

Lowest mood  Mon 16 Nov 20:00 · mood 2
  Snapped at my sister after the call
  about the holidays and felt awful
  after, then sat … (`journal show 1`)

Highest mood  Wed 18 Nov 21:00 · mood 8
  Quiet evening reading with tea

Triggers
  conversations with family    1×
  phone calls                  1×
  rest                         1×
  skipped meals                1×
  work deadlines               1×
  Means need 3 days with and 3 without.

Emotions · mean intensity
  ashamed    1×   70.0

What you did to cope
  reading a novel before bed    1×
  walked around the block       1×

To bring to your next session
  entries 1 (`journal show ID` opens
  one)

Homework this week
  Practise the three-minute breathing
  space before bed: 1 of 2

If you'd like a snapshot to bring along:
`journal checkin phq9` or `journal
checkin gad7` takes about two minutes.

What do you notice? What would you like
to bring to your next session?
"""

WEEK_60 = """\
Your week · Mon 16 Nov – Sun 22 Nov 2026

You logged 3 of the 5 days so far · 3 entries · 3 written
down later
Mood: mean 4.7 (lowest 2, highest 8)

  Mon 16  ███▎               2.0         1 entry
  Tue 17  ██████▍            4.0         1 entry
  Wed 18  ████████████▊      8.0         1 entry
  Thu 19  ·                 nothing logged
  Fri 20  ·                 nothing logged
  Sat 21  ·
  Sun 22  ·

Lowest mood  Mon 16 Nov 20:00 · mood 2
  Snapped at my sister after the call about the holidays and
  felt awful after, then sat in the car for a long time
  before I could drive home

Highest mood  Wed 18 Nov 21:00 · mood 8
  Quiet evening reading with tea

Triggers
  conversations with family    1×
  phone calls                  1×
  rest                         1×
  skipped meals                1×
  work deadlines               1×
  Means need 3 days with and 3 without.

Emotions · mean intensity
  ashamed    1×   70.0

What you did to cope
  reading a novel before bed    1×
  walked around the block       1×

To bring to your next session
  entries 1 (`journal show ID` opens one)

Homework this week
  Practise the three-minute breathing space before bed:
  1 of 2

If you'd like a snapshot to bring along: `journal checkin
phq9` or `journal checkin gad7` takes about two minutes.

What do you notice? What would you like to bring to your
next session?
"""

WEEK_80 = """\
Your week · Mon 16 Nov – Sun 22 Nov 2026

You logged 3 of the 5 days so far · 3 entries · 3 written down later
Mood: mean 4.7 (lowest 2, highest 8)

  Mon 16  ██████                           2.0         1 entry
  Tue 17  ████████████                     4.0         1 entry
  Wed 18  ████████████████████████         8.0         1 entry
  Thu 19  ·                               nothing logged
  Fri 20  ·                               nothing logged
  Sat 21  ·
  Sun 22  ·

Lowest mood  Mon 16 Nov 20:00 · mood 2
  Snapped at my sister after the call about the holidays and felt awful after,
  then sat in the car for a long time before I could drive home

Highest mood  Wed 18 Nov 21:00 · mood 8
  Quiet evening reading with tea

Triggers
  conversations with family    1×
  phone calls                  1×
  rest                         1×
  skipped meals                1×
  work deadlines               1×
  Means need 3 days with and 3 without.

Emotions · mean intensity
  ashamed    1×   70.0

What you did to cope
  reading a novel before bed    1×
  walked around the block       1×

To bring to your next session
  entries 1 (`journal show ID` opens one)

Homework this week
  Practise the three-minute breathing space before bed: 1 of 2

If you'd like a snapshot to bring along: `journal checkin phq9` or `journal
checkin gad7` takes about two minutes.

What do you notice? What would you like to bring to your next session?
"""


@pytest.mark.parametrize(("columns", "expected"), [(40, WEEK_40), (60, WEEK_60), (80, WEEK_80)])
def test_week_wraps_at_word_boundaries(columns: int, expected: str) -> None:
    assert _week(columns) == expected


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_week_never_cuts_a_name_a_title_or_a_number(columns: int) -> None:
    shown = _week(columns)
    lines = shown.splitlines()
    assert all(len(line) <= columns for line in lines)
    assert all(line == line.rstrip() for line in lines)
    # Only a long moment's text is shortened, after a whole word and with how to read it all.
    assert [line for line in lines if "…" in line] == (
        ["  after, then sat … (`journal show 1`)"] if columns == 40 else []
    )
    flat = " ".join(line.strip() for line in lines)
    for name in (*NAMES, HOMEWORK, "1 of 2", "70.0", "2.0", "4.0", "8.0"):
        assert name in flat, name  # every word whole, in order, on this or the next line


def test_a_name_longer_than_its_column_wraps_under_itself() -> None:
    long = "conversations with my mother-in-law about the money she lent us"
    lines = _week(40, triggers=long).splitlines()
    start = lines.index("Triggers")
    # 40 columns: 2 + 32 for the names + 2 + "  1×"; the long name wraps within its 32.
    assert lines[start + 1 : start + 5] == [
        "  conversations with my" + " " * 11 + "    1×",
        "  mother-in-law about the money",
        "  she lent us",
        "  rest" + " " * 28 + "    1×",
    ]
    assert max(len(line) for line in lines) == 40
