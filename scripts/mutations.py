"""Prove that the fast tests notice the breakages that matter most (issue 18).

Each mutation below is one deliberate bug in a privacy or durability promise. For each one this
script copies the source tree and the tests into a temporary folder, applies the mutation there
(never to your checkout), runs the named test files without the slow tests, and prints
``killed`` (a test failed, as it must) or ``survived`` (no test noticed: write the test that
does). A dev tool, not part of CI:

    python scripts/mutations.py            # all of them
    python scripts/mutations.py busy begin # only those whose name contains a word given

It exits 1 when a mutation survived or no longer applies (the code it breaks has moved).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("src", "tests", "docs", "pyproject.toml", "README.md")
PYTEST_ARGS = ("-q", "-x", "-m", "not slow", "-p", "no:randomly", "-p", "no:cacheprovider")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache")


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str  # under src/workjournal
    old: str  # must occur exactly once
    new: str
    tests: tuple[str, ...]


MUTATIONS = (
    # The filter the export runs (store/transfer.py's export_kind).
    Mutation(
        "private thought records in the JSON export",
        "store/transfer.py",
        "                if include_private or not r.private\n",
        "                if True\n",
        ("tests/test_privacy_by_kind.py",),
    ),
    Mutation(
        "private thought records in the md/html/pdf export",
        "gather.py",
        "        if flt.include_private or not r.private\n",
        "        if True\n",
        ("tests/test_privacy_by_kind.py",),
    ),
    Mutation(
        "evidence_for kept by the JSON --redact",
        "exporters/json.py",
        "    for key in REDACTED_TEXT[kind]:\n",
        '    for key in [k for k in REDACTED_TEXT[kind] if k != "evidence_for"]:\n',
        ("tests/test_privacy_by_kind.py",),
    ),
    Mutation(
        "evidence_for kept by the md/html/pdf --redact",
        "exporters/document.py",
        '            values.append("" if redact else str(value))\n',
        '            values.append("" if redact and field != "evidence_for" else str(value))\n',
        ("tests/test_privacy_by_kind.py",),
    ),
    Mutation(
        "SQLCipher 3 key derivation",
        "crypto.py",
        "COMPATIBILITY = 4\n",
        "COMPATIBILITY = 3\n",
        ("tests/test_key_derivation.py",),
    ),
    Mutation(
        "busy timeout 0",
        "store/opening.py",
        "    timeout = busy_timeout()\n",
        "    timeout = 0.0\n",
        ("tests/test_locks.py",),
    ),
    Mutation(
        "BEGIN instead of BEGIN IMMEDIATE",
        "store/opening.py",
        '        self.conn.execute("BEGIN IMMEDIATE")\n',
        '        self.conn.execute("BEGIN")\n',
        ("tests/test_locks.py",),
    ),
    Mutation(
        "Saved printed before COMMIT",
        "store/opening.py",
        "        if _BEFORE_COMMIT:\n",
        "        import sys\n\n"
        '        sys.stderr.write("Saved entry 0\\n")\n'
        "        sys.stderr.flush()\n"
        "        if _BEFORE_COMMIT:\n",
        ("tests/test_crash.py",),
    ),
)


def run(mutation: Mutation) -> str:
    """``killed``, ``survived`` or ``stale`` (the code it breaks is no longer there)."""
    with tempfile.TemporaryDirectory(prefix="workjournal-mutant-") as folder:
        tree = Path(folder)
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, tree / name, ignore=IGNORED)
            else:
                shutil.copy2(source, tree / name)
        target = tree / "src" / "workjournal" / mutation.path
        text = target.read_text(encoding="utf-8")
        if text.count(mutation.old) != 1:
            return "stale"
        target.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", *PYTEST_ARGS, *mutation.tests],
            cwd=tree,
            capture_output=True,
            text=True,
            check=False,
        )
        failed = [line for line in proc.stdout.splitlines() if line.startswith("FAILED")]
        if proc.returncode == 0:
            return "survived"
        return "killed by " + (failed[0].removeprefix("FAILED ") if failed else proc.stdout[-300:])


def main(words: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not words or any(w in m.name for w in words)]
    bad = 0
    for mutation in chosen:
        started = time.monotonic()
        verdict = run(mutation)
        bad += not verdict.startswith("killed")
        print(f"{mutation.name}: {verdict} ({time.monotonic() - started:.0f} s)", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
