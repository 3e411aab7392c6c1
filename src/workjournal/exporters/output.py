"""Where an export goes: a file written atomically and readable only by its owner."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from workjournal.errors import StorageError


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that becomes ``path`` only when the block finishes without an error.

    It is created 0600 (``os.open`` with the mode, not chmod afterwards, so the text is never
    readable by others even for a moment) as a temporary file in the same folder, flushed to disk
    and renamed over ``path``. A failed export leaves no half-written file behind.
    """
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(f"the folder {folder} does not exist; nothing was written.")
    if path.is_dir():
        raise StorageError(f"{path} is a folder; give a file name such as {path / 'export'}.")
    temp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise StorageError(
            f"cannot write in {folder}: {exc.strerror}; nothing was written."
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        temp.replace(path)
    except OSError as exc:
        raise StorageError(
            f"could not write {path}: {exc.strerror}; nothing was written."
        ) from None
    finally:
        temp.unlink(missing_ok=True)
