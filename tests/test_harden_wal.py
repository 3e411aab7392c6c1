"""Issue 11, item 3: a journal left in rollback-journal mode (what an `encrypt` or `decrypt`
killed midway leaves) is back in WAL mode after any command that writes, plain or encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import PASSPHRASE
from helpers import invoke, run_journal


def _connect(db_path: Path, kind: str) -> Any:
    if kind == "encrypted":
        from workjournal import crypto

        return crypto.connect(db_path, lambda: PASSPHRASE, timeout=5)
    import sqlite3

    return sqlite3.connect(db_path, isolation_level=None)


def _to_rollback_mode(db_path: Path, kind: str) -> None:
    conn = _connect(db_path, kind)
    try:
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert _mode(db_path, kind) == "delete"


def _mode(db_path: Path, kind: str) -> str:
    conn = _connect(db_path, kind)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


WRITERS = [
    ["add", "written after the kill", "-m", "5"],
    ["edit", "1", "-m", "6"],
    ["delete", "1", "--yes"],
    ["thought", "--situation", "s", "-e", "anxious:50", "--thought", "t"],
    ["homework", "add", "Walk for ten minutes"],
]


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_any_writer_restores_wal(db_path: Path, journal_kind: str, args: list[str]) -> None:
    assert invoke("add", "the first entry", "-m", "4").exit_code == 0
    _to_rollback_mode(db_path, journal_kind)
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert _mode(db_path, journal_kind) == "wal"


def test_a_reader_leaves_the_mode_alone_and_the_next_real_writer_restores_it(
    db_path: Path,
) -> None:
    assert invoke("add", "the first entry", "-m", "4").exit_code == 0
    _to_rollback_mode(db_path, "plain")
    assert run_journal("list").returncode == 0
    assert _mode(db_path, "plain") == "delete"  # reading never writes
    assert run_journal("add", "a second entry", "-m", "5").returncode == 0
    assert _mode(db_path, "plain") == "wal"
