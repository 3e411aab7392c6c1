"""One journal with a record of every kind in the registry goes through a real export and a real
import into an empty journal, and the second journal's export holds the same records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import run_journal
from test_new_kinds_transfer import _fill
from test_record_kinds import every_kind, without_local_ids
from workjournal.models import RECORD_KINDS

ENV = {"WORKJOURNAL_NOW": "2026-12-01T20:00:00+00:00"}


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The export without what two journals holding the same records number or make on their
    own: local ids, and the diary card's default lists (each journal's migration makes them with
    its own uuids), which are compared by what they say instead."""
    out = without_local_ids(data)
    out["card_items"] = sorted(
        (item["kind"], item["name"], item["active"], json.dumps(item["range"]))
        for item in out["card_items"]
    )
    out["practice"] = [
        {k: v for k, v in row.items() if k != "homework_id"} for row in out["practice"]
    ]
    return out


@pytest.mark.slow
def test_every_kind_in_one_journal_round_trips_through_real_processes(
    tmp_path: Path, db_path: Path
) -> None:
    every_kind()
    _fill()
    first = tmp_path / "first.json"
    out = run_journal(
        "--db", str(db_path), "export", "-f", "json", "--include-private", "-o", str(first),
        env=ENV,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    before = json.loads(first.read_text(encoding="utf-8"))
    # Every kind the registry knows is in this journal: a new kind fails here until the test
    # builds one of it.
    empty = [
        kind.name
        for kind in RECORD_KINDS
        if (before[kind.name] is None if kind.single else not before[kind.name])
    ]
    assert empty == []

    other = tmp_path / "other.db"
    imported = run_journal("--db", str(other), "import", str(first), env=ENV)
    assert imported.returncode == 0, imported.stderr
    again = run_journal("--db", str(other), "export", "-f", "json", "--include-private", env=ENV)
    assert again.returncode == 0, again.stderr
    after = json.loads(again.stdout)
    assert _comparable(after) == _comparable(before)
    # Links between kinds point at the new journal's own records.
    assert after["homework_log"][0]["homework_uuid"] == after["homework"][0]["uuid"]
    assert after["practice"][0]["homework_uuid"] in {h["uuid"] for h in after["homework"]}

    # A second import of the same file adds nothing and changes nothing.
    twice = run_journal("--db", str(other), "import", str(first), env=ENV)
    assert twice.returncode == 0, twice.stderr
    third = run_journal("--db", str(other), "export", "-f", "json", "--include-private", env=ENV)
    assert _comparable(json.loads(third.stdout)) == _comparable(after)
