"""The fast paths of the workjournal JSON import keep the exact rules of the full checks.

The importer remembers names, emotions and canonical UUIDs it has already accepted in a file,
and the store rebuilds entry_labels' indexes after a large import. A value that only looks like
one it has seen (5.0 or true where 5 was seen, an uppercase UUID) must still take the full
checks and get their message; a large import must leave the same journal and indexes.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke
from workjournal.errors import ImportRejected
from workjournal.importers import guess_format, load
from workjournal.importers.workjournal import parse_workjournal
from workjournal.models import Emotion
from workjournal.store import transfer

ANXIOUS_UNRATED = {"name": "Anxious", "intensity": None}
UUIDS = [f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 200)]


def entry(n: int, **fields: Any) -> dict[str, Any]:
    return {
        "uuid": UUIDS[n],
        "occurred_at": f"2026-11-{1 + n % 28:02d}T09:30:00+01:00",
        "text": f"entry {n}",
        "mood": 5,
        "triggers": ["Work", "deadline"],
        "tags": [],
        "emotions": [{"name": "Anxious", "intensity": 70}],
        "coping": [],
        **fields,
    }


def document(*entries: dict[str, Any]) -> str:
    return json.dumps({"format": "workjournal", "version": 2, "entries": list(entries)})


def refused(*entries: dict[str, Any]) -> str:
    with pytest.raises(ImportRejected) as caught:
        parse_workjournal(document(*entries))
    return caught.value.message


def test_names_and_emotions_seen_before_come_back_normalised_every_time() -> None:
    batch = parse_workjournal(
        document(
            entry(1),
            entry(2, triggers=["work", " WORK ", "Deadline"], emotions=[]),
            entry(3, emotions=[{"name": "anxious", "intensity": 70}, ANXIOUS_UNRATED]),
        )
    )
    first, second, third = (e.entry for e in batch.entries)
    assert first.triggers == ("work", "deadline")
    assert first.emotions == (Emotion("anxious", 70),)
    assert second.triggers == ("work", "deadline")  # repeats dropped, as the full check does
    assert second.emotions == ()
    assert third.emotions == (Emotion("anxious", 70),)  # a later mention without intensity loses


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"intensity": 70.0}, '"intensity" must be a whole number.'),
        ({"intensity": True}, '"intensity" must be a whole number.'),
        ({"intensity": 101}, '"intensity" must be from 0 to 100.'),
    ],
)
def test_an_emotion_like_one_seen_before_still_gets_the_full_check(
    bad: dict[str, Any], message: str
) -> None:
    emotion = {"name": "Anxious", **bad}
    assert refused(entry(1), entry(2, emotions=[emotion])) == (
        f"entry 2: {message} Nothing was imported."
    )


def test_a_name_seen_before_in_a_bad_list_is_still_refused() -> None:
    assert refused(entry(1), entry(2, triggers=["work", 5])) == (
        'entry 2: "triggers" must be a list of texts. Nothing was imported.'
    )
    assert refused(entry(1), entry(2, tags="work")) == (
        'entry 2: "tags" must be a list of texts. Nothing was imported.'
    )
    assert refused(entry(1), entry(2, coping=["work", "  "])) == (
        "entry 2: coping: a coping cannot be empty. Nothing was imported."
    )


@pytest.mark.parametrize(
    ("mood", "message"),
    [
        (True, "Mood must be a whole number from 1 (worst) to 10 (best), not 'True'."),
        (11, "Mood must be from 1 (worst) to 10 (best); got 11."),
        (5.5, "Mood must be a whole number from 1 (worst) to 10 (best), not '5.5'."),
    ],
)
def test_moods_outside_the_fast_path_keep_their_messages(mood: object, message: str) -> None:
    assert refused(entry(1, mood=mood)) == f"entry 1: {message} Nothing was imported."


def test_moods_and_uuids_in_other_spellings_are_read_as_before() -> None:
    upper = UUIDS[1].upper().replace("-", "")
    batch = parse_workjournal(document(entry(1, mood="7", uuid=upper), entry(2, mood=None)))
    assert [e.entry.mood for e in batch.entries] == [7, None]
    assert batch.entries[0].uuid == UUIDS[1]  # the canonical form, as uuid.UUID gives it
    assert refused(entry(1, uuid="not-a-uuid")) == (
        'entry 1: "uuid" must be a UUID. Nothing was imported.'
    )


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        ("1900-01-01T00:30:00+01:00", '"occurred_at" must be between the years 1900 and 9999.'),
        ("2026-11-20T09:30:00+01:00:30", '"occurred_at" has a UTC offset with seconds'),
    ],
)
def test_moments_at_the_edges_still_get_the_full_check(moment: str, message: str) -> None:
    assert refused(entry(1, occurred_at=moment)).startswith(f"entry 1: {message}")


def test_a_moment_near_the_edge_that_fits_is_kept() -> None:
    batch = parse_workjournal(document(entry(1, occurred_at="1900-01-01T00:30:00+00:00")))
    assert batch.entries[0].entry.occurred_at.year == 1900


def test_the_guessed_file_is_decoded_once_and_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(document(entry(1), entry(2)), encoding="utf-8")
    assert guess_format(path.read_text(encoding="utf-8")) == "workjournal"
    batch = load(path, None, tz=UTC)
    assert [e.uuid for e in batch.entries] == UUIDS[1:3]
    again = load(path, None, tz=UTC)  # nothing stale is reused
    assert [e.uuid for e in again.entries] == UUIDS[1:3]


def _indexes(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
            "AND tbl_name = 'entry_labels' AND sql IS NOT NULL ORDER BY name"
        ).fetchall()


def test_a_large_import_rebuilds_the_label_indexes_and_reads_back_the_same(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("add", "before the import", "-t", "sleep").exit_code == 0
    before = _indexes(db_path)
    assert len(before) >= 3
    monkeypatch.setattr(transfer, "_REINDEX_FROM", 5)  # so a small file takes the rebuild path
    rows = [entry(n) for n in range(1, 40)]
    path = tmp_path / "export.json"
    path.write_text(document(*rows), encoding="utf-8")
    result = invoke("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert _indexes(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        used = conn.execute(
            "EXPLAIN QUERY PLAN SELECT entry_id FROM entry_labels WHERE label_id = 1"
        ).fetchall()
    assert any("entry_labels_label" in str(row) for row in used)
    listed = json.loads(invoke("list", "-n", "100", "--format", "json").stdout)
    assert len(listed) == 40
    imported = {e["uuid"]: e for e in listed}
    assert imported[UUIDS[7]]["triggers"] == ["work", "deadline"]
    assert imported[UUIDS[7]]["emotions"] == [{"name": "anxious", "intensity": 70}]
    found = invoke("list", "--search", "entry", "-n", "100", "--format", "json")
    assert len(json.loads(found.stdout)) == 39  # the full-text index was filled once


def test_a_failing_large_import_leaves_the_journal_and_its_indexes(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("add", "before the import", "-t", "sleep").exit_code == 0
    before = _indexes(db_path)
    monkeypatch.setattr(transfer, "_REINDEX_FROM", 5)
    data = json.loads(document(*[entry(n) for n in range(1, 40)]))
    data["homework_log"] = [
        {
            "uuid": UUIDS[150],
            "homework_uuid": UUIDS[151],
            "done_at": "2026-11-20T09:30:00+00:00",
            "created_at": "2026-11-20T09:30:00+00:00",
        }
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert "homework log 1: its homework" in result.stderr
    assert _indexes(db_path) == before
    listed = json.loads(invoke("list", "-n", "100", "--format", "json").stdout)
    assert [e["text"] for e in listed] == ["before the import"]
