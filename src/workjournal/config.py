"""Where the journal lives and what the person configured. Standard library only (plus
platformdirs, which is small), so the ``journal add`` path stays fast."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from workjournal.errors import InvalidInput

DB_ENV = "WORKJOURNAL_DB"
REGION_ENV = "WORKJOURNAL_REGION"
APP = "workjournal"
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP)) / "journal.db"


def resolve_db_path(option: str | Path | None) -> Path:
    """``--db`` wins over ``WORKJOURNAL_DB``, which wins over the platform's data directory."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME")
    if base:
        return Path(base) / APP / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "config.toml"


@dataclass(frozen=True)
class Config:
    week_start: int = 0  # Monday
    region: str | None = None
    encrypt: bool = False


def load_config(path: Path | None = None) -> Config:
    """Read config.toml; a missing file is the defaults, a broken one is a clear error."""
    path = path or config_path()
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        data = {}
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"the config file {path} is not valid TOML: {exc}.") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read the config file {path}: {exc.strerror}.") from None

    week_start = 0
    raw_start = data.get("week_start", "monday")
    if isinstance(raw_start, str) and raw_start.strip().lower() in WEEKDAY_NAMES:
        week_start = WEEKDAY_NAMES.index(raw_start.strip().lower())
    else:
        raise InvalidInput(
            f'week_start in {path} must be a weekday name such as "monday" or "sunday".'
        )
    region = os.environ.get(REGION_ENV) or data.get("region")
    if region is not None and not isinstance(region, str):
        raise InvalidInput(f'region in {path} must be a text such as "US" or "UK".')
    encrypt = data.get("encrypt", False)
    if not isinstance(encrypt, bool):
        raise InvalidInput(f"encrypt in {path} must be true or false.")
    return Config(
        week_start=week_start,
        region=region.strip().upper() if region else None,
        encrypt=encrypt,
    )
