"""``journal doctor``: check the journal file and say plainly what is wrong and what to do.

Standard library only; the checks inside the database run in ``store.inspect_journal``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from workjournal import migrations
from workjournal.errors import WorkjournalError

if TYPE_CHECKING:
    from workjournal.store import JournalFacts, Store

Status = Literal["ok", "warning", "problem"]
MB = 1024 * 1024
LOW_SPACE = 500 * MB
TOO_LITTLE_SPACE = 50 * MB


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str
    advice: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "detail": self.detail,
            "advice": self.advice,
        }


def _q(path: Path) -> str:
    return shlex.quote(str(path))


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover


def check_journal(path: Path, *, open_encrypted: Callable[[], Store] | None = None) -> list[Check]:
    """Every check, in the order a person should act on them. ``open_encrypted`` opens an
    encrypted journal with its passphrase, so its insides can be checked too."""
    from workjournal import files
    from workjournal.store import SQLITE_MAGIC, inspect_journal, looks_encrypted

    files.remove_leftovers(path)  # what killed commands left: not worth a report
    if not path.exists():
        return [
            Check(
                "journal",
                "problem",
                f"there is no journal at {path}.",
                "If you have one elsewhere, point to it with --db or WORKJOURNAL_DB; "
                "otherwise `journal add` starts one.",
            )
        ]
    if not path.is_file():
        return [Check("journal", "problem", f"{path} is not a file.", "Point --db at the file.")]
    checks = [Check("journal", "ok", f"{path} ({_size(path.stat().st_size)})")]
    checks.extend(_permissions(path))
    checks.append(_disk_space(path))
    with path.open("rb") as fh:
        header = fh.read(16)
    facts: JournalFacts | None = None
    if header != SQLITE_MAGIC and path.stat().st_size:
        plain = plain_copies(path) if looks_encrypted(path) else []
        if plain:
            checks.append(_plain_copies_check(plain))
        if looks_encrypted(path) and open_encrypted is not None:
            try:
                with open_encrypted() as store:
                    facts = store.inspect()
            except WorkjournalError as exc:
                checks.append(
                    Check(
                        "encryption",
                        "warning",
                        f"the journal is encrypted and could not be opened ({exc.message}), so "
                        "its insides were not checked.",
                    )
                )
                return checks
            checks.append(Check("encryption", "ok", "the journal is encrypted."))
        elif looks_encrypted(path):
            checks.append(
                Check(
                    "contents",
                    "warning",
                    "the file looks encrypted, so its insides were not checked.",
                )
            )
            return checks
        else:
            checks.append(
                Check(
                    "contents",
                    "problem",
                    "the file is not an SQLite database, so it is not a journal.",
                    "If it should be your journal, restore a backup made with `journal backup`.",
                )
            )
            return checks
    if facts is None:
        facts = inspect_journal(path)
    if not facts.readable:
        checks.append(
            Check(
                "integrity",
                "problem",
                f"SQLite could not read the journal ({facts.error}).",
                "Do not write to it. Copy the file somewhere safe, then restore your latest "
                "backup (made with `journal backup`) in its place.",
            )
        )
        return checks
    if facts.integrity == ("ok",):
        checks.append(Check("integrity", "ok", "no damage found (PRAGMA integrity_check)."))
    else:
        checks.append(
            Check(
                "integrity",
                "problem",
                f"SQLite found damage: {'; '.join(facts.integrity[:3])}.",
                "Make a copy now with `journal backup`, then restore an older backup; the copy "
                "keeps whatever can still be read.",
            )
        )
    if facts.foreign_key_problems:
        checks.append(
            Check(
                "links",
                "problem",
                f"{facts.foreign_key_problems} rows point at records that no longer exist "
                "(PRAGMA foreign_key_check).",
                "Export with `journal export --format json --include-private --out FILE`, then "
                "import that file into a new journal.",
            )
        )
    else:
        checks.append(Check("links", "ok", "every link points at a record (foreign_key_check)."))
    checks.append(_schema(facts.applied))
    if facts.counts:
        from workjournal.models import RECORD_KINDS

        # Every kind the journal has, and always its entries; a list a new journal starts with
        # (the diary card's targets and emotions) is a setting, not something written.
        held = ", ".join(
            kind.count(facts.counts.get(kind.name, 0))
            for kind in RECORD_KINDS
            if kind.name != "card_items"
            and (kind.name == "entries" or facts.counts.get(kind.name, 0))
        )
        checks.append(Check("records", "ok", f"{held}."))
    checks.append(_backups(path))
    return checks


def plain_copies(path: Path) -> list[Path]:
    """Unencrypted SQLite files beside the encrypted journal at ``path`` that are copies of it:
    a backup kept by ``encrypt --keep-plain-backup``, one made before an upgrade or by
    ``journal backup`` before encrypting, the copy of a ``decrypt`` that was killed."""
    from workjournal.store import SQLITE_MAGIC

    found = []
    for candidate in sorted(path.parent.iterdir()):
        name = candidate.name.lstrip(".")
        if candidate == path or not name.startswith((path.name, path.stem)):
            continue
        if candidate.is_symlink() or not candidate.is_file():
            continue
        try:
            with candidate.open("rb") as fh:
                header = fh.read(16)
        except OSError:
            continue
        if header == SQLITE_MAGIC:
            found.append(candidate)
    return found


def _plain_copies_check(plain: list[Path]) -> Check:
    names = ", ".join(p.name for p in plain)
    return Check(
        "plain copies",
        "problem",
        f"{len(plain)} unencrypted {'copy' if len(plain) == 1 else 'copies'} of the journal "
        f"beside it ({names}): anyone who can read {'it' if len(plain) == 1 else 'them'} can "
        "read the journal.",
        "Once you are sure of the passphrase, run: rm " + " ".join(_q(p) for p in plain),
    )


def _permissions(path: Path) -> list[Check]:
    found: list[Check] = []
    loose = []
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and stat.S_IMODE(file.stat().st_mode) & 0o077:
            loose.append(file)
    if loose:
        modes = ", ".join(f"{f.name} {stat.S_IMODE(f.stat().st_mode):04o}" for f in loose)
        found.append(
            Check(
                "permissions",
                "problem",
                f"other people on this computer can read the journal ({modes}).",
                "Run: chmod 600 " + " ".join(_q(f) for f in loose),
            )
        )
    else:
        found.append(Check("permissions", "ok", "the journal is readable only by you."))
    folder = path.parent
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        found.append(
            Check(
                "folder",
                "warning",
                f"others can list the journal's folder (mode "
                f"{stat.S_IMODE(folder.stat().st_mode):04o}).",
                f"Run: chmod 700 {_q(folder)}",
            )
        )
    if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
        found.append(
            Check(
                "owner",
                "warning",
                "the journal belongs to another user account.",
                f"Run: sudo chown $(id -u) {_q(path)}",
            )
        )
    return found


def _disk_space(path: Path) -> Check:
    free = shutil.disk_usage(path.parent).free
    needed = max(TOO_LITTLE_SPACE, 2 * path.stat().st_size)
    if free < needed:
        return Check(
            "disk space",
            "problem",
            f"only {_size(free)} free: new entries and backups may fail to save.",
            "Free some space on this disk.",
        )
    if free < LOW_SPACE:
        return Check(
            "disk space",
            "warning",
            f"{_size(free)} free, which is getting low.",
            "Free some space soon.",
        )
    return Check("disk space", "ok", f"{_size(free)} free.")


def _schema(applied: tuple[str, ...] | None) -> Check:
    if applied is None:
        return Check(
            "schema",
            "problem",
            "this SQLite file is not a workjournal journal.",
            "Check the path given with --db or WORKJOURNAL_DB.",
        )
    unknown = [name for name in applied if name not in migrations.NAMES]
    if unknown:
        return Check(
            "schema",
            "problem",
            f"written by a newer workjournal (it has {', '.join(unknown)}).",
            "Upgrade workjournal to use this journal.",
        )
    if len(applied) < len(migrations.NAMES):
        return Check(
            "schema",
            "warning",
            f"version {len(applied)} of {len(migrations.NAMES)}; it will be upgraded (after a "
            "backup copy) the next time you write an entry.",
        )
    return Check("schema", "ok", f"version {len(applied)}, current.")


def _backups(path: Path) -> Check:
    found = sorted(path.parent.glob(f"{path.stem}-backup-*{path.suffix}"))
    if not found:
        return Check(
            "backups",
            "warning",
            "no backup next to the journal.",
            "Run `journal backup` now and then, and keep a copy on another disk.",
        )
    return Check("backups", "ok", f"latest backup next to the journal: {found[-1].name}.")
