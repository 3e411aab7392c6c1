"""Every command and every command group shows an example in its --help: a line that starts with
``journal ``. The command tree is walked from the app itself, so a command added later is covered
without anyone listing it here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer

from helpers import invoke
from workjournal.cli import app


def command_paths() -> Iterator[tuple[str, ...]]:
    root = typer.main.get_command(app)

    def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not getattr(sub, "hidden", False):
                yield from walk(sub, (*path, name))

    return walk(root, ())


PATHS = list(command_paths())


def test_the_walk_finds_the_commands_and_groups() -> None:
    assert () in PATHS and ("add",) in PATHS
    assert ("homework",) in PATHS and ("homework", "done") in PATHS
    assert len(PATHS) > 20


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "journal")
def test_every_command_and_group_has_an_example_in_its_help(path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.stderr
    examples = [
        line.strip()
        for line in result.stdout.splitlines()
        if line.strip().removeprefix("Example:").strip().startswith("journal ")
    ]
    assert examples, f"`journal {' '.join(path)} --help` shows no example:\n{result.stdout}"
