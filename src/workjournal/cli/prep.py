"""``journal prep``: the time since the last session, gathered to bring to the next one."""

from __future__ import annotations

from typing import Annotated

import typer

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
    """Prepare for your next session: days logged, mood, the lowest moods, triggers, homework,
    thought records, check-ins and everything you flagged to discuss.

    Example: journal prep --format md > prep.md
    """
    from workjournal import gather

    now, tz = common.now_and_tz()
    start, _ = common.parse_bounds(since, None, now=now, tz=tz)
    with common.open_journal(ctx, write=False) as store:
        result = gather.prep(
            store,
            since=start,
            now=now,
            tz=tz,
            include_private=include_private,
            first_weekday=common.state(ctx).config.week_start,
        )
    if fmt is ReportFormat.json:
        common.print_json(result.to_json())
    elif fmt is ReportFormat.md:
        from workjournal.exporters.markdown import prep_markdown

        typer.echo(prep_markdown(result), nl=False)
    else:
        from workjournal import render

        render.prep_report(result)


def register(app: typer.Typer) -> None:
    app.command()(prep)
