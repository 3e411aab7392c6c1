"""The record-kind registry: the JSON export (version 2) carries every kind, import restores it,
version-1 files still import, and imported rows are validated with the rules the code reads by."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke, run_journal
from workjournal.exporters import json as json_export
from workjournal.models import KINDS, RECORD_KINDS

NOW = "2026-11-20T21:30:00+00:00"
SAMPLES = Path(__file__).resolve().parent / "samples"
V1 = SAMPLES / "workjournal_v1_export.json"
ENV = {"WORKJOURNAL_NOW": NOW}


def ok(*args: str) -> str:
    result = invoke(*args, env=ENV)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def without_local_ids(data: dict[str, Any]) -> dict[str, Any]:
    """The export minus what differs between two journals holding the same records."""
    out = {key: value for key, value in data.items() if key != "exported_at"}
    for kind in RECORD_KINDS:
        if kind.single:
            continue
        # The diary card's default lists are made by each journal's migration: their own
        # uuids and times.
        local = (
            "id",
            "homework_id",
            *(("uuid", "created_at") if kind.name == "card_items" else ()),
        )
        out[kind.name] = [
            {k: v for k, v in row.items() if k not in local} for row in data[kind.name]
        ]
    return out


def every_kind() -> None:
    """A journal with at least one record of every kind, one private where a kind has that."""
    ok("add", "walked it off", "-m", "4", "-t", "work", "-e", "anxious:60", "--at", "yesterday")
    ok("add", "a private one", "-m", "2", "--private", "--at", "2026-11-19 22:10")
    ok("homework", "add", "Breathing", "--per-week", "5", "--note", "four counts in")
    ok("homework", "done", "1", "--at", "2026-11-20 08:00", "--rating", "7", "--note", "calmer")
    ok("session", "add", "2026-11-17 15:00", "--note", "exposure ladder")
    ok("thought", "--situation", "Boss frowned", "-e", "anxious:80", "--after", "anxious:40")
    ok("thought", "--situation", "a private thought", "--private")
    ok("checkin", "phq9", "--answers", "1,1,0,2,1,0,1,0,0")
    ok("safety-plan", "--section", "people-to-ask", "--text", "Sam 07700 900123")


def test_the_registry_is_the_one_list_of_kinds() -> None:
    names = [kind.name for kind in RECORD_KINDS]
    assert names == [
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
    assert list(json_export.REDACTED_TEXT) == names
    assert tuple(names[1:]) == json_export.TABLES
    # a parent is exported (and imported) before the kinds that belong to it
    for kind in RECORD_KINDS:
        if kind.parent is not None:
            assert names.index(kind.parent) < names.index(kind.name)
    assert KINDS["homework_log"].parent == "homework"
    assert {k.name for k in RECORD_KINDS if k.private_column} == {"entries", "thought_records"}


def test_export_version_2_carries_every_kind_and_read_commands_shapes(db_path: Path) -> None:
    every_kind()
    data = json.loads(ok("export", "--format", "json", "--include-private"))
    assert list(data) == ["format", "version", "exported_at", *(k.name for k in RECORD_KINDS)]
    assert data["version"] == 2
    assert data["safety_plan"]["updated_at"] == NOW
    assert [s["text"] for s in data["safety_plan"]["sections"] if s["text"]] == ["Sam 07700 900123"]
    # one shape per kind: what the read command prints is what the export writes
    listed = json.loads(ok("session", "list", "--format", "json"))
    assert data["sessions"] == [{k: v for k, v in s.items() if k != "upcoming"} for s in listed]
    assert data["thought_records"] == json.loads(ok("thought", "list", "--format", "json"))
    plan = json.loads(ok("safety-plan", "--show", "--format", "json"))
    assert data["safety_plan"] == plan
    homework = json.loads(ok("homework", "list", "--format", "json"))
    # every key of the export's homework, with the same value, plus the list's own progress
    assert set(data["homework"][0]) <= set(homework[0])
    assert {k: homework[0][k] for k in data["homework"][0]} == data["homework"][0]
    assert {
        *("id", "title", "per_week", "set_by", "until", "note", "active", "done", "partial"),
        *("days_done", "target", "last_done", "mean_rating", "mean_distress_before"),
        *("mean_distress_after", "done_this_week", "partial_this_week"),
    } <= set(homework[0])  # what the list printed before it carried the export's keys
    assert data["homework_log"][0]["homework_uuid"] == data["homework"][0]["uuid"]


def test_private_thought_records_stay_out_unless_asked(db_path: Path) -> None:
    every_kind()
    data = json.loads(ok("export", "--format", "json"))
    assert [r["situation"] for r in data["thought_records"]] == ["Boss frowned"]
    assert data["safety_plan"] is not None


def test_redact_empties_the_written_text_of_every_kind(db_path: Path) -> None:
    every_kind()
    text = ok("export", "--format", "json", "--include-private", "--redact")
    for secret in ("walked it off", "four counts in", "calmer", "exposure", "Boss", "Sam 077"):
        assert secret not in text
    data = json.loads(text)
    assert data["entries"][0]["mood"] == 4
    assert data["checkins"][0]["total"] == 6
    assert all(s["text"] == "" for s in data["safety_plan"]["sections"])


@pytest.mark.slow
def test_round_trip_of_every_kind_through_real_processes(tmp_path: Path, db_path: Path) -> None:
    every_kind()
    first = tmp_path / "first.json"
    assert invoke("export", "-f", "json", "--include-private", "-o", str(first)).exit_code == 0
    other = tmp_path / "other.db"
    imported = run_journal("--db", str(other), "import", str(first), env=ENV)
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr.decode() == (
        f"Imported from {first} (workjournal JSON): 2 entries, 1 homework, 1 homework log, "
        "1 session, 2 thought records, 1 check-in, 1 safety plan.\n"
    )
    again = run_journal("--db", str(other), "export", "-f", "json", "--include-private", env=ENV)
    assert again.returncode == 0, again.stderr
    before = json.loads(first.read_text(encoding="utf-8"))
    after = json.loads(again.stdout)
    assert without_local_ids(after) == without_local_ids(before)
    records = [k.name for k in RECORD_KINDS if not k.single and k.name != "card_items"]
    assert sum(len(after[name]) for name in records) == 8


def test_a_version_1_file_imports_with_every_record_intact(db_path: Path) -> None:
    result = invoke("import", str(V1), env=ENV)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"Imported from {V1} (workjournal JSON): 4 entries, 2 homework, 2 homework logs, "
        "2 sessions, 2 thought records, 2 check-ins.\n"
    )
    v1 = json.loads(V1.read_text(encoding="utf-8"))
    data = json.loads(ok("export", "--format", "json", "--include-private"))
    assert [{k: v for k, v in e.items() if k not in ("id", "prompt")} for e in data["entries"]] == [
        {k: v for k, v in e.items() if k != "id"} for e in v1["entries"]
    ]
    # version 1 named a homework's last day after its column
    for old, new in zip(v1["homework"], data["homework"], strict=True):
        renamed = {("until" if k == "until_date" else k): v for k, v in old.items()}
        assert {k: new[k] for k in renamed} == renamed
    for name in ("homework_log", "sessions", "thought_records", "checkins"):
        assert len(data[name]) == len(v1[name])
        for old, new in zip(v1[name], data[name], strict=True):
            for key, value in old.items():
                if key in ("created_at", "at", "done_at", "taken_at", "occurred_at"):
                    assert new[key][:16] <= "9999" and _same_moment(new[key], value), key
                else:
                    assert new[key] == value, (name, key)
    assert data["safety_plan"] is None


def _same_moment(a: str, b: str) -> bool:
    from datetime import datetime

    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


def test_same_uuid_with_different_content_is_reported(tmp_path: Path, db_path: Path) -> None:
    assert invoke("import", str(V1), env=ENV).exit_code == 0
    data = json.loads(V1.read_text(encoding="utf-8"))
    data["entries"][1]["text"] = "changed on the other machine"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("import", str(changed), env=ENV)
    assert result.exit_code == 0, result.stderr
    uuid = data["entries"][1]["uuid"]
    assert result.stderr == (
        f"Imported from {changed} (workjournal JSON): 0 entries.\n"
        "Already in the journal, skipped: 3 entries, 2 homework, 2 homework logs, 2 sessions, "
        "2 thought records, 2 check-ins.\n"
        "Already in the journal with different content, kept as they are in the journal: "
        "1 entry.\n"
        f"  entries: {uuid}\n"
    )
    shown = json.loads(ok("show", "2", "--format", "json"))
    assert shown["text"] == "Private one"


def test_a_different_safety_plan_is_kept_and_reported(tmp_path: Path, db_path: Path) -> None:
    ok("safety-plan", "--section", "warning-signs", "--text", "mine")
    data = {
        "format": "workjournal",
        "version": 2,
        "entries": [],
        "safety_plan": {
            "sections": [{"key": "warning_signs", "text": "theirs"}],
            "updated_at": NOW,
        },
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("import", str(path), env=ENV)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(
        "Already in the journal with different content, kept as they are in the journal: "
        "1 safety plan.\n"
    )
    plan = json.loads(ok("safety-plan", "--show", "--format", "json"))
    assert plan["sections"][0]["text"] == "mine"


def _v2(**kinds: Any) -> dict[str, Any]:
    return {"format": "workjournal", "version": 2, "entries": [], **kinds}


UUID = "0b6e1b4c-9a57-4a53-9b77-3d1f3c0e6a11"
ENTRY = {"uuid": UUID, "occurred_at": "2026-11-01T10:00:00+00:00", "text": "x"}
CHECKIN = {
    "uuid": UUID,
    "instrument": "phq9",
    "taken_at": NOW,
    "created_at": NOW,
    "answers": [1, 1, 0, 2, 1, 0, 1, 0, 0],
    "total": 6,
}
THOUGHT = {
    "uuid": UUID,
    "occurred_at": NOW,
    "created_at": NOW,
    "emotions_before": [{"name": "anxious", "intensity": 80}],
    "emotions_after": [],
}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            _v2(entries=[{**ENTRY, "occurred_at": "0001-01-01T00:00:00-00:00:30"}]),
            'entry 1: "occurred_at" has a UTC offset with seconds, which the journal cannot store.',
        ),
        (
            _v2(entries=[{**ENTRY, "occurred_at": "0001-01-01T00:00:00+00:00"}]),
            'entry 1: "occurred_at" must be between the years 1900 and 9999.',
        ),
        (
            _v2(entries=[{**ENTRY, "occurred_at": "9999-12-31T23:00:00-05:00"}]),
            'entry 1: "occurred_at" must be between the years 1900 and 9999.',
        ),
        (
            _v2(checkins=[{**CHECKIN, "total": 999}]),
            'checkin 1: "total" is 999, but the answers add up to 6.',
        ),
        (
            _v2(checkins=[{**CHECKIN, "answers": ["a", 1]}]),
            'checkin 1: "answers" must be a list of whole numbers from 0 to 3.',
        ),
        (
            _v2(checkins=[{**CHECKIN, "answers": [1, 1]}]),
            'checkin 1: "answers": the PHQ-9 has 9 questions; got 2 answers.',
        ),
        (
            _v2(checkins=[{**CHECKIN, "answers": [9, 1, 0, 2, 1, 0, 1, 0, 0], "total": 14}]),
            'checkin 1: "answers": answer 1 must be from 0 to 3; got 9.',
        ),
        (
            _v2(thought_records=[{**THOUGHT, "emotions_before": [1]}]),
            'thought record 1: "emotions_before" must be a list of {"name": ..., "intensity": '
            "0-100 or null}.",
        ),
        (
            _v2(safety_plan={"sections": [{"key": "nope", "text": "x"}], "updated_at": NOW}),
            'the safety plan, section 1: "key" must be one of warning_signs, internal_coping, '
            "distractions, people_to_ask, professionals, safe_environment, worth_living_for.",
        ),
    ],
)
def test_rows_the_code_cannot_read_are_refused_naming_row_and_field(
    tmp_path: Path, db_path: Path, data: dict[str, Any], message: str
) -> None:
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("import", str(path), env=ENV)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message} Nothing was imported.\n"
    assert "damage" not in result.stderr
    assert not db_path.exists()


def test_an_accepted_v2_checkin_and_thought_record_read_back(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "fine.json"
    path.write_text(json.dumps(_v2(checkins=[CHECKIN], thought_records=[THOUGHT])), "utf-8")
    assert invoke("import", str(path), env=ENV).exit_code == 0
    assert json.loads(ok("checkin", "history", "--format", "json"))[0]["total"] == 6
    assert json.loads(ok("thought", "list", "--format", "json"))[0]["emotions_before"] == [
        {"name": "anxious", "intensity": 80}
    ]


def test_imported_entries_are_searchable_and_later_ones_too(db_path: Path) -> None:
    """The import fills the full-text index once and restores its trigger afterwards."""
    assert invoke("import", str(V1), env=ENV).exit_code == 0
    found = json.loads(ok("list", "--search", "travelling", "--format", "json"))
    assert [e["text"] for e in found] == ["Written while travelling"]
    ok("add", "travelling again", "--at", "2026-11-20 12:00")
    found = json.loads(ok("list", "--search", "travelling", "--format", "json"))
    assert len(found) == 2
    labels = json.loads(ok("list", "--format", "json"))
    assert labels[-1]["triggers"] == ["work", "sleep"]
    assert labels[-1]["emotions"] == [
        {"name": "anxious", "intensity": 60},
        {"name": "sad", "intensity": None},
    ]


def test_doctor_counts_every_kind(db_path: Path) -> None:
    every_kind()
    checks = {c["name"]: c for c in json.loads(ok("doctor", "--format", "json"))}
    assert checks["records"]["detail"] == (
        "2 entries, 1 homework, 1 homework log, 1 session, 2 thought records, 1 check-in, "
        "1 safety plan."
    )


def _records_from_commands() -> None:
    ok("homework", "add", "Walk", "--per-week", "3", "--note", "outside", "--from", "2026-11-16")
    ok("homework", "done", "1", "--at", "2026-11-18 08:00")
    ok("session", "add", "2026-11-17 15:00", "--note", "ladder")
    ok("thought", "--situation", "Boss frowned", "--thought", "I'm failing", "-e", "anxious:80")
    ok("checkin", "phq9", "--answers", "1,1,0,2,1,0,1,0,0")


@pytest.mark.parametrize("starts", ["--from 2026-11-16", "", "--from today"])
def test_importing_its_own_export_again_finds_no_differences(
    tmp_path: Path, db_path: Path, starts: str
) -> None:
    _records_from_commands()
    # a homework added without --from keeps no start date, but its export names one
    ok("homework", "add", "Stretch", "--per-week", "2", *starts.split())
    dump = tmp_path / "dump.json"
    ok("export", "--format", "json", "--include-private", "--out", str(dump))
    result = invoke("import", str(dump), env=ENV)
    assert result.exit_code == 0, result.stderr
    assert "different content" not in result.stderr
    assert "2 homework, 1 homework log, 1 session, 1 thought record, 1 check-in" in result.stderr


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("homework", "title", "Run"),
        ("homework", "starts", "2026-11-17"),
        ("homework_log", "note", "it rained"),
        ("sessions", "note", "exposure"),
        ("thought_records", "balanced_thought", "One frown is not a verdict"),
        ("thought_records", "emotions_after", [{"name": "anxious", "intensity": 30}]),
        ("checkins", "difficulty", "Very difficult"),
    ],
)
def test_a_record_changed_elsewhere_is_kept_and_reported_for_every_kind(
    tmp_path: Path, db_path: Path, kind: str, key: str, value: Any
) -> None:
    _records_from_commands()
    dump = tmp_path / "dump.json"
    ok("export", "--format", "json", "--include-private", "--out", str(dump))
    data = json.loads(dump.read_text(encoding="utf-8"))
    before = json.loads(json.dumps(data[kind][0]))
    data[kind][0][key] = value
    dump.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("import", str(dump), env=ENV)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(
        "Already in the journal with different content, kept as they are in the journal: "
        f"{KINDS[kind].count(1)}.\n"
        f"  {kind}: {before['uuid']}\n"
    )
    again = json.loads(ok("export", "--format", "json", "--include-private"))
    assert again[kind][0] == before  # the journal's own version is kept


def test_every_kind_but_entries_has_its_export_and_import_method_on_the_store() -> None:
    """store/transfer.py finds a kind's export and import by its name (see RecordKind): a kind
    registered without them, or with another signature, fails here, not in a user's import."""
    import inspect

    from workjournal.store import Store

    for kind in RECORD_KINDS[1:]:
        export = inspect.signature(getattr(Store, f"export_{kind.name}"))
        assert list(export.parameters) == ["self", "scope"], kind.name
        bring = inspect.signature(getattr(Store, f"import_{kind.name}"))
        assert list(bring.parameters) == ["self", "row", "number", "known"], kind.name
        assert bring.parameters["known"].kind is inspect.Parameter.KEYWORD_ONLY, kind.name


def test_an_export_scope_holds_its_bounds() -> None:
    from datetime import UTC, datetime

    from workjournal.models import ExportScope

    start, end = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC)
    scope = ExportScope(since=start, until=end)
    assert scope.holds(start) and scope.holds(end)
    assert not scope.holds(datetime(2026, 10, 31, 23, 59, tzinfo=UTC))
    assert not scope.holds(datetime(2026, 11, 30, 0, 1, tzinfo=UTC))
    assert ExportScope().holds(start)
