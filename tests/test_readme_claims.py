"""The README's and the reference pages' concrete claims, checked against the program itself.

- The time forms docs/commands.md lists for ``--at`` and ``--since`` are exactly the parser's own
  lists (``clock.ACCEPTED_FORMS``/``PERIOD_FORMS``, which its error message quotes), and every
  one of them is accepted with a fixed now and zone.
- The key tables of docs/json-format.md (``<!-- keys: NAME -->`` before each table) match the keys
  of real output from a journal with the demo's weeks and a record of every kind.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from helpers import ROOT, invoke
from workjournal import clock
from workjournal.errors import InvalidInput
from workjournal.models import RECORD_KINDS

COMMANDS = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
JSON_FORMAT = (ROOT / "docs" / "json-format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
NOW_TEXT = "2026-11-20T21:30:00+00:00"
NOW = datetime.fromisoformat(NOW_TEXT)
TZ = ZoneInfo("Europe/London")


# -- time forms --------------------------------------------------------------------------------


def listed_forms(name: str) -> tuple[str, ...]:
    """The backticked forms between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``."""
    match = re.search(rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", COMMANDS, re.S)
    assert match, f"docs/commands.md has no {name} list"
    return tuple(" ".join(form.split()) for form in re.findall(r"`([^`]+)`", match[1]))


def test_the_at_forms_listed_are_exactly_the_parsers_list() -> None:
    assert listed_forms("at-forms") == clock.ACCEPTED_FORMS


def test_the_since_forms_listed_are_exactly_the_parsers_period_list() -> None:
    assert listed_forms("period-forms") == clock.PERIOD_FORMS


@pytest.mark.parametrize("form", clock.ACCEPTED_FORMS)
def test_each_listed_at_form_is_accepted_and_not_in_the_future(form: str) -> None:
    moment = clock.parse_when(form, now=NOW, tz=TZ)
    assert moment <= NOW


@pytest.mark.parametrize("form", clock.BOUND_FORMS)
def test_each_listed_since_form_is_accepted(form: str) -> None:
    since = clock.parse_bound(form, now=NOW, tz=TZ, option="--since", end=False)
    assert since <= NOW


@pytest.mark.parametrize(("option", "forms"), [("--at", "at-forms"), ("--since", "period-forms")])
def test_a_refused_form_is_answered_with_the_listed_forms(option: str, forms: str) -> None:
    with pytest.raises(InvalidInput) as info:
        if option == "--at":
            clock.parse_when("the day after", now=NOW, tz=TZ, option=option)
        else:
            clock.parse_bound("the day after", now=NOW, tz=TZ, option=option, end=False)
    for form in listed_forms(forms):
        assert form in info.value.message


def test_a_moment_in_the_future_is_refused_with_the_list_of_forms() -> None:
    with pytest.raises(InvalidInput) as info:
        clock.parse_when("2026-11-21 09:00", now=NOW, tz=TZ)
    assert "in the future" in info.value.message
    assert ", ".join(listed_forms("at-forms")) in info.value.message


# -- JSON key tables ---------------------------------------------------------------------------


def documented(name: str) -> list[str]:
    """The keys in the first column of the table after ``<!-- keys: NAME -->``, in order."""
    match = re.search(rf"<!-- keys: {name} -->\n((?:\|.*\n)+)", JSON_FORMAT)
    assert match, f"docs/json-format.md documents no {name!r} keys"
    rows = match[1].splitlines()[2:]  # below the header and its |---| line
    keys: list[str] = []
    for row in rows:
        keys += re.findall(r"`([^`]+)`", row.split("|")[1])
    assert keys and len(keys) == len(set(keys)), (name, keys)
    return keys


def _refuse(*args: object, **kwargs: object) -> None:
    raise OSError("network access is disabled in workjournal's tests")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The demo's weeks, plus a record of every kind, in a journal of its own (built once, with
    the same isolation as conftest's: its own home, config and zone, and no network)."""
    from test_privacy_by_kind import write_markers

    home = tmp_path_factory.mktemp("claims")
    db = home / "journal" / "journal.db"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "WORKJOURNAL_DB": str(db),
            "WORKJOURNAL_NOW": NOW_TEXT,
            "TZ": "Europe/London",
            "NO_COLOR": "1",
        }.items():
            patch.setenv(name, value)
        patch.delenv("WORKJOURNAL_PASSPHRASE_FILE", raising=False)
        for owner, name in ((socket.socket, "connect"), (socket, "create_connection")):
            patch.setattr(owner, name, _refuse)

        def ok(*args: str) -> str:
            result = invoke(*args)
            assert result.exit_code == 0, (args, result.stderr)
            return result.stdout

        ok("demo", "--db", str(db))
        write_markers(db)
        ok("safety-plan", "--section", "people-to-ask", "--text", "Sam 07700 900123")
        ok("add", "bring this up", "-m", "3", "--discuss", "--at", "yesterday 10:00")
        export = ok("export", "--format", "json", "--include-private", "--out", "-")
        yield {
            "export": json.loads(export),
            "list": json.loads(ok("list", "--format", "json", "-n", "5")),
            "week": json.loads(ok("week", "--format", "json")),
            "prep": json.loads(ok("prep", "--format", "json")),
        }


def test_the_export_top_level_keys_are_documented_in_order(outputs: dict[str, Any]) -> None:
    assert list(outputs["export"]) == documented("export")


def test_the_entry_object_keys_are_documented(outputs: dict[str, Any]) -> None:
    assert outputs["list"], "no entries listed"
    for entry in [*outputs["list"], *outputs["export"]["entries"]]:
        assert sorted(entry) == sorted(documented("entry"))


@pytest.mark.parametrize("kind", [kind.name for kind in RECORD_KINDS if kind.name != "entries"])
def test_each_record_kinds_keys_are_documented(outputs: dict[str, Any], kind: str) -> None:
    records = outputs["export"][kind]
    if isinstance(records, dict):  # the safety plan is one object
        records = [records]
    assert records, f"the journal has no {kind} to compare"
    for record in records:
        assert sorted(record) == sorted(documented(kind)), kind


def test_the_week_keys_are_documented(outputs: dict[str, Any]) -> None:
    assert sorted(outputs["week"]) == sorted(documented("week"))


def test_the_prep_keys_documented_are_all_there(outputs: dict[str, Any]) -> None:
    # ⊆ rather than ==: prep gains keys (practice, reflections, conversations) on another branch;
    # the ones documented must never go missing or be renamed.
    missing = set(documented("prep")) - set(outputs["prep"])
    assert not missing


def test_entries_inside_reports_carry_the_documented_short_shape(outputs: dict[str, Any]) -> None:
    short = documented("short_entry")
    week, prep = outputs["week"], outputs["prep"]
    assert week["hardest"] and week["best"] and prep["hardest"] and prep["discuss"]
    for entry in (week["hardest"], week["best"]):
        assert sorted(entry) == sorted(set(short) - {"triggers"})
    for entry in [*prep["hardest"], *prep["discuss"]]:
        assert sorted(entry) == sorted(short)


# -- the README's words ------------------------------------------------------------------------


def test_the_readme_points_to_the_json_page_for_every_json_output() -> None:
    assert "[JSON formats](docs/json-format.md): every `--format json` output" in README
    for name in ("entry", "week", "prep", "export"):
        documented(name)
