"""Looking back: the weekly review, the month, the year in pixels, streaks, patterns, triggers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import ReportFormat, ShortFormat, checked

DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="WHEN", help="A day in it: 2026-11-20, today, last monday, 3 weeks ago."
    ),
]
ShortFormatOpt = Annotated[ShortFormat, typer.Option("--format", "-f")]


# A local day can start up to 14 hours before its UTC midnight and end 12 hours after it, so
# a window this much wider in UTC holds every entry whose own local day is in range.
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
    from workjournal import gather

    if when is not None and last:
        raise typer.BadParameter("give either --date or --last, not both.", param_hint="'--last'")
    now, tz = common.now_and_tz()
    day = _day(ctx, when) - timedelta(days=7 if last else 0)
    with common.open_journal(ctx, write=False) as store:
        review = gather.week(
            store, day=day, first_weekday=common.state(ctx).config.week_start, now=now, tz=tz
        )
        if fmt is not ReportFormat.json and review.start <= now.astimezone(tz).date() <= review.end:
            from workjournal import reminder_mirror

            # The weekly reminder stays quiet once the week's review has been read.
            reminder_mirror.note_week_opened(store, review.start)
    if fmt is ReportFormat.json:
        common.print_json(review.to_json())
        return
    if fmt is ReportFormat.md:
        from workjournal.exporters.markdown import week_markdown

        typer.echo(week_markdown(review), nl=False)
    else:
        from workjournal import render

        render.week_review(review)


def month(ctx: typer.Context, when: DateOpt = None) -> None:
    """The month as a calendar, each day coloured by its mood, with the month's summary.

    Example: journal month --date 2026-10-01
    """
    from workjournal.models import EntryFilter
    from workjournal.reports.common import utc_window
    from workjournal.reports.month import month_bounds, month_view

    first_weekday = common.state(ctx).config.week_start
    day = _day(ctx, when)
    since, until = utc_window(*month_bounds(day))
    with common.open_journal(ctx, write=False) as store:
        entries = store.list_entries(EntryFilter(since=since, until=until, newest_first=False))
    from workjournal import render

    now, tz = common.now_and_tz()
    today = now.astimezone(tz).date()
    render.month_view(month_view(entries, day=day, first_weekday=first_weekday, today=today))


def calendar(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", metavar="YYYY", min=1, max=9999, help="The year (default: this one)."
        ),
    ] = None,
) -> None:
    """A year in pixels: one cell per day coloured by its mood, blank where nothing was logged.

    Example: journal calendar --year 2026
    """
    from workjournal.reports.calendar import year_in_pixels
    from workjournal.reports.common import moments_from_rows, utc_window

    now, tz = common.now_and_tz()
    chosen = year or now.astimezone(tz).year
    since, until = utc_window(date(chosen, 1, 1), date(chosen, 12, 31))
    with common.open_journal(ctx, write=False) as store:
        moments = moments_from_rows(store.mood_rows(since, until))
    from workjournal import render

    render.year_in_pixels(year_in_pixels(moments, year=chosen))


def streak(ctx: typer.Context, fmt: ShortFormatOpt = ShortFormat.table) -> None:
    """Days logged lately, and your runs of logged days (a run survives one missed day).

    Example: journal streak --format json
    """
    from workjournal.reports.streak import streak as count_streak

    now, tz = common.now_and_tz()
    with common.open_journal(ctx, write=False) as store:
        days = store.logged_days()
    result = count_streak(map(date.fromisoformat, days), today=now.astimezone(tz).date())
    if fmt is ShortFormat.json:
        common.print_json(result.to_json())
        return
    from workjournal import render

    render.streak(result)


def patterns(
    ctx: typer.Context,
    since: common.SinceOpt = None,
    until: common.UntilOpt = None,
    fmt: ShortFormatOpt = ShortFormat.table,
) -> None:
    """What appeared together: triggers and tags with mood, weekdays, times of day.

    Example: journal patterns --since "3 months ago"
    """
    from workjournal.reports.patterns import patterns as find_patterns
    from workjournal.reports.patterns import top_triggers

    now, tz = common.now_and_tz()
    start, end = common.parse_bounds(since, until, now=now, tz=tz)
    with common.open_journal(ctx, write=False) as store:
        days = store.day_totals(start, end)
        hours = store.hour_totals(start, end)
        totals = store.label_totals(start, end)
        together = store.label_pairs("trigger", start, end)
        emotions = store.labels_appearing_with(
            "trigger", top_triggers(totals), "emotion", start, end
        )
    result = find_patterns(
        days,
        hours,
        totals,
        together=together,
        emotions_with=emotions,
        since=start.astimezone(tz).date() if start else None,
        until=end.astimezone(tz).date() if end else None,
        first_weekday=common.state(ctx).config.week_start,
    )
    if fmt is ShortFormat.json:
        common.print_json(result.to_json())
        return
    from workjournal import render

    render.patterns(result)


def triggers(ctx: typer.Context, fmt: ShortFormatOpt = ShortFormat.table) -> None:
    """Every trigger with how often it came up, first and last seen, and the mean mood.

    Example: journal triggers --format json
    """
    from workjournal.reports.triggers import trigger_list

    with common.open_journal(ctx, write=False) as store:
        result = trigger_list(store.trigger_totals())
    if fmt is ShortFormat.json:
        common.print_json(result.to_json())
        return
    from workjournal import render

    render.trigger_list(result)


def register(app: typer.Typer) -> None:
    for command in (week, month, calendar, streak, patterns, triggers):
        app.command()(command)
