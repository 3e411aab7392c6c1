"""Opening journals safely: what is not ours is never written, newer journals are refused,
and schema changes are backed up first."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke
from workjournal import migrations
from workjournal.errors import NewerJournal, NoJournal, NotAJournal
from workjournal.models import NewEntry
from workjournal.store import open_store

NOW = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "content",
    [
        b"just some notes\n",
        b"SQLite format 3\x00" + b"\x00" * 84 + b"junk",
        bytes(range(256)) * 7,
    ],
    ids=["text", "fake-header", "binary"],
)
def test_non_journal_files_are_left_byte_for_byte(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "notes.txt"
    path.write_bytes(content)
    for args in (["add", "hello"], ["list"]):
        result = invoke("--db", str(path), *args)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ")
        assert "is not a workjournal database" in result.stderr or "damaged" in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == content
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_other_sqlite_databases_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = invoke("--db", str(path), "add", "hello")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path} is not a workjournal database (it is some other SQLite database; "
        "nothing was changed).\n"
    )
    assert path.read_bytes() == before


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    result = invoke("--db", str(tmp_path), "list")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path} is not a workjournal database (it is a folder).\n"


def test_newer_journal_is_refused_and_untouched(db_path: Path) -> None:
    assert invoke("add", "hello").exit_code == 0
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('workjournal', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    for args in (["add", "again"], ["list"]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert "was written by a newer version of workjournal (it has m999_from_the_future)" in (
            result.stderr
        )
    assert db_path.read_bytes() == before
    with pytest.raises(NewerJournal):
        open_store(db_path, create=True)


def test_read_only_open_never_creates(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "journal.db"
    with pytest.raises(NoJournal):
        open_store(path, create=False)
    assert not (tmp_path / "nested").exists()


def test_empty_file_becomes_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch(mode=0o600)
    with open_store(path, create=True) as store:
        assert store.count_entries() == 0


def test_schema_tables_are_strict_with_the_applied_migrations(db_path: Path) -> None:
    with open_store(db_path, create=True):
        pass
    conn = sqlite3.connect(db_path)
    strict = {row[1] for row in conn.execute("PRAGMA table_list") if row[5] and row[1][0] != "_"}
    assert {
        "entries",
        "labels",
        "entry_labels",
        "homework",
        "homework_log",
        "sessions",
        "thought_records",
        "checkins",
        "safety_plan",
    } <= strict
    applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == list(migrations.NAMES)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_new_journals_default_card_items_take_its_clock_and_uuid_form(db_path: Path) -> None:
    import json
    import uuid

    moment = "2026-11-20T21:30:00+01:00"  # not UTC, so the stored UTC text differs from it
    env = {"WORKJOURNAL_NOW": moment}
    for args in (("add", "a walk", "-m", "6"), ("homework", "add", "Walk"), ("session", "add")):
        assert invoke(*args, env=env).exit_code == 0  # the first one creates the journal
    data = json.loads(invoke("export", "--format", "json", env=env).stdout)
    items = data["card_items"]
    assert {item["name"] for item in items} >= {"self-harm", "suicide", "sadness", "guilt"}
    for item in items:
        assert datetime.fromisoformat(item["created_at"]) == datetime.fromisoformat(moment)
        assert item["created_at"] == "2026-11-20T20:30:00+00:00"  # the UTC text every kind keeps
    # the same uuid form as the other kinds: uuid4 in its usual text
    others = [data[kind][0]["uuid"] for kind in ("entries", "homework", "sessions")]
    for text in [*others, *(item["uuid"] for item in items)]:
        assert str(uuid.UUID(text)) == text
        assert uuid.UUID(text).version == 4
    assert len({item["uuid"] for item in items}) == len(items)


def test_opening_twice_applies_nothing_new(db_path: Path) -> None:
    for _ in range(2):
        with open_store(db_path, create=True):
            pass
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        migrations.NAMES
    )
    conn.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]


def test_a_new_migration_backs_up_a_non_empty_journal_first(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_path, create=True) as store:
        store.add_entry(NewEntry(occurred_at=NOW, text="keep me"), created_at=NOW)

    def m002_test_column(db: Any) -> None:
        db.execute("ALTER TABLE entries ADD COLUMN extra TEXT")

    monkeypatch.setattr(migrations, "_REGISTRY", [*migrations._REGISTRY, m002_test_column])
    monkeypatch.setattr(migrations, "NAMES", (*migrations.NAMES, "m002_test_column"))
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-20T21:30:00+00:00")
    with open_store(db_path, create=False) as store:
        assert [e.text for e in store.list_entries()] == ["keep me"]
    [backup] = [p for p in db_path.parent.iterdir() if "before-upgrade" in p.name]
    assert backup.name == "journal.db.before-upgrade-20261120T213000.bak"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT text FROM entries").fetchall() == [("keep me",)]
    assert "extra" not in [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
    conn.close()
    conn = sqlite3.connect(db_path)
    assert "extra" in [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
    conn.close()


def test_failed_creation_leaves_no_half_journal(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def m002_broken(db: Any) -> None:
        db.execute("CREATE TABLE broken (")

    monkeypatch.setattr(migrations, "_REGISTRY", [*migrations._REGISTRY, m002_broken])
    monkeypatch.setattr(migrations, "NAMES", (*migrations.NAMES, "m002_broken"))
    with pytest.raises(Exception):  # noqa: B017 - any failure must clean up
        open_store(db_path, create=True)
    assert not db_path.exists()


def test_not_a_journal_error_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("hello")
    with pytest.raises(NotAJournal, match=r"x\.txt is not a workjournal database"):
        open_store(path, create=True)
