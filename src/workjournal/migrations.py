"""The journal's schema, as named sqlite-utils migrations. Append-only: a migration is never
edited once released; add ``m002_...`` below instead.

Importing this module is cheap (sqlite_utils is imported only when migrations are applied), so
the store can compare the applied names with :data:`NAMES` on every open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

MIGRATION_SET = "workjournal"
MIGRATIONS_TABLE = "_sqlite_migrations"

_REGISTRY: list[Callable[[Any], None]] = []


def _migration(fn: Callable[[Any], None]) -> Callable[[Any], None]:
    _REGISTRY.append(fn)
    return fn


def _run(db: Any, statements: str) -> None:
    # One statement at a time: sqlite3's executescript() would COMMIT the migration's
    # transaction before running, breaking "each migration and its record in one transaction".
    import sqlite3

    buffer = ""
    for line in statements.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            db.execute(buffer)
            buffer = ""
    if buffer.strip():
        db.execute(buffer)


@_migration
def m001_journal(db: Any) -> None:
    _run(
        db,
        """
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    occurred_utc TEXT NOT NULL,
    occurred_offset INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    created_offset INTEGER NOT NULL,
    updated_utc TEXT,
    text TEXT NOT NULL DEFAULT '',
    mood INTEGER CHECK (mood BETWEEN 1 AND 10),
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    discuss INTEGER NOT NULL DEFAULT 0 CHECK (discuss IN (0, 1)),
    -- The local calendar date and hour of the moment, in the offset it was lived in (what
    -- reports.common.day_of gives), computed by SQLite when the row is written so whole-journal
    -- reports never recompute it.
    local_day TEXT NOT NULL
        GENERATED ALWAYS AS (date(occurred_utc, occurred_offset || ' minutes')) STORED,
    local_hour INTEGER NOT NULL GENERATED ALWAYS AS
        (CAST(strftime('%H', occurred_utc, occurred_offset || ' minutes') AS INTEGER)) STORED,
    -- The moments as ISO 8601 text in their own offset (2026-11-20T21:30:00+05:30), exactly
    -- as Entry.to_json() gives them, so the JSON export does not format them row by row.
    occurred_local TEXT NOT NULL GENERATED ALWAYS AS (CASE WHEN occurred_offset = 0
        THEN occurred_utc ELSE strftime('%Y-%m-%dT%H:%M:%S', occurred_utc,
        occurred_offset || ' minutes') || CASE WHEN occurred_offset < 0 THEN '-' ELSE '+' END
        || printf('%02d:%02d', abs(occurred_offset) / 60, abs(occurred_offset) % 60) END) STORED,
    created_local TEXT NOT NULL GENERATED ALWAYS AS (CASE WHEN created_offset = 0
        THEN created_utc ELSE strftime('%Y-%m-%dT%H:%M:%S', created_utc,
        created_offset || ' minutes') || CASE WHEN created_offset < 0 THEN '-' ELSE '+' END
        || printf('%02d:%02d', abs(created_offset) / 60, abs(created_offset) % 60) END) STORED
) STRICT;
CREATE INDEX entries_occurred ON entries (occurred_utc);
CREATE INDEX entries_local_day ON entries (local_day, mood);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('trigger', 'tag', 'emotion', 'coping')),
    name TEXT NOT NULL,
    UNIQUE (kind, name),
    UNIQUE (id, kind)
) STRICT;
-- kind, local_day and mood are copies (of the label's kind, the entry's local day and mood) so
-- the whole-journal reports read one covering index instead of joining 100,000 entries. The
-- foreign key keeps kind right; the trigger below keeps local_day and mood right.
CREATE TABLE entry_labels (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    intensity INTEGER CHECK (intensity BETWEEN 0 AND 100),
    kind TEXT NOT NULL,
    local_day TEXT NOT NULL,
    mood INTEGER,
    PRIMARY KEY (entry_id, label_id),
    FOREIGN KEY (label_id, kind) REFERENCES labels (id, kind)
) STRICT, WITHOUT ROWID;
CREATE INDEX entry_labels_label ON entry_labels (label_id, local_day, mood);
CREATE INDEX entry_labels_kind ON entry_labels (kind, entry_id, label_id);
-- An entry's labels in the order given, without a sort: what every entry read needs.
CREATE INDEX entry_labels_position ON entry_labels (entry_id, position, label_id, intensity);
CREATE TRIGGER entry_labels_follow_entry
AFTER UPDATE OF occurred_utc, occurred_offset, mood ON entries BEGIN
    UPDATE entry_labels SET local_day = new.local_day, mood = new.mood WHERE entry_id = new.id;
END;
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text, content = 'entries', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF text ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO entries_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TABLE homework (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    per_week INTEGER CHECK (per_week BETWEEN 1 AND 50),
    until_date TEXT,
    note TEXT NOT NULL DEFAULT '',
    set_by TEXT NOT NULL DEFAULT 'therapist' CHECK (set_by IN ('therapist', 'self')),
    created_utc TEXT NOT NULL,
    created_offset INTEGER NOT NULL,
    closed_utc TEXT
) STRICT;
CREATE TABLE homework_log (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    homework_id INTEGER NOT NULL REFERENCES homework (id) ON DELETE CASCADE,
    done_utc TEXT NOT NULL,
    done_offset INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    rating INTEGER CHECK (rating BETWEEN 0 AND 10),
    distress_before INTEGER CHECK (distress_before BETWEEN 0 AND 10),
    distress_after INTEGER CHECK (distress_after BETWEEN 0 AND 10),
    note TEXT NOT NULL DEFAULT '',
    partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1))
) STRICT;
CREATE INDEX homework_log_done ON homework_log (homework_id, done_utc);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    at_utc TEXT NOT NULL,
    at_offset INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_at ON sessions (at_utc);
CREATE TABLE thought_records (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    occurred_utc TEXT NOT NULL,
    occurred_offset INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    situation TEXT NOT NULL DEFAULT '',
    emotions_before TEXT NOT NULL DEFAULT '[]',
    automatic_thought TEXT NOT NULL DEFAULT '',
    evidence_for TEXT NOT NULL DEFAULT '',
    evidence_against TEXT NOT NULL DEFAULT '',
    balanced_thought TEXT NOT NULL DEFAULT '',
    emotions_after TEXT NOT NULL DEFAULT '[]',
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1))
) STRICT;
CREATE INDEX thought_records_occurred ON thought_records (occurred_utc);
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7')),
    taken_utc TEXT NOT NULL,
    taken_offset INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    answers TEXT NOT NULL,
    total INTEGER NOT NULL CHECK (total >= 0)
) STRICT;
CREATE INDEX checkins_taken ON checkins (instrument, taken_utc);
CREATE TABLE safety_plan (
    section TEXT PRIMARY KEY CHECK (section IN (
        'warning_signs', 'internal_coping', 'distractions', 'people_to_ask',
        'professionals', 'safe_environment')),
    body TEXT NOT NULL,
    updated_utc TEXT NOT NULL
) STRICT;
""",
    )


@_migration
def m002_record_kinds(db: Any) -> None:
    """A homework's start day (``journal homework add/edit --from``): its weekly target counts
    from that day. NULL for assignments made before: they start on the day they were added."""
    _run(
        db,
        """
ALTER TABLE homework ADD COLUMN start_date TEXT
    CHECK (start_date IS NULL OR date(start_date) IS start_date);
""",
    )


@_migration
def m003_safety_and_checkins(db: Any) -> None:
    """The check-ins' unscored difficulty question, and the safety plan's last Stanley-Brown
    section ("the one thing most important to me and worth living for"): SQLite cannot change
    a CHECK constraint in place, so the table is rebuilt and its rows copied."""
    _run(
        db,
        """
ALTER TABLE checkins ADD COLUMN difficulty INTEGER CHECK (difficulty BETWEEN 0 AND 3);
CREATE TABLE safety_plan_new (
    section TEXT PRIMARY KEY CHECK (section IN (
        'warning_signs', 'internal_coping', 'distractions', 'people_to_ask',
        'professionals', 'safe_environment', 'worth_living_for')),
    body TEXT NOT NULL,
    updated_utc TEXT NOT NULL
) STRICT;
INSERT INTO safety_plan_new (section, body, updated_utc)
    SELECT section, body, updated_utc FROM safety_plan;
DROP TABLE safety_plan;
ALTER TABLE safety_plan_new RENAME TO safety_plan;
""",
    )


@_migration
def m004_reminders(db: Any) -> None:
    # Reminders live in the journal so they follow it to a new machine; the last day each was
    # sent and the small bits of state `remind check` needs (quiet hours, the week last opened
    # with `journal week`) too. No entry text is ever copied here.
    _run(
        db,
        """
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('daily', 'weekly')),
    at_time TEXT NOT NULL CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    days TEXT NOT NULL CHECK (days <> ''),
    message TEXT NOT NULL DEFAULT '',
    created_utc TEXT NOT NULL,
    last_sent_day TEXT
) STRICT;
CREATE TABLE journal_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
""",
    )


@_migration
def m005_practice_reflect_talk(db: Any) -> None:
    """Practice (mindfulness and skills), reflection prompts and the prompt an entry answers,
    and difficult conversations (DEAR MAN)."""
    _run(
        db,
        """
CREATE TABLE practice (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    at_utc TEXT NOT NULL,
    at_offset INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    created_offset INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    distress_before INTEGER CHECK (distress_before BETWEEN 0 AND 10),
    distress_after INTEGER CHECK (distress_after BETWEEN 0 AND 10),
    homework_id INTEGER REFERENCES homework (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX practice_at ON practice (at_utc);
CREATE INDEX practice_name ON practice (name);
CREATE TABLE reflection_prompts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    prompt_key TEXT NOT NULL UNIQUE,
    theme TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 40),
    text TEXT NOT NULL CHECK (length(text) >= 1),
    created_utc TEXT NOT NULL,
    created_offset INTEGER NOT NULL
) STRICT;
-- The prompt an entry answers, copied whole so the entry keeps it if the library changes.
CREATE TABLE entry_prompts (
    entry_id INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    prompt_id TEXT NOT NULL,
    prompt_theme TEXT NOT NULL,
    prompt_text TEXT NOT NULL
) STRICT;
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL CHECK (length(title) >= 1),
    with_whom TEXT NOT NULL DEFAULT '',
    describe TEXT NOT NULL DEFAULT '',
    express TEXT NOT NULL DEFAULT '',
    assert_text TEXT NOT NULL DEFAULT '',
    reinforce TEXT NOT NULL DEFAULT '',
    mindful TEXT NOT NULL DEFAULT '',
    confident TEXT NOT NULL DEFAULT '',
    negotiate TEXT NOT NULL DEFAULT '',
    priority TEXT CHECK (priority IN ('objective', 'relationship', 'self-respect')),
    expected_distress INTEGER CHECK (expected_distress BETWEEN 0 AND 10),
    expected TEXT NOT NULL DEFAULT '',
    created_utc TEXT NOT NULL,
    created_offset INTEGER NOT NULL,
    held_utc TEXT,
    held_offset INTEGER,
    distress_before INTEGER CHECK (distress_before BETWEEN 0 AND 10),
    distress_after INTEGER CHECK (distress_after BETWEEN 0 AND 10),
    outcome TEXT CHECK (outcome IN ('got', 'partly', 'not')),
    note TEXT NOT NULL DEFAULT '',
    CHECK ((held_utc IS NULL) = (held_offset IS NULL))
) STRICT;
CREATE INDEX conversations_held ON conversations (held_utc);
""",
    )


# The diary card's lists a new journal starts with (m006 makes them; an import's dry run into a
# journal that does not exist yet knows them from here).
M006_CARD_ITEMS = (
    ("target", ("self-harm", "suicide", "substance use")),
    ("emotion", ("anger", "fear", "joy", "sadness", "shame", "guilt")),
)


@_migration
def m006_diary_cards(db: Any) -> None:
    # One diary card per local day. Its per-name values (urges, acted, emotions, skills used,
    # custom ratings) are one JSON object, checked by workjournal.cards when read; the names
    # the card asks about are the person's own list, seeded with the usual defaults.
    _run(
        db,
        """
CREATE TABLE card_items (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('target', 'emotion', 'rate')),
    name TEXT NOT NULL CHECK (name <> ''),
    range_low INTEGER,
    range_high INTEGER,
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_utc TEXT NOT NULL,
    UNIQUE (kind, name),
    CHECK ((kind = 'rate') = (range_low IS NOT NULL AND range_high IS NOT NULL)),
    CHECK (range_low IS NULL OR range_low < range_high)
) STRICT;
CREATE TABLE diary_cards (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    day TEXT NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    created_utc TEXT NOT NULL,
    created_offset INTEGER NOT NULL,
    updated_utc TEXT,
    skills INTEGER CHECK (skills BETWEEN 0 AND 7),
    meds TEXT CHECK (meds IN ('yes', 'no', 'partly')),
    sleep REAL CHECK (sleep BETWEEN 0 AND 24),
    note TEXT NOT NULL DEFAULT '',
    card_values TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(card_values))
) STRICT;
""",
    )
    # The default lists, made as every other record is: a uuid4 in its usual text form and the
    # journal's clock (WORKJOURNAL_NOW when set). Only the seeded values changed (the schema
    # did not); journals made before keep the rows they were given.
    import uuid

    from workjournal import clock

    created_utc = clock.utc_text(clock.now())
    for kind, names in M006_CARD_ITEMS:
        for position, name in enumerate(names, start=1):
            db.execute(
                "INSERT INTO card_items (uuid, kind, name, position, created_utc) "
                "VALUES (?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), kind, name, position, created_utc),
            )


@_migration
def m007_drafts(db: Any) -> None:
    # What an interrupted guided flow had collected, kept in the journal (so encrypted with it);
    # never an entry: reports and exports do not read this table.
    _run(
        db,
        """
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    command TEXT NOT NULL CHECK (command IN ('add', 'thought', 'safety-plan', 'checkin')),
    fields TEXT NOT NULL CHECK (json_valid(fields)),
    created_utc TEXT NOT NULL,
    created_offset INTEGER NOT NULL
) STRICT;
""",
    )


@_migration
def m008_entry_labels_json(db: Any) -> None:
    # Each entry's labels as the JSON export writes them ("triggers":[...],"tags":[...],
    # "emotions":[{"name":...,"intensity":...}],"coping":[...]), kept with the entry so the
    # export of 100,000 entries does not assemble 500,000 label links one entry at a time.
    # NULL means "not known": any change to an entry's links or to a label's name sets it to
    # NULL (the triggers below), and readers then build it from entry_labels as before, so a
    # stale copy can never be read. The store fills it when it writes an entry's labels.
    _run(
        db,
        """
ALTER TABLE entries ADD COLUMN labels_json TEXT;
CREATE TRIGGER entry_labels_json_insert AFTER INSERT ON entry_labels BEGIN
    UPDATE entries SET labels_json = NULL WHERE id = new.entry_id AND labels_json IS NOT NULL;
END;
CREATE TRIGGER entry_labels_json_delete AFTER DELETE ON entry_labels BEGIN
    UPDATE entries SET labels_json = NULL WHERE id = old.entry_id AND labels_json IS NOT NULL;
END;
CREATE TRIGGER entry_labels_json_update
AFTER UPDATE OF entry_id, label_id, position, intensity, kind ON entry_labels BEGIN
    UPDATE entries SET labels_json = NULL
    WHERE id IN (old.entry_id, new.entry_id) AND labels_json IS NOT NULL;
END;
CREATE TRIGGER labels_json_rename AFTER UPDATE OF kind, name ON labels BEGIN
    UPDATE entries SET labels_json = NULL
    WHERE id IN (SELECT entry_id FROM entry_labels WHERE label_id = new.id);
END;
UPDATE entries SET labels_json = (
    SELECT '"triggers":['
        || coalesce(group_concat(CASE WHEN kind = 'trigger' THEN json_quote(name) END, ','), '')
        || '],"tags":['
        || coalesce(group_concat(CASE WHEN kind = 'tag' THEN json_quote(name) END, ','), '')
        || '],"emotions":['
        || coalesce(group_concat(CASE WHEN kind = 'emotion' THEN '{"name":' || json_quote(name)
            || ',"intensity":' || coalesce(intensity, 'null') || '}' END, ','), '')
        || '],"coping":['
        || coalesce(group_concat(CASE WHEN kind = 'coping' THEN json_quote(name) END, ','), '')
        || ']'
    FROM (SELECT l.kind, l.name, el.intensity FROM entry_labels el
          JOIN labels l ON l.id = el.label_id WHERE el.entry_id = entries.id ORDER BY el.position)
);
""",
    )


NAMES: tuple[str, ...] = tuple(fn.__name__ for fn in _REGISTRY)


def apply(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations on ``conn`` (the caller holds a write transaction) and return
    the names applied."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for fn in _REGISTRY:
        migrations()(fn)
    db = Database(conn, execute_plugins=False, recursive_triggers=False)
    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending
