"""Every piece of Markdown the program writes: the therapist export, ``journal week --format md``
and ``journal prep --format md``.

Text taken from the journal (entries, labels, notes, thought records, the safety plan) goes
through :func:`escape` first: HTML and Markdown link and image syntax are backslash-escaped, so
``<img src=...>``, ``![x](http://...)`` or ``<script>`` in an entry shows as the characters typed
and a Markdown previewer never loads anything from anywhere when the file is opened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from workjournal.clock import format_moment
from workjournal.exporters.document import (
    CHECKIN_HEADER,
    CONVERSATION_HEADER,
    HOMEWORK_HEADER,
    PRACTICE_HEADER,
    REDACTED_NOTE,
    SECTION_TITLES,
    THOUGHT_COLUMN_LABELS,
    TRIGGER_NOTE,
    ShareDocument,
    conversation_cells,
    entry_labels,
    homework_cells,
)
from workjournal.models import Entry
from workjournal.text import number, shorten

if TYPE_CHECKING:
    from workjournal.reports.card import CardWeek
    from workjournal.reports.prep import Prep
    from workjournal.reports.week import WeekReview

DAY_TABLE_MAX = 62  # a longer period gets a sentence; a table of months of days helps nobody

# Backslash escapes (CommonMark allows one before any ASCII punctuation) for what could start
# HTML or an autolink (<), a link or an image ([ and ]: "![x](url)" is no image without its
# bracket) and the backslash itself. Nothing else is touched, so the file still reads as typed.


_ESCAPES = str.maketrans({"\\": "\\\\", "<": "\\<", "[": "\\[", "]": "\\]"})
_TO_ESCAPE = re.compile(r"[\\<\[\]]")


def escape(text: object) -> str:
    """Journal text made inert in Markdown: shown as typed, never as markup or a fetch."""
    plain = str(text)
    # Most text has nothing to escape: a search in C is much cheaper than translating it.
    return plain.translate(_ESCAPES) if _TO_ESCAPE.search(plain) else plain


def _cell(value: object) -> str:
    text = escape(value).replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\n", "<br>")


def _table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    out.write("| " + " | ".join(header) + " |\n")
    out.write("|" + "|".join("---" for _ in header) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_cell(v) for v in row) + " |\n")
    out.write("\n")


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in escape(text).splitlines()) + "\n"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


# -- the therapist export ---------------------------------------------------------------------


def _entry(out: TextIO, entry: Entry, *, redacted: bool) -> None:
    flags = " · to discuss" if entry.discuss else ""
    flags += " · private" if entry.private else ""
    labels = "".join([f"- **{name}:** {value}\n" for name, value in entry_labels(entry)])
    # Escaped as one text: the fixed words around the values hold nothing escape() changes,
    # so this is each value escaped, at a fifth of the calls.
    parts = [f"### #{entry.id} {format_moment(entry.occurred_at)}{flags}\n\n", escape(labels)]
    if entry.text.strip():
        parts += ("\n", _quote(entry.text))
    elif redacted:
        parts.append("\n*(text left out)*\n")
    parts.append("\n")
    out.write("".join(parts))  # one write per entry: 100,000 entries are 100,000 writes


def write_markdown(doc: ShareDocument, out: TextIO) -> None:
    out.write(f"# {doc.title}\n\n")
    out.write(f"**Period:** {doc.period}  \n**Generated:** {doc.generated}\n\n")
    out.write(f"*{doc.disclaimer}*\n\n")
    if doc.redacted:
        out.write(f"*{REDACTED_NOTE}*\n\n")
    if doc.has("summary"):
        _summary(doc, out)
    for section in doc.detail_sections:
        out.write(f"## {SECTION_TITLES[section]}\n\n")
        _DETAIL[section](doc, out)


def _discuss(doc: ShareDocument, out: TextIO) -> None:
    if not doc.discuss:
        out.write("No entries were flagged to discuss.\n\n")
    for entry in doc.discuss:
        _entry(out, entry, redacted=doc.redacted)


def _homework(doc: ShareDocument, out: TextIO) -> None:
    if not doc.homework:
        out.write("No homework in this period.\n\n")
        return
    rows = []
    for p in doc.homework:
        title, done, rating, distress = homework_cells(p)
        note = p.homework.note.strip()
        rows.append((title + (f"\n{note}" if note else ""), done, rating, distress))
    _table(out, HOMEWORK_HEADER, rows)


def _checkins(doc: ShareDocument, out: TextIO) -> None:
    _safety(doc, out, only_if_no_summary=True)
    if not doc.checkins:
        out.write("No check-ins in this period.\n\n")
        return
    _table(
        out,
        CHECKIN_HEADER,
        [
            (f"{c.taken_at:%d %b %Y}", c.name, f"{c.total}/{c.max_total}", c.band, c.change_text)
            for c in doc.checkins
        ],
    )


def _thoughts(doc: ShareDocument, out: TextIO) -> None:
    if not doc.thoughts:
        out.write("No thought records in this period.\n\n")
        return
    _table(
        out,
        ("Date", *THOUGHT_COLUMN_LABELS),
        [(f"{t.occurred_at:%d %b %Y %H:%M}", *t.values) for t in doc.thoughts],
    )


def _entries(doc: ShareDocument, out: TextIO) -> None:
    if not doc.entries:
        out.write("No entries in this period.\n\n")
    for entry in doc.entries:
        _entry(out, entry, redacted=doc.redacted)


def _safety_plan(doc: ShareDocument, out: TextIO) -> None:
    if doc.redacted:
        out.write("The safety plan is written text, so it was left out (--redact).\n\n")
        return
    if not doc.safety_plan:
        out.write("No safety plan has been written yet.\n\n")
        return
    if doc.safety_plan_updated is not None:
        out.write(f"Last updated {doc.safety_plan_updated:%d %b %Y}.\n\n")
    for title, body in doc.safety_plan:
        out.write(f"### {title}\n\n{_quote(body)}\n")


def _diary_card(doc: ShareDocument, out: TextIO) -> None:
    for week in doc.card_weeks:
        out.write(card_week_markdown(week, "###") + "\n")


def _practice(doc: ShareDocument, out: TextIO) -> None:
    out.write(f"{doc.practice_line()}\n\n")
    _table(out, PRACTICE_HEADER, doc.practice_rows())


def _reflections(doc: ShareDocument, out: TextIO) -> None:
    for line in doc.reflection_lines():
        out.write(f"- {escape(line)}\n")
    out.write("\n")


def _conversations(doc: ShareDocument, out: TextIO) -> None:
    _table(out, CONVERSATION_HEADER, [conversation_cells(c) for c in doc.conversations])


_DETAIL = {
    "discuss": _discuss,
    "homework": _homework,
    "checkins": _checkins,
    "diary-card": _diary_card,
    "thoughts": _thoughts,
    "practice": _practice,
    "reflections": _reflections,
    "conversations": _conversations,
    "entries": _entries,
    "safety-plan": _safety_plan,
}


def _safety(doc: ShareDocument, out: TextIO, *, only_if_no_summary: bool = False) -> None:
    if not doc.safety or (only_if_no_summary and doc.has("summary")):
        return
    out.write("**Please look at this first:**\n\n")
    for item in doc.safety:
        out.write(f"- {item.sentence}\n")
    out.write("\n")


def _summary(doc: ShareDocument, out: TextIO) -> None:
    out.write(f"## {SECTION_TITLES['summary']}\n\n")
    _safety(doc, out)
    out.write(f"{doc.consistency()}\n\n")
    if doc.latest_checkins:
        out.write("**Check-ins:** ")
        out.write(
            "; ".join(
                f"{c.name} {c.total}/{c.max_total} ({c.band}, {c.change_text}) on "
                f"{c.taken_at:%d %b}"
                for c in doc.latest_checkins
            )
        )
        out.write("\n\n")
    out.write(f"{doc.mood_line()}\n\n")
    days = doc.chart_days
    if days and len(days) > DAY_TABLE_MAX:
        out.write(
            f"Moods were logged on {len(days)} days; the html and pdf exports draw them as a "
            "chart.\n\n"
        )
    elif days:
        out.write("### Mood by day (mean, lowest–highest)\n\n")
        _table(
            out,
            ("Day", "Mean", "Range", "Entries"),
            [(f"{d.date:%a %d %b}", number(d.mean), f"{d.min}–{d.max}", d.entries) for d in days],
        )
    rows = doc.trigger_rows()
    if rows:
        out.write("### Top triggers\n\n")
        if doc.triggers_compared():
            _table(
                out,
                ("Trigger", "Times", "Mood with", "Mood without"),
                [(t.name, t.count, t.mood_with, t.mood_without) for t in rows],
            )
        else:
            _table(out, ("Trigger", "Times"), [(t.name, t.count) for t in rows])
        out.write(f"{TRIGGER_NOTE}\n\n")
    if doc.emotions_line():
        out.write(f"**Emotions:** {escape(doc.emotions_line())}\n\n")
    if doc.coping_line():
        out.write(f"**What helped:** {escape(doc.coping_line())}\n\n")
    if doc.homework:
        out.write("### Homework against target\n\n")
        for p in doc.homework:
            out.write(f"- {escape(p.line())}\n")
        out.write("\n")
    for highlight in (doc.practice_highlight(), doc.card_highlight()):
        if highlight:
            out.write(f"{escape(highlight)}\n\n")
    out.write("### Flagged to discuss\n\n")
    if doc.discuss:
        for flagged in doc.flagged():
            out.write(f"- {escape(flagged.line)}\n")
        if doc.flagged_more():
            out.write(f"- and {doc.flagged_more()} more (see To discuss)\n")
        out.write("\n")
    else:
        out.write("Nothing was flagged to discuss.\n\n")


# -- journal week --format md -----------------------------------------------------------------


def _change_words(change: float | None, previous: float | None) -> str:
    if change is None or previous is None:
        return ""
    if change == 0:
        return f"; the same as the week before ({number(previous)})"
    direction = "higher" if change > 0 else "lower"
    return f"; {number(abs(change))} {direction} than the week before ({number(previous)})"


def week_markdown(review: WeekReview) -> str:
    """The weekly review as Markdown, to paste into notes. Private entries' text is left out."""
    from workjournal.reports.week import CLOSING_QUESTION, EMPTY_WEEK

    s = review.summary
    lines = [f"# Week of {s.start:%a %d %b} – {s.end:%a %d %b %Y}", ""]
    if review.is_empty:
        lines += [EMPTY_WEEK, ""]
    else:
        late = f", {s.written_late} written down later" if s.written_late else ""
        lines += [
            f"- You {review.consistency}, {_plural(s.entries, 'entry', 'entries')}{late}.",
        ]
        if s.mood.mean is not None:
            lines.append(
                f"- Mood: mean {number(s.mood.mean)} (lowest {s.mood.min}, highest {s.mood.max})"
                + _change_words(review.change, review.previous_mean)
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
            lines.append(f"| {d.date:%a %d %b} | {d.entries} | {number(d.mean)} | {spread} |")
        for label, glimpse in (("Lowest mood", review.hardest), ("Highest mood", review.best)):
            if glimpse is None:
                continue
            text = "(private entry)" if glimpse.private else escape(shorten(glimpse.text, 120))
            lines += [
                "",
                f"**{label}** — {glimpse.occurred_at:%a %d %b %H:%M}, mood {glimpse.mood}: {text}",
            ]
        if s.triggers:
            compared = any(t.enough_data() for t in s.triggers)
            if compared:
                lines += ["", "## Triggers", "", "| Trigger | Count | Mood with | Mood without |"]
                lines.append("|---|---:|---:|---:|")
                for t in s.triggers:
                    both = t.enough_data()
                    lines.append(
                        f"| {_cell(t.name)} | {t.count} | "
                        f"{number(t.mean_mood_with) if both else ''} | "
                        f"{number(t.mean_mood_without) if both else ''} |"
                    )
            else:
                lines += ["", "## Triggers", "", "| Trigger | Count |", "|---|---:|"]
                lines += [f"| {_cell(t.name)} | {t.count} |" for t in s.triggers]
            lines += ["", TRIGGER_NOTE]
        if s.emotions:
            lines += [
                "",
                "## Emotions",
                "",
                "| Emotion | Count | Mean intensity |",
                "|---|---:|---:|",
            ]
            lines += [
                f"| {_cell(e.name)} | {e.count} | {number(e.mean_intensity)} |" for e in s.emotions
            ]
        if s.coping:
            lines += ["", "## Coping", ""]
            lines += [f"- {escape(c.name)}: {c.count}×" for c in s.coping]
        if s.discuss:
            lines += ["", "## To discuss", ""]
            lines.append("Entries " + ", ".join(str(i) for i in s.discuss) + ".")
    if review.homework:
        lines += ["", "## Homework this week", ""]
        lines += [f"- {escape(p.line())}" for p in review.homework]
    if review.checkin_suggestion:
        lines += ["", review.checkin_suggestion]
    lines += ["", f"_{CLOSING_QUESTION}_", ""]
    return "\n".join(lines)


# -- journal prep --format md -----------------------------------------------------------------


def prep_markdown(prep: Prep) -> str:
    """Something to paste or print: a heading, sections as lists, room to write at the end."""
    from workjournal.reports.prep import WHAT_I_WANT_TO_BRING_UP, prep_sections, prep_title

    lines = [f"# {prep_title(prep)}", ""]
    for title, body in prep_sections(prep):
        lines.append(f"## {title}")
        lines.append("")
        if title == WHAT_I_WANT_TO_BRING_UP:
            lines += ["- ", "- ", "- "]
        else:
            lines += [f"- {escape(line)}" for line in body]
        lines.append("")
        if title == "Diary card":
            lines += [card_week_markdown(week, "###") for week in prep.cards]
    return "\n".join(lines)


def card_week_markdown(week: CardWeek, heading: str = "##") -> str:
    from workjournal.reports.card import card_cells, card_headers

    headers = ["day", *card_headers(week)]
    lines = [
        f"{heading} Diary card, {week.start:%a %d %b} – {week.end:%a %d %b %Y}",
        "",
        f"{week.filled} of 7 days filled in. Urges and emotions 0-5, skills 0-7; * acted on it.",
        "",
        "| " + " | ".join(_grid_cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    for day in week.days:
        cells = [f"{day.day:%a %d}", *card_cells(week, day)]
        lines.append("| " + " | ".join(_grid_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _grid_cell(text: str) -> str:
    return escape(text).replace("|", "\\|")
