"""What every command module shares: the global state, opening the journal, option parsing that
turns bad values into usage errors, and plain output (no Rich here: it is slow to import)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from workjournal import clock
from workjournal.config import Config, load_config, resolve_db_path

__all__ = ["resolve_db_path"]
from workjournal.errors import InvalidInput
from workjournal.text import for_terminal

if TYPE_CHECKING:
    from workjournal.store import Store

T = TypeVar("T")


SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="WHEN", help="From this moment or day.")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="WHEN", help="Up to this moment or day.")
]

# Distress around a practice, a homework or a hard conversation, 0-10: one declaration for all.
DistressBeforeOpt = Annotated[
    int | None,
    typer.Option("--before", metavar="0-10", min=0, max=10, help="Distress before, 0-10."),
]
DistressAfterOpt = Annotated[
    int | None,
    typer.Option("--after", metavar="0-10", min=0, max=10, help="Distress after, 0-10."),
]


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class ShortFormat(StrEnum):
    table = "table"
    json = "json"


@dataclass
class State:
    """What the root callback learned from the global options."""

    db_option: Path | None = None
    _config: Config | None = None

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db_option)

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config()
        return self._config


ROOT_OPTIONS_WITH_VALUE = ("--db",)


def keep_only_requested_command(app: typer.Typer, args: list[str]) -> None:
    """Drop every command but the one on the command line, before Typer builds them.

    Typer turns every registered command's signature into Click parameters at each start, and
    that cost grows with the number of commands: measured here, 20 more commands the size of
    ``list`` add 100-250 ms to ``journal add``. A process runs one command, so it only needs
    that one built. Nothing is dropped when no command is named, when the name is unknown
    (Click then suggests the close ones), for an option it does not know before the command,
    or during shell completion, so ``journal --help`` and errors stay the same.
    """
    name = requested_command(args)
    if name is None or any(key.endswith("_COMPLETE") for key in os.environ):
        return
    commands = [
        info
        for info in app.registered_commands
        if (info.name or _command_name(info.callback)) == name
    ]
    groups = [
        info
        for info in app.registered_groups
        if info.name == name
        or (info.typer_instance is not None and info.typer_instance.info.name == name)
    ]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups


def hoist_root_options(args: list[str]) -> list[str]:
    """``journal list --db FILE`` as ``journal --db FILE list``: a root option given after the
    command name is moved before it. Nothing after ``--`` is touched."""
    position = _command_position(args)
    if position is None:
        return args
    front: list[str] = []
    rest: list[str] = []
    index = position + 1
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg in ROOT_OPTIONS_WITH_VALUE and index + 1 < len(args):
            front += args[index : index + 2]
            index += 2
            continue
        if arg.startswith(tuple(f"{option}=" for option in ROOT_OPTIONS_WITH_VALUE)):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return args[:position] + front + args[position : position + 1] + rest


def _command_name(callback: Callable[..., Any] | None) -> str | None:
    # Typer's own rule (typer.main.get_command_name) for a command registered without a name.
    return callback.__name__.lower().replace("_", "-") if callback is not None else None


def requested_command(args: list[str]) -> str | None:
    """The command named on the command line, if any (after the root options)."""
    position = _command_position(args)
    return None if position is None else args[position]


def _command_position(args: list[str]) -> int | None:
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ROOT_OPTIONS_WITH_VALUE:
            index += 2
        elif arg.startswith(tuple(f"{option}=" for option in ROOT_OPTIONS_WITH_VALUE)):
            index += 1
        elif arg.startswith("-"):
            return None
        else:
            return index
    return None


# The largest number SQLite stores (a signed 64-bit integer): ids and counts beyond it are a
# usage error, not an overflow deep in the store.
ID_MAX = 2**63 - 1


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        # Shell completion parses without running the root callback: read --db from it.
        db = root.params.get("db")
        root.obj = State(db_option=Path(db) if db else None)
    return root.obj


def open_journal(
    ctx: typer.Context, *, write: bool, encrypted: bool = False, ask: bool = True
) -> Store:
    """Open the journal: writers create it when missing, readers never do. A new journal is
    encrypted when asked (``encrypted``, ``--encrypted``) or configured (``encrypt = true``);
    an encrypted one is opened with its passphrase (see workjournal.crypto), asked for on the
    terminal only when ``ask``."""
    from workjournal.crypto import PassphraseSource
    from workjournal.store import open_store

    path = state(ctx).db_path
    is_new = write and (not path.exists() or not path.stat().st_size)
    if write and not is_new and encrypted:
        from workjournal.store import looks_encrypted

        if path.is_file() and not looks_encrypted(path):
            raise InvalidInput(
                f"the journal at {path} already exists and is not encrypted; nothing was saved. "
                "Encrypt it with `journal encrypt`."
            )
    encrypt_new = is_new and (encrypted or state(ctx).config.encrypt)
    source = PassphraseSource(path, new=encrypt_new, ask=ask)
    return open_store(path, create=write, passphrase=source, encrypt_new=encrypt_new)


def now_and_tz() -> tuple[datetime, tzinfo]:
    """The one place the CLI reads the clock."""
    return clock.now(), clock.local_tz()


def checked(option: str, parse: Callable[[], T]) -> T:
    """Run a parser; its InvalidInput becomes a usage error naming the option (exit 2)."""
    try:
        return parse()
    except InvalidInput as exc:
        raise typer.BadParameter(exc.message, param_hint=f"'{option}'") from None


def parse_at(text: str | None, *, now: datetime, tz: tzinfo, option: str = "--at") -> datetime:
    if text is None:
        return now
    return checked(option, lambda: clock.parse_when(text, now=now, tz=tz, option=option))


def parse_bounds(
    since: str | None,
    until: str | None,
    *,
    now: datetime,
    tz: tzinfo,
    week_start: int | None = None,
) -> tuple[datetime | None, datetime | None]:
    """``--since``/``--until``. ``last week`` honours ``week_start`` (0 = Monday), read from
    the config when not given and only when a phrase names a week."""
    first_weekday = week_start or 0
    if week_start is None and any("week" in (text or "").lower() for text in (since, until)):
        first_weekday = load_config().week_start
    start = end = None
    if since is not None:
        start = checked(
            "--since",
            lambda: clock.parse_bound(
                since, now=now, tz=tz, option="--since", end=False, week_start=first_weekday
            ),
        )
    if until is not None:
        end = checked(
            "--until",
            lambda: clock.parse_bound(
                until, now=now, tz=tz, option="--until", end=True, week_start=first_weekday
            ),
        )
    if start is not None and end is not None and start > end:
        raise typer.BadParameter("--since is after --until.", param_hint="'--since'")
    return start, end


def wrap_text(text: str, width: int) -> str:
    """``text`` with each line longer than ``width`` broken at word boundaries, never inside a
    word (a word longer than a line stays whole). A continuation keeps the line's indent, two
    more for an indented line (``  Name: how to reach them`` hangs under its name)."""
    import textwrap

    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(
            textwrap.wrap(
                line,
                max(width, len(indent) + 12),
                subsequent_indent=indent + ("  " if indent else ""),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def terminal_width(stream: Any) -> int | None:
    """The width of the terminal ``stream`` writes to (``COLUMNS`` wins), or None when it is a
    file or a pipe: there the reader's pager or editor wraps, so nothing is broken for it."""
    try:
        if not stream.isatty():
            return None
        columns = os.environ.get("COLUMNS", "")
        if columns.isdigit() and int(columns) > 0:
            return int(columns)
        columns_found = os.get_terminal_size(stream.fileno()).columns
        return columns_found if columns_found >= 20 else None  # 0: a terminal that never said
    except (AttributeError, ValueError, OSError):
        return None


def echo(message: str, *, err: bool = False) -> None:
    """``typer.echo``, wrapped at word boundaries to the terminal's width; on a terminal, a
    control character in a person's text is shown, not obeyed (see text.for_terminal)."""
    width = terminal_width(sys.stderr if err else sys.stdout)
    if width is not None:
        message = wrap_text(for_terminal(message), width)
    typer.echo(message, err=err)


def info(message: str) -> None:
    """Confirmations and notes go to stderr; stdout carries data."""
    echo(message, err=True)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def read_stdin_text() -> str:
    """All of stdin as strict UTF-8; invalid bytes are refused, never replaced."""
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read() if stream is not None else sys.stdin.read().encode()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"the text on standard input is not valid UTF-8 (byte {exc.start}); nothing was saved."
        ) from None
    return text.removeprefix("\ufeff").rstrip("\r\n")
