"""`journal demo`: try everything on a realistic sample journal, never the real one."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from workjournal.cli import common
from workjournal.errors import InvalidInput


def _remove_journal(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def demo(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=104, help="How many weeks of sample entries.")
    ] = 6,
) -> None:
    """Build a sample journal to explore, beside your real one (which is never touched).

    Without --db it (re)creates demo.db next to your journal; with --db it fills that path,
    refusing one that already has entries.

    Example: journal demo --weeks 8
    """
    from workjournal.demo import sample_entries
    from workjournal.store import open_store

    st = common.state(ctx)
    real = common.resolve_db_path(None) if st.db_option is None else None
    if st.db_option is None:
        assert real is not None
        path = real.with_name("demo.db")
        if path.resolve() == real.resolve():  # pragma: no cover - only if the journal is demo.db
            raise InvalidInput("your journal itself is called demo.db; pass --db for the demo.")
        _remove_journal(path)
    else:
        path = st.db_path
    now, tz = common.now_and_tz()
    with open_store(path, create=True) as store:
        if store.count_entries():
            raise InvalidInput(
                f"{path} already has entries; the demo only fills an empty journal. "
                "Run `journal demo` without --db to get a separate demo journal."
            )
        count = store.add_entries(sample_entries(now=now, tz=tz, weeks=weeks))
    common.info(f"Wrote a demo journal with {count} sample entries over {weeks} weeks to {path}.")
    db = shlex.quote(str(path))
    typer.echo(
        "\n".join(
            [
                "Explore it with:",
                f"  journal --db {db} list",
                f"  journal --db {db} list --trigger work --mood 1-4",
                f"  journal --db {db} show 1",
                "",
                "Your own journal is separate: `journal add` writes there.",
            ]
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(demo)
