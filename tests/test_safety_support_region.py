"""The support note after a very hard moment (mood 1, PHQ-9 question 9 above 0, a high urge on
the diary card) uses the region help-now suggests from the locale or time zone when none is
set: that region's numbers, the person's own plan first, saved first, and no setting written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke, run_journal
from workjournal import cards, safety
from workjournal.safety import ITEM9_OPENING, MOOD_OPENING

NOW = {"WORKJOURNAL_NOW": "2026-12-01T21:30:00+00:00"}


def no_config_written(isolated: Path) -> bool:
    config = isolated / "home" / ".config"
    return not config.exists() or not any(config.rglob("*"))


def note_of(stderr: str) -> list[str]:
    saved, _, note = stderr.partition("\n\n")
    assert saved.startswith("Saved ")  # the save is confirmed before anything else
    return note.splitlines()


def checked(code: str) -> str:
    return f"  (details last checked {safety.resources_for(code).last_checked.isoformat()})"


def test_mood_1_note_uses_the_region_suggested_by_the_locale(isolated: Path) -> None:
    result = invoke(
        "add", "everything is too much", "-m", "1", env={**NOW, "LC_ALL": "en_US.UTF-8"}
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert note_of(result.stderr) == [
        MOOD_OPENING,
        "If you want support right now:",
        "  988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org, any time",
        "  Crisis Text Line: text HOME to 741741",
        "  Emergency services: call 911",
        checked("US"),
        "Looks like United States. Set it with `journal config region US`.",
        "`journal help-now` shows this again whenever you need it.",
    ]
    assert no_config_written(isolated)
    listed = json.loads(invoke("list", "-f", "json").stdout)
    assert [(e["text"], e["mood"]) for e in listed] == [("everything is too much", 1)]


def test_the_time_zone_suggests_a_region_when_the_locale_does_not() -> None:
    env = {**NOW, "LC_ALL": "C.UTF-8", "TZ": "Europe/Paris"}
    lines = note_of(invoke("add", "hard night", "-m", "1", env=env).stderr)
    assert "  3114, numéro national de prévention du suicide: call 3114, free, any time" in lines
    assert "  Emergency services: call 112" in lines
    assert "Looks like France. Set it with `journal config region FR`." in lines


def test_a_country_with_only_its_emergency_number_shows_it_with_the_international_list() -> None:
    lines = note_of(invoke("add", "x", "-m", "1", env={**NOW, "LC_ALL": "es_ES.UTF-8"}).stderr)
    assert "  Emergency services: call 112" in lines
    assert any("findahelpline.com" in line for line in lines)
    assert "Looks like Spain. Set it with `journal config region ES`." in lines


def test_a_german_locale_now_shows_the_telefonseelsorge_in_the_note() -> None:
    lines = note_of(invoke("add", "x", "-m", "1", env={**NOW, "LC_ALL": "de_DE.UTF-8"}).stderr)
    assert "  TelefonSeelsorge: call 0800 111 0 111 or 0800 111 0 222, free, any time" in lines
    assert "  Emergency services: call 112" in lines
    assert not any("findahelpline.com" in line for line in lines)
    assert "Looks like Germany. Set it with `journal config region DE`." in lines


def test_the_safety_plan_comes_before_the_numbers() -> None:
    env = {**NOW, "LC_ALL": "en_GB.UTF-8"}
    invoke("safety-plan", "--section", "people-to-ask", "--text", "Sam 07700 900123", env=env)
    lines = note_of(invoke("add", "x", "-m", "1", env=env).stderr)
    plan = lines.index("  Your safety plan:")
    samaritans = lines.index("  Samaritans: call 116 123, free, any time")
    assert lines[plan + 1].endswith(": Sam 07700 900123")
    assert lines[:2] == [MOOD_OPENING, "If you want support right now:"]
    assert plan < samaritans
    assert lines[-2] == "Looks like United Kingdom. Set it with `journal config region UK`."


def test_a_set_region_wins_over_the_suggestion() -> None:
    env = {**NOW, "LC_ALL": "de_DE.UTF-8", "WORKJOURNAL_REGION": "AU"}
    lines = note_of(invoke("add", "x", "-m", "1", env=env).stderr)
    assert "  Lifeline: call 13 11 14 or text 0477 13 11 14, any time" in lines
    assert not any(line.startswith("Looks like") for line in lines)
    assert "  Emergency services: call 112" not in lines


def test_nothing_to_suggest_from_shows_the_international_list_without_a_guess() -> None:
    lines = note_of(invoke("add", "x", "-m", "1", env={**NOW, "LC_ALL": "C", "TZ": "UTC"}).stderr)
    assert any("findahelpline.com" in line for line in lines)
    assert "  Emergency services: call your local emergency number" in lines
    assert not any(line.startswith("Looks like") for line in lines)


def test_phq9_question_9_note_uses_the_suggested_region(isolated: Path) -> None:
    env = {**NOW, "LC_ALL": "en_NZ.UTF-8"}
    result = invoke("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,1", env=env)
    assert result.exit_code == 0
    lines = note_of(result.stderr)
    assert lines[0] == ITEM9_OPENING
    assert "  1737 Need to talk?: call or text 1737, free, any time" in lines
    assert "  Emergency services: call 111" in lines
    assert "Looks like New Zealand. Set it with `journal config region NZ`." in lines
    assert no_config_written(isolated)


def test_a_high_urge_on_the_diary_card_uses_the_suggested_region() -> None:
    env = {**NOW, "LC_ALL": "C.UTF-8", "TZ": "Australia/Sydney"}
    result = invoke("card", "--urge", "suicide:3", env=env)
    assert result.exit_code == 0
    lines = note_of(result.stderr)
    assert lines[0] == cards.CARD_OPENING
    assert "  Lifeline: call 13 11 14 or text 0477 13 11 14, any time" in lines
    assert "Looks like Australia. Set it with `journal config region AU`." in lines


def test_help_now_and_the_note_show_the_same_region() -> None:
    env = {**NOW, "LC_ALL": "C.UTF-8", "TZ": "America/Toronto"}
    screen = invoke("help-now", env=env).stdout.splitlines()
    lines = note_of(invoke("add", "x", "-m", "1", env=env).stderr)
    suggestion = "Looks like Canada. Set it with `journal config region CA`."
    assert suggestion in screen and suggestion in lines
    numbers = [line for line in lines if line.startswith("  ") and ": " in line]
    assert numbers and all(line in screen for line in numbers)


def test_the_note_in_a_real_process_suggests_from_lang(isolated: Path) -> None:
    env = {**NOW, "LC_ALL": "", "LANG": "nl_NL.UTF-8", "TZ": "UTC"}
    done = run_journal("add", "zware avond", "-m", "1", env=env)
    assert done.returncode == 0, done.stderr
    err = done.stderr.decode()
    assert err.startswith("Saved entry 1")
    assert "  113 Zelfmoordpreventie: call 113 free, or chat at 113.nl" in err
    assert "Looks like Netherlands. Set it with `journal config region NL`." in err
    assert no_config_written(isolated)
    listed = run_journal("list", "-f", "json", env=env)
    assert json.loads(listed.stdout)[0]["text"] == "zware avond"


@pytest.mark.parametrize(
    ("configured", "env", "expected"),
    [
        (None, {"TZ": "Europe/Berlin"}, ("DE", True)),
        ("UK", {"TZ": "Europe/Berlin"}, ("UK", False)),
        ("", {"LANG": "fr_FR.UTF-8"}, ("FR", True)),
        (None, {}, ("INTL", False)),
        ("XX", {"LANG": "fr_FR.UTF-8"}, ("INTL", False)),  # set but unknown: not replaced
    ],
)
def test_resources_here_is_the_configured_region_else_the_suggestion(
    configured: str | None, env: dict[str, str], expected: tuple[str, bool]
) -> None:
    found, suggested = safety.resources_here(configured, env)
    assert (found.code, suggested) == expected


def test_a_failing_guess_still_gives_the_international_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise OSError("unreadable")

    monkeypatch.setattr(safety, "suggest_region", broken)
    found, suggested = safety.resources_here(None, {"TZ": "Europe/Berlin"})
    assert (found.code, suggested) == ("INTL", False)
