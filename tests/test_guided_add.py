"""The guided `journal add`: the private and discuss questions, "Mood then?" for a past moment,
"Nothing to save", and line editing with Tab completion at a real terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from helpers import invoke, subprocess_env
from test_guided import add_at_a_terminal

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


def _last_entry() -> dict[str, object]:
    entries = json.loads(invoke("list", "-f", "json").stdout)
    entry: dict[str, object] = entries[0]
    return entry


def test_it_asks_whether_to_keep_it_private_and_to_discuss_it(db_path: Path) -> None:
    result = add_at_a_terminal("4\nA hard call\n\n\n\n\nmaybe\ny\nyes\n")
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert "Keep this entry private, out of exports? (y/N) " in err
    assert "Answer y or n, or press Enter for no." in err
    assert "Flag it to bring to your next session? (y/N) " in err
    assert err.endswith("mood 4/10 · private · to discuss.\n")
    entry = _last_entry()
    assert (entry["text"], entry["private"], entry["discuss"]) == ("A hard call", True, True)


def test_enter_means_no_for_both(db_path: Path) -> None:
    result = add_at_a_terminal("4\n\n\n\n\n\n\n")
    assert result.returncode == 0, result.stderr
    entry = _last_entry()
    assert (entry["private"], entry["discuss"]) == (False, False)


def test_a_flag_given_is_not_asked_again(db_path: Path) -> None:
    result = add_at_a_terminal("4\n\n\n\n\n\n", "--private")
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert "Keep this entry private" not in err
    assert "Flag it to bring to your next session?" in err
    assert _last_entry()["private"] is True


def test_a_past_moment_asks_for_the_mood_then(db_path: Path) -> None:
    result = add_at_a_terminal("5\n\n\n\n\n\n\n", "--at", "last night")
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert "Mood then? (1 = worst, 5 = so-so, 10 = best)" in err
    assert "right now" not in err
    assert "Thu 19 Nov 2026 22:00" in err
    now = add_at_a_terminal("5\n\n\n\n\n\n\n")
    assert "Mood right now?" in now.stderr.decode()


def test_skipping_every_question_says_nothing_to_save(db_path: Path) -> None:
    result = add_at_a_terminal("\n\n\n\n\n")
    assert result.returncode == 0
    err = result.stderr.decode()
    assert err.endswith("comma-separated: Nothing to save.\n")
    assert "-m" not in err and "-t" not in err and "Error" not in err
    assert "private" not in err  # nothing to keep private: not asked
    assert invoke("list", "-f", "json").stdout == "[]\n"


def _type_at_a_terminal(steps: list[tuple[str, str]], *args: str) -> tuple[int, str]:
    """Run `journal add` with stdin, stdout and stderr on one terminal; for each step wait until
    the screen shows the first text, then type the second."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "workjournal", "add", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=subprocess_env(**NOW, TERM="xterm"),
    )
    os.close(slave)
    screen = b""

    def read_until(wanted: bytes) -> None:
        nonlocal screen
        deadline = time.monotonic() + 30
        while wanted not in screen:
            assert time.monotonic() < deadline, screen.decode(errors="replace")
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    screen += os.read(master, 4096)
                except OSError:
                    break

    try:
        for wait_for, typed in steps:
            read_until(wait_for.encode())
            screen = screen[screen.index(wait_for.encode()) + len(wait_for) :]
            os.write(master, typed.encode())
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = -1
        try:
            while select.select([master], [], [], 0.2)[0]:
                chunk = os.read(master, 4096)
                if not chunk:
                    break
                screen += chunk
        except OSError:
            pass
    finally:
        os.close(master)
    return code, screen.decode(errors="replace")  # the part after the last step


def test_line_editing_and_tab_completion_at_a_terminal(db_path: Path) -> None:
    invoke("add", "earlier", "-t", "deadlines", "-e", "ashamed", "-c", "walk", env=NOW)
    left = "\x1b[D"
    code, screen = _type_at_a_terminal(
        [
            ("Mood right now?", "3\r"),
            ("> ", f"Snaped{left}{left}p\r"),  # the left arrow moves back to fix a typo
            ("  ", "\r"),
            ("What set it off?", "work, dead\t\r"),
            ("Emotions?", "ash\t:60\r"),
            ("What helped", "wa\t\r"),
            ("private", "\r"),
            ("next session", "\r"),
        ]
    )
    assert code == 0, screen
    assert "Saved entry 2" in screen
    entry = _last_entry()
    assert entry["text"] == "Snapped"
    assert entry["triggers"] == ["work", "deadlines"]
    assert entry["emotions"] == [{"name": "ashamed", "intensity": 60}]
    assert entry["coping"] == ["walk"]
