"""journal import: Daylio CSV, jrnl JSON and workjournal JSON, all or nothing, idempotent."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpers import invoke, run_journal
from workjournal.errors import ImportRejected
from workjournal.importers import guess_format, load
from workjournal.importers.daylio import parse_daylio
from workjournal.importers.jrnl import parse_jrnl

SAMPLES = Path(__file__).parent / "samples"  # copies of /work/shared/samples (see README there)
DAYLIO = SAMPLES / "daylio_export.csv"
JRNL = SAMPLES / "jrnl_export.json"
LONDON = ZoneInfo("Europe/London")
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


def listed() -> list[dict[str, object]]:
    result = invoke("list", "-n", "1000", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return list(reversed(json.loads(result.stdout)))  # oldest first


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


# -- Daylio ------------------------------------------------------------------------------------


def test_daylio_sample_imports_moods_tags_and_text(db_path: Path) -> None:
    result = invoke("import", str(DAYLIO))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Imported from {DAYLIO} (Daylio CSV): 6 entries.\n"
    entries = listed()
    assert [e["mood"] for e in entries] == [5, 9, 3, 1, 5, 7]  # oldest first; meh rad bad ...
    first_sunday = entries[0]
    assert first_sunday["occurred_at"] == "2026-10-15T07:50:00+01:00"  # BST in London
    assert entries[-1]["tags"] == ["friends", "walk", "cooking"]
    assert entries[-1]["text"] == "Made soup with Ana, felt calm all evening"
    awful = entries[3]
    assert awful["text"] == (
        "Bad day\n\nBoss criticised the report in front of everyone, I froze. Cried on the way "
        "home, then called Sam."
    )
    assert (
        entries[2]["text"] == 'Anxious about tomorrow\'s review, "what if they fire me" on repeat'
    )


def test_daylio_variants_12_hour_scales_bom_multiline_and_renamed_label(tmp_path: Path) -> None:
    content = (
        "\ufefffull_date,date,weekday,time,mood,activities,scales,note_title,note\r\n"
        '2026-10-19,October 19,Monday,9:05 pm,super happy,reading | tea,"Energy: 4",,"line one\r\n'
        'line two, with a comma"\r\n'
        "2026-10-18,October 18,Sunday,12:15 AM,meh,,,,\r\n"
    )
    path = write(tmp_path, "daylio.csv", content)
    refused = invoke("import", str(path))
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert "row 1 (line 2): the mood label 'super happy' is not known" in refused.stderr
    assert '--mood-map "super happy=6"' in refused.stderr
    assert refused.stderr.endswith("Nothing was imported.\n")

    result = invoke("import", str(path), "--mood-map", "Super  Happy=10, meh=4")
    assert result.exit_code == 0, result.stderr
    older, newer = listed()
    assert older["occurred_at"] == "2026-10-18T00:15:00+01:00"
    assert older["mood"] == 4  # the map overrides a default label too
    assert newer["occurred_at"] == "2026-10-19T21:05:00+01:00"
    assert newer["mood"] == 10
    assert newer["tags"] == ["reading", "tea"]
    assert newer["text"] == "line one\r\nline two, with a comma"


def test_daylio_bad_row_imports_nothing_and_names_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.csv",
        HEADER
        + "2026-10-19,October 19,Monday,20:10,good,walk,,fine\n"
        + '2026-10-18,October 18,Sunday,11:30,meh,,,"two\nlines"\n'
        + "2026-10-17,October 17,Saturday,25:61,bad,,,\n",
    )
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: row 3 (line 5): time '25:61' is not a time such as 20:10 or 8:10 pm. "
        "Nothing was imported.\n"
    )
    assert invoke("list").exit_code == 1  # the journal was not even created


def test_daylio_bad_date_in_existing_journal_changes_nothing(tmp_path: Path) -> None:
    assert invoke("add", "kept", "-m", "5").exit_code == 0
    path = write(
        tmp_path,
        "bad.csv",
        HEADER + "2026-10-19,x,x,20:10,good,,,a\n2026-13-01,x,x,20:10,good,,,b\n",
    )
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert "row 2 (line 3): full_date '2026-13-01' is not a date" in result.stderr
    assert [e["text"] for e in listed()] == ["kept"]


def test_mood_map_errors_are_usage_errors(tmp_path: Path) -> None:
    result = invoke("import", str(DAYLIO), "--mood-map", "rad")
    assert result.exit_code == 2
    assert 'has no "="' in result.stderr
    result = invoke("import", str(DAYLIO), "--mood-map", "rad=11")
    assert result.exit_code == 2
    assert "mood must be from 1 (worst) to 10 (best); got 11." in result.stderr
    result = invoke("import", str(JRNL), "--mood-map", "rad=10")
    assert result.exit_code == 1
    assert "--mood-map is for Daylio files" in result.stderr


def test_daylio_parser_reads_times_in_the_given_zone() -> None:
    batch = parse_daylio(HEADER + "2026-03-29,x,x,1:30 am,rad,,,\n", tz=LONDON)
    # 01:30 does not exist in London that night (clocks go forward): moved past the gap.
    assert batch.entries[0].entry.occurred_at.isoformat() == "2026-03-29T02:30:00+01:00"


# -- jrnl --------------------------------------------------------------------------------------


def test_jrnl_sample_imports_text_tags_and_stars() -> None:
    result = invoke("import", str(JRNL), "--from", "jrnl")
    assert result.exit_code == 0, result.stderr
    entries = listed()
    sample = json.loads(JRNL.read_text(encoding="utf-8"))["entries"]
    assert len(entries) == len(sample) == 7
    first = entries[0]
    assert first["text"] == (
        "Argument with my sister on the phone.\n"
        "Felt small again and replayed it for an hour. @family @conflict"
    )
    assert first["tags"] == ["conflict", "family"]
    assert first["occurred_at"] == "2026-10-03T21:40:00+01:00"
    assert [e["discuss"] for e in entries] == [s["starred"] for s in sample]
    assert "Zoë's birthday — ümlauts and emoji 🎉" in str(entries[-1]["text"])


def test_jrnl_parser_local_zone_and_bad_entry() -> None:
    text = json.dumps(
        {"entries": [{"title": "a", "body": "", "date": "2026-01-05", "time": "9:00"}]}
    )
    with pytest.raises(ImportRejected) as caught:
        parse_jrnl(text, tz=LONDON)
    assert caught.value.message == (
        "entry 1: time '9:00' is not a time such as 21:40. Nothing was imported."
    )
    ok = json.dumps({"entries": [{"title": "Hi @me", "date": "2026-01-05", "time": "09:00"}]})
    [entry] = parse_jrnl(ok, tz=LONDON).entries
    assert entry.entry.occurred_at == datetime(2026, 1, 5, 9, tzinfo=UTC)
    assert entry.entry.tags == ("me",)  # found in the text when "tags" is missing


# -- format guessing and dry run ---------------------------------------------------------------


def test_guess_format() -> None:
    assert guess_format(DAYLIO.read_text(encoding="utf-8")) == "daylio"
    assert guess_format(JRNL.read_text(encoding="utf-8")) == "jrnl"
    assert guess_format('{"format": "workjournal", "version": 1}') == "workjournal"
    assert guess_format("hello,world\n") is None
    assert guess_format("{not json") is None


def test_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "just some notes\n")
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: could not tell what kind of file {path} is.")
    assert "--from workjournal|daylio|jrnl" in result.stderr


def test_non_utf8_and_missing_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "latin1.csv",
        HEADER.encode() + "2026-10-19,x,x,20:10,good,,,caf\xe9\n".encode("latin-1"),
    )
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert "is not UTF-8 text" in result.stderr
    result = invoke("import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: there is no file {tmp_path / 'nope.csv'}.\n"


def test_dry_run_reports_and_changes_nothing(db_path: Path) -> None:
    result = invoke("import", str(DAYLIO), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Would import from {DAYLIO} (Daylio CSV): 6 entries from 2026-10-15 to 2026-10-19.\n"
        "Already in the journal, would be skipped: 0 entries.\n"
        "Dry run: nothing was changed.\n"
    )
    assert not db_path.exists()
    assert invoke("import", str(DAYLIO)).exit_code == 0
    again = invoke("import", str(DAYLIO), "--dry-run")
    assert again.stdout.splitlines()[:2] == [
        f"Would import from {DAYLIO} (Daylio CSV): 0 entries from 2026-10-15 to 2026-10-19.",
        "Already in the journal, would be skipped: 6 entries.",
    ]


@pytest.mark.usefixtures("journal_kind")
def test_reimporting_daylio_and_jrnl_adds_nothing() -> None:
    for path in (DAYLIO, JRNL):
        assert invoke("import", str(path)).exit_code == 0
    second = invoke("import", str(DAYLIO))
    assert second.exit_code == 0
    assert second.stderr == (
        f"Imported from {DAYLIO} (Daylio CSV): 0 entries.\n"
        "Already in the journal, skipped: 6 entries.\n"
    )
    assert invoke("import", str(JRNL)).exit_code == 0
    assert len(listed()) == 13


# -- workjournal JSON --------------------------------------------------------------------------


def _export_file(tmp_path: Path, name: str = "all.json") -> Path:
    out = tmp_path / name
    result = invoke("export", "--format", "json", "--include-private", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def test_workjournal_bad_entry_imports_nothing(tmp_path: Path, db_path: Path) -> None:
    assert invoke("add", "one", "-m", "4", "-t", "work").exit_code == 0
    assert invoke("add", "two", "-m", "6").exit_code == 0
    data = json.loads(_export_file(tmp_path).read_text(encoding="utf-8"))
    for entry in data["entries"]:
        entry["uuid"] = str(__import__("uuid").uuid4())
    data["entries"][1]["mood"] = 12
    bad = write(tmp_path, "bad.json", json.dumps(data))
    result = invoke("import", str(bad))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entry 2: Mood must be from 1 (worst) to 10 (best); got 12. Nothing was imported.\n"
    )
    assert len(listed()) == 2


def test_workjournal_newer_version_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "new.json", '{"format": "workjournal", "version": 3, "entries": []}')
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert "version 3, from a newer workjournal" in result.stderr


def test_homework_log_without_its_homework_imports_nothing(tmp_path: Path) -> None:
    data = {
        "format": "workjournal",
        "version": 1,
        "entries": [
            {
                "uuid": "0b6e1b4c-9a57-4a53-9b77-3d1f3c0e6a11",
                "occurred_at": "2026-11-01T10:00:00+00:00",
                "text": "an entry",
            }
        ],
        "homework_log": [
            {
                "uuid": "5f0e3a8b-2a0c-4f87-8b15-1d3b6c0a9e22",
                "homework_uuid": "7a1f0c2d-3b4e-4f5a-8b6c-9d0e1f2a3b44",
                "done_at": "2026-11-01T10:00:00+00:00",
                "created_at": "2026-11-01T10:00:00+00:00",
            }
        ],
    }
    path = write(tmp_path, "orphan.json", json.dumps(data))
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert "homework log 1: its homework (7a1f0c2d-" in result.stderr
    assert "Nothing was imported." in result.stderr
    assert invoke("list").stdout.startswith("No entries match.")


def test_import_in_a_real_process(tmp_path: Path) -> None:
    copy = tmp_path / "daylio copy.csv"
    shutil.copy(DAYLIO, copy)
    done = run_journal("import", str(copy))
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert done.stderr.decode() == f"Imported from {copy} (Daylio CSV): 6 entries.\n"
    listed_out = run_journal("list", "-f", "json")
    assert len(json.loads(listed_out.stdout)) == 6


def test_load_applies_the_zone_offsets() -> None:
    batch = load(DAYLIO, None, tz=timezone(timedelta(hours=-5)))
    assert batch.source == "daylio"
    assert {e.entry.occurred_at.utcoffset() for e in batch.entries} == {timedelta(hours=-5)}
