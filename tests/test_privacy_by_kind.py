"""Every written-text field of every kind of record: a unique marker written in it never leaves
the journal where it must not. With --redact it is in no export format; a private record is in
none without --include-private and in each one that shows its kind with it; an encrypted journal's
backup holds none of them in its bytes.

The fields come from the models themselves (every ``str`` field of the dataclass a record is made
from), so a field added to a model is covered without anyone remembering this test. KINDS is the
one list to extend with a new kind (and, once it exists, to derive from the record-kind registry).
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import PASSPHRASE
from helpers import invoke
from workjournal.models import (
    Emotion,
    NewEntry,
    NewHomework,
    NewHomeworkLog,
    NewThoughtRecord,
    Session,
)
from workjournal.store import Store, open_store

NOW = "2026-11-20T21:30:00+00:00"
WHEN = datetime(2026, 11, 18, 19, 0, tzinfo=UTC)
FORMATS = ("json", "csv", "md", "html", "pdf")


def text_fields(model: type[Any], *, not_written: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The written-text fields of a model: every ``str`` field except identifiers and the ones
    named in ``not_written`` (labels that stay under --redact, like a homework's title)."""
    names = tuple(
        f.name
        for f in dataclasses.fields(model)
        if f.type in ("str", str) and f.name != "uuid" and f.name not in not_written
    )
    assert names, f"{model.__name__} has no written-text field"
    return names


@dataclass(frozen=True)
class Kind:
    """One kind of record as this test sees it: its name in the JSON export, its written-text
    fields, whether it can be private, how to write one, and which export formats show its text."""

    name: str
    fields: tuple[str, ...]
    can_be_private: bool
    write: Callable[[Store, Mapping[str, str], bool], None]
    shown_in: tuple[str, ...]


def _entry(store: Store, text: Mapping[str, str], private: bool) -> None:
    store.add_entry(
        NewEntry(occurred_at=WHEN, mood=4, triggers=("work",), private=private, **text),
        created_at=WHEN,
    )


def _thought(store: Store, text: Mapping[str, str], private: bool) -> None:
    record = NewThoughtRecord(
        occurred_at=WHEN,
        emotions_before=(Emotion("anxious", 80),),
        emotions_after=(Emotion("anxious", 40),),
        private=private,
        **text,
    )
    assert set(record.texts()) == set(text.values()), "texts() and the str fields disagree"
    store.add_thought_record(record, created_at=WHEN)


def _homework(store: Store, text: Mapping[str, str], private: bool) -> None:
    store.add_homework(
        NewHomework(title=f"Homework {len(store.list_homework()) + 1}", per_week=3, **text),
        created_at=WHEN - timedelta(days=5),
    )


def _homework_log(store: Store, text: Mapping[str, str], private: bool) -> None:
    homework = store.add_homework(
        NewHomework(title="Logged homework", per_week=2), created_at=WHEN - timedelta(days=5)
    )
    store.log_homework(
        NewHomeworkLog(homework_id=homework.id, done_at=WHEN, rating=6, **text), created_at=WHEN
    )


def _session(store: Store, text: Mapping[str, str], private: bool) -> None:
    store.add_session(WHEN - timedelta(days=1), created_at=WHEN, **text)


def _card(store: Store, text: Mapping[str, str], private: bool) -> None:
    from workjournal.cards import CardChange

    day = WHEN.date() - timedelta(days=len(list(store.iter_cards())))
    store.record_card(day, CardChange(sleep=7, note=text["note"]), now=WHEN)


def _reminder(store: Store, text: Mapping[str, str], private: bool) -> None:
    from datetime import time

    store.add_reminder(
        "daily", time(21, 0), (0, 1, 2, 3, 4, 5, 6), text["message"], created_at=WHEN
    )


def _practice(store: Store, text: Mapping[str, str], private: bool) -> None:
    from workjournal.practice import NewPractice

    store.add_practice(NewPractice(name="breathing", minutes=5, at=WHEN, **text), created_at=WHEN)


def _prompt(store: Store, text: Mapping[str, str], private: bool) -> None:
    store.add_own_prompt(text["text"], theme="progress", created_at=WHEN)


def _conversation(store: Store, text: Mapping[str, str], private: bool) -> None:
    from workjournal.conversations import STEPS, Conversation

    store.add_conversation(
        Conversation(
            title=text["title"],
            created_at=WHEN,
            with_whom=text["with"],
            steps=(text["steps"], *("",) * (len(STEPS) - 1)),
            expected=text["expected"],
            note=text["note"],
        )
    )


KINDS = (
    Kind(
        "entries",
        text_fields(NewEntry),
        True,
        _entry,
        shown_in=FORMATS,
    ),
    Kind(
        "thought_records",
        text_fields(NewThoughtRecord),
        True,
        _thought,
        shown_in=("json", "md", "html", "pdf"),
    ),
    Kind(
        "homework",
        text_fields(NewHomework, not_written=("title", "set_by")),
        False,
        _homework,
        shown_in=("json", "md", "html", "pdf"),
    ),
    Kind("homework_log", text_fields(NewHomeworkLog), False, _homework_log, shown_in=("json",)),
    Kind("sessions", text_fields(Session), False, _session, shown_in=("json",)),
    Kind("diary_cards", ("note",), False, _card, shown_in=("json",)),
    Kind("reminders", ("message",), False, _reminder, shown_in=("json",)),
    Kind("practice", ("note",), False, _practice, shown_in=("json",)),
    Kind("reflection_prompts", ("text",), False, _prompt, shown_in=("json",)),
    Kind(
        "conversations",
        ("title", "with", "expected", "note", "steps"),
        False,
        _conversation,
        shown_in=("json",),
    ),
)


@dataclass(frozen=True)
class Marker:
    kind: str
    field: str
    private: bool
    text: str


def write_markers(db_path: Path, *, passphrase: str | None = None) -> list[Marker]:
    """One record of each kind with a unique marker in each written-text field, and a private
    one of each kind that can be private. Markers are short single words, so that even a narrow
    PDF table cell never breaks one across lines."""
    markers: list[Marker] = []
    with open_store(
        db_path,
        create=True,
        passphrase=(lambda: passphrase) if passphrase else None,
        encrypt_new=passphrase is not None,
    ) as store:
        for kind in KINDS:
            for private in (False, True) if kind.can_be_private else (False,):
                text = {}
                for field in kind.fields:
                    marker = Marker(kind.name, field, private, f"qz{len(markers):02d}x")
                    markers.append(marker)
                    text[field] = marker.text
                kind.write(store, text, private)
    return markers


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def export(fmt: str, *flags: str, out: Path) -> str:
    result = invoke(
        "export", "--format", fmt, *flags, "--out", str(out), env={"WORKJOURNAL_NOW": NOW}
    )
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    return pdf_text(data) if fmt == "pdf" else data.decode("utf-8-sig")


@pytest.fixture
def markers(db_path: Path) -> list[Marker]:
    return write_markers(db_path)


def test_every_kind_and_field_has_a_marker(markers: list[Marker]) -> None:
    """The field lists really come from the models: the known fields are among them."""
    fields = {(m.kind, m.field) for m in markers}
    for known in (
        ("entries", "text"),
        ("thought_records", "situation"),
        ("thought_records", "automatic_thought"),
        ("thought_records", "evidence_for"),
        ("thought_records", "evidence_against"),
        ("thought_records", "balanced_thought"),
        ("homework", "note"),
        ("homework_log", "note"),
        ("sessions", "note"),
    ):
        assert known in fields
    assert len({m.text for m in markers}) == len(markers)


def _found(markers: list[Marker], text: str) -> list[Marker]:
    return [m for m in markers if m.text in text]


@pytest.mark.parametrize("fmt", FORMATS)
def test_markers_follow_the_private_and_redact_rules(
    markers: list[Marker], fmt: str, tmp_path: Path
) -> None:
    default = export(fmt, out=tmp_path / f"default.{fmt}")
    everything = export(fmt, "--include-private", out=tmp_path / f"all.{fmt}")
    redacted = export(fmt, "--redact", "--include-private", out=tmp_path / f"redacted.{fmt}")
    shown = [m for m in markers if fmt in next(k for k in KINDS if k.name == m.kind).shown_in]
    # The control: without --redact, every field of every kind this format shows is there...
    assert _found(markers, everything) == shown
    # ...private records only with --include-private...
    assert _found(markers, default) == [m for m in shown if not m.private]
    # ...and with --redact, no written text at all, private or not.
    assert _found(markers, redacted) == []
    if fmt == "json":
        exported = json.loads(redacted)
        for kind in KINDS:
            assert exported[kind.name], f"the redacted export lost the {kind.name} records"


def _bytes_under(folder: Path) -> Iterator[tuple[Path, bytes]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path, path.read_bytes()


@pytest.mark.usefixtures("passphrase_file")
def test_an_encrypted_journal_and_its_backup_hold_no_marker_in_their_bytes(
    db_path: Path, tmp_path: Path
) -> None:
    markers = write_markers(db_path, passphrase=PASSPHRASE)
    dest = tmp_path / "backups" / "copy.db"
    result = invoke("backup", str(dest), env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr
    files = dict(_bytes_under(db_path.parent)) | dict(_bytes_under(dest.parent))
    assert dest in files and db_path in files
    for path, raw in files.items():
        leaked = [m.text for m in markers if m.text.encode() in raw]
        assert leaked == [], f"{path.name} holds {leaked} in plain text"
    # The control: the backup does hold every marker, once decrypted.
    everything = export("json", "--include-private", out=tmp_path / "all.json")
    assert _found(markers, everything) == markers
    with open_store(dest, create=False, passphrase=lambda: PASSPHRASE) as copy:
        records = {t: copy.export_kind(t) for t in ("thought_records", "sessions")}
        texts = json.dumps(records) + json.dumps(
            [e.to_json() for e in copy.list_entries()], ensure_ascii=False
        )
    for marker in markers:
        if marker.kind in ("entries", "thought_records", "sessions"):
            assert marker.text in texts


def test_kinds_cover_every_table_of_the_json_export() -> None:
    """A kind added to the export without being added here fails this test."""
    from workjournal.exporters.json import REDACTED_TEXT

    with_text = {name for name, fields in REDACTED_TEXT.items() if fields}
    # The safety plan is one object, not records: tests/test_record_kinds.py redacts it.
    assert with_text - {"safety_plan"} == {k.name for k in KINDS}
