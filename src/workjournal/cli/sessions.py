"""Therapy sessions: record them, list them."""

from __future__ import annotations

from typing import Annotated

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.models import check_text

session_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Therapy sessions: record when they happen; `journal prep` covers the time since.\n\n"
    'Example: journal session add "today 15:00" --note "talked about work"',
)


@session_app.command("add")
def add(
    ctx: typer.Context,
    when: Annotated[
        str | None,
        typer.Argument(help="When: now (default), today 15:00, 2026-11-17 15:00, monday 10am."),
    ] = None,
    note: Annotated[
        str, typer.Option("--note", metavar="TEXT", help="Anything to remember about it.")
    ] = "",
) -> None:
    """Record a therapy session (a booked one can be in the future).

    Example: journal session add "tuesday 15:00" --note "talked about the exposure ladder"
    """
    now, tz = common.now_and_tz()
    at = now
    if when is not None:
        at = checked(
            "WHEN", lambda: clock.parse_when(when, now=now, tz=tz, option="WHEN", allow_future=True)
        )
    checked("--note", lambda: check_text(note))
    with common.open_journal(ctx, write=True) as store:
        session = store.add_session(at, note=note, created_at=now)
    upcoming = " (upcoming)" if session.at > now else ""
    info(f"Recorded session {session.id} · {clock.format_moment(session.at)}{upcoming}.")


@session_app.command("list")
def list_sessions(
    ctx: typer.Context,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """List your recorded sessions, oldest first.

    Example: journal session list
    """
    now, _ = common.now_and_tz()
    with common.open_journal(ctx, write=False) as store:
        sessions = store.list_sessions()
    if fmt is ShortFormat.json:
        common.print_json([{**s.to_json(), "upcoming": s.at > now} for s in sessions])
        return
    from workjournal import render

    render.sessions_table(sessions, now=now)


@session_app.command("edit")
def edit(
    ctx: typer.Context,
    session_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The session's id.")
    ],
    when: Annotated[
        str | None,
        typer.Argument(help="When it took place instead: today 15:00, 2026-11-17 15:00."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Its note instead.")
    ] = None,
) -> None:
    """Correct a recorded session's time or note; only what you give is changed.

    Example: journal session edit 4 "2026-11-17 15:00"
    """
    if when is None and note is None:
        from workjournal.cli.records import nothing_to_change

        nothing_to_change()
        return
    now, tz = common.now_and_tz()
    at = None
    if when is not None:
        at = checked(
            "WHEN", lambda: clock.parse_when(when, now=now, tz=tz, option="WHEN", allow_future=True)
        )
    if note is not None:
        checked("--note", lambda: check_text(note))
    with common.open_journal(ctx, write=True) as store:
        old = store.get_session(session_id)
        session = store.update_session(
            session_id, at=old.at if at is None else at, note=old.note if note is None else note
        )
    info(f"Changed session {session.id} · {clock.format_moment(session.at)}.")


@session_app.command("delete")
def delete(
    ctx: typer.Context,
    session_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The session's id.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a session recorded by mistake (asks first unless --yes).

    Example: journal session delete 4
    """
    from workjournal.cli.records import confirm_delete

    with common.open_journal(ctx, write=True) as store:
        session = store.get_session(session_id)
        what = f"session {session_id}"
        question = f"Delete {what} ({clock.format_moment(session.at)})?"
        if not confirm_delete(what, question, yes=yes):
            return
        store.delete_record("sessions", session_id)
    info(f"Deleted session {session_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(session_app, name="session")
