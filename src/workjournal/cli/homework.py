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


def _from(text: str | None, *, now: datetime, tz: tzinfo) -> date | None:
    """``--from``: the day the assignment's target counts from (today at the latest)."""
    if text is None:
        return None
    day = checked("--from", lambda: clock.parse_day(text, now=now, tz=tz, option="--from"))
    if day > now.astimezone(tz).date():
        raise typer.BadParameter(
            f"{day.isoformat()} is in the future; give the day the therapist set it, or today.",
            param_hint="'--from'",
        )
    return day


FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="WHEN",
        help="The day it was set, e.g. 'last tuesday' (default: today); targets count from it.",
    ),
]


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
    starts: FromOpt = None,
) -> None:
    """Add an assignment from your therapist (or, with --self, practice you chose).

    Example: journal homework add "Walk" --per-week 3 --from "last tuesday"
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
            starts=_from(starts, now=now, tz=tz),
        ),
    )
    with common.open_journal(ctx, write=True) as store:
        hw = store.add_homework(new, created_at=now)
    info(f"Added {_describe(hw)}.")


@homework_app.command("done")
def done(
    ctx: typer.Context,
    homework_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The homework's id.")
    ],
    at: Annotated[
        str | None, typer.Option("--at", metavar="WHEN", help="When you did it (default: now).")
    ] = None,
    rating: Annotated[
        int | None,
        typer.Option("--rating", metavar="0-10", min=0, max=10, help="How helpful it felt, 0-10."),
    ] = None,
    before: common.DistressBeforeOpt = None,
    after: common.DistressAfterOpt = None,
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
        hw = store.get_homework(homework_id)
        if done_at.astimezone(tz).date() < hw.start_date:
            raise InvalidInput(
                f"homework {homework_id} starts on {hw.start_date:%a %d %b %Y}, after "
                f"{done_at.astimezone(tz):%a %d %b %Y}; nothing was logged. If it was set "
                f"earlier, move its start: journal homework edit {homework_id} --from "
                f"{done_at.astimezone(tz).date().isoformat()}"
            )
        log = store.log_homework(new, created_at=now)
        first, last = this_week(ctx, now.astimezone(tz).date())
        logs = store.homework_logs_for_progress(*utc_window(first, last))
        progress = homework_progress([hw], logs, week_start_date=first, week_end_date=last)
    parts = [f"Logged homework {hw.id} ({hw.title})", clock.format_moment(log.done_at)]
    if log.partial:
        parts.append("partly done")
    message = " · ".join(parts) + "."
    if progress and log.done_at.date() >= first:
        message += f" This week: {progress[0].summary()}."
    info(f"{message} (Logged by mistake? journal homework undo {log.id})")


@homework_app.command("list")
def list_homework(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include closed and finished assignments.")
    ] = False,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """Show your assignments with this week's progress and when you last did each
    (`journal homework show ID` lists every time you logged one, with its log id).

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
        # Each assignment as the JSON export writes it (Homework.to_json), then this week's
        # progress: one shape per kind, plus what only the list knows.
        common.print_json(
            [
                {
                    **p.homework.to_json(),
                    **p.to_json(),
                    "done_this_week": p.done,
                    "partial_this_week": p.partial,
                }
                for p in progress
            ]
        )
        return
    from workjournal import render

    render.homework_table(progress, week=(first, last), show_all=show_all)


@homework_app.command("show")
def show(
    ctx: typer.Context,
    homework_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The homework's id.")
    ],
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """Show one assignment and every time you logged it, with each time's log id (the LOG_ID
    `journal homework undo` takes). With --format json, the homework as the export writes it,
    its logged times under "log".

    Example: journal homework show 2
    """
    with common.open_journal(ctx, write=False) as store:
        hw = store.get_homework(homework_id)
        logs = store.logs_of_homework(homework_id)
    if fmt is ShortFormat.json:
        common.print_json({**hw.to_json(), "log": [log.to_json() for log in logs]})
        return
    from workjournal import render

    heading = _describe(hw)
    render.homework_detail(hw, logs, heading=heading[0].upper() + heading[1:])


@homework_app.command("close")
def close(
    ctx: typer.Context,
    homework_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The homework's id.")
    ],
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


@homework_app.command("edit")
def edit(
    ctx: typer.Context,
    homework_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The homework's id.")
    ],
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="New title.")] = None,
    per_week: Annotated[
        int | None,
        typer.Option(
            "--per-week", metavar="N", min=1, max=50, help="New target: times a week (1-50)."
        ),
    ] = None,
    daily: Annotated[
        bool, typer.Option("--daily", help="New target: every day (7 times a week).")
    ] = False,
    starts: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="WHEN",
            help="A new day it was set, e.g. 'last tuesday'; targets count from it "
            "(default: unchanged).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="WHEN", help="New last day, e.g. 2026-12-18."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="New note (replaces the old).")
    ] = None,
) -> None:
    """Change an assignment: only what you give is replaced; the rest stays as it is.

    Example: journal homework edit 2 --per-week 3 --from "last tuesday"
    """
    if daily and per_week is not None:
        raise typer.BadParameter(
            "give either --daily or --per-week, not both.", param_hint="'--daily'"
        )
    if (title, per_week, starts, until, note) == (None,) * 5 and not daily:
        from workjournal.cli.records import nothing_to_change

        nothing_to_change()
        return
    now, tz = common.now_and_tz()
    start_day = _from(starts, now=now, tz=tz)
    last_day = _until(until, now=now, tz=tz)
    with common.open_journal(ctx, write=True) as store:
        old = store.get_homework(homework_id)
        new = checked(
            "--title",
            lambda: NewHomework(
                title=old.title if title is None else title.strip(),
                per_week=7 if daily else (old.per_week if per_week is None else per_week),
                until=old.until if last_day is None else last_day,
                note=old.note if note is None else note,
                set_by=old.set_by,
                starts=old.starts if start_day is None else start_day,
            ),
        )
        hw = store.update_homework(homework_id, new)
    info(f"Changed {_describe(hw)}.")


@homework_app.command("delete")
def delete(
    ctx: typer.Context,
    homework_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The homework's id.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an assignment and what was logged for it, for good (asks first unless --yes).
    To keep its log, `journal homework close ID` instead.

    Example: journal homework delete 2
    """
    from workjournal.cli.records import confirm_delete

    with common.open_journal(ctx, write=True) as store:
        hw = store.get_homework(homework_id)
        logged = store.count_homework_logs(homework_id)
        what = f"homework {homework_id}"
        question = f"Delete {what} ({hw.title})?"
        if logged:
            times = "time" if logged == 1 else "times"
            question = (
                f"Delete {what} ({hw.title}) and the {logged} {times} you logged it? "
                f"(`journal homework close {homework_id}` keeps them.)"
            )
        if not confirm_delete(what, question, yes=yes):
            return
        store.delete_record("homework", homework_id)
    gone = f" and {logged} logged time{'s' if logged != 1 else ''}" if logged else ""
    info(f"Deleted homework {homework_id} ({hw.title}){gone}.")


@homework_app.command("undo")
def undo(
    ctx: typer.Context,
    log_id: Annotated[
        int,
        typer.Argument(
            max=common.ID_MAX,
            metavar="LOG_ID",
            help="The logged time's id (`homework done` says it; `homework show ID` lists them).",
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a time you logged by mistake with `journal homework done` (asks unless --yes).

    Example: journal homework undo 14
    """
    from workjournal.cli.records import confirm_delete

    with common.open_journal(ctx, write=True) as store:
        log = store.get_homework_log(log_id)
        hw = store.get_homework(log.homework_id)
        what = f"logged time {log_id}"
        question = (
            f"Remove {what} of homework {hw.id} ({hw.title}, {clock.format_moment(log.done_at)})?"
        )
        if not confirm_delete(what, question, yes=yes):
            return
        store.delete_record("homework_log", log_id)
    info(f"Removed logged time {log_id} of homework {hw.id} ({hw.title}).")


def register(app: typer.Typer) -> None:
    app.add_typer(homework_app, name="homework")
