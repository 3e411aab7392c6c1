"""Markdown: the summary first, then the raw data, readable as plain text and on any forge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from workjournal.exporters.document import (
    REDACTED_NOTE,
    SECTION_TITLES,
    THOUGHT_COLUMNS,
    ShareDocument,
    entry_labels,
)
from workjournal.models import Entry

DAY_TABLE_MAX = 62  # a longer period gets a sentence; a table of months of days helps nobody


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    out.write("| " + " | ".join(header) + " |\n")
    out.write("|" + "|".join("---" for _ in header) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_cell(v) for v in row) + " |\n")
    out.write("\n")


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines()) + "\n"


def _entry(out: TextIO, entry: Entry, *, redacted: bool) -> None:
    flags = " · to discuss" if entry.discuss else ""
    flags += " · private" if entry.private else ""
    out.write(f"### {entry.occurred_at:%a %d %b %Y %H:%M}{flags}\n\n")
    for name, value in entry_labels(entry):
        out.write(f"- **{name}:** {value}\n")
    if entry.text.strip():
        out.write("\n" + _quote(entry.text))
    elif redacted:
        out.write("\n*(text left out)*\n")
    out.write("\n")


def write_markdown(doc: ShareDocument, out: TextIO) -> None:
    out.write(f"# {doc.title}\n\n")
    out.write(f"**Period:** {doc.period}  \n**Generated:** {doc.generated}\n\n")
    out.write(f"*{doc.disclaimer}*\n\n")
    if doc.redacted:
        out.write(f"*{REDACTED_NOTE}*\n\n")
    if doc.has("summary"):
        _summary(doc, out)
    if doc.has("discuss"):
        out.write(f"## {SECTION_TITLES['discuss']}\n\n")
        if not doc.discuss:
            out.write("No entries were flagged to discuss.\n\n")
        for entry in doc.discuss:
            _entry(out, entry, redacted=doc.redacted)
    if doc.has("homework"):
        out.write(f"## {SECTION_TITLES['homework']}\n\n")
        if not doc.homework:
            out.write("No homework in this period.\n\n")
        else:
            _table(
                out,
                ("Homework", "Target", "Done", "Per week", "Rating", "Distress before → after"),
                [
                    (
                        h.title,
                        h.target_text,
                        h.done,
                        h.per_week,
                        "–" if h.rating is None else h.rating,
                        f"{_n(h.distress_before)} → {_n(h.distress_after)}",
                    )
                    for h in doc.homework
                ],
            )
    if doc.has("checkins"):
        out.write(f"## {SECTION_TITLES['checkins']}\n\n")
        _safety(doc, out, only_if_no_summary=True)
        if not doc.checkins:
            out.write("No check-ins in this period.\n\n")
        else:
            _table(
                out,
                ("Date", "Check-in", "Score", "Band", "Change"),
                [
                    (
                        f"{c.taken_at:%d %b %Y}",
                        c.name,
                        f"{c.total}/{c.max_total}",
                        c.band,
                        c.change_text,
                    )
                    for c in doc.checkins
                ],
            )
    if doc.has("thoughts"):
        out.write(f"## {SECTION_TITLES['thoughts']}\n\n")
        if not doc.thoughts:
            out.write("No thought records in this period.\n\n")
        else:
            _table(
                out,
                ("Date", *THOUGHT_COLUMNS),
                [
                    (f"{t.occurred_at:%d %b %Y %H:%M}", *(value for _, value in t.columns()))
                    for t in doc.thoughts
                ],
            )
    if doc.has("entries"):
        out.write(f"## {SECTION_TITLES['entries']}\n\n")
        if not doc.entries:
            out.write("No entries in this period.\n\n")
        for entry in doc.entries:
            _entry(out, entry, redacted=doc.redacted)


def _n(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


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
        out.write("**Latest check-ins:** ")
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
            [(f"{d.date:%a %d %b}", f"{d.mean:.1f}", f"{d.min}–{d.max}", d.entries) for d in days],
        )
    out.write("### Mood by weekday\n\n")
    _table(out, ("Weekday", "Entries", "Mean mood"), doc.weekday_rows())
    if doc.trigger_rows():
        out.write("### Top triggers\n\n")
        out.write("Mean mood of the entries where a trigger appeared, and of those without it.\n\n")
        _table(out, ("Trigger", "Times", "Mood with", "Mood without"), doc.trigger_rows())
    if doc.emotion_rows():
        out.write("### Top emotions\n\n")
        _table(out, ("Emotion", "Times", "Mean intensity (0-100)"), doc.emotion_rows())
    if doc.coping_rows():
        out.write("### What helped (coping)\n\n")
        _table(out, ("Coping", "Times"), doc.coping_rows())
    if doc.homework:
        out.write("### Homework against target\n\n")
        for h in doc.homework:
            out.write(f"- {h.title}: {h.done_text}, {h.per_week} a week ({h.target_text})\n")
        out.write("\n")
    discuss = doc.discuss
    out.write("### Flagged to discuss\n\n")
    if discuss:
        for entry in discuss:
            first = entry.text.strip().split("\n", 1)[0][:80] if entry.text.strip() else ""
            out.write(
                f"- {entry.occurred_at:%a %d %b %H:%M}" + (f": {first}" if first else "") + "\n"
            )
        out.write("\n")
    else:
        out.write("Nothing was flagged to discuss.\n\n")
