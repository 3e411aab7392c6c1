"""`journal add`, `list`, `show`, `edit` and `delete` as a person uses them."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from helpers import invoke, run_journal

NOW = "2026-11-20T21:30:00+00:00"  # Friday evening in London


def entries_json(*args: str) -> list[dict[str, object]]:
    result = invoke("list", "-n", "1000", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def add(*args: str, input: str | bytes | None = None) -> None:
    result = invoke("add", *args, input=input, env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr


# -- add -----------------------------------------------------------------------------------


def test_add_confirms_on_stderr_with_id_time_mood_and_triggers() -> None:
    result = invoke(
        "add",
        "Late bus again",
        "-m",
        "4",
        "-t",
        "Work",
        "-t",
        "late  BUS",
        env={"WORKJOURNAL_NOW": NOW},
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "Saved entry 1 · Fri 20 Nov 2026 21:30 · mood 4/10 · triggers: work, late bus.\n"
    )


def test_names_are_trimmed_collapsed_and_casefolded_into_one() -> None:
    add("one", "-t", "Work ", "-t", "work", "-t", " WORK")
    add("two", "-t", "work")
    [second, first] = entries_json()
    assert first["triggers"] == ["work"] and second["triggers"] == ["work"]
    assert entries_json("-t", "  WoRk ") == [second, first]


def test_json_shape_is_the_documented_one() -> None:
    add(
        "Panicky in the meeting",
        "-m",
        "2",
        "-t",
        "work",
        "-g",
        "office",
        "-e",
        "anxious:80",
        "-e",
        "ashamed",
        "-c",
        "box breathing",
        "--discuss",
        "--private",
        "--at",
        "2 hours ago",
    )
    [entry] = entries_json()
    assert set(entry) == {
        "id",
        "uuid",
        "occurred_at",
        "created_at",
        "text",
        "mood",
        "triggers",
        "tags",
        "emotions",
        "coping",
        "private",
        "discuss",
        "prompt",  # issue 14: the reflection prompt answered, or null
    }
    assert entry["occurred_at"] == "2026-11-20T19:30:00+00:00"
    assert entry["created_at"] == "2026-11-20T21:30:00+00:00"
    assert entry["emotions"] == [
        {"name": "anxious", "intensity": 80},
        {"name": "ashamed", "intensity": None},
    ]
    assert entry["coping"] == ["box breathing"]
    assert (entry["private"], entry["discuss"]) == (True, True)
    assert len(str(entry["uuid"])) == 36


def test_occurred_at_keeps_the_offset_it_was_lived_in() -> None:
    result = invoke("add", "summer", "--at", "2026-07-01 23:30", env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0
    [entry] = entries_json()
    assert entry["occurred_at"] == "2026-07-01T23:30:00+01:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "-m", "0"], "mood must be from 1 (worst) to 10 (best); got 0."),
        (["x", "-m", "11"], "mood must be from 1 (worst) to 10 (best); got 11."),
        (["x", "-m", "high"], "mood must be a whole number from 1 (worst) to 10 (best)"),
        (["x", "-m", "1_0"], "mood must be a whole number from 1 (worst) to 10 (best)"),
        (["x", "-m", "+5"], "mood must be a whole number from 1 (worst) to 10 (best)"),
        (["x", "-m", "٣"], "mood must be a whole number from 1 (worst) to 10 (best)"),
        (["x", "-e", "calm:5_0"], "must be a whole number from 0 to 100"),
        (["x", "-e", "angry:170"], "must be from 0 to 100; got 170."),
        (["x", "-e", "angry:lots"], "must be a whole number from 0 to 100"),
        (["x", "-t", "   "], "a trigger cannot be empty."),
        (["x", "--at", "tomorrow"], "Accepted forms:"),
        (["x", "--at", "2026-11-21"], "is in the future"),
    ],
)
def test_bad_option_values_are_usage_errors_and_write_nothing(
    args: list[str], message: str, db_path: Path
) -> None:
    result = invoke("add", *args, env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ([], b"", "Error: an empty entry was not saved"),
        ([], b"  \n\n", "Error: an empty entry was not saved"),
        (["   "], None, "Error: an empty entry was not saved"),
        (["bad\x00text"], None, "Error: the text contains NUL characters; nothing was saved."),
        ([], b"caf\xe9 au lait", "Error: the text on standard input is not valid UTF-8 (byte 3)"),
    ],
)
def test_bad_content_is_refused_and_nothing_is_written(
    args: list[str], stdin: bytes | None, message: str, db_path: Path
) -> None:
    add("an earlier entry")
    result = invoke("add", *args, input=stdin)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert result.stdout == ""
    assert len(entries_json()) == 1


def test_text_from_stdin(db_path: Path) -> None:
    add("-m", "3", input="piped from a script\nsecond line\n")
    [entry] = entries_json()
    assert entry["text"] == "piped from a script\nsecond line"
    assert entry["mood"] == 3


def test_mood_alone_is_an_entry() -> None:
    add("-m", "6")
    [entry] = entries_json()
    assert (entry["text"], entry["mood"]) == ("", 6)


EXOTIC = [
    "😮‍💨 breathe… 🌊",
    "שלום, אני בסדר — mostly",  # right-to-left
    "مرحبا\u200f",
    "line one\nline two\n\n  indented\ttab",
    "quotes ' \" ` and backslash \\ and %s {} <b>html</b>",
    "Ṩ̴̛̩̳̰̲̝o̵͚̰̺̥m̴̗̩̲e̵̟̳ zalgo",
    "  leading and trailing spaces  ",
]


@pytest.mark.parametrize("text", EXOTIC)
def test_exotic_text_is_stored_and_shown_back_exactly(text: str) -> None:
    add(text)
    [entry] = entries_json()
    assert entry["text"] == text
    shown = invoke("show", str(entry["id"]), "--format", "json")
    assert json.loads(shown.stdout)["text"] == text


def test_a_megabyte_of_text_round_trips() -> None:
    text = ("Ein langer Tag. " * 65536)[: 1024 * 1024]
    add(text)
    [entry] = entries_json()
    assert entry["text"] == text


def test_editor_text_and_private_temp_file(tmp_path: Path) -> None:
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "fake-editor.py"
    editor.write_text(
        "import os, stat, sys\n"
        "path = sys.argv[1]\n"
        f"open({str(seen)!r}, 'w').write('%o %o %s' % (stat.S_IMODE(os.stat(path).st_mode),"
        " stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode), path))\n"
        "open(path, 'w').write('Written in my editor\\nwith two lines\\n')\n"
    )
    result = invoke(
        "add",
        "--edit",
        "-m",
        "5",
        env={"EDITOR": f"{sys.executable} {editor}", "WORKJOURNAL_NOW": NOW},
    )
    assert result.exit_code == 0, result.stderr
    [entry] = entries_json()
    assert entry["text"] == "Written in my editor\nwith two lines"
    file_mode, dir_mode, path = seen.read_text().split(" ", 2)
    assert (file_mode, dir_mode) == ("600", "700")
    assert not Path(path).exists()
    assert not Path(path).parent.exists()


def test_editor_failure_saves_nothing(tmp_path: Path, db_path: Path) -> None:
    result = invoke("add", "--edit", env={"EDITOR": "false"})
    assert result.exit_code == 1
    assert result.stderr == "Error: the editor 'false' exited with status 1; nothing was saved.\n"
    assert not db_path.exists()


# -- list ----------------------------------------------------------------------------------


@pytest.fixture
def journal() -> None:
    add(
        "Argument with Sam about money",
        "-m",
        "3",
        "-t",
        "family",
        "-t",
        "money",
        "-e",
        "angry:70",
        "-g",
        "home",
        "--at",
        "2026-11-16 19:00",
    )
    add(
        "Good run by the river",
        "-m",
        "8",
        "-c",
        "running",
        "-g",
        "outdoors",
        "--at",
        "2026-11-17 07:30",
    )
    add(
        "Deadline panic",
        "-m",
        "2",
        "-t",
        "work",
        "-e",
        "anxious:90",
        "--discuss",
        "--at",
        "2026-11-18 15:00",
    )
    add("Calmer evening", "-m", "6", "-t", "work", "-e", "anxious:30", "--at", "2026-11-19 21:00")


@pytest.mark.usefixtures("journal")
@pytest.mark.parametrize(
    ("args", "texts"),
    [
        (
            [],
            [
                "Calmer evening",
                "Deadline panic",
                "Good run by the river",
                "Argument with Sam about money",
            ],
        ),
        (["-n", "2"], ["Calmer evening", "Deadline panic"]),
        (
            ["--since", "2026-11-17", "--until", "2026-11-18"],
            ["Deadline panic", "Good run by the river"],
        ),
        (["-t", "work"], ["Calmer evening", "Deadline panic"]),
        (["-t", "family", "-t", "money"], ["Argument with Sam about money"]),
        (["-t", "family", "-t", "work"], []),
        (["-g", "outdoors"], ["Good run by the river"]),
        (["-e", "Anxious"], ["Calmer evening", "Deadline panic"]),
        (["--mood", "1-4"], ["Deadline panic", "Argument with Sam about money"]),
        (["--mood", "8"], ["Good run by the river"]),
        (["--discuss"], ["Deadline panic"]),
        (["--search", "panic"], ["Deadline panic"]),
        (["--search", "run river"], ["Good run by the river"]),
        (["--search", "argu"], ["Argument with Sam about money"]),
    ],
)
def test_filters(args: list[str], texts: list[str]) -> None:
    assert [e["text"] for e in entries_json(*args)] == texts


HOSTILE = [
    '"',
    '""',
    "'",
    "AND",
    "OR NOT",
    "NEAR(",
    "NEAR(a b",
    "a AND",
    "*",
    "^",
    "text:",
    "(",
    ")",
    "{a}",
    'money"',
    "-",
    "a - b",
    "col:money",
    "\\",
    "%",
    "_",
    "🙂",
]


@pytest.mark.usefixtures("journal")
@pytest.mark.parametrize("query", HOSTILE)
def test_any_search_text_is_safe(query: str) -> None:
    result = invoke("list", "--search", query, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


@pytest.mark.usefixtures("journal")
def test_search_needs_a_word() -> None:
    result = invoke("list", "--search", "  ")
    assert result.exit_code == 2
    assert "give at least one word to search for." in result.stderr


@pytest.mark.usefixtures("journal")
@pytest.mark.parametrize("mood", ["0-4", "5-3", "x", "1-"])
def test_bad_mood_range(mood: str) -> None:
    result = invoke("list", "--mood", mood)
    assert result.exit_code == 2
    assert "--mood takes" in result.stderr


@pytest.mark.usefixtures("journal")
def test_csv_parses_back() -> None:
    result = invoke("list", "--format", "csv", "-t", "family")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    assert rows[0]["triggers"] == "family; money"
    assert rows[0]["emotions"] == "angry:70"
    assert rows[0]["text"] == "Argument with Sam about money"


@pytest.mark.usefixtures("journal")
def test_table_shows_newest_first() -> None:
    result = invoke("list", "-n", "2")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert "Calmer evening" in lines[2]
    assert "Deadline panic" in lines[3]


def test_reading_a_missing_journal_creates_nothing(db_path: Path) -> None:
    for args in (["list"], ["show", "1"], ["list", "--format", "json"]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: there is no journal at {db_path} yet.")
    assert not db_path.exists()
    assert not db_path.parent.exists()


# -- show / edit / delete ------------------------------------------------------------------


@pytest.mark.usefixtures("journal")
def test_show_renders_one_entry() -> None:
    result = invoke("show", "1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:5] == [
        "Entry 1 · Mon 16 Nov 2026 19:00",
        "     mood  3/10",
        " triggers  family, money",
        " emotions  angry:70",
        "     tags  home",
    ]
    assert result.stdout.rstrip().endswith("Argument with Sam about money")


def test_show_unknown_id() -> None:
    add("only one")
    result = invoke("show", "7")
    assert result.exit_code == 1
    assert result.stderr == "Error: there is no entry 7. `journal list` shows the ids.\n"


@pytest.mark.usefixtures("journal")
def test_edit_replaces_only_given_fields() -> None:
    result = invoke(
        "edit", "3", "-m", "4", "-t", "Deadlines", "--no-discuss", env={"WORKJOURNAL_NOW": NOW}
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Updated entry 3 · Wed 18 Nov 2026 15:00 · mood 4/10")
    entry = json.loads(invoke("show", "3", "-f", "json").stdout)
    assert entry["mood"] == 4
    assert entry["triggers"] == ["deadlines"]
    assert entry["emotions"] == [{"name": "anxious", "intensity": 90}]
    assert entry["text"] == "Deadline panic"
    assert entry["discuss"] is False
    assert invoke("list", "--search", "panic", "-f", "json").stdout.count('"id": 3') == 1


@pytest.mark.usefixtures("journal")
def test_edit_text_updates_search() -> None:
    assert invoke("edit", "2", "Good swim in the lake").exit_code == 0
    assert [e["id"] for e in entries_json("--search", "swim")] == [2]
    assert entries_json("--search", "river") == []


@pytest.mark.usefixtures("journal")
def test_edit_bad_value_changes_nothing() -> None:
    before = invoke("show", "1", "-f", "json").stdout
    assert invoke("edit", "1", "-m", "12").exit_code == 2
    assert invoke("show", "1", "-f", "json").stdout == before


@pytest.mark.usefixtures("journal")
def test_delete_needs_yes_without_a_terminal() -> None:
    result = invoke("delete", "2")
    assert result.exit_code == 1
    assert "add --yes" in result.stderr
    assert len(entries_json()) == 4
    result = invoke("delete", "2", "--yes")
    assert (result.exit_code, result.stderr) == (0, "Deleted entry 2.\n")
    assert [e["id"] for e in entries_json()] == [4, 3, 1]
    assert entries_json("--search", "river") == []


# -- real processes ------------------------------------------------------------------------


def test_process_add_from_stdin_and_list(db_path: Path) -> None:
    env = {"WORKJOURNAL_NOW": NOW}
    added = run_journal("add", "-m", "2", "-t", "work", input="from a pipe 🙂\n", env=env)
    assert added.returncode == 0, added.stderr
    assert added.stdout == b""
    assert added.stderr.decode() == (
        "Saved entry 1 · Fri 20 Nov 2026 21:30 · mood 2/10 · triggers: work.\n"
    )
    listed = run_journal("list", "-f", "json")
    assert json.loads(listed.stdout)[0]["text"] == "from a pipe 🙂"


def test_process_bad_input_has_no_traceback(db_path: Path) -> None:
    result = run_journal("add", input=b"\xff\xfe bad bytes")
    assert result.returncode == 1
    assert result.stderr.decode().startswith("Error: the text on standard input is not valid")
    assert b"Traceback" not in result.stderr
    assert not db_path.exists()


def test_files_are_private_whatever_the_umask(db_path: Path) -> None:
    old = os.umask(0)
    try:
        result = run_journal("add", "private thoughts", "-m", "5")
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_shell_completion_offers_names_from_the_journal(db_path: Path) -> None:
    add("x", "-t", "work", "-t", "Work stress", "-t", "family", "-e", "anxious", "-g", "office")
    add("y", "-t", "work")

    def complete(words: str) -> list[str]:
        result = run_journal(
            env={
                "_JOURNAL_COMPLETE": "complete_bash",
                "COMP_WORDS": words,
                "COMP_CWORD": str(len(words.split()) - 1),
            }
        )
        assert result.returncode == 0, result.stderr
        return [line for line in result.stdout.decode().splitlines() if line]

    assert complete(f"journal --db {db_path} add -t wo") == ["work", "work stress"]
    assert complete(f"journal --db {db_path} list -e an") == ["anxious"]
    assert complete(f"journal --db {db_path} add -g o") == ["office"]
    assert complete(f"journal --db {db_path.parent / 'missing.db'} add -t w") == []
    assert not (db_path.parent / "missing.db").exists()
