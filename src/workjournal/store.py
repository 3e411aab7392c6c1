"""The journal on disk. ``open_store`` checks, creates and migrates it; ``Store`` owns every SQL
statement the program runs.

The hot path (``journal add``) uses a plain ``sqlite3`` connection: sqlite_utils is imported only
when migrations have to run, so adding an entry stays fast.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import stat
import time
import uuid as uuid_module
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from workjournal import clock, migrations
from workjournal.errors import (
    InvalidInput,
    NewerJournal,
    NoJournal,
    NotAJournal,
    NotFound,
    StorageError,
    WorkjournalError,
)
from workjournal.models import Emotion, Entry, EntryFilter, LabelKind, NewEntry

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 15.0
BUSY_TIMEOUT_ENV = "WORKJOURNAL_BUSY_TIMEOUT"
BATCH = 500

# A function that returns the passphrase of an encrypted journal (see workjournal.crypto).
PassphraseSource = Callable[[], str]


def _private_dir(directory: Path) -> None:
    """Create ``directory`` (and missing parents) as 0700; existing folders are left alone."""
    missing: list[Path] = []
    current = directory
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:  # another `journal add` made it a moment ago
            continue
        folder.chmod(0o700)


def _header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(16)


def looks_encrypted(path: Path) -> bool:
    """An SQLCipher file has no plain header and is a whole number of pages."""
    size = path.stat().st_size
    return size >= 1024 and size % 512 == 0 and _header(path) != SQLITE_MAGIC


def busy_timeout() -> float:
    """How long a command waits, in seconds, for another program that is writing the journal.

    ``WORKJOURNAL_BUSY_TIMEOUT`` overrides the default of 15 seconds: longer for a journal on a
    slow network drive, shorter for tests that hold the lock on purpose.
    """
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not raw:
        return BUSY_TIMEOUT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise InvalidInput(
            f"{BUSY_TIMEOUT_ENV} must be a number of seconds from 0 to 3600, not {raw[:20]!r}."
        )
    return value


def _unwritable(path: Path) -> list[str]:
    """The journal's files and folder that this user cannot write, as a person would name them."""
    names = [
        str(candidate)
        for candidate in (path, *_sidecars(path))
        if candidate.exists() and not os.access(candidate, os.W_OK)
    ]
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the journal's folder is yet to be made: where would it go?
    if not os.access(folder, os.W_OK | os.X_OK):
        names.append(f"the folder {folder}")
    return names


def _read_only(path: Path) -> StorageError:
    blocked = _unwritable(path)
    where = " and ".join(blocked) if blocked else "its file or folder"
    return StorageError(
        f"the journal at {path} cannot be used: {where} cannot be written by you (read-only "
        "or owned by someone else; SQLite writes small -wal and -shm files beside the "
        "journal, even to read it). Nothing was changed. Make them writable, for example "
        "with `chmod u+w`, and try again."
    )


def damaged(path: Path) -> StorageError:
    return StorageError(
        f"the journal at {path} is damaged (SQLite found it malformed). Nothing was changed. "
        "Keep a copy of the file as it is; an earlier backup of it can be restored."
    )


def translate(exc: sqlite3.Error, path: Path) -> WorkjournalError:
    """Turn SQLite's error into a message a person can act on.

    The message is chosen from SQLite's error code and never quotes ``exc``: Python's sqlite3
    puts row values in some messages (a column that is not valid UTF-8 is quoted whole), and
    entry text must never reach an error message.
    """
    code = getattr(exc, "sqlite_errorname", None) or ""
    said = str(exc).lower()
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in said:
        return StorageError(
            f"the journal at {path} is busy: another program has held it for more than "
            f"{busy_timeout():g} seconds. Nothing was changed; try again in a moment."
        )
    if code == "SQLITE_FULL" or "disk is full" in said:
        return StorageError(
            "the disk is full (or the journal reached its size limit), so nothing was saved. "
            "Everything saved before is intact. Free some space and try again."
        )
    if code.startswith("SQLITE_READONLY") or "readonly database" in said:
        return _read_only(path)
    if code.startswith("SQLITE_CANTOPEN") or "unable to open" in said:
        if _unwritable(path):
            return _read_only(path)
        return StorageError(
            f"cannot open the journal at {path}: check that its folder exists and that you "
            "can read and write it. Nothing was changed."
        )
    if code.startswith("SQLITE_IOERR") or "disk i/o error" in said:
        return StorageError(
            f"could not write the journal at {path} to the disk: the disk is full, was "
            "removed, or is failing. Nothing was saved; everything saved before is intact. "
            "Free some space (or check the disk) and try again."
        )
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in said:
        return damaged(path)
    if "decode" in said:  # a text column that is not UTF-8: only a damaged file has one
        return damaged(path)
    detail = f" ({code})" if code else ""
    return StorageError(f"the journal at {path} could not be read or written{detail}.")


def _os_error(exc: OSError, path: Path) -> WorkjournalError:
    """A file-system refusal before SQLite is involved (creating the folder or the file)."""
    if isinstance(exc, PermissionError):
        return _read_only(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(
            "the disk is full, so nothing was saved. Free some space and try again."
        )
    reason = exc.strerror or type(exc).__name__
    return StorageError(f"cannot open the journal at {path}: {reason}. Nothing was changed.")


def open_store(
    path: Path,
    *,
    create: bool,
    passphrase: PassphraseSource | None = None,
    encrypt_new: bool = False,
) -> Store:
    """Open the journal at ``path``.

    ``create=False`` (read-only commands) never creates anything: a missing journal raises
    :class:`NoJournal`. A file that is not a workjournal database raises :class:`NotAJournal`
    and is never written. A journal from a newer version raises :class:`NewerJournal`.
    """
    os.umask(0o077)  # every file this process writes is the owner's alone
    timeout = busy_timeout()
    try:
        encrypted, created = _check_or_create(path, create=create, encrypt_new=encrypt_new)
    except OSError as exc:
        raise _os_error(exc, path) from None

    try:
        if encrypted:
            raise NotAJournal(f"{path} is not a workjournal database.")
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    store = Store(path, conn, encrypted=encrypted)
    try:
        store._prepare(create=create)
    except BaseException as exc:
        conn.close()
        if created:  # never leave a half-made journal behind
            for leftover in (path, *_sidecars(path)):
                leftover.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):  # e.g. the disk filled up while migrating
            raise translate(exc, path) from None
        raise
    return store


def _check_or_create(path: Path, *, create: bool, encrypt_new: bool) -> tuple[bool, bool]:
    """Check what is at ``path`` (or create an empty 0600 file there for a writer); return
    (encrypted, created)."""
    if path.exists():
        if not path.is_file():
            raise NotAJournal(f"{path} is not a workjournal database (it is a folder).")
        if path.stat().st_size and _header(path) != SQLITE_MAGIC:
            if not looks_encrypted(path):
                raise NotAJournal(f"{path} is not a workjournal database.")
            return True, False
        if create and not os.access(path, os.W_OK):
            # Refuse before SQLite opens it: it would leave -wal/-shm files behind, as
            # read-only as the journal, that keep it unwritable after the journal is fixed.
            raise _read_only(path)
        return False, False
    if not create:
        raise NoJournal(
            f"there is no journal at {path} yet. Write a first entry with `journal add`, "
            "or try the tool on sample data with `journal demo`."
        )
    _private_dir(path.parent)
    # Create the file 0600 ourselves: SQLite gives -wal and -shm the database's mode.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another `journal add` created it a moment ago: use theirs
        return _check_or_create(path, create=create, encrypt_new=encrypt_new)
    os.close(fd)
    return encrypt_new, True


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


class Store:
    """One open journal. Use as a context manager: leaving it closes the connection and turns any
    SQLite error into a :class:`StorageError` with a message for the user."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, encrypted: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.encrypted = encrypted
        conn.row_factory = sqlite3.Row

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, self.path) from None
        if isinstance(exc, UnicodeDecodeError):  # an error message quoting damaged bytes
            raise damaged(self.path) from None

    def close(self) -> None:
        self.conn.close()

    # -- opening -------------------------------------------------------------------------------

    def _prepare(self, *, create: bool) -> None:
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = FULL")
            applied = self._applied_migrations()
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "file is encrypted" in str(exc):
                raise NotAJournal(f"{self.path} is not a workjournal database.") from None
            raise translate(exc, self.path) from None
        except UnicodeDecodeError:  # SQLite quoted garbage from a damaged schema in its message
            raise damaged(self.path) from None
        if applied is None:
            if self._has_tables():
                raise NotAJournal(
                    f"{self.path} is not a workjournal database (it is some other SQLite "
                    "database; nothing was changed)."
                )
            if not create:
                raise NoJournal(
                    f"there is no journal at {self.path} yet. Write a first entry with "
                    "`journal add`."
                )
            applied = []
        unknown = [name for name in applied if name not in migrations.NAMES]
        if unknown:
            raise NewerJournal(
                f"the journal at {self.path} was written by a newer version of workjournal "
                f"(it has {', '.join(unknown)}). Upgrade workjournal to open it; nothing was "
                "changed."
            )
        if len(applied) < len(migrations.NAMES):
            self._migrate(backup=bool(applied))

    def _applied_migrations(self) -> list[str] | None:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
            (migrations.MIGRATIONS_TABLE,),
        ).fetchone()
        if not exists:
            return None
        rows = self.conn.execute(
            f"SELECT name FROM {migrations.MIGRATIONS_TABLE} WHERE migration_set = ?",
            (migrations.MIGRATION_SET,),
        ).fetchall()
        return [row[0] for row in rows]

    def _has_tables(self) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM sqlite_schema LIMIT 1").fetchone())

    def _migrate(self, *, backup: bool) -> None:
        if backup:
            self.backup_to(self._migration_backup_path())
        self._use_wal()
        with self.write():
            applied = self._applied_migrations() or []  # another process may have migrated
            if len(applied) < len(migrations.NAMES):
                migrations.apply(self.conn)

    def _use_wal(self) -> None:
        """Switch the journal to WAL (a no-op once it is). The switch needs an exclusive lock
        that SQLite does not wait for on the busy timeout, so when several processes create
        the journal at the same moment, wait here instead of failing at once."""
        deadline = time.monotonic() + busy_timeout()
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorname", "") != "SQLITE_BUSY":
                    raise
            if time.monotonic() > deadline:
                raise StorageError(
                    f"the journal at {self.path} is busy: another program has held it for "
                    f"more than {busy_timeout():g} seconds. Nothing was changed; try again "
                    "in a moment."
                )
            time.sleep(0.005)

    def _migration_backup_path(self) -> Path:
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        return self.path.with_name(f"{self.path.name}.before-upgrade-{stamp}.bak")

    # -- transactions --------------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """A write transaction that takes the write lock up front (``BEGIN IMMEDIATE``), so
        concurrent writers queue on the busy timeout instead of failing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def backup_to(self, dest: Path) -> None:
        """A consistent copy of the live journal through SQLite's backup API, created 0600."""
        _private_dir(dest.parent)
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        target = sqlite3.connect(dest)
        try:
            self.conn.backup(target)
        finally:
            target.close()
        dest.chmod(stat.S_IRUSR | stat.S_IWUSR)

    # -- entries -------------------------------------------------------------------------------

    def add_entry(self, new: NewEntry, *, created_at: datetime, uuid: str | None = None) -> Entry:
        with self.write():
            entry_id = self._insert_entry(new, created_at=created_at, uuid=uuid)
        return self.get_entry(entry_id)

    def _insert_entry(self, new: NewEntry, *, created_at: datetime, uuid: str | None) -> int:
        occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
        created_utc, created_offset = clock.to_db(created_at)
        cursor = self.conn.execute(
            "INSERT INTO entries (uuid, occurred_utc, occurred_offset, created_utc, "
            "created_offset, text, mood, private, discuss) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uuid or str(uuid_module.uuid4()),
                occurred_utc,
                occurred_offset,
                created_utc,
                created_offset,
                new.text,
                new.mood,
                int(new.private),
                int(new.discuss),
            ),
        )
        entry_id = cursor.lastrowid
        assert entry_id is not None
        self._insert_labels(entry_id, new)
        return entry_id

    def _insert_labels(self, entry_id: int, new: NewEntry) -> None:
        rows: list[tuple[LabelKind, str, int | None]] = [
            *(("trigger", name, None) for name in new.triggers),
            *(("tag", name, None) for name in new.tags),
            *(("emotion", e.name, e.intensity) for e in new.emotions),
            *(("coping", name, None) for name in new.coping),
        ]
        for position, (kind, name, intensity) in enumerate(rows):
            self.conn.execute(
                "INSERT INTO labels (kind, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (kind, name),
            )
            self.conn.execute(
                "INSERT INTO entry_labels (entry_id, label_id, position, intensity) "
                "SELECT ?, id, ?, ? FROM labels WHERE kind = ? AND name = ?",
                (entry_id, position, intensity, kind, name),
            )

    def replace_entry(self, entry_id: int, new: NewEntry, *, updated_at: datetime) -> Entry:
        """Overwrite an entry's fields and labels, keeping its id, uuid and created time."""
        occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
        with self.write():
            cursor = self.conn.execute(
                "UPDATE entries SET occurred_utc = ?, occurred_offset = ?, updated_utc = ?, "
                "text = ?, mood = ?, private = ?, discuss = ? WHERE id = ?",
                (
                    occurred_utc,
                    occurred_offset,
                    clock.utc_text(updated_at),
                    new.text,
                    new.mood,
                    int(new.private),
                    int(new.discuss),
                    entry_id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFound(f"there is no entry {entry_id}.")
            self.conn.execute("DELETE FROM entry_labels WHERE entry_id = ?", (entry_id,))
            self._insert_labels(entry_id, new)
        return self.get_entry(entry_id)

    def delete_entry(self, entry_id: int) -> None:
        with self.write():
            cursor = self.conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            if cursor.rowcount == 0:
                raise NotFound(f"there is no entry {entry_id}.")

    def get_entry(self, entry_id: int) -> Entry:
        row = self.conn.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise NotFound(f"there is no entry {entry_id}. `journal list` shows the ids.")
        return self._entries_from_rows([row])[0]

    def count_entries(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def entry_uuids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT uuid FROM entries")}

    def iter_entries(self, flt: EntryFilter | None = None) -> Iterator[Entry]:
        """Entries matching ``flt``, streamed in batches so 100,000 entries stay small."""
        sql, params = _entry_query(flt or EntryFilter())
        cursor = self.conn.execute(sql, params)
        while True:
            rows = cursor.fetchmany(BATCH)
            if not rows:
                return
            yield from self._entries_from_rows(rows)

    def list_entries(self, flt: EntryFilter | None = None) -> list[Entry]:
        return list(self.iter_entries(flt))

    def _entries_from_rows(self, rows: Sequence[sqlite3.Row]) -> list[Entry]:
        ids = [row["id"] for row in rows]
        labels: dict[int, dict[str, list[Any]]] = {
            i: {"trigger": [], "tag": [], "emotion": [], "coping": []} for i in ids
        }
        # A second cursor: the caller may still be reading from the entries cursor.
        for entry_id, kind, name, intensity in self.conn.execute(
            "SELECT el.entry_id, l.kind, l.name, el.intensity FROM entry_labels el "
            "JOIN labels l ON l.id = el.label_id "
            "WHERE el.entry_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY el.entry_id, el.position",
            (json.dumps(ids),),
        ):
            value = Emotion(name, intensity) if kind == "emotion" else name
            labels[entry_id][kind].append(value)
        try:
            return [self._entry(row, labels[row["id"]]) for row in rows]
        except (ValueError, TypeError, KeyError, OverflowError):
            raise damaged(self.path) from None  # a row no version of workjournal writes

    @staticmethod
    def _entry(row: sqlite3.Row, found: dict[str, list[Any]]) -> Entry:
        return Entry(
            id=row["id"],
            uuid=row["uuid"],
            occurred_at=clock.from_db(row["occurred_utc"], row["occurred_offset"]),
            created_at=clock.from_db(row["created_utc"], row["created_offset"]),
            text=row["text"],
            mood=row["mood"],
            triggers=tuple(found["trigger"]),
            tags=tuple(found["tag"]),
            emotions=tuple(found["emotion"]),
            coping=tuple(found["coping"]),
            private=bool(row["private"]),
            discuss=bool(row["discuss"]),
            updated_at=(
                clock.from_db(row["updated_utc"], row["occurred_offset"])
                if row["updated_utc"]
                else None
            ),
        )

    # -- labels --------------------------------------------------------------------------------

    def label_names(self, kind: LabelKind, *, prefix: str = "", limit: int = 50) -> list[str]:
        """Names of one kind, most used first: what completion and the guided flow offer."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute(
            "SELECT l.name FROM labels l LEFT JOIN entry_labels el ON el.label_id = l.id "
            "WHERE l.kind = ? AND l.name LIKE ? ESCAPE '\\' "
            "GROUP BY l.id ORDER BY count(el.entry_id) DESC, l.name LIMIT ?",
            (kind, escaped + "%", limit),
        )
        return [row[0] for row in rows]


def fts_query(text: str) -> str:
    """Make any user text a safe FTS5 query: every word is a quoted prefix phrase, so quotes,
    ``AND``, ``NEAR(`` and ``*`` are searched for as words, never parsed as syntax."""
    words = text.split()
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _entry_query(flt: EntryFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if flt.since is not None:
        where.append("occurred_utc >= ?")
        params.append(clock.utc_text(flt.since))
    if flt.until is not None:
        where.append("occurred_utc <= ?")
        params.append(clock.utc_text(flt.until))
    for kind, names in (("trigger", flt.triggers), ("tag", flt.tags), ("emotion", flt.emotions)):
        for name in names:
            where.append(
                "id IN (SELECT el.entry_id FROM entry_labels el JOIN labels l "
                "ON l.id = el.label_id WHERE l.kind = ? AND l.name = ?)"
            )
            params.extend((kind, name))
    if flt.mood_min is not None:
        where.append("mood >= ?")
        params.append(flt.mood_min)
    if flt.mood_max is not None:
        where.append("mood <= ?")
        params.append(flt.mood_max)
    if flt.search is not None:
        query = fts_query(flt.search)
        if query:
            where.append("id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
            params.append(query)
    if flt.discuss:
        where.append("discuss = 1")
    if not flt.include_private:
        where.append("private = 0")
    sql = "SELECT * FROM entries"
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = "DESC" if flt.newest_first else "ASC"
    sql += f" ORDER BY occurred_utc {order}, id {order}"
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(flt.limit)
    return sql, params
