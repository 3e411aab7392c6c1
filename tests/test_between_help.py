"""Every between-sessions command explains itself with an example."""

from __future__ import annotations

import pytest

from helpers import invoke

COMMANDS = [
    ("homework",),
    ("homework", "add"),
    ("homework", "done"),
    ("homework", "list"),
    ("homework", "close"),
    ("session",),
    ("session", "add"),
    ("session", "list"),
    ("checkin",),
    ("checkin", "phq9"),
    ("checkin", "gad7"),
    ("checkin", "history"),
    ("help-now",),
    ("safety-plan",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_an_example(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    if len(command) == 1 and command[0] in ("homework", "session", "checkin"):
        assert "Commands" in result.stdout
    else:
        assert "Example: journal " + " ".join(command) in result.stdout
