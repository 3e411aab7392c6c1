"""Comma lists inside one option or answer are separate names, exactly like repeating the option;
so no saved name ever holds a comma, and no emotion name a ':'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.errors import InvalidInput
from workjournal.models import EMOTION_FORMS, Emotion, parse_emotions, parse_names

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", NOW["WORKJOURNAL_NOW"])


def _entry(entry_id: int = 1) -> dict[str, object]:
    result = invoke("show", str(entry_id), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(("short", "key"), [("-t", "triggers"), ("-g", "tags"), ("-c", "coping")])
def test_a_comma_list_is_the_same_as_repeating_the_option(short: str, key: str) -> None:
    assert invoke("add", "x", short, "Work, sleep,,  late  bus ,").exit_code == 0
    assert invoke("add", "x", short, "work", short, "sleep", short, "late bus").exit_code == 0
    assert _entry(1)[key] == ["work", "sleep", "late bus"]
    assert _entry(2)[key] == _entry(1)[key]


def test_emotion_lists_split_into_names_and_intensities() -> None:
    result = invoke("add", "x", "-e", "anxious:70, sad:40", "-e", "tired, Anxious")
    assert result.exit_code == 0, result.stderr
    assert _entry()["emotions"] == [
        {"name": "anxious", "intensity": 70},
        {"name": "sad", "intensity": 40},
        {"name": "tired", "intensity": None},
    ]


def test_edit_splits_lists_too() -> None:
    invoke("add", "x", "-t", "old")
    result = invoke("edit", "1", "-t", "work, sleep", "-e", "angry:20, sad")
    assert result.exit_code == 0, result.stderr
    assert _entry()["triggers"] == ["work", "sleep"]
    assert _entry()["emotions"] == [
        {"name": "angry", "intensity": 20},
        {"name": "sad", "intensity": None},
    ]


def test_list_filters_split_lists_and_require_each_name() -> None:
    invoke("add", "both", "-t", "work", "-t", "sleep")
    invoke("add", "one", "-t", "work")
    result = invoke("list", "-t", "work, sleep", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [e["text"] for e in json.loads(result.stdout)] == ["both"]
    invoke("add", "felt", "-e", "sad:10, tired")
    result = invoke("list", "-e", "sad, tired", "-f", "json")
    assert [e["text"] for e in json.loads(result.stdout)] == ["felt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-t", " , "), "a trigger cannot be empty."),
        (("-g", ","), "a tag cannot be empty."),
        (("-e", "anxious:70:3"), "could not understand the emotion 'anxious:70:3'."),
        (("-e", ":70"), "could not understand the emotion ':70'."),
        (("-e", "anxious:"), "the emotion 'anxious' has a ':' but no intensity."),
        (("-e", "anxious:lots"), "the intensity of 'anxious' must be a whole number"),
    ],
)
def test_bad_lists_are_usage_errors_and_save_nothing(
    args: tuple[str, ...], message: str, db_path: Path
) -> None:
    result = invoke("add", "x", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    if args[0] == "-e":
        assert "anxious, anxious:70" in " ".join(result.stderr.split())
    assert not db_path.exists()


def test_parsers_never_keep_a_comma_or_colon_in_a_name() -> None:
    assert parse_names(["a, b", "B,c"], what="tag") == ("a", "b", "c")
    assert parse_emotions(["a:1, b", "c:2"]) == (Emotion("a", 1), Emotion("b"), Emotion("c", 2))
    for bad in ("a,b", "a:b:1", "a:b", ":", "a, b:1"):
        with pytest.raises(InvalidInput) as info:
            Emotion.parse(bad)
        assert EMOTION_FORMS in info.value.message


def test_rerating_takes_a_number_or_the_same_name_and_refuses_lists() -> None:
    ashamed = Emotion("ashamed", 60)
    assert ashamed.rerated(" 40 ") == Emotion("ashamed", 40)
    assert ashamed.rerated("Ashamed:40") == Emotion("ashamed", 40)
    for bad in ("ashamed:40, anxious:35", "anxious:35", "forty", ""):
        with pytest.raises(InvalidInput):
            ashamed.rerated(bad)


def test_guided_add_splits_answers_and_refuses_bad_emotions() -> None:
    # Not a terminal: CliRunner feeds stdin, so call the flow directly.
    from workjournal.cli import capture

    typed = "3\nSomething\n\nwork, Sleep\nanxious:70:1\nanxious:70, sad\nwalk, call a friend\n\n\n"
    import io
    import sys

    old_in, old_err = sys.stdin, sys.stderr
    sys.stdin, sys.stderr = io.StringIO(typed), io.StringIO()
    try:
        answers = capture.guided(["work", "work, sleep", "family"])
        err = sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stderr = old_in, old_err
    assert "(often: work, sleep, family)" in err
    assert "could not understand the emotion 'anxious:70:1'." in err
    assert EMOTION_FORMS in err
    assert answers.triggers == ("work", "sleep")
    assert answers.emotions == (Emotion("anxious", 70), Emotion("sad"))
    assert answers.coping == ("walk", "call a friend")


def test_thought_rerating_a_list_is_refused_not_stored() -> None:
    typed = "\n".join(
        [
            "Call",
            "ashamed:60, anxious:50",
            "",
            "",
            "",
            "",
            "ashamed:40, anxious:35",  # re-rate ashamed: refused, asked again
            "40",
            "35",
        ]
    )
    result = invoke("thought", input=typed + "\n")
    assert result.exit_code == 0, result.stderr
    assert "the intensity of 'ashamed' must be a whole number" in result.stderr
    shown = json.loads(invoke("thought", "show", "1", "-f", "json").stdout)
    assert shown["emotions_after"] == [
        {"name": "ashamed", "intensity": 40},
        {"name": "anxious", "intensity": 35},
    ]


def test_thought_emotion_options_split_lists() -> None:
    result = invoke("thought", "--situation", "s", "-e", "sad:30, tired", "--after", "sad:10")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(invoke("thought", "show", "1", "-f", "json").stdout)
    assert shown["emotions_before"] == [
        {"name": "sad", "intensity": 30},
        {"name": "tired", "intensity": None},
    ]


def test_unquoted_words_are_the_text() -> None:
    result = invoke("add", "Snapped", "at", "my", "sister", "-m", "3", "-t", "family")
    assert result.exit_code == 0, result.stderr
    entry = _entry()
    assert (entry["text"], entry["mood"], entry["triggers"]) == (
        "Snapped at my sister",
        3,
        ["family"],
    )
    assert invoke("edit", "1", "Talked", "it", "over").exit_code == 0
    assert _entry()["text"] == "Talked it over"


def test_unquoted_text_in_a_real_process(db_path: Path) -> None:
    from helpers import run_journal

    result = run_journal("add", "Snapped", "at", "my", "sister", "-m", "3", env=NOW)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == "Saved entry 1 · Fri 20 Nov 2026 21:30 · mood 3/10.\n"
    assert _entry()["text"] == "Snapped at my sister"


def test_a_mistyped_option_is_still_an_error_not_text(db_path: Path) -> None:
    result = invoke("add", "Snapped", "--moood", "3")
    assert result.exit_code == 2
    assert "No such option: --moood" in result.stderr
    assert not db_path.exists()


def test_a_message_about_an_emotion_says_an() -> None:
    from workjournal.errors import InvalidInput
    from workjournal.models import normalize_name

    with pytest.raises(InvalidInput) as refused:
        normalize_name("   ", what="emotion")
    assert refused.value.message == "an emotion cannot be empty."
    with pytest.raises(InvalidInput) as refused:
        normalize_name("   ", what="trigger")
    assert refused.value.message == "a trigger cannot be empty."
