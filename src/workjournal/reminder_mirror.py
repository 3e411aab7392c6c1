"""The reminders of an encrypted journal, mirrored beside it so the scheduler's
``journal remind check`` can send them without the passphrase.

The journal itself stays the record (reminders are exported and imported with it); this file
holds only what a check needs: each reminder's time, days and wording, the quiet hours, the day
each was last sent and the week last opened with ``journal week``. Never any entry text. It is
written 0600 through a temporary file and a rename, and removed when the last reminder is.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, replace
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from workjournal.errors import WorkjournalError
from workjournal.reminders import (
    QUIET_KEY,
    WEEK_KEY,
    Reminder,
    format_quiet,
    parse_quiet,
    parse_time,
)

if TYPE_CHECKING:
    from collections.abc import Sequence


class ReminderJournal(Protocol):
    """What this module needs of an open journal (a :class:`workjournal.store.Store`)."""

    encrypted: bool
    path: Path

    def list_reminders(self) -> Sequence[Reminder]: ...
    def state_value(self, key: str) -> str | None: ...
    def note_state_value(self, key: str, value: str) -> bool: ...


FORMAT = "workjournal-reminders"
VERSION = 1


def path_for(db: Path) -> Path:
    return db.with_name(f"{db.name}.reminders.json")


@dataclass(frozen=True)
class Mirror:
    reminders: tuple[Reminder, ...] = ()
    quiet: tuple[time, time] | None = None
    week_opened: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "reminders": [
                {
                    "id": item.id,
                    "uuid": item.uuid,
                    "kind": item.kind,
                    "time": f"{item.at:%H:%M}",
                    "days": list(item.days),
                    "message": item.message,
                    "last_sent": item.last_sent.isoformat() if item.last_sent else None,
                }
                for item in self.reminders
            ],
            "quiet": format_quiet(self.quiet) if self.quiet else None,
            "week_opened": self.week_opened.isoformat() if self.week_opened else None,
        }

    def sent(self, reminder_id: int, day: date) -> Mirror:
        items = tuple(
            replace(item, last_sent=day) if item.id == reminder_id else item
            for item in self.reminders
        )
        return replace(self, reminders=items)


def load(db: Path) -> Mirror | None:
    """The mirror beside ``db``, or None when there is none or it cannot be read (a check
    then stays silent rather than guess)."""
    try:
        data = json.loads(path_for(db).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            return None
        reminders = tuple(
            Reminder(
                id=int(item["id"]),
                uuid=str(item["uuid"]),
                kind="weekly" if item["kind"] == "weekly" else "daily",
                at=parse_time(str(item["time"])),
                days=tuple(int(day) % 7 for day in item["days"]),
                message=str(item["message"]),
                last_sent=date.fromisoformat(item["last_sent"]) if item["last_sent"] else None,
            )
            for item in data["reminders"]
        )
        quiet = parse_quiet(data["quiet"]) if data.get("quiet") else None
        opened = date.fromisoformat(data["week_opened"]) if data.get("week_opened") else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, WorkjournalError):
        return None
    return Mirror(reminders, quiet, opened)


def save(db: Path, mirror: Mirror) -> None:
    target = path_for(db)
    if not mirror.reminders:
        target.unlink(missing_ok=True)
        return
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(mirror.to_json(), fh, ensure_ascii=False, indent=1)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sync(store: ReminderJournal) -> None:
    """Keep the mirror beside an encrypted journal in step with its reminders."""
    if not store.encrypted:
        return
    quiet = store.state_value(QUIET_KEY)
    opened = store.state_value(WEEK_KEY)
    save(
        store.path,
        Mirror(
            tuple(store.list_reminders()),
            parse_quiet(quiet) if quiet else None,
            date.fromisoformat(opened) if opened else None,
        ),
    )


def note_week_opened(store: ReminderJournal, first_day: date) -> None:
    """`journal week` calls this when it shows the current week, so the weekly reminder stays
    quiet; a journal that cannot be written (read-only) just keeps reminding."""
    if store.state_value(WEEK_KEY) == first_day.isoformat():
        return
    if store.note_state_value(WEEK_KEY, first_day.isoformat()):
        with contextlib.suppress(OSError):
            sync(store)
