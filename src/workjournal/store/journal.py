"""``Store``: one open journal, composed of one class per concern over one connection."""

from __future__ import annotations

from workjournal.store.aggregates import AggregatesStore
from workjournal.store.between import BetweenStore
from workjournal.store.cards import CardStore
from workjournal.store.drafts import DraftStore
from workjournal.store.reminders import ReminderStore
from workjournal.store.transfer import TransferStore


class Store(TransferStore, BetweenStore, AggregatesStore, CardStore, ReminderStore, DraftStore):
    """One open journal. Use as a context manager: leaving it closes the connection and turns any
    SQLite error into a :class:`StorageError` with a message for the user.

    Each concern lives in its own module (see docs/architecture.md): opening and transactions in
    ``opening``, entries and labels in ``entries``, report aggregates in ``aggregates``, the
    between-session records in ``between``, export and import in ``transfer``."""
