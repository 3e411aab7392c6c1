"""Build a 100,000-entry journal and time ``journal export --format json`` on it.

    python3 bench/export_100k.py [/tmp/bench/journal.db]

Prints the wall time and peak memory (max RSS) of the export process.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from workjournal.models import Emotion, NewEntry  # noqa: E402
from workjournal.store import open_store  # noqa: E402

N = 100_000
TRIGGERS = ["work", "family", "sleep", "money", "health", "commute", "friends", "news"]
EMOTIONS = ["anxious", "sad", "angry", "calm", "proud", "tired"]


def build(path: Path) -> None:
    rng = random.Random(1)
    london = ZoneInfo("Europe/London")  # half the year at +01:00, like a real journal
    start = datetime(2015, 1, 1)
    with open_store(path, create=True) as store, store.write():
        for i in range(N):
            moment = (start + timedelta(minutes=47 * i)).replace(tzinfo=london)
            new = NewEntry(
                occurred_at=moment,
                text=" ".join(
                    rng.choice(["felt", "the", "meeting", "ran", "late", "and"])
                    for _ in range(rng.randint(5, 40))
                ),
                mood=rng.randint(1, 10),
                triggers=tuple(rng.sample(TRIGGERS, rng.randint(0, 2))),
                emotions=tuple(Emotion(n, rng.randint(0, 100)) for n in rng.sample(EMOTIONS, 2)),
                coping=("walk",) if i % 3 == 0 else (),
                private=i % 50 == 0,
            )
            store._insert_entry(new, created_at=moment, uuid=None)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench-export/london.db")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        build(path)
        print(f"built {N} entries in {time.perf_counter() - t:.1f} s")
    out = path.with_name("export.json")
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "TZ": "UTC"}
    for fmt in ("json", "csv"):
        t = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "workjournal",
                "--db",
                str(path),
                "export",
                "--format",
                fmt,
                "--include-private",
                "--out",
                str(out.with_suffix("." + fmt)),
            ],
            check=True,
            env=env,
        )
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        peak = after.ru_maxrss / 1024
        size = out.with_suffix("." + fmt).stat().st_size / 1e6
        print(
            f"{fmt}: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS so far {peak:.0f} MB, "
            f"file {size:.1f} MB"
        )


if __name__ == "__main__":
    main()
