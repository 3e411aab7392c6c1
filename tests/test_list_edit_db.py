"""Smaller things: list says what it left out, edit with nothing says so, --db after the command
name, and month says "so far" for the current month."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpers import invoke, run_journal
from workjournal.cli.common import hoist_root_options
from workjournal.reports.month import month_view

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", NOW["WORKJOURNAL_NOW"])


def _add(count: int) -> None:
    for index in range(count):
        assert invoke("add", f"entry {index}", "-m", "5").exit_code == 0


def test_list_says_how_many_it_did_not_show() -> None:
    _add(24)
    result = invoke("list")
    assert result.exit_code == 0
    assert result.stderr == "20 of 24 shown; -n 50 for more.\n"
    assert result.stdout.count("entry ") == 20
    assert invoke("list", "-n", "3", "-f", "json").stderr == "3 of 24 shown; -n 50 for more.\n"


def test_list_is_quiet_when_everything_is_shown() -> None:
    _add(3)
    assert invoke("list").stderr == ""
    assert invoke("list", "-n", "3").stderr == ""


def test_list_counts_only_what_matches_the_filters() -> None:
    _add(4)
    for _ in range(3):
        invoke("add", "work", "-t", "work")
    result = invoke("list", "-t", "work", "-n", "2")
    assert result.stderr == "2 of 3 shown; -n 50 for more.\n"


def test_edit_without_options_says_nothing_to_change() -> None:
    _add(1)
    result = invoke("edit", "1")
    assert result.exit_code == 0
    assert result.stderr == (
        "Nothing to change: entry 1 is as it was. Give what to change, e.g. "
        "`journal edit 1 -m 4` or `journal edit 1 --edit`.\n"
    )
    shown = json.loads(invoke("show", "1", "-f", "json").stdout)
    assert (shown["text"], shown["mood"]) == ("entry 0", 5)


def test_edit_of_an_unknown_id_without_options_is_still_an_error() -> None:
    _add(1)
    result = invoke("edit", "7")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no entry 7.")


def test_db_after_the_command_name(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert invoke("add", "elsewhere", "--db", str(other)).exit_code == 0
    assert other.exists()
    listed = json.loads(invoke("list", "-f", "json", f"--db={other}").stdout)
    assert [e["text"] for e in listed] == ["elsewhere"]
    assert invoke("list", "-f", "json").exit_code == 1  # the default journal was not created
    result = run_journal("list", "--db", str(other), "-f", "json", env=NOW)
    assert result.returncode == 0, result.stderr
    assert [e["text"] for e in json.loads(result.stdout)] == ["elsewhere"]


def test_hoisting_leaves_text_after_double_dash_alone() -> None:
    assert hoist_root_options(["list", "--db", "f", "-n", "2"]) == ["--db", "f", "list", "-n", "2"]
    assert hoist_root_options(["--db", "a", "add", "x"]) == ["--db", "a", "add", "x"]
    assert hoist_root_options(["add", "--", "--db", "x"]) == ["add", "--", "--db", "x"]
    assert hoist_root_options(["--help"]) == ["--help"]


def test_month_says_so_far_for_the_current_month() -> None:
    _add(1)
    result = invoke("month")
    assert result.exit_code == 0, result.stderr
    assert "You logged 1 of the 20 days so far this month · 1 entry" in result.stdout
    view = month_view([], day=date(2026, 10, 5), today=date(2026, 11, 20))
    assert view.days_so_far is None
    assert month_view([], day=date(2026, 11, 5), today=date(2026, 11, 20)).days_so_far == 20


def test_a_past_month_counts_all_its_days() -> None:
    invoke("add", "october", "-m", "4", "--at", "2026-10-03 10:00")
    result = invoke("month", "--date", "2026-10-01")
    assert "You logged 1 of 31 days this month · 1 entry" in result.stdout


@pytest.mark.parametrize(
    ("count", "message"),
    [(1, "1 private entry was left out"), (2, "2 private entries were left out")],
)
def test_private_entries_left_out_agree_in_number(count: int, message: str) -> None:
    invoke("add", "open", "-m", "5")
    for _ in range(count):
        invoke("add", "mine", "-m", "2", "--private")
    result = invoke("export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{message}; add --include-private to include them.")


def test_the_count_is_what_a_list_without_a_limit_holds(db_path: Path) -> None:
    # The store counts unordered (no sort of every row); the count must still be exactly the
    # entries the same filter lists, and never more than a limit.
    from dataclasses import replace

    from workjournal.models import EntryFilter
    from workjournal.store import open_store

    _add(3)
    invoke("add", "a deadline at work", "-t", "work", "-m", "2", "--private")
    invoke("add", "work again", "-t", "work", "--at", "2026-11-01 09:00")
    with open_store(db_path, create=False) as store:
        for flt in (
            EntryFilter(),
            EntryFilter(include_private=False),
            EntryFilter(triggers=("work",)),
            EntryFilter(search="deadline"),
            EntryFilter(mood_max=4, include_private=True),
            EntryFilter(since=store.list_entries()[0].occurred_at),
        ):
            assert store.count_matching(flt) == len(store.list_entries(flt)), flt
            assert store.count_matching(replace(flt, limit=1)) == min(
                1, len(store.list_entries(flt))
            )
        assert store.count_matching(EntryFilter()) == 5
