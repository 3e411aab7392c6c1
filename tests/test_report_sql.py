"""The store's SQL aggregates give the same numbers as the pure-Python reports, on entries near
midnight lived in different UTC offsets: a day is always the entry's own local date."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.models import Entry, NewEntry
from workjournal.reports.common import split_entries
from workjournal.reports.triggers import trigger_list, trigger_totals
from workjournal.store import Store, open_store

# (moment with the offset it was lived in, mood, triggers). Several fall on a different UTC date
# than their local one: the SQL must use the local date, like reports.common.day_of.
NEAR_MIDNIGHT = [
    ("2026-11-01T23:59:00-05:00", 3, ("work",)),  # 2 Nov UTC, lived 1 Nov
    ("2026-11-02T00:01:00+01:00", 7, ("work", "bus")),  # 1 Nov UTC, lived 2 Nov
    ("2026-11-02T00:30:00+05:30", None, ("bus",)),  # 1 Nov 19:00 UTC
    ("2026-11-03T23:30:00-12:00", 5, ("sleep",)),  # 4 Nov 11:30 UTC
    ("2026-11-05T00:15:00+14:00", 9, ("sleep", "work")),  # 4 Nov 10:15 UTC
    ("2026-11-05T12:00:00+00:00", 2, ("work",)),
    ("2026-11-05T23:45:00+00:00", 4, ("bus",)),
]


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[tuple[Store, list[Entry]]]:
    store = open_store(tmp_path / "j.db", create=True)
    for when, mood, triggers in NEAR_MIDNIGHT:
        moment = datetime.fromisoformat(when)
        store.add_entry(
            NewEntry(occurred_at=moment, mood=mood, triggers=triggers), created_at=moment
        )
    yield store, store.list_entries()
    store.close()


def test_trigger_totals_sql_matches_python_near_midnight(
    journal: tuple[Store, list[Entry]],
) -> None:
    store, entries = journal
    python = sorted(trigger_totals(*split_entries(entries)))
    assert sorted(store.trigger_totals()) == python
    # Worked by hand: work on 1, 2, 5 (lived +14:00) and 5 Nov; moods 3, 7, 9, 2 -> 21 / 4.
    assert ("work", 4, "2026-11-01", "2026-11-05", 21, 4) in python
    assert ("bus", 3, "2026-11-02", "2026-11-05", 11, 2) in python
    assert ("sleep", 2, "2026-11-03", "2026-11-05", 14, 2) in python


def test_trigger_totals_in_a_range(journal: tuple[Store, list[Entry]]) -> None:
    store, entries = journal
    since = datetime(2026, 11, 4, 0, 0, tzinfo=UTC)
    inside = [e for e in entries if e.occurred_at >= since]
    assert sorted(store.trigger_totals(since)) == sorted(trigger_totals(*split_entries(inside)))


def test_journal_triggers_through_the_cli() -> None:
    for when, mood, triggers in NEAR_MIDNIGHT:
        args = ["add", "x", "--at", when, *(a for t in triggers for a in ("-t", t))]
        if mood is not None:
            args += ["-m", str(mood)]
        assert invoke(*args).exit_code == 0
    result = invoke("triggers", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [(t["name"], t["count"], t["first_seen"], t["mean_mood"]) for t in data] == [
        ("work", 4, "2026-11-01", 5.25),
        ("bus", 3, "2026-11-02", 5.5),
        ("sleep", 2, "2026-11-03", 7.0),
    ]
    assert trigger_list([]).to_json() == []
