"""Two terminals writing at once: the second waits for the first instead of failing, and a lock
held longer than the busy timeout is one clear error. The holder keeps its write lock until the
second real `journal` process has the journal open and has been waiting for a while, so these
tests fail when the program does not wait (a busy timeout of 0, or a deferred BEGIN that upgrades
to a write lock only after reading)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from harsh import entry_texts, error_line, journal_argv, run
from helpers import subprocess_env

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE entries SET mood = 9 WHERE id = 1")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("released", flush=True)
"""
WRITTEN = {
    "add": "SELECT text FROM entries WHERE id > 1",
    "homework": "SELECT note FROM homework_log",
}
WAITING = 0.5  # how long the second process must have been at the lock before it is released


@pytest.fixture
def journal(db_path: Path) -> Path:
    assert run("add", "first", "-m", "5").returncode == 0
    assert run("homework", "add", "Breathing exercise", "--daily").returncode == 0
    return db_path


class Holder:
    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=subprocess_env(),
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline() == b"holding\n"

    def release(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if self.proc.poll() is None:
            self.proc.stdin.write(b"\n")
            self.proc.stdin.close()
            assert self.proc.stdout.readline() == b"released\n"
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture
def holder(journal: Path) -> Iterator[Holder]:
    held = Holder(journal)
    try:
        yield held
    finally:
        held.release()


def has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has the journal file open (it then stands at the lock: the
    schema check before the write takes milliseconds)."""
    folder = Path(f"/proc/{pid}/fd")
    try:
        links = [os.readlink(folder / fd) for fd in os.listdir(folder)]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return str(path) in links


def wait_at_the_lock(proc: subprocess.Popen[bytes], path: Path) -> float:
    """Wait until ``proc`` has the journal open, then WAITING seconds more; return when it
    opened it. Fails if the process ends first: it did not wait for the lock."""
    deadline = time.monotonic() + 60
    while not has_open(proc.pid, path):
        assert proc.poll() is None, "the writer ended while the lock was held: it did not wait"
        assert time.monotonic() < deadline, "the writer never opened the journal"
        time.sleep(0.01)
    opened = time.monotonic()
    time.sleep(WAITING)
    return opened


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("add", "waited", "-m", "4"), id="add"),
        # Its write starts with a read (is there such homework?): with a deferred BEGIN that read
        # pins a snapshot, and SQLite then refuses the write lock at once instead of waiting.
        pytest.param(("homework", "done", "1", "--note", "waited"), id="homework-done"),
    ],
)
def test_a_second_writer_waits_for_the_lock_and_then_succeeds(
    journal: Path, holder: Holder, args: tuple[str, ...]
) -> None:
    # The default busy timeout: no WORKJOURNAL_BUSY_TIMEOUT, so a default of 0 fails here too.
    writer = subprocess.Popen(
        journal_argv(*args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    wait_at_the_lock(writer, journal)
    still_waiting = writer.poll() is None
    holder.release()
    _, stderr = writer.communicate(timeout=60)
    assert still_waiting, f"the writer gave up while the lock was held: {stderr.decode()}"
    assert writer.returncode == 0, stderr.decode()
    with closing(sqlite3.connect(f"file:{journal}?mode=ro", uri=True)) as conn:
        saved = [row[0] for row in conn.execute(WRITTEN[args[0]])]
    assert saved == ["waited"]
    assert entry_texts(journal) == (["first", "waited"] if args[0] == "add" else ["first"])


def test_a_lock_held_past_the_busy_timeout_is_a_clear_error_after_waiting(
    journal: Path, holder: Holder
) -> None:
    writer = subprocess.Popen(
        journal_argv("add", "gave up", "-m", "4"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(WORKJOURNAL_BUSY_TIMEOUT="1.5"),
    )
    wait_at_the_lock(writer, journal)
    assert writer.poll() is None, "the writer gave up before its busy timeout"
    stdout, stderr = writer.communicate(timeout=60)  # the lock is never released meanwhile
    proc = subprocess.CompletedProcess(writer.args, writer.returncode, stdout, stderr)
    assert proc.returncode == 1
    line = error_line(proc)
    assert "is busy: another program has held it for more than 1.5 seconds" in line
    assert "Nothing was changed" in line
    assert entry_texts(journal) == ["first"]
