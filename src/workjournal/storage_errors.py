"""What SQLite's refusals mean to a person: the messages for a busy, full, read-only or damaged
journal. Shared by the store and by crypto (SQLCipher raises the same errors), so neither has to
import the other. Standard library only."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from workjournal.errors import InvalidInput, StorageError, WorkjournalError

BUSY_TIMEOUT_SECONDS = 15.0
BUSY_TIMEOUT_ENV = "WORKJOURNAL_BUSY_TIMEOUT"


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


def translate(exc: Exception, path: Path) -> WorkjournalError:
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


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
