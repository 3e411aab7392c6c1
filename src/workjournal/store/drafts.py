"""Drafts' SQL. A mixin of :class:`workjournal.store.Store`."""

from __future__ import annotations

import json
import uuid as uuid_module
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workjournal import clock
from workjournal.drafts import Draft
from workjournal.errors import NotFound

if TYPE_CHECKING:
    import sqlite3


class DraftStore:
    conn: sqlite3.Connection

    def write(self) -> AbstractContextManager[None]:  # provided by Store
        raise NotImplementedError

    def save_draft(self, command: str, fields: dict[str, Any], *, now: datetime) -> Draft:
        utc, offset = clock.to_db(now)
        with self.write():
            draft_id = self.conn.execute(
                "INSERT INTO drafts (uuid, command, fields, created_utc, created_offset) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    command,
                    json.dumps(fields, ensure_ascii=False),
                    utc,
                    offset,
                ),
            ).lastrowid
        return self.get_draft(int(draft_id or 0))

    def get_draft(self, draft_id: int) -> Draft:
        row = self.conn.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise NotFound(f"there is no draft {draft_id}; `journal drafts` lists them.")
        return _draft(row)

    def list_drafts(self, command: str | None = None) -> list[Draft]:
        if command is None:
            rows = self.conn.execute("SELECT * FROM drafts ORDER BY id")
        else:
            rows = self.conn.execute(
                "SELECT * FROM drafts WHERE command = ? ORDER BY id", (command,)
            )
        return [_draft(row) for row in rows]

    def discard_draft(self, draft_id: int) -> None:
        with self.write():
            if not self.conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount:
                raise NotFound(f"there is no draft {draft_id}; `journal drafts` lists them.")


def _draft(row: Any) -> Draft:
    try:
        fields = json.loads(row["fields"])
    except ValueError:
        fields = {}
    return Draft(
        id=row["id"],
        command=row["command"],
        fields=fields if isinstance(fields, dict) else {},
        created_at=clock.from_db(row["created_utc"], row["created_offset"]),
    )
