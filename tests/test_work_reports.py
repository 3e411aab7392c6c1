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
            "day": "2026-11-18",
            "prompt": "What felt frightening?",
            "theme": "fear",
            "first_line": "The dentist.",
        }
    ]


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
        "day": "2026-11-17",
        "expected_distress": 8,
        "expected": "a no",
        "before": 7,
        "after": 3,
        "outcome": "partly",
        "note": "",
    }
