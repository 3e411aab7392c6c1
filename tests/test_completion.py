"""Shell completion honours the shell named (bash, zsh, fish), whichever shell runs the command.
HOME is a temp dir (conftest), so installing writes only there."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import invoke
from workjournal.cli import completion, program_name

BASH_MARK = "complete -o default -F _journal_completion journal"
ZSH_MARK = "#compdef journal"
FISH_MARK = "complete --command journal"


@pytest.fixture(autouse=True)
def running_in_bash(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if typed in bash: the shell a person names must win over the one detected."""
    monkeypatch.setattr(completion, "detect_shell", lambda: "bash")


def home() -> Path:
    return Path.home()


@pytest.mark.parametrize(
    ("args", "mark", "others"),
    [
        (["--show-completion", "zsh"], ZSH_MARK, (BASH_MARK, FISH_MARK)),
        (["--show-completion", "fish"], FISH_MARK, (BASH_MARK, ZSH_MARK)),
        (["--show-completion=zsh"], ZSH_MARK, (BASH_MARK, FISH_MARK)),
        (["--show-completion", "ZSH"], ZSH_MARK, (BASH_MARK, FISH_MARK)),
        (["--show-completion", "bash"], BASH_MARK, (ZSH_MARK, FISH_MARK)),
        (["--show-completion"], BASH_MARK, (ZSH_MARK, FISH_MARK)),
    ],
)
def test_show_completion_prints_the_script_of_the_shell_named(
    args: list[str], mark: str, others: tuple[str, ...]
) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert mark in result.stdout
    for other in others:
        assert other not in result.stdout
    assert result.stderr == ""
    assert not any(home().iterdir()), "showing must not write anything"


def test_install_completion_zsh_from_bash_writes_the_zsh_files_only() -> None:
    result = invoke("--install-completion", "zsh")
    assert result.exit_code == 0, result.stderr
    script = home() / ".zfunc" / "_journal"
    assert ZSH_MARK in script.read_text()
    assert "fpath+=~/.zfunc" in (home() / ".zshrc").read_text()
    assert not (home() / ".bashrc").exists()
    assert not (home() / ".bash_completions").exists()
    assert result.stdout == ""
    assert result.stderr == (
        f"zsh completion installed in {script}\nIt takes effect in the next terminal you open.\n"
    )


def test_install_completion_fish_writes_the_fish_file_only() -> None:
    result = invoke("--install-completion=fish")
    assert result.exit_code == 0, result.stderr
    script = home() / ".config" / "fish" / "completions" / "journal.fish"
    assert FISH_MARK in script.read_text()
    assert sorted(p.name for p in home().iterdir()) == [".config"]


def test_install_completion_bash_sources_its_script_from_bashrc() -> None:
    result = invoke("--install-completion", "bash")
    assert result.exit_code == 0, result.stderr
    script = home() / ".bash_completions" / "journal.sh"
    assert BASH_MARK in script.read_text()
    assert f"source '{script}'" in (home() / ".bashrc").read_text()
    assert not (home() / ".zshrc").exists()


def test_without_a_shell_named_the_detected_one_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(completion, "detect_shell", lambda: "fish")
    result = invoke("--install-completion")
    assert result.exit_code == 0, result.stderr
    assert (home() / ".config" / "fish" / "completions" / "journal.fish").is_file()
    assert not (home() / ".bashrc").exists()


def test_an_unknown_shell_is_a_usage_error_that_names_the_choices() -> None:
    result = invoke("--install-completion", "tcsh")
    assert result.exit_code == 2
    assert "cannot complete for the shell 'tcsh'" in result.stderr
    assert "bash, zsh, fish" in result.stderr
    assert "Traceback" not in result.stderr
    assert not any(home().iterdir())


def test_a_shell_that_cannot_be_detected_asks_to_be_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(completion, "detect_shell", lambda: None)
    result = invoke("--show-completion")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: could not tell which shell this is.")
    assert "journal --show-completion zsh" in result.stderr


def test_help_says_a_shell_can_be_named() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Install completion for the shell named after it" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--show-completion", "zsh"], (["--show-completion"], "zsh")),
        (
            ["--db", "x.db", "--install-completion", "fish"],
            (["--db", "x.db", "--install-completion"], "fish"),
        ),
        (["--show-completion", "week"], (["--show-completion", "week"], None)),
        (["--show-completion", "--help"], (["--show-completion", "--help"], None)),
        # after the command name nothing is touched: "zsh" is an entry's text here
        (["add", "--show-completion", "zsh"], (["add", "--show-completion", "zsh"], None)),
        (["add", "zsh"], (["add", "zsh"], None)),
    ],
)
def test_take_shell_reads_only_the_root_options(
    args: list[str], expected: tuple[list[str], str | None]
) -> None:
    assert completion.take_shell(args, {"add", "week"}) == expected


@pytest.mark.parametrize(
    ("argv0", "name"),
    [
        ("/home/me/.local/bin/journal", "journal"),
        ("/home/me/.local/bin/workjournal", "workjournal"),
        ("workjournal.exe", "workjournal"),
        ("/usr/lib/python3/site-packages/workjournal/__main__.py", "journal"),
    ],
)
def test_the_program_is_called_by_the_name_that_ran_it(argv0: str, name: str) -> None:
    assert program_name(argv0) == name
