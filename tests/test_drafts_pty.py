"""Drafts through a real terminal: type, interrupt, come back, continue."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import invoke, subprocess_env

pytestmark = pytest.mark.slow


class Terminal:
    """``journal ARGS`` with a real terminal for stdin and stderr; stdout piped."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "workjournal", *args],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=slave,
            env=subprocess_env(WORKJOURNAL_NOW="2026-11-20T21:30:00+00:00", COLUMNS="100"),
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {text!r} in {self.seen.decode(errors='replace')!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.seen += chunk

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 30) -> int:
        code = self.proc.wait(timeout=timeout)
        try:
            while True:
                ready, _, _ = select.select([self.master], [], [], 0.2)
                if not ready:
                    break
                chunk = os.read(self.master, 4096)
                if not chunk:
                    break
                self.seen += chunk
        except OSError:
            pass
        os.close(self.master)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return code

    @property
    def text(self) -> str:
        return self.seen.decode(errors="replace").replace("\r\n", "\n")


def _drafts() -> list[dict[str, object]]:
    return json.loads(invoke("drafts", "--format", "json").stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGHUP, signal.SIGTERM])
def test_safety_plan_interrupted_keeps_finished_sections_and_a_draft(
    db_path: Path, sig: signal.Signals
) -> None:
    term = Terminal("safety-plan")
    term.wait_for("1/7")
    term.type("Not sleeping\nPacing\n\n")
    term.wait_for("2/7")
    term.type("Breathe out slowly\n")
    term.wait_for("  ")
    time.sleep(0.3)
    term.proc.send_signal(sig)
    code = term.finish()
    assert code == (129 if sig == signal.SIGHUP else 130)
    if sig != signal.SIGHUP:
        assert "Kept what you wrote as a draft. `journal safety-plan` offers it next time." in (
            term.text
        )
    plan = json.loads(invoke("safety-plan", "--show", "--format", "json").stdout)
    bodies = {s["key"]: s["text"] for s in plan["sections"]}
    assert bodies["warning_signs"] == "Not sleeping\nPacing"
    assert not bodies.get("internal_coping")
    [draft] = _drafts()
    assert draft["command"] == "safety-plan"
    assert draft["fields"] == {"section": "internal_coping", "lines": ["Breathe out slowly"]}

    again = Terminal("safety-plan")
    again.wait_for("Continue it? (Y/n)")
    again.type("\n")
    again.wait_for("1/7")
    again.type("\n")  # keep section 1
    again.wait_for("From your draft: Breathe out slowly")
    again.type("Cold water on my face\n\n")
    again.wait_for("3/7")
    again.type("\n" * 5)
    assert again.finish() == 0, again.text
    plan = json.loads(invoke("safety-plan", "--show", "--format", "json").stdout)
    bodies = {s["key"]: s["text"] for s in plan["sections"]}
    assert bodies["internal_coping"] == "Breathe out slowly\nCold water on my face"
    assert bodies["warning_signs"] == "Not sleeping\nPacing"
    assert _drafts() == []


def test_checkin_interrupted_is_kept_and_continued(db_path: Path) -> None:
    term = Terminal("checkin", "gad7")
    term.wait_for("1/7")
    term.type("1\n2\n")
    term.wait_for("3/7")
    time.sleep(0.3)
    term.proc.send_signal(signal.SIGINT)
    assert term.finish() == 130
    assert "Kept what you wrote as a draft. `journal checkin` offers it next time." in term.text
    [draft] = _drafts()
    assert draft["fields"] == {"instrument": "gad7", "answers": [1, 2]}
    assert json.loads(invoke("checkin", "history", "--format", "json").stdout) == []

    again = Terminal("checkin", "gad7")
    again.wait_for("Continue it? (Y/n)")
    again.type("y\n")
    again.wait_for("3/7")
    assert "1/7" not in again.text.split("Continue it?")[1]
    again.type("0\n0\n1\n0\n0\n")
    again.wait_for("0-3 or Enter")
    again.type("\n")
    assert again.finish() == 0, again.text
    [taken] = json.loads(invoke("checkin", "history", "--format", "json").stdout)
    assert taken["answers"] == [1, 2, 0, 0, 1, 0, 0]
    assert _drafts() == []


def test_guided_add_interrupted_keeps_every_word_and_continues(db_path: Path) -> None:
    term = Terminal("add", "--at", "2026-11-20 20:15")
    term.wait_for("Mood then?")
    term.type("3\n")
    term.wait_for("What happened?")
    term.type("Snapped at my sister.\nShe called about the holidays.\nFelt awful after.\n")
    time.sleep(0.3)
    term.type("\n")
    term.wait_for("What set it off?")
    time.sleep(0.3)
    term.proc.send_signal(signal.SIGINT)
    assert term.finish() == 130
    assert "Kept what you wrote as a draft. `journal add` offers it next time." in term.text
    assert json.loads(invoke("list", "--format", "json").stdout) == []
    [draft] = _drafts()
    assert draft["fields"]["text"] == (
        "Snapped at my sister.\nShe called about the holidays.\nFelt awful after."
    )
    assert draft["fields"]["mood"] == 3

    again = Terminal("add")
    again.wait_for("Continue it? (Y/n)")
    again.type("\n")
    again.wait_for("What set it off?")
    assert "Mood" not in again.text.split("Continue it?")[1]  # answered questions stay answered
    again.type("family\n")
    again.wait_for("Emotions?")
    again.type("ashamed:60\n\n")
    again.wait_for("private")
    again.type("\n\n")
    assert again.finish() == 0, again.text
    [entry] = json.loads(invoke("list", "--format", "json").stdout)
    assert entry["text"] == (
        "Snapped at my sister.\nShe called about the holidays.\nFelt awful after."
    )
    assert (entry["mood"], entry["triggers"]) == (3, ["family"])
    assert entry["occurred_at"].startswith("2026-11-20T20:15")  # the moment the draft was about
    assert _drafts() == []


def test_guided_add_stopped_mid_text_keeps_the_lines(db_path: Path) -> None:
    term = Terminal("add")
    term.wait_for("Mood right now?")
    term.type("\n")
    term.wait_for("What happened?")
    term.type("First line typed.\nSecond line typed.\n")
    time.sleep(0.5)
    term.proc.send_signal(signal.SIGHUP)
    assert term.finish() == 129
    [draft] = _drafts()
    assert draft["fields"]["text"] == "First line typed.\nSecond line typed."
