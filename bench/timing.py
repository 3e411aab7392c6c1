"""Timing one command as fresh processes: shared by bench/reports.py and bench/encryption.py
(bench/run.py interleaves whole rounds instead, and measures peak memory too)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def process_env(**extra: str) -> dict[str, str]:
    """The environment of a timed process: this checkout's code, with bytecode cached (under
    bench/.cache) as for an installed package; PYTHONDONTWRITEBYTECODE would make every run
    compile the program from source."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env["PYTHONPATH"] = str(ROOT / "src")
    env.update(extra)
    return env


@dataclass(frozen=True)
class Timing:
    """Seconds over several fresh processes."""

    wall_median: float
    wall_min: float
    cpu_median: float
    cpu_min: float


def time_journal(args: list[str], *, runs: int, env: dict[str, str]) -> Timing:
    """Run ``python -m workjournal ARGS`` once to warm up, then ``runs`` times."""
    command = [sys.executable, "-m", "workjournal", *args]
    subprocess.run(command, env=env, check=True, capture_output=True)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return Timing(statistics.median(walls), min(walls), statistics.median(cpus), min(cpus))
