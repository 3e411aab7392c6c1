"""The store's SQL aggregates give the same numbers as the pure-Python reports, on entries near
midnight lived in different UTC offsets: a day is always the entry's own local date."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import invoke
from workjournal.importers import ImportedEntry
from workjournal.models import Entry, NewEntry
from workjournal.reports.common import (
    Moment,
    day_of,
    day_totals_of,
    hour_totals_of,
    label_moods,
    split_entries,
)
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


# -- the stored local day and hour, and entry_labels' copies of them ---------------------------


def python_label_totals(entries: list[Entry]) -> list[tuple[str, str, int, int, int, int]]:
    """``Store.label_totals`` worked out from Entry objects with ``day_of``."""
    moments, labels = split_entries(entries)
    return sorted(
        (m.kind, m.name, m.count, *_with_totals(entries, m.kind, m.name))
        for kind in ("trigger", "tag")
        for m in label_moods(moments, labels, kind)  # type: ignore[arg-type]
    )


def _with_totals(entries: list[Entry], kind: str, name: str) -> tuple[int, int, int]:
    chosen = [
        e
        for e in entries
        if e.mood is not None and name in (e.triggers if kind == "trigger" else e.tags)
    ]
    return sum(e.mood or 0 for e in chosen), len(chosen), len({day_of(e) for e in chosen})


def python_pairs(entries: list[Entry]) -> list[tuple[str, str, int]]:
    counts = Counter(pair for e in entries for pair in combinations(sorted(e.triggers), 2))
    return sorted((a, b, n) for (a, b), n in counts.items())


def sorted_pairs(rows: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    return sorted((min(a, b), max(a, b), n) for a, b, n in rows)


def copies_match(store: Store) -> bool:
    """entry_labels' copies of the label's kind and the entry's local day and mood are right."""
    wrong = store.conn.execute(
        "SELECT count(*) FROM entry_labels el JOIN entries e ON e.id = el.entry_id "
        "JOIN labels l ON l.id = el.label_id WHERE el.kind IS NOT l.kind "
        "OR el.local_day IS NOT e.local_day OR el.mood IS NOT e.mood"
    ).fetchone()[0]
    return wrong == 0


def test_stored_local_days_and_hours_are_day_of_near_midnight(
    journal: tuple[Store, list[Entry]],
) -> None:
    store, entries = journal
    rows = {row[0]: row[1:3] for row in store.mood_rows()}
    assert rows == {e.id: (day_of(e).isoformat(), e.occurred_at.hour) for e in entries}
    # 23:59 in New York on 1 Nov is 04:59 UTC on 2 Nov: it stays on the 1st.
    new_york = next(e for e in entries if e.mood == 3)
    assert rows[new_york.id] == ("2026-11-01", 23)
    moments = [Moment.of(e) for e in entries]
    assert sorted(store.day_totals()) == sorted(day_totals_of(moments))
    assert sorted(store.hour_totals()) == sorted(hour_totals_of(moments))
    assert store.logged_days() == ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05"]


@settings(max_examples=60, deadline=None)
@given(
    moments=st.lists(
        st.tuples(
            st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 12, 31)),
            st.integers(min_value=-12 * 60, max_value=14 * 60),
            st.one_of(st.none(), st.integers(min_value=1, max_value=10)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_stored_local_day_is_day_of_in_every_offset(
    moments: list[tuple[datetime, int, int | None]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "j.db", create=True) as s:
        news = [
            NewEntry(
                occurred_at=wall.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=m))),
                mood=mood,
                triggers=("work",),
            )
            for wall, m, mood in moments
        ]
        s.add_entries(news)
        entries = s.list_entries()
        expected = {e.id: (day_of(e).isoformat(), e.occurred_at.hour) for e in entries}
        assert {row[0]: row[1:3] for row in s.mood_rows()} == expected
        assert s.trigger_totals()[0][2:4] == (
            min(day for day, _ in expected.values()),
            max(day for day, _ in expected.values()),
        )
        assert copies_match(s)


def test_label_totals_and_pairs_match_python_near_midnight(
    journal: tuple[Store, list[Entry]],
) -> None:
    store, entries = journal
    assert sorted(store.label_totals()) == python_label_totals(entries)
    # work: moods 3, 7, 9, 2 on 1, 2, 5 (lived +14:00) and 5 Nov -> 3 days with a mood.
    assert ("trigger", "work", 4, 21, 4, 3) in store.label_totals()
    assert sorted_pairs(store.label_pairs("trigger")) == python_pairs(entries)
    assert sorted_pairs(store.label_pairs("trigger")) == [("bus", "work", 1), ("sleep", "work", 1)]


@pytest.mark.parametrize("since", [datetime(2026, 11, 2, 0, 0, tzinfo=UTC), None])
def test_report_rows_in_a_range_match_python(
    journal: tuple[Store, list[Entry]], since: datetime | None
) -> None:
    store, entries = journal
    until = datetime(2026, 11, 5, 11, 0, tzinfo=UTC)
    inside = [
        e for e in entries if (since is None or e.occurred_at >= since) and e.occurred_at <= until
    ]
    assert 0 < len(inside) < len(entries)
    assert sorted(store.label_totals(since, until)) == python_label_totals(inside)
    assert sorted_pairs(store.label_pairs("trigger", since, until)) == python_pairs(inside)
    moments = [Moment.of(e) for e in inside]
    assert sorted(store.day_totals(since, until)) == sorted(day_totals_of(moments))
    assert sorted(store.hour_totals(since, until)) == sorted(hour_totals_of(moments))
    assert sorted(store.trigger_totals(since, until)) == sorted(
        trigger_totals(*split_entries(inside))
    )


def test_entry_labels_copies_follow_edits_imports_and_direct_updates(
    journal: tuple[Store, list[Entry]],
) -> None:
    store, entries = journal
    first = next(e for e in entries if e.mood == 3)  # 1 Nov 23:59 in New York, work
    # Edit it to 00:30 on 3 Nov in Tokyo (2 Nov 15:30 UTC) without a mood.
    moved = datetime.fromisoformat("2026-11-03T00:30:00+09:00")
    store.replace_entry(
        first.id,
        NewEntry(occurred_at=moved, mood=None, triggers=("work", "late")),
        updated_at=moved,
    )
    assert copies_match(store)
    # A change made outside the store's edit (here plain SQL) is followed by the trigger.
    store.conn.execute("UPDATE entries SET mood = 6, occurred_offset = 0 WHERE id = ?", (first.id,))
    assert copies_match(store)
    assert ("trigger", "late", 1, 6, 1, 1) in store.label_totals()
    store.import_all(
        [
            ImportedEntry(
                uuid="00000000-0000-4000-8000-000000000001",
                entry=NewEntry(occurred_at=moved, mood=8, triggers=("late",), tags=("trip",)),
                created_at=moved,
            )
        ],
        {},
    )
    assert copies_match(store)
    store.delete_entry(entries[1].id)
    updated = store.list_entries()
    assert copies_match(store)
    assert sorted(store.label_totals()) == python_label_totals(updated)
    assert sorted(store.trigger_totals()) == sorted(trigger_totals(*split_entries(updated)))
    assert sorted_pairs(store.label_pairs("trigger")) == python_pairs(updated)
