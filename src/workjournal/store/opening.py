"""Opening the journal: checking what is at the path, creating it 0600, connecting (plainly or
through SQLCipher), migrating it, and the transactions every other store module writes in.

The hot path (``journal add``) uses a plain ``sqlite3`` connection: sqlite_utils is imported only
when migrations have to run, so adding an entry stays fast.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from workjournal import clock, migrations
from workjournal.errors import (
    EncryptionError,
    NewerJournal,
    NoJournal,
    NotAJournal,
    StorageError,
)
from workjournal.models import RECORD_KINDS

if TYPE_CHECKING:
    from workjournal.store.journal import Store
from workjournal.storage_errors import (
    _os_error,
    _read_only,
    busy_timeout,
    damaged,
    translate,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tests only: WORKJOURNAL_TEST_BEFORE_COMMIT="SECONDS:FILE" makes each write append this process's
# id to FILE just before its COMMIT, then pause SECONDS, so a crash test knows it kills inside a
# write. Read once, here; unset (always, outside the tests) it costs one falsy check per write.
_BEFORE_COMMIT = os.environ.get("WORKJOURNAL_TEST_BEFORE_COMMIT", "")

BATCH = 500

# `journal demo` marks the journals it makes with this SQLite application id ("WJDM" in the
# file header, https://sqlite.org/fileformat.html#application_id), so it replaces only a file
# it made itself. Real journals keep the default, 0; no migration is involved.
DEMO_APPLICATION_ID = 0x574A444D

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


def is_demo_journal(path: Path) -> bool:
    """Whether ``path`` is a regular file (not a link) holding a plain SQLite database that
    ``journal demo`` marked (see :data:`DEMO_APPLICATION_ID`). Reads the header only."""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        header = _header(path)
    except OSError:
        return False
    return _valid_sqlite_header(header) and int.from_bytes(header[68:72], "big") == (
        DEMO_APPLICATION_ID
    )


def looks_encrypted(path: Path) -> bool:
    """An SQLCipher file has no plain header and is a whole number of pages."""
    size = path.stat().st_size
    return size >= 1024 and size % 512 == 0 and not _header(path).startswith(SQLITE_MAGIC)


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

    A writer creates a missing journal atomically (see :func:`_create`): the passphrase is
    asked first, and the journal appears under its name only complete, never replacing a
    journal another command created meanwhile. Nothing this function deletes was made by
    anyone but this process.
    """
    from workjournal import files

    os.umask(0o077)  # every file this process writes is the owner's alone
    timeout = busy_timeout()
    files.remove_leftovers(path)  # of a creation, conversion or backup that was killed
    try:
        encrypted, missing = _check_or_create(path, create=create, encrypt_new=encrypt_new)
        if missing:
            _create(path, encrypted=encrypt_new, passphrase=passphrase, timeout=timeout)
            encrypted, _missing = _check_or_create(path, create=create, encrypt_new=False)
            if encrypt_new and not encrypted:
                raise EncryptionError(
                    f"another program created the journal at {path} while the passphrase "
                    "was being chosen, and it is not encrypted. Nothing was saved; encrypt "
                    "it with `journal encrypt`."
                )
    except OSError as exc:
        raise _os_error(exc, path) from None

    store: Store | None = None
    try:
        conn = _connect(path, encrypted=encrypted, passphrase=passphrase, timeout=timeout)
        from workjournal.store.journal import Store

        store = Store(path, conn, encrypted=encrypted)
        store._prepare(create=create)
        if create:
            _keep_editor_leftovers(store, path)
    except BaseException as exc:
        if store is not None:
            store.conn.close()
        api = store._api if store is not None else sqlite3
        if isinstance(exc, api.Error):  # e.g. the disk filled up while migrating
            raise translate(exc, path) from None
        raise
    return store


def _keep_editor_leftovers(store: Store, path: Path) -> None:
    """The editor's file of a command that was killed while it was open (kill -9, a power cut)
    still holds what was written, in plain text: keep it as a draft of ``journal add`` (inside
    the journal, so encrypted with it) and remove the file. Only folders whose process has
    ended are touched; an empty one is just removed."""
    from workjournal import files

    for folder in files.stale(path, (files.EDITING,)):
        text = ""
        usable = folder.is_dir() and not folder.is_symlink()
        for inner in sorted(folder.iterdir()) if usable else ():
            with contextlib.suppress(OSError):
                raw = inner.read_bytes().decode("utf-8", errors="replace")
                text = raw.replace("\x00", "").rstrip("\r\n")
        if text.strip():
            store.save_draft("add", {"text": text}, now=clock.now())
        files.remove_tree(folder)


def _create(
    path: Path, *, encrypted: bool, passphrase: PassphraseSource | None, timeout: float
) -> None:
    """Build a new journal under a private temporary name beside ``path`` (passphrase first,
    then every migration), then give it the name ``path`` only if nothing is there yet. When
    another command created the journal meanwhile, this copy is dropped and theirs is used."""
    from workjournal import files

    if encrypted:
        if passphrase is None:
            raise EncryptionError(f"a new encrypted journal at {path} needs a passphrase.")
        passphrase()  # asked now, before anything is on disk; the source keeps it
    _private_dir(path.parent)
    from workjournal.store.journal import Store

    with files.ending_signals_interrupt(), files.temporary_file(path, "creating") as temp:
        conn = _connect(temp, encrypted=encrypted, passphrase=passphrase, timeout=timeout)
        store = Store(path, conn, encrypted=encrypted)  # messages name the journal
        try:
            store._prepare(create=True)  # closing checkpoints: no -wal to carry along
        except store._api.Error as exc:
            raise translate(exc, path) from None
        finally:
            store.conn.close()
        with files.signals_held(), contextlib.suppress(FileExistsError):
            files.link_new(temp, path)


def _check_or_create(path: Path, *, create: bool, encrypt_new: bool) -> tuple[bool, bool]:
    """Check what is at ``path``; return (encrypted, missing). ``missing``: a writer should
    create the journal (see :func:`_create`)."""
    if path.is_symlink() and not path.exists():
        raise NotAJournal(
            f"{path} is a symbolic link to {path.readlink()}, which does not exist. Point "
            "--db at the journal file itself, or remove the link."
        )
    if path.exists():
        if path.is_dir():
            raise NotAJournal(f"{path} is not a workjournal database (it is a folder).")
        if not path.is_file():
            raise NotAJournal(f"{path} is not a workjournal database (it is not a regular file).")
        encrypted = False
        if not path.stat().st_size:
            encrypted = create and encrypt_new  # an empty file someone made: used in place
        elif not _valid_sqlite_header(_header(path)):
            if not looks_encrypted(path):
                raise NotAJournal(f"{path} is not a workjournal database.")
            return True, False
        if create and not os.access(path, os.W_OK):
            # Refuse before SQLite opens it: it would leave -wal/-shm files behind, as
            # read-only as the journal, that keep it unwritable after the journal is fixed.
            raise _read_only(path)
        if create:
            _owner_only_sidecars(path)
        return encrypted, False
    if not create:
        raise NoJournal(
            f"there is no journal at {path} yet. Write a first entry with `journal add`, "
            "or try the tool on sample data with `journal demo`."
        )
    return encrypt_new, True


def _owner_only_sidecars(path: Path) -> None:
    """Give -wal and -shm files the owner-only read and write a writer needs. SQLite makes
    them with the journal's own mode, so a reader of a 0400 journal leaves 0400 ones, and
    they would keep the journal unwritable after it is made writable again."""
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        try:
            info = side.lstat()
        except FileNotFoundError:
            continue
        mine = stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()
        if mine and stat.S_IMODE(info.st_mode) != 0o600:
            with contextlib.suppress(OSError):
                side.chmod(0o600)


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


class Connection:
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

    def __enter__(self) -> Self:
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
            # Deleted rows and index cells are overwritten with zeros, not just marked free:
            # what a person deletes (or edits away) leaves no words in the file.
            self.conn.execute("PRAGMA secure_delete = ON")
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
        elif create and self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            # An `encrypt` or `decrypt` killed midway leaves the journal in rollback mode, which
            # turns off the check that no other program has it open: writers restore WAL.
            self._use_wal()

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
            except self._api.OperationalError as exc:
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
        if _BEFORE_COMMIT:
            pause, _, marks = _BEFORE_COMMIT.partition(":")
            with Path(marks).open("a") as fh:
                fh.write(f"{os.getpid()}\n")
            time.sleep(float(pause))
        self.conn.execute("COMMIT")

    def mark_as_demo(self) -> None:
        """Mark this journal as one `journal demo` made (see :func:`is_demo_journal`); the
        header reaches the file at once through a checkpoint."""
        self.conn.execute(f"PRAGMA application_id = {DEMO_APPLICATION_ID}")
        self.checkpoint()

    def checkpoint(self) -> None:
        """Copy the WAL into the journal and truncate it to nothing, so pages a delete just
        zeroed replace the old ones in the file and no old copy waits in the -wal. Best
        effort: while another program reads the journal, SQLite finishes it when that one
        closes (the last connection to close checkpoints and removes the -wal)."""
        with contextlib.suppress(self._api.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def backup_to(self, dest: Path) -> None:
        """A consistent copy of the live journal through SQLite's backup API, created 0600.
        The copy of an encrypted journal is encrypted with the same passphrase. It is written
        under a temporary name beside ``dest`` and renamed, so a killed copy leaves no half
        file under that name (and the temporary one is removed on the next open)."""
        from workjournal import files

        _private_dir(dest.parent)
        with files.ending_signals_interrupt(), files.temporary_file(dest, "backup") as temp:
            self._copy_into(temp)
            temp.replace(dest)

    def _copy_into(self, dest: Path) -> None:
        """Copy the journal into the existing empty file ``dest`` and make it 0600."""
        if self.encrypted:
            from workjournal import crypto

            crypto.export_copy(self.conn, dest)  # checks the copy's integrity too
            dest.chmod(stat.S_IRUSR | stat.S_IWUSR)
            return
        target = sqlite3.connect(dest)
        try:
            self.conn.backup(target)
        finally:
            target.close()
        dest.chmod(stat.S_IRUSR | stat.S_IWUSR)

    def _plain_rows(self, sql: str, params: Sequence[Any]) -> list[Any]:
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params).fetchall()

    def inspect(self) -> JournalFacts:
        """``journal doctor``'s look inside: integrity, foreign keys, applied migrations. Works
        on an open encrypted journal too."""
        conn = self.conn
        try:
            integrity = tuple(row[0] for row in conn.execute("PRAGMA integrity_check(20)"))
            fk_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            applied = self._applied_migrations()
            entries = 0
            counts: dict[str, int] = {}
            if applied is not None:
                entries = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
                for kind in RECORD_KINDS:  # the safety plan counts as one when written
                    sql = f"SELECT count(*) FROM {kind.table}"
                    if kind.single:
                        sql = f"SELECT count(*) > 0 FROM {kind.table}"
                    counts[kind.name] = int(conn.execute(sql).fetchone()[0])
        except self._api.Error as exc:
            return JournalFacts(readable=False, error=str(exc))
        return JournalFacts(
            readable=True,
            integrity=integrity,
            foreign_key_problems=fk_problems,
            applied=None if applied is None else tuple(applied),
            entries=entries,
            counts=counts,
        )

    def backup_file(self, dest: Path) -> None:
        """``journal backup``: a consistent copy through the backup API (encrypted with the same
        passphrase when the journal is), written to a 0600 temporary file beside ``dest``,
        checked, then renamed into place, so there is never half a backup under that name."""
        from workjournal import files

        _private_dir(dest.parent)
        try:
            with files.ending_signals_interrupt(), files.temporary_file(dest, "backup") as temp:
                self._copy_into(temp)
                if not self.encrypted:  # (an encrypted copy is checked by crypto.export_copy)
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
        except self._api.Error as exc:
            raise translate(exc, dest) from None


@dataclass(frozen=True)
class JournalFacts:
    """What ``journal doctor`` learns from inside the file (see workjournal.doctor)."""

    readable: bool
    error: str | None = None
    integrity: tuple[str, ...] = ()
    foreign_key_problems: int = 0
    applied: tuple[str, ...] | None = None
    entries: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)  # records per kind (RECORD_KINDS)


def inspect_journal(path: Path) -> JournalFacts:
    """Open a plain journal read-only, without migrating, and run SQLite's own checks on it."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        return JournalFacts(readable=False, error=str(exc))
    try:
        return Connection(path, conn).inspect()
    finally:
        conn.close()
