"""A damaged journal (random bytes overwritten, a truncated file, a row no version writes):
a clear error and no traceback, no entry text in it, and nothing half-written on top."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from harsh import error_line, run
from helpers import invoke, run_journal

SECRET = "what my therapist said about the anger"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A journal of 150 entries over several pages, checkpointed into one file."""
    folder = tmp_path_factory.mktemp("pristine")
    path = folder / "journal.db"
    added = run_journal(
        "--db", str(path), "add", "seed", "-m", "5", env={"WORKJOURNAL_NOW": "2026-11-20T09:00Z"}
    )
    assert added.returncode == 0, added.stderr
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for i in range(150):
        conn.execute(
            "INSERT INTO entries (uuid, occurred_utc, occurred_offset, created_utc, "
            "created_offset, text, mood) VALUES (?, ?, 0, ?, 0, ?, ?)",
            (f"u{i}", f"2026-10-{1 + i % 28:02d}T10:00:00+00:00", "2026-11-01T10:00:00+00:00",
             f"{SECRET} number {i} " + "words " * 30, 1 + i % 10),
        )  # fmt: skip
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.read_bytes()


COMMANDS = [
    ("list", "-n", "1000", "-f", "json"),
    ("list", "--search", "therapist"),
    ("show", "42", "-f", "json"),
    ("add", SECRET, "-m", "3"),
    ("edit", "7", "-m", "2"),
]


def check_calm(result_code: int, stderr: str) -> None:
    assert result_code in (0, 1), stderr
    assert "Traceback" not in stderr
    assert SECRET not in stderr
    if result_code == 1:
        assert stderr.startswith("Error: "), stderr
        assert "unexpected problem" not in stderr, stderr


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_overwritten_give_a_clear_error_or_a_correct_answer(
    db_path: Path, pristine: bytes, seed: int
) -> None:
    rng = random.Random(seed)
    data = bytearray(pristine)
    start = 0 if seed % 5 == 0 else 100  # a fifth of them also hit the file header
    for _ in range(rng.choice([1, 8, 64])):
        offset = rng.randrange(start, len(data))
        length = rng.choice([1, 4, 64])
        data[offset : offset + length] = rng.randbytes(length)[: len(data) - offset]
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes(bytes(data))
    for args in COMMANDS:
        before = db_path.read_bytes()
        result = invoke(*args)
        check_calm(result.exit_code, result.stderr)
        if result.exit_code == 1 and args[0] in ("add", "edit"):
            assert db_path.read_bytes() == before, "a refused write changed the journal"


@pytest.mark.parametrize("keep", [16, 100, 1024, 4096, 0.5, -4096, -1])
def test_a_truncated_journal_gives_a_clear_error(
    db_path: Path, pristine: bytes, keep: float
) -> None:
    size = int(len(pristine) * keep) if isinstance(keep, float) else keep % len(pristine)
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes(pristine[:size])
    for args in COMMANDS:
        before = db_path.read_bytes()
        result = invoke(*args)
        check_calm(result.exit_code, result.stderr)
        if result.exit_code == 1 and args[0] in ("add", "edit"):
            assert db_path.read_bytes() == before


def test_a_damaged_journal_in_a_real_process(db_path: Path, pristine: bytes) -> None:
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes(pristine)
    conn = sqlite3.connect(db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'entries'").fetchone()[0]
    conn.close()
    data = bytearray(pristine)
    data[(root - 1) * page_size : root * page_size] = bytes(page_size)  # the table's root page
    db_path.write_bytes(bytes(data))
    proc = run("list", "-n", "1000")
    assert proc.returncode == 1
    line = error_line(proc)
    assert "is damaged" in line
    assert SECRET not in line


def test_text_that_is_not_utf8_in_the_file_is_damage_and_never_quoted(db_path: Path) -> None:
    """Python's sqlite3 quotes the whole value when a column is not valid UTF-8; that message
    must not reach the person (it would show entry text)."""
    assert run_journal("add", "fine", "-m", "5").returncode == 0
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(
        "UPDATE entries SET text = CAST(? AS TEXT) WHERE id = 1",
        (SECRET.encode() + b"\xff\xfe",),
    )
    conn.close()
    for args in (("list",), ("show", "1"), ("edit", "1", "-m", "3")):
        proc = run(*args)
        assert proc.returncode == 1
        line = error_line(proc)
        assert "is damaged" in line
        assert SECRET not in proc.stderr.decode("utf-8", "replace")


def test_a_row_with_an_impossible_moment_is_damage_not_a_crash(db_path: Path) -> None:
    assert run_journal("add", SECRET, "-m", "5").returncode == 0
    conn = sqlite3.connect(db_path, isolation_level=None)
    # The schema's generated local_day refuses text that SQLite cannot read as a moment, so use
    # one it can (a Julian day number) but that is not the ISO 8601 text the journal writes.
    conn.execute("UPDATE entries SET occurred_utc = '2461000.5' WHERE id = 1")
    conn.close()
    proc = run("list")
    assert proc.returncode == 1
    assert "is damaged" in error_line(proc)
    assert SECRET not in proc.stderr.decode()
