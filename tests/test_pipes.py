"""A closed pipe ends a command quietly, and tables written to a file or a pipe come out whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import invoke, subprocess_env

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}


def _fill(count: int, words: int) -> None:
    for index in range(count):
        text = f"entry {index} " + " ".join(f"word{n}" for n in range(words))
        assert invoke("add", text, "-m", "4", "-t", "work", env=NOW).exit_code == 0


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_reader_that_stops_early_ends_the_command_quietly(fmt: str, db_path: Path) -> None:
    # More than a pipe buffer (64 KiB), so the journal is still writing when the reader leaves.
    _fill(3, 12_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "workjournal", "list", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(**NOW),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    code = proc.wait(timeout=60)
    assert first
    assert err == b""
    assert code in (0, 141)


def test_list_csv_into_head_through_a_shell(db_path: Path) -> None:
    _fill(2, 20_000)
    result = subprocess.run(
        ["bash", "-c", 'python -m workjournal list -f csv | head -1; echo "${PIPESTATUS[0]}"'],
        capture_output=True,
        env=subprocess_env(**NOW, PATH=str(Path(sys.executable).parent) + ":/usr/bin:/bin"),
        timeout=60,
        check=False,
    )
    header, status = result.stdout.decode().splitlines()
    assert header.startswith("id,uuid,occurred_at")
    assert status in ("0", "141")
    assert result.stderr == b""


def test_a_table_into_a_pipe_is_whole_and_unpadded(db_path: Path) -> None:
    long_text = "Snapped at my sister after the call about the holidays and then felt awful"
    assert invoke("add", long_text, "-t", "family, phone calls", env=NOW).exit_code == 0
    env = subprocess_env(**NOW)
    env.pop("COLUMNS", None)
    result = subprocess.run(
        [sys.executable, "-m", "workjournal", "list"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert "…" not in result.stdout.decode()
    [row] = [line for line in lines if line.lstrip().startswith("1 ")]
    assert "family, phone calls" in row
    assert row.endswith(long_text[:59] + "…") or long_text in row


@pytest.mark.parametrize("args", [["demo"], ["week"]])
def test_rich_output_into_a_closed_pipe_ends_quietly(args: list[str], db_path: Path) -> None:
    """Rich's own broken-pipe handling exits 1; the journal's ends like a shell expects."""
    _fill(1, 5)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "workjournal", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=subprocess_env(**NOW),
            check=False,
        )
    finally:
        os.close(write_end)
    assert b"Error" not in proc.stderr and b"Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 141)


def test_ctrl_c_while_the_cli_is_still_loading_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SIGINT can land before any command runs (a slow start under load): exit 130, no
    traceback."""
    from workjournal import entry, quick

    def interrupted(_args: list[str]) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(quick, "run", interrupted)
    monkeypatch.setattr("sys.argv", ["journal", "list"])
    with pytest.raises(SystemExit) as ended:
        entry.main()
    assert ended.value.code == 130
    assert "Traceback" not in capsys.readouterr().err
