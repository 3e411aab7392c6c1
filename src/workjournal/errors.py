"""Errors the user can act on. Each message is written for the person, not for a developer.

The CLI turns every WorkjournalError into ``Error: <message>`` on stderr and exit code 1, in one
place (``workjournal.cli.main``). Messages never include entry text.
"""

from __future__ import annotations


class WorkjournalError(Exception):
    """An expected failure with a message for the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(WorkjournalError):
    """Something the user typed cannot be accepted (a mood of 11, an unknown date form...)."""


class NotFound(WorkjournalError):
    """An id that names nothing in the journal."""


class NoJournal(WorkjournalError):
    """A read-only command was pointed at a path with no journal."""


class NotAJournal(WorkjournalError):
    """The path exists but is not a workjournal database."""


class NewerJournal(WorkjournalError):
    """The journal was written by a newer version of workjournal."""


class StorageError(WorkjournalError):
    """The journal could not be read or written (disk full, read-only, locked, corrupt)."""


class EncryptionError(WorkjournalError):
    """Encryption is unavailable, the passphrase is wrong, or its source is unsafe."""


class ImportRejected(WorkjournalError):
    """A file to import is not in a format we read, or one of its rows is wrong. Nothing from it
    was imported."""
