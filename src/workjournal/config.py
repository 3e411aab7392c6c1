"""Where the journal lives and what the person configured. Standard library only (plus
platformdirs, which is small), so the ``journal add`` path stays fast.

The config file is TOML with three keys (``KEYS``). A key it does not know, or a value it cannot
use, gets a warning that names the key and the file, and the default is used, so reading the
journal always works; only ``encrypt`` with a value that is neither true nor false stops the
creation of a new journal (guessing could leave plain a journal meant to be encrypted).
``journal config KEY VALUE`` writes one key with ``set_value``: validated the same way, the rest
of the file (comments, other keys) kept, written whole or not at all, 0600.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
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
    """``$XDG_CONFIG_HOME/workjournal/config.toml`` when that is set (on any system), else the
    platform's config folder: ``~/.config/workjournal`` on Linux, ``~/Library/Application
    Support/workjournal`` on macOS, ``%LOCALAPPDATA%\\workjournal\\workjournal`` on Windows."""
    base = os.environ.get("XDG_CONFIG_HOME")
    if base:
        return Path(base) / APP / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "config.toml"


# --- the keys: each one parses a value from the file or the command line --------------------


def _parse_week_start(value: object) -> str:
    if isinstance(value, str) and value.strip().lower() in WEEKDAY_NAMES:
        return value.strip().lower()
    raise ValueError('a weekday name such as "monday" or "sunday"')


_REGION = re.compile(r"[A-Za-z]{2}")


def _parse_region(value: object) -> str:
    if isinstance(value, str) and _REGION.fullmatch(value.strip()):
        return value.strip().upper()
    raise ValueError('a two-letter country code such as "US", "UK" or "DE"')


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def _parse_encrypt(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError("true or false")


@dataclass(frozen=True)
class Key:
    name: str
    parse: Callable[[object], object]
    default: object
    help: str


KEYS: dict[str, Key] = {
    key.name: key
    for key in (
        Key("region", _parse_region, None, "your country, for the crisis lines of help-now"),
        Key("week_start", _parse_week_start, "monday", "the first day of a week in reports"),
        Key("encrypt", _parse_encrypt, False, "create new journals encrypted"),
    )
}


def _warn_on_stderr(message: str) -> None:
    sys.stderr.write(f"Warning: {message}\n")


@dataclass(frozen=True)
class Config:
    week_start: int = 0  # Monday
    region: str | None = None
    # None: the file says something that is neither true nor false (see ``encrypt``).
    encrypt_setting: bool | None = False
    path: Path | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def encrypt(self) -> bool:
        """Whether new journals are created encrypted. A value that is neither true nor false
        is an error here, where it matters, rather than a guess."""
        if self.encrypt_setting is None:
            raise InvalidInput(
                f"encrypt in {self.path} must be true or false; set it with "
                "`journal config encrypt true` (or false)."
            )
        return self.encrypt_setting


def read_file(path: Path) -> dict[str, object]:
    """The config file's table: a missing file is empty, a broken one is a clear error."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"the config file {path} is not valid TOML: {exc}.") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read the config file {path}: {exc.strerror}.") from None


def file_values(data: dict[str, object], path: Path) -> tuple[dict[str, object], list[str]]:
    """The valid values ``data`` sets, by key, and a warning for each key it cannot use."""
    values: dict[str, object] = {}
    problems: list[str] = []
    for name, raw in data.items():
        key = KEYS.get(name)
        if key is None:
            known = ", ".join(sorted(KEYS))
            problems.append(f"unknown key {name!r} in {path} is ignored (known keys: {known}).")
            continue
        try:
            values[name] = key.parse(raw)
        except ValueError as exc:
            if name == "encrypt":
                outcome = "new journals will not be created until it is fixed."
            elif key.default is None:
                outcome = "it is ignored."
            else:
                outcome = f"using {_format_value(key.default)} instead."
            problems.append(f"{name} = {_show_raw(raw)} in {path} is not {exc}; {outcome}")
    return values, problems


def _show_raw(raw: object) -> str:
    text = _format_value(raw) if isinstance(raw, str | bool | int | float) else type(raw).__name__
    return text if len(text) <= 40 else text[:39] + "…"


def load_config(
    path: Path | None = None, *, warn: Callable[[str], None] | None = _warn_on_stderr
) -> Config:
    """Read config.toml; a missing file is the defaults, a broken one is a clear error, and
    each unknown key or unusable value is a warning (``warn``) with the default used."""
    path = path or config_path()
    data = read_file(path)
    values, problems = file_values(data, path)
    if warn is not None:
        for problem in problems:
            warn(problem)
    region = os.environ.get(REGION_ENV) or values.get("region")
    week_start = str(values.get("week_start", "monday"))
    # an unusable encrypt is None: creating a journal then stops instead of guessing
    unusable = "encrypt" in data and "encrypt" not in values
    encrypt = None if unusable else values.get("encrypt", False)
    return Config(
        week_start=WEEKDAY_NAMES.index(week_start),
        region=str(region).strip().upper() if region else None,
        encrypt_setting=bool(encrypt) if encrypt is not None else None,
        path=path,
        warnings=tuple(problems),
    )


# --- writing ---------------------------------------------------------------------------------


def _format_value(value: object) -> str:
    """A value as TOML writes it (the keys hold only text and booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return str(value)


def format_value(value: object) -> str:
    return _format_value(value)


def parse_value(name: str, text: str) -> object:
    """``text`` typed on the command line for ``name``, validated, or a clear error."""
    key = KEYS.get(name)
    if key is None:
        raise InvalidInput(f"there is no config key {name!r}; the keys are {', '.join(KEYS)}.")
    try:
        return key.parse(text)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be {exc}, not {text!r}.") from None


_TOP_LEVEL_KEY = re.compile(r"\s*(?P<name>[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=")


def _edited(text: str, name: str, value: object | None) -> str:
    """``text`` with top-level ``name`` set to ``value`` (removed when None); comments, other keys
    and tables kept as they are."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    done = False
    first_table: int | None = None
    for line in lines:
        stripped = line.lstrip()
        if first_table is None and stripped.startswith("["):
            first_table = len(out)
        match = _TOP_LEVEL_KEY.match(line)
        if first_table is None and match and match["name"].strip("\"'") == name:
            if value is not None and not done:
                out.append(f"{name} = {_format_value(value)}\n")
            done = True
            continue
        out.append(line)
    if value is not None and not done:
        insert = first_table if first_table is not None else len(out)
        if insert and not out[insert - 1].endswith("\n"):
            out[insert - 1] += "\n"
        out.insert(insert, f"{name} = {_format_value(value)}\n")
    return "".join(out)


def set_value(name: str, value: object | None, path: Path | None = None) -> Path:
    """Write ``name = value`` into the config file (``None`` removes the key), keeping the rest
    of the file, atomically (a temp file in the same folder, then a rename) and 0600."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read the config file {path}: {exc}.") from None
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            f"the config file {path} is not valid TOML ({exc}); fix it by hand first, so "
            "nothing in it is lost."
        ) from None
    new = _edited(text, name, value)
    check = tomllib.loads(new)
    if check.get(name) != value:  # pragma: no cover - a form of the file _edited did not read
        raise InvalidInput(f"could not update {name} in {path}: please edit it by hand.")
    _write_private(path, new)
    return path


def _write_private(path: Path, text: str) -> None:
    import tempfile

    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=folder)
    except OSError as exc:
        raise InvalidInput(f"cannot write the config file {path}: {exc.strerror}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        Path(temp).chmod(0o600)
        Path(temp).replace(path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise InvalidInput(f"cannot write the config file {path}: {exc.strerror}.") from None
