"""Crisis resources for many places, their freshness, and the region suggested from the
locale or time zone (shown, never saved)."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from helpers import invoke, run_journal
from workjournal import safety

NOW = "2026-12-01T21:30:00+00:00"
CHECKED = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", NOW)


def raw_data() -> dict[str, object]:
    text = resources.files("workjournal").joinpath("data", "crisis_resources.json").read_text()
    data: dict[str, object] = json.loads(text)
    return data


def test_every_country_has_its_emergency_number_with_a_source() -> None:
    regions = safety.load_data()["regions"]
    countries = [code for code in regions if code != "INTL"]
    assert len(countries) >= 40
    for code in countries:
        region = regions[code]
        assert region["emergency"][0].isdigit(), code
        [emergency] = [r for r in region["resources"] if r["name"] == safety.EMERGENCY_NAME]
        assert emergency["how"] == f"call {region['emergency']}", code
        assert emergency["source"].startswith(("https://", "http://")), code


SOURCE_KINDS = {"service", "official", "network"}


def test_every_resource_names_its_source_what_kind_it_is_and_when_it_was_checked() -> None:
    for code, region in safety.load_data()["regions"].items():
        for raw in region["resources"]:
            assert raw["name"] and raw["how"], code
            date.fromisoformat(raw["last_checked"])
            if raw["source"] is None:  # only the generic "your local emergency number"
                assert (code, raw["name"], raw["source_kind"]) == (
                    "INTL",
                    "Emergency services",
                    None,
                )
                continue
            assert raw["source"].startswith(("https://", "http://")), (code, raw["name"])
            assert raw["source_kind"] in SOURCE_KINDS, (code, raw["name"])


def test_every_time_zone_and_alias_points_at_a_country_in_the_file() -> None:
    data = safety.load_data()
    countries = set(data["regions"]) - {data["fallback_region"]}
    assert set(data["time_zones"].values()) <= countries
    assert set(data["aliases"].values()) <= countries
    assert not set(data["aliases"]) & set(data["regions"])  # an alias never hides a country


@pytest.mark.parametrize(
    ("region", "must_show"),
    [
        ("US", ["call or text 988", "text HOME to 741741", "call 911"]),
        ("CA", ["call or text 988", "text CONNECT to 686868", "call 911"]),
        ("UK", ["Samaritans: call 116 123", "text SHOUT to 85258", "call 999"]),
        ("IE", ["Samaritans: call 116 123", "call 112"]),
        ("AU", ["Lifeline: call 13 11 14 or text 0477 13 11 14", "call 000"]),
        ("NZ", ["call or text 1737", "call 111"]),
        ("FR", ["call 3114", "call 112"]),
        ("NL", ["call 113 free, or chat at 113.nl", "call 112"]),
    ],
)
def test_helplines_by_region(region: str, must_show: list[str]) -> None:
    result = invoke("help-now", env={"WORKJOURNAL_REGION": region})
    assert result.exit_code == 0
    for text in must_show:
        assert text in result.stdout


# One case per helpline added on 2026-12-02, each checked against the page in its "source".
NEWLY_VERIFIED = [
    pytest.param("CA", "  Kids Help Phone: call 1-800-668-6868, any time", id="CA-kids-help-phone"),
    pytest.param("IE", "  Crisis text line 50808: text HELLO to 50808, any time", id="IE-50808"),
    pytest.param("IE", "  Pieta: call 1800 247 247 or text HELP to 51444", id="IE-pieta"),
    pytest.param(
        "DE",
        "  TelefonSeelsorge: call 0800 111 0 111 or 0800 111 0 222, free, any time",
        id="DE-telefonseelsorge",
    ),
    pytest.param(
        "NL",
        "  113 Zelfmoordpreventie: call 0800-0113, free, even without phone credit",
        id="NL-0800-0113",
    ),
    pytest.param(
        "ZA", "  SADAG Suicide Crisis Helpline: call 0800 567 567, free, any time", id="ZA-sadag"
    ),
    pytest.param("ZA", "  Police: call 10111, any time (free from a landline)", id="ZA-police"),
]


@pytest.mark.parametrize(("region", "line"), NEWLY_VERIFIED)
def test_each_newly_verified_helpline_shows_in_help_now_for_its_region(
    region: str, line: str
) -> None:
    result = invoke("help-now", env={"WORKJOURNAL_REGION": region})
    assert result.exit_code == 0
    assert line in result.stdout.splitlines()
    assert "findahelpline.com" not in result.stdout  # a local helpline now, not the fallback
    assert not safety.resources_for(region).fallback


def test_help_now_in_a_real_process_shows_the_telefonseelsorge_for_a_german_locale() -> None:
    done = run_journal("help-now", env={"LC_ALL": "", "LANG": "de_DE.UTF-8", "TZ": "UTC"})
    assert done.returncode == 0
    out = done.stdout.decode()
    assert "TelefonSeelsorge: call 0800 111 0 111 or 0800 111 0 222, free, any time" in out
    assert "Looks like Germany. Set it with `journal config region DE`." in out


def test_south_africa_shows_112_from_an_official_page_and_no_stale_note() -> None:
    za = safety.load_data()["regions"]["ZA"]["resources"]
    [emergency] = [r for r in za if r["name"] == safety.EMERGENCY_NAME]
    assert (emergency["how"], emergency["source_kind"]) == ("call 112", "official")
    assert "note" not in emergency
    result = invoke("help-now", env={"WORKJOURNAL_REGION": "ZA"})
    assert result.stdout.rstrip().endswith("If you are in danger right now, call 112.")


def test_only_the_crisis_text_line_still_carries_a_not_rechecked_note() -> None:
    noted = [
        (code, r["name"])
        for code, region in safety.load_data()["regions"].items()
        for r in region["resources"]
        if "note" in r
    ]
    assert noted == [("US", "Crisis Text Line")]


@pytest.mark.parametrize(
    ("region", "name", "number"),
    [
        ("ES", "Spain", "112"),
        ("IN", "India", "112"),
        ("IS", "Iceland", "112"),
        ("NO", "Norway", "112"),
        ("LI", "Liechtenstein", "112"),
        ("TR", "Türkiye", "112"),
    ],
)
def test_a_country_with_only_its_emergency_number_shows_it_with_the_international_list(
    region: str, name: str, number: str
) -> None:
    found = safety.resources_for(region)
    assert (found.code, found.emergency, found.fallback) == (region, number, True)
    result = invoke("help-now", env={"WORKJOURNAL_REGION": region})
    assert "findahelpline.com" in result.stdout
    assert f"Emergency services: call {number}" in result.stdout
    assert f"only the emergency number for {name}" in result.stdout
    assert result.stdout.rstrip().endswith(f"If you are in danger right now, call {number}.")


def test_an_unknown_region_shows_the_international_fallback() -> None:
    result = invoke("help-now", env={"WORKJOURNAL_REGION": "XX"})
    assert "findahelpline.com" in result.stdout
    assert "no local numbers for XX yet" in result.stdout
    assert result.stdout.rstrip().endswith("call your local emergency number.")


def test_staleness_is_measured_against_the_day_passed_in() -> None:
    oldest = min(
        date.fromisoformat(r["last_checked"])
        for region in safety.load_data()["regions"].values()
        for r in region["resources"]
    )
    last_fresh_day = date.fromordinal(oldest.toordinal() + safety.RECHECK_AFTER_DAYS)
    assert safety.stale_resources(last_fresh_day) == []
    stale = safety.stale_resources(date.fromordinal(last_fresh_day.toordinal() + 1))
    assert stale and all(checked == oldest for _, _, checked in stale)
    everything = safety.stale_resources(date(2030, 1, 1))
    assert len(everything) == sum(
        len(region["resources"]) for region in safety.load_data()["regions"].values()
    )


def test_no_crisis_resource_is_older_than_twelve_months_today() -> None:
    # Uses the real date on purpose: when this fails, re-check each number listed against
    # its service's own page, then update its source and last_checked.
    assert safety.stale_resources(date.today()) == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "DE"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "FR"),  # LC_ALL wins
        ({"LC_MESSAGES": "nl_NL", "LANG": "de_DE.UTF-8"}, "NL"),
        ({"LANG": "en_GB.UTF-8"}, "UK"),  # GB is the UK's alias
        ({"LANG": "sr_RS@latin"}, "RS"),
        ({"LANG": "C.UTF-8", "TZ": "Europe/Berlin"}, "DE"),
        ({"LANG": "ja_JP.UTF-8", "TZ": "Pacific/Auckland"}, "NZ"),  # unknown locale, known zone
        ({"TZ": ":America/Toronto"}, "CA"),
        ({"LANG": "is_IS.UTF-8"}, "IS"),
        ({"LANG": "nb_NO.UTF-8"}, "NO"),
        ({"LANG": "C", "TZ": "Europe/Istanbul"}, "TR"),
        ({"LANG": "C", "TZ": "Europe/Vaduz"}, "LI"),
        ({"LANG": "C", "TZ": "Asia/Tokyo"}, None),
        ({"LANG": "POSIX"}, None),
        ({}, None),
    ],
)
def test_region_suggestion_from_locale_and_time_zone(
    env: dict[str, str], expected: str | None
) -> None:
    assert safety.suggest_region(env) == expected


def test_region_suggestion_from_the_localtime_link(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Australia/Sydney")
    assert safety.suggest_region({}, localtime=link) == "AU"
    plain = tmp_path / "plain"
    plain.write_bytes(b"TZif")
    assert safety.suggest_region({}, localtime=plain) is None
    assert safety.suggest_region({}, localtime=tmp_path / "missing") is None
    assert safety.suggest_region({"TZ": "Europe/Paris"}, localtime=link) == "FR"  # TZ wins


@pytest.mark.parametrize(
    ("env", "line", "number"),
    [
        (
            {"LC_ALL": "de_DE.UTF-8", "TZ": "UTC"},
            "Looks like Germany. Set it with `journal config region DE`.",
            "112",
        ),
        (
            {"LC_ALL": "C.UTF-8", "TZ": "Europe/Berlin"},
            "Looks like Germany. Set it with `journal config region DE`.",
            "112",
        ),
        (
            {"LC_ALL": "en_US.UTF-8", "TZ": "UTC"},
            "Looks like United States. Set it with `journal config region US`.",
            "911",
        ),
    ],
)
def test_help_now_suggests_a_region_and_never_writes_config(
    env: dict[str, str], line: str, number: str, isolated: Path
) -> None:
    result = invoke("help-now", env=env)
    assert result.exit_code == 0
    assert line in result.stdout.splitlines()
    assert result.stdout.rstrip().endswith(f"call {number}.")
    config_dir = isolated / "home" / ".config"
    assert not config_dir.exists() or not any(config_dir.rglob("*"))
    assert not (isolated / "journal").exists()


def test_a_set_region_wins_over_the_suggestion() -> None:
    result = invoke("help-now", env={"LC_ALL": "de_DE.UTF-8", "WORKJOURNAL_REGION": "UK"})
    assert "Samaritans" in result.stdout
    assert "Looks like" not in result.stdout


def test_help_now_in_a_real_process_suggests_from_lang(isolated: Path) -> None:
    done = run_journal("help-now", env={"LC_ALL": "", "LANG": "fr_FR.UTF-8", "TZ": "UTC"})
    assert done.returncode == 0
    out = done.stdout.decode()
    assert "Looks like France. Set it with `journal config region FR`." in out
    assert "call 3114" in out
    assert not (isolated / "home" / ".config" / "workjournal").exists()
