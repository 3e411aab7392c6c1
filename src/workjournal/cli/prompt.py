"""Plain prompts for the guided flows (check-ins, thought records, safety plan): questions on
stderr, answers read from stdin, no Rich, so they work in any terminal and in a pipe."""

from __future__ import annotations

import sys


class EndOfInput(Exception):
    """stdin closed (Ctrl-D or the end of piped input) before the flow finished."""


def say(text: str = "") -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def ask(prompt: str) -> str:
    """One line from stdin; raises :class:`EndOfInput` when stdin is closed."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        raise EndOfInput
    return line.rstrip("\r\n")


def ask_lines(prompt: str = "> ") -> list[str] | None:
    """Lines until an empty one. None when the very first line is empty (keep what is there);
    stdin closing ends the list like an empty line."""
    lines: list[str] = []
    while True:
        try:
            line = ask(prompt if not lines else "  ")
        except EndOfInput:
            break
        if not line.strip():
            break
        lines.append(line.rstrip())
    return lines or None
