"""Issue 11, item 8: `journal delete` is for good. After it, the entry's words are in no byte
of the journal file or its WAL (not in the row, not in the full-text index), and the names
only it used are no longer offered by completion."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from helpers import invoke, run_journal

MARK = "zqxjkwub"  # a word no other entry has, with no suffix the porter stemmer would cut
OTHER = "qvvplonk"


def _bytes(db_path: Path) -> bytes:
    found = db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        found += wal.read_bytes()
    return found


def _complete(db_path: Path, words: str) -> list[str]:
    result = run_journal(
        env={
            "_JOURNAL_COMPLETE": "complete_bash",
            "COMP_WORDS": f"journal --db {db_path} {words}",
            "COMP_CWORD": str(len(words.split()) + 2),
        }
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.decode().splitlines() if line]


def _add_marked(db_path: Path) -> None:
    for n in range(30):  # a journal with more in it than the one entry
        assert invoke("add", f"an ordinary day number {n}", "-m", "5", "-t", "work").exit_code == 0
    added = invoke(
        "add",
        f"the {MARK} that I want gone",
        "-m",
        "3",
        "-t",
        f"{MARK}trig",
        "-g",
        f"{MARK}tag",
        "-e",
        f"{MARK}emo:40",
        "-c",
        f"{MARK}cope",
    )
    assert added.exit_code == 0, added.stderr
    assert invoke("add", f"keep {OTHER} please", "-m", "6", "-t", "work").exit_code == 0


def test_a_deleted_entry_leaves_no_word_in_the_file_or_its_wal(db_path: Path) -> None:
    _add_marked(db_path)
    # Another program holds the journal open, so the WAL outlives the command.
    reader = sqlite3.connect(db_path)
    try:
        reader.execute("SELECT count(*) FROM entries").fetchone()
        assert MARK.encode() in _bytes(db_path)  # (the check below can fail)
        deleted = invoke("delete", "31", "--yes")
        assert deleted.exit_code == 0, deleted.stderr
        assert deleted.stderr == "Deleted entry 31.\n"
        data = _bytes(db_path)
        assert MARK.encode() not in data
        assert MARK.upper().encode() not in data
        assert OTHER.encode() in data  # the rest is still there
        wal = db_path.with_name(db_path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
        # The index no longer finds it; the other entries are still found.
        assert reader.execute(
            "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (MARK,)
        ).fetchone() == (0,)
        assert reader.execute(
            "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (OTHER,)
        ).fetchone() == (1,)
        assert reader.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        reader.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
    finally:
        reader.close()
    listed = invoke("list", "-s", OTHER, "--format", "json")
    assert listed.exit_code == 0
    assert OTHER in listed.stdout
    assert invoke("list", "-s", MARK, "--format", "json").stdout.strip() == "[]"


def test_names_only_the_deleted_entry_used_are_forgotten(db_path: Path) -> None:
    _add_marked(db_path)
    assert _complete(db_path, "add -t zq") == [f"{MARK}trig"]
    assert _complete(db_path, "add -g zq") == [f"{MARK}tag"]
    assert invoke("delete", "31", "--yes").exit_code == 0
    for option in ("-t", "-g", "-e", "-c"):
        assert _complete(db_path, f"add {option} zq") == []
    assert _complete(db_path, "add -t wo") == ["work"]  # still used: still offered
    conn = sqlite3.connect(db_path)
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM labels ORDER BY name")]
    finally:
        conn.close()
    assert names == ["work"]
    assert MARK.encode() not in _bytes(db_path)


def test_a_deleted_thought_record_leaves_no_word_behind(db_path: Path) -> None:
    assert invoke("add", "an entry", "-m", "5").exit_code == 0
    made = invoke(
        "thought", "--situation", f"the {MARK} meeting", "-e", "anxious:70", "--thought", "t"
    )
    assert made.exit_code == 0, made.stderr
    kept = invoke("thought", "--situation", f"the {OTHER} call", "-e", "sad:30", "--thought", "t")
    assert kept.exit_code == 0, kept.stderr
    assert MARK.encode() in _bytes(db_path)
    result = invoke("thought", "delete", "1", "--yes")
    assert result.exit_code == 0, result.stderr
    assert MARK.encode() not in _bytes(db_path)
    assert OTHER.encode() in _bytes(db_path)


@pytest.mark.usefixtures("journal_kind")
def test_delete_works_on_plain_and_encrypted_journals_alike(db_path: Path) -> None:
    assert invoke("add", f"the {MARK} day", "-m", "4", "-t", f"{MARK}trig").exit_code == 0
    assert invoke("add", "another day", "-m", "6").exit_code == 0
    result = run_journal("delete", "1", "--yes")
    assert result.returncode == 0, result.stderr
    listed = run_journal("list", "--format", "json")
    assert listed.returncode == 0
    assert MARK.encode() not in listed.stdout
    assert b"another day" in listed.stdout
    assert _complete(db_path, "add -t zq") == []


@pytest.mark.usefixtures("journal_kind")
def test_every_connection_zeroes_what_it_deletes(db_path: Path) -> None:
    """SQLite's default for secure_delete depends on how it was built (Debian's sqlite3 has it
    on, SQLCipher off): the store turns it on, so the other kinds' deletes (thought records,
    sessions...) and edits leave no words in freed space either."""
    from conftest import PASSPHRASE
    from workjournal.store import open_store

    assert invoke("add", "an entry", "-m", "5").exit_code == 0
    for create in (True, False):
        with open_store(db_path, create=create, passphrase=lambda: PASSPHRASE) as store:
            assert store.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
