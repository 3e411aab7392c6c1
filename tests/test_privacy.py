"""Files the program writes are its owner's alone (0600 files in 0700 folders) whatever the
umask, and entry text never appears in an error message or a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from harsh import error_line, run
from helpers import subprocess_env
from workjournal import migrations
from workjournal.store import open_store

SECRET = "the thing I never told anyone"


def umask_zero() -> None:
    os.umask(0)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_journal_is_private_even_with_umask_0(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "journal.db"
    proc = run("--db", str(db), "add", "first", "-m", "4", preexec=umask_zero)
    assert proc.returncode == 0, proc.stderr
    assert oct(mode(db)) == oct(0o600)
    assert oct(mode(db.parent)) == oct(0o700)
    assert oct(mode(db.parent.parent)) == oct(0o700)
    # A control: this umask really lets other processes make world-writable files.
    probe = tmp_path / "probe"
    subprocess.run(
        [sys.executable, "-c", f"open({str(probe)!r}, 'w')"], preexec_fn=umask_zero, check=True
    )
    assert mode(probe) == 0o666


OPEN_AND_LOOK = """
import json, os, stat, sys
from pathlib import Path
from datetime import datetime, timezone
from workjournal.models import NewEntry
from workjournal.store import open_store
os.umask(0)
path = Path(sys.argv[1])
store = open_store(path, create=True)
now = datetime(2026, 11, 20, 21, 30, tzinfo=timezone.utc)
store.add_entry(NewEntry(occurred_at=now, text="x", mood=3), created_at=now)
modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in path.parent.iterdir()}
store.close()
print(json.dumps(modes))
"""


def test_wal_and_shm_files_are_private_while_the_journal_is_open(tmp_path: Path) -> None:
    db = tmp_path / "j" / "journal.db"
    proc = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LOOK, str(db)],
        capture_output=True,
        env=subprocess_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    modes = json.loads(proc.stdout)
    assert modes == {
        "journal.db": "0o600",
        "journal.db-wal": "0o600",
        "journal.db-shm": "0o600",
    }


EDITOR = """
import os, stat, sys
path = sys.argv[1]
with open(os.environ["RECORD"], "w") as fh:
    fh.write(f"{path}\\n{oct(stat.S_IMODE(os.stat(path).st_mode))}\\n")
    fh.write(oct(stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode)))
with open(path, "w") as fh:
    fh.write("written in the editor")
"""


def test_the_editor_temp_file_is_private_and_removed(tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR)
    record = tmp_path / "record"
    proc = run(
        "add",
        "--edit",
        "-m",
        "4",
        env={"EDITOR": f"{sys.executable} {editor}", "RECORD": str(record)},
        preexec=umask_zero,
    )
    assert proc.returncode == 0, proc.stderr
    temp_file, file_mode, dir_mode = record.read_text().splitlines()
    assert (file_mode, dir_mode) == ("0o600", "0o700")
    assert not Path(temp_file).exists()
    assert not Path(temp_file).parent.exists()
    listed = run("list", "-f", "json")
    assert [e["text"] for e in json.loads(listed.stdout)] == ["written in the editor"]


def test_the_backup_made_before_migrating_is_private(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("add", "before the upgrade", "-m", "4").returncode == 0
    monkeypatch.setattr(migrations, "_REGISTRY", [*migrations._REGISTRY, _m999_nothing])
    monkeypatch.setattr(migrations, "NAMES", (*migrations.NAMES, "_m999_nothing"))
    old_umask = os.umask(0)
    try:
        with open_store(db_path, create=True):
            pass
    finally:
        os.umask(old_umask)
    [backup] = db_path.parent.glob("journal.db.before-upgrade-*.bak")
    assert oct(mode(backup)) == oct(0o600)
    assert oct(mode(db_path.parent)) == oct(0o700)


def _m999_nothing(db: object) -> None:
    """A migration that changes nothing."""


# -- entry text never in an error ------------------------------------------------------------------


def test_text_is_not_echoed_when_the_rest_of_the_entry_is_refused() -> None:
    for extra in (["-m", "11"], ["--at", "tomorrow"], ["-e", "angry:170"], ["-t", " "]):
        proc = run("add", SECRET, *extra)
        assert proc.returncode == 2
        assert SECRET not in proc.stderr.decode()
    proc = run("add", SECRET + "\x01", "-m", "4", "--at", "1850-01-01")
    assert proc.returncode == 2
    assert SECRET not in proc.stderr.decode()


BROKEN = """
import sys
from workjournal import store

def explode(self, new, **kwargs):
    raise RuntimeError("bug while saving: " + new.text)

store.Store._insert_entry = explode
sys.argv = ["journal", *sys.argv[1:]]
from workjournal.cli import main
main()
"""


def test_an_unexpected_bug_shows_neither_a_traceback_nor_the_text(db_path: Path) -> None:
    assert run("add", "first", "-m", "4").returncode == 0
    proc = subprocess.run(
        [sys.executable, "-c", BROKEN, "add", SECRET, "-m", "3"],
        capture_output=True,
        env=subprocess_env(),
        check=False,
    )
    assert proc.returncode == 1
    line = error_line(proc)
    assert line.startswith("Error: an unexpected problem (RuntimeError).")
    assert SECRET not in proc.stderr.decode()
