"""Issue 11, item 12: the smaller defects. A jrnl time with an offset keeps it; -wal/-shm left
read-only by a reader of a 0400 journal are owner read-write again for the next writer;
`encrypt --keep-plain-backup` leaves no plain copy when the conversion does not happen; an
imported entry whose UUID exists with other content is reported."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

from helpers import invoke, run_journal


def _jrnl(tmp_path: Path, *entries: dict) -> Path:  # type: ignore[type-arg]
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps({"tags": {}, "entries": list(entries)}))
    return path


def _entry(time: str, body: str) -> dict:  # type: ignore[type-arg]
    return {"title": "", "body": body, "date": "2026-11-20", "time": time, "tags": []}


def test_a_jrnl_time_with_an_offset_keeps_it(tmp_path: Path) -> None:
    crafted = _jrnl(tmp_path, _entry("21:30:00+05:30", "in Delhi"), _entry("21:30", "at home"))
    result = invoke("import", str(crafted), "--from", "jrnl")
    assert result.exit_code == 0, result.stderr
    listed = json.loads(invoke("list", "--format", "json").stdout)
    moments = {e["text"]: e["occurred_at"] for e in listed}
    assert moments == {
        "in Delhi": "2026-11-20T21:30:00+05:30",
        "at home": "2026-11-20T21:30:00+00:00",  # no offset: the local zone (London, in Nov)
    }


def test_a_jrnl_offset_with_seconds_is_refused(tmp_path: Path, db_path: Path) -> None:
    crafted = _jrnl(tmp_path, _entry("10:00+00:00:30", "odd"))
    result = invoke("import", str(crafted), "--from", "jrnl")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entry 1: the date and time has a UTC offset with seconds, which the journal "
        "cannot store. Nothing was imported.\n"
    )
    assert not db_path.exists()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sidecars_left_read_only_by_a_reader_are_made_writable_again(db_path: Path) -> None:
    assert invoke("add", "first", "-m", "5").exit_code == 0
    db_path.chmod(0o400)
    reader = sqlite3.connect(db_path)  # SQLite gives -wal/-shm the journal's own mode
    try:
        reader.execute("SELECT count(*) FROM entries").fetchone()
        wal, shm = (db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))
        assert (_mode(wal), _mode(shm)) == (0o400, 0o400)
        db_path.chmod(0o600)
        result = run_journal("add", "second", "-m", "6")
        assert result.returncode == 0, result.stderr
        assert (_mode(wal), _mode(shm)) == (0o600, 0o600)
    finally:
        reader.close()


def test_keep_plain_backup_leaves_no_copy_when_encrypting_is_refused(
    db_path: Path, passphrase_file: Path
) -> None:
    assert invoke("add", "first", "-m", "5").exit_code == 0
    holder = sqlite3.connect(db_path)  # another program has the journal open
    try:
        holder.execute("SELECT count(*) FROM entries").fetchone()
        result = run_journal("encrypt", "--keep-plain-backup")
    finally:
        holder.close()
    assert result.returncode == 1
    assert b"is open in another program" in result.stderr
    assert [n for n in os.listdir(db_path.parent) if ".plain-" in n] == []
    listed = invoke("list", "--format", "json")
    assert [e["text"] for e in json.loads(listed.stdout)] == ["first"]


def test_an_imported_uuid_with_other_content_is_reported(tmp_path: Path) -> None:
    assert invoke("add", "the original", "-m", "5").exit_code == 0
    out = tmp_path / "export.json"
    assert invoke("export", "--format", "json", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text())
    uuid = data["entries"][0]["uuid"]
    data["entries"][0]["text"] = "changed elsewhere"
    out.write_text(json.dumps(data))
    result = invoke("import", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Already in the journal with different content" in result.stderr
    assert "1 entry" in result.stderr
    assert uuid in result.stderr
    listed = json.loads(invoke("list", "--format", "json").stdout)
    assert [e["text"] for e in listed] == ["the original"]
