"""CBT thought records: every column as an option, the guided walk, list and show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.models import Emotion, describe_emotion_changes


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-20T21:30:00+00:00")


FULL = (
    "thought",
    "--situation",
    "Boss frowned in the meeting",
    "-e",
    "anxious:80",
    "--emotion",
    "Ashamed:60",
    "--thought",
    "I'm about to be fired",
    "--for",
    "She didn't smile",
    "--against",
    "She praised my report last week",
    "--balanced",
    "One frown is not a verdict",
    "--after",
    "anxious:40",
    "--after",
    "ashamed:20",
    "--at",
    "2026-11-20 10:00",
)


def test_every_column_as_options_round_trips() -> None:
    saved = invoke(*FULL)
    assert saved.exit_code == 0, saved.stderr
    assert saved.stdout == ""
    assert saved.stderr == "Saved thought record 1 · Fri 20 Nov 2026 10:00.\n"
    shown = json.loads(invoke("thought", "show", "1", "-f", "json").stdout)
    assert shown["situation"] == "Boss frowned in the meeting"
    assert shown["emotions_before"] == [
        {"name": "anxious", "intensity": 80},
        {"name": "ashamed", "intensity": 60},
    ]
    assert shown["automatic_thought"] == "I'm about to be fired"
    assert shown["evidence_for"] == "She didn't smile"
    assert shown["evidence_against"] == "She praised my report last week"
    assert shown["balanced_thought"] == "One frown is not a verdict"
    assert shown["emotions_after"] == [
        {"name": "anxious", "intensity": 40},
        {"name": "ashamed", "intensity": 20},
    ]
    assert shown["occurred_at"] == "2026-11-20T10:00:00+00:00"
    assert shown["private"] is False
    listed = json.loads(invoke("thought", "list", "-f", "json").stdout)
    assert [r["id"] for r in listed] == [1]
    table = invoke("thought", "list")
    assert "anxious 80→40, ashamed 60→20" in table.stdout
    detail = invoke("thought", "show", "1")
    assert detail.exit_code == 0
    for heading in (
        "1. Situation",
        "2. Emotions",
        "3. Automatic thought",
        "4. Evidence for",
        "5. Evidence against",
        "6. Balanced thought",
        "7. Emotions after",
    ):
        assert heading in detail.stdout
    assert "One frown is not a verdict" in detail.stdout


def test_a_thought_alone_is_enough_and_skipped_columns_show_as_skipped() -> None:
    saved = invoke("thought", "--thought", "Nobody likes me", "--private")
    assert saved.exit_code == 0
    detail = invoke("thought", "show", "1").stdout
    assert detail.count("(skipped)") == 6
    assert "private" in detail


def test_guided_walk_reads_each_column_and_rerates_each_emotion() -> None:
    typed = "\n".join(
        [
            "Missed the bus",
            "angry:70, sad:30",
            "I always mess up",
            "I was late twice this month",
            "I was on time 18 times",
            "Buses are late; it is not a verdict on me",
            "30",  # angry now
            "",  # sad: skipped
        ]
    )
    result = invoke("thought", input=typed + "\n")
    assert result.exit_code == 0, result.stderr
    assert "1/7 Situation" in result.stderr
    assert "angry (was 70), now 0-100:" in result.stderr
    assert result.stderr.endswith("Saved thought record 1 · Fri 20 Nov 2026 21:30.\n")
    shown = json.loads(invoke("thought", "show", "1", "-f", "json").stdout)
    assert shown["situation"] == "Missed the bus"
    assert shown["emotions_before"] == [
        {"name": "angry", "intensity": 70},
        {"name": "sad", "intensity": 30},
    ]
    assert shown["balanced_thought"] == "Buses are late; it is not a verdict on me"
    assert shown["emotions_after"] == [{"name": "angry", "intensity": 30}]


def test_guided_walk_retries_a_bad_intensity() -> None:
    typed = "Call\nworried:500\nworried:50\n\n\n\n\n20\n"
    result = invoke("thought", input=typed)
    assert result.exit_code == 0, result.stderr
    assert "must be from 0 to 100" in result.stderr
    shown = json.loads(invoke("thought", "show", "1", "-f", "json").stdout)
    assert shown["emotions_before"] == [{"name": "worried", "intensity": 50}]
    assert shown["emotions_after"] == [{"name": "worried", "intensity": 20}]


def test_stopping_the_walk_saves_no_record_and_keeps_a_draft(db_path: Path) -> None:
    result = invoke("thought", input="Just the situation\n")
    assert result.exit_code == 130
    assert "Kept what you wrote as a draft." in result.stderr
    assert json.loads(invoke("thought", "list", "-f", "json").stdout) == []


def test_an_empty_walk_saves_nothing(db_path: Path) -> None:
    result = invoke("thought", input="\n" * 8)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: an empty thought record was not saved: give at least a situation or a thought.\n"
    )
    assert json.loads(invoke("thought", "list", "-f", "json").stdout) == []


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("--thought", "x", "-e", "anxious:101"), "--emotion"),
        (("--thought", "x", "--after", "calm:abc"), "--after"),
        (("--thought", "x", "--at", "in a while"), "--at"),
    ],
)
def test_bad_options_are_usage_errors(args: tuple[str, ...], hint: str, db_path: Path) -> None:
    result = invoke("thought", *args)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert not db_path.exists()


def test_show_unknown_id() -> None:
    invoke("thought", "--thought", "x")
    result = invoke("thought", "show", "7")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: there is no thought record 7. `journal thought list` shows the ids.\n"
    )


def test_list_since_filters() -> None:
    invoke("thought", "--thought", "old", "--at", "2026-11-01 10:00")
    invoke("thought", "--thought", "new", "--at", "2026-11-19 10:00")
    listed = json.loads(invoke("thought", "list", "--since", "2026-11-10", "-f", "json").stdout)
    assert [r["automatic_thought"] for r in listed] == ["new"]


@pytest.mark.parametrize("command", [("thought",), ("thought", "list"), ("thought", "show")])
def test_help_has_an_example(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example: journal " + " ".join(command) in result.stdout


def test_describe_emotion_changes() -> None:
    before = (Emotion("anxious", 80), Emotion("sad", None), Emotion("tense", 50))
    after = (Emotion("anxious", 40), Emotion("calm", 60))
    assert describe_emotion_changes(before, after) == "anxious 80→40, sad, tense 50, calm →60"
