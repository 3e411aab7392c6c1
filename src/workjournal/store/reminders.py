"""Reminders' SQL: the reminders, the day each was last sent, and the small journal_state
values `journal remind check` needs. A mixin of :class:`workjournal.store.Store`."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from datetime import time as daytime
from typing import TYPE_CHECKING, Any

from workjournal import clock, written_days
from workjournal.errors import NotFound
from workjournal.models import ExportScope, ImportResult
from workjournal.reminders import Reminder

if TYPE_CHECKING:
    import sqlite3


class ReminderStore:
    conn: sqlite3.Connection
    _api: Any

    def write(self) -> AbstractContextManager[None]:  # provided by Store
        raise NotImplementedError

    def add_reminder(
        self, kind: str, at: daytime, days: tuple[int, ...], message: str, *, created_at: datetime
    ) -> Reminder:
        with self.write():
            cursor = self.conn.execute(
                "INSERT INTO reminders (uuid, kind, at_time, days, message, created_utc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    kind,
                    f"{at:%H:%M}",
                    ",".join(str(day) for day in days),
                    message,
                    clock.utc_text(created_at),
                ),
            )
        return self.get_reminder(int(cursor.lastrowid or 0))

    def get_reminder(self, reminder_id: int) -> Reminder:
        row = self.conn.execute("SELECT * FROM reminders WHERE id = ?", (reminder_id,)).fetchone()
        if row is None:
            raise NotFound(f"there is no reminder {reminder_id}; `journal remind list` shows them.")
        return _reminder(row)

    def list_reminders(self) -> list[Reminder]:
        return [_reminder(row) for row in self.conn.execute("SELECT * FROM reminders ORDER BY id")]

    def delete_reminders(self, ids: Sequence[int] | None) -> int:
        """Delete the reminders ``ids`` (every one when None); returns how many went."""
        with self.write():
            if ids is None:
                return self.conn.execute("DELETE FROM reminders").rowcount
            for reminder_id in ids:
                self.get_reminder(reminder_id)
            marks = ", ".join("?" for _ in ids)
            return self.conn.execute(
                f"DELETE FROM reminders WHERE id IN ({marks})", tuple(ids)
            ).rowcount

    def mark_reminder_sent(self, reminder_id: int, day: date) -> None:
        with self.write():
            self.conn.execute(
                "UPDATE reminders SET last_sent_day = ? WHERE id = ?",
                (day.isoformat(), reminder_id),
            )

    def state_value(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM journal_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_state_value(self, key: str, value: str | None) -> None:
        with self.write():
            if value is None:
                self.conn.execute("DELETE FROM journal_state WHERE key = ?", (key,))
            else:
                self.conn.execute(
                    "INSERT INTO journal_state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def note_state_value(self, key: str, value: str) -> bool:
        """:meth:`set_state_value` for a side note a read command makes (``journal week``
        noting it was opened): a journal that is read-only or busy just does not get the note."""
        if self.state_value(key) == value:
            return True
        try:
            self.set_state_value(key, value)
        except self._api.Error:
            return False
        return True

    def days_with_records(self, first: date, last: date) -> set[date]:
        """The local days from ``first`` to ``last`` on which anything was written."""
        return written_days.days_with_records(self.conn, first, last)


def _reminder(row: Any) -> Reminder:
    return Reminder(
        id=row["id"],
        uuid=row["uuid"],
        kind=row["kind"],
        at=daytime.fromisoformat(row["at_time"]),
        days=tuple(int(part) for part in row["days"].split(",")),
        message=row["message"],
        last_sent=date.fromisoformat(row["last_sent_day"]) if row["last_sent_day"] else None,
    )


class ReminderTransfer:
    """Reminders' part of the JSON export and import (see store/transfer.py)."""

    conn: sqlite3.Connection

    def export_reminders(self, scope: ExportScope) -> list[dict[str, Any]]:
        found = []
        for row in self.conn.execute("SELECT * FROM reminders ORDER BY id"):
            item = _reminder(row)
            data = item.to_json()
            del data["id"]
            found.append(
                {
                    "uuid": row["uuid"],
                    **data,
                    "message": item.message,  # "" for the default wording
                    "created_at": row["created_utc"],
                }
            )
        return found

    def import_reminders(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        if known:
            return "kept"
        self.conn.execute(
            "INSERT INTO reminders (uuid, kind, at_time, days, message, created_utc, "
            "last_sent_day) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                row["uuid"],
                row["kind"],
                row["time"],
                ",".join(str(day) for day in row["days"]),
                row["message"],
                clock.utc_text(row["created_at"]),
                row["last_sent"],
            ),
        )
        return "added"
