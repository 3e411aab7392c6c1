"""Edit and delete for every kind of record, with the entries' habits: delete asks unless --yes
and refuses without a terminal; edit replaces only the fields given; "Nothing to change"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.cli import common

NOW = "2026-11-20T21:30:00+00:00"  # a Friday
ENV = {"WORKJOURNAL_NOW": NOW}


def ok(*args: str, input: str | None = None) -> str:
    result = invoke(*args, env=ENV, input=input)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def ok_out(*args: str) -> str:
    result = invoke(*args, env=ENV)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)


def thoughts() -> list[dict[str, object]]:
    return json.loads(invoke("thought", "list", "--format", "json", env=ENV).stdout)


# -- thought records ---------------------------------------------------------------------------


def test_thought_edit_replaces_only_what_is_given(db_path: Path) -> None:
    ok("thought", "--situation", "Boss frowned", "--thought", "I'm failing", "-e", "anxious:80")
    assert ok("thought", "edit", "1", "--balanced", "One frown is not a verdict") == (
        "Changed thought record 1.\n"
    )
    [record] = thoughts()
    assert record["situation"] == "Boss frowned"
    assert record["automatic_thought"] == "I'm failing"
    assert record["balanced_thought"] == "One frown is not a verdict"
    assert record["emotions_before"] == [{"name": "anxious", "intensity": 80}]
    ok("thought", "edit", "1", "-e", "sad:30", "--private")
    [record] = thoughts()
    assert record["emotions_before"] == [{"name": "sad", "intensity": 30}]
    assert record["private"] is True


def test_thought_edit_without_options_and_bad_input(db_path: Path) -> None:
    ok("thought", "--situation", "Boss frowned")
    assert (
        ok("thought", "edit", "1") == "Nothing to change: give at least one option (see --help).\n"
    )
    bad = invoke("thought", "edit", "1", "-e", "anxious:180", env=ENV)
    assert bad.exit_code == 2
    assert "Error: Invalid value for '--emotion': the intensity of 'anxious' must be" in bad.stderr
    assert "Traceback" not in bad.stderr
    missing = invoke("thought", "edit", "9", "--situation", "x", env=ENV)
    assert missing.exit_code == 1
    assert missing.stderr == (
        "Error: there is no thought record 9. `journal thought list` shows the ids.\n"
    )
    emptied = invoke("thought", "edit", "1", "--situation", "", env=ENV)
    assert emptied.exit_code == 1
    assert "journal thought delete 1" in emptied.stderr
    assert thoughts()[0]["situation"] == "Boss frowned"


def test_thought_delete_asks_and_refuses_without_a_terminal(db_path: Path) -> None:
    ok("thought", "--situation", "Boss frowned", "--at", "2026-11-19 12:00")
    refused = invoke("thought", "delete", "1", env=ENV)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: deleting thought record 1 needs confirmation: add --yes to delete it without a "
        "terminal.\n"
    )
    assert len(thoughts()) == 1
    assert ok("thought", "delete", "1", "--yes") == "Deleted thought record 1.\n"
    assert thoughts() == []


@pytest.mark.usefixtures("terminal")
def test_thought_delete_at_a_terminal_asks_first(db_path: Path) -> None:
    ok("thought", "--situation", "Boss frowned", "--at", "2026-11-19 12:00")
    kept = invoke("thought", "delete", "1", input="n\n", env=ENV)
    assert kept.stderr == (
        "Delete thought record 1 from Thu 19 Nov 2026 12:00? [y/N]:Nothing was deleted.\n"
    )
    assert len(thoughts()) == 1
    gone = invoke("thought", "delete", "1", input="y\n", env=ENV)
    assert gone.stderr.endswith("Deleted thought record 1.\n")
    assert thoughts() == []


# -- sessions ----------------------------------------------------------------------------------


def sessions() -> list[dict[str, object]]:
    return json.loads(invoke("session", "list", "--format", "json", env=ENV).stdout)


def test_session_edit_moves_the_time_or_the_note(db_path: Path) -> None:
    ok("session", "add", "2026-11-17 15:00", "--note", "ladder")
    assert ok("session", "edit", "1", "2026-11-18 15:00") == (
        "Changed session 1 · Wed 18 Nov 2026 15:00.\n"
    )
    [session] = sessions()
    assert session["at"] == "2026-11-18T15:00:00+00:00"
    assert session["note"] == "ladder"
    ok("session", "edit", "1", "--note", "exposure ladder")
    assert sessions()[0]["at"] == "2026-11-18T15:00:00+00:00"
    assert sessions()[0]["note"] == "exposure ladder"
    assert ok("session", "edit", "1").startswith("Nothing to change")
    bad = invoke("session", "edit", "1", "someday", env=ENV)
    assert bad.exit_code == 2
    assert "Error: Invalid value for" in bad.stderr
    assert sessions()[0]["at"] == "2026-11-18T15:00:00+00:00"


def test_session_delete_moves_prep_back(db_path: Path) -> None:
    ok("session", "add", "2026-11-10 15:00")
    ok("session", "add", "2026-11-19 15:00")
    assert invoke("session", "delete", "2", env=ENV).exit_code == 1
    assert ok("session", "delete", "2", "--yes") == "Deleted session 2.\n"
    assert [s["id"] for s in sessions()] == [1]
    missing = invoke("session", "delete", "2", "--yes", env=ENV)
    assert missing.stderr == "Error: there is no session 2. `journal session list` shows the ids.\n"


# -- check-ins ---------------------------------------------------------------------------------


def test_checkin_delete(db_path: Path) -> None:
    ok("checkin", "phq9", "--answers", "1,1,0,2,1,0,1,0,0")
    refused = invoke("checkin", "delete", "1", env=ENV)
    assert refused.exit_code == 1
    assert "add --yes" in refused.stderr
    assert ok("checkin", "delete", "1", "-y") == "Deleted check-in 1.\n"
    history = json.loads(invoke("checkin", "history", "--format", "json", env=ENV).stdout)
    assert history == []


# -- homework ----------------------------------------------------------------------------------


def homework() -> list[dict[str, object]]:
    return json.loads(invoke("homework", "list", "--all", "--format", "json", env=ENV).stdout)


def test_homework_edit_changes_only_what_is_given(db_path: Path) -> None:
    ok("homework", "add", "Walk", "--per-week", "3", "--note", "outside")
    assert ok("homework", "edit", "1", "--daily") == (
        "Changed homework 1: Walk · daily · set by your therapist.\n"
    )
    ok("homework", "edit", "1", "--title", "Walk outside", "--until", "2026-12-18")
    [hw] = homework()
    assert (hw["title"], hw["per_week"], hw["until"], hw["note"]) == (
        "Walk outside",
        7,
        "2026-12-18",
        "outside",
    )
    assert ok("homework", "edit", "1").startswith("Nothing to change")
    both = invoke("homework", "edit", "1", "--daily", "--per-week", "2", env=ENV)
    assert both.exit_code == 2


def test_homework_from_counts_the_target_from_its_start(db_path: Path) -> None:
    # set last Tuesday (17 Nov), three times a week; the week starts on Monday
    ok("homework", "add", "Walk", "--per-week", "3", "--from", "2026-11-17")
    ok("homework", "done", "1", "--at", "2026-11-18 08:00")
    [hw] = homework()
    assert hw["target"] == 3  # open 6 of the week's 7 days (Tue-Sun): 3 * 6 / 7 rounded
    assert hw["done_this_week"] == 1
    # a completion before the start is refused, pointing at edit --from
    early = invoke("homework", "done", "1", "--at", "2026-11-16 08:00", env=ENV)
    assert early.exit_code == 1
    assert early.stderr == (
        "Error: homework 1 starts on Tue 17 Nov 2026, after Mon 16 Nov 2026; nothing was "
        "logged. If it was set earlier, move its start: journal homework edit 1 --from "
        "2026-11-16\n"
    )
    ok("homework", "edit", "1", "--from", "2026-11-16")
    ok("homework", "done", "1", "--at", "2026-11-16 08:00")
    assert homework()[0]["done_this_week"] == 2
    future = invoke("homework", "add", "Run", "--from", "2026-11-30", env=ENV)
    assert future.exit_code == 2


def test_a_week_before_the_start_shows_the_count_alone(db_path: Path) -> None:
    from datetime import date

    from workjournal.reports.homework import homework_progress

    ok("homework", "add", "Walk", "--per-week", "3", "--from", "2026-11-19")
    from workjournal.store import open_store

    with open_store(db_path, create=False) as store:
        hw = store.get_homework(1)
        logs = store.homework_logs()
    assert hw.start_date == date(2026, 11, 19)
    [before] = homework_progress(
        [hw],
        logs,
        week_start_date=date(2026, 11, 9),
        week_end_date=date(2026, 11, 15),
        keep_all=True,
    )
    assert before.target == 0
    assert before.summary() == "not yet"
    from dataclasses import replace

    assert replace(before, done=1).summary() == "1 time"  # never "1 of 0"


def test_homework_undo_removes_one_logged_time(db_path: Path) -> None:
    ok("homework", "add", "Walk", "--per-week", "3")
    said = ok("homework", "done", "1", "--at", "2026-11-20 08:00")
    assert said.endswith("(Logged by mistake? journal homework undo 1)\n")
    ok("homework", "done", "1", "--at", "2026-11-20 09:00")
    assert invoke("homework", "undo", "1", env=ENV).exit_code == 1
    assert ok("homework", "undo", "1", "--yes") == "Removed logged time 1 of homework 1 (Walk).\n"
    assert homework()[0]["done_this_week"] == 1
    missing = invoke("homework", "undo", "1", "--yes", env=ENV)
    assert missing.exit_code == 1
    assert missing.stderr.startswith("Error: there is no homework log 1.")


def test_the_undo_hint_names_a_command_that_shows_the_log_id(db_path: Path) -> None:
    ok("homework", "add", "Walk", "--per-week", "3")
    ok("homework", "add", "Run", "--daily")
    ok("homework", "done", "1", "--at", "2026-11-20 08:00")
    said = ok("homework", "done", "2", "--at", "2026-11-20 09:00", "--rating", "7")
    assert said.endswith("(Logged by mistake? journal homework undo 2)\n")
    missing = invoke("homework", "undo", "9", "--yes", env=ENV)
    assert missing.exit_code == 1
    assert missing.stderr == (
        "Error: there is no homework log 9. `journal homework show HOMEWORK_ID` shows the ids.\n"
    )
    hint = missing.stderr.split("`")[1].split()
    assert hint[:3] == ["journal", "homework", "show"]
    # the hint's command, given the homework, shows the log id on screen and in JSON
    shown = invoke(*hint[1:3], "2", env=ENV)
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == (
        "Homework 2: Run · daily · set by your therapist\n"
        " starts  Fri 20 Nov 2026\n"
        "\n"
        " log id   done\n"
        f" {'─' * 49}\n"
        "      2   Fri 20 Nov 2026 09:00 · helpfulness 7/10\n"
        "\n"
        "Logged by mistake? `journal homework undo LOG_ID` removes one.\n"
    )
    data = json.loads(invoke(*hint[1:3], "2", "--format", "json", env=ENV).stdout)
    exported = json.loads(invoke("export", "--format", "json", env=ENV).stdout)
    assert {k: v for k, v in data.items() if k != "log"} == exported["homework"][1]
    [log] = data["log"]
    assert (log["id"], log["done_at"]) == (2, "2026-11-20T09:00:00+00:00")
    # a completion's keys are the export's (its homework's uuid is the record's own)
    assert {**log, "homework_uuid": data["uuid"]} == exported["homework_log"][1]
    # ...and that id is the one undo takes
    assert ok("homework", "undo", str(log["id"]), "--yes") == (
        "Removed logged time 2 of homework 2 (Run).\n"
    )
    assert json.loads(invoke(*hint[1:3], "2", "-f", "json", env=ENV).stdout)["log"] == []
    assert "Nothing logged yet. `journal homework done 2` logs a time." in (
        invoke(*hint[1:3], "2", env=ENV).stdout
    )
    assert [
        lg["id"] for lg in json.loads(ok_out("homework", "show", "1", "-f", "json"))["log"]
    ] == [1]
    unknown = invoke("homework", "show", "7", env=ENV)
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "Error: there is no homework 7. `journal homework list --all` shows the ids.\n"
    )


def test_homework_edit_help_does_not_claim_adds_defaults() -> None:
    edit = invoke("homework", "edit", "--help")
    assert edit.exit_code == 0
    words = " ".join(edit.stdout.split())  # the help's lines wrap at any place
    assert "default: today" not in words
    assert (
        "--from WHEN A new day it was set, e.g. 'last tuesday'; targets count from it "
        "(default: unchanged)." in words
    )
    assert "--until WHEN New last day, e.g. 2026-12-18." in words
    assert "--per-week N New target: times a week (1-50)." in words
    assert "--daily New target: every day (7 times a week)." in words
    assert "--note TEXT New note (replaces the old)." in words
    # add's own help still names its default
    add = invoke("homework", "add", "--help")
    assert "(default: today)" in " ".join(add.stdout.split())


@pytest.mark.usefixtures("terminal")
def test_deleting_homework_with_completions_says_how_many_go(db_path: Path) -> None:
    ok("homework", "add", "Walk", "--per-week", "3")
    ok("homework", "done", "1", "--at", "2026-11-20 08:00")
    ok("homework", "done", "1", "--at", "2026-11-20 09:00")
    kept = invoke("homework", "delete", "1", input="n\n", env=ENV)
    assert kept.stderr == (
        "Delete homework 1 (Walk) and the 2 times you logged it? (`journal homework close 1` "
        "keeps them.) [y/N]:Nothing was deleted.\n"
    )
    gone = invoke("homework", "delete", "1", input="y\n", env=ENV)
    assert gone.stderr.endswith("Deleted homework 1 (Walk) and 2 logged times.\n")
    assert homework() == []


def test_m002_upgrades_a_journal_from_m001_keeping_homework_starts(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workjournal import migrations
    from workjournal.store import open_store

    first_only = [fn for fn in migrations._REGISTRY if fn.__name__ == "m001_journal"]
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "_REGISTRY", first_only)
        patch.setattr(migrations, "NAMES", ("m001_journal",))
        with open_store(db_path, create=True) as store, store.write():
            store.conn.execute(
                "INSERT INTO homework (uuid, title, per_week, note, set_by, created_utc, "
                "created_offset) VALUES ('11111111-1111-4111-8111-111111111111', 'Walk', 3, '', "
                "'therapist', '2026-11-01T10:00:00+00:00', 0)"
            )
    with open_store(db_path, create=True) as store:  # applies m002
        hw = store.get_homework(1)
        applied = store._applied_migrations()
    assert applied == list(migrations.NAMES)  # m002 and every later one
    assert hw.starts is None
    assert hw.start_date == hw.created_at.date()
    backups = [p.name for p in db_path.parent.iterdir() if ".before-upgrade-" in p.name]
    assert len(backups) == 1
    ok("homework", "edit", "1", "--from", "2026-11-17")
    assert homework()[0]["per_week"] == 3
