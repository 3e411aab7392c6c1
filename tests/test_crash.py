"""Never lose an entry: kill -9 at any moment, and many writers at once.

An entry whose add reported success ("Saved entry N") is in the journal exactly once, whatever
happens after; the journal passes SQLite's integrity check after every kind of crash."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harsh import entry_texts, integrity, journal_argv
from helpers import run_journal, subprocess_env

SAVED = re.compile(rb"Saved entry (\d+)")

# A process that writes entries as fast as it can through the real `journal add` code path
# (workjournal.cli.main), printing the id of each one as soon as it was saved.
LOOP = """
import sys
from workjournal.cli import main
prefix, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    sys.argv = ["journal", "add", f"{prefix}-{i}", "-m", str(i % 10 + 1), "-t", "work",
                "-e", "anxious:40"]
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            sys.exit(exc.code)
"""


def saved_ids(stderr: bytes) -> list[int]:
    return [int(n) for n in SAVED.findall(stderr)]


def check_journal(path: Path, confirmed: dict[int, str]) -> None:
    assert integrity(path) == "ok"
    listed = run_journal("--db", str(path), "list", "-n", "100000", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    by_id = {e["id"]: e["text"] for e in json.loads(listed.stdout)}
    for entry_id, text in confirmed.items():
        assert by_id.get(entry_id) == text, f"saved entry {entry_id} is missing or changed"
    texts = entry_texts(path)
    assert len(texts) == len(set(texts)), "an entry was stored twice"


@pytest.mark.slow
def test_kill_9_in_the_middle_of_a_stream_of_adds_loses_nothing_saved(db_path: Path) -> None:
    rng = random.Random(20261120)
    assert run_journal("add", "before the crashes", "-m", "5").returncode == 0
    confirmed = {1: "before the crashes"}
    kills = 0
    for round_ in range(100):
        proc = subprocess.Popen(
            [sys.executable, "-c", LOOP, f"round{round_}", "1000"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
        )
        time.sleep(rng.uniform(0.15, 0.45))
        proc.kill()
        _, stderr = proc.communicate(timeout=30)
        kills += proc.returncode == -9
        assert b"Error" not in stderr, stderr
        lines = [int(n) for n in saved_ids(stderr)]
        # The loop saves round{N}-0, -1, ... in order, each reported right after its commit.
        for i, entry_id in enumerate(lines):
            confirmed[entry_id] = f"round{round_}-{i}"
    assert kills >= 95  # (a round may rarely finish 1000 adds: then it was not a kill)
    assert len(confirmed) > 100  # the kills landed among the writes, not before them
    check_journal(db_path, confirmed)
    after = run_journal("add", "after the crashes", "-m", "6")
    assert after.returncode == 0, after.stderr


@pytest.mark.slow
def test_kill_9_of_single_adds_at_random_moments_loses_nothing_saved(db_path: Path) -> None:
    rng = random.Random(7)
    assert run_journal("add", "before the crashes", "-m", "5").returncode == 0
    confirmed = {1: "before the crashes"}
    attempts = 0
    for batch in range(25):  # 4 at a time: they also compete for the lock while dying
        procs = []
        for k in range(4):
            text = f"attempt-{batch}-{k}"
            procs.append(
                (
                    text,
                    subprocess.Popen(
                        journal_argv("add", text, "-m", "4", "-t", "work"),
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE,
                        env=subprocess_env(),
                    ),
                    rng.uniform(0.05, 0.6),
                )
            )
        started = time.monotonic()
        for text, proc, delay in sorted(procs, key=lambda p: p[2]):
            time.sleep(max(0.0, started + delay - time.monotonic()))
            proc.kill()
            _, stderr = proc.communicate(timeout=30)
            attempts += 1
            for entry_id in saved_ids(stderr):
                confirmed[entry_id] = text
            if proc.returncode == 0:
                assert saved_ids(stderr), stderr
    assert attempts == 100
    check_journal(db_path, confirmed)


@pytest.mark.slow
def test_eight_processes_adding_fifty_entries_each_at_once_all_succeed(db_path: Path) -> None:
    # The journal does not exist yet: the first adds also race to create it.
    go = db_path.parent.parent / "go"
    start = (
        "import pathlib, sys, time\n"
        "go = pathlib.Path(sys.argv[3])\n"
        "while not go.exists(): time.sleep(0.001)\n" + LOOP
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", start, f"writer{w}", "50", str(go)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=subprocess_env(WORKJOURNAL_DEBUG="1"),  # a failure shows where it happened
        )
        for w in range(8)
    ]
    time.sleep(0.5)  # let all eight load Python and wait at the barrier
    go.touch()
    results = [(proc.communicate(timeout=300)[1], proc.returncode) for proc in procs]
    for stderr, code in results:
        assert code == 0, stderr.decode()[-1000:]
        assert len(saved_ids(stderr)) == 50
    ids = [i for stderr, _ in results for i in saved_ids(stderr)]
    assert sorted(ids) == list(range(1, 401))
    texts = entry_texts(db_path)
    assert sorted(texts) == sorted(f"writer{w}-{i}" for w in range(8) for i in range(50))
    assert integrity(db_path) == "ok"


FIRST_ADD = """
import pathlib, sys, time
from workjournal.cli import main
go = pathlib.Path(sys.argv[1])
while not go.exists():
    time.sleep(0.0005)
sys.argv = ["journal", "add", sys.argv[2], "-m", "5"]
main()
"""


@pytest.mark.slow
def test_eight_first_adds_at_once_all_succeed(tmp_path: Path) -> None:
    """Eight `journal add`s on a journal that does not exist yet, released at the same
    instant: they race to make its folder, create the file and switch it to WAL. Ten rounds,
    because a lost race shows only sometimes (it did: 'File exists', and 'busy' at once)."""
    failures = []
    for round_ in range(10):
        go = tmp_path / f"go{round_}"
        db = tmp_path / f"round{round_}" / "journal" / "journal.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", FIRST_ADD, str(go), f"first {n}"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=subprocess_env(WORKJOURNAL_DB=str(db)),
            )
            for n in range(8)
        ]
        time.sleep(0.4)  # all eight have loaded the program and wait for the signal
        go.touch()
        for proc in procs:
            _, stderr = proc.communicate(timeout=120)
            if proc.returncode != 0:
                failures.append(stderr.decode())
        if not failures:
            assert sorted(entry_texts(db)) == [f"first {n}" for n in range(8)]
    assert failures == []
