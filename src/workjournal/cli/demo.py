"""`journal demo`: try everything on a realistic sample journal, never the real one."""

from __future__ import annotations

import os
import shlex
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from workjournal.cli import common
from workjournal.errors import InvalidInput


def _remove_earlier_demo(path: Path) -> None:
    """Remove the demo journal at ``path`` and its -wal/-shm, but only when ``path`` is one that
    `journal demo` made (marked in its header); refuse anything else, leaving it untouched."""
    from workjournal.store.opening import is_demo_journal

    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    if not os.path.lexists(path):
        found = [str(p) for p in sidecars if os.path.lexists(p)]
        if found:
            raise InvalidInput(
                f"{' and '.join(found)} {'is' if len(found) == 1 else 'are'} beside {path} "
                "without a demo journal, so the demo left them alone. Remove them yourself, "
                "or pass --db for the demo."
            )
        return
    if not is_demo_journal(path):
        raise InvalidInput(
            f"{path} is not a demo journal made by `journal demo`, so it was left alone. Move "
            "it elsewhere, or pass --db to put the demo at another path."
        )
    for leftover in (path, *sidecars):
        leftover.unlink(missing_ok=True)


def demo(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=104, help="How many weeks of sample entries.")
    ] = 6,
) -> None:
    """Build a sample journal to explore, beside your real one (which is never touched).

    Without --db it (re)creates demo.db next to your journal, replacing only a demo journal it
    made before (marked as one in its file header); with --db it fills that path, refusing one
    that already has entries.

    Example: journal demo --weeks 8
    """
    from workjournal.demo import sample_entries, sample_work
    from workjournal.models import NewHomeworkLog
    from workjournal.store import open_store

    st = common.state(ctx)
    if st.db_option is None:
        real = common.resolve_db_path(None)
        path = real.with_name("demo.db")
        if path.resolve() == real.resolve():  # pragma: no cover - only if the journal is demo.db
            raise InvalidInput("your journal itself is called demo.db; pass --db for the demo.")
        _remove_earlier_demo(path)
    else:
        path = st.db_path
    now, tz = common.now_and_tz()
    work = sample_work(now=now, tz=tz, weeks=weeks)
    with open_store(path, create=True) as store:
        if store.count_entries():
            raise InvalidInput(
                f"{path} already has entries; the demo only fills an empty journal. "
                "Run `journal demo` without --db to get a separate demo journal."
            )
        count = store.add_entries(sample_entries(now=now, tz=tz, weeks=weeks))
        for assignment, done in work.homework:
            homework = store.add_homework(assignment, created_at=now - timedelta(weeks=weeks))
            for done_at, rating, partial in done:
                store.log_homework(
                    NewHomeworkLog(homework.id, done_at, rating=rating, partial=partial),
                    created_at=done_at,
                )
        for at, note in work.sessions:
            store.add_session(at, note=note, created_at=at)
        for instrument, answers, taken_at in work.checkins:
            store.add_checkin(instrument, answers, taken_at=taken_at, created_at=taken_at)
        for record in work.thought_records:
            store.add_thought_record(record, created_at=record.occurred_at)
        store.mark_as_demo()
    common.info(f"Wrote a demo journal with {count} sample entries over {weeks} weeks to {path}.")

    # A taste of the weekly review, from the same code as `journal week`.
    from workjournal.cli.reports import week

    st.db_option = path
    typer.echo("A taste of the weekly review (`journal week`):\n")
    week(ctx)
    db = shlex.quote(str(path))
    typer.echo(
        "\n".join(
            [
                "",
                "Explore the demo with:",
                f"  journal --db {db} week --last",
                f"  journal --db {db} patterns",
                f"  journal --db {db} list --trigger work --mood 1-4",
                f"  journal --db {db} prep",
                f"  journal --db {db} homework list",
                f"  journal --db {db} export --format html --out demo-report.html",
                "",
                "Your own journal is separate: `journal add` writes there.",
            ]
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(demo)
