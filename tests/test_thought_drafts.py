"""The guided thought record keeps what was typed as a draft when it is interrupted (Ctrl-C, the
end of input, a closed terminal), and the next guided ``journal thought`` offers to continue it."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from helpers import invoke
from test_drafts_pty import Terminal
from workjournal.cli import common

KEPT = "Kept what you wrote as a draft. `journal thought` offers it next time."
NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


def drafts() -> list[dict[str, object]]:
    result = invoke("drafts", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def records() -> list[dict[str, object]]:
    return json.loads(invoke("thought", "list", "-f", "json").stdout)  # type: ignore[no-any-return]


def test_the_end_of_input_mid_walk_keeps_the_steps_answered_as_a_draft() -> None:
    result = invoke("thought", "--at", "2026-11-20 18:00", input="Missed the bus\nangry:70\n")
    assert result.exit_code == 130
    assert result.stderr.endswith(f"\n{KEPT}\n")
    assert "nothing was saved" not in result.stderr.lower()
    [draft] = drafts()
    assert draft["command"] == "thought"
    fields = draft["fields"]
    assert isinstance(fields, dict)
    assert fields["situation"] == "Missed the bus"
    assert fields["emotions_before"] == [{"name": "angry", "intensity": 70}]
    assert fields["asked"] == ["situation", "emotions_before"]
    assert fields["occurred_at"].startswith("2026-11-20T18:00")
    assert records() == []


def test_the_next_guided_thought_continues_the_draft_and_saves_every_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    invoke("thought", "--at", "2026-11-20 18:00", input="Missed the bus\nangry:70\n", env=NOW)
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    rest = ["", "I always mess up", "Late twice", "On time 18 times", "Buses are late", "30"]
    result = invoke("thought", input="\n".join(rest) + "\n", env=NOW)
    assert result.exit_code == 0, result.stderr
    assert "You have a draft from Fri 20 Nov 2026 21:30: Missed the bus." in result.stderr
    assert "1/7" not in result.stderr and "2/7" not in result.stderr  # answered stay answered
    assert "From your draft: 2 of 7 steps answered" in result.stderr
    assert "angry (was 70), now 0-100:" in result.stderr
    [saved] = records()
    assert saved["situation"] == "Missed the bus"
    assert saved["automatic_thought"] == "I always mess up"
    assert saved["evidence_for"] == "Late twice"
    assert saved["emotions_before"] == [{"name": "angry", "intensity": 70}]
    assert saved["emotions_after"] == [{"name": "angry", "intensity": 30}]
    assert str(saved["occurred_at"]).startswith("2026-11-20T18:00")  # the draft's moment
    assert drafts() == []


def test_declining_the_draft_starts_afresh_and_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("thought", input="Missed the bus\n")
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    result = invoke("thought", input="n\nA new one\n" + "\n" * 6)
    assert result.exit_code == 0, result.stderr
    assert "Starting afresh; the draft stays in `journal drafts`." in result.stderr
    assert [r["situation"] for r in records()] == ["A new one"]
    assert [d["fields"]["situation"] for d in drafts()] == ["Missed the bus"]  # type: ignore[index]


def test_a_draft_is_not_offered_without_a_terminal() -> None:
    invoke("thought", input="Missed the bus\n")
    result = invoke("thought", input="Another\n" + "\n" * 6)
    assert result.exit_code == 0, result.stderr
    assert "You have a draft" not in result.stderr
    assert len(drafts()) == 1


def test_input_ending_before_any_answer_keeps_no_draft(db_path: Path) -> None:
    result = invoke("thought", input="")
    assert result.exit_code == 1
    assert "nothing was saved" in result.stderr
    assert drafts() == []


@pytest.mark.slow
def test_ctrl_c_at_a_terminal_keeps_steps_one_to_three_and_continues(db_path: Path) -> None:
    term = Terminal("thought")
    term.wait_for("1/7")
    term.type("Boss frowned in the meeting\n")
    term.wait_for("2/7")
    term.type("anxious:80\n")
    term.wait_for("3/7")
    term.type("I'm about to be fired\n")
    term.wait_for("4/7")
    time.sleep(0.3)
    term.proc.send_signal(signal.SIGINT)
    assert term.finish() == 130
    assert KEPT in term.text
    [draft] = drafts()
    fields = draft["fields"]
    assert isinstance(fields, dict)
    assert (fields["situation"], fields["automatic_thought"]) == (
        "Boss frowned in the meeting",
        "I'm about to be fired",
    )
    assert fields["emotions_before"] == [{"name": "anxious", "intensity": 80}]
    assert records() == []

    again = Terminal("thought")
    again.wait_for("Continue it? (Y/n)")
    again.type("\n")
    again.wait_for("4/7")
    assert "3/7" not in again.text.split("Continue it?")[1]
    again.type("He frowned\nHe praised my report last week\nOne frown is not a verdict\n")
    again.wait_for("now 0-100")
    again.type("40\n")
    assert again.finish() == 0, again.text
    [saved] = records()
    assert saved["situation"] == "Boss frowned in the meeting"
    assert saved["automatic_thought"] == "I'm about to be fired"
    assert saved["balanced_thought"] == "One frown is not a verdict"
    assert saved["emotions_after"] == [{"name": "anxious", "intensity": 40}]
    assert drafts() == []
