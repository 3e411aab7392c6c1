"""Files beside the journal that this program makes for a moment: the journal being created, a
journal being encrypted or decrypted, a backup being written, the editor's draft. Standard
library only.

Each such file is named ``<prefix>-<pid>-<random><suffix>``, made with ``O_EXCL`` (so this
process alone created it) and removed by the process that made it. When that process was
killed (kill -9, a power cut) the file stays: any later command removes it, but only once the
process named in it is gone, so a file another command is still writing is never touched.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

# The suffixes SQLite gives the files beside a database (rollback journal, WAL, shared memory).
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")
# The kinds of temporary file a killed command can leave beside the journal.
STALE_KINDS = ("creating", "converting", "backup")
# The editor's folder: a killed command's leftover is kept as a draft, not removed unread (see
# workjournal.store.opening), so it is not among STALE_KINDS.
EDITING = "editing"
# Signals that end a command the way Ctrl-C does, so its cleanup runs: the terminal closing
# (SIGHUP) and a polite kill (SIGTERM).
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _stem(path: Path, kind: str) -> str:
    return f".{path.name}.{kind}-"


def temporary(path: Path, kind: str, *, suffix: str = "") -> Path:
    """Create an empty 0600 file beside ``path`` for ``kind`` ("creating", "converting"...)
    that this process alone made; return its path."""
    while True:
        candidate = path.with_name(
            f"{_stem(path, kind)}{os.getpid()}-{os.urandom(4).hex()}{suffix}"
        )
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # pragma: no cover (a random clash)
            continue
        os.close(fd)
        return candidate


def temporary_dir(path: Path, kind: str) -> Path:
    """Create an empty 0700 folder beside ``path`` for ``kind`` ("editing") that this process
    alone made; return its path. The journal's folder is made 0700 first if it is missing."""
    missing: list[Path] = []
    current = path.parent
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another command made it a moment ago
            folder.mkdir(mode=0o700)
    while True:
        candidate = path.with_name(f"{_stem(path, kind)}{os.getpid()}-{os.urandom(4).hex()}")
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:  # pragma: no cover (a random clash)
            continue
        candidate.chmod(0o700)  # whatever the umask
        return candidate


def remove_tree(folder: Path) -> None:
    """Remove a temporary folder this program made and the files directly in it (a link
    put in its place is removed itself, never followed)."""
    if folder.is_symlink():
        with contextlib.suppress(OSError):
            folder.unlink()
        return
    with contextlib.suppress(OSError):
        for inner in folder.iterdir():
            with contextlib.suppress(OSError):
                inner.unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()


@contextlib.contextmanager
def temporary_file(path: Path, kind: str) -> Iterator[Path]:
    """:func:`temporary` for the length of a block, then removed with its SQLite sidecars. The
    file is made and its name kept with the ending signals held, so a SIGTERM that arrives the
    moment the file appears still finds it in the cleanup (inside
    :func:`ending_signals_interrupt`) instead of leaving it behind."""
    temp: Path | None = None
    try:
        with signals_held():
            temp = temporary(path, kind)
        yield temp
    finally:
        if temp is not None:
            remove_with_sidecars(temp)


def remove_with_sidecars(path: Path) -> None:
    """Remove a temporary database and the files SQLite made beside it."""
    for leftover in (path, *(path.with_name(path.name + s) for s in SQLITE_SIDECARS)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _owner_pid(name: str, stem: str) -> int | None:
    rest = name[len(stem) :]
    digits = rest.split("-", 1)[0]
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


def stale(path: Path, kinds: tuple[str, ...]) -> list[Path]:
    """The temporary files beside ``path`` of these kinds whose process has ended."""
    found: list[Path] = []
    try:
        names = [entry.name for entry in path.parent.iterdir()]
    except OSError:
        return found
    for kind in kinds:
        stem = _stem(path, kind)
        for name in names:
            if not name.startswith(stem):
                continue
            pid = _owner_pid(name, stem)
            if pid is not None and not _alive(pid):
                found.append(path.with_name(name))
    return sorted(found)


def remove_stale(path: Path, kinds: tuple[str, ...]) -> None:
    """Remove what a killed command left beside ``path`` (see :func:`stale`)."""
    for leftover in stale(path, kinds):
        if leftover.is_dir():
            remove_tree(leftover)
        else:
            with contextlib.suppress(OSError):
                leftover.unlink()


def remove_leftovers(path: Path) -> None:
    """On opening the journal at ``path``: remove what killed commands left beside it, among
    them the fixed-name copy an older version made while converting (``NAME.converting``)."""
    remove_stale(path, STALE_KINDS)
    legacy = path.with_name(path.name + ".converting")
    if legacy.exists() and not legacy.is_symlink():
        remove_with_sidecars(legacy)


def link_new(source: Path, dest: Path) -> None:
    """Give ``source`` the name ``dest`` only if nothing is there (``FileExistsError``
    otherwise), then drop the name ``source``: never replaces a file that appeared meanwhile."""
    try:
        os.link(source, dest, follow_symlinks=False)
    except FileExistsError:
        raise
    except (
        NotImplementedError,
        PermissionError,
        OSError,
    ):  # a file system without hard links (FAT, some network drives)
        if os.path.lexists(dest):
            raise FileExistsError(dest) from None
        source.rename(dest)
        return
    source.unlink()


class Ended(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so it cleans up as after Ctrl-C."""


def _raise_ended(signum: int, frame: FrameType | None) -> None:
    raise Ended(signum)


@contextlib.contextmanager
def ending_signals_interrupt() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP interrupt like Ctrl-C (their default ends the
    process on the spot, leaving temporary files behind)."""
    previous = {}
    for sig in ENDING_SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            previous[sig] = signal.signal(sig, _raise_ended)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends (a step that must not be cut in
    two, such as renaming a finished copy into place and forgetting the temporary name)."""
    held = {signal.SIGINT, *ENDING_SIGNALS}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
