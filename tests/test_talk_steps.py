"""`journal talk plan` and `talk edit` take one option per step of conversations.STEPS, made
from that list: each option fills its own step, in the steps' order."""

from __future__ import annotations

import json

import pytest

from helpers import invoke
from workjournal.conversations import STEPS


@pytest.mark.parametrize("command", [("plan",), ("edit", "1")])
def test_every_step_has_its_option_in_order(command: tuple[str, ...]) -> None:
    result = invoke("talk", *command, "--help")
    assert result.exit_code == 0, result.stderr
    positions = [result.stdout.index(f"--{step} TEXT") for step in STEPS]
    assert positions == sorted(positions)


def test_each_step_option_fills_its_own_step() -> None:
    args = [part for step in STEPS for part in (f"--{step}", f"{step} words")]
    saved = invoke("talk", "plan", "Fridays off", "--with", "manager", *args)
    assert saved.exit_code == 0, saved.stderr
    [plan] = json.loads(invoke("talk", "list", "--format", "json").stdout)
    assert plan["steps"] == {step: f"{step} words" for step in STEPS}
    edited = invoke("talk", "edit", "1", "--assert", "Fridays every other week")
    assert edited.exit_code == 0, edited.stderr
    [plan] = json.loads(invoke("talk", "list", "--format", "json").stdout)
    assert plan["steps"] == {
        **{step: f"{step} words" for step in STEPS},
        "assert": "Fridays every other week",
    }
    assert plan["with"] == "manager"
