"""Harsh conditions for real `journal` processes: a full disk, no permission to write, another
program holding the journal, a kill -9. Shared by the storage, crash and privacy tests."""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from helpers import subprocess_env

PR_CAPBSET_DROP = 24
# The capabilities that let root ignore file permissions: DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER.
PERMISSION_CAPABILITIES = (1, 2, 3)


def journal_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "workjournal", *args]


def run(
    *args: str,
    input: bytes = b"",
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        journal_argv(*args),
        input=input,
        capture_output=True,
        env=subprocess_env(**(env or {})),
        preexec_fn=preexec,
        timeout=timeout,
        check=False,
    )


def file_size_limit(limit: int) -> Callable[[], None]:
    """A child whose files cannot grow past ``limit`` bytes: a full disk, as the program sees it
    (writes fail with EFBIG; SIGXFSZ is ignored so the process is not killed)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _drop_permission_override() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in PERMISSION_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def unprivileged() -> Callable[[], None] | None:
    """How to start a child that obeys file permissions, or None when we already do.

    The tests run as root in CI, and root ignores permissions. Switching to 'nobody' is not
    possible here: the interpreter lives under /root (0700), which 'nobody' cannot enter. So the
    child keeps its uid but loses, for good, the capabilities that let root bypass permission
    checks (dropped from its bounding set before exec): it is then refused exactly like any
    user would be. Raises OSError when the system does not allow dropping them.
    """
    if os.geteuid() != 0:
        return None
    with tempfile.TemporaryDirectory() as folder:
        locked = Path(folder) / "read-only"
        locked.write_bytes(b"")
        locked.chmod(0o400)
        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(locked)!r}, 'ab')"],
            capture_output=True,
            preexec_fn=_drop_permission_override,
            check=False,
        )
    if b"PermissionError" not in probe.stderr:
        raise OSError("dropping the permission capabilities did not take effect")
    return _drop_permission_override


def entry_texts(path: Path) -> list[str]:
    """The texts stored in the journal at ``path`` (read with plain sqlite3, in id order)."""
    # sqlite3's `with` only commits or rolls back, it never closes: close explicitly, or
    # Python 3.13 reports "ResourceWarning: unclosed database" (an error under our filters).
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM entries ORDER BY id")]


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def error_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    """The one calm error line a failure must print; fails the test on a traceback."""
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    return lines[0]
