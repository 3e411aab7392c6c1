"""The only module that imports Rich: everything a person reads in the terminal is drawn here.

Rich honours ``NO_COLOR`` and ``COLUMNS``, and prints without colour when stdout is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from workjournal.clock import format_moment
from workjournal.models import Entry, Session, ThoughtRecord, describe_emotion_changes

if TYPE_CHECKING:
    from workjournal.checkins import HistoryRow
    from workjournal.reports.homework import HomeworkProgress
    from workjournal.reports.prep import Prep


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


# -- between sessions --------------------------------------------------------------------------


def homework_table(
    progress: Sequence[HomeworkProgress], *, week: tuple[date, date], show_all: bool
) -> None:
    out = console()
    if not progress:
        out.print(
            "No homework yet. `journal homework add TITLE` adds an assignment; "
            "--self for practice you chose."
            if show_all
            else "No active homework. `journal homework add TITLE` adds one; "
            "`journal homework list --all` shows finished ones."
        )
        return
    first, last = week
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("homework", overflow="fold", ratio=1)
    table.add_column(f"this week ({first:%d %b}-{last:%d %b})", no_wrap=True)
    table.add_column("last done", no_wrap=True)
    table.add_column("set by", no_wrap=True)
    for p in progress:
        hw = p.homework
        title = hw.title
        if hw.until is not None:
            title += f" (until {hw.until:%d %b})"
        if not p.active:
            title += " · closed" if hw.closed_at is not None else " · ended"
        table.add_row(
            str(hw.id),
            title,
            Text(p.summary(), style="green" if p.met else ""),
            "" if p.last_done is None else p.last_done.strftime("%a %d %b"),
            "you" if hw.set_by == "self" else "therapist",
        )
    out.print(table)


def sessions_table(sessions: Sequence[Session], *, now: datetime) -> None:
    out = console()
    if not sessions:
        out.print("No sessions recorded yet. `journal session add` records one.")
        return
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("note", overflow="fold", ratio=1)
    for session in sessions:
        when = format_moment(session.at) + (" (upcoming)" if session.at > now else "")
        table.add_row(str(session.id), when, session.note)
    out.print(table)


def _change(value: int | None) -> str:
    if value is None:
        return ""
    return f"{value:+d}" if value else "0"


def checkin_history_table(rows: Sequence[HistoryRow]) -> None:
    from workjournal import checkins

    out = console()
    if not rows:
        out.print(
            "No check-ins yet. `journal checkin phq9` (mood) or `journal checkin gad7` "
            "(anxiety) takes about two minutes."
        )
        return
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("taken", no_wrap=True)
    table.add_column("form", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("band", no_wrap=True)
    table.add_column("vs first", justify="right", no_wrap=True)
    table.add_column("vs previous", justify="right", no_wrap=True)
    for row in rows:
        c = row.checkin
        inst = checkins.instrument(c.instrument)
        table.add_row(
            str(c.id),
            c.taken_at.strftime("%a %d %b %Y"),
            inst.name,
            f"{c.total}/{inst.max_total}",
            c.band,
            _change(row.change_from_first),
            _change(row.change_from_previous),
        )
    out.print(table)
    out.print(checkins.NOT_A_DIAGNOSIS)


def thought_records_table(records: Sequence[ThoughtRecord]) -> None:
    out = console()
    if not records:
        out.print("No thought records yet. `journal thought` walks you through one in seven steps.")
        return
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("automatic thought", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("emotions", overflow="fold", ratio=1)
    for record in records:
        table.add_row(
            str(record.id),
            record.occurred_at.strftime("%a %d %b %H:%M"),
            ("🔒 " if record.private else "")
            + _first_line(record.automatic_thought or record.situation),
            describe_emotion_changes(record.emotions_before, record.emotions_after),
        )
    out.print(table)


def thought_record_detail(record: ThoughtRecord) -> None:
    out = console()
    out.print(
        Text(f"Thought record {record.id} · {format_moment(record.occurred_at)}", style="bold")
    )
    columns = (
        ("Situation", record.situation),
        ("Emotions", ", ".join(str(e) for e in record.emotions_before)),
        ("Automatic thought", record.automatic_thought),
        ("Evidence for", record.evidence_for),
        ("Evidence against", record.evidence_against),
        ("Balanced thought", record.balanced_thought),
        ("Emotions after", ", ".join(str(e) for e in record.emotions_after)),
    )
    for number, (label, value) in enumerate(columns, start=1):
        out.print()
        out.print(Text(f"{number}. {label}", style="bold"))
        out.print(Text(value) if value else Text("(skipped)", style="dim"))
    if record.private:
        out.print()
        out.print(Text("private: kept out of exports unless asked", style="dim"))


def prep_report(prep: Prep) -> None:
    from workjournal.reports.prep import WHAT_I_WANT_TO_BRING_UP, prep_sections, prep_title

    out = console()
    out.print(Text(prep_title(prep), style="bold"))
    for title, lines in prep_sections(prep):
        out.print()
        style = "bold yellow" if title == "To mention first" else "bold"
        out.print(Text(title, style=style))
        for line in lines:
            out.print(Padding(Text(line), (0, 0, 0, 2), expand=False))
        if title == WHAT_I_WANT_TO_BRING_UP:
            out.print("  …")
