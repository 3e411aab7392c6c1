"""Hardening (issue 11): no entry lost to a failed creation, no plaintext left behind, no file
replaced that the journal does not own, and a specific `Error:` line for every bad input."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from helpers import run_journal, subprocess_env


def _controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """A real `journal` process whose terminal is a pty: the test types at its prompts."""

    def __init__(self, *args: str) -> None:
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "workjournal", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=subprocess_env(),
            start_new_session=True,
            preexec_fn=_controlling_terminal,
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, text: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {text!r}; saw {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"the process ended before {text!r}; saw {self.seen!r}"
                self.seen += chunk

    def type(self, text: bytes) -> None:
        os.write(self.master, text)

    def finish(self, timeout: float = 30) -> tuple[int, bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the process closed its terminal
                    chunk = b""
                self.seen += chunk
                if not chunk:
                    break
            elif self.proc.poll() is not None:
                break
        code = self.proc.wait(timeout=5)
        os.close(self.master)
        return code, self.seen


# -- item 1: creating a journal -------------------------------------------------------------


@pytest.mark.parametrize("answer", [b"\x03", b"long enough pass\r"])
def test_a_creation_waiting_for_its_passphrase_never_deletes_another_entry(
    db_path: Path, answer: bytes
) -> None:
    """`add --encrypted` asks for the passphrase before anything is on disk; an entry another
    terminal saved meanwhile survives Ctrl-C, and also matching passphrases."""
    first = Terminal("add", "from the first terminal", "--encrypted")
    first.wait_for(b"New passphrase:")
    assert not db_path.exists()
    second = run_journal("add", "from the second terminal", "-m", "2")
    assert second.returncode == 0, second.stderr
    first.type(answer)
    if answer != b"\x03":
        first.wait_for(b"Repeat the new passphrase:")
        first.type(answer)
    code, seen = first.finish()
    assert code != 0
    assert b"Traceback" not in seen
    if answer != b"\x03":
        assert b"Error: another program created the journal at" in seen
    listed = run_journal("list", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    assert b"from the second terminal" in listed.stdout
    assert b"from the first terminal" not in listed.stdout
    assert sorted(p.name for p in db_path.parent.iterdir() if ".creating" in p.name) == []
