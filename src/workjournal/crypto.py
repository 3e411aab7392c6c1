"""Encryption at rest with SQLCipher: opening an encrypted journal, where its passphrase comes
from, and turning a plain journal into an encrypted one and back.

Only this module touches ``sqlcipher3`` and ``keyring``, and only inside the functions that need
them: a plain journal never imports either, so ``journal add`` stays fast.

SQLCipher settings: ``cipher_compatibility = 4``, pinned explicitly so a future SQLCipher with
new defaults still opens today's journals: AES-256-CBC with a per-page HMAC-SHA512, and the key
derived from the passphrase with PBKDF2-HMAC-SHA512 at 256,000 iterations (a random 16-byte salt
per file). The derivation costs about 0.2 s of CPU on each open; it is the price of making
every guess at a stolen journal's passphrase that slow, and nothing derived is cached on disk.
The files open with the stock ``sqlcipher`` shell (``PRAGMA key``), so a journal is never
locked into this program.

Where the passphrase comes from, in order: the file named by ``WORKJOURNAL_PASSPHRASE_FILE``
(only its owner may read it), the system keyring (when the person opted in with
``journal encrypt --remember``), else a prompt on the terminal. Never an argument, never an
environment variable holding the passphrase itself, and never logged or put in a message.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from workjournal.errors import EncryptionError, StorageError

PASSPHRASE_FILE_ENV = "WORKJOURNAL_PASSPHRASE_FILE"  # noqa: S105 (a variable name)
KEYRING_SERVICE = "workjournal"
COMPATIBILITY = 4
WRONG_PASSPHRASE = "wrong passphrase or not a workjournal database"  # noqa: S105
PLAINTEXT_EXPORT_WARNING = (
    "Note: this journal is encrypted, but the export is not: keep the exported file somewhere "
    "private and delete it when you no longer need it."
)
INSTALL_HINT = (
    "this journal is encrypted, and opening it needs the optional encryption support: install "
    "it with `pip install 'workjournal[encryption]'` (or `pipx inject workjournal sqlcipher3 "
    "keyring`). Nothing was changed."
)


def dbapi() -> Any:
    """The ``sqlcipher3`` DB-API module, or a clear error saying how to install it."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionError(INSTALL_HINT) from None
    return dbapi2


def plaintext_export_warning(encrypted: bool) -> str | None:
    """What to say on stderr when exporting: exports of an encrypted journal are plaintext.

    Call it with ``store.encrypted``; ``None`` means there is nothing to say."""
    return PLAINTEXT_EXPORT_WARNING if encrypted else None


# -- passphrases ----------------------------------------------------------------------------


def _quote(passphrase: str) -> str:
    """An SQL string literal (PRAGMA key takes no bound parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def _checked(passphrase: str, where: str) -> str:
    if not passphrase:
        raise EncryptionError(f"the passphrase from {where} is empty.")
    if "\x00" in passphrase:
        raise EncryptionError(f"the passphrase from {where} contains a NUL character.")
    return passphrase


MIN_PASSPHRASE = 8


def _long_enough(passphrase: str, where: str) -> str:
    """A new passphrase: at least MIN_PASSPHRASE characters (an old, shorter one still opens
    the journal it was chosen for)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise EncryptionError(
            f"the new passphrase from {where} is shorter than {MIN_PASSPHRASE} characters; "
            "choose a longer one (a few unrelated words are easy to remember). Nothing was "
            "changed."
        )
    return passphrase


def read_passphrase_file(path: Path) -> str:
    """The passphrase in ``path``: one line, only its owner may read the file."""
    where = f"{PASSPHRASE_FILE_ENV} ({path})"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise EncryptionError(f"{where} does not exist.") from None
    except OSError as exc:
        raise EncryptionError(f"cannot read {where}: {exc.strerror}.") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise EncryptionError(f"{where} is not a regular file.")
        if info.st_uid != os.getuid():
            raise EncryptionError(f"{where} belongs to another user; use a file of your own.")
        if info.st_mode & 0o077:
            raise EncryptionError(
                f"{where} can be read by other users (mode {stat.S_IMODE(info.st_mode):o}). "
                f"Make it private with `chmod 600 {path}` and try again."
            )
        raw = fh.read(64 * 1024)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EncryptionError(f"{where} is not UTF-8 text.") from None
    return _checked(text.removesuffix("\n").removesuffix("\r"), where)


def _keyring_user(path: Path) -> str:
    return str(path.expanduser().resolve())


def keyring_get(path: Path) -> str | None:
    """The remembered passphrase for the journal at ``path``; ``None`` when there is none or no
    keyring works here (a headless machine, a locked keyring...)."""
    try:
        import keyring

        secret = keyring.get_password(KEYRING_SERVICE, _keyring_user(path))
    except Exception:  # any backend failure means "not available", never a crash
        return None
    return secret if isinstance(secret, str) and secret else None


def keyring_check() -> None:
    """Raise a clear error unless a system keyring can be used (checked before converting)."""
    try:
        import keyring

        keyring.get_password(KEYRING_SERVICE, "availability-check")
    except ImportError:
        raise EncryptionError(
            "remembering the passphrase needs the keyring package: install it with "
            "`pip install 'workjournal[encryption]'`. Nothing was changed."
        ) from None
    except Exception:
        raise EncryptionError(
            "no system keyring is available here, so the passphrase cannot be remembered. "
            f"Run without --remember, or keep it in a private file named by {PASSPHRASE_FILE_ENV}."
            " Nothing was changed."
        ) from None


def keyring_set(path: Path, passphrase: str) -> None:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _keyring_user(path), passphrase)
    except Exception:
        raise EncryptionError(
            "the system keyring refused to store the passphrase; it was not remembered."
        ) from None


def keyring_forget(path: Path) -> None:
    """Remove a remembered passphrase, if any (best effort: absence is fine)."""
    with contextlib.suppress(Exception):
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _keyring_user(path))


def terminal_available() -> bool:
    """Whether there is a terminal to ask on (getpass reads /dev/tty, not stdin)."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    os.close(fd)
    return True


def _ask(prompt: str) -> str:
    import getpass

    try:
        return getpass.getpass(prompt, stream=sys.stderr)
    except EOFError:
        raise EncryptionError("no passphrase was given; nothing was changed.") from None


def _no_terminal(path: Path) -> EncryptionError:
    return EncryptionError(
        f"the journal at {path} is encrypted and there is no terminal to ask for its passphrase. "
        f"Put it in a file only you can read and name that file in {PASSPHRASE_FILE_ENV}, or "
        "remember it in the system keyring with `journal passphrase --remember`."
    )


def prompt_new_passphrase(path: Path) -> str:
    """Ask twice for a new passphrase on the terminal."""
    if not terminal_available():
        raise EncryptionError(
            f"choosing a passphrase for {path} needs a terminal. Or put it in a file only you "
            f"can read and name that file in {PASSPHRASE_FILE_ENV}."
        )
    first = _long_enough(_checked(_ask("New passphrase: "), "the prompt"), "the prompt")
    if _ask("Repeat the new passphrase: ") != first:
        raise EncryptionError("the two passphrases differ; nothing was changed.")
    return first


class PassphraseSource:
    """Finds the passphrase of the journal at ``path`` once, when first needed, and remembers
    it for the rest of this process only. ``new=True``: for a journal about to be created (the
    file, else a prompt asked twice). ``ask=False`` never prompts."""

    def __init__(self, path: Path, *, new: bool = False, ask: bool = True) -> None:
        self.path = path
        self.new = new
        self.ask = ask  # False: never prompt (shell completion must not stop to ask)
        self.origin: str | None = None  # "file", "keyring" or "prompt" once known
        self._passphrase: str | None = None

    def __call__(self) -> str:
        if self._passphrase is None:
            self._passphrase = self._find()
        return self._passphrase

    def _find(self) -> str:
        file = os.environ.get(PASSPHRASE_FILE_ENV)
        if file:
            self.origin = "file"
            found = read_passphrase_file(Path(file).expanduser())
            return _long_enough(found, PASSPHRASE_FILE_ENV) if self.new else found
        if self.new:
            self.origin = "prompt"
            return prompt_new_passphrase(self.path)
        remembered = keyring_get(self.path)
        if remembered is not None:
            self.origin = "keyring"
            return remembered
        if not self.ask or not terminal_available():
            raise _no_terminal(self.path)
        self.origin = "prompt"
        return _checked(_ask(f"Passphrase for {self.path.name}: "), "the prompt")


# -- connections ----------------------------------------------------------------------------


def _key(conn: Any, passphrase: str) -> None:
    conn.execute(f"PRAGMA key = {_quote(passphrase)}")
    conn.execute(f"PRAGMA cipher_compatibility = {COMPATIBILITY}")


def _silence(conn: Any) -> None:
    # SQLCipher logs a wrong key ("hmac check failed") to stderr; the person gets one clear line.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA cipher_default_compatibility = {COMPATIBILITY}")


def _translate(exc: Exception, path: Path) -> Exception:
    from workjournal.storage_errors import translate

    if "not a database" in str(exc) or "encrypted" in str(exc):
        return EncryptionError(WRONG_PASSPHRASE)
    return translate(exc, path)


def connect(path: Path, passphrase: Callable[[], str], *, timeout: float, new: bool = False) -> Any:
    """An SQLCipher connection to ``path`` with the key applied and checked (autocommit, like
    the store's sqlite3 connection). A wrong passphrase raises :class:`EncryptionError` before
    anything is written."""
    api = dbapi()
    secret = passphrase()
    try:
        conn = api.connect(str(path), timeout=timeout, isolation_level=None)
    except api.Error as exc:
        raise _translate(exc, path) from None
    try:
        _silence(conn)
        _key(conn, secret)
        if not new:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except api.Error as exc:
        conn.close()
        raise _translate(exc, path) from None
    return conn


def export_copy(conn: Any, dest: Path) -> None:
    """Copy the open encrypted journal to the empty file ``dest``, encrypted with the same
    passphrase (an ATTACH without KEY reuses it), from one consistent snapshot, and check the
    copy's integrity (``quick_check``) before it is kept."""
    conn.execute("ATTACH DATABASE ? AS backup_copy", (str(dest),))
    try:
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT sqlcipher_export('backup_copy')")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        checked = conn.execute("PRAGMA backup_copy.quick_check").fetchone()[0]
        if checked != "ok":
            raise StorageError(
                f"the encrypted copy failed its check ({checked}), so it was not kept. Run "
                "`journal doctor`."
            )
    finally:
        conn.execute("DETACH DATABASE backup_copy")


# -- converting -----------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


SHM_DMS_BYTE = 128  # SQLite's unix VFS: every connection in WAL mode read-locks this byte


@contextlib.contextmanager
def _alone(path: Path) -> Iterator[None]:
    """Make sure no other connection has the journal open, and keep new ones out until the
    block ends: every SQLite connection in WAL mode holds a shared lock on one byte of the
    ``-shm`` file for as long as it is open, so an exclusive lock on it proves we are alone.
    (SQLite happily leaves WAL mode while an idle connection is open elsewhere, and that
    connection would then write into a file about to be replaced: an entry lost.)

    Enter it before this process's own connection touches the journal: POSIX locks belong
    to the process, and closing this descriptor drops every lock it holds on the file."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: SQLite's own locking is all there is
        yield
        return
    shm = path.with_name(path.name + "-shm")
    fd = os.open(shm, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, SHM_DMS_BYTE)
        except OSError:
            raise StorageError(
                f"the journal at {path} is open in another program (another `journal` "
                "command?). Close it and try again; nothing was changed."
            ) from None
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _exclusive(path: Path, passphrase: str | None, timeout: float) -> Iterator[Any]:
    """A connection holding the journal's only lock: switched out of WAL into rollback mode
    with an exclusive lock, so no other process can write until this one is done, and a
    writer that waited for the old file is refused by SQLite (the file moved) instead of
    writing into it."""
    with _alone(path), _exclusive_connection(path, passphrase, timeout) as conn:
        yield conn


@contextlib.contextmanager
def _exclusive_connection(path: Path, passphrase: str | None, timeout: float) -> Iterator[Any]:
    api = dbapi()
    conn = api.connect(str(path), timeout=timeout, isolation_level=None)
    switched = False
    try:
        _silence(conn)
        if passphrase is not None:
            _key(conn, passphrase)
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except api.Error as exc:
            raise _translate(exc, path) from None
        if mode != "delete":
            raise StorageError(
                f"the journal at {path} is open in another program (another `journal` "
                "command?). Close it and try again; nothing was changed."
            )
        switched = True
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        path.with_name(path.name + "-wal").unlink(missing_ok=True)  # none can be live now
        yield conn
    except BaseException:
        if switched:
            with contextlib.suppress(api.Error):
                conn.execute("PRAGMA locking_mode = NORMAL")
                conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # drops the lock
                conn.execute("PRAGMA journal_mode = WAL")
        raise
    finally:
        conn.close()


def _count(conn: Any, schema: str = "main") -> int:
    return int(conn.execute(f"SELECT count(*) FROM {schema}.entries").fetchone()[0])


def convert(path: Path, *, old: str | None, new: str, timeout: float) -> int:
    """Rewrite the journal at ``path`` with passphrase ``new`` (``""``: plain) through
    ``sqlcipher_export``: the copy is written beside it, checked (it opens, same entry count,
    integrity), then renamed over the original in one step. ``old`` is the current passphrase
    (``None``: the journal is plain). Returns the number of entries."""
    api = dbapi()
    if old is not None:  # a wrong passphrase stops here, before any file is touched
        connect(path, lambda: old, timeout=timeout).close()
    from workjournal import files

    files.remove_stale(path, files.STALE_KINDS)  # from an attempt that was killed
    with (
        files.ending_signals_interrupt(),  # SIGTERM, SIGHUP: clean up as after Ctrl-C
        files.temporary_file(path, "converting") as tmp,
        _exclusive(path, old, timeout) as conn,
    ):
        try:
            conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(tmp), new))
            conn.execute("BEGIN EXCLUSIVE")
            count = _count(conn)
            conn.execute("SELECT sqlcipher_export('converted')")
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE converted")
        except api.Error as exc:
            raise _translate(exc, path) from None
        _verify(tmp, new, count, timeout)
        _fsync(tmp)
        tmp.chmod(0o600)
        with files.signals_held():
            tmp.replace(path)
            _fsync(path.parent)
    return count


def _verify(tmp: Path, passphrase: str, expected: int, timeout: float) -> None:
    api = dbapi()
    conn = api.connect(str(tmp), timeout=timeout, isolation_level=None)
    try:
        _silence(conn)
        if passphrase:
            _key(conn, passphrase)
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        if not ok or _count(conn) != expected:
            raise StorageError(
                "the converted copy did not match the journal, so it was discarded. "
                "Nothing was changed."
            )
        conn.execute("PRAGMA journal_mode = WAL")
    except api.Error as exc:
        raise StorageError(
            f"the converted copy could not be checked ({exc}), so it was discarded. "
            "Nothing was changed."
        ) from None
    finally:
        conn.close()


def change_passphrase(path: Path, *, old: str, new: str, timeout: float) -> int:
    """``PRAGMA rekey`` under the exclusive lock: every page re-encrypted in one transaction."""
    api = dbapi()
    _checked(new, "the prompt")
    connect(path, lambda: old, timeout=timeout).close()  # a wrong one stops here
    with _exclusive(path, old, timeout) as conn:
        try:
            conn.execute(f"PRAGMA rekey = {_quote(new)}")
            count = _count(conn)
            conn.execute("PRAGMA locking_mode = NORMAL")
            conn.execute("PRAGMA journal_mode = WAL")
        except api.Error as exc:
            raise _translate(exc, path) from None
    return count
