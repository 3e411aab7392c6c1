"""Session prep: the pure report and `journal prep` in its three formats."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.checkins import checkin_suggestion
from workjournal.exporters.markdown import prep_markdown
from workjournal.models import Checkin, Emotion, Entry, Session, ThoughtRecord
from workjournal.reports.prep import (
    WHAT_I_WANT_TO_BRING_UP,
    prep_sections,
    session_prep,
)

START = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
END = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


def entry(
    entry_id: int,
    when: datetime,
    *,
    mood: int | None = None,
    triggers: tuple[str, ...] = (),
    text: str = "",
    private: bool = False,
    discuss: bool = False,
) -> Entry:
    return Entry(
        id=entry_id,
        uuid=str(entry_id),
        occurred_at=when,
        created_at=when,
        text=text or f"entry {entry_id}",
        mood=mood,
        triggers=triggers,
        private=private,
        discuss=discuss,
    )


def day(d: int, hour: int = 12, offset: int = 0) -> datetime:
    return datetime(2026, 11, d, hour, tzinfo=timezone(timedelta(hours=offset)))


def checkin(checkin_id: int, when: datetime, answers: tuple[int, ...]) -> Checkin:
    return Checkin(checkin_id, str(checkin_id), "phq9", when, when, answers, sum(answers))


def test_overview_counts_days_in_the_period_by_each_entrys_own_day() -> None:
    entries = [
        entry(1, day(9), mood=1),  # before the session: left out
        entry(2, day(11), mood=4),
        entry(3, day(11, 20), mood=6),
        entry(4, day(12, 23, offset=-5), mood=5),  # 13 Nov 04:00 UTC, lived on the 12th
        entry(5, day(19)),
    ]
    prep = session_prep(entries, start=START, end=END)
    assert prep.days_in_period == 11
    assert prep.days_logged == 3
    assert [(d.day.day, d.entries, d.mean) for d in prep.daily] == [
        (11, 2, 5.0),
        (12, 1, 5.0),
        (19, 1, None),
    ]
    assert (prep.mood.mean, prep.mood.min, prep.mood.max) == (5.0, 4, 6)


@pytest.mark.parametrize(
    ("moods", "direction"),
    [
        ([3, 4, 6, 7], "higher"),
        ([7, 6, 4, 3], "lower"),
        ([5, 5, 5, 5], "about the same"),
        ([5, 5, 5, 5, 5, 6], "about the same"),  # 5 -> 5.33: less than half a point
        ([4, 5, 5, 5], "higher"),  # 4.5 -> 5: exactly half a point
        ([5], None),
        ([], None),
    ],
)
def test_trend_compares_the_first_and_second_half_of_days(
    moods: list[int], direction: str | None
) -> None:
    entries = [entry(i, day(11 + i), mood=m) for i, m in enumerate(moods)]
    assert session_prep(entries, start=START, end=END).trend.direction == direction


def test_hardest_moments_are_the_three_lowest_at_or_below_five_private_text_hidden() -> None:
    entries = [
        entry(1, day(11), mood=5, text="five"),
        entry(2, day(12), mood=2, text="secret", private=True),
        entry(3, day(13), mood=6, text="six"),
        entry(4, day(14), mood=3, text="three"),
        entry(5, day(15), mood=2, text="two again"),
    ]
    prep = session_prep(entries, start=START, end=END)
    assert [m.id for m in prep.hardest] == [2, 5, 4]
    assert prep.hardest[0].text == ""
    assert prep.hardest[0].line() == "#2 Thu 12 Nov 12:00 · mood 2/10: (private)"
    shown = session_prep(entries, start=START, end=END, include_private=True)
    assert shown.hardest[0].text == "secret"
    calm = session_prep([entry(1, day(11), mood=7)], start=START, end=END)
    assert calm.hardest == ()
    assert dict(prep_sections(calm))["Lowest moods"] == ["No moods of 5 or lower in this time."]


def test_triggers_ranked_by_count_then_name_with_mean_mood() -> None:
    entries = [
        entry(1, day(11), mood=2, triggers=("work", "sleep")),
        entry(2, day(12), mood=4, triggers=("work",)),
        entry(3, day(13), triggers=("family",)),
        entry(4, day(14), mood=8, triggers=("sleep",)),
    ]
    prep = session_prep(entries, start=START, end=END)
    assert [(t.name, t.entries, t.mean_mood) for t in prep.triggers] == [
        ("sleep", 2, 5.0),
        ("work", 2, 3.0),
        ("family", 1, None),
    ]


def test_item9_is_listed_first_and_everything_flagged_is_kept() -> None:
    entries = [
        entry(1, day(11), mood=3, discuss=True),
        entry(2, day(12), mood=8),
        entry(3, day(13), discuss=True, private=True),
    ]
    checkins = [
        checkin(1, day(9), (0, 0, 0, 0, 0, 0, 0, 0, 2)),  # before the period
        checkin(2, day(14), (1, 1, 1, 1, 1, 1, 1, 1, 1)),
        checkin(3, day(16), (3, 3, 3, 3, 3, 3, 3, 3, 0)),
    ]
    prep = session_prep(entries, start=START, end=END, checkins=checkins)
    assert [c.id for c in prep.item9] == [2]
    assert [c.id for c in prep.checkins] == [2, 3]
    assert [m.id for m in prep.discuss] == [1, 3]
    sections = prep_sections(prep)
    assert sections[0] == (
        "To mention first",
        [
            "On Sat 14 Nov, the PHQ-9 question about thoughts that you would be better off dead "
            'or of hurting yourself in some way was answered "Several days".'
        ],
    )
    assert sections[-1] == (WHAT_I_WANT_TO_BRING_UP, [])
    data = prep.to_json()
    assert next(iter(data)) == "phq9_item9"
    assert data["phq9_item9"][0]["item9_answer"] == "Several days"
    assert data["discuss"][1]["text"] == ""


def test_no_item9_section_without_a_positive_answer() -> None:
    prep = session_prep([], start=START, end=END, checkins=[checkin(1, day(14), (0,) * 9)])
    assert prep.item9 == ()
    assert prep_sections(prep)[0][0] == "Overview"


def test_homework_and_thought_records_are_shown() -> None:
    record = ThoughtRecord(
        id=4,
        uuid="4",
        occurred_at=day(13),
        created_at=day(13),
        situation="meeting",
        automatic_thought="I'm failing",
        emotions_before=(Emotion("anxious", 80),),
        emotions_after=(Emotion("anxious", 40),),
    )
    private = ThoughtRecord(id=5, uuid="5", occurred_at=day(14), created_at=day(14), private=True)
    prep = session_prep([], start=START, end=END, thought_records=[record, private])
    lines = dict(prep_sections(prep))["Thought records"]
    assert lines == ["#4 Fri 13 Nov: I'm failing · anxious 80→40", "#5 Sat 14 Nov: (private)"]
    assert "automatic_thought" not in prep.to_json()["thought_records"][1]


@pytest.mark.parametrize(
    ("days_ago", "suggested"), [(None, True), (3, False), (14, False), (15, True)]
)
def test_checkin_suggestion_only_after_14_days(days_ago: int | None, suggested: bool) -> None:
    last = None if days_ago is None else END - timedelta(days=days_ago)
    text = checkin_suggestion(last, now=END)
    assert (text is not None) == suggested
    if days_ago == 15:
        assert text is not None and text.startswith("Your last check-in was 15 days ago.")


def test_markdown_has_a_heading_sections_and_room_to_write() -> None:
    session = Session(1, "1", START, START)
    md = prep_markdown(
        session_prep([entry(1, day(11), mood=4)], start=START, end=END, last_session=session)
    )
    assert md.startswith(
        "# Session prep since your session on Tue 10 Nov 2026 (10 Nov to 20 Nov 2026)\n"
    )
    assert "## Overview\n\n- Logged 1 of 11 days.\n" in md
    assert md.endswith(f"## {WHAT_I_WANT_TO_BRING_UP}\n\n- \n- \n- \n")


# -- through the CLI ---------------------------------------------------------------------------


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-20T21:30:00+00:00")


def prep_json(*args: str) -> dict[str, object]:
    result = invoke("prep", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.usefixtures("fixed_now")
def test_prep_defaults_to_the_last_14_days_then_to_the_last_session() -> None:
    invoke("add", "long ago", "-m", "4", "--at", "2026-11-01 12:00")
    invoke("add", "talk about this", "-m", "3", "--at", "2026-11-12 12:00", "--discuss")
    invoke("add", "after the session", "-m", "6", "--at", "2026-11-18 12:00")
    data = prep_json()
    assert data["since"] == "last 14 days"
    assert data["start"] == "2026-11-07T00:00:00+00:00"
    assert data["days_logged"] == 2
    assert data["checkin_suggestion"] is not None

    invoke("session", "add", "2026-11-17 15:00")
    invoke("session", "add", "2026-11-24 15:00")
    data = prep_json()
    assert data["since"] == "last session"
    assert data["start"] == "2026-11-17T15:00:00+00:00"
    assert data["days_logged"] == 1
    assert data["discuss"] == []
    assert data["next_session"]["at"] == "2026-11-24T15:00:00+00:00"  # type: ignore[index]

    data = prep_json("--since", "2026-11-10")
    assert [m["id"] for m in data["discuss"]] == [2]  # type: ignore[union-attr]


@pytest.mark.usefixtures("fixed_now")
def test_prep_lists_item9_first_and_counts_homework_since_the_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-09T09:00:00+00:00")
    invoke("homework", "add", "Walk", "--per-week", "3")
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-20T21:30:00+00:00")
    invoke("session", "add", "2026-11-10 15:00")
    for at in ("2026-11-10 09:00", "2026-11-11 09:00", "2026-11-16 09:00"):
        invoke("homework", "done", "1", "--at", at)
    invoke("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,1", "--at", "2026-11-15 10:00")
    table = invoke("prep")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].startswith("Session prep since your session on Tue 10 Nov 2026")
    assert lines[2] == "To mention first"
    assert "Walk: 2 of 5" in table.stdout  # 11 days (10-20 Nov) of 3 a week; the 09:00 log
    assert lines[-2:] == [WHAT_I_WANT_TO_BRING_UP, "  …"]  # came before the session
    md = invoke("prep", "--format", "md")
    assert md.stdout.startswith("# Session prep since your session on Tue 10 Nov 2026")
    assert md.stdout.index("## To mention first") < md.stdout.index("## Overview")


def test_prep_without_a_journal(db_path: Path) -> None:
    result = invoke("prep")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no journal")
    assert not db_path.exists()


def test_prep_help_has_an_example() -> None:
    assert "Example: journal prep" in invoke("prep", "--help").stdout
