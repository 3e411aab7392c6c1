"""When the disk is full, the journal is read-only, or another program holds it: one clear
`Error: ...` line, exit 1, and every entry saved before is still there, unchanged."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harsh import entry_texts, error_line, file_size_limit, integrity, run, unprivileged
from helpers import invoke, subprocess_env

SECRET = "my sister said the thing about dad again"


@pytest.fixture
def journal(db_path: Path) -> Path:
    for text in ("first", "second", "third"):
        assert run("add", text, "-m", "5").returncode == 0
    return db_path


@pytest.fixture
def drop() -> Callable[[], None] | None:
    try:
        return unprivileged()
    except OSError as exc:
        pytest.skip(f"cannot run a child that obeys file permissions here: {exc}")


def snapshot(path: Path) -> dict[str, bytes]:
    folder = path.parent
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- a full disk ---------------------------------------------------------------------------------


def test_full_disk_is_a_clear_error_and_earlier_entries_stay(journal: Path) -> None:
    before = entry_texts(journal)
    limit = journal.stat().st_size + 16 * 1024  # room for a little, not for 300 kB
    proc = run("add", "-m", "3", input=(SECRET * 8000).encode(), preexec=file_size_limit(limit))
    assert proc.returncode == 1
    line = error_line(proc)
    assert "disk" in line and "Nothing was saved" in line
    assert SECRET not in proc.stderr.decode()
    assert integrity(journal) == "ok"
    assert entry_texts(journal) == before
    again = run("add", "after the disk was freed", "-m", "6")
    assert again.returncode == 0, again.stderr
    assert entry_texts(journal) == [*before, "after the disk was freed"]


def test_a_full_disk_while_creating_the_journal_leaves_nothing_behind(db_path: Path) -> None:
    proc = run("add", SECRET, "-m", "3", preexec=file_size_limit(8 * 1024))
    assert proc.returncode == 1
    assert "disk" in error_line(proc)
    assert SECRET not in proc.stderr.decode()
    assert list(db_path.parent.iterdir()) == []


# -- no permission to write ----------------------------------------------------------------------


def test_a_read_only_journal_refuses_to_add_and_still_lists(
    journal: Path, drop: Callable[[], None] | None
) -> None:
    journal.chmod(0o400)
    before = snapshot(journal)
    proc = run("add", SECRET, "-m", "3", preexec=drop)
    assert proc.returncode == 1
    line = error_line(proc)
    assert f"{journal} cannot be written by you" in line
    assert "Nothing was changed" in line
    assert SECRET not in line
    # Refused before SQLite opened it: no read-only -wal/-shm left to trip a later write.
    assert snapshot(journal) == before
    listed = run("list", "-f", "json", preexec=drop)
    assert listed.returncode == 0, listed.stderr
    assert [e["text"] for e in json.loads(listed.stdout)] == ["third", "second", "first"]


def test_read_only_leftovers_beside_the_journal_are_made_writable_again(
    journal: Path, drop: Callable[[], None] | None
) -> None:
    # Reading a read-only journal makes SQLite create -wal and -shm as read-only as the
    # journal; once the journal itself is writable again, a writer gives them 0600 back
    # (issue 11, item 12) instead of being blocked by them.
    journal.chmod(0o400)
    assert run("list", preexec=drop).returncode == 0
    journal.chmod(0o600)
    shm = journal.with_name(journal.name + "-shm")
    assert shm.exists()
    proc = run("add", SECRET, "-m", "3", preexec=drop)
    assert proc.returncode == 0, proc.stderr
    # (the writer was the last connection, so SQLite removed them on closing)
    assert not shm.exists() or stat.S_IMODE(shm.stat().st_mode) == 0o600
    assert entry_texts(journal) == ["first", "second", "third", SECRET]


def test_a_journal_in_a_read_only_folder_is_refused_and_unchanged(
    journal: Path, drop: Callable[[], None] | None
) -> None:
    journal.parent.chmod(0o500)
    try:
        before = snapshot(journal)
        proc = run("add", SECRET, "-m", "3", preexec=drop)
        after = snapshot(journal)
    finally:
        journal.parent.chmod(0o700)
    assert proc.returncode == 1
    line = error_line(proc)
    assert f"the folder {journal.parent} cannot be written by you" in line
    assert SECRET not in line
    assert after == before


def test_a_new_journal_in_a_read_only_folder_is_refused(
    tmp_path: Path, drop: Callable[[], None] | None
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        proc = run("--db", str(locked / "sub" / "journal.db"), "add", SECRET, preexec=drop)
    finally:
        locked.chmod(0o700)
    assert proc.returncode == 1
    assert f"the folder {locked} cannot be written by you" in error_line(proc)
    assert list(locked.iterdir()) == []


def test_root_really_was_refused(journal: Path, drop: Callable[[], None] | None) -> None:
    """The same add without dropping the capabilities succeeds as root: the tests above were
    refused by the permissions, not by something else."""
    journal.chmod(0o400)
    proc = run("add", "as myself", "-m", "3", preexec=drop)
    assert proc.returncode == 1
    journal.chmod(0o600)
    assert run("add", "as myself", "-m", "3", preexec=drop).returncode == 0


# -- another program holds the journal -----------------------------------------------------------

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE entries SET mood = 9 WHERE id = 1")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


@pytest.fixture
def held(journal: Path) -> Iterator[subprocess.Popen[bytes]]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(journal)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=subprocess_env(),
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == b"holding\n"
    try:
        yield holder
    finally:
        assert holder.stdin is not None
        holder.stdin.write(b"\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def test_a_journal_locked_longer_than_the_busy_timeout_is_a_clear_error(
    journal: Path, held: subprocess.Popen[bytes]
) -> None:
    proc = run("add", SECRET, "-m", "3", env={"WORKJOURNAL_BUSY_TIMEOUT": "0.3"})
    assert proc.returncode == 1
    line = error_line(proc)
    assert "is busy: another program has held it for more than 0.3 seconds" in line
    assert "Nothing was changed" in line
    # Readers are not blocked by a writer (WAL): the journal can still be read meanwhile.
    listed = run("list", "-f", "json", env={"WORKJOURNAL_BUSY_TIMEOUT": "0.3"})
    assert listed.returncode == 0, listed.stderr
    assert [e["mood"] for e in json.loads(listed.stdout)] == [5, 5, 5]


def test_a_writer_waits_for_a_short_lock_instead_of_failing(journal: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(journal)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=subprocess_env(),
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == b"holding\n"
    adder = subprocess.Popen(
        [sys.executable, "-m", "workjournal", "add", "waited", "-m", "4"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    holder.stdin.write(b"\n")  # release the lock while the adder waits (or before it starts)
    holder.stdin.close()
    holder.wait(timeout=30)
    holder.stdout.close()
    _, stderr = adder.communicate(timeout=60)
    assert adder.returncode == 0, stderr
    assert entry_texts(journal) == ["first", "second", "third", "waited"]


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "99999"])
def test_a_bad_busy_timeout_setting_is_a_clear_error(journal: Path, value: str) -> None:
    result = invoke("add", "x", env={"WORKJOURNAL_BUSY_TIMEOUT": value})
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: WORKJOURNAL_BUSY_TIMEOUT must be a number of seconds from 0 to 3600"
    )
    assert entry_texts(journal) == ["first", "second", "third"]
