"""The journal on disk. ``open_store`` checks, creates and migrates it; ``Store`` owns every SQL
statement the program runs, one module per concern:

- ``opening``: what is at the path, creation, connection, migrations, transactions, backups;
- ``entries``: entries and their labels;
- ``aggregates``: whole-journal rows the reports sum;
- ``between``: homework and completions, sessions, thought records, check-ins, the safety plan;
- ``transfer``: the JSON export's rows and the import.
"""

from __future__ import annotations

from workjournal.storage_errors import busy_timeout, damaged, translate
from workjournal.store.entries import fts_query
from workjournal.store.journal import Store
from workjournal.store.opening import (
    SQLITE_MAGIC,
    JournalFacts,
    PassphraseSource,
    inspect_journal,
    looks_encrypted,
    open_store,
)
from workjournal.store.transfer import EXPORT_TABLES, ImportedEntryLike

__all__ = [
    "EXPORT_TABLES",
    "SQLITE_MAGIC",
    "ImportedEntryLike",
    "JournalFacts",
    "PassphraseSource",
    "Store",
    "busy_timeout",
    "damaged",
    "fts_query",
    "inspect_journal",
    "looks_encrypted",
    "open_store",
    "translate",
]
