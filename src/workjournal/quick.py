"""``journal remind prompt``, served before Typer and Rich load: a shell runs it at every prompt,
so it must cost little more than starting Python (bench/run.py times it).

It prints one short line when nothing was written today, and nothing otherwise: nothing for a
missing journal, for an encrypted one (looking inside needs the passphrase, and deriving its
key alone takes longer than a prompt may), and on any problem at all (a prompt line is never
the place for an error; ``journal doctor`` is).
"""

from __future__ import annotations

import sys
from pathlib import Path

PROMPT = ("remind", "prompt")


def requested(args: list[str]) -> Path | bool | None:
    """For ``[--db FILE] remind prompt``: the --db path (None: the default); False otherwise."""
    db: Path | None = None
    rest = list(args)
    if rest[:1] == ["--db"] and len(rest) >= 2:
        db, rest = Path(rest[1]), rest[2:]
    elif rest and rest[0].startswith("--db="):
        db, rest = Path(rest[0].removeprefix("--db=")), rest[1:]
    if tuple(rest) != PROMPT:
        return False
    return db


PROMPT_LINE = "No entry today yet — journal add when you're ready"


def prompt_line(db: Path) -> None:
    from workjournal import clock, written_days

    try:
        today = clock.now().astimezone(clock.local_tz()).date()
        written = written_days.read_only(db, today, today)
    except Exception:  # a prompt line never shows an error: nothing, and the shell goes on
        return
    if written is not None and today not in written:
        try:
            sys.stdout.write(PROMPT_LINE + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, OSError):
            pass


def run(args: list[str]) -> bool:
    """Serve ``remind prompt`` if that is what was asked; False to hand over to the full CLI."""
    wanted = requested(args)
    if wanted is False:
        return False
    import os

    path = wanted if isinstance(wanted, Path) else None
    if path is None and os.environ.get("WORKJOURNAL_DB"):
        path = Path(os.environ["WORKJOURNAL_DB"])
    if path is None:  # the platform's data folder: config (and platformdirs) only for this
        from workjournal.config import default_db_path

        path = default_db_path()
    path = path.expanduser()
    prompt_line(path)
    return True
