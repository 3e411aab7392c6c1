"""The safety plan's seventh section, step 6's wording, and when the plan was last updated."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helpers import invoke
from workjournal import safety
from workjournal.models import SAFETY_SECTION_KEYS, SAFETY_SECTIONS, SafetyPlan

WRITTEN = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)


def at(moment: datetime) -> dict[str, str]:
    return {"WORKJOURNAL_NOW": moment.isoformat()}


def test_the_plan_follows_stanley_brown_with_what_matters_most_last() -> None:
    assert SAFETY_SECTION_KEYS == (
        "warning_signs",
        "internal_coping",
        "distractions",
        "people_to_ask",
        "professionals",
        "safe_environment",
        "worth_living_for",
    )
    _, title, question = SAFETY_SECTIONS[5]
    assert title == "Making where I am safer"
    assert "out of reach" in question and "someone you trust" in question
    assert "hurt yourself" in question
    assert SAFETY_SECTIONS[6][2] == (
        "What is the one thing most important to you and worth living for?"
    )


@pytest.mark.parametrize("section", ["worth-living-for", "7", "Worth living for"])
def test_the_new_section_is_saved_shown_and_in_help_now(section: str) -> None:
    saved = invoke("safety-plan", "--section", section, "--text", "my sister's kids")
    assert saved.exit_code == 0, saved.stderr
    assert saved.stderr.startswith("Saved your safety plan (What matters most to me).")
    data = json.loads(invoke("safety-plan", "--show", "-f", "json").stdout)
    assert data["sections"][-1] == {
        "key": "worth_living_for",
        "title": "What matters most to me",
        "text": "my sister's kids",
    }
    now = invoke("help-now", env={"WORKJOURNAL_REGION": "UK"})
    assert now.stdout.index("What matters most to me") < now.stdout.index("Samaritans")
    assert "my sister's kids" in now.stdout


def test_an_eighth_section_is_refused(db_path: Path) -> None:
    result = invoke("safety-plan", "--section", "8", "--text", "x")
    assert result.exit_code == 2
    assert "(or 1-7)" in result.stderr
    assert not db_path.exists()


def test_interactive_walk_asks_all_seven() -> None:
    result = invoke("safety-plan", input="\n" * 7)
    assert result.exit_code == 0
    assert "7/7 What matters most to me." in result.stderr
    assert "6/7 Making where I am safer." in result.stderr


def test_show_says_when_the_plan_was_last_updated() -> None:
    invoke("safety-plan", "--section", "1", "--text", "not sleeping", env=at(WRITTEN))
    shown = invoke("safety-plan", "--show", env=at(WRITTEN + timedelta(days=30)))
    assert shown.stdout.rstrip().endswith("Last updated 1 May 2026.")
    assert "It has been a while" not in shown.stdout


@pytest.mark.parametrize(("days", "suggested"), [(183, False), (184, True), (400, True)])
def test_a_review_is_suggested_gently_after_six_months(days: int, suggested: bool) -> None:
    plan = SafetyPlan(sections=(("warning_signs", "not sleeping"),), updated_at=WRITTEN)
    line = safety.plan_updated_line(plan, now=WRITTEN + timedelta(days=days))
    assert line is not None and line.startswith("Last updated 1 May 2026.")
    assert ("It has been a while" in line) is suggested
    if suggested:
        for word in ("must", "should", "overdue", "risk"):
            assert word not in line.lower()


def test_an_empty_plan_has_no_date_and_counts_its_questions() -> None:
    assert safety.plan_updated_line(SafetyPlan(), now=WRITTEN) is None
    shown = invoke("safety-plan", "--show")
    assert "asks 7 short questions" in shown.stdout


def test_the_review_offer_stays_out_of_help_now() -> None:
    invoke("safety-plan", "--section", "1", "--text", "not sleeping", env=at(WRITTEN))
    now = invoke("help-now", env={**at(WRITTEN + timedelta(days=400)), "WORKJOURNAL_REGION": "UK"})
    assert "not sleeping" in now.stdout
    assert "It has been a while" not in now.stdout
    for claim in ("risk", "assess", "we have contacted", "alerted"):
        assert claim not in now.stdout.lower()
