"""Issue 11, item 11: crafted input gets a specific `Error:` line, never "an unexpected problem"
and never a traceback. Each case through CliRunner; the ones that depend on the file system
(/dev/zero, a FIFO, a dangling symlink) also as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import invoke, run_journal, subprocess_env

HUGE = "99999999999999999999"  # more than SQLite's largest integer (2**63 - 1)


def _calm(stderr: str) -> None:
    assert stderr.startswith("Error: ")
    assert "unexpected problem" not in stderr
    assert "Traceback" not in stderr


def _export(db: Path, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    assert invoke("--db", str(db), "add", "a first entry", "-m", "5").exit_code == 0
    out = tmp_path / "export.json"
    assert invoke("--db", str(db), "export", "--format", "json", "-o", str(out)).exit_code == 0
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def _thought_export(db: Path, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    made = invoke(
        "--db", str(db), "thought", "--situation", "s", "-e", "anxious:80", "--thought", "t"
    )
    assert made.exit_code == 0, made.stderr
    out = tmp_path / "thoughts.json"
    assert invoke("--db", str(db), "export", "--format", "json", "-o", str(out)).exit_code == 0
    return json.loads(out.read_text())  # type: ignore[no-any-return]


# -- imports ----------------------------------------------------------------------------------


def test_deeply_nested_json_is_refused_by_name(tmp_path: Path, db_path: Path) -> None:
    crafted = tmp_path / "deep.json"
    nested = "[" * 200_000 + "]" * 200_000
    crafted.write_text('{"format": "workjournal", "entries": ' + nested + "}")
    for source in ([], ["--from", "workjournal"], ["--from", "jrnl"]):
        result = invoke("import", str(crafted), *source)
        assert result.exit_code == 1, source
        assert result.stderr == (
            "Error: this JSON is nested too deeply (lists or objects inside each other "
            "thousands of times over); no export looks like that. Nothing was imported.\n"
        )
    assert not db_path.exists()


def test_an_integer_of_more_than_4300_digits_is_refused_by_name(
    tmp_path: Path, db_path: Path
) -> None:
    data = _export(db_path, tmp_path)
    data["entries"][0]["mood"] = "MOOD"
    text = json.dumps(data).replace('"MOOD"', "7" * 5000)
    crafted = tmp_path / "bigint.json"
    crafted.write_text(text)
    for source in ([], ["--from", "workjournal"], ["--from", "jrnl"]):
        result = invoke("import", str(crafted), *source)
        assert result.exit_code == 1, source
        limit = sys.get_int_max_str_digits()
        assert result.stderr == (
            f"Error: this JSON has a number with more than {limit} digits; no export holds one. "
            "Nothing was imported.\n"
        )


def test_a_daylio_note_over_128_kib_is_imported_whole(tmp_path: Path) -> None:
    note = "word " * 40_000  # 200,000 characters: over the csv module's default field limit
    crafted = tmp_path / "daylio.csv"
    crafted.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        f'2026-11-20,November 20,Friday,20:10,good,,,"{note}"\n'
    )
    result = invoke("import", str(crafted))
    assert result.exit_code == 0, result.stderr
    shown = invoke("show", "1", "--format", "json")
    assert json.loads(shown.stdout)["text"] == note.strip()
    import csv

    assert csv.field_size_limit() == 131072  # the process-wide limit is given back


def test_import_of_dev_zero_stops_at_the_size_limit() -> None:
    from workjournal.importers import MAX_IMPORT_BYTES

    assert MAX_IMPORT_BYTES == 256 * 1024 * 1024
    expected = (
        "Error: /dev/zero is larger than 256 MB, the most an import reads; it is not an export "
        "workjournal knows. Nothing was imported.\n"
    )
    result = invoke("import", "/dev/zero", "--from", "daylio")
    assert result.exit_code == 1
    assert result.stderr == expected
    real = run_journal("import", "/dev/zero")
    assert real.returncode == 1
    assert real.stderr.decode() == expected


def test_a_regular_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from workjournal.importers import MAX_IMPORT_BYTES

    sparse = tmp_path / "huge.json"
    with sparse.open("wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used
    result = invoke("import", str(sparse))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {sparse} is larger than 256 MB")


def test_a_lone_surrogate_in_a_thought_record_is_refused_without_mentioning_nul(
    tmp_path: Path, db_path: Path
) -> None:
    typed = invoke("thought", "--situation", "s", "-e", "anx\udcffious:80", "--thought", "t")
    assert typed.exit_code == 2
    assert "not valid UTF-8" in typed.stderr
    assert "NUL" not in typed.stderr

    data = _thought_export(db_path, tmp_path)
    data["thought_records"][0]["uuid"] = "00000000-0000-4000-8000-000000000001"
    data["thought_records"][0]["emotions_before"][0]["name"] = "anx\ud800ious"
    crafted = tmp_path / "emotion.json"
    crafted.write_text(json.dumps(data))  # ASCII JSON with a \ud800 escape, as a crafted file
    result = invoke("import", str(crafted))
    assert result.exit_code == 1
    _calm(result.stderr)
    assert result.stderr.startswith('Error: thought record 1: "emotions_before" must be')
    assert "NUL" not in result.stderr

    data["thought_records"][0]["emotions_before"][0]["name"] = "anxious"
    data["thought_records"][0]["situation"] = "s\ud800"
    crafted.write_text(json.dumps(data))
    result = invoke("import", str(crafted))
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: thought record 1: "situation" must be valid Unicode text (it has a lone '
        "surrogate). Nothing was imported.\n"
    )


def test_a_nul_in_imported_text_is_still_called_a_nul(tmp_path: Path, db_path: Path) -> None:
    data = _export(db_path, tmp_path)
    data["entries"][0]["uuid"] = "00000000-0000-4000-8000-000000000002"
    data["entries"][0]["text"] = "a\x00b"
    crafted = tmp_path / "nul.json"
    crafted.write_text(json.dumps(data))
    result = invoke("import", str(crafted))
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: entry 1: "text" must be text without NUL characters. Nothing was imported.\n'
    )


# -- ids and counts beyond SQLite's integers --------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["list", "-n", HUGE], "'-n' / '--number'"),
        (["show", HUGE], "'ID'"),
        (["edit", HUGE, "-m", "4"], "'ID'"),
        (["delete", HUGE, "--yes"], "'ID'"),
    ],
)
def test_a_number_beyond_sqlite_integers_is_a_usage_error(args: list[str], name: str) -> None:
    assert invoke("add", "one entry", "-m", "5").exit_code == 0
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Error: Invalid value for {name}: {HUGE} is not in the range" in result.stderr, (
        result.stderr
    )
    assert "unexpected problem" not in result.stderr


def test_the_largest_sqlite_integer_is_still_accepted() -> None:
    assert invoke("add", "one entry", "-m", "5").exit_code == 0
    listed = invoke("list", "-n", str(2**63 - 1), "--format", "json")
    assert listed.exit_code == 0
    assert len(json.loads(listed.stdout)) == 1
    shown = invoke("show", str(2**63 - 1))
    assert shown.exit_code == 1
    _calm(shown.stderr)


# -- what is at --db --------------------------------------------------------------------------


def _both(*args: str) -> list[tuple[int, str]]:
    """The same command in-process and as a real process: (exit code, stderr) of each."""
    here = invoke(*args)
    real = run_journal(*args)
    return [(here.exit_code, here.stderr), (real.returncode, real.stderr.decode())]


def test_a_dangling_symlink_as_db_is_named_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    target = tmp_path / "gone" / "journal.db"
    link.symlink_to(target)
    expected = (
        f"Error: {link} is a symbolic link to {target}, which does not exist. Point --db at "
        "the journal file itself, or remove the link.\n"
    )
    for args in (["add", "an entry", "-m", "5"], ["list"]):
        for code, stderr in _both("--db", str(link), *args):
            assert (code, stderr) == (1, expected)
    assert not target.parent.exists()
    assert link.is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "dev-null"])
def test_a_fifo_or_dev_null_as_db_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe.db"
        os.mkfifo(path)
    else:
        path = Path("/dev/null")
    expected = f"Error: {path} is not a workjournal database (it is not a regular file).\n"
    for args in (["add", "an entry", "-m", "5"], ["list"]):
        for code, stderr in _both("--db", str(path), *args):
            assert (code, stderr) == (1, expected)
            assert "folder" not in stderr


# -- decrypt and a held lock ------------------------------------------------------------------


def test_decrypt_waits_for_a_held_lock_as_long_as_it_says(
    db_path: Path, passphrase_file: Path
) -> None:
    from conftest import PASSPHRASE
    from workjournal import crypto
    from workjournal.store import open_store

    with open_store(db_path, create=True, passphrase=lambda: PASSPHRASE, encrypt_new=True):
        pass
    holder = crypto.connect(db_path, lambda: PASSPHRASE, timeout=1)
    try:
        assert holder.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("SELECT count(*) FROM entries").fetchone()
        proc = subprocess.run(
            [sys.executable, "-m", "workjournal", "decrypt"],
            capture_output=True,
            env=subprocess_env(WORKJOURNAL_BUSY_TIMEOUT="1.5"),
            timeout=60,
            check=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 1
    assert proc.stderr.decode() == (
        f"Error: the journal at {db_path} is busy: another program has held it for more than "
        "1.5 seconds. Nothing was changed; try again in a moment.\n"
    )
    from workjournal.store import looks_encrypted

    assert looks_encrypted(db_path)


def test_decrypt_while_another_program_has_it_open_does_not_claim_a_wait(
    db_path: Path, passphrase_file: Path
) -> None:
    from conftest import PASSPHRASE
    from workjournal import crypto
    from workjournal.store import open_store

    with open_store(db_path, create=True, passphrase=lambda: PASSPHRASE, encrypt_new=True):
        pass
    holder = crypto.connect(db_path, lambda: PASSPHRASE, timeout=1)
    try:
        holder.execute("SELECT count(*) FROM entries").fetchone()  # idle, in WAL mode
        proc = run_journal("decrypt", env={"WORKJOURNAL_BUSY_TIMEOUT": "1.5"})
    finally:
        holder.close()
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert err == (
        f"Error: the journal at {db_path} is open in another program (another `journal` "
        "command?). Close it and try again; nothing was changed.\n"
    )
    assert "seconds" not in err
