"""Homework and practice between sessions: add, done, list, close."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Annotated

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.errors import InvalidInput
from workjournal.models import Homework, NewHomework, NewHomeworkLog

homework_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Homework and practice between sessions: add, done, list, close.\n\n"
    'Example: journal homework add "Breathing exercise" --daily',
)

ScaleOpt = Annotated[int | None, typer.Option(min=0, max=10)]


def _until(text: str | None, *, now: datetime, tz: tzinfo) -> date | None:
    if text is None:
        return None
    day = checked("--until", lambda: clock.parse_day(text, now=now, tz=tz, option="--until"))
    if day < now.astimezone(tz).date():
        raise typer.BadParameter(
            f"{day.isoformat()} has already passed; give the last day of the assignment, "
            "e.g. 2026-12-18.",
            param_hint="'--until'",
        )
    return day


def _describe(hw: Homework) -> str:
    parts = [f"homework {hw.id}: {hw.title}"]
    if hw.per_week == 7:
        parts.append("daily")
    elif hw.per_week is not None:
        parts.append(f"{hw.per_week} time{'s' if hw.per_week != 1 else ''} a week")
    if hw.until is not None:
        parts.append(f"until {hw.until:%a %d %b %Y}")
    parts.append("set by you" if hw.set_by == "self" else "set by your therapist")
    return " · ".join(parts)


def this_week(ctx: typer.Context, today: date) -> tuple[date, date]:
    """The configured week (``week_start`` in the config) that contains ``today``."""
    from workjournal.reports.common import week_start

    first = week_start(today, common.state(ctx).config.week_start)
    return first, first + timedelta(days=6)


@homework_app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What to practise.")],
    per_week: Annotated[
        int | None,
        typer.Option("--per-week", metavar="N", min=1, max=50, help="Times a week (1-50)."),
    ] = None,
    daily: Annotated[bool, typer.Option("--daily", help="Every day (7 times a week).")] = False,
    until: Annotated[
        str | None, typer.Option("--until", metavar="WHEN", help="The last day, e.g. 2026-12-18.")
    ] = None,
    note: Annotated[
        str, typer.Option("--note", metavar="TEXT", help="Details or instructions.")
    ] = "",
    self_set: Annotated[
        bool, typer.Option("--self", help="Practice you chose yourself (not from therapy).")
    ] = False,
) -> None:
    """Add an assignment from your therapist (or, with --self, practice you chose).

    Example: journal homework add "Breathing exercise" --daily --self
    """
    if daily and per_week is not None:
        raise typer.BadParameter(
            "give either --daily or --per-week, not both.", param_hint="'--daily'"
        )
    now, tz = common.now_and_tz()
    new = checked(
        "TITLE",
        lambda: NewHomework(
            title=title.strip(),
            per_week=7 if daily else per_week,
            until=_until(until, now=now, tz=tz),
            note=note,
            set_by="self" if self_set else "therapist",
        ),
    )
    with common.open_journal(ctx, write=True) as store:
        hw = store.add_homework(new, created_at=now)
    info(f"Added {_describe(hw)}.")


@homework_app.command("done")
def done(
    ctx: typer.Context,
    homework_id: Annotated[int, typer.Argument(metavar="ID", help="The homework's id.")],
    at: Annotated[
        str | None, typer.Option("--at", metavar="WHEN", help="When you did it (default: now).")
    ] = None,
    rating: Annotated[
        int | None,
        typer.Option("--rating", metavar="0-10", min=0, max=10, help="How helpful it felt, 0-10."),
    ] = None,
    before: Annotated[
        int | None,
        typer.Option("--before", metavar="0-10", min=0, max=10, help="Distress before, 0-10."),
    ] = None,
    after: Annotated[
        int | None,
        typer.Option("--after", metavar="0-10", min=0, max=10, help="Distress after, 0-10."),
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="How it went.")] = "",
    partial: Annotated[bool, typer.Option("--partial", help="You did part of it.")] = False,
) -> None:
    """Log that you did an assignment (or part of it): every try counts.

    Example: journal homework done 2 --rating 7 --before 6 --after 3
    """
    now, tz = common.now_and_tz()
    done_at = common.parse_at(at, now=now, tz=tz)
    new = checked(
        "--note",
        lambda: NewHomeworkLog(
            homework_id=homework_id,
            done_at=done_at,
            rating=rating,
            distress_before=before,
            distress_after=after,
            note=note,
            partial=partial,
        ),
    )
    from workjournal.reports.common import utc_window
    from workjournal.reports.homework import homework_progress

    with common.open_journal(ctx, write=True) as store:
        log = store.log_homework(new, created_at=now)
        hw = store.get_homework(homework_id)
        first, last = this_week(ctx, now.astimezone(tz).date())
        logs = store.homework_logs_for_progress(*utc_window(first, last))
        progress = homework_progress([hw], logs, week_start_date=first, week_end_date=last)
    parts = [f"Logged homework {hw.id} ({hw.title})", clock.format_moment(log.done_at)]
    if log.partial:
        parts.append("partly done")
    message = " · ".join(parts) + "."
    if progress and log.done_at.date() >= first:
        message += f" This week: {progress[0].summary()}."
    info(message)


@homework_app.command("list")
def list_homework(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include closed and finished assignments.")
    ] = False,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """Show your assignments with this week's progress and when you last did each.

    Example: journal homework list --format json
    """
    from workjournal import gather

    now, tz = common.now_and_tz()
    today = now.astimezone(tz).date()
    with common.open_journal(ctx, write=False) as store:
        progress, (first, last) = gather.homework_this_week(
            store,
            today=today,
            first_weekday=common.state(ctx).config.week_start,
            show_all=show_all,
        )
    if fmt is ShortFormat.json:
        common.print_json(
            [
                {**p.to_json(), "done_this_week": p.done, "partial_this_week": p.partial}
                for p in progress
            ]
        )
        return
    from workjournal import render

    render.homework_table(progress, week=(first, last), show_all=show_all)


@homework_app.command("close")
def close(
    ctx: typer.Context,
    homework_id: Annotated[int, typer.Argument(metavar="ID", help="The homework's id.")],
) -> None:
    """Close an assignment you have finished or stopped; its log stays in your journal.

    Example: journal homework close 2
    """
    now, _ = common.now_and_tz()
    with common.open_journal(ctx, write=True) as store:
        before = store.get_homework(homework_id)
        if before.closed_at is not None:
            raise InvalidInput(
                f"homework {homework_id} was already closed on "
                f"{before.closed_at:%a %d %b %Y}; nothing was changed."
            )
        hw = store.close_homework(homework_id, closed_at=now)
    info(f"Closed homework {hw.id} ({hw.title}). What you logged stays in your journal.")


def register(app: typer.Typer) -> None:
    app.add_typer(homework_app, name="homework")
