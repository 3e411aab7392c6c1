"""A person's words are printed as they were typed: brackets are not Rich markup (an unmatched
"[/]" used to end a command with "an unexpected problem"), and ":heart:" is not an emoji code."""

from __future__ import annotations

import pytest

from helpers import invoke

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
