"""Looking back: the weekly review, the month, the year in pixels, streaks, patterns, triggers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import ReportFormat, ShortFormat, checked

DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="A day in it: 2026-11-20, today, last monday, 3 weeks ago."),
]
ShortFormatOpt = Annotated[ShortFormat, typer.Option("--format", "-f")]

# A local day can start up to 14 hours before its UTC midnight and end 12 hours after it, so
# a window this much wider in UTC holds every entry whose own local day is in range.
_EARLIEST_OFFSET = timedelta(hours=14)
_LATEST_OFFSET = timedelta(hours=12)


def utc_window(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC bounds that hold every entry whose local day (in its own offset) is start..end."""
    since = datetime.combine(start, time.min, tzinfo=UTC) - _EARLIEST_OFFSET
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC) + _LATEST_OFFSET
    return since, until


def _day(ctx: typer.Context, text: str | None) -> date:
    now, tz = common.now_and_tz()
    if text is None:
        return now.astimezone(tz).date()
    return checked("--date", lambda: clock.parse_day(text, now=now, tz=tz, option="--date"))


def week(
    ctx: typer.Context,
    when: DateOpt = None,
    last: Annotated[bool, typer.Option("--last", help="The week before this one.")] = False,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
) -> None:
    """Your week with curiosity: days logged, mood by day, triggers, what helped.

    Example: journal week --last
    """
    from workjournal.models import EntryFilter
    from workjournal.reports.common import week_start
    from workjournal.reports.week import weekly_review

    if when is not None and last:
        raise typer.BadParameter("give either --date or --last, not both.", param_hint="'--last'")
    first_weekday = common.state(ctx).config.week_start
    day = _day(ctx, when) - timedelta(days=7 if last else 0)
    start = week_start(day, first_weekday)
    since, until = utc_window(start - timedelta(days=7), start + timedelta(days=6))
    with common.open_journal(ctx, write=False) as store:
        entries = store.list_entries(EntryFilter(since=since, until=until, newest_first=False))
    review = weekly_review(entries, start=start, first_weekday=first_weekday)
    if fmt is ReportFormat.json:
        common.print_json(review.to_json())
        return
    from workjournal import render

    if fmt is ReportFormat.md:
        typer.echo(render.week_markdown(review), nl=False)
    else:
        render.week_review(review)


def register(app: typer.Typer) -> None:
    app.command()(week)
