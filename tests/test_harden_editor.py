"""Issue 11, item 9 (and issue 12's failed editor): the editor's file lives in a private folder
beside the journal, never in /tmp; ending the command while the editor is open (SIGTERM, the
terminal closing) keeps what was written as a draft and leaves no plain file; a file left by a
kill -9 becomes a draft on the next writer's open; an editor that fails keeps the words too."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers import invoke, run_journal, subprocess_env

MARK = "zqxjkwub"
KEPT = "Kept what you wrote as a draft. `journal add` offers it next time."

EDITOR = """
import os, sys, time
with open(sys.argv[1], "a") as fh:
    fh.write(os.environ.get("WRITE", ""))
with open(os.environ["READY"], "w") as fh:
    fh.write(sys.argv[1])
time.sleep(float(os.environ.get("SLEEP", "0")))
sys.exit(int(os.environ.get("CODE", "0")))
"""


@pytest.fixture
def editor(tmp_path: Path) -> dict[str, str]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    return {"EDITOR": f"{sys.executable} {script}", "READY": str(tmp_path / "ready")}


def _drafts() -> list[dict]:  # type: ignore[type-arg]
    result = run_journal("drafts", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _plain_leftovers(folder: Path, db_path: Path) -> list[str]:
    """Files in the journal's folder (and /tmp's workjournal folders) that hold the marker."""
    found = []
    for root in (folder, Path(tempfile.gettempdir())):
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                path = Path(dirpath) / name
                if path == db_path or not path.is_file():
                    continue
                if root != folder and "workjournal" not in str(path):
                    continue
                try:
                    if MARK.encode() in path.read_bytes():
                        found.append(str(path))
                except OSError:
                    continue
    return found


def _editing_folders(db_path: Path) -> list[str]:
    return [n for n in os.listdir(db_path.parent) if ".editing-" in n]


def _start_editing(editor: dict[str, str], text: str) -> tuple[subprocess.Popen[bytes], Path]:
    ready = Path(editor["READY"])
    ready.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "workjournal", "add", "--edit"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(**editor, WRITE=text, SLEEP="60"),
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while not ready.exists() or not ready.read_text():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the editor never started"
        time.sleep(0.02)
    return proc, Path(ready.read_text())


def test_the_editor_file_is_beside_the_journal_in_a_private_folder(
    db_path: Path, editor: dict[str, str]
) -> None:
    result = invoke("add", "--edit", "-m", "5", env={**editor, "WRITE": "from the editor"})
    assert result.exit_code == 0, result.stderr
    used = Path(Path(editor["READY"]).read_text())
    assert used.parent.parent == db_path.parent
    assert used.parent.name.startswith(f".{db_path.name}.editing-{os.getpid()}-")
    assert not used.parent.exists()
    assert _editing_folders(db_path) == []
    listed = invoke("list", "--format", "json")
    assert [e["text"] for e in json.loads(listed.stdout)] == ["from the editor"]


def test_a_failing_editor_keeps_what_was_written_as_a_draft(
    db_path: Path, editor: dict[str, str]
) -> None:
    assert invoke("add", "an entry first", "-m", "5").exit_code == 0
    result = invoke("add", "--edit", env={**editor, "WRITE": f"half {MARK}", "CODE": "3"})
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the editor '{editor['EDITOR']}' exited with status 3. {KEPT}\n"
    )
    [draft] = _drafts()
    assert draft["command"] == "add"
    assert draft["fields"] == {"text": f"half {MARK}"}
    assert _editing_folders(db_path) == []
    listed = invoke("list", "--format", "json")
    assert [e["text"] for e in json.loads(listed.stdout)] == ["an entry first"]


def test_a_failing_editor_that_wrote_nothing_saves_nothing(
    db_path: Path, editor: dict[str, str]
) -> None:
    assert invoke("add", "an entry first", "-m", "5").exit_code == 0
    result = invoke("add", "--edit", env={**editor, "CODE": "2"})
    assert result.exit_code == 1
    assert result.stderr.endswith("exited with status 2; nothing was saved.\n")
    assert _drafts() == []
    assert _editing_folders(db_path) == []


def test_editing_an_entry_with_a_failing_editor_keeps_the_new_words(
    db_path: Path, editor: dict[str, str]
) -> None:
    assert invoke("add", "the old words", "-m", "5").exit_code == 0
    result = invoke("edit", "1", "--edit", env={**editor, "WRITE": f" and {MARK}", "CODE": "1"})
    assert result.exit_code == 1
    assert KEPT in result.stderr
    [draft] = _drafts()
    assert draft["fields"] == {"text": f"the old words and {MARK}"}
    shown = invoke("show", "1", "--format", "json")
    assert json.loads(shown.stdout)["text"] == "the old words"  # the entry is as it was


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_ending_the_command_while_the_editor_is_open_keeps_a_draft_and_no_file(
    db_path: Path, editor: dict[str, str], sig: int
) -> None:
    assert run_journal("add", "an entry first", "-m", "5").returncode == 0
    rounds = 3
    for round_ in range(rounds):
        proc, used = _start_editing(editor, f"round {round_} {MARK}")
        assert used.parent.parent == db_path.parent
        assert MARK.encode() in used.read_bytes()  # the file existed, in plain text
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == (129 if sig == signal.SIGHUP else 130)
        assert err.decode() == f"\n{KEPT}\n"
        assert not used.parent.exists()
        assert _editing_folders(db_path) == []
        assert _plain_leftovers(db_path.parent, db_path) == []
    texts = [d["fields"]["text"] for d in _drafts()]
    assert texts == [f"round {n} {MARK}" for n in range(rounds)]


@pytest.mark.slow
def test_an_encrypted_journal_keeps_the_interrupted_words_encrypted(
    db_path: Path, editor: dict[str, str], passphrase_file: Path
) -> None:
    assert run_journal("add", "an entry first", "-m", "5", "--encrypted").returncode == 0
    for _round in range(2):
        proc, used = _start_editing(editor, f"secret {MARK}")
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 130
        assert KEPT in err.decode()
        assert not used.parent.exists()
        assert _plain_leftovers(db_path.parent, db_path) == []
        assert MARK.encode() not in db_path.read_bytes()
    assert [d["fields"]["text"] for d in _drafts()] == [f"secret {MARK}"] * 2


@pytest.mark.slow
def test_a_file_left_by_kill_9_becomes_a_draft_on_the_next_write(
    db_path: Path, editor: dict[str, str]
) -> None:
    assert run_journal("add", "an entry first", "-m", "5").returncode == 0
    proc, used = _start_editing(editor, f"left {MARK}")
    os.killpg(proc.pid, signal.SIGKILL)  # the journal and its editor, as a power cut would
    proc.communicate(timeout=30)
    assert used.exists()  # what kill -9 leaves: private, beside the journal
    assert stat.S_IMODE(used.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(used.stat().st_mode) == 0o600
    listed = run_journal("list")  # a reader leaves it alone
    assert listed.returncode == 0
    assert used.exists()
    result = run_journal("add", "the next entry", "-m", "6")
    assert result.returncode == 0, result.stderr
    assert not used.parent.exists()
    assert _plain_leftovers(db_path.parent, db_path) == []
    [draft] = _drafts()
    assert draft == {**draft, "command": "add", "fields": {"text": f"left {MARK}"}}


def test_a_leftover_of_a_live_process_is_not_touched(db_path: Path) -> None:
    assert invoke("add", "an entry first", "-m", "5").exit_code == 0
    from workjournal import files

    folder = files.temporary_dir(db_path, files.EDITING)  # this (live) process's own
    (folder / "entry.md").write_text(f"still being written {MARK}")
    try:
        assert invoke("add", "another", "-m", "5").exit_code == 0
        assert (folder / "entry.md").exists()
        assert _drafts() == []
    finally:
        files.remove_tree(folder)
