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
