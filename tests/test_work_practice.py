"""journal practice: log, list, edit, delete, start (with a real terminal and Ctrl-C)."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from helpers import invoke, subprocess_env
from workjournal.errors import InvalidInput
from workjournal.practice import (
    NewPractice,
    Practice,
    breath_phase,
    minutes_practised,
    parse_breathing,
)

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


def practice_json() -> list[dict[str, object]]:
    result = invoke("practice", "list", "-f", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_log_and_list_json(db_path: Path) -> None:
    result = invoke(
        "practice",
        "log",
        " Body  Scan ",
        "--minutes",
        "15",
        "--before",
        "6",
        "--after",
        "4",
        "--note",
        "shoulders loosened",
        "--at",
        "today 08:00",
        env=NOW,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Logged practice 1: body scan · 15 min · Fri 20 Nov 2026 08:00 · distress 6 → 4.\n"
    )
    assert result.stdout == ""
    [item] = practice_json()
    assert {k: v for k, v in item.items() if k not in ("uuid", "created_at")} == {
        "id": 1,
        "name": "body scan",
        "minutes": 15,
        "at": "2026-11-20T08:00:00+00:00",
        "note": "shoulders loosened",
        "before": 6,
        "after": 4,
        "homework_id": None,
    }


def test_log_with_homework_counts_a_completion(db_path: Path) -> None:
    invoke("homework", "add", "Breathing", "--daily", "--self", env=NOW)
    result = invoke("practice", "log", "breathing", "--minutes", "5", "--homework", "1", env=NOW)
    assert result.exit_code == 0, result.stderr
    assert "Counted for homework 1 (Breathing)." in result.stderr
    [hw] = json.loads(invoke("homework", "list", "-f", "json", env=NOW).stdout)
    assert hw["done_this_week"] == 1
    assert practice_json()[0]["homework_id"] == 1


def test_log_with_unknown_homework_saves_nothing(db_path: Path) -> None:
    invoke("homework", "add", "Breathing", env=NOW)
    result = invoke("practice", "log", "walk", "--minutes", "5", "--homework", "9", env=NOW)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no homework 9; nothing was saved.")
    assert practice_json() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--minutes", "0"], "0 is not in the range"),
        (["--minutes", "5", "--before", "11"], "11 is not in the range"),
        (["--minutes", "5", "--at", "someday"], "'--at'"),
    ],
)
def test_log_rejects_bad_values(db_path: Path, args: list[str], message: str) -> None:
    result = invoke("practice", "log", "walk", *args, env=NOW)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not db_path.exists()


def test_log_needs_minutes_and_a_name(db_path: Path) -> None:
    assert invoke("practice", "log", "walk").exit_code == 2
    result = invoke("practice", "log", "   ", "--minutes", "3")
    assert result.exit_code == 2
    assert "a practice name cannot be empty." in result.stderr


def test_list_since_and_table(db_path: Path) -> None:
    invoke("practice", "log", "walk", "--minutes", "30", "--at", "2026-11-10 09:00", env=NOW)
    invoke("practice", "log", "breathing", "--minutes", "5", env=NOW)
    result = invoke("practice", "list", "--since", "2026-11-15", "-f", "json", env=NOW)
    assert [p["name"] for p in json.loads(result.stdout)] == ["breathing"]
    table = invoke("practice", "list", env=NOW)
    assert table.exit_code == 0
    assert "walk" in table.stdout and "breathing" in table.stdout and "30" in table.stdout


def test_list_empty_is_kind(db_path: Path) -> None:
    invoke("practice", "log", "walk", "--minutes", "30", "--at", "2026-11-10 09:00", env=NOW)
    result = invoke("practice", "list", "--since", "2026-11-15", env=NOW)
    assert result.stdout.startswith("No practice logged yet.")


def test_list_without_journal(db_path: Path) -> None:
    result = invoke("practice", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no journal")


@pytest.mark.parametrize("width", ["40", "200"])
def test_table_fits_widths(db_path: Path, width: str) -> None:
    invoke("practice", "log", "loving kindness meditation", "--minutes", "20", "--note", "x" * 90)
    out = invoke("practice", "list", env={"COLUMNS": width}).stdout
    assert max(len(line) for line in out.splitlines()) <= int(width)


def test_edit_replaces_only_given_fields(db_path: Path) -> None:
    invoke("practice", "log", "walk", "--minutes", "30", "--note", "river", "--before", "5")
    result = invoke("practice", "edit", "1", "--minutes", "20", "--after", "2", "--name", "Run")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Updated practice 1: run · 20 min")
    [p] = practice_json()
    assert (p["name"], p["minutes"], p["note"], p["before"], p["after"]) == (
        "run",
        20,
        "river",
        5,
        2,
    )


def test_edit_nothing_and_unknown(db_path: Path) -> None:
    invoke("practice", "log", "walk", "--minutes", "30")
    result = invoke("practice", "edit", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Nothing to change")
    result = invoke("practice", "edit", "7", "--minutes", "3")
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: there is no practice 7. `journal practice list` shows the ids.\n"
    )


def test_delete_asks_and_refuses_without_terminal(db_path: Path) -> None:
    invoke("practice", "log", "walk", "--minutes", "30")
    result = invoke("practice", "delete", "1")
    assert result.exit_code == 1
    assert "needs confirmation: add --yes" in result.stderr
    assert len(practice_json()) == 1
    result = invoke("practice", "delete", "1", "--yes")
    assert result.exit_code == 0
    assert result.stderr == "Deleted practice 1.\n"
    assert practice_json() == []


def test_completion_offers_earlier_names(db_path: Path) -> None:
    from workjournal.cli import practice as practice_cli

    invoke("practice", "log", "breathing", "--minutes", "3")
    invoke("practice", "log", "body scan", "--minutes", "3")
    invoke("practice", "log", "breathing", "--minutes", "3")
    seen: list[list[str]] = []
    probe = typer.Typer()

    @probe.command()
    def run(ctx: typer.Context) -> None:
        seen.append(practice_cli._complete_name(ctx, "B"))

    CliRunner().invoke(probe, [], catch_exceptions=False)
    assert seen == [["breathing", "body scan"]]


def test_start_without_terminal_points_to_log(db_path: Path) -> None:
    result = invoke("practice", "start", "breathing", "--minutes", "1")
    assert result.exit_code == 1
    assert "needs a terminal" in result.stderr
    assert "journal practice log NAME --minutes N" in result.stderr
    assert not db_path.exists()


def test_start_rejects_bad_breathing(db_path: Path) -> None:
    result = invoke("practice", "start", "breathing", "--breathe", "4-4")
    assert result.exit_code == 2
    assert "--breathe takes four numbers" in result.stderr


def test_model_round_trip_and_rules() -> None:
    at = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
    p = Practice(1, "u", "walk", 5, at, at, "n", 3, 2, None)
    assert Practice.from_json(p.to_json()) == p
    with pytest.raises(InvalidInput):
        Practice.from_json({**p.to_json(), "minutes": 0})
    with pytest.raises(InvalidInput):
        Practice.from_json({**p.to_json(), "after": 11})
    with pytest.raises(InvalidInput):
        Practice.from_json({"name": "walk"})
    assert NewPractice("  Walk ", 5, at).name == "walk"


def test_breathing_pattern_and_phase() -> None:
    assert parse_breathing("4-7-8-0") == (4, 7, 8, 0)
    for bad in ("4-4-4", "0-4-4-4", "a-b-c-d", "4-4-21-4", "-1-4-4-4"):
        with pytest.raises(InvalidInput):
            parse_breathing(bad)
    pattern = (4, 2, 4, 0)
    assert breath_phase(pattern, 0) == ("in", 4)
    assert breath_phase(pattern, 3.5) == ("in", 1)
    assert breath_phase(pattern, 4) == ("hold", 2)
    assert breath_phase(pattern, 6) == ("out", 4)
    assert breath_phase(pattern, 10) == ("in", 4)  # the hold of 0 is skipped
    assert minutes_practised(119.9) == 1
    assert minutes_practised(0.5, seconds_per_minute=0.2) == 2


def start_at_a_terminal(
    args: list[str], *, answers: str, interrupt_after: float | None, per_minute: str
) -> subprocess.CompletedProcess[bytes]:
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "workjournal", "practice", "start", *args],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(**NOW, WORKJOURNAL_PRACTICE_SECONDS_PER_MINUTE=per_minute),
        )
        os.close(slave)
        begun = b""
        if interrupt_after is not None:
            # Count from the countdown's start, not the process's: under load the interpreter
            # alone can take longer than the whole wait.
            assert proc.stderr is not None
            deadline = time.monotonic() + 60
            while b"started" not in begun and time.monotonic() < deadline:
                chunk = os.read(proc.stderr.fileno(), 4096)
                if not chunk:
                    break
                begun += chunk
            assert b"started" in begun, begun
            time.sleep(interrupt_after)
            proc.send_signal(signal.SIGINT)  # what Ctrl-C at the terminal sends
        os.write(master, answers.encode())
        out, err = proc.communicate(timeout=60)
        err = begun + err
    finally:
        os.close(master)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.slow
def test_start_ctrl_c_keeps_minutes_practised(db_path: Path) -> None:
    # A "minute" lasts 0.5 s here: Ctrl-C 1.2 s after the start, 2.4 minutes of 10, keeps 2.
    result = start_at_a_terminal(
        ["breathing", "--minutes", "10", "--breathe", "4-4-4-4", "--quiet"],
        answers="calmer\n\n6\n3\n",
        interrupt_after=1.2,
        per_minute="0.5",
    )
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "Ended after 2 min; that is kept." in err or "Ended after 3 min" in err
    assert "What did you notice?" in err
    [p] = practice_json()
    assert p["name"] == "breathing" and p["minutes"] in (2, 3)
    assert (p["note"], p["before"], p["after"]) == ("calmer", 6, 3)
    assert "\a" not in err


@pytest.mark.slow
def test_start_runs_to_the_end_with_a_bell(db_path: Path) -> None:
    result = start_at_a_terminal(
        ["walk", "--minutes", "2", "--note", "", "--before", "4", "--after", "2"],
        answers="",
        interrupt_after=None,
        per_minute="0.2",
    )
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "\a" in err
    assert "walk: done." in err
    assert practice_json()[0]["minutes"] == 2


@pytest.mark.slow
def test_start_under_a_minute_saves_nothing(db_path: Path) -> None:
    result = start_at_a_terminal(
        ["walk", "--minutes", "5"], answers="", interrupt_after=1.0, per_minute="30"
    )
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "under a minute, so nothing was saved" in err
    assert not db_path.exists() or practice_json() == []
