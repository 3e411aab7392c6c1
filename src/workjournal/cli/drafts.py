"""``journal drafts``: what interrupted guided flows kept, and ``journal drafts discard ID``."""

from __future__ import annotations

from typing import Annotated

import typer

from workjournal.cli import common
from workjournal.cli.common import ShortFormat, info
from workjournal.errors import NoJournal

drafts_app = typer.Typer(
    rich_markup_mode=None,
    invoke_without_command=True,
    help=(
        "Drafts: what you had written when a guided question was interrupted. The next "
        "`journal add` (or thought, safety-plan, checkin) offers to continue it.\n\n"
        "Example: journal drafts"
    ),
)


@drafts_app.callback()
def drafts(
    ctx: typer.Context,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """List your drafts, oldest first.

    Example: journal drafts --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    try:
        with common.open_journal(ctx, write=False) as store:
            found = store.list_drafts()
    except NoJournal:
        found = []
    if fmt is ShortFormat.json:
        common.print_json([draft.to_json() for draft in found])
        return
    from workjournal import render

    render.drafts_table(found)


@drafts_app.command("discard")
def discard(
    ctx: typer.Context,
    draft_id: Annotated[int, typer.Argument(metavar="ID", min=1, max=2**62)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Throw a draft away for good (asks first unless --yes).

    Example: journal drafts discard 2
    """
    from workjournal.errors import InvalidInput

    with common.open_journal(ctx, write=True) as store:
        draft = store.get_draft(draft_id)
        if not yes:
            if not common.stdin_is_terminal():
                raise InvalidInput(
                    f"discarding draft {draft_id} needs confirmation: add --yes to discard it "
                    "without a terminal."
                )
            if not typer.confirm(f"Discard draft {draft_id} ({draft.summary()})?", err=True):
                info("Nothing was discarded.")
                return
        store.discard_draft(draft_id)
    info(f"Discarded draft {draft_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(drafts_app, name="drafts")
