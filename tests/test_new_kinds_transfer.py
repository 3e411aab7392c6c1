"""The diary card, its lists, reminders, practice, own reflection prompts and conversations go
through the JSON export and come back whole in an empty journal; --redact drops their text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke, run_journal

NOW = {"WORKJOURNAL_NOW": "2026-12-01T20:00:00+00:00"}
KINDS = (
    "card_items",
    "diary_cards",
    "reminders",
    "practice",
    "reflection_prompts",
    "conversations",
)


def _fill() -> None:
    steps = [
        ("homework", "add", "Breathing", "--per-week", "3"),
        ("card", "--urge", "self-harm:2", "--acted", "suicide", "--sleep", "7",
         "--note", "CARDNOTE"),
        ("card", "rates", "add", "energy", "--range", "0-10"),
        ("card", "--date", "yesterday", "--rate", "energy:4", "-e", "shame:3"),
        ("card", "targets", "remove", "substance use"),
        ("remind", "set", "21:00", "--message", "REMINDERTEXT"),
        ("remind", "weekly", "sun", "18:00"),
        ("practice", "log", "breathing", "--minutes", "10", "--note", "PRACTICENOTE",
         "--homework", "1"),
        ("reflect", "add-prompt", "OWNPROMPT what would I tell a friend?", "--theme", "progress"),
        ("reflect", "--prompt", "own-1", "--text", "Kinder than I am to me."),
        ("reflect", "--prompt", "fear-2", "--text", "The dentist."),
        ("talk", "plan", "Fridays off", "--with", "manager", "--describe", "TALKSTEP",
         "--priority", "objective", "--expect-distress", "7"),
        ("talk", "done", "1", "--before", "7", "--after", "4", "--outcome", "partly"),
    ]  # fmt: skip
    for args in steps:
        done = invoke(*args, env=NOW)
        assert done.exit_code == 0, (args, done.stderr)


def _strip(value: Any) -> Any:
    """Records without the local ids (a new journal numbers its own)."""
    if isinstance(value, list):
        return [_strip(item) for item in value]
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("id", "homework_id")}
    return value


def test_every_new_kind_round_trips_through_a_real_export_and_import(isolated: Path) -> None:
    _fill()
    first = isolated / "first.json"
    assert run_journal("export", "--format", "json", "--out", str(first), env=NOW).returncode == 0
    data = json.loads(first.read_text())
    assert {kind: len(data[kind]) for kind in KINDS} == {
        "card_items": 10,
        "diary_cards": 2,
        "reminders": 2,
        "practice": 1,
        "reflection_prompts": 1,
        "conversations": 1,
    }
    other = isolated / "other.db"
    done = run_journal("--db", str(other), "import", str(first), env=NOW)
    assert done.returncode == 0, done.stderr
    second = isolated / "second.json"
    run_journal("--db", str(other), "export", "--format", "json", "--out", str(second), env=NOW)
    again = json.loads(second.read_text())
    for kind in KINDS:
        if kind == "card_items":  # the new journal's own defaults carry other uuids
            key = lambda i: (i["kind"], i["name"], i["active"], i["range"])  # noqa: E731
            assert sorted(map(key, data[kind])) == sorted(map(key, again[kind]))
        else:
            assert _strip(again[kind]) == _strip(data[kind]), kind
    # Each entry still answers the prompt it answered, the person's own prompt included.
    prompts = [(e["text"], e["prompt"]) for e in again["entries"]]
    assert prompts == [(e["text"], e["prompt"]) for e in data["entries"]]
    assert [p["id"] for _, p in prompts if p is not None] == ["own-1", "fear-2"]
    assert prompts[0][1] == {
        "id": "own-1",
        "theme": "progress",
        "text": "OWNPROMPT what would I tell a friend?",
    }
    # The practice still counts for its homework in the new journal.
    assert again["practice"][0]["homework_uuid"] == again["homework"][0]["uuid"]
    # Importing again adds nothing.
    twice = run_journal("--db", str(other), "import", str(first), env=NOW)
    assert b"Imported" in twice.stderr and b"1 practice" not in twice.stderr.split(b"skipped")[0]


def test_redact_drops_the_new_kinds_text() -> None:
    _fill()
    redacted = invoke("export", "--format", "json", "--redact", env=NOW).stdout
    for marker in ("CARDNOTE", "REMINDERTEXT", "PRACTICENOTE", "OWNPROMPT", "TALKSTEP"):
        assert marker not in redacted, marker
    full = invoke("export", "--format", "json", env=NOW).stdout
    for marker in ("CARDNOTE", "REMINDERTEXT", "PRACTICENOTE", "OWNPROMPT", "TALKSTEP"):
        assert marker in full, marker


def test_a_bad_new_kind_row_refuses_the_whole_file(isolated: Path) -> None:
    _fill()
    data = json.loads(invoke("export", "--format", "json", env=NOW).stdout)
    for kind, field, bad in [
        ("diary_cards", "urges", {"self-harm": 9}),
        ("reminders", "time", "25:00"),
        ("practice", "minutes", -3),
        ("card_items", "range", [10, 0]),
        ("entries", "prompt", {"id": "fear-2", "theme": "no such theme", "text": "Why?"}),
        ("entries", "prompt", "fear-2"),
    ]:
        broken = json.loads(json.dumps(data))
        broken[kind][0][field] = bad
        path = isolated / f"bad-{kind}.json"
        path.write_text(json.dumps(broken))
        done = invoke("--db", str(isolated / f"{kind}.db"), "import", str(path), env=NOW)
        assert done.exit_code == 1, (kind, done.stderr)
        assert done.stderr.startswith("Error:") and "Traceback" not in done.stderr
        assert "Nothing was imported" in done.stderr, (kind, done.stderr)


def test_a_card_for_a_day_the_journal_has_is_kept_and_reported_by_its_date(
    isolated: Path,
) -> None:
    assert invoke("card", "--date", "2026-11-30", "--note", "MINE", env=NOW).exit_code == 0
    other = isolated / "other.db"
    theirs = ("--db", str(other))
    assert (
        invoke(*theirs, "card", "--date", "2026-11-30", "--note", "THEIRS", env=NOW).exit_code == 0
    )
    assert invoke(*theirs, "card", "--date", "2026-11-29", "--sleep", "6", env=NOW).exit_code == 0
    dump = isolated / "theirs.json"
    assert invoke(*theirs, "export", "--format", "json", "--out", str(dump), env=NOW).exit_code == 0
    done = invoke("import", str(dump), env=NOW)
    assert done.exit_code == 0, done.stderr
    assert "Imported from" in done.stderr and "1 diary card" in done.stderr
    assert done.stderr.endswith(
        "Already in the journal with different content, kept as they are in the journal: "
        "1 diary card.\n"
        "  diary_cards: 2026-11-30\n"
    )
    cards = json.loads(invoke("export", "--format", "json", env=NOW).stdout)["diary_cards"]
    assert [(c["date"], c["note"]) for c in cards] == [("2026-11-29", None), ("2026-11-30", "MINE")]


@pytest.mark.parametrize(
    ("kind", "change", "message"),
    [
        ("practice", {"homework_uuid": "nope"}, 'practice 1: "homework_uuid" must be a UUID.'),
        (
            "practice",
            {"at": "1850-01-01T10:00:00+00:00"},
            'practice 1: "at" must be between the years 1900 and 9999.',
        ),
        ("practice", {"minutes": "ten"}, 'practice 1: "minutes" must be a whole number.'),
        ("practice", {"minutes": True}, 'practice 1: "minutes" must be a whole number.'),
        ("practice", {"name": None}, 'practice 1: has no "name".'),
        (
            "practice",
            {"homework_uuid": "6b7c3a52-1f0e-4d5b-9a0e-2b8d7c6e5f41"},
            "practice 1: the homework it counts toward (6b7c3a52-1f0e-4d5b-9a0e-2b8d7c6e5f41) "
            "is neither in the file nor in the journal.",
        ),
        (
            "reflection_prompts",
            {"id": "fear-1"},
            'reflection prompt 1: "id" of your own prompt starts with "own-".',
        ),
        (
            "reflection_prompts",
            {"created_at": "yesterday"},
            'reflection prompt 1: "created_at" must be a moment such as 2026-11-20T21:30:00+00:00.',
        ),
        ("reflection_prompts", {"text": "  "}, "reflection prompt 1: a prompt cannot be empty."),
        ("reflection_prompts", {"theme": 3}, 'reflection prompt 1: "theme" must be text.'),
        ("conversations", {"title": None}, 'conversation 1: has no "title".'),
        ("conversations", {"steps": ["ask"]}, 'conversation 1: "steps" must be an object.'),
        (
            "conversations",
            {"steps": {"express": 2}},
            'conversation 1: "steps": "express" must be text.',
        ),
        (
            "conversations",
            {"held_at": "soon"},
            'conversation 1: "held_at" must be a moment such as',
        ),
        ("conversations", {"before": "7"}, 'conversation 1: "before" must be a whole number.'),
    ],
)
def test_a_new_kinds_record_is_read_by_its_model_and_a_bad_one_imports_nothing(
    isolated: Path, kind: str, change: dict[str, Any], message: str
) -> None:
    _fill()
    dump = isolated / "dump.json"
    assert invoke("export", "--format", "json", "--out", str(dump), env=NOW).exit_code == 0
    data = json.loads(dump.read_text())
    data[kind][0].update(change)
    dump.write_text(json.dumps(data))
    other = isolated / "other.db"
    done = invoke("--db", str(other), "import", str(dump), env=NOW)
    assert done.exit_code == 1
    assert done.stderr.startswith(f"Error: {message}"), done.stderr
    assert done.stderr.rstrip().endswith("Nothing was imported.")
    assert "Traceback" not in done.stderr
    listed = invoke("--db", str(other), "list", "--format", "json", env=NOW)
    assert listed.exit_code != 0 or json.loads(listed.stdout) == []
