"""The diary card's SQL: cards (one per local day) and the person's lists of targets, emotions
and custom ratings. A mixin of :class:`workjournal.store.Store`, over its connection."""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workjournal import clock
from workjournal.cards import CardChange, CardItem, CardItems, DiaryCard, card_from_values
from workjournal.errors import InvalidInput, NotFound
from workjournal.models import ExportScope, ImportResult

if TYPE_CHECKING:
    import sqlite3


class CardStore:
    conn: sqlite3.Connection

    def write(self) -> AbstractContextManager[None]:  # provided by Store
        raise NotImplementedError

    # -- the person's lists --------------------------------------------------------------------

    def card_items(self) -> CardItems:
        rows = self.conn.execute("SELECT * FROM card_items ORDER BY kind, position, id")
        return CardItems(tuple(_item(row) for row in rows))

    def add_card_item(
        self,
        kind: str,
        name: str,
        *,
        created_at: datetime,
        low: int | None = None,
        high: int | None = None,
    ) -> tuple[CardItem, bool]:
        """Add ``name`` to a list (or bring back a removed one); returns (item, was_new)."""
        with self.write():
            row = self.conn.execute(
                "SELECT * FROM card_items WHERE kind = ? AND name = ?", (kind, name)
            ).fetchone()
            if row is not None:
                if row["active"] and (
                    kind != "rate" or (row["range_low"], row["range_high"]) == (low, high)
                ):
                    return _item(row), False
                self.conn.execute(
                    "UPDATE card_items SET active = 1, range_low = ?, range_high = ? WHERE id = ?",
                    (low, high, row["id"]),
                )
                item_id = row["id"]
            else:
                position = self.conn.execute(
                    "SELECT coalesce(max(position), 0) + 1 FROM card_items WHERE kind = ?", (kind,)
                ).fetchone()[0]
                item_id = self.conn.execute(
                    "INSERT INTO card_items (uuid, kind, name, range_low, range_high, position, "
                    "created_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        str(uuid_module.uuid4()),
                        kind,
                        name,
                        low,
                        high,
                        position,
                        clock.utc_text(created_at),
                    ),
                ).lastrowid
            found = self.conn.execute("SELECT * FROM card_items WHERE id = ?", (item_id,))
            return _item(found.fetchone()), True

    def remove_card_item(self, kind: str, name: str) -> None:
        """Take ``name`` off the list; cards that recorded it keep their values."""
        with self.write():
            done = self.conn.execute(
                "UPDATE card_items SET active = 0 WHERE kind = ? AND name = ? AND active = 1",
                (kind, name),
            )
            if not done.rowcount:
                raise NotFound(f"{name!r} is not on your card's list of {kind}s.")

    # -- cards ---------------------------------------------------------------------------------

    def get_card(self, day: date) -> DiaryCard | None:
        row = self.conn.execute(
            "SELECT * FROM diary_cards WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return None if row is None else _card(row)

    def cards_between(self, first: date, last: date) -> list[DiaryCard]:
        rows = self.conn.execute(
            "SELECT * FROM diary_cards WHERE day BETWEEN ? AND ? ORDER BY day",
            (first.isoformat(), last.isoformat()),
        )
        return [_card(row) for row in rows]

    def iter_cards(self) -> Iterator[DiaryCard]:
        for row in self.conn.execute("SELECT * FROM diary_cards ORDER BY day"):
            yield _card(row)

    def record_card(
        self, day: date, change: CardChange, *, now: datetime
    ) -> tuple[DiaryCard, bool]:
        """Record ``change`` on the card of ``day``, creating it; returns (card, was_new).
        Read and write happen in one transaction, so two terminals cannot lose each other's
        fields."""
        with self.write():
            existing = self.get_card(day)
            card = (existing or DiaryCard(day=day)).merged(change)
            values = json.dumps(card.values_json(), ensure_ascii=False, sort_keys=True)
            if existing is None:
                utc, offset = clock.to_db(now)
                card_id = self.conn.execute(
                    "INSERT INTO diary_cards (uuid, day, created_utc, created_offset, skills, "
                    "meds, sleep, note, card_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        str(uuid_module.uuid4()),
                        day.isoformat(),
                        utc,
                        offset,
                        card.skills,
                        card.meds,
                        card.sleep,
                        card.note,
                        values,
                    ),
                ).lastrowid
            else:
                card_id = existing.id
                self.conn.execute(
                    "UPDATE diary_cards SET skills = ?, meds = ?, sleep = ?, note = ?, "
                    "card_values = ?, updated_utc = ? WHERE id = ?",
                    (
                        card.skills,
                        card.meds,
                        card.sleep,
                        card.note,
                        values,
                        clock.utc_text(now),
                        card_id,
                    ),
                )
            row = self.conn.execute("SELECT * FROM diary_cards WHERE id = ?", (card_id,))
            return _card(row.fetchone()), existing is None

    def delete_card(self, day: date) -> None:
        with self.write():
            done = self.conn.execute("DELETE FROM diary_cards WHERE day = ?", (day.isoformat(),))
            if not done.rowcount:
                raise NotFound(f"there is no diary card for {day:%a %d %b %Y}.")


def _item(row: Any) -> CardItem:
    return CardItem(
        id=row["id"],
        kind=row["kind"],
        name=row["name"],
        low=row["range_low"],
        high=row["range_high"],
        active=bool(row["active"]),
    )


def _card(row: Any) -> DiaryCard:
    day = date.fromisoformat(row["day"])
    try:
        values = json.loads(row["card_values"])
    except ValueError:
        raise InvalidInput(f"the diary card for {day} cannot be read (its values).") from None
    if not isinstance(values, dict):
        raise InvalidInput(f"the diary card for {day} cannot be read (its values).")
    return card_from_values(
        day=day,
        id=row["id"],
        uuid=row["uuid"],
        values=values,
        skills=row["skills"],
        meds=row["meds"],
        sleep=row["sleep"],
        note=row["note"],
    )


class CardTransfer:
    """The diary card's part of the JSON export and import (see store/transfer.py)."""

    conn: sqlite3.Connection

    def export_card_items(self, scope: ExportScope) -> list[dict[str, Any]]:
        """Every item of the card's lists (they have no moment to cut by)."""
        rows = self.conn.execute("SELECT * FROM card_items ORDER BY kind, position, id")
        return [
            {
                "uuid": row["uuid"],
                "kind": row["kind"],
                "name": row["name"],
                "range": None
                if row["range_low"] is None
                else [row["range_low"], row["range_high"]],
                "position": row["position"],
                "active": bool(row["active"]),
                "created_at": row["created_utc"],
            }
            for row in rows
        ]

    def export_diary_cards(self, scope: ExportScope) -> list[dict[str, Any]]:
        """The cards of the days from ``scope.since`` to ``scope.until``."""
        since, until = scope.since, scope.until
        found = []
        for row in self.conn.execute("SELECT * FROM diary_cards ORDER BY day"):
            card = _card(row)
            moment = clock.from_db(row["created_utc"], row["created_offset"])
            if since is not None and card.day < since.date():
                continue
            if until is not None and card.day > until.date():
                continue
            data = card.to_json()
            del data["id"]
            found.append(
                {
                    "uuid": row["uuid"],
                    **data,
                    "created_at": moment.isoformat(timespec="seconds"),
                    "updated_at": row["updated_utc"],
                }
            )
        return found

    def import_card_items(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        """Add an imported item, or bring the journal's own item of that name in line with it
        (a new journal starts with the default lists under other uuids)."""
        if known:
            return "kept"
        low, high = row["range"] if row["range"] is not None else (None, None)
        found = self.conn.execute(
            "SELECT id FROM card_items WHERE kind = ? AND name = ?", (row["kind"], row["name"])
        ).fetchone()
        if found is not None:
            self.conn.execute(
                "UPDATE card_items SET active = ?, range_low = ?, range_high = ? WHERE id = ?",
                (int(row["active"]), low, high, found["id"]),
            )
            return "kept"
        self.conn.execute(
            "INSERT INTO card_items (uuid, kind, name, range_low, range_high, position, active, "
            "created_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["uuid"],
                row["kind"],
                row["name"],
                low,
                high,
                row["position"],
                int(row["active"]),
                clock.utc_text(row["created_at"]),
            ),
        )
        return "added"

    def import_diary_cards(self, row: dict[str, Any], *, number: int, known: bool) -> ImportResult:
        """Add an imported card unless the journal has one for that day already: the
        journal's is kept, and reported as a conflict."""
        if known:
            return "kept"
        if self.conn.execute("SELECT 1 FROM diary_cards WHERE day = ?", (row["date"],)).fetchone():
            return "conflict"
        card = DiaryCard(
            day=date.fromisoformat(row["date"]),
            urges=dict(row["urges"]),
            acted=dict.fromkeys(row["acted"], True),
            emotions=dict(row["emotions"]),
            skills=row["skills"],
            skills_used=tuple(row["skills_used"]),
            meds=row["meds"],
            sleep=row["sleep"],
            rates=dict(row["rates"]),
            note=row["note"] or "",
        )
        utc, offset = clock.to_db(row["created_at"])
        self.conn.execute(
            "INSERT INTO diary_cards (uuid, day, created_utc, created_offset, updated_utc, "
            "skills, meds, sleep, note, card_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["uuid"],
                row["date"],
                utc,
                offset,
                None if row["updated_at"] is None else clock.utc_text(row["updated_at"]),
                card.skills,
                card.meds,
                card.sleep,
                card.note,
                json.dumps(card.values_json(), ensure_ascii=False, sort_keys=True),
            ),
        )
        return "added"
