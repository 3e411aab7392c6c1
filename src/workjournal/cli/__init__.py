"""The ``journal`` command. Thin: parse arguments, call the store, reports or exporters, and
hand the result to ``render``. Every WorkjournalError becomes ``Error: ...`` here, in one place."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from workjournal import __version__
from workjournal.cli import common
from workjournal.errors import WorkjournalError

_COMPLETION_OR_HELP = ("--install-completion", "--show-completion", "-h", "--help")


class _Group(TyperGroup):
    """Turns expected failures into one calm line on stderr, and unexpected ones into a line
    that names the problem without a traceback (tracebacks can carry entry text)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Completion that honours the shell named, and the help that says so (cli/completion.py);
        # imported only when asked, so a plain command does not pay for it.
        if not args or any(arg.startswith(_COMPLETION_OR_HELP) for arg in args):
            from workjournal.cli import completion

            args = completion.prepare(ctx, self, args)
        return super().parse_args(ctx, args)

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        if args is None:
            args = sys.argv[1:]
        return super().main(common.hoist_root_options(list(args)), *rest, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except WorkjournalError as exc:
            common.echo(f"Error: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
        except typer.BadParameter as exc:
            if common.terminal_width(sys.stderr) is None:
                raise
            import io

            shown = io.StringIO()
            exc.show(file=shown)  # Click's own usage, hint and "Error: ..." lines
            common.echo(shown.getvalue().rstrip("\n"), err=True)
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
            common.echo(
                f"Error: an unexpected problem ({type(exc).__name__}). Nothing already saved "
                "was lost. Run again with WORKJOURNAL_DEBUG=1 to see details, and please "
                "report it.",
                err=True,
            )
            raise typer.Exit(1) from None


# 128 + SIGPIPE: what a shell reports for a command whose reader went away (`... | head -1`).
BROKEN_PIPE_EXIT = 141


def _quiet_broken_pipe() -> NoReturn:
    """The reader of stdout went away: stop without a word. Pointing stdout at /dev/null keeps
    Python's final flush from reporting the same broken pipe on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (tests)
        pass
    raise typer.Exit(BROKEN_PIPE_EXIT)


# Where each command lives. A process runs one command, so `main` imports only its module;
# `app` (help, completion, tests) imports them all. test_cli_layout checks this map against
# what the modules register, so it cannot drift.
COMMAND_MODULES: dict[str, str] = {
    **dict.fromkeys(("add", "list", "show", "edit", "delete"), "entries"),
    **dict.fromkeys(("week", "month", "calendar", "streak", "patterns", "triggers"), "reports"),
    "homework": "homework",
    "session": "sessions",
    "prep": "prep",
    "thought": "thoughts",
    "checkin": "checkins",
    **dict.fromkeys(("help-now", "safety-plan"), "safety"),
    **dict.fromkeys(("export", "import", "backup", "doctor"), "data"),
    **dict.fromkeys(("encrypt", "decrypt", "passphrase"), "crypto"),
    "demo": "demo",
    "remind": "remind",
    "card": "card",
    "drafts": "drafts",
    "config": "config",
    "practice": "practice",
    "reflect": "reflect",
    "talk": "talk",
}
MODULE_ORDER = tuple(dict.fromkeys(COMMAND_MODULES.values()))
# The console scripts (pyproject.toml): help, usage lines and completion use the name typed.
PROGRAM_NAMES = ("journal", "workjournal")


def program_name(argv0: str) -> str:
    """``journal`` or ``workjournal``, whichever ran (``journal.exe`` on Windows); ``journal``
    for anything else, such as ``python -m workjournal``."""
    name = Path(argv0).name.removesuffix(".exe")
    return name if name in PROGRAM_NAMES else "journal"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workjournal {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            metavar="FILE",
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


def build_app(modules: tuple[str, ...] = MODULE_ORDER) -> typer.Typer:
    """The ``journal`` command with the commands of ``modules`` registered."""
    import importlib

    new = typer.Typer(
        name="journal",
        cls=_Group,
        help="A private mood and trigger journal for the work between therapy sessions.\n\n"
        'Example: journal add "Snapped at my sister after the call" -m 3 -t family',
        epilog="Start with `journal demo` to try it on sample data, or `journal add` to write.",
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    new.callback()(root)
    for module in modules:
        importlib.import_module(f"workjournal.cli.{module}").register(new)
    return new


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    """``workjournal.cli.app``: every command, built on first use (help, completion, tests)."""
    global _full_app
    if name != "app":
        raise AttributeError(name)
    if _full_app is None:
        _full_app = build_app()
    return _full_app


def main() -> None:
    """Console-script entry point: builds only the command that was asked for."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    args = common.hoist_root_options(sys.argv[1:])
    name = common.requested_command(args)
    completing = any(key.endswith("_COMPLETE") for key in os.environ)
    module = None if completing or name is None else COMMAND_MODULES.get(name)
    app = build_app((module,)) if module else build_app()
    common.keep_only_requested_command(app, args)
    try:
        app(prog_name=program_name(sys.argv[0]))
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            try:
                _quiet_broken_pipe()
            except typer.Exit:
                sys.exit(BROKEN_PIPE_EXIT)
