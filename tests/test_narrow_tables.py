"""Every list reads well from 40 to 200 columns: a table too wide for the screen is shown as one
block per row instead of columns cut to "…" or to nothing."""

from __future__ import annotations

import pytest

from helpers import invoke

NOW = "2026-12-01T20:00:00+00:00"


def _run(*args: str, columns: int) -> str:
    done = invoke(*args, env={"WORKJOURNAL_NOW": NOW, "COLUMNS": str(columns)})
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


@pytest.fixture
def journal(isolated: object) -> None:
    steps = [
        ("add", "a long day at work", "-m", "4", "-t", "work"),
        ("homework", "add", "Breathing exercise twice", "--daily", "--until", "2026-12-20"),
        ("homework", "done", "1", "--note", "felt calmer"),
        ("session", "add", "2026-11-27 15:00", "--note", "exposure ladder"),
        ("thought", "--situation", "Boss frowned at me", "--thought", "I am in trouble"),
        ("practice", "log", "breathing", "--minutes", "5", "--before", "6", "--after", "3",
         "--note", "counted fours"),
        ("talk", "plan", "Fridays off", "--with", "manager", "--describe", "ask",
         "--priority", "objective"),
        ("remind", "set", "21:00"),
    ]  # fmt: skip
    for args in steps:
        assert invoke(*args, env={"WORKJOURNAL_NOW": NOW}).exit_code == 0, args


# Each list, and words from its row that must be on the screen whole at any width.
LISTS = [
    (("homework", "list"), ["Breathing", "therapist", "1 of 6", "Tue 01 Dec"]),
    (("session", "list"), ["Fri 27 Nov 2026 15:00", "exposure", "ladder"]),
    (("thought", "list"), ["Tue 01 Dec 20:00", "trouble"]),
    (("practice", "list"), ["Tue 01 Dec 20:00", "breathing", "6→3", "counted"]),
    (("talk", "list"), ["Fridays off", "manager", "planned"]),
    (("triggers",), ["work", "2026-12-01", "4.0"]),
    (("list",), ["01 Dec 20:00", "work"]),
    (("remind", "list"), ["21:00"]),
    (("reflect", "prompts"), ["fear-1", "frightening"]),
]


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
@pytest.mark.parametrize(("args", "words"), LISTS, ids=lambda v: " ".join(v) if v else "")
def test_a_list_fits_the_screen_without_cutting_a_word(
    journal: None, args: tuple[str, ...], words: list[str], columns: int
) -> None:
    out = _run(*args, columns=columns)
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= columns
    for word in words:
        assert word in out, (word, out)


def test_a_narrow_screen_labels_each_value_with_its_column(journal: None) -> None:
    out = _run("homework", "list", columns=40)
    assert out.splitlines()[0].startswith("1  Breathing exercise")
    assert "   set by: therapist" in out.splitlines()
    # a wide screen keeps the table
    wide = _run("homework", "list", columns=120)
    assert "set by" in wide and "set by:" not in wide


def test_piped_output_keeps_every_column_in_full(journal: None) -> None:
    done = invoke("practice", "list", env={"WORKJOURNAL_NOW": NOW})
    assert done.exit_code == 0
    header = done.stdout.splitlines()[1].split()
    assert header == ["id", "when", "practice", "min", "distress", "note"]


@pytest.mark.parametrize("columns", [None, 40, 120])
def test_patterns_never_cuts_a_long_name(isolated: object, columns: int | None) -> None:
    long = "all-or-nothing thinking about the whole week"
    for day in ("2026-11-28 09:00", "2026-11-29 09:00"):
        args = ("add", "x", "-m", "4", "-t", long, "-t", "work", "-g", long, "--at", day)
        assert invoke(*args, env={"WORKJOURNAL_NOW": NOW}).exit_code == 0
    env = {"WORKJOURNAL_NOW": NOW, **({"COLUMNS": str(columns)} if columns else {})}
    out = invoke("patterns", env=env).stdout
    assert "…" not in out
    flat = " ".join(out.split())
    assert flat.count(long) >= 2  # the trigger and the tag, whole
    assert f"{long} + work" in flat or f"work + {long}" in flat
