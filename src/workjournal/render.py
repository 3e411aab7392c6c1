"""The only module that imports Rich: everything a person reads in the terminal is drawn here.

Rich honours ``NO_COLOR`` and ``COLUMNS``, and prints without colour when stdout is not a terminal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from workjournal.clock import format_moment
from workjournal.models import (
    Entry,
    Homework,
    HomeworkLog,
    Session,
    ThoughtRecord,
    describe_emotion_changes,
)
from workjournal.text import first_line, for_terminal
from workjournal.text import number as format_number

if TYPE_CHECKING:  # the reports are imported only by the commands that draw them
    from workjournal.cards import CardItem, DiaryCard
    from workjournal.checkins import HistoryRow
    from workjournal.drafts import Draft
    from workjournal.reminders import Reminder
    from workjournal.reports.calendar import YearInPixels
    from workjournal.reports.card import CardWeek
    from workjournal.reports.common import DayMood
    from workjournal.reports.homework import HomeworkProgress
    from workjournal.reports.month import MonthView
    from workjournal.reports.patterns import Patterns
    from workjournal.reports.prep import Prep
    from workjournal.reports.streak import Streak
    from workjournal.reports.summary import PeriodSummary
    from workjournal.reports.triggers import TriggerList
    from workjournal.reports.week import Glimpse, WeekReview


class _Console(Console):
    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # Every piece of text on its way out, before Rich adds its own styles' sequences: what
        # the text holds is shown, never obeyed. (A Rich without this method prints unchanged;
        # tests/test_text_is_never_markup.py notices.)
        return super()._render_buffer(
            Segment(text if control else for_terminal(text), style, control)
            for text, style, control in buffer
        )

    def on_broken_pipe(self) -> None:
        # Rich's own ends the process with exit 1; hand the error to the CLI's one handler,
        # which ends quietly (141) as it does for plain output.
        raise BrokenPipeError


def console(*, stderr: bool = False) -> Console:
    # Created per call so it writes to whatever sys.stdout is now (tests swap it). Every string
    # this module prints may hold a person's own words, so none is read as Rich markup ("[/]" in
    # a note) or emoji codes (":heart:"): styles come from Text and the styles given, never from
    # the text.
    return _Console(stderr=stderr, highlight=False, soft_wrap=False, markup=False, emoji=False)


# Wide enough for any row: when stdout is a file or a pipe, a table is printed in full.
_UNLIMITED = 100_000


def print_table(out: Console, table: Table) -> None:
    """A table at the terminal's width; into a file or a pipe (stdout not a terminal), without
    the padding to the right. There, unless ``COLUMNS`` asks for a width, rows are never folded
    or cut: a script or a file gets every word. A table whose columns cannot all fit the width
    (Rich would cut them to "…" or to nothing) is printed as one short block per row instead."""
    limited = out.is_terminal or "COLUMNS" in os.environ
    shown: Any = table
    if limited and _all_text(table):
        least = _column_widths(table)
        if sum(least) + _between_columns(table) > out.width:
            shown = _stacked(table)
        elif _breaks_a_word(out, table, least):
            _share_width(table, out.width, least)
    if out.is_terminal:
        out.print(shown)
        return
    if not limited:
        table.expand = False
        out.width = _UNLIMITED
    with out.capture() as captured:
        out.print(shown)
    lines = [line.rstrip() for line in captured.get().splitlines()]
    out.file.write("\n".join(lines) + "\n")
    out.file.flush()


def _all_text(table: Table) -> bool:
    """Whether every cell is text (no nested renderable), so the table can be stacked."""
    return all(isinstance(c, str | Text) for column in table.columns for c in column.cells)


def _between_columns(table: Table) -> int:
    """The columns a table draws besides its cells: the padding between and around them, and a
    box's two edges and its line (or space) between each two columns."""
    count = len(table.columns)
    left, right = table.padding[3], table.padding[1]
    edges = left + right if table.pad_edge else 0
    lines = 0 if table.box is None else (2 if table.show_edge else 0) + count - 1
    return (left + right) * (count - 1) + edges + lines


def _column_widths(table: Table, *, whole: bool = False) -> list[int]:
    """Each column's longest unbreakable part, the least it can take without a cell cut (a
    whole line where it does not wrap, else its longest word); with ``whole``, its longest
    line, the width it takes when nothing wraps."""
    from rich.cells import cell_len

    widths = []
    for column in table.columns:
        texts = [str(column.header), *(_plain(c) for c in column.cells)]
        if column.no_wrap or whole:
            parts = [line for text in texts for line in text.splitlines()]
        else:
            parts = [word for text in texts for word in text.split()]
        widths.append(max([column.min_width or 0, *(cell_len(part) for part in parts)]))
    return widths


def _breaks_a_word(out: Console, table: Table, least: list[int]) -> bool:
    """Whether Rich's own layout would give a column less room than its longest word
    (``least``; Rich shares space out by ratio): only then is the layout
    :func:`_share_width`'s. Without Rich's layout (a future Rich may move it), assume it would."""
    try:
        given = table._calculate_column_widths(out, out.options)
        padding = [table._get_padding_width(i) for i in range(len(table.columns))]
    except AttributeError:  # pragma: no cover - a Rich without these
        return True
    return any(g - p < lo for g, p, lo in zip(given, padding, least, strict=True))


def _share_width(table: Table, width: int, least: list[int]) -> None:
    """Give each column a fixed width: the width it takes unwrapped, and when the screen is
    too narrow for that, the widest columns are narrowed first, as Rich does, but never below
    their longest word (``least``). (Rich shares space by ratio and breaks a word to keep to
    it.)"""
    widths = _column_widths(table, whole=True)
    excess = sum(widths) + _between_columns(table) - width
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > least[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
        column.ratio = None  # a ratio would share the width out again


def _stacked(table: Table) -> Group:
    """``table`` for a narrow screen: each row as a block. A row that starts with an id shows
    it beside the row's next cell (what the row is); every other cell with something in it
    follows as a "header: value" line, indented under it. Text wraps at word boundaries and
    nothing is cut."""
    columns = table.columns
    by_id = str(columns[0].header) in ("id", "") and len(columns) > 1
    blocks: list[Any] = []
    cells = [list(column.cells) for column in columns]
    for row in range(table.row_count):
        values = [_as_text(column[row]) for column in cells]
        head = Table.grid(padding=(0, 2, 0, 0))
        head.add_column(no_wrap=True)
        if by_id:
            head.add_column(ratio=1)
            head.add_row(values[0], values[1])
            indent = len(values[0].plain) + 2
            rest = zip(columns[2:], values[2:], strict=True)
        else:
            head.add_row(values[0])
            indent = 2
            rest = zip(columns[1:], values[1:], strict=True)
        blocks.append(head)
        for column, value in rest:
            if not value.plain.strip():
                continue
            line = Text(f"{column.header}: ", style="dim")
            line.append_text(value)
            blocks.append(Padding(line, (0, 0, 0, indent)))
        if row < table.row_count - 1:
            blocks.append(Text())
    return Group(*blocks)


def _as_text(cell: Any) -> Text:
    if isinstance(cell, Text):
        return cell.copy()
    return Text(str(cell))


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


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


NARROW = 70  # below this many columns, tables fold their less important columns into others


def entries_table(entries: Sequence[Entry]) -> None:
    out = console()
    if not entries:
        out.print(
            "No entries match. `journal add` writes one; `journal list` without filters "
            "shows the latest."
        )
        return
    narrow = out.width < NARROW and (out.is_terminal or "COLUMNS" in os.environ)
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("mood", justify="right", no_wrap=True)
    if not narrow:
        table.add_column("triggers", ratio=2, min_width=10)
    # The text wraps at word boundaries: it is what the entry is, never cut to "…".
    table.add_column("text", ratio=5)
    for entry in entries:
        flags = ("🔒 " if entry.private else "") + ("💬 " if entry.discuss else "")
        line = flags + entry.text.strip().split("\n", 1)[0]
        mood = Text("" if entry.mood is None else str(entry.mood), style=mood_style(entry.mood))
        if narrow:
            cell = Text(line)
            if entry.triggers:
                cell.append(("\n" if line else "") + "· " + ", ".join(entry.triggers), "dim")
            when = entry.occurred_at.strftime("%d %b %H:%M")
            table.add_row(str(entry.id), when, mood, cell)
        else:
            when = entry.occurred_at.strftime("%a %d %b %H:%M")
            table.add_row(str(entry.id), when, mood, ", ".join(entry.triggers), line)
    print_table(out, table)


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
    print_table(out, table)


def homework_detail(hw: Homework, logs: Sequence[HomeworkLog], *, heading: str) -> None:
    """One assignment and every time it was logged, each with the id `homework undo` takes."""
    out = console()
    out.print(Text(heading, style="bold"))
    rows = [("starts", f"{hw.start_date:%a %d %b %Y}")]
    if hw.closed_at is not None:
        rows.append(("closed", format_moment(hw.closed_at)))
    if hw.note:
        rows.append(("note", hw.note))
    for label, value in rows:
        out.print(Text.assemble((f"{label:>7}  ", "dim"), value))
    if not logs:
        out.print()
        out.print(f"Nothing logged yet. `journal homework done {hw.id}` logs a time.")
        return
    # Two columns, so the id (what `homework undo` takes) stays whole at any width and the rest
    # of each line wraps beside it.
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("log id", justify="right", no_wrap=True, min_width=6)
    table.add_column("done", overflow="fold", ratio=1)
    for log in logs:
        parts = [format_moment(log.done_at)]
        if log.partial:
            parts.append("partial")
        if log.rating is not None:
            parts.append(f"helpfulness {log.rating}/10")
        before, after = log.distress_before, log.distress_after
        if before is not None or after is not None:
            parts.append(
                "distress " + " → ".join("?" if d is None else str(d) for d in (before, after))
            )
        if log.note:
            parts.append(log.note)
        table.add_row(str(log.id), Text(" · ".join(parts)))  # Text: a note is never markup
    print_table(out, table)
    out.print("Logged by mistake? `journal homework undo LOG_ID` removes one.")


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
    print_table(out, table)


def reminders_table(
    items: Sequence[Reminder], *, quiet: tuple[time, time] | None, reads_journal: bool
) -> None:
    from workjournal.reminders import format_quiet

    out = console()
    if not items:
        out.print("No reminders yet. `journal remind set 21:00` sets a gentle daily one.")
    else:
        table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column("id", justify="right", no_wrap=True)
        table.add_column("when", overflow="fold")
        table.add_column("message", overflow="fold", ratio=1)
        for item in items:
            table.add_row(str(item.id), item.describe(), item.text)
        print_table(out, table)
    out.print(f"Quiet hours: {format_quiet(quiet)}." if quiet else "No quiet hours set.")
    if items and not reads_journal:
        out.print(
            "This journal is encrypted and its passphrase is not remembered, so reminders are "
            "sent without looking at whether you wrote that day "
            "(`journal passphrase --remember` lets them look)."
        )


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
    # Full columns from 100; short dates and headers from 64; below that, one cell per check-in
    # that wraps at word boundaries, so no score, band or change is ever cut.
    width = out.width if (out.is_terminal or "COLUMNS" in os.environ) else _UNLIMITED
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("taken", no_wrap=True)
    taken_format = "%a %d %b %Y" if width >= 100 else "%d %b %Y"
    if width < 64:
        table.add_column("check-in", overflow="fold")
    else:
        short = width < 100
        for header in ("form", "score"):
            table.add_column(header, justify="right" if header == "score" else "left", no_wrap=True)
        table.add_column("band", min_width=8)
        table.add_column("vs 1st" if short else "vs first", justify="right", no_wrap=True)
        table.add_column("vs prev" if short else "vs previous", justify="right", no_wrap=True)
        table.add_column("difficulty", overflow="fold")
    notes: list[str] = []
    for row in rows:
        c = row.checkin
        inst = checkins.instrument(c.instrument)
        score = f"{c.total}/{inst.max_total}"
        first, previous = _change(row.change_from_first), _change(row.change_from_previous)
        difficulty = "–" if c.difficulty is None else checkins.DIFFICULTY_SHORT[c.difficulty]
        if width < 64:
            cell = f"{inst.name} {score} {c.band}"
            changes = [f"{first} vs first"] if first else []
            changes += [f"{previous} vs previous"] if previous else []
            if changes:
                cell += " · " + ", ".join(changes)
            if c.difficulty is not None:
                cell += f" · {difficulty}"
            table.add_row(str(c.id), c.taken_at.strftime(taken_format), cell)
        else:
            table.add_row(
                str(c.id),
                c.taken_at.strftime(taken_format),
                inst.name,
                score,
                c.band,
                first,
                previous,
                difficulty,
            )
        if row.marks:
            notes.append(
                f"  {c.taken_at.strftime('%d %b %Y')} {inst.name} {score}: {', '.join(row.marks)}"
            )
    print_table(out, table)
    for line in notes:
        out.print(line, highlight=False)
    out.print(checkins.LOWER_IS_FEWER)
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
            + first_line(record.automatic_thought or record.situation, 60),
            describe_emotion_changes(record.emotions_before, record.emotions_after),
        )
    print_table(out, table)


def thought_record_detail(record: ThoughtRecord) -> None:
    out = console()
    out.print(
        Text(f"Thought record {record.id} · {format_moment(record.occurred_at)}", style="bold")
    )
    from workjournal.text import THOUGHT_COLUMNS

    columns = [
        (
            label,
            ", ".join(str(e) for e in getattr(record, field))
            if field.startswith("emotions")
            else getattr(record, field),
        )
        for field, label in THOUGHT_COLUMNS
    ]
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
        if title == "Diary card":
            for week in prep.cards:
                out.print()
                card_week_table(week)
        if title == WHAT_I_WANT_TO_BRING_UP:
            out.print("  …")


# -- reports -----------------------------------------------------------------------------------
# Lines are composed by hand (not with Tables) so they read the same at any width from 60 to
# 200 columns: bars and text shrink with the console, nothing wraps mid-number.

Section = tuple[str, Sequence[str]]  # an extra section for the weekly review: (title, lines)

_EIGHTHS = " ▏▎▍▌▋▊▉"


def num(value: float | None) -> str:
    """The one number formatter (:func:`workjournal.text.number`): 5.5, 5.3, 6.0."""
    return format_number(value)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of ``value`` out of ``top`` in ``width`` cells, in eighths."""
    eighths = round(max(0.0, min(value, top)) / top * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


def _heading(out: Console, title: str) -> None:
    out.print()
    out.print(Text(title, style="bold"))


def _change_words(change: float | None, previous: float | None) -> str:
    if change is None or previous is None:
        return ""
    if change == 0:
        return f" · the same as the week before ({num(previous)})"
    direction = "higher" if change > 0 else "lower"
    return f" · {num(abs(change))} {direction} than the week before ({num(previous)})"


# -- the weekly review: every line is broken at word boundaries to the width, never cut --------

_GLUE = "\u00a0"  # a space that keeps its neighbours on one line while wrapping
_KEPT_TOGETHER = re.compile(r"\d+(?:\.\d+)?(?: (?:of|→) \d+(?:\.\d+)?)+")
_GLIMPSE_LINES = 3  # a moment's text is shortened at a word boundary after this many lines


def _wrap(text: str, width: int, *, indent: str = "", hang: str | None = None) -> list[str]:
    """``text`` broken at word boundaries into lines of at most ``width``: ``indent`` before the
    first line, ``hang`` (``indent`` unless given) before the others, no trailing spaces. A word
    longer than a line stays whole; "3 of 5" and "6.0 → 3.0" are never split."""
    import textwrap

    hang = indent if hang is None else hang
    line = re.sub(r"[ \t\r\n]+", " ", text).strip()
    line = _KEPT_TOGETHER.sub(lambda m: m.group(0).replace(" ", _GLUE), line)
    lines = textwrap.wrap(
        line,
        max(width, len(hang) + 12),
        initial_indent=indent,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [out.replace(_GLUE, " ") for out in lines] or [indent.rstrip()]


def _shortened(text: str, width: int, *, indent: str, more: str) -> list[str]:
    """At most :data:`_GLIMPSE_LINES` lines of ``text``; when it is longer, it stops after a
    whole word with "…" and ``more`` (how to read the rest), never silently."""
    lines = _wrap(text, width, indent=indent)
    if len(lines) <= _GLIMPSE_LINES:
        return lines
    words = re.sub(r"[ \t\r\n]+", " ", text).strip().split(" ")
    keep = len(" ".join(lines[:_GLIMPSE_LINES]).split())
    for count in range(min(keep, len(words)), 0, -1):
        lines = _wrap(" ".join(words[:count]) + f" … {more}", width, indent=indent)
        if len(lines) <= _GLIMPSE_LINES:
            return lines
    return _wrap(f"… {more}", width, indent=indent)


def _glimpse_lines(
    label: str, glimpse: Glimpse | None, width: int, *, show_private: bool
) -> list[Text]:
    if glimpse is None:
        return []
    head = Text.assemble(
        (f"{label}  ", "bold"),
        f"{glimpse.occurred_at:%a %d %b %H:%M} · mood ",
        (str(glimpse.mood), mood_style(glimpse.mood)),
        ("  (private)" if glimpse.private else ""),
    )
    lines = [head]
    if glimpse.private and not show_private:
        lines.append(Text("  (the text of a private entry stays private)", style="dim"))
    elif glimpse.text.strip():
        more = f"(`journal show {glimpse.id}`)"
        lines += [Text(line) for line in _shortened(glimpse.text, width, indent="  ", more=more)]
    return lines


def _week_sections(review: WeekReview, extra: Sequence[Section]) -> list[Section]:
    """Homework progress (when there is some), then any ``extra`` sections."""
    homework = [("Homework this week", [p.line() for p in review.homework])]
    card = [("Diary card", review.card_lines())] if review.card is not None else []
    work = review.work_lines()
    practice = [("Practice and reflection", work)] if work else []
    return [*(homework if review.homework else []), *practice, *card, *extra]


def _emit(out: Console, line: str | Text) -> None:
    """One line already broken to the width; Rich neither wraps nor crops it again (a single
    word longer than the screen is left for the terminal rather than split)."""
    out.print(line, no_wrap=True, overflow="ignore", crop=False)


def _say(out: Console, text: str, width: int, *, style: str = "", indent: str = "") -> None:
    for line in _wrap(text, width, indent=indent):
        _emit(out, Text(line, style=style))


def week_review(review: WeekReview, *, extra: Sequence[Section] = ()) -> None:
    """The weekly review for the terminal. Homework progress and ``extra`` sections are shown
    before the closing question, only when there are some; then the check-in suggestion, if
    any. Every line is broken at word boundaries to the width: names, titles and numbers are
    never cut to "…" (only a long moment's text is shortened, with how to read the rest)."""
    from workjournal.reports.week import CLOSING_QUESTION, EMPTY_WEEK

    out = console()
    width = max(40, out.width)
    s = review.summary
    _say(out, f"Your week · {s.start:%a %d %b} – {s.end:%a %d %b %Y}", width, style="bold")
    out.print()
    if review.is_empty:
        _say(out, EMPTY_WEEK, width)
        if review.previous_mean is not None:
            _say(out, f"The week before, your mood averaged {num(review.previous_mean)}.", width)
    else:
        consistency = f"You {review.consistency} · {plural(s.entries, 'entry', 'entries')}"
        if s.written_late:
            consistency += f" · {s.written_late} written down later"
        _say(out, consistency, width)
        if s.mood.mean is None:
            _say(out, "No mood was given this week.", width)
        else:
            _say(
                out,
                f"Mood: mean {num(s.mood.mean)} (lowest {s.mood.min}, highest {s.mood.max})"
                + _change_words(review.change, review.previous_mean),
                width,
            )
        _week_chart(out, s.daily, width, days_so_far=review.days_so_far)
        for line in [
            *_glimpse_lines("Lowest mood", review.hardest, width, show_private=True),
            *_glimpse_lines("Highest mood", review.best, width, show_private=True),
        ]:
            if line.plain.startswith(("Lowest mood", "Highest mood")):
                out.print()
            _emit(out, line)
        _week_labels(out, review, width)
    for title, body in _week_sections(review, extra):
        _heading(out, title)
        for item in body:
            _say(out, item, width, indent="  ")
    if review.checkin_suggestion:
        out.print()
        _say(out, review.checkin_suggestion, width, style="dim")
    out.print()
    _say(out, CLOSING_QUESTION, width, style="italic")


WEEK_NARROW = 60  # below this, a day's line in the chart leaves out its number of entries


def _week_chart(out: Console, days: Sequence[DayMood], width: int, *, days_so_far: int = 7) -> None:
    """One line a day: a bar, the mean and the spread; from :data:`WEEK_NARROW` columns also the
    number of entries. The bar shrinks so that every line fits the width."""
    narrow = width < WEEK_NARROW
    label_width = len("  Mon 16  ")
    if narrow:
        bar_width = max(8, min(30, width - label_width - len("  nothing logged") - 1))
    else:
        bar_width = max(10, min(30, width - 44))
    out.print()
    for index, day in enumerate(days):
        label = f"  {day.date:%a %d}  "
        if index >= days_so_far:
            _emit(out, Text.assemble(label, ("·", "dim")))
            continue
        if day.entries == 0:
            _emit(out, Text.assemble(label, ("·".ljust(bar_width) + "  nothing logged", "dim")))
            continue
        count = plural(day.entries, "entry", "entries")
        if day.mean is None:
            rest = "  no mood" if narrow else f"  no mood · {count}"
            _emit(out, Text.assemble(label, ("·".ljust(bar_width), "dim"), rest))
            continue
        spread = "" if day.min == day.max else f"{day.min}–{day.max}"
        rest = (
            f"  {num(day.mean):>4}  {spread}"
            if narrow
            else f"  {num(day.mean):>4}  {spread:<5}  {count}"
        )
        _emit(
            out,
            Text.assemble(
                label, (bar(day.mean, 10, bar_width), mood_style(day.mean)), rest.rstrip()
            ),
        )


def _label_lines(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """``(name, figures)`` rows as aligned lines: the names in a column as wide as the longest
    (as far as the width allows), the figures after it. A name too long for its column wraps at
    word boundaries under itself, so no name is ever cut."""
    if not rows:
        return []
    figures_width = max(len(figures) for _, figures in rows)
    room = max(8, width - 2 - 2 - figures_width)
    name_width = min(max(len(name) for name, _ in rows), room)
    lines = []
    for name, figures in rows:
        parts = _wrap(name, name_width)
        lines.append(f"  {parts[0]:<{name_width}}  {figures}".rstrip())
        lines += [f"  {part}" for part in parts[1:]]
    return lines


def _week_labels(out: Console, review: WeekReview, width: int) -> None:
    s = review.summary
    if s.triggers:
        # A mean with / without only with 3 days each way (the rule patterns uses).
        compared = any(t.enough_data() for t in s.triggers)
        _heading(out, "Triggers · mean mood with it / without it" if compared else "Triggers")
        rows = [
            (
                t.name,
                f"{t.count:>3}×"
                + (
                    f"   {num(t.mean_mood_with):>4} / {num(t.mean_mood_without)}"
                    if t.enough_data()
                    else ""
                ),
            )
            for t in s.triggers
        ]
        for line in _label_lines(rows, width):
            _emit(out, line)
        if not all(t.enough_data() for t in s.triggers):
            _say(out, "Means need 3 days with and 3 without.", width, style="dim", indent="  ")
    if s.emotions:
        _heading(out, "Emotions · mean intensity")
        rows = [
            (
                e.name,
                f"{e.count:>3}×"
                + ("" if e.mean_intensity is None else f"   {num(e.mean_intensity)}"),
            )
            for e in s.emotions
        ]
        for line in _label_lines(rows, width):
            _emit(out, line)
    if s.coping:
        _heading(out, "What you did to cope")
        for line in _label_lines([(c.name, f"{c.count:>3}×") for c in s.coping], width):
            _emit(out, line)
    if s.discuss:
        _heading(out, "To bring to your next session")
        ids = ", ".join(str(i) for i in s.discuss)
        _say(out, f"entries {ids} (`journal show ID` opens one)", width, indent="  ")


_SHADES = (("░", 3.5), ("▒", 5.5), ("▓", 7.5), ("█", 10.0))
LEGEND = "░ 1-3  ▒ 4-5  ▓ 6-7  █ 8-10  ○ logged, no mood  (blank: nothing logged)"


def shade(day: DayMood) -> Text:
    """One cell: a shade for the mean mood (readable without colour too), ○ for a day with
    entries but no mood, blank for nothing logged."""
    if day.entries == 0:
        return Text(" ")
    if day.mean is None:
        return Text("○", style="dim")
    char = next(c for c, top in _SHADES if day.mean < top or top == 10.0)
    return Text(char, style=mood_style(day.mean))


def _summary_lines(
    out: Console, summary: PeriodSummary, *, what: str, days_so_far: int | None = None
) -> None:
    s = summary
    days = (
        f"{s.days_logged} of the {days_so_far} days so far"
        if days_so_far is not None and days_so_far < s.days_in_period
        else f"{s.days_logged} of {s.days_in_period} days"
    )
    out.print(f"You logged {days} this {what} · {plural(s.entries, 'entry', 'entries')}")
    if s.mood.mean is not None:
        out.print(f"Mood: mean {num(s.mood.mean)} (lowest {s.mood.min}, highest {s.mood.max})")
    if s.triggers:
        top = ", ".join(f"{t.name} ({t.count})" for t in s.top_triggers(3))
        out.print(f"Triggers that came up most: {top}")
    if s.coping:
        top = ", ".join(f"{c.name} ({c.count})" for c in s.coping[:3])
        out.print(f"What you did to cope: {top}")


def month_view(view: MonthView) -> None:
    from workjournal.reports.common import WEEKDAYS

    out = console()
    s = view.summary
    out.print(Text(f"{s.start:%B %Y}", style="bold"))
    out.print()
    names = [WEEKDAYS[(view.first_weekday + i) % 7][:3].title() for i in range(7)]
    out.print("  " + " ".join(f"{n:>6}" for n in names))
    for week in view.weeks:
        days = Text("  ")
        moods = Text("  ")
        for cell in week:
            if cell is None:
                days.append(" " * 7)
                moods.append(" " * 7)
                continue
            days.append(f"{cell.date.day:>6} ")
            if cell.entries == 0:
                moods.append(f"{'':>6} ")
            elif cell.mean is None:
                moods.append(f"{'○':>6} ", style="dim")
            else:
                moods.append(f"{num(cell.mean):>6} ", style=mood_style(cell.mean))
        days.rstrip()
        moods.rstrip()
        out.print(days, no_wrap=True, overflow="crop")
        out.print(moods, no_wrap=True, overflow="crop")
    out.print()
    if s.entries == 0:
        out.print("Nothing logged this month yet — that's okay. `journal add` whenever you like.")
        return
    _summary_lines(out, s, what="month", days_so_far=view.days_so_far)


def year_in_pixels(view: YearInPixels) -> None:
    out = console()
    out.print(Text(f"{view.year} in pixels · one cell per day", style="bold"))
    out.print()
    out.print("      " + "".join(f"{d:<5}" for d in range(1, 32, 5)).rstrip())
    for number in range(1, 13):
        row = Text(f"  {date(view.year, number, 1):%b} ")
        for day in view.month(number):
            row.append_text(shade(day))
        row.rstrip()
        out.print(row, no_wrap=True, overflow="crop")
    out.print()
    out.print(Text(LEGEND, style="dim"))
    out.print(f"You logged {view.days_logged} days in {view.year}.")


def streak(result: Streak) -> None:
    out = console()
    out.print(f"Days logged: {result.last_7} of the last 7 · {result.last_30} of the last 30")
    out.print(f"Current run: {plural(result.current, 'day')} · longest: {result.longest}")
    out.print(
        Text(
            "Runs are forgiving: one missed day does not end a run. Every day you log counts.",
            style="dim",
        )
    )


def patterns(result: Patterns) -> None:
    from rich.cells import cell_len

    from workjournal.reports.common import PARTS_OF_DAY

    out = console()
    width = max(40, out.width)
    period = "everything so far"
    if result.since or result.until:
        since = result.since.isoformat() if result.since else "the start"
        until = result.until.isoformat() if result.until else "now"
        period = f"{since} to {until}"
    out.print(Text(f"Patterns · {period}", style="bold"))
    out.print(
        f"{plural(result.entries, 'entry', 'entries')} on {plural(result.days_logged, 'day')}. "
        "These are things that appeared together, not causes."
    )
    if result.entries == 0:
        out.print("Nothing logged in this period yet — patterns show up as entries add up.")
        return
    name_width = max(8, min(24, width - 30))  # the counts and means take 29 columns
    for title, labels in (("Triggers", result.triggers), ("Tags", result.tags)):
        if not labels:
            continue
        _heading(out, f"{title} · mean mood on entries with it / without it")
        for label in labels:
            name = " ".join(label.name.split())
            if cell_len(name) > name_width:  # whole on a line of its own, never cut
                out.print(Text(f"  {name}"))
                name = ""
            head = f"  {name:<{name_width}}  {label.count:>5}×  "
            if label.enough_data(result.minimum_days):
                diff = label.difference or 0.0
                sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
                out.print(
                    head
                    + f"{num(label.mean_mood_with):>4} / {num(label.mean_mood_without):<4}"
                    + f"  {sign}{num(abs(diff))}"
                )
            else:
                out.print(Text.assemble(head, ("not enough data yet", "dim")))
    if result.together:
        _heading(out, "Triggers that appeared together most often")
        for pair in result.together:
            line = Text(f"{pair.names[0]} + {pair.names[1]}  {pair.count}×")
            out.print(Padding(line, (0, 0, 0, 2), expand=False))
    _heading(out, "Mean mood by weekday")
    for group in result.by_weekday:
        out.print(
            f"  {group.name.title():<10} {num(group.mean):>4}  "
            f"({plural(group.entries, 'entry', 'entries')})"
        )
    _heading(out, "Mean mood by part of day")
    hours = {name: f"{first:02d}-{end:02d}" for name, first, end in PARTS_OF_DAY}
    for group in result.by_part_of_day:
        out.print(
            f"  {group.name:<10} {hours[group.name]}  {num(group.mean):>4}  "
            f"({plural(group.entries, 'entry', 'entries')})"
        )
    if any(emotions for _, emotions in result.emotions_by_trigger):
        _heading(out, "Emotions logged most often with each top trigger")
        for name, emotions in result.emotions_by_trigger:
            felt = ", ".join(f"{e.name} ({e.count})" for e in emotions) or "none logged"
            out.print(Padding(Text(f"{name}: {felt}"), (0, 0, 0, 2), expand=False))
    out.print(
        f"\nA difference is shown once a trigger or tag has {result.minimum_days} days with it "
        f"and {result.minimum_days} without."
    )


def trigger_list(result: TriggerList) -> None:
    out = console()
    if not result.triggers:
        out.print("No triggers logged yet. `journal add -t NAME` records what set a moment off.")
        return
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("trigger", overflow="fold", ratio=1)
    table.add_column("count", justify="right", no_wrap=True)
    table.add_column("first seen", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    table.add_column("mean mood", justify="right", no_wrap=True)
    for t in result.triggers:
        table.add_row(
            t.name,
            str(t.count),
            t.first_seen.isoformat(),
            t.last_seen.isoformat(),
            Text(num(t.mean_mood), style=mood_style(t.mean_mood)),
        )
    print_table(out, table)


# -- the diary card ---------------------------------------------------------------------------


def card_week_table(week: CardWeek) -> None:
    from workjournal.reports.card import card_cells, card_headers

    """The week as a grid: a row per day when it fits the terminal, else a row per field."""
    out = console()
    out.print(
        f"Diary card, {week.start:%a %d %b} – {week.end:%a %d %b %Y}: "
        f"{week.filled} of 7 days filled in."
    )
    headers = card_headers(week)
    rows = [(f"{day.day:%a %d}", card_cells(week, day)) for day in week.days]
    widths = [max(len(h), *(len(cells[i]) for _, cells in rows)) for i, h in enumerate(headers)]
    # Each column takes its width plus a space of padding on each side and a separator.
    by_day_width = 6 + 2 + sum(width + 3 for width in widths)
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    if out.width >= by_day_width:
        table.add_column("day", no_wrap=True)
        for header in headers:
            table.add_column(header, justify="right", no_wrap=True)
        for label, cells in rows:
            table.add_row(label, *cells)
    else:
        # A row per field, a column per day; under 60 columns without rules or padding.
        compact = out.width < 60
        if compact:
            table = Table(box=None, expand=False, pad_edge=False, padding=(0, 1, 0, 0))
            rows = [
                (label, card_cells(week, day, compact=True))
                for (label, _), day in zip(rows, week.days, strict=True)
            ]
        table.add_column("", overflow="fold")
        for day in week.days:
            name = f"{day.day:%a}"[:2] if compact else f"{day.day:%a}"
            table.add_column(f"{name}\n{day.day:%d}", justify="right", no_wrap=True)
        for index, header in enumerate(headers):
            table.add_row(header, *(cells[index] for _, cells in rows))
    print_table(out, table)
    if out.width < 60 and out.width < by_day_width:
        out.print("meds: y yes, n no, p partly.")
    notes = []
    if any(day.card and day.card.acted_on for day in week.days):
        notes.append("* acted on it that day.")
    notes.append("Urges and emotions 0-5, skills 0-7.")
    out.print(" ".join(notes))
    for day in week.days:
        if day.card is not None and day.card.skills_used:
            out.print(f"{day.day:%a}: skills used: {', '.join(day.card.skills_used)}.")
        if day.card is not None and day.card.note:
            out.print(f"{day.day:%a}: {day.card.note}", markup=False, highlight=False)


def card_detail(card: DiaryCard) -> None:
    from workjournal.cards import SKILLS_SCALE

    out = console()
    out.print(f"Diary card for {card.day:%A %d %B %Y}", style="bold")
    rows: list[tuple[str, str]] = []
    for name, value in card.urges.items():
        acted = " (acted on it)" if card.acted.get(name) else ""
        rows.append((f"urge: {name}", f"{value} of 5{acted}"))
    for name in card.acted_on:
        if name not in card.urges:
            rows.append((f"urge: {name}", "acted on it"))
    rows += [(f"emotion: {name}", f"{value} of 5") for name, value in card.emotions.items()]
    if card.skills is not None:
        rows.append(("skills", f"{card.skills}: {SKILLS_SCALE[card.skills]}"))
    if card.skills_used:
        rows.append(("skills used", ", ".join(card.skills_used)))
    if card.meds is not None:
        rows.append(("medication", card.meds))
    if card.sleep is not None:
        rows.append(("sleep", f"{card.sleep:g} hours"))
    rows += [(name, f"{value:g}") for name, value in card.rates.items()]
    if card.note:
        rows.append(("note", card.note))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("field", no_wrap=True, style="bold")
    table.add_column("value", overflow="fold")
    for label, text in rows:
        table.add_row(label, text)
    print_table(out, table)


def card_items_table(items: Sequence[CardItem], *, what: str) -> None:
    out = console()
    if not items:
        out.print(f"No {what} on your card.")
        return
    out.print(f"Your card's {what}: " + ", ".join(item.describe() for item in items) + ".")


def drafts_table(found: Sequence[Draft]) -> None:
    out = console()
    if not found:
        out.print("No drafts. When a guided question is interrupted, what you wrote waits here.")
        return
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("kept", no_wrap=True)
    table.add_column("for", no_wrap=True)
    table.add_column("what", overflow="fold", ratio=1)
    for draft in found:
        kept = format_moment(draft.created_at) if draft.created_at else ""
        table.add_row(str(draft.id), kept, f"journal {draft.command}", draft.summary(200))
    print_table(out, table)
    out.print("`journal drafts discard ID` throws one away.")


# -- practice, reflection, conversations (issue 14) --------------------------------------------

if TYPE_CHECKING:
    from workjournal.conversations import Conversation
    from workjournal.practice import Practice
    from workjournal.reflection import Prompt


def practice_table(items: Sequence[Practice]) -> None:
    out = console()
    if not items:
        out.print(
            "No practice logged yet. `journal practice start NAME` practises here; "
            "`journal practice log NAME --minutes N` records one done elsewhere."
        )
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("practice", ratio=2, min_width=8, overflow="fold")
    table.add_column("min", justify="right", no_wrap=True)
    table.add_column("distress", no_wrap=True)
    table.add_column("note", overflow="ellipsis", no_wrap=True, ratio=3)
    for p in items:
        table.add_row(
            str(p.id),
            p.at.strftime("%a %d %b %H:%M"),
            p.name,
            str(p.minutes),
            _distress(p.before, p.after),
            first_line(p.note, 60),
        )
    print_table(out, table)


def practice_countdown(
    name: str,
    *,
    total_seconds: float,
    seconds_per_minute: float = 60.0,
    breathing: tuple[int, int, int, int] | None = None,
    bell: bool = True,
) -> tuple[float, bool]:
    """A calm live countdown on stderr, with a breathing pacer when asked. Returns the seconds
    practised and whether the practice ran to its end (Ctrl-C ends it early, quietly)."""
    import sys
    import time

    from rich.live import Live

    from workjournal.practice import breath_phase

    out = console(stderr=True)

    def frame(elapsed: float) -> Text:
        left = max(0.0, total_seconds - elapsed)
        whole = int(left * 60 / seconds_per_minute) if seconds_per_minute else 0
        text = Text.assemble(
            (f"{name}  ", "bold"), (f"{whole // 60:02d}:{whole % 60:02d} left", "")
        )
        if breathing is not None:
            step, seconds = breath_phase(breathing, elapsed)
            text.append(f"\nbreathe {step:<4} {seconds}", style="cyan")
        text.append("\nCtrl-C ends early and keeps the minutes you practised.", style="dim")
        return text

    if not out.is_terminal:  # no live redraw there: say once that it began
        minutes = round(total_seconds / seconds_per_minute) if seconds_per_minute else 0
        out.print(
            f"{name}: started, {minutes} min. Ctrl-C ends early and keeps the minutes "
            "you practised.",
            soft_wrap=True,
        )
    start = time.monotonic()
    finished = False
    try:
        with Live(frame(0), console=out, refresh_per_second=4, transient=True) as live:
            while True:
                elapsed = time.monotonic() - start
                if elapsed >= total_seconds:
                    finished = True
                    break
                live.update(frame(elapsed))
                time.sleep(min(0.25, max(0.01, total_seconds - elapsed)))
    except KeyboardInterrupt:
        pass
    elapsed = time.monotonic() - start
    if finished:
        if bell:
            sys.stderr.write("\a")
            sys.stderr.flush()
        out.print(f"{name}: done. Take a moment before moving on.")
    return (total_seconds if finished else elapsed), finished


def prompts_table(prompts: Sequence[Prompt]) -> None:
    out = console()
    if not prompts:
        out.print("No prompts with that theme yet. `journal reflect add-prompt TEXT` adds one.")
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("theme", no_wrap=True)
    table.add_column("prompt", ratio=1, overflow="fold")
    for p in prompts:
        table.add_row(p.id, p.theme, p.text)
    print_table(out, table)


def _distress(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{'-' if before is None else before}→{'-' if after is None else after}"


def conversations_table(items: Sequence[Conversation]) -> None:
    out = console()
    if not items:
        out.print("No conversations planned yet. `journal talk plan` walks through one.")
        return
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("conversation", ratio=3, overflow="fold")
    table.add_column("with", ratio=1, overflow="fold")
    table.add_column("held", no_wrap=True)
    table.add_column("distress", no_wrap=True)
    table.add_column("outcome", no_wrap=True)
    for c in items:
        table.add_row(
            str(c.id),
            c.title,
            c.with_whom,
            "planned" if c.held_at is None else c.held_at.strftime("%d %b"),
            _distress(c.before, c.after),
            c.outcome or "",
        )
    print_table(out, table)


def conversation_detail(c: Conversation) -> None:
    from workjournal.conversations import GUIDANCE, STEPS

    out = console()
    title = f"Conversation {c.id} · {c.title}" + (f" · with {c.with_whom}" if c.with_whom else "")
    out.print(Text(title, style="bold"))
    for name in STEPS:
        text = c.step(name)
        if text:
            label = GUIDANCE[name].split(":", 1)[0]
            out.print(Text.assemble((f"{label}: ", "dim"), text))
    if c.priority:
        out.print(Text.assemble(("Priority: ", "dim"), c.priority))
    expected = [f"distress {c.expected_distress}/10"] if c.expected_distress is not None else []
    if c.expected:
        expected.append(c.expected)
    if expected:
        out.print(Text.assemble(("Expected: ", "dim"), "; ".join(expected)))
    if c.held_at is None:
        out.print(Text("Not held yet.", style="dim"))
        return
    went = [f"held {format_moment(c.held_at)}"]
    if c.before is not None or c.after is not None:
        went.append(f"distress {_distress(c.before, c.after)}")
    if c.outcome:
        went.append({"got": "got it", "partly": "partly", "not": "not this time"}[c.outcome])
    out.print(Text.assemble(("How it went: ", "dim"), " · ".join(went)))
    if c.note:
        out.print(Text(c.note))
