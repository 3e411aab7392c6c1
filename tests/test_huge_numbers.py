"""Every whole-number argument and option of every command takes a number too large for SQLite
(`99999999999999999999`) as a clear usage error, never an OverflowError deep in the store.

The command tree is walked, so a command added later is covered without anyone remembering."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from helpers import invoke
from workjournal.cli import app

HUGE = "99999999999999999999"


# Duck-typed: this Typer vendors its own copy of click, whose classes are not the installed
# click's.
ROOT_COMMAND: Any = typer.main.get_command(app)
CONTEXT = ROOT_COMMAND.context_class(ROOT_COMMAND)


def _is_group(command: Any) -> bool:
    return hasattr(command, "list_commands")


def _sub(group: Any, name: str) -> Any:
    command = group.get_command(CONTEXT, name)  # (the CLI loads its command modules lazily)
    assert command is not None, name
    return command


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if _is_group(group):
        for name in group.list_commands(CONTEXT):
            yield from _commands(_sub(group, name), (*path, name))
    else:
        yield path, group


def _is_int(param: Any) -> bool:
    return getattr(param.type, "name", "") in ("int", "integer", "int range", "integer range")


CASES = [
    (path, param.name)
    for path, command in _commands(ROOT_COMMAND)
    for param in command.params
    if _is_int(param) and param.name
]


def _args(path: tuple[str, ...], name: str) -> list[str]:
    command = ROOT_COMMAND
    for part in path:
        assert _is_group(command)
        command = _sub(command, part)
    args = list(path)
    for param in command.params:
        if param.param_type_name == "argument":
            if param.name == name:
                args.append(HUGE)
            elif param.required:
                args.append("1" if _is_int(param) else "walk")
    for param in command.params:
        if param.param_type_name == "option" and param.name == name:
            args += [param.opts[0], HUGE]
    return args


def test_the_walk_finds_the_id_arguments_and_counts() -> None:
    names = {(" ".join(path), name) for path, name in CASES}
    assert ("show", "entry_id") in names
    assert ("thought show", "record_id") in names
    assert ("list", "number") in names
    assert len(CASES) > 25


@pytest.mark.parametrize(("path", "name"), CASES, ids=[f"{' '.join(p)}:{n}" for p, n in CASES])
def test_a_number_too_large_is_a_usage_error(
    path: tuple[str, ...], name: str, db_path: Path
) -> None:
    assert invoke("add", "a first entry", "-m", "5").exit_code == 0
    result = invoke(*_args(path, name), input="")
    assert "unexpected problem" not in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exit_code in (1, 2), (result.stdout, result.stderr)
