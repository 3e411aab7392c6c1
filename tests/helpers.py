"""Ways to run the journal in tests: in-process (CliRunner) and as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from workjournal.cli import app

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
NONET = Path(__file__).resolve().parent / "support" / "nonet"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def invoke(
    *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> Result:
    """Run the CLI in-process through typer's CliRunner."""
    result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(NONET)])
    env.update(extra)
    return env


def run_journal(
    *args: str,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m workjournal`` as a real process, with the network disabled."""
    data = input.encode() if isinstance(input, str) else input
    return subprocess.run(
        [sys.executable, "-m", "workjournal", *args],
        input=data if data is not None else b"",
        capture_output=True,
        env=subprocess_env(**(env or {})),
        timeout=timeout,
        check=False,
    )


def build_journal(db: Path, fill: Callable[[], object]) -> Path:
    """Fill the journal at ``db`` once for a test module (its tests take copies with
    :func:`copy_journal`): WORKJOURNAL_DB names it while ``fill`` runs, then is as it was."""
    old = os.environ.get("WORKJOURNAL_DB")
    os.environ["WORKJOURNAL_DB"] = str(db)
    try:
        fill()
    finally:
        if old is None:
            del os.environ["WORKJOURNAL_DB"]
        else:
            os.environ["WORKJOURNAL_DB"] = old
    return db


def copy_journal(built: Path, db_path: Path) -> Path:
    """A test's own copy of a journal made by :func:`build_journal`, at ``db_path``."""
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copy2(built, db_path)
    return db_path
