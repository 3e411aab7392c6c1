"""Therapy sessions: add and list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-20T21:30:00+00:00")


def test_add_and_list_sessions_including_an_upcoming_one() -> None:
    past = invoke("session", "add", "2026-11-17 15:00", "--note", "exposure ladder")
    assert past.exit_code == 0
    assert past.stderr == "Recorded session 1 · Tue 17 Nov 2026 15:00.\n"
    now = invoke("session", "add")
    assert now.stderr == "Recorded session 2 · Fri 20 Nov 2026 21:30.\n"
    ahead = invoke("session", "add", "2026-11-24 15:00")
    assert ahead.stderr == "Recorded session 3 · Tue 24 Nov 2026 15:00 (upcoming).\n"
    data = json.loads(invoke("session", "list", "-f", "json").stdout)
    assert [(s["id"], s["at"], s["upcoming"]) for s in data] == [
        (1, "2026-11-17T15:00:00+00:00", False),
        (2, "2026-11-20T21:30:00+00:00", False),
        (3, "2026-11-24T15:00:00+00:00", True),
    ]
    assert data[0]["note"] == "exposure ladder"
    table = invoke("session", "list")
    assert "Tue 24 Nov 2026 15:00 (upcoming)" in table.stdout


def test_bad_when_is_a_usage_error(db_path: Path) -> None:
    result = invoke("session", "add", "whenever")
    assert result.exit_code == 2
    assert "WHEN" in result.stderr
    assert not db_path.exists()


def test_empty_list() -> None:
    invoke("add", "x", "-m", "5")
    result = invoke("session", "list")
    assert result.stdout.startswith("No sessions recorded yet.")
