"""The habits every kind of record shares when it is changed: delete asks first (unless --yes,
and never without a terminal); edit changes only what was given."""

from __future__ import annotations

from typing import Annotated

import typer

from workjournal.cli import common
from workjournal.cli.common import info
from workjournal.errors import InvalidInput

YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
NOTHING_TO_CHANGE = "Nothing to change: give at least one option (see --help)."


def confirm_delete(what: str, question: str, *, yes: bool) -> bool:
    """True to go ahead. ``what`` names the record ("thought record 3"); ``question`` is asked."""
    if yes:
        return True
    if not common.stdin_is_terminal():
        raise InvalidInput(
            f"deleting {what} needs confirmation: add --yes to delete it without a terminal."
        )
    if typer.confirm(question, err=True):
        return True
    info("Nothing was deleted.")
    return False


def nothing_to_change() -> None:
    info(NOTHING_TO_CHANGE)
