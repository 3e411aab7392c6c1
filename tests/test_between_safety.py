"""The safety net: crisis data, help-now by region, the safety plan, and the support note."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from helpers import invoke, run_journal
from workjournal import safety
from workjournal.models import SAFETY_SECTION_KEYS, SafetyPlan

NOW = "2026-11-20T21:30:00+00:00"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", NOW)


def test_crisis_data_has_every_region_and_a_last_checked_date_for_every_resource() -> None:
    raw = resources.files("workjournal").joinpath("data", "crisis_resources.json").read_text()
    data = json.loads(raw)
    assert set(data["regions"]) >= {"US", "CA", "UK", "IE", "AU", data["fallback_region"]}
    count = 0
    for code, region in data["regions"].items():
        assert region["emergency"], code
        assert region["resources"], code
        assert any(r["name"] == "Emergency services" for r in region["resources"]), code
        for resource in region["resources"]:
            assert resource["name"] and resource["how"], code
            # never in the future: a mistyped year would hide the entry from the staleness test
            assert date.fromisoformat(resource["last_checked"]) <= date.today(), code
            count += 1
    assert count >= 12
    assert "findahelpline.com" in raw


@pytest.mark.parametrize(
    ("region", "code", "must_show"),
    [
        ("US", "US", ["call or text 988", "text HOME to 741741", "call 911"]),
        ("us", "US", ["call or text 988"]),
        ("CA", "CA", ["call or text 988", "call 911"]),
        ("UK", "UK", ["Samaritans: call 116 123", "call 999"]),
        ("GB", "UK", ["Samaritans: call 116 123"]),
        ("IE", "IE", ["Samaritans: call 116 123", "call 112"]),
        ("AU", "AU", ["Lifeline: call 13 11 14", "call 000"]),
    ],
)
def test_help_now_by_region(
    region: str, code: str, must_show: list[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    monkeypatch.setenv("WORKJOURNAL_REGION", region)
    result = invoke("help-now")
    assert result.exit_code == 0
    assert result.stderr == ""
    for text in must_show:
        assert text in result.stdout
    assert "findahelpline.com" not in result.stdout
    assert "(details last checked 2026-1" in result.stdout
    assert safety.resources_for(region).code == code
    assert not db_path.exists()  # help-now never creates a journal


def test_help_now_falls_back_for_an_unknown_or_missing_region(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "UTC")  # nothing to suggest a region from
    unset = invoke("help-now")
    assert unset.exit_code == 0
    assert "findahelpline.com" in unset.stdout
    assert "call your local emergency number" in unset.stdout
    assert "To see local numbers, set your region (US, CA, UK, IE, AU, NZ, FR, NL," in (
        unset.stdout
    )
    monkeypatch.setenv("WORKJOURNAL_REGION", "JP")
    unknown = invoke("help-now")
    assert "findahelpline.com" in unknown.stdout
    assert "no local numbers for JP yet" in unknown.stdout
    assert unknown.stdout.rstrip().endswith(
        "If you are in danger right now, call your local emergency number."
    )


def test_help_now_reads_the_region_from_the_config_file(isolated: Path) -> None:
    config = isolated / "home" / ".config" / "workjournal"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('region = "AU"\n')
    result = invoke("help-now")
    assert "Lifeline: call 13 11 14" in result.stdout


def test_help_now_still_helps_with_a_broken_config(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = isolated / "home" / ".config" / "workjournal"
    config.mkdir(parents=True)
    (config / "config.toml").write_text("region = [broken\n")
    monkeypatch.setenv("WORKJOURNAL_REGION", "UK")
    result = invoke("help-now")
    assert result.exit_code == 0
    assert "Samaritans" in result.stdout


def test_safety_plan_round_trip_and_help_now_shows_it_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_one = invoke("safety-plan", "--section", "people-to-ask", "--text", "Sam 07700 900123")
    assert set_one.exit_code == 0
    assert set_one.stderr == (
        "Saved your safety plan (People I can ask for help). "
        "`journal help-now` shows it when you need it.\n"
    )
    invoke("safety-plan", "--section", "1", "--text", "Not sleeping\\nSkipping meals")
    shown = json.loads(invoke("safety-plan", "--show", "-f", "json").stdout)
    assert [s["key"] for s in shown["sections"]] == list(SAFETY_SECTION_KEYS)
    bodies = {s["key"]: s["text"] for s in shown["sections"]}
    assert bodies["people_to_ask"] == "Sam 07700 900123"
    assert bodies["warning_signs"] == "Not sleeping\nSkipping meals"
    assert bodies["safe_environment"] == ""
    table = invoke("safety-plan", "--show")
    assert table.stdout.startswith("Your safety plan\n1. Warning signs\n   Not sleeping\n")
    assert "6. Making where I am safer\n   (not written yet)" in table.stdout

    monkeypatch.setenv("WORKJOURNAL_REGION", "UK")
    help_now = invoke("help-now").stdout
    assert help_now.index("Sam 07700 900123") < help_now.index("Samaritans")
    assert help_now.index("Not sleeping") < help_now.index("Sam 07700")

    cleared = invoke("safety-plan", "--section", "people-to-ask", "--text", "")
    assert cleared.exit_code == 0
    shown = json.loads(invoke("safety-plan", "--show", "-f", "json").stdout)
    assert {s["key"]: s["text"] for s in shown["sections"]}["people_to_ask"] == ""


def test_safety_plan_interactive_walk_keeps_changes_and_clears() -> None:
    invoke("safety-plan", "--section", "distractions", "--text", "the library")
    typed = "\n".join(
        [
            "Racing thoughts",  # 1: two lines
            "Staying in bed",
            "",
            "",  # 2: keep (empty)
            "-",  # 3: clear "the library"
            "",
            "Mum",  # 4
            "",
        ]
    )
    result = invoke("safety-plan", input=typed + "\n")  # stdin ends: 5 to 7 kept
    assert result.exit_code == 0, result.stderr
    assert "1/7 Warning signs." in result.stderr
    assert "Now: the library" in result.stderr
    shown = json.loads(invoke("safety-plan", "--show", "-f", "json").stdout)
    bodies = {s["key"]: s["text"] for s in shown["sections"]}
    assert bodies == {
        "warning_signs": "Racing thoughts\nStaying in bed",
        "internal_coping": "",
        "distractions": "",
        "people_to_ask": "Mum",
        "professionals": "",
        "safe_environment": "",
        "worth_living_for": "",
    }


def test_safety_plan_with_nothing_typed_changes_nothing() -> None:
    result = invoke("safety-plan", input="")
    assert result.exit_code == 0
    assert result.stderr.endswith("Nothing was changed.\n")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("--section", "hobbies", "--text", "x"), "--section"),
        (("--section", "8", "--text", "x"), "--section"),
        (("--text", "x"), "--text"),
    ],
)
def test_safety_plan_bad_options(args: tuple[str, ...], hint: str, db_path: Path) -> None:
    result = invoke("safety-plan", *args)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert not db_path.exists()


def test_empty_plan_show() -> None:
    result = invoke("safety-plan", "--show")
    assert result.exit_code == 0
    assert result.stdout.startswith("Your safety plan is empty.")


# -- the support note after a mood of 1 ---------------------------------------------------------


def test_mood_1_shows_the_support_note_once_after_saving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_REGION", "US")
    invoke("safety-plan", "--section", "internal-coping", "--text", "cold water on my face")
    result = invoke("add", "everything is too much", "-m", "1")
    assert result.exit_code == 0
    assert result.stdout == ""
    saved, _, note = result.stderr.partition("\n\n")
    assert saved.startswith("Saved entry 1 · Fri 20 Nov 2026 21:30 · mood 1/10")
    assert note == (
        f"{safety.MOOD_OPENING}\n"
        "If you want support right now:\n"
        "  Your safety plan:\n"
        "    Things I can do on my own: cold water on my face\n"
        "  988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org, "
        "any time\n"
        "  Crisis Text Line: text HOME to 741741\n"
        "  Emergency services: call 911\n"
        "  (details last checked 2026-11-27)\n"
        "`journal help-now` shows this again whenever you need it.\n"
    )
    listed = json.loads(invoke("list", "-f", "json").stdout)
    assert [(e["id"], e["mood"]) for e in listed] == [(1, 1)]


@pytest.mark.parametrize("mood", ["2", "10"])
def test_other_moods_show_no_note(mood: str) -> None:
    result = invoke("add", "a day", "-m", mood)
    assert result.exit_code == 0
    assert "\n" not in result.stderr.rstrip("\n")
    assert safety.MOOD_OPENING not in result.stderr


def test_mood_1_note_in_a_real_process_without_a_region() -> None:
    # nothing to suggest a region from (C locale, UTC): the international list
    result = run_journal("add", "hard night", "-m", "1", env={"LC_ALL": "C.UTF-8", "TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert err.startswith("Saved entry 1")
    assert safety.MOOD_OPENING in err
    assert "findahelpline.com" in err
    listed = run_journal("list", "-f", "json")
    assert json.loads(listed.stdout)[0]["text"] == "hard night"


def test_irish_support_note_without_a_plan_lists_samaritans_50808_and_pieta() -> None:
    text = safety.support_note(SafetyPlan(), safety.resources_for("IE"), opening="Opening.")
    assert text.splitlines() == [
        "Opening.",
        "If you want support right now:",
        "  Samaritans: call 116 123, free, any time",
        "  Crisis text line 50808: text HELLO to 50808, any time",
        "  Pieta: call 1800 247 247 or text HELP to 51444",
        "  Emergency services: call 112",
        "  (details last checked 2026-12-02)",
        "`journal help-now` shows this again whenever you need it.",
    ]
