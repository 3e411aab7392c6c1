"""Small text helpers every output shares. Standard library only."""

from __future__ import annotations

import math
import re

MISSING = "–"


def first_line(text: str, width: int) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis."""
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


def shorten(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` characters; when anything was left out (more
    characters or more lines) it ends with "…", so nothing is ever cut silently."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: max(1, width - 1)].rstrip() + "…"


def number(value: float | None) -> str:
    """A mean or other measured number for people, in every output (terminal, md, html, pdf):
    one decimal (``5.3``, ``6.0``), or "–" for none. JSON keeps 2 decimals instead."""
    if value is None:
        return MISSING
    # Half up (3.25 -> 3.3), as people round; the 1e-9 absorbs float noise such as 3.2499999.
    return f"{math.floor(value * 10 + 0.5 + 1e-9) / 10:.1f}"


# The seven columns of a thought record, in their usual order: (field of ThoughtRecord, label).
# The one copy of these labels: the terminal, md, html and pdf all take them from here.
THOUGHT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("situation", "Situation"),
    ("emotions_before", "Emotions"),
    ("automatic_thought", "Automatic thought"),
    ("evidence_for", "Evidence for"),
    ("evidence_against", "Evidence against"),
    ("balanced_thought", "Balanced thought"),
    ("emotions_after", "Emotions after"),
)
THOUGHT_LABELS: tuple[str, ...] = tuple(label for _, label in THOUGHT_COLUMNS)


# Control characters a person's text may hold (pasted, or from an imported file), which a
# terminal would obey: ESC starts sequences that recolour, retitle, clear the screen or write
# the clipboard, and CR overwrites the line. Tab and newline stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    # U+2400-241F and U+2421 are the control pictures (ESC shows as ␛); C1 codes as U+FFFD.
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def for_terminal(text: str) -> str:
    """``text`` with each control character a terminal would obey shown as a visible sign,
    for the screen only: what the journal stores and exports keeps every character."""
    return _CONTROL.sub(_visible, text) if _CONTROL.search(text) else text
