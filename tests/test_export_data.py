"""journal export --format json|csv, round trips through import, backup and doctor."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import invoke, run_journal
from journal_records import seed_other_records
from workjournal import crypto
from workjournal.models import Emotion, EntryFilter, NewEntry
from workjournal.store import looks_encrypted, open_store

NOW = "2026-11-20T21:30:00+00:00"
TOP_LEVEL = [
    "format",
    "version",
    "exported_at",
    "entries",
    "homework",
    "homework_log",
    "sessions",
    "thought_records",
    "checkins",
    "safety_plan",
    "card_items",
    "diary_cards",
    "practice",
    "reflection_prompts",
    "conversations",
    "reminders",
]


def add(*args: str) -> None:
    result = invoke("add", *args, env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr


def export(*args: str) -> Any:
    result = invoke("export", *args, env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr
    return result


# -- json --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("journal_kind")
def test_json_export_shape_matches_list_json(db_path: Path, journal_kind: str) -> None:
    add("first", "-m", "4", "-t", "work", "-e", "anxious:60", "--at", "2026-11-18 09:00")
    add("second", "-m", "7", "--discuss", "--at", "2026-11-19 10:00")
    result = export("--format", "json")
    data = json.loads(result.stdout)
    assert list(data) == TOP_LEVEL
    assert data["format"] == "workjournal"
    assert data["version"] == 2
    assert data["exported_at"] == NOW
    listed = json.loads(invoke("list", "--format", "json").stdout)
    assert data["entries"] == list(reversed(listed))  # the same objects, oldest first
    expected = "" if journal_kind == "plain" else crypto.PLAINTEXT_EXPORT_WARNING + "\n"
    assert result.stderr == expected


def test_private_entries_left_out_unless_asked(db_path: Path) -> None:
    add("open entry", "-m", "5")
    add("private entry", "-m", "2", "--private")
    result = export("--format", "json")
    assert [e["text"] for e in json.loads(result.stdout)["entries"]] == ["open entry"]
    assert result.stderr == "1 private entry was left out; add --include-private to include them.\n"
    everything = export("--format", "json", "--include-private")
    assert len(json.loads(everything.stdout)["entries"]) == 2
    assert everything.stderr == ""
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv").stdout)))
    assert [r["text"] for r in rows] == ["open entry"]


def test_redact_drops_all_text_but_keeps_ratings(db_path: Path) -> None:
    seed_other_records(db_path)
    add("my secret words", "-m", "3", "-t", "family", "-e", "sad:70", "-c", "walk")
    result = export("--format", "json", "--redact")
    assert "secret" not in result.stdout
    assert "thought situation" not in result.stdout and "thought balanced" not in result.stdout
    data = json.loads(result.stdout)
    [entry] = data["entries"]
    assert entry["text"] == ""
    assert (entry["mood"], entry["triggers"], entry["coping"]) == (3, ["family"], ["walk"])
    assert entry["emotions"] == [{"name": "sad", "intensity": 70}]
    assert data["homework_log"][0]["rating"] == 7
    assert data["thought_records"][0]["emotions_before"] == [{"name": "anxious", "intensity": 80}]
    csv_out = export("--format", "csv", "--redact").stdout
    assert "secret" not in csv_out
    [row] = list(csv.DictReader(io.StringIO(csv_out)))
    assert (row["text"], row["mood"], row["emotions"]) == ("", "3", "sad:70")


def test_other_records_round_trip_and_reimport_is_idempotent(db_path: Path, tmp_path: Path) -> None:
    seed_other_records(db_path)
    add("entry", "-m", "5")
    out = tmp_path / "all.json"
    export("--format", "json", "--out", str(out))
    original = json.loads(out.read_text(encoding="utf-8"))
    assert original["homework_log"][0]["homework_uuid"] == original["homework"][0]["uuid"]
    assert original["checkins"][0]["answers"] == [1, 1, 2, 1, 0, 1, 1, 0, 0]

    other = tmp_path / "other.db"
    first = invoke("--db", str(other), "import", str(out))
    assert first.exit_code == 0, first.stderr
    assert first.stderr == (
        f"Imported from {out} (workjournal JSON): 1 entry, 1 homework, 1 homework log, "
        "1 session, 1 thought record, 1 check-in.\n"
    )
    second = invoke("--db", str(other), "import", str(out))
    assert second.stderr.splitlines()[1] == (
        "Already in the journal, skipped: 1 entry, 1 homework, 1 homework log, 1 session, "
        "1 thought record, 1 check-in."
    )
    again = invoke("--db", str(other), "export", "--format", "json", env={"WORKJOURNAL_NOW": NOW})
    copy = json.loads(again.stdout)
    assert copy["safety_plan"] == original["safety_plan"]
    for key in TOP_LEVEL[3:]:
        if key in ("safety_plan", "card_items"):  # one object; a new journal's own defaults
            continue
        strip = (lambda r: {k: v for k, v in r.items() if k != "id"}) if key == "entries" else None
        assert [strip(r) if strip else r for r in copy[key]] == [
            strip(r) if strip else r for r in original[key]
        ], key


def test_since_session_and_period(db_path: Path) -> None:
    add("before the session", "--at", "2026-11-11 09:00")
    refused = invoke("export", "--format", "json", "--since-session")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: no therapy session is recorded yet")
    seed_other_records(db_path)  # session on 2026-11-12 15:00 UTC
    add("after the session", "--at", "2026-11-15 09:00")
    with open_store(db_path, create=False) as store, store.write():  # booked ahead: not counted
        store.conn.execute(
            "INSERT INTO sessions (uuid, at_utc, at_offset, created_utc) VALUES "
            "('77777777-7777-4777-8777-777777777777', '2026-11-26T15:00:00+00:00', 0, "
            "'2026-11-12T16:00:00+00:00')"
        )
    data = json.loads(export("--format", "json", "--since-session").stdout)
    assert [e["text"] for e in data["entries"]] == ["after the session"]
    assert [c["uuid"][:4] for c in data["checkins"]] == ["5555"]  # 14 Nov is after it
    assert data["homework_log"] == []  # done on 10 Nov
    assert len(data["homework"]) == 1  # assignments stay, so logs always find theirs
    both = invoke("export", "-f", "json", "--since-session", "--since", "monday")
    assert both.exit_code == 2
    until = json.loads(export("-f", "json", "--until", "2026-11-11").stdout)
    assert [e["text"] for e in until["entries"]] == ["before the session"]


def test_the_json_export_names_each_kind_it_holds(db_path: Path, tmp_path: Path) -> None:
    env = {"WORKJOURNAL_NOW": NOW}
    out = tmp_path / "all.json"
    add("only an entry", "-m", "5")
    assert export("--format", "json", "--out", str(out)).stderr == (
        f"Exported 1 entry to {out} (readable only by you).\n"
    )
    add("second", "-m", "4")
    add("a private one", "-m", "2", "--private")
    for args in (
        ("homework", "add", "Walk"),
        ("session", "add", "2026-11-17 15:00"),
        ("session", "add", "2026-11-18 15:00"),
    ):
        assert invoke(*args, env=env).exit_code == 0
    everything = export("--format", "json", "--include-private", "--force", "--out", str(out))
    assert everything.stderr == (
        f"Exported 3 entries, 1 homework, 2 sessions to {out} (readable only by you).\n"
    )
    held = json.loads(out.read_text(encoding="utf-8"))
    assert (len(held["entries"]), len(held["homework"]), len(held["sessions"])) == (3, 1, 2)
    assert held["card_items"]  # the card's default lists are in the file, but not counted
    shared = export("--format", "json", "--force", "--out", str(out))
    assert shared.stderr == (
        f"Exported 2 entries, 1 homework, 2 sessions to {out} (readable only by you).\n"
        "1 private entry was left out; add --include-private to include them.\n"
    )
    # the documents and csv hold entries only: their message is as it was
    md = tmp_path / "report.md"
    assert export("--format", "md", "--all", "--out", str(md)).stderr.startswith(
        f"Exported 2 entries to {md} (readable only by you).\n"
    )


def test_import_messages_leave_out_kinds_with_nothing_in_them(
    db_path: Path, tmp_path: Path
) -> None:
    env = {"WORKJOURNAL_NOW": NOW}
    assert invoke("homework", "add", "Walk", env=env).exit_code == 0
    out = tmp_path / "homework.json"
    export("--format", "json", "--out", str(out))
    other = tmp_path / "other.db"
    first = invoke("--db", str(other), "import", str(out), env=env)
    assert first.stderr == f"Imported from {out} (workjournal JSON): 0 entries, 1 homework.\n"
    dry = invoke("--db", str(other), "import", str(out), "--dry-run", env=env)
    assert dry.stdout.splitlines()[1] == "Already in the journal, would be skipped: 1 homework."
    second = invoke("--db", str(other), "import", str(out), env=env)
    assert second.exit_code == 0, second.stderr
    assert second.stderr == (
        f"Imported from {out} (workjournal JSON): 0 entries.\n"
        "Already in the journal, skipped: 1 homework.\n"
    )


def test_a_dry_run_counts_the_diary_cards_lists_as_the_import_does(
    db_path: Path, tmp_path: Path
) -> None:
    """Every journal starts with the same default lists under its own uuids: a dry run into a
    new journal would bring none of them in, only the one the person added."""
    env = {"WORKJOURNAL_NOW": NOW}
    assert invoke("card", "rates", "add", "energy", "--range", "0-10", env=env).exit_code == 0
    out = tmp_path / "lists.json"
    export("--format", "json", "--out", str(out))
    other = tmp_path / "other.db"
    expected = [
        f"Would import from {out} (workjournal JSON): 0 entries, 1 card item.",
        "Already in the journal, would be skipped: 0 entries.",
    ]
    not_yet = invoke("--db", str(other), "import", str(out), "--dry-run", env=env)
    assert not_yet.stdout.splitlines()[:2] == expected
    for made in (("add", "first"), ("delete", "1", "--yes")):  # a journal with no records
        assert invoke("--db", str(other), *made, env=env).exit_code == 0
    dry = invoke("--db", str(other), "import", str(out), "--dry-run", env=env)
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.splitlines()[:2] == expected
    real = invoke("--db", str(other), "import", str(out), env=env)
    assert real.stderr == f"Imported from {out} (workjournal JSON): 0 entries, 1 card item.\n"


# -- hypothesis round trip ---------------------------------------------------------------------

NAMES = st.sampled_from(["work", "family", "sleep", "late bus", "ümlaut", "朋友"])
OFFSETS = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
MOMENTS = st.builds(
    lambda dt, tz: dt.replace(tzinfo=tz, microsecond=0),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)),
    OFFSETS,
)
NEW_ENTRIES = st.builds(
    NewEntry,
    occurred_at=MOMENTS,
    text=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
    ),
    mood=st.none() | st.integers(1, 10),
    triggers=st.lists(NAMES, unique=True, max_size=3).map(tuple),
    tags=st.lists(NAMES, unique=True, max_size=2).map(tuple),
    emotions=st.lists(
        st.builds(Emotion, NAMES, st.none() | st.integers(0, 100)),
        unique_by=lambda e: e.name,
        max_size=3,
    ).map(tuple),
    coping=st.lists(NAMES, unique=True, max_size=2).map(tuple),
    private=st.booleans(),
    discuss=st.booleans(),
)


def _without_ids(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k != "id"} for e in doc["entries"]]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(st.tuples(NEW_ENTRIES, MOMENTS), max_size=8))
def test_export_import_export_gives_the_same_entries(
    entries: list[tuple[NewEntry, datetime]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        first_db, second_db, dump = base / "a.db", base / "b.db", base / "dump.json"
        with open_store(first_db, create=True) as store:
            for new, created in entries:
                store.add_entry(new, created_at=created)
        env = {"WORKJOURNAL_NOW": NOW}
        args = ("export", "-f", "json", "--include-private")
        exported = invoke("--db", str(first_db), *args, "--out", str(dump), env=env)
        assert exported.exit_code == 0, exported.stderr
        imported = invoke("--db", str(second_db), "import", str(dump))
        assert imported.exit_code == 0, imported.stderr
        again = invoke("--db", str(second_db), *args, env=env)
        original = json.loads(dump.read_text(encoding="utf-8"))
        # The store builds the entries' JSON in SQL for speed: the shape must be to_json()'s.
        with open_store(first_db, create=False) as store:
            objects = store.list_entries(EntryFilter(newest_first=False))
        assert original["entries"] == [e.to_json() for e in objects]
        assert _without_ids(json.loads(again.stdout)) == _without_ids(original)
        assert len(original["entries"]) == len(entries)
        twice = invoke("--db", str(second_db), "import", str(dump))
        assert twice.exit_code == 0
        assert json.loads(invoke("--db", str(second_db), *args, env=env).stdout) == json.loads(
            again.stdout
        )


# -- csv ---------------------------------------------------------------------------------------


def test_csv_file_parses_back_with_bom_for_spreadsheets(tmp_path: Path) -> None:
    add(
        'Said "no", then; relief\nsecond line',
        "-m",
        "6",
        "-t",
        "work",
        "-t",
        "boss",
        "-e",
        "proud:40",
    )
    out = tmp_path / "entries.csv"
    result = export("--format", "csv", "--out", str(out))
    assert result.stderr == f"Exported 1 entry to {out} (readable only by you).\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so spreadsheets read it as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    [row] = rows
    assert row["text"] == 'Said "no", then; relief\nsecond line'
    assert row["triggers"] == "work; boss"
    assert row["emotions"] == "proud:40"
    assert (row["mood"], row["private"], row["discuss"]) == ("6", "no", "no")


# -- files -------------------------------------------------------------------------------------


def test_out_files_are_0600_even_with_a_loose_umask(tmp_path: Path) -> None:
    add("text", "-m", "5")
    old = os.umask(0o022)
    try:
        for fmt in ("json", "csv"):
            out = tmp_path / f"export.{fmt}"
            export("--out", str(out))  # the format comes from the suffix
            assert stat.S_IMODE(out.stat().st_mode) == 0o600
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".export")) == []


def test_out_replaces_atomically_and_failed_export_leaves_no_file(tmp_path: Path) -> None:
    add("text", "-m", "5")
    out = tmp_path / "export.json"
    out.write_text("old content", encoding="utf-8")
    out.chmod(0o644)
    export("--format", "json", "--out", str(out), "--force")  # replacing: asked for
    assert json.loads(out.read_text(encoding="utf-8"))["entries"][0]["text"] == "text"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    missing = tmp_path / "no such folder" / "x.json"
    result = invoke("export", "--format", "json", "--out", str(missing))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: the folder {missing.parent} does not exist; nothing was written.\n"
    )


def test_export_refuses_to_overwrite_the_journal(db_path: Path) -> None:
    add("precious", "-m", "5")
    before = db_path.read_bytes()
    result = invoke("export", "--format", "json", "--out", str(db_path))
    assert result.exit_code == 1
    assert "is the journal itself" in result.stderr
    assert db_path.read_bytes() == before


def test_format_is_required_without_a_known_suffix() -> None:
    result = invoke("export")
    assert result.exit_code == 2
    assert "choose a format: md, html, pdf, csv or json." in result.stderr
    result = invoke("export", "-f", "json", "--sections", "summary")
    assert result.exit_code == 2
    assert "--sections applies to md, html and pdf" in result.stderr


def test_export_without_journal_is_an_error_and_creates_nothing(db_path: Path) -> None:
    result = invoke("export", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no journal at")
    assert not db_path.exists()


def test_export_json_in_a_real_process(tmp_path: Path) -> None:
    added = run_journal("add", "real", "-m", "5", env={"WORKJOURNAL_NOW": NOW})
    assert added.returncode == 0, added.stderr
    out = tmp_path / "real.json"
    done = run_journal(
        "export", "--format", "json", "--out", str(out), env={"WORKJOURNAL_NOW": NOW}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["entries"][0]["text"] == "real"
    piped = run_journal("export", "--format", "csv")
    assert piped.returncode == 0
    assert piped.stdout.decode().startswith("id,uuid,occurred_at,")  # no BOM on a pipe


# -- backup and doctor -------------------------------------------------------------------------


def test_backup_default_is_dated_0600_and_a_full_copy(db_path: Path, journal_kind: str) -> None:
    add("backed up", "-m", "5")
    result = invoke("backup", env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr
    target = db_path.with_name("journal-backup-2026-11-20-213000.db")
    assert result.stderr == f"Backed up 1 entry to {target} (readable only by you).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert looks_encrypted(target) == (journal_kind == "encrypted")  # never a plain copy
    assert [p.name for p in db_path.parent.iterdir() if p.suffix == ".tmp"] == []
    copy = invoke("--db", str(target), "list", "-f", "json")
    assert [e["text"] for e in json.loads(copy.stdout)] == ["backed up"]
    again = invoke("backup", env={"WORKJOURNAL_NOW": NOW})
    assert again.exit_code == 1
    assert again.stderr == f"Error: {target} already exists; add --force to replace it.\n"
    assert invoke("backup", "--force", env={"WORKJOURNAL_NOW": NOW}).exit_code == 0


def test_backup_into_folder_and_never_onto_the_journal(db_path: Path, tmp_path: Path) -> None:
    add("x", "-m", "5")
    folder = tmp_path / "backups"
    folder.mkdir()
    assert invoke("backup", str(folder), env={"WORKJOURNAL_NOW": NOW}).exit_code == 0
    assert [p.name for p in folder.iterdir()] == ["journal-backup-2026-11-20-213000.db"]
    onto = invoke("backup", str(db_path), "--force")
    assert onto.exit_code == 1
    assert "is the journal itself" in onto.stderr


def test_doctor_healthy_then_loose_permissions(db_path: Path) -> None:
    add("x", "-m", "5")
    db_path.parent.chmod(0o700)
    invoke("backup")
    healthy = invoke("doctor")
    assert healthy.exit_code == 0, healthy.stdout
    lines = healthy.stdout.splitlines()
    assert [line.split()[0] for line in lines[:7]] == ["ok"] * 7
    assert lines[-1] == "All is well."
    db_path.chmod(0o644)
    loose = invoke("doctor")
    assert loose.exit_code == 1
    assert (
        "problem  permissions  other people on this computer can read the journal" in loose.stdout
    )
    assert f"-> Run: chmod 600 {db_path}" in loose.stdout
    data = json.loads(invoke("doctor", "--format", "json").stdout)
    assert {c["name"]: c["status"] for c in data}["permissions"] == "problem"


def test_doctor_finds_damage_and_missing_journal(db_path: Path) -> None:
    missing = invoke("doctor")
    assert missing.exit_code == 1
    assert missing.stdout.startswith(f"problem  journal  there is no journal at {db_path}.")
    for i in range(200):
        add(f"entry {i} " + "words " * 50, "-m", "5")
    size = db_path.stat().st_size
    with db_path.open("r+b") as fh:  # scribble over pages in the middle of the file
        fh.seek(size // 2)
        fh.write(b"\xff" * 8192)
    damaged = invoke("doctor")
    assert damaged.exit_code == 1
    assert "problem  integrity" in damaged.stdout


def test_doctor_refuses_a_file_that_is_not_a_journal(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text("shopping list\n" * 100, encoding="utf-8")
    result = invoke("doctor")
    assert result.exit_code == 1
    assert "the file is not an SQLite database, so it is not a journal." in result.stdout


def test_every_new_command_has_an_example() -> None:
    for command in ("export", "import", "backup", "doctor"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example: journal " + command in result.stdout


@pytest.mark.usefixtures("passphrase_file")
def test_doctor_checks_inside_an_encrypted_journal(db_path: Path) -> None:
    from conftest import PASSPHRASE

    with open_store(db_path, create=True, passphrase=lambda: PASSPHRASE, encrypt_new=True):
        pass
    result = invoke("doctor")
    assert result.exit_code == 0, result.stdout
    assert "ok       encryption   the journal is encrypted." in result.stdout
    assert "ok       integrity    no damage found" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_export_says_when_an_encrypted_journal_leaves_as_plain_text(
    journal_kind: str, fmt: str
) -> None:
    assert invoke("add", "something private", "-m", "4").exit_code == 0
    result = invoke("export", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    warned = "this journal is encrypted, but the export is not" in result.stderr
    assert warned == (journal_kind == "encrypted")
