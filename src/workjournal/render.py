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
from workjournal.reports.common import DayMood
from workjournal.reports.week import CLOSING_QUESTION, Glimpse, WeekReview


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
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("mood", justify="right", no_wrap=True)
    table.add_column("triggers", overflow="fold")
    table.add_column("text", overflow="ellipsis", no_wrap=True, ratio=1)
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


# -- reports -----------------------------------------------------------------------------------
# Lines are composed by hand (not with Tables) so they read the same at any width from 60 to
# 200 columns: bars and text shrink with the console, nothing wraps mid-number.

Section = tuple[str, Sequence[str]]  # an extra section for the weekly review: (title, lines)

_EIGHTHS = " ▏▎▍▌▋▊▉"
EMPTY_WEEK = (
    "Nothing logged this week yet — that's okay. Whenever you're ready, `journal add` "
    "captures a moment; even a single word counts."
)


def num(value: float | None) -> str:
    """2 decimals at most, no trailing zeros: 5.5, 5.25, 6."""
    if value is None:
        return "–"
    return f"{round(value, 2):g}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of ``value`` out of ``top`` in ``width`` cells, in eighths."""
    eighths = round(max(0.0, min(value, top)) / top * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


def _fit(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(1, width - 1)] + "…"


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
        lines.append(Text("  " + _fit(glimpse.text, width - 2)))
    return lines


def week_review(review: WeekReview, *, extra: Sequence[Section] = ()) -> None:
    """The weekly review for the terminal. ``extra`` sections (e.g. homework progress) are shown
    before the closing question, only when given."""
    out = console()
    width = max(40, out.width)
    s = review.summary
    out.print(Text(f"Your week · {s.start:%a %d %b} – {s.end:%a %d %b %Y}", style="bold"))
    out.print()
    if review.is_empty:
        out.print(EMPTY_WEEK)
        if review.previous_mean is not None:
            out.print(f"The week before, your mood averaged {num(review.previous_mean)}.")
    else:
        consistency = (
            f"You logged {s.days_logged} of 7 days · {plural(s.entries, 'entry', 'entries')}"
        )
        if s.written_late:
            consistency += f" · {s.written_late} written down later"
        out.print(consistency)
        if s.mood.mean is None:
            out.print("No mood was given this week.")
        else:
            out.print(
                f"Mood: mean {num(s.mood.mean)} (lowest {s.mood.min}, highest {s.mood.max})"
                + _change_words(review.change, review.previous_mean)
            )
        _week_chart(out, s.daily, width)
        for line in [
            *_glimpse_lines("Hardest moment", review.hardest, width, show_private=True),
            *_glimpse_lines("Best moment", review.best, width, show_private=True),
        ]:
            if line.plain.startswith(("Hardest", "Best")):
                out.print()
            out.print(line, overflow="ellipsis", no_wrap=True)
        _week_labels(out, review, width)
    for title, body in extra:
        _heading(out, title)
        for item in body:
            out.print("  " + item)
    out.print()
    out.print(Text(CLOSING_QUESTION, style="italic"))


def _week_chart(out: Console, days: Sequence[DayMood], width: int) -> None:
    bar_width = max(10, min(30, width - 44))
    out.print()
    for day in days:
        label = f"  {day.date:%a %d}  "
        if day.entries == 0:
            out.print(Text.assemble(label, ("·".ljust(bar_width) + "  nothing logged", "dim")))
            continue
        count = plural(day.entries, "entry", "entries")
        if day.mean is None:
            out.print(Text.assemble(label, ("·".ljust(bar_width), "dim"), f"  no mood · {count}"))
            continue
        spread = "" if day.min == day.max else f"{day.min}–{day.max}"
        out.print(
            Text.assemble(
                label,
                (bar(day.mean, 10, bar_width), mood_style(day.mean)),
                f"  {num(day.mean):>4}  {spread:<5}  {count}",
            )
        )


def _week_labels(out: Console, review: WeekReview, width: int) -> None:
    s = review.summary
    name_width = max(8, min(24, width - 44))
    if s.triggers:
        _heading(out, "Triggers · mean mood with it / without it")
        for t in s.triggers:
            out.print(
                f"  {_fit(t.name, name_width):<{name_width}}  {t.count:>3}×   "
                f"{num(t.mean_mood_with):>4} / {num(t.mean_mood_without)}"
            )
    if s.emotions:
        _heading(out, "Emotions · mean intensity")
        for e in s.emotions:
            level = "" if e.mean_intensity is None else f"   {num(e.mean_intensity)}"
            out.print(f"  {_fit(e.name, name_width):<{name_width}}  {e.count:>3}×{level}")
    if s.coping:
        _heading(out, "What you did to cope")
        for c in s.coping:
            out.print(f"  {_fit(c.name, name_width):<{name_width}}  {c.count:>3}×")
    if s.discuss:
        _heading(out, "To bring to your next session")
        ids = ", ".join(str(i) for i in s.discuss)
        out.print("  " + _fit(f"entries {ids} (`journal show ID` opens one)", width - 2))


def week_markdown(review: WeekReview, *, extra: Sequence[Section] = ()) -> str:
    """The weekly review as Markdown, to paste into notes. Private entries' text is left out."""
    s = review.summary
    lines = [f"# Week of {s.start:%a %d %b} – {s.end:%a %d %b %Y}", ""]
    if review.is_empty:
        lines += [EMPTY_WEEK, ""]
    else:
        late = f", {s.written_late} written down later" if s.written_late else ""
        lines += [
            f"- Logged {s.days_logged} of 7 days, {plural(s.entries, 'entry', 'entries')}{late}.",
        ]
        if s.mood.mean is not None:
            lines.append(
                f"- Mood: mean {num(s.mood.mean)} (lowest {s.mood.min}, highest {s.mood.max})"
                + _change_words(review.change, review.previous_mean).replace(" · ", "; ")
                + "."
            )
        lines += [
            "",
            "## Mood by day",
            "",
            "| Day | Entries | Mean | Range |",
            "|---|---:|---:|---|",
        ]
        for d in s.daily:
            spread = "" if d.min is None else (str(d.min) if d.min == d.max else f"{d.min}–{d.max}")
            lines.append(f"| {d.date:%a %d %b} | {d.entries} | {num(d.mean)} | {spread} |")
        for label, glimpse in (("Hardest moment", review.hardest), ("Best moment", review.best)):
            if glimpse is None:
                continue
            text = "(private entry)" if glimpse.private else _fit(glimpse.text, 120)
            lines += [
                "",
                f"**{label}** — {glimpse.occurred_at:%a %d %b %H:%M}, mood {glimpse.mood}: {text}",
            ]
        if s.triggers:
            lines += ["", "## Triggers", "", "| Trigger | Count | Mood with | Mood without |"]
            lines.append("|---|---:|---:|---:|")
            lines += [
                f"| {t.name} | {t.count} | {num(t.mean_mood_with)} | {num(t.mean_mood_without)} |"
                for t in s.triggers
            ]
        if s.emotions:
            lines += [
                "",
                "## Emotions",
                "",
                "| Emotion | Count | Mean intensity |",
                "|---|---:|---:|",
            ]
            lines += [f"| {e.name} | {e.count} | {num(e.mean_intensity)} |" for e in s.emotions]
        if s.coping:
            lines += ["", "## Coping", ""]
            lines += [f"- {c.name}: {c.count}×" for c in s.coping]
        if s.discuss:
            lines += ["", "## To discuss", ""]
            lines.append("Entries " + ", ".join(str(i) for i in s.discuss) + ".")
    for title, body in extra:
        lines += ["", f"## {title}", ""]
        lines += [f"- {line}" for line in body]
    lines += ["", f"_{CLOSING_QUESTION}_", ""]
    return "\n".join(lines)
