"""`journal demo` never touches the real journal; every command explains itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from helpers import invoke
from workjournal.cli import app


def test_demo_writes_beside_the_real_journal_and_replaces_an_earlier_demo(db_path: Path) -> None:
    assert invoke("add", "my real entry", "-m", "5").exit_code == 0
    real_before = db_path.read_bytes()
    first = invoke("demo", "--weeks", "3")
    assert first.exit_code == 0, first.stderr
    demo = db_path.with_name("demo.db")
    assert f"journal --db {demo} week --last" in first.stdout
    assert "A taste of the weekly review (`journal week`):" in first.stdout
    assert "What do you notice?" in first.stdout
    assert first.stderr.startswith("Wrote a demo journal with ")
    demo_entries = json.loads(invoke("--db", str(demo), "list", "-n", "1000", "-f", "json").stdout)
    assert len(demo_entries) >= 3 * 7
    assert {e["text"] for e in demo_entries}.isdisjoint({"my real entry"})
    second = invoke("demo", "--weeks", "1")
    assert second.exit_code == 0
    again = json.loads(invoke("--db", str(demo), "list", "-n", "1000", "-f", "json").stdout)
    assert len(again) < len(demo_entries)
    assert db_path.read_bytes() == real_before
    assert [e["text"] for e in json.loads(invoke("list", "-f", "json").stdout)] == ["my real entry"]


def test_demo_with_db_fills_an_empty_path_and_refuses_a_used_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-20T21:30:00+00:00")  # a Friday evening
    path = tmp_path / "try.db"
    assert invoke("--db", str(path), "demo").exit_code == 0
    homework = json.loads(invoke("--db", str(path), "homework", "list", "-f", "json").stdout)
    assert [h["title"] for h in homework] == [
        "Box breathing, 5 minutes",
        "Evening walk without my phone",
    ]
    assert any(h["done_this_week"] for h in homework)
    history = json.loads(invoke("--db", str(path), "checkin", "history", "-f", "json").stdout)
    assert {c["instrument"] for c in history} == {"phq9", "gad7"}
    assert all(c["answers"][8] == 0 for c in history if c["instrument"] == "phq9")
    assert invoke("--db", str(path), "thought", "list").exit_code == 0
    listed = json.loads(invoke("--db", str(path), "list", "-n", "2000", "-f", "json").stdout)
    assert len(listed) > 20
    assert {e["mood"] for e in listed} <= set(range(2, 11))
    assert any(e["triggers"] for e in listed)
    result = invoke("--db", str(path), "demo")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path} already has entries;")
    assert len(
        json.loads(invoke("--db", str(path), "list", "-n", "2000", "-f", "json").stdout)
    ) == (len(listed))


def _commands(group: typer.Typer) -> list[list[str]]:
    command = typer.main.get_command(group)
    found: list[list[str]] = []

    def walk(cmd: object, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            found.append(path)

    walk(command, [])
    return found


COMMANDS = _commands(app)


def test_the_expected_core_commands_exist() -> None:
    assert {"add", "list", "show", "edit", "delete", "demo"} <= {c[0] for c in COMMANDS}


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help_with_an_example(path: list[str]) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    assert "Usage: journal " + " ".join(path) in result.stdout
    assert "Example: journal " in result.stdout


def test_version() -> None:
    from workjournal import __version__

    assert invoke("--version").stdout == f"workjournal {__version__}\n"


def test_the_command_map_matches_what_each_module_registers() -> None:
    from workjournal.cli import COMMAND_MODULES, MODULE_ORDER, build_app

    for module in MODULE_ORDER:
        names = {c[0] for c in _commands(build_app((module,)))}
        assert names == {name for name, home in COMMAND_MODULES.items() if home == module}
    assert {c[0] for c in COMMANDS} == set(COMMAND_MODULES)


def test_a_real_process_builds_only_the_command_it_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    from helpers import subprocess_env

    script = (
        "import sys\n"
        "sys.argv = ['journal', '--db', sys.argv[1], 'list']\n"
        "from workjournal.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('workjournal.cli.')]\n"
        "print(sorted(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "none.db")],
        capture_output=True,
        env=subprocess_env(),
        check=False,
    )
    assert result.stdout.decode().strip().splitlines()[-1] == "['common', 'entries']"


def test_the_json_export_never_loads_the_document_builder(tmp_path: Path) -> None:
    """``export --format json`` and ``import`` need only the section names for their options,
    not the therapist document (exporters/document.py and reports/, about 30 ms)."""
    import subprocess
    import sys

    from helpers import subprocess_env

    script = (
        "import sys\n"
        "from workjournal.cli import main\n"
        "db, out = sys.argv[1:3]\n"
        "for argv in (['export', '--format', 'json', '--out', out], ['import', '--help']):\n"
        "    sys.argv = ['journal', '--db', db, *argv]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, exc.code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('workjournal.exporters.',"
        " 'workjournal.reports'))))\n"
    )
    db = tmp_path / "j.db"
    added = subprocess.run(
        [sys.executable, "-m", "workjournal", "--db", str(db), "add", "a walk", "-m", "5"],
        capture_output=True,
        env=subprocess_env(),
        check=False,
    )
    assert added.returncode == 0, added.stderr.decode()
    result = subprocess.run(
        [sys.executable, "-c", script, str(db), str(tmp_path / "out.json")],
        capture_output=True,
        env=subprocess_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "out.json").stat().st_size > 0
    loaded = result.stdout.decode().strip().splitlines()[-1]
    assert loaded == (
        "['workjournal.exporters.json', 'workjournal.exporters.output',"
        " 'workjournal.exporters.sections']"
    )


def test_the_readme_tour_shows_every_command() -> None:
    import re

    from helpers import ROOT
    from workjournal.cli import COMMAND_MODULES

    # the tour moved from the README to the commands reference
    readme = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    tour = readme[readme.index("<!-- tour:start -->") : readme.index("<!-- tour:end -->")]
    missing = [name for name in COMMAND_MODULES if not re.search(rf"journal {name}\b", tour)]
    assert missing == []
