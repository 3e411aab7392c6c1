"""journal talk: plan a conversation in DEAR MAN steps, record how it went."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import invoke, subprocess_env
from workjournal.conversations import STEPS, Conversation
from workjournal.errors import InvalidInput

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}
FULL = [
    "plan",
    "Asking for Fridays off",
    "--with",
    "Sam",
    "--describe",
    "I work late most days",
    "--express",
    "I feel worn out",
    "--assert",
    "Fridays off for a month",
    "--reinforce",
    "I'll be sharper",
    "--mindful",
    "Fridays",
    "--confident",
    "steady voice",
    "--negotiate",
    "every other Friday",
    "--priority",
    "objective",
    "--expect-distress",
    "7",
    "--expect",
    "a flat no",
]


def talks() -> list[dict[str, object]]:
    return json.loads(invoke("talk", "list", "-f", "json").stdout)  # type: ignore[no-any-return]


def test_plan_with_every_option_and_json_shape(db_path: Path) -> None:
    result = invoke("talk", *FULL, env=NOW)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Planned conversation 1: Asking for Fridays off · with Sam. "
        "`journal talk done 1` records how it went.\n"
    )
    [c] = talks()
    assert {k: v for k, v in c.items() if k not in ("uuid",)} == {
        "id": 1,
        "title": "Asking for Fridays off",
        "with": "Sam",
        "steps": {
            "describe": "I work late most days",
            "express": "I feel worn out",
            "assert": "Fridays off for a month",
            "reinforce": "I'll be sharper",
            "mindful": "Fridays",
            "confident": "steady voice",
            "negotiate": "every other Friday",
        },
        "priority": "objective",
        "expected_distress": 7,
        "expected": "a flat no",
        "created_at": "2026-11-20T21:30:00+00:00",
        "held_at": None,
        "before": None,
        "after": None,
        "outcome": None,
        "note": "",
    }


def test_done_records_how_it_went(db_path: Path) -> None:
    invoke("talk", *FULL, env=NOW)
    result = invoke(
        "talk",
        "done",
        "1",
        "--at",
        "today 10:00",
        "--before",
        "8",
        "--after",
        "4",
        "--outcome",
        "Partly",
        "--note",
        "They offered alternate Fridays.",
        env=NOW,
    )
    assert result.exit_code == 0, result.stderr
    assert "held Fri 20 Nov 2026 10:00" in result.stderr
    [c] = talks()
    assert (c["held_at"], c["before"], c["after"], c["outcome"], c["note"]) == (
        "2026-11-20T10:00:00+00:00",
        8,
        4,
        "partly",
        "They offered alternate Fridays.",
    )
    shown = invoke("talk", "show", "1")
    assert shown.exit_code == 0
    assert "Assert: Fridays off for a month" in shown.stdout
    assert "Expected: distress 7/10; a flat no" in shown.stdout
    assert "How it went: held Fri 20 Nov 2026 10:00 · distress 8→4 · partly" in shown.stdout
    assert json.loads(invoke("talk", "show", "1", "-f", "json").stdout)["outcome"] == "partly"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "x", "--priority", "winning"], "the priority is one of objective"),
        (["plan", "x", "--expect-distress", "11"], "11 is not in the range"),
        (["done", "1", "--outcome", "maybe"], "the outcome is one of got, partly, not"),
        (["done", "1", "--at", "someday"], "'--at'"),
    ],
)
def test_bad_values_are_usage_errors(db_path: Path, args: list[str], message: str) -> None:
    result = invoke("talk", *args, env=NOW)
    assert result.exit_code == 2
    assert message in result.stderr


def test_plan_needs_a_title_without_terminal(db_path: Path) -> None:
    result = invoke("talk", "plan", "--with", "Sam")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: a conversation needs a title")
    assert not db_path.exists()


def test_unknown_ids(db_path: Path) -> None:
    invoke("talk", "plan", "x")
    for args in (
        ["done", "4"],
        ["show", "4"],
        ["edit", "4", "--title", "y"],
        ["delete", "4", "-y"],
    ):
        result = invoke("talk", *args)
        assert result.exit_code == 1, args
        assert "there is no conversation 4" in result.stderr


def test_edit_replaces_only_given_fields(db_path: Path) -> None:
    invoke("talk", *FULL, env=NOW)
    result = invoke(
        "talk", "edit", "1", "--negotiate", "alternate Fridays", "--priority", "relationship"
    )
    assert result.exit_code == 0, result.stderr
    [c] = talks()
    steps = c["steps"]
    assert isinstance(steps, dict)
    assert steps["negotiate"] == "alternate Fridays"
    assert steps["describe"] == "I work late most days"
    assert c["priority"] == "relationship" and c["with"] == "Sam"
    nothing = invoke("talk", "edit", "1")
    assert nothing.exit_code == 1 and nothing.stderr.startswith("Error: Nothing to change")


def test_delete_asks_unless_yes(db_path: Path) -> None:
    invoke("talk", "plan", "x")
    result = invoke("talk", "delete", "1")
    assert result.exit_code == 1 and "needs confirmation: add --yes" in result.stderr
    assert invoke("talk", "delete", "1", "--yes").stderr == "Deleted conversation 1.\n"
    assert talks() == []


def test_list_table_and_empty(db_path: Path) -> None:
    invoke("talk", "plan", "x")
    invoke("talk", "delete", "1", "-y")
    assert invoke("talk", "list").stdout.startswith("No conversations planned yet.")
    invoke("talk", *FULL)
    for width in ("40", "200"):
        out = invoke("talk", "list", env={"COLUMNS": width}).stdout
        assert "planned" in out
        assert max(len(line) for line in out.splitlines()) <= int(width)


def test_model_round_trip_and_rules() -> None:
    at = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
    c = Conversation(
        title="t",
        created_at=at,
        with_whom="Sam",
        steps=tuple(STEPS),
        priority="objective",
        expected_distress=3,
        held_at=at,
        before=4,
        after=2,
        outcome="got",
        note="n",
        id=2,
    )
    assert Conversation.from_json(c.to_json()) == c
    for bad in ({"outcome": "meh"}, {"priority": "x"}, {"before": 12}, {"title": " "}):
        with pytest.raises(InvalidInput):
            Conversation.from_json({**c.to_json(), **bad})


def test_guided_plan_at_a_terminal(db_path: Path) -> None:
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "workjournal", "talk", "plan", "--assert", "a raise"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(**NOW),
        )
        os.close(slave)
        os.write(master, b"Pay review\nmy manager\nthe facts\n\n\n\n\n\nthey listen\n")
        _, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
    text = err.decode()
    assert proc.returncode == 0, text
    assert "Describe: the facts of the situation" in text
    assert "Assert:" not in text  # given as an option, so not asked
    [c] = talks()
    steps = c["steps"]
    assert isinstance(steps, dict)
    assert (c["title"], c["with"], steps["describe"], steps["assert"], c["expected"]) == (
        "Pay review",
        "my manager",
        "the facts",
        "a raise",
        "they listen",
    )
