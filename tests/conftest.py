"""Every test runs against a journal, config folder and time zone in a temp dir, with the
network disabled: no test can touch a real journal or reach the outside world."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

TZ = "Europe/London"


def _refuse(*args: object, **kwargs: object) -> None:
    raise OSError("network access is disabled in workjournal's tests")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the journal, config and time zone at a temp dir; disable sockets."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("WORKJOURNAL_DB", str(tmp_path / "journal" / "journal.db"))
    monkeypatch.setenv("TZ", TZ)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    for name in (
        "WORKJOURNAL_NOW",
        "WORKJOURNAL_REGION",
        "WORKJOURNAL_PASSPHRASE_FILE",
        "VISUAL",
        "EDITOR",
        "WORKJOURNAL_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    yield tmp_path


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated / "journal" / "journal.db"


PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def passphrase_file(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private passphrase file, named in WORKJOURNAL_PASSPHRASE_FILE (also for subprocesses)."""
    path = isolated / "home" / "passphrase"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    monkeypatch.setenv("WORKJOURNAL_PASSPHRASE_FILE", str(path))
    return path


@pytest.fixture(params=["plain", "encrypted"])
def journal_kind(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Run a test on a plain journal and again on an empty encrypted one (SQLCipher), with the
    passphrase in WORKJOURNAL_PASSPHRASE_FILE. Use with ``pytest.mark.usefixtures``."""
    if request.param == "encrypted":
        request.getfixturevalue("passphrase_file")
        from workjournal.store import open_store

        with open_store(db_path, create=True, passphrase=lambda: PASSPHRASE, encrypt_new=True):
            pass
    return str(request.param)
