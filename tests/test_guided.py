"""The guided flow a person gets from `journal add` at a terminal with nothing else given."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from helpers import invoke, subprocess_env


def add_at_a_terminal(answers: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run `journal add` with a real terminal as stdin and type ``answers`` into it."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "workjournal", "add", *args],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(WORKJOURNAL_NOW="2026-11-20T21:30:00+00:00"),
        )
        os.close(slave)
        os.write(master, answers.encode())
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_guided_flow_asks_and_saves(db_path: Path) -> None:
    invoke("add", "earlier", "-t", "work", "-t", "family")
    invoke("add", "earlier", "-t", "work")
    typed = "11\n3\nBad day at work.\nSecond line.\n\nwork, Deadlines\nanxious:70, sad\nwalk\n\n\n"
    result = add_at_a_terminal(typed)
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert "A few quick questions. Press Enter to skip any of them." in err
    assert "Mood right now? (1 = worst, 5 = so-so, 10 = best)" in err
    assert "mood must be from 1 (worst) to 10 (best); got 11. Try again" in err
    assert "What set it off? (often: work, family)" in err
    assert "Saved entry 3 · Fri 20 Nov 2026 21:30 · mood 3/10 · triggers: work, deadlines." in err
    entry = json.loads(invoke("show", "3", "-f", "json").stdout)
    assert entry["text"] == "Bad day at work.\nSecond line."
    assert entry["mood"] == 3
    assert entry["triggers"] == ["work", "deadlines"]
    assert entry["emotions"] == [
        {"name": "anxious", "intensity": 70},
        {"name": "sad", "intensity": None},
    ]
    assert entry["coping"] == ["walk"]


def test_skipping_everything_saves_nothing(db_path: Path) -> None:
    result = add_at_a_terminal("\n\n\n\n\n")
    assert result.returncode == 0
    assert result.stderr.decode().endswith("comma-separated: Nothing to save.\n")
    assert not db_path.exists() or invoke("list", "-f", "json").stdout == "[]\n"


def test_options_given_at_a_terminal_skip_the_questions(db_path: Path) -> None:
    result = add_at_a_terminal("", "-m", "6", "-t", "work")
    assert result.returncode == 0, result.stderr
    assert "quick questions" not in result.stderr.decode()
    [entry] = json.loads(invoke("list", "-f", "json").stdout)
    assert (entry["text"], entry["mood"], entry["triggers"]) == ("", 6, ["work"])
