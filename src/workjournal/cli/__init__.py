"""The ``journal`` command. Thin: parse arguments, call the store, reports or exporters, and
hand the result to ``render``. Every WorkjournalError becomes ``Error: ...`` here, in one place."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from workjournal import __version__
from workjournal.cli import (
    checkins,
    common,
    data,
    demo,
    entries,
    homework,
    prep,
    reports,
    safety,
    sessions,
    thoughts,
)
from workjournal.cli import crypto as crypto_cli
from workjournal.errors import WorkjournalError


class _Group(TyperGroup):
    """Turns expected failures into one calm line on stderr, and unexpected ones into a line
    that names the problem without a traceback (tracebacks can carry entry text)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except WorkjournalError as exc:
            typer.echo(f"Error: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("\nStopped. Nothing more was saved.", err=True)
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get("WORKJOURNAL_DEBUG"):
                raise
            if type(exc).__module__.startswith(("click", "typer")):
                raise
            typer.echo(
                f"Error: an unexpected problem ({type(exc).__name__}). Nothing already saved "
                "was lost. Run again with WORKJOURNAL_DEBUG=1 to see details, and please "
                "report it.",
                err=True,
            )
            raise typer.Exit(1) from None


app = typer.Typer(
    name="journal",
    cls=_Group,
    help="A private mood and trigger journal for the work between therapy sessions.",
    epilog="Start with `journal demo` to try it on sample data, or `journal add` to write.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workjournal {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="The journal file (default: $WORKJOURNAL_DB, else your data folder).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A private mood and trigger journal for the work between therapy sessions."""
    ctx.obj = common.State(db_option=db)


entries.register(app)
reports.register(app)
homework.register(app)
sessions.register(app)
prep.register(app)
thoughts.register(app)
checkins.register(app)
safety.register(app)
crypto_cli.register(app)
data.register(app)
demo.register(app)


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    common.keep_only_requested_command(app, sys.argv[1:])
    app(prog_name="journal")
