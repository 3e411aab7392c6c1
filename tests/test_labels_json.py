"""entries.labels_json: the copy of each entry's labels that the JSON export reads (m008).

The copy must always be what entry_labels says, or NULL (then readers build it from
entry_labels): written by the store with every entry it writes, reset by triggers on any other
change to the links or to a label's name, filled for old journals by the migration."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import invoke
from workjournal import migrations
from workjournal.errors import InvalidInput
from workjournal.models import Emotion, EntryFilter, NewEntry, normalize_name
from workjournal.store import open_store
from workjournal.store.entries import ENTRY_LABELS_JSON

AT = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
COMPARE = f"SELECT id, labels_json, {ENTRY_LABELS_JSON} FROM entries e ORDER BY id"


def _name_or_none(raw: str) -> str | None:
    try:
        return normalize_name(raw)
    except InvalidInput:
        return None


# Any name the journal accepts: quotes, backslashes, control characters, any script.
NAMES = st.text(min_size=1, max_size=12).map(_name_or_none).filter(lambda n: n is not None)
LISTS = st.lists(NAMES, unique=True, max_size=3).map(tuple)
ENTRIES = st.builds(
    NewEntry,
    occurred_at=st.just(AT),
    text=st.just("x"),
    mood=st.none() | st.integers(1, 10),
    triggers=LISTS,
    tags=LISTS,
    emotions=st.lists(
        st.builds(Emotion, NAMES, st.none() | st.integers(0, 100)),
        unique_by=lambda e: e.name,
        max_size=3,
    ).map(tuple),
    coping=LISTS,
)


def _rows(db: Path) -> list[tuple[int, str | None, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(COMPARE).fetchall()
    conn.close()
    return rows


def _assert_copies_true(db: Path, *, filled: bool = True) -> None:
    for entry_id, copy, built in _rows(db):
        if filled:
            assert copy is not None, entry_id
        if copy is not None:
            assert copy == built, entry_id
            json.loads("{" + copy + "}")


@settings(max_examples=60, deadline=None)
@given(first=st.lists(ENTRIES, min_size=1, max_size=4), second=ENTRIES)
def test_the_store_writes_the_same_text_sqlite_builds(
    first: list[NewEntry], second: NewEntry
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "j.db"
        with open_store(db, create=True) as store:
            ids = [store.add_entry(new, created_at=AT).id for new in first]
            store.replace_entry(ids[0], second, updated_at=AT)
        _assert_copies_true(db)


def _add(db: Path, *news: NewEntry) -> None:
    with open_store(db, create=True) as store:
        for new in news:
            store.add_entry(new, created_at=AT)


WORK = NewEntry(
    occurred_at=AT,
    text="a",
    mood=4,
    triggers=("work", 'the "boss"'),
    emotions=(Emotion("anxious", 70),),
    coping=("walk",),
)


@pytest.mark.parametrize(
    "change",
    [
        "DELETE FROM entry_labels WHERE position = 1",
        "UPDATE entry_labels SET intensity = 10 WHERE kind = 'emotion'",
        "UPDATE entry_labels SET position = 5 - position",
        "UPDATE labels SET name = 'job' WHERE name = 'work'",
    ],
)
def test_any_other_change_to_the_labels_resets_the_copy(tmp_path: Path, change: str) -> None:
    db = tmp_path / "j.db"
    _add(db, WORK)
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT labels_json FROM entries").fetchone()[0]
        assert conn.execute(change).rowcount > 0
        after = conn.execute("SELECT labels_json FROM entries").fetchone()[0]
    conn.close()
    assert before is not None
    assert after is None
    # ... and what the export writes is still what the labels are
    exported = json.loads(invoke("--db", str(db), "export", "-f", "json").stdout)["entries"]
    with open_store(db, create=False) as store:
        assert exported == [
            e.to_json() for e in store.list_entries(EntryFilter(newest_first=False))
        ]


def test_a_new_label_link_resets_the_copy(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    _add(db, WORK, NewEntry(occurred_at=AT, text="b", tags=("home",)))
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO entry_labels (entry_id, label_id, position, intensity, kind, local_day, "
            "mood) SELECT 1, id, 9, NULL, kind, '2026-11-20', 4 FROM labels WHERE name = 'home'"
        )
        copies = conn.execute("SELECT id, labels_json FROM entries ORDER BY id").fetchall()
    conn.close()
    assert copies[0] == (1, None)
    assert copies[1][1] is not None  # the other entry's copy is untouched


def test_a_changed_mood_keeps_the_copy(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    _add(db, WORK)
    assert invoke("--db", str(db), "edit", "1", "--mood", "7").exit_code == 0
    _assert_copies_true(db)


def test_the_migration_fills_the_copy_of_an_older_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "j.db"
    older = [fn for fn in migrations._REGISTRY if fn.__name__ < "m008"]
    monkeypatch.setattr(migrations, "_REGISTRY", older)
    monkeypatch.setattr(migrations, "NAMES", tuple(fn.__name__ for fn in older))
    with open_store(db, create=True):
        pass
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO entries (uuid, occurred_utc, occurred_offset, created_utc, "
            "created_offset, text) VALUES ('u1', '2026-11-20T21:30:00+00:00', 60, "
            "'2026-11-20T21:30:00+00:00', 60, 'a'), ('u2', '2026-11-21T08:00:00+00:00', 0, "
            "'2026-11-21T08:00:00+00:00', 0, 'b')"
        )
        conn.executemany(
            "INSERT INTO labels (id, kind, name) VALUES (?, ?, ?)",
            [(1, "trigger", "work"), (2, "emotion", 'sad "really"'), (3, "tag", "home")],
        )
        conn.executemany(
            "INSERT INTO entry_labels (entry_id, label_id, position, intensity, kind, local_day) "
            "VALUES (1, ?, ?, ?, ?, '2026-11-20')",
            [(2, 0, 40, "emotion"), (1, 1, None, "trigger"), (3, 2, None, "tag")],
        )
    conn.close()
    monkeypatch.undo()
    with open_store(db, create=True):
        pass  # opening a writer migrates
    rows = _rows(db)
    assert [copy for _, copy, _ in rows] == [
        '"triggers":["work"],"tags":["home"],"emotions":[{"name":"sad \\"really\\"",'
        '"intensity":40}],"coping":[]',
        '"triggers":[],"tags":[],"emotions":[],"coping":[]',
    ]
    _assert_copies_true(db)


def test_an_import_writes_every_copy(tmp_path: Path) -> None:
    source, target, dump = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "dump.json"
    news = [
        WORK,
        NewEntry(occurred_at=AT, text="b", tags=("home", "late\\bus")),
        NewEntry(occurred_at=AT, text="c"),
    ]
    _add(source, *news)
    assert invoke("--db", str(source), "export", "-f", "json", "--out", str(dump)).exit_code == 0
    _add(target, NewEntry(occurred_at=AT, text="already here", triggers=("work",)))
    assert invoke("--db", str(target), "import", str(dump)).exit_code == 0
    _assert_copies_true(target)
    assert len(_rows(target)) == 4
    # the trigger the import set aside while its links went in is back
    with sqlite3.connect(target) as conn:
        names = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
        }
    conn.close()
    assert {"entry_labels_json_insert", "entries_fts_insert"} <= names


@settings(max_examples=40, deadline=None)
@given(news=st.lists(ENTRIES, min_size=1, max_size=5), cleared=st.sets(st.integers(0, 4)))
def test_entries_read_through_the_copy_equal_those_read_from_the_links(
    news: list[NewEntry], cleared: set[int]
) -> None:
    # Readers decode the copy where there is one and read entry_labels where it is NULL; a batch
    # may mix both. Either way an entry is exactly what was saved.
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "j.db"
        _add(db, *news)
        with sqlite3.connect(db) as conn:
            conn.executemany(
                "UPDATE entries SET labels_json = NULL WHERE id = ?",
                [(i + 1,) for i in cleared],
            )
        conn.close()
        with open_store(db, create=False) as store:
            read = sorted(store.list_entries(), key=lambda e: e.id)
        assert [
            (e.triggers, e.tags, e.emotions, e.coping, e.mood, e.occurred_at) for e in read
        ] == [(n.triggers, n.tags, n.emotions, n.coping, n.mood, n.occurred_at) for n in news]


def test_a_utc_text_without_its_offset_still_reads_as_utc(tmp_path: Path) -> None:
    # Entries are read from their stored local text; one written without "+00:00" has a local
    # copy without it, and is read from its UTC text instead, as before.
    db = tmp_path / "j.db"
    _add(db, WORK)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE entries SET occurred_utc = '2026-11-20T21:30:00'")
    conn.close()
    with open_store(db, create=False) as store:
        (entry,) = store.list_entries()
    assert entry.occurred_at == AT
    assert entry.occurred_at.utcoffset() is not None


def _set_copy(db: Path, copy: str, *, entry_id: int) -> None:
    """Write an entry's labels_json as only a hand edit of the file could."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE entries SET labels_json = ? WHERE id = ?", (copy, entry_id))
    conn.close()


@pytest.mark.parametrize(
    "copy",
    [
        '"triggers":["work"',  # not JSON
        '"triggers":[]},{"triggers":[],"tags":[],"emotions":[],"coping":[]',  # two objects
        '"triggers":"work","tags":[],"emotions":[],"coping":[]',  # text, not a list
        '"triggers":[1],"tags":[],"emotions":[],"coping":[]',  # a number, not a name
        '"triggers":[],"tags":[],"emotions":[{"name":"anxious","intensity":true}],"coping":[]',
        '"triggers":[],"tags":[],"emotions":[{"name":7,"intensity":null}],"coping":[]',
        '"triggers":[],"tags":[],"emotions":["anxious"],"coping":[]',
        '"triggers":[],"tags":[],"coping":[]',  # a list missing
    ],
)
def test_a_copy_edited_by_hand_is_read_from_the_links_instead(tmp_path: Path, copy: str) -> None:
    # Only editing the file by hand makes a copy the store did not write. The copy is a cache:
    # the entry's labels are read from entry_labels, the source, and its neighbours in the
    # batch still from their own copies; nothing is refused and nothing is misread.
    db = tmp_path / "j.db"
    other = NewEntry(occurred_at=AT, text="b", mood=6, tags=("home",))
    _add(db, other, WORK, other)
    _set_copy(db, copy, entry_id=2)
    with open_store(db, create=False) as store:
        read = sorted(store.list_entries(), key=lambda e: e.id)
    assert [(e.triggers, e.tags, e.emotions, e.coping) for e in read] == [
        (n.triggers, n.tags, n.emotions, n.coping) for n in (other, WORK, other)
    ]
    result = invoke("--db", str(db), "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [e["triggers"] for e in json.loads(result.stdout)] == [[], ["work", 'the "boss"'], []]


@pytest.mark.parametrize(
    "copy",
    [
        '"triggers":["work"',
        '"triggers":[]},{"triggers":[],"tags":[],"emotions":[],"coping":[]',
        '"triggers":[]}],"entries":[{"text":"planted"',
    ],
)
def test_a_copy_that_is_not_json_never_reaches_the_export(tmp_path: Path, copy: str) -> None:
    # The JSON export writes the copy as it is, so one that does not read back as JSON is
    # replaced by the labels built from entry_labels: the file stays valid and whole.
    db = tmp_path / "j.db"
    _add(db, WORK)
    _set_copy(db, copy, entry_id=1)
    result = invoke("--db", str(db), "export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (entry,) = json.loads(result.stdout)["entries"]
    assert (entry["triggers"], entry["emotions"], entry["coping"]) == (
        ["work", 'the "boss"'],
        [{"name": "anxious", "intensity": 70}],
        ["walk"],
    )
    assert entry["text"] == "a"
