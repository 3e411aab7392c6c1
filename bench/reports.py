"""Time the whole-journal reports (`journal patterns`, `triggers`, `streak`) and the windowed
ones (`week`, `month`, `calendar`, `list -n 20`) cold, on a journal of N entries (default
100,000). Run from the repository:

    python3 bench/reports.py [N] [--db PATH]

With --db, the journal is built at PATH unless it exists (and is kept for the next run).

The journal spans ~40 years with several entries a day, 60 trigger and 40 tag names, in several
UTC offsets; its rows are written straight into the schema with sqlite3 in one transaction (the
store's own writes would take minutes). Each command runs as a fresh process (cold start): the
median and minimum of 5 runs, wall-clock and CPU (user + system). Not part of the test suite.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from timing import process_env, time_journal  # noqa: E402

from workjournal.store import open_store  # noqa: E402

RUNS = 5
TRIGGERS = [f"trigger-{i:02d}" for i in range(60)]
TAGS = [f"tag-{i:02d}" for i in range(40)]
EMOTIONS = ["sad", "anxious", "angry", "calm", "glad", "tired", "ashamed", "hopeful"]
COPING = ["walk", "breathing", "called a friend", "music", "journaling"]
OFFSETS = [0, 60, -300, 330, 600, -480]  # minutes


def build(path: Path, n: int, *, seed: int = 7) -> None:
    """Create the schema through the store, then write ``n`` entries with raw SQL."""
    with open_store(path, create=True):
        pass
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    start = datetime(1986, 1, 1, tzinfo=UTC)
    span = timedelta(days=40 * 365).total_seconds()
    label_ids: dict[tuple[str, str], int] = {}
    with conn:
        for kind, names in (
            ("trigger", TRIGGERS),
            ("tag", TAGS),
            ("emotion", EMOTIONS),
            ("coping", COPING),
        ):
            for name in names:
                cur = conn.execute("INSERT INTO labels (kind, name) VALUES (?, ?)", (kind, name))
                label_ids[(kind, name)] = int(cur.lastrowid or 0)
        moments = sorted(rng.random() * span for _ in range(n))
        entries = []
        links = []
        for i, seconds in enumerate(moments, start=1):
            when = start + timedelta(seconds=seconds)
            offset = OFFSETS[(i // 500) % len(OFFSETS)]
            utc = when.isoformat(timespec="seconds")
            mood = None if rng.random() < 0.1 else rng.randint(1, 10)
            entries.append(
                (i, str(uuid.UUID(int=rng.getrandbits(128))), utc, offset, utc, offset,
                 f"entry {i} about the day", mood, int(rng.random() < 0.05),
                 int(rng.random() < 0.02))
            )  # fmt: skip
            chosen = [("trigger", t) for t in rng.sample(TRIGGERS, rng.randint(0, 3))]
            chosen += [("tag", t) for t in rng.sample(TAGS, rng.randint(0, 2))]
            chosen += [("emotion", e) for e in rng.sample(EMOTIONS, rng.randint(0, 2))]
            chosen += [("coping", c) for c in rng.sample(COPING, rng.randint(0, 1))]
            for position, key in enumerate(chosen):
                intensity = rng.randint(0, 100) if key[0] == "emotion" else None
                links.append((i, label_ids[key], position, intensity))
        conn.executemany(
            "INSERT INTO entries (id, uuid, occurred_utc, occurred_offset, created_utc, "
            "created_offset, text, mood, private, discuss) VALUES (?,?,?,?,?,?,?,?,?,?)",
            entries,
        )
        # The label's kind and the entry's local day and mood are copied as the store does.
        conn.executemany(
            "INSERT INTO entry_labels (entry_id, label_id, position, intensity, kind, "
            "local_day, mood) SELECT e.id, l.id, ?, ?, l.kind, e.local_day, e.mood "
            "FROM entries e, labels l WHERE e.id = ? AND l.id = ?",
            [(position, intensity, entry_id, label_id) for entry_id, label_id, position,
             intensity in links],
        )  # fmt: skip
    conn.execute("ANALYZE")
    conn.close()


def main() -> None:
    args = sys.argv[1:]
    n = int(args[0]) if args and args[0].isdigit() else 100_000
    db = Path(args[args.index("--db") + 1]) if "--db" in args else None
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "journal.db"
        if not path.exists():
            t0 = time.perf_counter()
            build(path, n)
            print(f"built {n} entries in {time.perf_counter() - t0:.1f} s: {path}")
        env = process_env(NO_COLOR="1", COLUMNS="100", TZ="UTC")
        print(f"{'command':<40} {'wall med':>9} {'min':>6} {'CPU med':>8} {'min':>6}")
        for command in (
            ["patterns"],
            ["patterns", "--format", "json"],
            ["triggers"],
            # The journal ends in December 2025: these look at full periods inside it.
            ["week", "--date", "2025-12-10"],
            ["month", "--date", "2025-12-10"],
            ["calendar", "--year", "2025"],
            ["streak"],
            ["list", "-n", "20"],
        ):
            t = time_journal(["--db", str(path), *command], runs=RUNS, env=env)
            name = " ".join(command)
            print(
                f"{name:<40} {t.wall_median:>8.2f}s {t.wall_min:>5.2f}s "
                f"{t.cpu_median:>7.2f}s {t.cpu_min:>5.2f}s"
            )


if __name__ == "__main__":
    main()
