"""Issue 11, item 7: `journal demo` replaces only a demo journal it made (marked with an SQLite
application id in the header) and refuses anything else at demo.db, leaving it untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from helpers import invoke, run_journal


def _demo(db_path: Path) -> Path:
    return db_path.with_name("demo.db")


def test_the_demo_is_marked_and_a_second_demo_replaces_it(db_path: Path) -> None:
    assert invoke("add", "my real entry", "-m", "5").exit_code == 0
    assert invoke("demo", "--weeks", "1").exit_code == 0
    demo = _demo(db_path)
    conn = sqlite3.connect(demo)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x574A444D
    finally:
        conn.close()
    real = sqlite3.connect(db_path)
    try:
        assert real.execute("PRAGMA application_id").fetchone()[0] == 0
    finally:
        real.close()
    again = run_journal("demo", "--weeks", "2")
    assert again.returncode == 0, again.stderr
    assert again.stderr.decode().startswith("Wrote a demo journal with ")


@pytest.mark.parametrize("kind", ["journal", "random", "link"])
def test_the_demo_refuses_what_it_did_not_make(db_path: Path, tmp_path: Path, kind: str) -> None:
    assert invoke("add", "my real entry", "-m", "5").exit_code == 0
    demo = _demo(db_path)
    if kind == "journal":  # another journal someone called demo.db
        assert invoke("--db", str(demo), "add", "not a demo entry", "-m", "4").exit_code == 0
    elif kind == "random":
        demo.write_bytes(b"my notes, nothing to do with workjournal\n")
    else:
        target = tmp_path / "elsewhere.db"
        assert invoke("demo", "--weeks", "1").exit_code == 0
        demo.rename(target)  # a real demo journal, reached through a link: not replaced
        demo.symlink_to(target)
    before = demo.read_bytes()
    result = invoke("demo")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {demo} is not a demo journal made by `journal demo`, so it was left alone. "
        "Move it elsewhere, or pass --db to put the demo at another path.\n"
    )
    assert demo.read_bytes() == before
    if kind == "journal":
        listed = invoke("--db", str(demo), "list", "--format", "json")
        assert "not a demo entry" in listed.stdout


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_the_demo_refuses_a_lone_wal_or_shm(db_path: Path, suffix: str) -> None:
    assert invoke("add", "my real entry", "-m", "5").exit_code == 0
    demo = _demo(db_path)
    side = demo.with_name(demo.name + suffix)
    side.write_bytes(b"someone's file")
    result = run_journal("demo")
    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"Error: {side} is beside {demo} without a demo journal, so the demo left them alone. "
        "Remove them yourself, or pass --db for the demo.\n"
    )
    assert side.read_bytes() == b"someone's file"
    assert not demo.exists()
