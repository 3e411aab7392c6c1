"""The config file: `journal config` reads and writes it; unknown keys and unusable values are
warned about (naming the key and the file) while everything else keeps working."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.config import config_path, load_config, set_value


@pytest.fixture
def cfg(isolated: Path) -> Path:
    path = isolated / "home" / ".config" / "workjournal" / "config.toml"
    assert config_path() == path
    return path


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_config_lists_the_defaults_without_creating_a_file(cfg: Path) -> None:
    result = invoke("config")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "region      (not set)\nweek_start  monday\nencrypt     false\n"
    assert result.stderr == ""
    assert not cfg.exists()


def test_config_key_value_saves_privately_and_reads_back(cfg: Path) -> None:
    saved = invoke("config", "region", "de")
    assert saved.exit_code == 0, saved.stderr
    assert saved.stdout == ""
    assert saved.stderr == f'Saved region = "DE" in {cfg}.\n'
    assert invoke("config", "week_start", "Sunday").exit_code == 0
    assert cfg.read_text() == 'region = "DE"\nweek_start = "sunday"\n'
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
    assert stat.S_IMODE(cfg.parent.stat().st_mode) == 0o700
    assert [p.name for p in cfg.parent.iterdir()] == ["config.toml"]  # no temp file left

    assert invoke("config", "region").stdout == "DE\n"
    assert invoke("config", "week_start").stdout == "sunday\n"
    listed = invoke("config", "--format", "json")
    assert json.loads(listed.stdout) == {"region": "DE", "week_start": "sunday", "encrypt": False}
    assert load_config().week_start == 6


def test_setting_a_key_keeps_comments_other_keys_and_tables(cfg: Path) -> None:
    write(cfg, '# my settings\nweek_start = "monday"  # Monday\nregion = "US"\n[later]\nx = 1\n')
    assert invoke("config", "week_start", "sunday").exit_code == 0
    assert invoke("config", "encrypt", "no").exit_code == 0
    assert cfg.read_text() == (
        '# my settings\nweek_start = "sunday"\nregion = "US"\nencrypt = false\n[later]\nx = 1\n'
    )


def test_unset_removes_the_key(cfg: Path) -> None:
    write(cfg, 'region = "AU"\nweek_start = "sunday"\n')
    result = invoke("config", "--unset", "region")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Removed region from {cfg}; it is back to its default.\n"
    assert cfg.read_text() == 'week_start = "sunday"\n'
    unset = invoke("config", "region")
    assert unset.stdout == ""
    assert unset.stderr == "region is not set. Set it with `journal config region VALUE`.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["region", "Germany"],
            'Error: region must be a two-letter country code such as "US", "UK" or "DE", '
            "not 'Germany'.\n",
        ),
        (
            ["week_start", "someday"],
            'Error: week_start must be a weekday name such as "monday" or "sunday", '
            "not 'someday'.\n",
        ),
        (["encrypt", "maybe"], "Error: encrypt must be true or false, not 'maybe'.\n"),
        (
            ["week_strat", "sunday"],
            "Error: there is no config key 'week_strat'; the keys are region, week_start, "
            "encrypt (and `journal config path`).\n",
        ),
        (["path", "x"], "Error: `journal config path` takes nothing more.\n"),
        (
            ["--unset"],
            "Error: --unset takes one KEY and no VALUE: journal config --unset region\n",
        ),
    ],
)
def test_bad_keys_and_values_are_refused_and_nothing_is_written(
    cfg: Path, args: list[str], message: str
) -> None:
    write(cfg, 'region = "UK"\n')
    result = invoke("config", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message
    assert cfg.read_text() == 'region = "UK"\n'


def test_a_broken_file_is_not_overwritten(cfg: Path) -> None:
    write(cfg, "region = [broken\n")
    result = invoke("config", "region", "US")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the config file {cfg} is not valid TOML")
    assert "fix it by hand first" in result.stderr
    assert cfg.read_text() == "region = [broken\n"


def test_config_path_names_the_config_file_and_the_journal(cfg: Path, db_path: Path) -> None:
    result = invoke("config", "path")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"config   {cfg}  (not created yet: `journal config KEY VALUE` makes it)\n"
        f"journal  {db_path}  (not created yet)\n"
    )
    other = db_path.parent / "other.db"
    invoke("--db", str(other), "add", "one", "-m", "5")
    write(cfg, "")
    assert invoke("--db", str(other), "config", "path").stdout == (
        f"config   {cfg}\njournal  {other}\n"
    )
    data = json.loads(invoke("config", "path", "--format", "json").stdout)
    assert data == {"config": str(cfg), "config_exists": True, "journal": str(db_path)}


def test_unknown_keys_and_bad_values_warn_with_key_and_path_and_reads_still_work(
    cfg: Path,
) -> None:
    assert invoke("add", "A calm evening", "-m", "6").exit_code == 0
    write(cfg, 'week_strat = "sunday"\nweek_start = 3\nregion = 44\n')
    result = invoke("week")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Your week · Mon ")  # the unusable week_start: Monday
    warnings = result.stderr.splitlines()
    assert warnings == [
        f"Warning: unknown key 'week_strat' in {cfg} is ignored "
        "(known keys: encrypt, region, week_start).",
        f'Warning: week_start = 3 in {cfg} is not a weekday name such as "monday" or '
        '"sunday"; using "monday" instead.',
        f'Warning: region = 44 in {cfg} is not a two-letter country code such as "US", '
        '"UK" or "DE"; it is ignored.',
    ]
    listed = invoke("config")
    assert listed.stdout == "region      (not set)\nweek_start  monday\nencrypt     false\n"
    assert listed.stderr.count("Warning: ") == 3


def test_help_now_warns_about_a_bad_region_and_still_shows_help(cfg: Path) -> None:
    write(cfg, 'region = "United Kingdom"\n')
    result = invoke("help-now")
    assert result.exit_code == 0
    assert 'region = "United Kingdom" in' in result.stderr
    assert str(cfg) in result.stderr
    assert "If you are in danger right now" in result.stdout


def test_an_unusable_encrypt_stops_only_the_creation_of_a_journal(cfg: Path) -> None:
    write(cfg, 'encrypt = "maybe"\n')
    created = invoke("add", "first", "-m", "5")
    assert created.exit_code == 1
    assert created.stderr.splitlines() == [
        f'Warning: encrypt = "maybe" in {cfg} is not true or false; new journals will not be '
        "created until it is fixed.",
        f"Error: encrypt in {cfg} must be true or false; set it with "
        "`journal config encrypt true` (or false).",
    ]
    write(cfg, "")
    assert invoke("add", "first", "-m", "5").exit_code == 0
    write(cfg, 'encrypt = "maybe"\n')
    listed = invoke("list")
    assert listed.exit_code == 0, listed.stderr
    assert "first" in listed.stdout
    assert invoke("config", "encrypt").stdout == ""


def test_region_from_the_environment_wins_and_config_says_so(
    cfg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKJOURNAL_REGION", "ie")
    write(cfg, 'region = "US"\n')
    result = invoke("config", "region")
    assert result.stdout == "IE\n"
    assert result.stderr == (
        "WORKJOURNAL_REGION is set, and it wins over the config file's region.\n"
    )


def test_load_config_collects_warnings_without_printing(
    cfg: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(cfg, 'colour = "blue"\nweek_start = "Friday"\n')
    loaded = load_config(warn=None)
    assert loaded.week_start == 4
    assert loaded.warnings == (
        f"unknown key 'colour' in {cfg} is ignored (known keys: encrypt, region, week_start).",
    )
    assert capsys.readouterr().err == ""


def test_set_value_writes_a_value_with_quotes_safely(cfg: Path) -> None:
    set_value("region", 'U"S', cfg)
    assert load_config(warn=None).warnings == (
        f'region = "U\\"S" in {cfg} is not a two-letter country code such as "US", "UK" '
        'or "DE"; it is ignored.',
    )
