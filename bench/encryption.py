"""Time what encryption costs: the key derivation alone, and cold `journal add` / `journal list`
on a plain and an encrypted journal of N entries (default 100,000). Run from the repository:

    python3 bench/encryption.py [N]

Each command runs as a fresh process (cold start); the minimum and median of 10 runs are shown,
wall-clock and CPU (user + system). Not part of the test suite.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from timing import process_env, time_journal  # noqa: E402

from workjournal import crypto  # noqa: E402
from workjournal.models import NewEntry  # noqa: E402
from workjournal.store import open_store  # noqa: E402

PASSPHRASE = "correct horse battery staple"
RUNS = 10


def build(path: Path, n: int, *, encrypted: bool) -> None:
    source = (lambda: PASSPHRASE) if encrypted else None
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with open_store(path, create=True, passphrase=source, encrypt_new=encrypted) as store:
        for batch in range(0, n, 5000):
            with store.write():
                for i in range(batch, min(n, batch + 5000)):
                    when = start + timedelta(minutes=17 * i)
                    store._insert_entry(
                        NewEntry(
                            occurred_at=when,
                            text=f"entry {i} about the day and how it went",
                            mood=1 + i % 10,
                            triggers=(f"trigger{i % 40}",),
                        ),
                        created_at=when,
                        uuid=None,
                    )


def kdf_cost(path: Path) -> float:
    costs = []
    for _ in range(RUNS):
        t0 = time.process_time()
        crypto.connect(path, lambda: PASSPHRASE, timeout=5).close()
        costs.append(time.process_time() - t0)
    return statistics.median(costs)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        passfile = folder / "passphrase"
        passfile.write_text(PASSPHRASE + "\n")
        passfile.chmod(0o600)
        base = process_env()
        print(f"{n:,} entries; {RUNS} cold runs each: min wall / median wall / median CPU")
        for encrypted in (False, True):
            path = folder / ("encrypted.db" if encrypted else "plain.db")
            t0 = time.perf_counter()
            build(path, n, encrypted=encrypted)
            kind = "encrypted" if encrypted else "plain"
            print(f"{kind}: built in {time.perf_counter() - t0:.1f} s")
            env = dict(base, WORKJOURNAL_DB=str(path))
            if encrypted:
                env["WORKJOURNAL_PASSPHRASE_FILE"] = str(passfile)
                print(f"  key derivation (open + check), CPU: {kdf_cost(path) * 1000:.0f} ms")
            for label, args in (
                ("add", ["add", "timing", "-m", "5", "-t", "work"]),
                ("list -n 20", ["list", "-n", "20"]),
            ):
                t = time_journal(args, runs=RUNS, env=env)
                print(
                    f"  journal {label:<11} {t.wall_min * 1000:5.0f} / "
                    f"{t.wall_median * 1000:5.0f} / {t.cpu_median * 1000:5.0f} ms"
                )


if __name__ == "__main__":
    main()
