"""reports.work: practice, reflections and conversations over a period, as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from workjournal.conversations import Conversation
from workjournal.models import Entry
from workjournal.practice import Practice
from workjournal.reports.work import conversation_summary, practice_summary, reflection_summary

UTC = UTC
IST = timezone(timedelta(hours=5, minutes=30))
FIRST, LAST = date(2026, 11, 16), date(2026, 11, 22)


def practice(pid: int, name: str, minutes: int, at: datetime) -> Practice:
    return Practice(pid, f"u{pid}", name, minutes, at, at)


def test_practice_summary_counts_days_minutes_and_names() -> None:
    items = [
        practice(1, "breathing", 5, datetime(2026, 11, 16, 0, 0, tzinfo=UTC)),
        practice(2, "breathing", 10, datetime(2026, 11, 16, 21, 0, tzinfo=UTC)),
        practice(3, "body scan", 15, datetime(2026, 11, 18, 8, 0, tzinfo=UTC)),
        practice(4, "walk", 15, datetime(2026, 11, 22, 23, 59, tzinfo=UTC)),
        # 00:30 on the 23rd in India is still 22 Nov 19:00 UTC: the local day counts.
        practice(5, "walk", 30, datetime(2026, 11, 23, 0, 30, tzinfo=IST)),
        practice(6, "walk", 99, datetime(2026, 11, 15, 23, 59, tzinfo=UTC)),  # before
    ]
    result = practice_summary(items, first=FIRST, last=LAST)
    assert result.to_json() == {
        "days": 3,
        "minutes": 45,
        "count": 4,
        "by_name": [
            {"name": "body scan", "count": 1, "minutes": 15},
            {"name": "breathing", "count": 2, "minutes": 15},
            {"name": "walk", "count": 1, "minutes": 15},
        ],
    }
    assert result.summary() == "practised 3 days, 45 min"
    assert practice_summary([], first=FIRST, last=LAST).summary() == "no practice logged"


def entry(eid: int, at: datetime, text: str, *, prompt: bool, private: bool = False) -> Entry:
    return Entry(
        eid,
        f"e{eid}",
        at,
        at,
        text=text,
        private=private,
        prompt={"id": "fear-1", "theme": "fear", "text": "What felt frightening?"}
        if prompt
        else None,
    )


def test_reflection_summary_leaves_private_ones_out_of_the_lines() -> None:
    at = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    entries = [
        entry(1, at, "The dentist.\nAnd more.", prompt=True),
        entry(2, at, "secret", prompt=True, private=True),
        entry(3, at, "ordinary", prompt=False),
        entry(4, datetime(2026, 11, 23, 0, 0, tzinfo=UTC), "next week", prompt=True),
    ]
    result = reflection_summary(entries, first=FIRST, last=LAST)
    assert result.count == 2
    assert [line.to_json() for line in result.shown] == [
        {
            "entry_id": 1,
            "at": "2026-11-18T09:00:00+00:00",
            "prompt": {"id": "fear-1", "theme": "fear", "text": "What felt frightening?"},
            "first_line": "The dentist.",
        }
    ]
    assert result.private_left_out == 1
    # With the private switch the private one is listed too, marked as private.
    everything = reflection_summary(entries, first=FIRST, last=LAST, include_private=True)
    assert [(line.entry_id, line.private) for line in everything.shown] == [(1, False), (2, True)]
    # A period that starts at a session's moment leaves out what was written before it.
    later = reflection_summary(entries, first=FIRST, last=LAST, since=at + timedelta(minutes=1))
    assert later.count == 0


def test_conversation_summary_planned_held_and_expectations() -> None:
    planned_before = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
    in_week = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)
    items = [
        Conversation(
            title="Fridays",
            created_at=planned_before,
            with_whom="Sam",
            expected_distress=8,
            expected="a no",
            held_at=in_week,
            before=7,
            after=3,
            outcome="partly",
            id=1,
        ),
        Conversation(title="Rent", created_at=in_week, id=2),
        Conversation(
            title="Later", created_at=in_week, held_at=datetime(2026, 11, 23, 9, tzinfo=UTC), id=3
        ),
    ]
    result = conversation_summary(items, first=FIRST, last=LAST)
    assert result.to_json() == {"planned": 2, "held": 1}
    [held] = result.held_list
    assert held.to_json() == {
        "id": 1,
        "title": "Fridays",
        "with": "Sam",
        "held_at": "2026-11-17T12:00:00+00:00",
        "expected_distress": 8,
        "expected": "a no",
        "before": 7,
        "after": 3,
        "outcome": "partly",
    }
    assert held.expectation() == "distress 8/10, “a no”"
    assert held.what_happened() == "distress 7 → 3, partly"
    bare = conversation_summary(items[1:2], first=FIRST, last=LAST)
    assert bare.held_list == ()
    # Moments bound the period too: held at 12:00, so a period from 12:01 leaves it out.
    after = conversation_summary(items, first=FIRST, last=LAST, since=in_week.replace(minute=1))
    assert after.to_json() == {"planned": 0, "held": 0}
