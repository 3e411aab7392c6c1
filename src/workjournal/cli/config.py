"""``journal config``: read and set the settings in config.toml, and show where things live."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from workjournal import config as settings
from workjournal.cli import common
from workjournal.cli.common import ShortFormat, info
from workjournal.errors import InvalidInput

PATH = "path"


def _effective(cfg: settings.Config, name: str) -> object:
    if name == "week_start":
        return settings.WEEKDAY_NAMES[cfg.week_start]
    if name == "region":
        return cfg.region
    return cfg.encrypt_setting


def _shown(name: str, value: object) -> str:
    if value is None:
        return "(not true or false: see the warning)" if name == "encrypt" else "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _show_paths(ctx: typer.Context, fmt: ShortFormat) -> None:
    path = settings.config_path()
    journal = common.state(ctx).db_path
    if fmt is ShortFormat.json:
        common.print_json(
            {"config": str(path), "config_exists": path.exists(), "journal": str(journal)}
        )
        return
    note = "" if path.exists() else "  (not created yet: `journal config KEY VALUE` makes it)"
    typer.echo(f"config   {path}{note}")
    typer.echo(f"journal  {journal}{'' if journal.exists() else '  (not created yet)'}")


def _env_note(name: str) -> None:
    if name == "region" and os.environ.get(settings.REGION_ENV):
        info(f"{settings.REGION_ENV} is set, and it wins over the config file's region.")


def config(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="KEY",
            help="region, week_start or encrypt; or `path` for where the files live.",
            show_default=False,
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(metavar="VALUE", help="The new value for KEY.", show_default=False),
    ] = None,
    unset: Annotated[
        bool, typer.Option("--unset", help="Remove KEY from the file (back to its default).")
    ] = False,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ShortFormat.table
    ),
) -> None:
    """Show or change your settings, and where the config file and journal live.

    With no KEY, list every setting; with KEY, print its value; with KEY VALUE, check the value
    and save it (the rest of the file is kept; it is readable only by you).

    Example: journal config region DE
    """
    if key == PATH:
        if value is not None or unset:
            raise InvalidInput("`journal config path` takes nothing more.")
        _show_paths(ctx, fmt)
        return
    if key is not None and key not in settings.KEYS:
        raise InvalidInput(
            f"there is no config key {key!r}; the keys are {', '.join(settings.KEYS)} "
            "(and `journal config path`)."
        )
    if unset:
        if key is None or value is not None:
            raise InvalidInput("--unset takes one KEY and no VALUE: journal config --unset region")
        path = settings.set_value(key, None)
        info(f"Removed {key} from {path}; it is back to its default.")
        return
    if key is not None and value is not None:
        parsed = settings.parse_value(key, value)
        path = settings.set_value(key, parsed)
        info(f"Saved {key} = {settings.format_value(parsed)} in {path}.")
        _env_note(key)
        return

    cfg = settings.load_config()  # warns about unknown keys and unusable values on stderr
    names = [key] if key is not None else list(settings.KEYS)
    values = {name: _effective(cfg, name) for name in names}
    if fmt is ShortFormat.json:
        common.print_json(values if key is None else values[key])
    elif key is not None:
        if values[key] is not None:
            typer.echo(_shown(key, values[key]))
        else:
            info(f"{key} is not set. Set it with `journal config {key} VALUE`.")
    else:
        width = max(len(name) for name in names)
        for name in names:
            typer.echo(f"{name.ljust(width)}  {_shown(name, values[name])}")
    if key in (None, "region"):
        _env_note("region")


def register(app: typer.Typer) -> None:
    app.command("config")(config)
