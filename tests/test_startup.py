"""`journal add` must start fast enough to use mid-panic: it never loads the heavy libraries, and
a process builds only the command it runs. (Wall time is measured in bench/, never here.)"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from helpers import run_journal, subprocess_env
from workjournal.cli import app, common

HEAVY = ("rich", "sqlite_utils", "dateutil", "jinja2", "fpdf", "pydantic")


def imported_modules(*args: str) -> tuple[subprocess.CompletedProcess[bytes], set[str]]:
    """Run ``journal ARGS`` with ``-X importtime`` and return the top-level packages it loaded."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "workjournal", *args],
        input=b"",
        capture_output=True,
        env=subprocess_env(),
        timeout=60,
        check=False,
    )
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", proc.stderr.decode(), re.M)
    assert "workjournal.cli" in names, "-X importtime printed nothing: the check would be empty"
    return proc, {name.split(".")[0] for name in names}


def test_add_loads_none_of_the_heavy_libraries() -> None:
    # The very first add creates the journal, and migrations run through sqlite-utils (once in
    # the journal's life); every add after that is the hot path.
    assert run_journal("add", "first", "-m", "5").returncode == 0
    proc, loaded = imported_modules("add", "a quick note", "-m", "4", "-t", "work")
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    assert b"Saved entry 2" in proc.stderr
    assert "sqlite3" in loaded  # the probe sees what add really uses
    assert sorted(loaded & set(HEAVY)) == []


def test_add_with_every_option_loads_none_of_them_either() -> None:
    assert run_journal("add", "first", "-m", "5").returncode == 0
    proc, loaded = imported_modules(
        "add",
        "second",
        "-m",
        "4",
        "-e",
        "anxious:40",
        "-g",
        "home",
        "-c",
        "walk",
        "--at",
        "yesterday 21:30",
        "--discuss",
        "--private",
    )
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    assert sorted(loaded & set(HEAVY)) == []


def test_list_does_load_rich_so_the_probe_can_fail() -> None:
    assert run_journal("add", "first", "-m", "5").returncode == 0
    proc, loaded = imported_modules("list")
    assert proc.returncode == 0
    assert "rich" in loaded


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "text"], "add"),
        (["--db", "add", "list"], "list"),
        (["--db=x.db", "show", "3"], "show"),
        (["--help"], None),
        (["--version", "add"], None),
        ([], None),
        (["--db", "x.db"], None),
    ],
)
def test_the_requested_command_is_found_after_the_root_options(
    args: list[str], expected: str | None
) -> None:
    assert common.requested_command(args) == expected


def test_only_the_requested_command_is_kept() -> None:
    copy = typer.Typer()
    copy.registered_commands = list(app.registered_commands)
    common.keep_only_requested_command(copy, ["--db", "j.db", "list", "-n", "3"])
    assert [info.callback.__name__ for info in copy.registered_commands if info.callback] == [
        "list_entries"
    ]
    copy.registered_commands = list(app.registered_commands)
    common.keep_only_requested_command(copy, ["lsit"])
    assert len(copy.registered_commands) == len(app.registered_commands)


def test_help_and_unknown_commands_still_see_every_command() -> None:
    helped = run_journal("--help")
    assert helped.returncode == 0
    for name in ("add", "list", "show", "edit", "delete"):
        assert re.search(rf"^\s+{name}\s", helped.stdout.decode(), re.M), name
    wrong = run_journal("lsit")
    assert wrong.returncode == 2
    assert "No such command 'lsit'. Did you mean 'list'?" in wrong.stderr.decode()
    assert run_journal("add", "--help").returncode == 0
