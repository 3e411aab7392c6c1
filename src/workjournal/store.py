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
import tempfile
import time
import uuid as uuid_module
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from workjournal import clock, migrations
from workjournal.errors import (
    EncryptionError,
    ImportRejected,
    InvalidInput,
    NewerJournal,
    NoJournal,
    NotAJournal,
    NotFound,
    StorageError,
    WorkjournalError,
)
from workjournal.models import (
    SAFETY_SECTION_KEYS,
    Checkin,
    Emotion,
    Entry,
    EntryFilter,
    Homework,
    HomeworkLog,
    LabelKind,
    NewEntry,
    NewHomework,
    NewHomeworkLog,
    NewThoughtRecord,
    SafetyPlan,
    Session,
    ThoughtRecord,
)
from workjournal.store_work import (  # issue 14: practice, reflection, talk
    ENTRY_PROMPT_JSON,
    WorkStore,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 15.0
BUSY_TIMEOUT_ENV = "WORKJOURNAL_BUSY_TIMEOUT"
BATCH = 500
# An entry's label, with the copies of the label's kind and the entry's local day and mood that
# entry_labels keeps for the reports (see migrations.m001_journal): the one place they are set.
_INSERT_ENTRY_LABEL = (
    "INSERT INTO entry_labels (entry_id, label_id, position, intensity, kind, local_day, mood) "
    "SELECT e.id, l.id, ?, ?, l.kind, e.local_day, e.mood FROM labels l, entries e "
    "WHERE l.kind = ? AND l.name = ? AND e.id = ?"
)


class ImportedEntryLike(Protocol):
    """What ``Store.import_all`` needs of an imported entry (see workjournal.importers)."""

    @property
    def uuid(self) -> str: ...
    @property
    def entry(self) -> NewEntry: ...
    @property
    def created_at(self) -> datetime: ...


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
        return fh.read(100)


def _valid_sqlite_header(header: bytes) -> bool:
    """The magic string plus the fields every real SQLite file has: a power-of-two page size
    and the fixed payload fractions 64/32/32 (https://sqlite.org/fileformat.html)."""
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_ok = page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0)
    return page_ok and header[21:24] == b"\x40\x20\x20"


def looks_encrypted(path: Path) -> bool:
    """An SQLCipher file has no plain header and is a whole number of pages."""
    size = path.stat().st_size
    return size >= 1024 and size % 512 == 0 and not _header(path).startswith(SQLITE_MAGIC)


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
    if code == "SQLITE_READONLY_DBMOVED":
        return StorageError(
            f"the journal at {path} was replaced while this command waited for it (it was being "
            "encrypted or decrypted). Nothing was saved; run the command again."
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

    store: Store | None = None
    try:
        conn = _connect(path, encrypted=encrypted, passphrase=passphrase, timeout=timeout)
        store = Store(path, conn, encrypted=encrypted)
        store._prepare(create=create)
    except BaseException as exc:
        if store is not None:
            store.conn.close()
        if created:  # never leave a half-made journal behind
            for leftover in (path, *_sidecars(path)):
                leftover.unlink(missing_ok=True)
        api = store._api if store is not None else sqlite3
        if isinstance(exc, api.Error):  # e.g. the disk filled up while migrating
            raise translate(exc, path) from None
        raise
    return store


def _check_or_create(path: Path, *, create: bool, encrypt_new: bool) -> tuple[bool, bool]:
    """Check what is at ``path`` (or create an empty 0600 file there for a writer); return
    (encrypted, created)."""
    if path.exists():
        if not path.is_file():
            raise NotAJournal(f"{path} is not a workjournal database (it is a folder).")
        encrypted = False
        if not path.stat().st_size:
            encrypted = create and encrypt_new  # a creation that was interrupted
        elif not _valid_sqlite_header(_header(path)):
            if not looks_encrypted(path):
                raise NotAJournal(f"{path} is not a workjournal database.")
            return True, False
        if create and not os.access(path, os.W_OK):
            # Refuse before SQLite opens it: it would leave -wal/-shm files behind, as
            # read-only as the journal, that keep it unwritable after the journal is fixed.
            raise _read_only(path)
        return encrypted, False
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


def _connect(
    path: Path, *, encrypted: bool, passphrase: PassphraseSource | None, timeout: float
) -> Any:
    if not encrypted:
        try:
            return sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise translate(exc, path) from None
    from workjournal import crypto

    if passphrase is None:
        raise EncryptionError(f"the journal at {path} is encrypted and needs its passphrase.")
    new = not path.stat().st_size
    return crypto.connect(path, passphrase, timeout=timeout, new=new)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


class Store(WorkStore):
    """One open journal. Use as a context manager: leaving it closes the connection and turns any
    SQLite error into a :class:`StorageError` with a message for the user."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, encrypted: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.encrypted = encrypted
        # sqlcipher3 is a twin of sqlite3 with its own classes: use its Row and errors.
        self._api: Any = sqlite3
        if encrypted:
            from workjournal import crypto

            self._api = crypto.dbapi()
        conn.row_factory = self._api.Row

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
        if isinstance(exc, self._api.Error):
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
        except self._api.DatabaseError as exc:
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
        """A consistent copy of the live journal through SQLite's backup API, created 0600.
        The copy of an encrypted journal is encrypted with the same passphrase."""
        _private_dir(dest.parent)
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        if self.encrypted:
            from workjournal import crypto

            crypto.export_copy(self.conn, dest)
            dest.chmod(stat.S_IRUSR | stat.S_IWUSR)
            return
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

    def add_entries(self, news: Sequence[NewEntry], *, created_at: datetime | None = None) -> int:
        """Insert many entries in one transaction: all of them, or none. Without
        ``created_at`` each entry counts as written at the moment it records."""
        with self.write():
            for new in news:
                self._insert_entry(new, created_at=created_at or new.occurred_at, uuid=None)
        return len(news)

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
            self.conn.execute(_INSERT_ENTRY_LABEL, (position, intensity, kind, name, entry_id))

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

    def count_matching(self, flt: EntryFilter) -> int:
        sql, params = _entry_query(flt)
        return int(self.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])

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
        prompts = self.entry_prompts(ids)  # issue 14: the reflection prompt each answers
        try:
            return [
                replace(self._entry(row, labels[row["id"]]), prompt=prompts.get(row["id"]))
                for row in rows
            ]
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

    # -- rows for whole-journal reports ----------------------------------------------------------

    def mood_rows(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[int, str, int, int | None]]:
        """``(id, local day, local hour, mood)`` of every entry in the range, oldest first: all
        a calendar needs, without building Entry objects. The day (ISO text) and hour are the
        entry's own local ones, stored with it (``entries.local_day`` and ``local_hour``)."""
        where, params = _range(since, until, column="occurred_utc")
        return self._plain_rows(
            f"SELECT id, local_day, local_hour, mood FROM entries{where} ORDER BY occurred_utc, id",
            params,
        )

    def logged_days(self) -> list[str]:
        """Every local day (ISO text) with at least one entry, in order."""
        return [row[0] for row in self._plain_rows("SELECT DISTINCT local_day FROM entries", ())]

    def day_totals(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, int, int, int]]:
        """Per local day with entries in the range: ``(day, entries, sum of moods, number of
        moods)``, summed by SQLite from the stored local day (never a UTC date)."""
        where, params = _range(since, until, column="occurred_utc")
        return self._plain_rows(
            "SELECT local_day, count(*), coalesce(sum(mood), 0), count(mood) "
            f"FROM entries{where} GROUP BY local_day",
            params,
        )

    def hour_totals(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[int, int, int, int]]:
        """Per local hour (0-23) with entries in the range: ``(hour, entries, sum of moods,
        number of moods)``."""
        where, params = _range(since, until, column="occurred_utc")
        return self._plain_rows(
            "SELECT local_hour, count(*), coalesce(sum(mood), 0), count(mood) "
            f"FROM entries{where} GROUP BY local_hour",
            params,
        )

    def label_rows(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        kinds: Sequence[LabelKind] = ("trigger", "tag", "emotion", "coping"),
    ) -> list[tuple[int, str, str, int | None]]:
        """``(entry id, kind, name, intensity)`` for the labels of the entries in the range."""
        in_range, params = _entries_in_range("el.entry_id", since, until)
        sql = (
            "SELECT el.entry_id, el.kind, l.name, el.intensity FROM entry_labels el "
            "JOIN labels l ON l.id = el.label_id "
            "WHERE el.kind IN (SELECT value FROM json_each(?))"
        )
        return self._plain_rows(sql + in_range, [json.dumps(list(kinds)), *params])

    def label_totals(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        *,
        kinds: Sequence[LabelKind] = ("trigger", "tag"),
    ) -> list[tuple[str, str, int, int, int, int]]:
        """Per label: ``(kind, name, entries, sum of moods, number of moods, days with a
        mood)``, summed by SQLite from entry_labels' copies of each entry's local day and mood
        (no need to read the entries themselves)."""
        source, params = _labels_of_entries(since, until)
        sql = (
            "SELECT l.kind, l.name, count(*), coalesce(sum(el.mood), 0), count(el.mood), "
            "count(DISTINCT CASE WHEN el.mood IS NOT NULL THEN el.local_day END) "
            f"{source} AND l.kind IN (SELECT value FROM json_each(?)) GROUP BY l.id"
        )
        return self._plain_rows(sql, [*params, json.dumps(list(kinds))])

    def trigger_totals(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, int, str, str, int, int]]:
        """Per trigger: ``(name, entries, first day, last day, sum of moods, number of
        moods)``, summed by SQLite so ``journal triggers`` never loads the whole journal into
        Python. The days are each entry's own LOCAL calendar date, as stored with it: exactly
        what :func:`workjournal.reports.common.day_of` gives (never a UTC date)."""
        source, params = _labels_of_entries(since, until)
        sql = (
            "SELECT l.name, count(*), min(el.local_day), max(el.local_day), "
            "coalesce(sum(el.mood), 0), count(el.mood) "
            f"{source} AND l.kind = 'trigger' GROUP BY l.id"
        )
        return self._plain_rows(sql, params)

    def label_pairs(
        self, kind: LabelKind, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, str, int]]:
        """``(name, name, entries)`` for every pair of labels of ``kind`` logged in one entry.
        Both sides read the compact (kind, entry, label) index: the plan is fixed with CROSS
        JOIN, since SQLite otherwise starts from the label index and runs five times slower."""
        in_range, params = _entries_in_range("a.entry_id", since, until)
        sql = (
            "SELECT la.name, lb.name, n FROM (SELECT a.label_id AS x, b.label_id AS y, "
            "count(*) AS n FROM entry_labels a INDEXED BY entry_labels_kind "
            "CROSS JOIN entry_labels b INDEXED BY entry_labels_kind "
            "ON b.kind = a.kind AND b.entry_id = a.entry_id AND b.label_id > a.label_id "
            f"WHERE a.kind = ?{in_range} GROUP BY a.label_id, b.label_id) "
            "JOIN labels la ON la.id = x JOIN labels lb ON lb.id = y"
        )
        return self._plain_rows(sql, [kind, *params])

    def labels_appearing_with(
        self,
        kind: LabelKind,
        names: Sequence[str],
        other: LabelKind,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[tuple[str, str, int]]:
        """``(name, other name, entries)``: labels of kind ``other`` logged in the same entries
        as each of ``names`` (of ``kind``)."""
        sql = (
            "SELECT la.name, lb.name, count(*) FROM labels la "
            "CROSS JOIN entry_labels a ON a.label_id = la.id "
            "CROSS JOIN entry_labels b INDEXED BY entry_labels_kind "
            "ON b.kind = ? AND b.entry_id = a.entry_id "
            "JOIN labels lb ON lb.id = b.label_id "
            "WHERE la.kind = ? AND la.name IN (SELECT value FROM json_each(?))"
        )
        in_range, params = _entries_in_range("a.entry_id", since, until)
        return self._plain_rows(
            sql + in_range + " GROUP BY la.id, lb.id",
            [other, kind, json.dumps(list(names)), *params],
        )

    def _plain_rows(self, sql: str, params: Sequence[Any]) -> list[Any]:
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params).fetchall()

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

    # -- between sessions ----------------------------------------------------------------------

    def add_homework(self, new: NewHomework, *, created_at: datetime) -> Homework:
        created_utc, created_offset = clock.to_db(created_at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO homework (uuid, title, per_week, until_date, note, set_by, "
                "created_utc, created_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    new.title,
                    new.per_week,
                    None if new.until is None else new.until.isoformat(),
                    new.note,
                    new.set_by,
                    created_utc,
                    created_offset,
                ),
            )
        assert cursor.lastrowid is not None
        return self.get_homework(cursor.lastrowid)

    def get_homework(self, homework_id: int) -> Homework:
        row = self.conn.execute("SELECT * FROM homework WHERE id = ?", (homework_id,)).fetchone()
        if row is None:
            raise NotFound(
                f"there is no homework {homework_id}. `journal homework list --all` shows the ids."
            )
        return _homework(row)

    def list_homework(self) -> list[Homework]:
        """Every assignment, oldest first (open and closed)."""
        rows = self.conn.execute("SELECT * FROM homework ORDER BY created_utc, id")
        return [_homework(row) for row in rows]

    def close_homework(self, homework_id: int, *, closed_at: datetime) -> Homework:
        """Mark an assignment finished; closing a closed one changes nothing."""
        with self.write():
            self.get_homework(homework_id)
            self.conn.execute(
                "UPDATE homework SET closed_utc = ? WHERE id = ? AND closed_utc IS NULL",
                (clock.utc_text(closed_at), homework_id),
            )
        return self.get_homework(homework_id)

    def log_homework(self, new: NewHomeworkLog, *, created_at: datetime) -> HomeworkLog:
        done_utc, done_offset = clock.to_db(new.done_at)
        with self.write():
            self.get_homework(new.homework_id)
            cursor = self.conn.execute(
                "INSERT INTO homework_log (uuid, homework_id, done_utc, done_offset, created_utc, "
                "rating, distress_before, distress_after, note, partial) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    new.homework_id,
                    done_utc,
                    done_offset,
                    clock.utc_text(created_at),
                    new.rating,
                    new.distress_before,
                    new.distress_after,
                    new.note,
                    int(new.partial),
                ),
            )
        row = self.conn.execute(
            "SELECT * FROM homework_log WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
        return _homework_log(row)

    def homework_logs(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[HomeworkLog]:
        """Logged practice, oldest first. Bounds compare UTC moments: callers that bucket by
        local day should widen them by a day on each side and filter by day themselves."""
        sql, params = _range_query("homework_log", "done_utc", since, until)
        return [_homework_log(row) for row in self.conn.execute(sql, params)]

    def homework_logs_for_progress(self, since: datetime, until: datetime) -> list[HomeworkLog]:
        """What homework progress over a span needs, oldest first: every log from ``since`` to
        ``until``, plus each assignment's latest log up to ``until`` (its "last done"). Reading
        only these keeps the weekly review fast however many years of practice are logged."""
        rows = self.conn.execute(
            "SELECT * FROM homework_log WHERE done_utc BETWEEN :since AND :until "
            "UNION SELECT * FROM homework_log WHERE id IN ("
            "  SELECT id FROM ("
            "    SELECT id, row_number() OVER ("
            "      PARTITION BY homework_id ORDER BY done_utc DESC, id DESC) AS newest "
            "    FROM homework_log WHERE done_utc <= :until) "
            "  WHERE newest = 1) "
            "ORDER BY done_utc, id",
            {"since": clock.utc_text(since), "until": clock.utc_text(until)},
        )
        return [_homework_log(row) for row in rows]

    def add_session(self, at: datetime, *, note: str, created_at: datetime) -> Session:
        at_utc, at_offset = clock.to_db(at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO sessions (uuid, at_utc, at_offset, created_utc, note) "
                "VALUES (?, ?, ?, ?, ?)",
                (str(uuid_module.uuid4()), at_utc, at_offset, clock.utc_text(created_at), note),
            )
        row = self.conn.execute("SELECT * FROM sessions WHERE id = ?", (cursor.lastrowid,))
        return _session(row.fetchone())

    def list_sessions(self) -> list[Session]:
        """Every recorded session, oldest first."""
        rows = self.conn.execute("SELECT * FROM sessions ORDER BY at_utc, id")
        return [_session(row) for row in rows]

    def add_thought_record(self, new: NewThoughtRecord, *, created_at: datetime) -> ThoughtRecord:
        occurred_utc, occurred_offset = clock.to_db(new.occurred_at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO thought_records (uuid, occurred_utc, occurred_offset, created_utc, "
                "situation, emotions_before, automatic_thought, evidence_for, evidence_against, "
                "balanced_thought, emotions_after, private) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    occurred_utc,
                    occurred_offset,
                    clock.utc_text(created_at),
                    new.situation,
                    _emotions_json(new.emotions_before),
                    new.automatic_thought,
                    new.evidence_for,
                    new.evidence_against,
                    new.balanced_thought,
                    _emotions_json(new.emotions_after),
                    int(new.private),
                ),
            )
        assert cursor.lastrowid is not None
        return self.get_thought_record(cursor.lastrowid)

    def get_thought_record(self, record_id: int) -> ThoughtRecord:
        row = self.conn.execute(
            "SELECT * FROM thought_records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise NotFound(
                f"there is no thought record {record_id}. `journal thought list` shows the ids."
            )
        return _thought_record(row)

    def list_thought_records(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[ThoughtRecord]:
        """Thought records, oldest first."""
        sql, params = _range_query("thought_records", "occurred_utc", since, until)
        return [_thought_record(row) for row in self.conn.execute(sql, params)]

    def add_checkin(
        self, instrument: str, answers: Sequence[int], *, taken_at: datetime, created_at: datetime
    ) -> Checkin:
        from workjournal.checkins import score

        total = score(instrument, answers)
        taken_utc, taken_offset = clock.to_db(taken_at)
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO checkins (uuid, instrument, taken_utc, taken_offset, created_utc, "
                "answers, total) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    instrument,
                    taken_utc,
                    taken_offset,
                    clock.utc_text(created_at),
                    json.dumps(list(answers)),
                    total,
                ),
            )
        row = self.conn.execute("SELECT * FROM checkins WHERE id = ?", (cursor.lastrowid,))
        return _checkin(row.fetchone())

    def list_checkins(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[Checkin]:
        """Check-ins of both forms, oldest first."""
        sql, params = _range_query("checkins", "taken_utc", since, until)
        return [_checkin(row) for row in self.conn.execute(sql, params)]

    def last_checkin(self) -> Checkin | None:
        row = self.conn.execute(
            "SELECT * FROM checkins ORDER BY taken_utc DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else _checkin(row)

    def safety_plan(self) -> SafetyPlan:
        rows = self.conn.execute("SELECT section, body, updated_utc FROM safety_plan").fetchall()
        order = {key: i for i, key in enumerate(SAFETY_SECTION_KEYS)}
        rows.sort(key=lambda row: order.get(row["section"], len(order)))
        updated = max((row["updated_utc"] for row in rows), default=None)
        return SafetyPlan(
            sections=tuple((row["section"], row["body"]) for row in rows),
            updated_at=None if updated is None else clock.from_db(updated, 0),
        )

    def set_safety_plan_sections(
        self, sections: Sequence[tuple[str, str]], *, updated_at: datetime
    ) -> SafetyPlan:
        """Write the given sections (empty text removes a section) in one transaction."""
        with self.write():
            for section, body in sections:
                if body.strip():
                    self.conn.execute(
                        "INSERT INTO safety_plan (section, body, updated_utc) VALUES (?, ?, ?) "
                        "ON CONFLICT (section) DO UPDATE SET body = excluded.body, "
                        "updated_utc = excluded.updated_utc",
                        (section, body, clock.utc_text(updated_at)),
                    )
                else:
                    self.conn.execute("DELETE FROM safety_plan WHERE section = ?", (section,))
        return self.safety_plan()

    # -- export/import -------------------------------------------------------------------------
    # Homework, sessions, thought records and check-ins travel as plain dicts in the JSON export's
    # shape (moments as ISO text with their offset), keyed by uuid so re-importing is idempotent.

    def last_session_at(self, *, before: datetime) -> datetime | None:
        """When the most recent therapy session up to ``before`` took place (sessions booked
        ahead do not count)."""
        row = self.conn.execute(
            "SELECT at_utc, at_offset FROM sessions WHERE at_utc <= ? "
            "ORDER BY at_utc DESC, id DESC LIMIT 1",
            (clock.utc_text(before),),
        ).fetchone()
        return None if row is None else clock.from_db(row[0], row[1])

    def export_records(
        self,
        table: str,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        include_private: bool = True,
    ) -> list[dict[str, Any]]:
        """The rows of one of ``EXPORT_TABLES`` as JSON-ready dicts, oldest first. Homework is
        never cut by the period (its log entries are), so every log row finds its homework."""
        sql, moment_col = _EXPORT_SQL[table]
        where: list[str] = []
        params: list[Any] = []
        if moment_col is not None:
            if since is not None:
                where.append(f"{moment_col} >= ?")
                params.append(clock.utc_text(since))
            if until is not None:
                where.append(f"{moment_col} <= ?")
                params.append(clock.utc_text(until))
        if table == "thought_records" and not include_private:
            where.append("t.private = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {moment_col or 't.created_utc'}, t.id"
        return [_export_row(table, row) for row in self.conn.execute(sql, params)]

    def iter_entries_json(self, flt: EntryFilter) -> Iterator[str]:
        """Entries matching ``flt`` as JSON texts in exactly the shape of ``Entry.to_json()``,
        built by SQLite itself: the JSON export of 100,000 entries then takes well under the
        2 s budget (building Entry objects first took about 4 s). A test compares the two shapes
        on generated journals."""
        sql, params = _entry_query(flt)
        order = "DESC" if flt.newest_first else "ASC"
        cursor = self.conn.execute(
            f"SELECT {_ENTRY_JSON} FROM ({sql}) e ORDER BY e.occurred_utc {order}, e.id {order}",
            params,
        )
        while True:
            rows = cursor.fetchmany(BATCH)
            if not rows:
                return
            for row in rows:
                yield row[0]

    def existing_uuids(self, table: str, uuids: Sequence[str]) -> set[str]:
        """Which of ``uuids`` are already in ``table`` (``entries`` or one of EXPORT_TABLES)."""
        if table not in ("entries", *EXPORT_TABLES):
            raise ValueError(table)
        found: set[str] = set()
        for start in range(0, len(uuids), BATCH):
            chunk = json.dumps(list(uuids[start : start + BATCH]))
            found.update(
                row[0]
                for row in self.conn.execute(
                    f"SELECT uuid FROM {table} WHERE uuid IN (SELECT value FROM json_each(?))",
                    (chunk,),
                )
            )
        return found

    def import_all(
        self, entries: Sequence[ImportedEntryLike], tables: Mapping[str, Sequence[dict[str, Any]]]
    ) -> dict[str, int]:
        """Insert everything new in ONE transaction: a failure leaves the journal as it was.
        Rows whose uuid is already in the journal are skipped. Returns how many were added per
        table."""
        added = dict.fromkeys(("entries", *EXPORT_TABLES), 0)
        with self.write():
            known = self.existing_uuids("entries", [e.uuid for e in entries])
            for item in entries:
                if item.uuid in known:
                    continue
                known.add(item.uuid)
                self._insert_entry(item.entry, created_at=item.created_at, uuid=item.uuid)
                added["entries"] += 1
            for table in EXPORT_TABLES:
                rows = tables.get(table, ())
                known = self.existing_uuids(table, [row["uuid"] for row in rows])
                for number, row in enumerate(rows, start=1):
                    if row["uuid"] in known:
                        continue
                    known.add(row["uuid"])
                    self._insert_record(table, row, number)
                    added[table] += 1
        return added

    def _insert_record(self, table: str, row: Mapping[str, Any], number: int) -> None:
        values: dict[str, Any] = {"uuid": row["uuid"]}
        if table == "homework":
            created_utc, created_offset = clock.to_db(row["created_at"])
            values.update(
                title=row["title"],
                per_week=row["per_week"],
                until_date=row["until_date"],
                note=row["note"],
                set_by=row["set_by"],
                created_utc=created_utc,
                created_offset=created_offset,
                closed_utc=clock.utc_text(row["closed_at"]) if row["closed_at"] else None,
            )
        elif table == "homework_log":
            found = self.conn.execute(
                "SELECT id FROM homework WHERE uuid = ?", (row["homework_uuid"],)
            ).fetchone()
            if found is None:
                raise ImportRejected(
                    f"homework log {number}: its homework ({row['homework_uuid']}) is neither "
                    "in the file nor in the journal. Nothing was imported."
                )
            done_utc, done_offset = clock.to_db(row["done_at"])
            values.update(
                homework_id=found[0],
                done_utc=done_utc,
                done_offset=done_offset,
                created_utc=clock.utc_text(row["created_at"]),
                rating=row["rating"],
                distress_before=row["distress_before"],
                distress_after=row["distress_after"],
                note=row["note"],
                partial=int(row["partial"]),
            )
        elif table == "sessions":
            at_utc, at_offset = clock.to_db(row["at"])
            values.update(
                at_utc=at_utc,
                at_offset=at_offset,
                created_utc=clock.utc_text(row["created_at"]),
                note=row["note"],
            )
        elif table == "thought_records":
            occurred_utc, occurred_offset = clock.to_db(row["occurred_at"])
            values.update(
                occurred_utc=occurred_utc,
                occurred_offset=occurred_offset,
                created_utc=clock.utc_text(row["created_at"]),
                **{key: row[key] for key in _THOUGHT_TEXT},
                emotions_before=json.dumps(row["emotions_before"], ensure_ascii=False),
                emotions_after=json.dumps(row["emotions_after"], ensure_ascii=False),
                private=int(row["private"]),
            )
        elif table == "checkins":
            taken_utc, taken_offset = clock.to_db(row["taken_at"])
            values.update(
                instrument=row["instrument"],
                taken_utc=taken_utc,
                taken_offset=taken_offset,
                created_utc=clock.utc_text(row["created_at"]),
                answers=json.dumps(row["answers"]),
                total=row["total"],
            )
        else:
            raise ValueError(table)
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())
        )

    def inspect(self) -> JournalFacts:
        """``journal doctor``'s look inside: integrity, foreign keys, applied migrations. Works
        on an open encrypted journal too."""
        conn = self.conn
        try:
            integrity = tuple(row[0] for row in conn.execute("PRAGMA integrity_check(20)"))
            fk_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            applied = self._applied_migrations()
            entries = 0
            if applied is not None:
                entries = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        except self._api.Error as exc:
            return JournalFacts(readable=False, error=str(exc))
        return JournalFacts(
            readable=True,
            integrity=integrity,
            foreign_key_problems=fk_problems,
            applied=None if applied is None else tuple(applied),
            entries=entries,
        )

    def backup_file(self, dest: Path) -> None:
        """``journal backup``: a consistent copy through the backup API (encrypted with the same
        passphrase when the journal is), written to a 0600 temporary file beside ``dest``,
        checked, then renamed into place, so there is never half a backup under that name."""
        _private_dir(dest.parent)
        fd, temp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        temp = Path(temp_name)
        try:
            self.backup_to(temp)
            if not self.encrypted:
                target = sqlite3.connect(temp)
                try:
                    ok = target.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    target.close()
                if ok != "ok":
                    raise StorageError(
                        f"the backup copy failed its check ({ok}); {dest} was not written. Run "
                        "`journal doctor`."
                    )
            temp.replace(dest)
        except sqlite3.Error as exc:
            raise translate(exc, dest) from None
        finally:
            temp.unlink(missing_ok=True)


def _label_list(kind: str, value: str) -> str:
    return (
        f"'[' || coalesce(group_concat(CASE WHEN kind = '{kind}' THEN {value} END, ','), '') || ']'"
    )


# Entry.to_json()'s object as text, assembled by SQLite (values escaped with json_quote). One
# subquery reads an entry's labels once, in position order: SQLite never flattens an ordered
# subquery into an aggregate, so group_concat sees the rows in that order.
_ENTRY_LABELS_JSON = (
    """(SELECT '"triggers":' || """
    + _label_list("trigger", "json_quote(name)")
    + """ || ',"tags":' || """
    + _label_list("tag", "json_quote(name)")
    + """ || ',"emotions":' || """
    + _label_list("emotion", "json_object('name', name, 'intensity', intensity)")
    + """ || ',"coping":' || """
    + _label_list("coping", "json_quote(name)")
    + " FROM (SELECT l.kind, l.name, el.intensity FROM entry_labels el "
    "JOIN labels l ON l.id = el.label_id WHERE el.entry_id = e.id ORDER BY el.position))"
)
_ENTRY_JSON = (
    """'{"id":' || e.id || ',"uuid":' || json_quote(e.uuid)"""
    """ || ',"occurred_at":' || json_quote(e.occurred_local)"""
    """ || ',"created_at":' || json_quote(e.created_local)"""
    """ || ',"text":' || json_quote(e.text) || ',"mood":' || coalesce(e.mood, 'null')"""
    f" || ',' || {_ENTRY_LABELS_JSON}"
    """ || ',"private":' || CASE WHEN e.private THEN 'true' ELSE 'false' END"""
    """ || ',"discuss":' || CASE WHEN e.discuss THEN 'true' ELSE 'false' END"""
    # issue 14: the reflection prompt the entry answers (store_work.ENTRY_PROMPT_JSON), or null
    " || ',\"prompt\":' || " + ENTRY_PROMPT_JSON + " || '}'"
)


_THOUGHT_TEXT = (
    "situation",
    "automatic_thought",
    "evidence_for",
    "evidence_against",
    "balanced_thought",
)
EXPORT_TABLES = ("homework", "homework_log", "sessions", "thought_records", "checkins")
_EXPORT_SQL: dict[str, tuple[str, str | None]] = {
    "homework": ("SELECT t.* FROM homework t", None),
    "homework_log": (
        "SELECT t.*, h.uuid AS homework_uuid FROM homework_log t "
        "JOIN homework h ON h.id = t.homework_id",
        "t.done_utc",
    ),
    "sessions": ("SELECT t.* FROM sessions t", "t.at_utc"),
    "thought_records": ("SELECT t.* FROM thought_records t", "t.occurred_utc"),
    "checkins": ("SELECT t.* FROM checkins t", "t.taken_utc"),
}


def _utc_iso(text: str | None) -> str | None:
    return None if text is None else clock.from_db(text, 0).isoformat(timespec="seconds")


def _export_row(table: str, row: sqlite3.Row) -> dict[str, Any]:
    def local(utc_col: str, offset_col: str) -> str:
        return clock.from_db(row[utc_col], row[offset_col]).isoformat(timespec="seconds")

    if table == "homework":
        return {
            "uuid": row["uuid"],
            "title": row["title"],
            "per_week": row["per_week"],
            "until_date": row["until_date"],
            "note": row["note"],
            "set_by": row["set_by"],
            "created_at": local("created_utc", "created_offset"),
            "closed_at": _utc_iso(row["closed_utc"]),
        }
    if table == "homework_log":
        return {
            "uuid": row["uuid"],
            "homework_uuid": row["homework_uuid"],
            "done_at": local("done_utc", "done_offset"),
            "created_at": _utc_iso(row["created_utc"]),
            "rating": row["rating"],
            "distress_before": row["distress_before"],
            "distress_after": row["distress_after"],
            "note": row["note"],
            "partial": bool(row["partial"]),
        }
    if table == "sessions":
        return {
            "uuid": row["uuid"],
            "at": local("at_utc", "at_offset"),
            "created_at": _utc_iso(row["created_utc"]),
            "note": row["note"],
        }
    if table == "thought_records":
        return {
            "uuid": row["uuid"],
            "occurred_at": local("occurred_utc", "occurred_offset"),
            "created_at": _utc_iso(row["created_utc"]),
            **{key: row[key] for key in _THOUGHT_TEXT},
            "emotions_before": json.loads(row["emotions_before"]),
            "emotions_after": json.loads(row["emotions_after"]),
            "private": bool(row["private"]),
        }
    return {
        "uuid": row["uuid"],
        "instrument": row["instrument"],
        "taken_at": local("taken_utc", "taken_offset"),
        "created_at": _utc_iso(row["created_utc"]),
        "answers": json.loads(row["answers"]),
        "total": row["total"],
    }


@dataclass(frozen=True)
class JournalFacts:
    """What ``journal doctor`` learns from inside the file (see workjournal.doctor)."""

    readable: bool
    error: str | None = None
    integrity: tuple[str, ...] = ()
    foreign_key_problems: int = 0
    applied: tuple[str, ...] | None = None
    entries: int = 0


def inspect_journal(path: Path) -> JournalFacts:
    """Open a plain journal read-only, without migrating, and run SQLite's own checks on it."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        return JournalFacts(readable=False, error=str(exc))
    try:
        return Store(path, conn).inspect()
    finally:
        conn.close()


def fts_query(text: str) -> str:
    """Make any user text a safe FTS5 query: every word is a quoted prefix phrase, so quotes,
    ``AND``, ``NEAR(`` and ``*`` are searched for as words, never parsed as syntax."""
    words = text.split()
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _range(since: datetime | None, until: datetime | None, *, column: str) -> tuple[str, list[str]]:
    """A `` WHERE`` clause on a UTC moment column (inclusive bounds), using its index."""
    where, params = [], []
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(clock.utc_text(since))
    if until is not None:
        where.append(f"{column} <= ?")
        params.append(clock.utc_text(until))
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _entries_in_range(
    column: str, since: datetime | None, until: datetime | None
) -> tuple[str, list[str]]:
    """`` AND <column> IN (entries in the range)``, or nothing for the whole journal."""
    where, params = _range(since, until, column="occurred_utc")
    if not where:
        return "", []
    return f" AND {column} IN (SELECT id FROM entries{where})", params


def _labels_of_entries(since: datetime | None, until: datetime | None) -> tuple[str, list[str]]:
    """``FROM ... WHERE ...`` for the labels ``l`` on the entries in the range, each with its
    entry_labels row ``el``. For the whole journal SQLite reads entry_labels label by label
    through its covering index; for a period it starts from the entries in the period (looking
    each entry up in the whole list would cost a search per label and entry)."""
    where, params = _range(since, until, column="e.occurred_utc")
    if not where:
        return "FROM labels l CROSS JOIN entry_labels el ON el.label_id = l.id WHERE 1", []
    return (
        "FROM entries e CROSS JOIN entry_labels el ON el.entry_id = e.id "
        f"JOIN labels l ON l.id = el.label_id{where}",
        params,
    )


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


# -- between sessions: row -> model ------------------------------------------------------------


def _range_query(
    table: str, column: str, since: datetime | None, until: datetime | None
) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(clock.utc_text(since))
    if until is not None:
        where.append(f"{column} <= ?")
        params.append(clock.utc_text(until))
    sql = f"SELECT * FROM {table}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + f" ORDER BY {column}, id", params


def _emotions_json(emotions: Sequence[Emotion]) -> str:
    return json.dumps([e.to_json() for e in emotions], ensure_ascii=False)


def _emotions_from_json(text: str) -> tuple[Emotion, ...]:
    return tuple(Emotion(item["name"], item.get("intensity")) for item in json.loads(text))


def _homework(row: sqlite3.Row) -> Homework:
    offset = row["created_offset"]
    return Homework(
        id=row["id"],
        uuid=row["uuid"],
        title=row["title"],
        per_week=row["per_week"],
        until=None if row["until_date"] is None else date.fromisoformat(row["until_date"]),
        note=row["note"],
        set_by=row["set_by"],
        created_at=clock.from_db(row["created_utc"], offset),
        closed_at=None if row["closed_utc"] is None else clock.from_db(row["closed_utc"], offset),
    )


def _homework_log(row: sqlite3.Row) -> HomeworkLog:
    return HomeworkLog(
        id=row["id"],
        uuid=row["uuid"],
        homework_id=row["homework_id"],
        done_at=clock.from_db(row["done_utc"], row["done_offset"]),
        created_at=clock.from_db(row["created_utc"], row["done_offset"]),
        rating=row["rating"],
        distress_before=row["distress_before"],
        distress_after=row["distress_after"],
        note=row["note"],
        partial=bool(row["partial"]),
    )


def _session(row: sqlite3.Row) -> Session:
    return Session(
        id=row["id"],
        uuid=row["uuid"],
        at=clock.from_db(row["at_utc"], row["at_offset"]),
        created_at=clock.from_db(row["created_utc"], row["at_offset"]),
        note=row["note"],
    )


def _thought_record(row: sqlite3.Row) -> ThoughtRecord:
    return ThoughtRecord(
        id=row["id"],
        uuid=row["uuid"],
        occurred_at=clock.from_db(row["occurred_utc"], row["occurred_offset"]),
        created_at=clock.from_db(row["created_utc"], row["occurred_offset"]),
        situation=row["situation"],
        emotions_before=_emotions_from_json(row["emotions_before"]),
        automatic_thought=row["automatic_thought"],
        evidence_for=row["evidence_for"],
        evidence_against=row["evidence_against"],
        balanced_thought=row["balanced_thought"],
        emotions_after=_emotions_from_json(row["emotions_after"]),
        private=bool(row["private"]),
    )


def _checkin(row: sqlite3.Row) -> Checkin:
    return Checkin(
        id=row["id"],
        uuid=row["uuid"],
        instrument=row["instrument"],
        taken_at=clock.from_db(row["taken_utc"], row["taken_offset"]),
        created_at=clock.from_db(row["created_utc"], row["taken_offset"]),
        answers=tuple(int(a) for a in json.loads(row["answers"])),
        total=row["total"],
    )
