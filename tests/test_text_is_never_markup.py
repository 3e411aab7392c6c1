"""A person's words are printed as they were typed: brackets are not Rich markup (an unmatched
"[/]" used to end a command with "an unexpected problem"), and ":heart:" is not an emoji code."""

from __future__ import annotations

import json

import pytest

from helpers import invoke, run_journal

ENV = {"WORKJOURNAL_NOW": "2026-12-01T20:00:00+00:00"}
WORDS = "a [/] b [bold]x[/bold] :heart: [link=http://x]y[/link]"


def _ok(*args: str) -> str:
    done = invoke(*args, env=ENV)
    assert done.exit_code == 0, (args, done.stdout, done.stderr)
    return done.stdout


@pytest.fixture
def written(isolated: object) -> None:
    steps = [
        ("add", WORDS, "-m", "3", "-t", "[/]", "--at", "yesterday 21:00"),
        ("homework", "add", WORDS, "--daily"),
        ("homework", "done", "1", "--note", WORDS),
        ("session", "add", "2026-11-27 15:00", "--note", WORDS),
        ("thought", "--situation", WORDS, "--thought", WORDS),
        ("practice", "log", "breathing", "--minutes", "5", "--note", WORDS),
        ("talk", "plan", WORDS, "--with", "[/]", "--describe", WORDS, "--priority", "objective"),
        ("card", "--note", WORDS),
        ("safety-plan", "--section", "people-to-ask", "--text", WORDS),
        ("remind", "set", "21:00", "--message", WORDS),
        ("reflect", "add-prompt", f"{WORDS} what now?", "--theme", "progress"),
    ]  # fmt: skip
    for args in steps:
        _ok(*args)


# Read commands that show the words themselves: each must print them exactly.
SHOWING = [
    ("list",),
    ("show", "1"),
    ("week",),
    ("prep",),
    ("help-now",),
    ("homework", "list"),
    ("homework", "show", "1"),
    ("session", "list"),
    ("thought", "list"),
    ("thought", "show", "1"),
    ("practice", "list"),
    ("talk", "list"),
    ("talk", "show", "1"),
    ("card", "show"),
    ("remind", "list"),
    ("reflect", "prompts"),
]
# Read commands that show only names or counts from them: each must still end well.
OTHERS = [
    ("month",),
    ("calendar",),
    ("streak",),
    ("patterns",),
    ("triggers",),
    ("card", "week"),
    ("checkin", "history"),
    ("export", "--format", "md"),
]


@pytest.mark.parametrize("args", SHOWING, ids=" ".join)
def test_the_words_are_printed_as_typed(written: None, args: tuple[str, ...]) -> None:
    out = _ok(*args)
    # Rich would have dropped the tags (or refused "[/]") and drawn a heart.
    assert "[/]" in out
    assert "[bold]x" in out
    assert "❤" not in out


@pytest.mark.parametrize("args", OTHERS, ids=" ".join)
def test_commands_that_show_names_end_well(written: None, args: tuple[str, ...]) -> None:
    out = _ok(*args)
    assert "unexpected problem" not in out
    assert "❤" not in out


def test_a_trigger_named_like_markup_keeps_its_name_in_patterns(written: None) -> None:
    assert "[/]" in _ok("triggers")


ESCAPES = "title \x1b]0;owned\x07 and \x1b[2J cleared, \x1b]52;c;aGk=\x07 copied\r over"


@pytest.mark.parametrize(
    "args",
    [("list",), ("show", "1"), ("week",), ("session", "list"), ("homework", "list")],
    ids=" ".join,
)
def test_control_sequences_in_text_are_shown_not_obeyed(
    isolated: object, args: tuple[str, ...]
) -> None:
    """Text pasted or imported with terminal escape sequences (a title change, a screen clear,
    a clipboard write) is printed with the escape character visible, never sent raw."""
    _ok("add", ESCAPES, "-m", "4", "--at", "yesterday 21:00")
    _ok("session", "add", "2026-11-27 15:00", "--note", ESCAPES)
    _ok("homework", "add", ESCAPES, "--daily")
    out = _ok(*args)
    assert "\x1b" not in out and "\r" not in out
    assert "␛]0;owned" in out or "␛]0;o" in out
    # the words themselves are all still there
    assert "cleared" in out


def test_the_record_itself_keeps_every_character(isolated: object) -> None:
    _ok("add", ESCAPES, "-m", "4")
    assert json.loads(_ok("show", "1", "--format", "json"))["text"] == ESCAPES


@pytest.mark.slow
def test_plain_messages_on_a_real_terminal_show_control_characters(isolated: object) -> None:
    """Messages printed without Rich (help-now's safety plan, add's confirmation) go through
    the same guard when they reach a terminal; piped, they keep every character."""
    import os
    import pty
    import select
    import subprocess
    import sys

    from helpers import subprocess_env

    _ok("safety-plan", "--section", "people-to-ask", "--text", ESCAPES)
    env = subprocess_env(WORKJOURNAL_NOW=ENV["WORKJOURNAL_NOW"], COLUMNS="100")
    for args in (("help-now",), ("add", "x", "-m", "5", "-t", "tab\x1b[2Jname")):
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "workjournal", *args],
            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env,
        )  # fmt: skip
        os.close(slave)
        seen = b""
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert proc.wait(timeout=30) == 0, seen
        os.close(master)
        assert b"\x1b" not in seen, seen
        assert "␛".encode() in seen, seen
    piped = run_journal("help-now", env={"WORKJOURNAL_NOW": ENV["WORKJOURNAL_NOW"]})
    assert b"\x1b]0;owned" in piped.stdout
