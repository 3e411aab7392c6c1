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
