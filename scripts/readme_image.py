"""Make docs/journal-week.svg, the README's picture: `journal week` on the demo journal.

Run `python scripts/readme_image.py` after a change to the weekly review or the demo data;
`--check` only says whether the committed picture is current (tests/test_readme.py uses it).
The demo journal is built in a temp folder (HOME too, so no real journal is touched) with a
fixed clock and time zone; the real `journal week` runs as a process in colour, and Rich's own
Console(record=True).save_svg turns what it printed into the SVG.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "journal-week.svg"
NOW = "2026-11-27T20:00:00+00:00"  # a Friday evening: most of a week to look back on
WIDTH = 80


def week_output() -> str:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        db = home / "demo.db"
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "PYTHONPATH": str(ROOT / "src"),
            "WORKJOURNAL_NOW": NOW,
            "TZ": "Europe/London",
            "LC_ALL": "C.UTF-8",
            "COLUMNS": str(WIDTH),
            "FORCE_COLOR": "1",
        }
        journal = [sys.executable, "-m", "workjournal", "--db", str(db)]
        subprocess.run([*journal, "demo"], env=env, check=True, capture_output=True)
        week = subprocess.run([*journal, "week"], env=env, check=True, capture_output=True)
        return week.stdout.decode("utf-8")


def render_svg(ansi: str) -> str:
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(Text.from_ansi(ansi.rstrip("\n")))
    return console.export_svg(title="journal week")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed SVG")
    args = parser.parse_args()
    svg = render_svg(week_output())
    if args.check:
        current = OUT.exists() and OUT.read_text(encoding="utf-8") == svg
        print(f"{OUT.relative_to(ROOT)} is {'current' if current else 'out of date'}")
        return 0 if current else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(svg, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
