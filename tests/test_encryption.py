"""Encryption at rest: SQLCipher journals, where the passphrase comes from, encrypt/decrypt/
passphrase, and the promise that nothing private is readable in the files on disk."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from conftest import PASSPHRASE
from helpers import invoke, run_journal, subprocess_env
from workjournal import crypto
from workjournal.errors import EncryptionError
from workjournal.models import Emotion, EntryFilter, NewEntry
from workjournal.store import looks_encrypted, open_store, translate

WRONG = "Error: wrong passphrase or not a workjournal database\n"
NOW = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
TEXTS = ("Snapped at my sister after the call", "Panic on the tube, left at Holborn")
SECRETS = (*TEXTS, "landlord", "overtime", "workjournal", "entries_fts_insert")


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict: no test touches a real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def no_real_keyring() -> Iterator[None]:
    """Every test starts with a keyring that refuses everything (like a headless machine)."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Pretend there is a terminal; the test appends the answers it will give, in order."""
    answers: list[str] = []
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(crypto, "terminal_available", lambda: True)
    monkeypatch.setattr(crypto, "_ask", ask)
    return answers


def _fill(db_path: Path, *, passphrase: str | None = None) -> None:
    """Write entries with every kind of field straight through the store."""
    with open_store(
        db_path,
        create=True,
        passphrase=(lambda: passphrase) if passphrase else None,
        encrypt_new=passphrase is not None,
    ) as store:
        store.add_entry(
            NewEntry(
                occurred_at=NOW,
                text=TEXTS[0],
                mood=3,
                triggers=("landlord",),
                emotions=(Emotion("angry", 70),),
                coping=("walk",),
                tags=("home",),
                discuss=True,
            ),
            created_at=NOW,
        )
        store.add_entry(
            NewEntry(occurred_at=NOW, text=TEXTS[1], triggers=("overtime",), private=True),
            created_at=NOW,
        )


def _everything(db_path: Path, passphrase: str | None = None) -> list[object]:
    source = (lambda: passphrase) if passphrase else None
    with open_store(db_path, create=False, passphrase=source) as store:
        return list(store.list_entries(EntryFilter(include_private=True)))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _assert_no_plaintext(*paths: Path) -> None:
    for path in paths:
        raw = path.read_bytes().lower()
        for secret in SECRETS:
            assert secret.lower().encode() not in raw, f"{secret!r} readable in {path.name}"


def _encrypted_journal(db_path: Path) -> None:
    _fill(db_path, passphrase=PASSPHRASE)
    assert looks_encrypted(db_path)


# -- encrypt / decrypt ----------------------------------------------------------------------


def test_encrypt_then_decrypt_keeps_every_entry(db_path: Path, passphrase_file: Path) -> None:
    _fill(db_path)
    before = _everything(db_path)
    assert len(before) == 2
    encrypted = invoke("encrypt")
    assert encrypted.exit_code == 0, encrypted.stderr
    assert encrypted.stdout == ""
    assert encrypted.stderr.startswith(f"Encrypted the journal at {db_path} (2 entries).\n")
    assert looks_encrypted(db_path)
    assert _everything(db_path, PASSPHRASE) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]
    _assert_no_plaintext(db_path)
    assert db_path.stat().st_mode & 0o777 == 0o600

    decrypted = invoke("decrypt")
    assert decrypted.exit_code == 0, decrypted.stderr
    assert decrypted.stderr.startswith(f"Decrypted the journal at {db_path} (2 entries)")
    assert db_path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert _everything(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]


def test_encrypt_keeps_a_plain_backup_only_when_asked(db_path: Path, passphrase_file: Path) -> None:
    _fill(db_path)
    before = _everything(db_path)
    result = invoke("--db", str(db_path), "encrypt", "--keep-plain-backup")
    assert result.exit_code == 0, result.stderr
    [backup] = [p for p in db_path.parent.iterdir() if p.name != "journal.db"]
    assert backup.name.startswith("journal.db.plain-") and backup.name.endswith(".bak")
    assert f"A plain, unencrypted copy was kept at {backup}" in result.stderr
    assert backup.stat().st_mode & 0o777 == 0o600
    assert _everything(backup) == before


def test_encrypt_asks_twice_on_the_terminal(db_path: Path, terminal: list[str]) -> None:
    _fill(db_path)
    terminal.extend(["a new passphrase", "a typo"])
    before = db_path.read_bytes()
    result = invoke("encrypt")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: the two passphrases differ; nothing was changed.\n",
    )
    assert db_path.read_bytes() == before
    terminal.extend(["a new passphrase", "a new passphrase"])
    assert invoke("encrypt").exit_code == 0
    assert len(_everything(db_path, "a new passphrase")) == 2


def test_encrypt_refuses_an_encrypted_journal_and_decrypt_a_plain_one(
    db_path: Path, passphrase_file: Path
) -> None:
    _fill(db_path)
    result = invoke("decrypt")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: the journal at {db_path} is not encrypted; nothing was changed.\n",
    )
    assert invoke("encrypt").exit_code == 0
    again = invoke("encrypt")
    assert again.exit_code == 1
    assert again.stderr == (
        f"Error: the journal at {db_path} is already encrypted; `journal passphrase` changes "
        "its passphrase.\n"
    )


def test_encrypt_without_a_journal_is_a_clear_error(db_path: Path, passphrase_file: Path) -> None:
    result = invoke("encrypt")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: there is no journal at {db_path} yet.")
    assert not db_path.exists()


# -- raw bytes ------------------------------------------------------------------------------


def test_database_wal_and_backup_hold_no_plaintext(db_path: Path, tmp_path: Path) -> None:
    source = lambda: PASSPHRASE  # noqa: E731
    with open_store(db_path, create=True, passphrase=source, encrypt_new=True) as reader:
        # The reader keeps the journal open, so the writes stay in the -wal file.
        _fill(db_path, passphrase=PASSPHRASE)
        wal = db_path.with_name("journal.db-wal")
        assert wal.stat().st_size > 0
        backup = tmp_path / "backups" / "copy.db"
        reader.backup_to(backup)
        _assert_no_plaintext(db_path, wal, db_path.with_name("journal.db-shm"), backup)
    assert looks_encrypted(backup)
    assert backup.stat().st_mode & 0o777 == 0o600
    assert _everything(backup, PASSPHRASE) == _everything(db_path, PASSPHRASE)
    with pytest.raises(EncryptionError, match="wrong passphrase"):
        _everything(backup, "not the passphrase")


# -- wrong passphrase and its sources -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("list",), ("add", "one more", "-m", "4"), ("decrypt",), ("show", "1"), ("passphrase",)],
)
def test_wrong_passphrase_touches_nothing(
    db_path: Path, passphrase_file: Path, args: tuple[str, ...]
) -> None:
    _encrypted_journal(db_path)
    passphrase_file.write_text("not the passphrase\n")
    before = _snapshot(db_path.parent)
    result = run_journal(*args)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == WRONG  # one line: no SQLCipher log noise
    assert _snapshot(db_path.parent) == before


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_a_passphrase_file_others_can_read_is_refused(
    db_path: Path, passphrase_file: Path, mode: int
) -> None:
    _encrypted_journal(db_path)
    passphrase_file.chmod(mode)
    result = invoke("list")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: WORKJOURNAL_PASSPHRASE_FILE ({passphrase_file}) can be read by other users "
        f"(mode {mode:o}). Make it private with `chmod 600 {passphrase_file}` and try again.\n"
    )
    assert PASSPHRASE not in result.stderr


def test_passphrase_file_missing_or_empty(db_path: Path, passphrase_file: Path) -> None:
    _encrypted_journal(db_path)
    passphrase_file.write_text("\n")
    empty = invoke("list")
    assert (empty.exit_code, empty.stderr) == (
        1,
        f"Error: the passphrase from WORKJOURNAL_PASSPHRASE_FILE ({passphrase_file}) is empty.\n",
    )
    passphrase_file.unlink()
    missing = invoke("list")
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"Error: WORKJOURNAL_PASSPHRASE_FILE ({passphrase_file}) does not exist.\n",
    )


def test_no_terminal_and_no_file_is_a_clear_error(db_path: Path) -> None:
    _encrypted_journal(db_path)
    result = run_journal("list")  # a real process without a terminal, keyring or file
    assert result.returncode == 1
    assert result.stderr.decode().startswith(
        f"Error: the journal at {db_path} is encrypted and there is no terminal to ask for its "
        "passphrase."
    )


def test_prompt_is_used_when_there_is_no_file(db_path: Path, terminal: list[str]) -> None:
    _encrypted_journal(db_path)
    terminal.append(PASSPHRASE)
    result = invoke("list", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert {e["text"] for e in json.loads(result.stdout)} == set(TEXTS)
    assert terminal == []  # asked exactly once


def test_missing_sqlcipher_says_how_to_install(
    db_path: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _encrypted_journal(db_path)
    for name in ("sqlcipher3", "sqlcipher3.dbapi2"):
        monkeypatch.setitem(sys.modules, name, None)  # import now raises ImportError
    result = invoke("list")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {crypto.INSTALL_HINT}\n"
    assert "pip install 'workjournal[encryption]'" in result.stderr


# -- keyring --------------------------------------------------------------------------------


def test_remember_keeps_the_passphrase_in_the_keyring(
    db_path: Path,
    terminal: list[str],
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fill(db_path)
    terminal.extend(["kept in the keyring", "kept in the keyring"])
    result = invoke("encrypt", "--remember")
    assert result.exit_code == 0, result.stderr
    assert "The passphrase is remembered in the system keyring.\n" in result.stderr
    assert memory_keyring.secrets == {
        ("workjournal", str(db_path.resolve())): "kept in the keyring"
    }
    monkeypatch.setattr(crypto, "terminal_available", lambda: False)  # no prompt possible
    listed = invoke("list", "-f", "json")
    assert listed.exit_code == 0, listed.stderr
    assert {e["text"] for e in json.loads(listed.stdout)} == set(TEXTS)
    assert invoke("decrypt").exit_code == 0
    assert memory_keyring.secrets == {}  # a plain journal needs no passphrase


def test_remember_without_a_keyring_changes_nothing(db_path: Path, terminal: list[str]) -> None:
    _fill(db_path)
    before = _snapshot(db_path.parent)
    result = invoke("encrypt", "--remember")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no system keyring is available here")
    assert _snapshot(db_path.parent) == before
    assert terminal == []  # never asked for a passphrase


# -- changing the passphrase ----------------------------------------------------------------


def test_passphrase_changes_it(db_path: Path, passphrase_file: Path, terminal: list[str]) -> None:
    _encrypted_journal(db_path)
    before = _everything(db_path, PASSPHRASE)
    terminal.extend(["a better one", "a better one"])
    result = invoke("passphrase")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"Changed the passphrase of the journal at {db_path}.\n"
        "Note: the file named by WORKJOURNAL_PASSPHRASE_FILE still holds the old passphrase: "
        "put the new one in it.\n"
    )
    assert _everything(db_path, "a better one") == before
    with pytest.raises(EncryptionError, match="wrong passphrase"):
        _everything(db_path, PASSPHRASE)
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]
    _assert_no_plaintext(db_path)


def test_passphrase_from_the_keyring_is_updated_there(
    db_path: Path, terminal: list[str], memory_keyring: MemoryKeyring
) -> None:
    _encrypted_journal(db_path)
    key = ("workjournal", str(db_path.resolve()))
    memory_keyring.secrets[key] = PASSPHRASE
    terminal.extend(["rotated now", "rotated now"])
    result = invoke("passphrase")
    assert result.exit_code == 0, result.stderr
    assert memory_keyring.secrets == {key: "rotated now"}
    assert len(_everything(db_path, "rotated now")) == 2
    forgot = invoke("passphrase", "--forget")
    assert forgot.exit_code == 0
    assert memory_keyring.secrets == {}


# -- creating encrypted journals ------------------------------------------------------------


def test_add_encrypted_creates_an_encrypted_journal(db_path: Path, passphrase_file: Path) -> None:
    result = run_journal(
        "add", "Snapped at my sister after the call", "-t", "landlord", "--encrypted"
    )
    assert result.returncode == 0, result.stderr
    assert looks_encrypted(db_path)
    _assert_no_plaintext(db_path)
    listed = run_journal("list", "-f", "json")
    assert [e["text"] for e in json.loads(listed.stdout)] == [TEXTS[0]]


def test_config_encrypt_true_creates_an_encrypted_journal(
    db_path: Path, passphrase_file: Path, isolated: Path
) -> None:
    config = isolated / "home" / ".config" / "workjournal" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("encrypt = true\n")
    assert invoke("add", "first", "-m", "5").exit_code == 0
    assert looks_encrypted(db_path)


def test_add_encrypted_on_a_plain_journal_saves_nothing(
    db_path: Path, passphrase_file: Path
) -> None:
    _fill(db_path)
    before = _snapshot(db_path.parent)
    result = invoke("add", "more", "--encrypted")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the journal at {db_path} already exists and is not encrypted; nothing was "
        "saved. Encrypt it with `journal encrypt`.\n"
    )
    assert _snapshot(db_path.parent) == before


def test_a_failed_new_encrypted_journal_leaves_no_file(db_path: Path) -> None:
    result = run_journal("add", "first", "--encrypted")  # no file, no terminal
    assert result.returncode == 1
    assert b"needs a terminal" in result.stderr
    assert not db_path.exists()


def test_add_on_a_plain_journal_loads_no_encryption_code(db_path: Path) -> None:
    script = (
        "import sys\n"
        "from workjournal.cli import app\n"
        "try:\n"
        "    app(['add', 'plain and fast', '-m', '5'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('sqlcipher3', 'keyring') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=subprocess_env(), check=True
    )
    assert result.stdout == b"[]\n"
    assert db_path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_plaintext_export_warning() -> None:
    assert crypto.plaintext_export_warning(False) is None
    assert crypto.plaintext_export_warning(True) == crypto.PLAINTEXT_EXPORT_WARNING


# -- concurrency and crashes ----------------------------------------------------------------


@pytest.mark.slow
def test_concurrent_writers_on_an_encrypted_journal(db_path: Path, passphrase_file: Path) -> None:
    _encrypted_journal(db_path)
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "workjournal", "add", f"writer {n} entry {i}", "-m", "5"],
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(6)
        for i in range(2)
    ]
    for proc in writers:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    texts = {e.text for e in _everything(db_path, PASSPHRASE)}  # type: ignore[attr-defined]
    assert {f"writer {n} entry {i}" for n in range(6) for i in range(2)} <= texts
    assert len(texts) == 12 + 2


WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from workjournal.models import NewEntry
from workjournal.store import open_store
path, passphrase = Path(sys.argv[1]), sys.argv[2]
with open_store(path, create=False, passphrase=lambda: passphrase) as store:
    for i in range(100000):
        store.add_entry(
            NewEntry(occurred_at=datetime.now(UTC), text=f"crash test {i}"),
            created_at=datetime.now(UTC),
        )
        print(i, flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(3))
def test_kill_9_of_a_writer_loses_no_saved_entry(db_path: Path, round_: int) -> None:
    _encrypted_journal(db_path)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), PASSPHRASE],
        env=subprocess_env(),
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None
    saved = [proc.stdout.readline() for _ in range(5 + 7 * round_)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert db_path.with_name("journal.db-wal").exists()  # killed mid-flight: WAL not merged
    _assert_no_plaintext(db_path, db_path.with_name("journal.db-wal"))
    with open_store(db_path, create=False, passphrase=lambda: PASSPHRASE) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        texts = {e.text for e in store.iter_entries(EntryFilter(include_private=True))}
    confirmed = {f"crash test {int(line)}" for line in saved}
    assert confirmed <= texts


HOLDER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from workjournal.errors import WorkjournalError
from workjournal.models import NewEntry
from workjournal.store import open_store
store = open_store(Path(sys.argv[1]), create=False)
store.list_entries()
print("open", flush=True)
sys.stdin.readline()
try:
    now = datetime.now(UTC)
    with store:
        store.add_entry(NewEntry(occurred_at=now, text="written meanwhile"), created_at=now)
    print("written", flush=True)
except WorkjournalError as exc:
    print("refused:", exc.message, flush=True)
"""


@pytest.mark.slow
def test_a_journal_open_elsewhere_is_not_converted(db_path: Path, passphrase_file: Path) -> None:
    """Another process holding the journal open (idle, in WAL mode) would go on writing into
    the replaced file: encrypt refuses, touches nothing, and that writer's entry is kept."""
    _fill(db_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        env=subprocess_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == b"open\n"
    before = db_path.read_bytes()
    result = invoke("encrypt")
    out, _err = holder.communicate(b"go\n", timeout=60)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the journal at {db_path} is open in another program (another `journal` "
        "command?). Close it and try again; nothing was changed.\n"
    )
    assert db_path.read_bytes()[:16] == before[:16]  # still plain
    assert out == b"written\n"
    assert "written meanwhile" in {e.text for e in _everything(db_path)}  # type: ignore[attr-defined]
    assert invoke("encrypt").exit_code == 0  # once it is closed, encrypting works


def test_a_write_into_a_replaced_journal_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    """What a writer that waited on the old file during `journal encrypt` is told."""
    path, other = tmp_path / "j.db", tmp_path / "other.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")  # rollback mode, as the converter leaves the old file
    sqlite3.connect(other).close()
    other.replace(path)
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert translate(caught.value, path).message == (
        f"the journal at {path} was replaced while this command waited for it (it was being "
        "encrypted or decrypted). Nothing was saved; run the command again."
    )


def test_completion_never_asks_for_the_passphrase(db_path: Path, terminal: list[str]) -> None:
    import typer

    from workjournal.cli import app, entries

    _encrypted_journal(db_path)
    terminal.append(PASSPHRASE)
    ctx = typer.Context(typer.main.get_command(app))
    assert entries._complete("trigger")(ctx, "la") == []
    assert terminal == [PASSPHRASE]  # never asked


def test_every_command_has_an_example() -> None:
    for command in ("encrypt", "decrypt", "passphrase"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example: journal " in result.stdout
    assert "--encrypted" in invoke("add", "--help").stdout
