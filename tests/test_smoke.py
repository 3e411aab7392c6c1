"""The first things a newcomer does: ask for help, add an entry, see it listed."""

from __future__ import annotations

import json

import pytest

from helpers import invoke, run_journal

# Every path here must work the same on an encrypted journal.
pytestmark = pytest.mark.usefixtures("journal_kind")


def test_add_then_list_json_round_trips_fields() -> None:
    added = invoke(
        "add",
        "Snapped at my sister",
        "-m",
        "3",
        "-t",
        " Family ",
        "-e",
        "angry:70",
        "-c",
        "walk",
        "-g",
        "home",
    )
    assert added.exit_code == 0, added.stderr
    assert added.stdout == ""
    assert added.stderr.startswith("Saved entry 1 · ")
    listed = invoke("list", "--format", "json")
    assert listed.exit_code == 0
    [entry] = json.loads(listed.stdout)
    assert entry["text"] == "Snapped at my sister"
    assert entry["mood"] == 3
    assert entry["triggers"] == ["family"]
    assert entry["emotions"] == [{"name": "angry", "intensity": 70}]
    assert entry["coping"] == ["walk"]
    assert entry["tags"] == ["home"]


def test_real_process_adds_and_lists() -> None:
    added = run_journal("add", "from a real process", "-m", "5")
    assert added.returncode == 0, added.stderr
    listed = run_journal("list", "-f", "json")
    assert [e["text"] for e in json.loads(listed.stdout)] == ["from a real process"]
