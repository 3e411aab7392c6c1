"""`journal drafts`: listing and discarding what interrupted guided flows kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from helpers import invoke
from workjournal.store import open_store

NOW = datetime(2026, 12, 1, 21, 40, tzinfo=UTC)


def _draft(db_path: Path, command: str, fields: dict[str, object]) -> int:
    with open_store(db_path, create=True) as store:
        return store.save_draft(command, fields, now=NOW).id


def test_no_drafts_and_no_journal(db_path: Path) -> None:
    done = invoke("drafts")
    assert done.exit_code == 0 and "No drafts." in done.stdout
    assert json.loads(invoke("drafts", "--format", "json").stdout) == []
    assert not db_path.exists()


def test_list_and_discard(db_path: Path) -> None:
    first = _draft(db_path, "add", {"mood": 3, "text": "Snapped at my sister after the call"})
    second = _draft(db_path, "thought", {"situation": "The meeting", "emotions_before": []})
    listed = invoke("drafts", env={"COLUMNS": "100"})
    assert listed.exit_code == 0
    assert "journal add" in listed.stdout and "mood 3 · Snapped at my sister" in listed.stdout
    assert "journal thought" in listed.stdout and "The meeting" in listed.stdout
    data = json.loads(invoke("drafts", "--format", "json").stdout)
    assert [(d["id"], d["command"]) for d in data] == [(first, "add"), (second, "thought")]
    assert data[0]["fields"] == {"mood": 3, "text": "Snapped at my sister after the call"}
    assert data[0]["created_at"] == "2026-12-01T21:40:00+00:00"
    refused = invoke("drafts", "discard", str(first))
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    done = invoke("drafts", "discard", str(first), "--yes")
    assert done.exit_code == 0 and done.stderr == f"Discarded draft {first}.\n"
    assert [d["id"] for d in json.loads(invoke("drafts", "-f", "json").stdout)] == [second]
    missing = invoke("drafts", "discard", str(first), "--yes")
    assert missing.exit_code == 1 and "there is no draft" in missing.stderr


def test_a_draft_is_not_an_entry(db_path: Path) -> None:
    _draft(db_path, "add", {"mood": 2, "text": "DRAFT-ONLY-WORDS"})
    assert json.loads(invoke("list", "--format", "json").stdout) == []
    exported = invoke("export", "--format", "json")
    assert exported.exit_code == 0 and "DRAFT-ONLY-WORDS" not in exported.stdout
    week = json.loads(invoke("week", "--format", "json").stdout)
    assert week["entries"] == 0
