"""The only module that imports Rich: everything a person reads in the terminal is drawn here.

Rich honours ``NO_COLOR`` and ``COLUMNS``, and prints without colour when stdout is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from workjournal.clock import format_moment
from workjournal.models import Entry


def console(*, stderr: bool = False) -> Console:
    # Created per call so it writes to whatever sys.stdout is now (tests swap it).
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def mood_style(mood: float | None) -> str:
    if mood is None:
        return "dim"
    if mood < 3.5:
        return "red"
    if mood < 5.5:
        return "yellow"
    if mood < 7.5:
        return "green"
    return "bold green"


def _first_line(text: str, width: int = 60) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


def entries_table(entries: Sequence[Entry]) -> None:
    out = console()
    if not entries:
        out.print(
            "No entries match. `journal add` writes one; `journal list` without filters "
            "shows the latest."
        )
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("mood", justify="right", no_wrap=True)
    table.add_column("triggers", ratio=2, min_width=10)
    table.add_column("text", overflow="ellipsis", no_wrap=True, ratio=5)
    for entry in entries:
        flags = ("🔒 " if entry.private else "") + ("💬 " if entry.discuss else "")
        table.add_row(
            str(entry.id),
            entry.occurred_at.strftime("%a %d %b %H:%M"),
            Text("" if entry.mood is None else str(entry.mood), style=mood_style(entry.mood)),
            ", ".join(entry.triggers),
            flags + _first_line(entry.text),
        )
    out.print(table)


def entry_detail(entry: Entry) -> None:
    out = console()
    title = Text(f"Entry {entry.id} · {format_moment(entry.occurred_at)}", style="bold")
    out.print(title)
    rows: list[tuple[str, str]] = []
    if entry.mood is not None:
        rows.append(("mood", f"{entry.mood}/10"))
    for label, values in (
        ("triggers", entry.triggers),
        ("emotions", tuple(str(e) for e in entry.emotions)),
        ("coping", entry.coping),
        ("tags", entry.tags),
    ):
        if values:
            rows.append((label, ", ".join(values)))
    flags = [name for name, on in (("private", entry.private), ("to discuss", entry.discuss)) if on]
    if flags:
        rows.append(("flags", ", ".join(flags)))
    if (entry.created_at - entry.occurred_at).total_seconds() > 3600:
        rows.append(("written", format_moment(entry.created_at)))
    for label, value in rows:
        out.print(Text.assemble((f"{label:>9}  ", "dim"), value))
    if entry.text:
        out.print()
        out.print(Text(entry.text))
