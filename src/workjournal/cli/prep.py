"""``journal prep``: the time since the last session, gathered to bring to the next one."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import ReportFormat


def prep(
    ctx: typer.Context,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="WHEN", help="Start here instead of the last session (or 14 days back)."
        ),
    ] = None,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Show the text of private entries too.")
    ] = False,
) -> None:
    """Prepare for your next session: days logged, mood, hardest moments, triggers, homework,
    thought records, check-ins and everything you flagged to discuss.

    Example: journal prep --format md > prep.md
    """
    from workjournal.models import EntryFilter
    from workjournal.reports import prep as report
    from workjournal.reports.homework import homework_progress

    now, tz = common.now_and_tz()
    start_opt, _ = common.parse_bounds(since, None, now=now, tz=tz)
    today = now.astimezone(tz).date()
    with common.open_journal(ctx, write=False) as store:
        sessions = store.list_sessions()
        past = [s for s in sessions if s.at <= now]
        ahead = [s for s in sessions if s.at > now]
        last_session = past[-1] if past and start_opt is None else None
        if start_opt is not None:
            start = start_opt
        elif last_session is not None:
            start = last_session.at
        else:
            start = clock.start_of_day(today - timedelta(days=report.DEFAULT_DAYS - 1), tz)
        entries = store.list_entries(EntryFilter(since=start, until=now, newest_first=False))
        assignments = store.list_homework()
        logs = [
            log
            for log in store.homework_logs(since=start - timedelta(days=1))
            if start <= log.done_at <= now
        ]
        thoughts = store.list_thought_records(since=start, until=now)
        checkins = store.list_checkins(since=start, until=now)
        last_checkin = store.last_checkin()
    progress = homework_progress(
        assignments,
        logs,
        week_start_date=start.astimezone(tz).date(),
        week_end_date=today,
        today=today,
    )
    result = report.session_prep(
        entries,
        start=start.astimezone(tz),
        end=now.astimezone(tz),
        homework=progress,
        thought_records=thoughts,
        checkins=checkins,
        last_session=last_session,
        next_session=ahead[0] if ahead else None,
        last_checkin_at=None if last_checkin is None else last_checkin.taken_at,
        include_private=include_private,
    )
    if fmt is ReportFormat.json:
        common.print_json(result.to_json())
    elif fmt is ReportFormat.md:
        typer.echo(report.prep_markdown(result), nl=False)
    else:
        from workjournal import render

        render.prep_report(result)


def register(app: typer.Typer) -> None:
    app.command()(prep)
