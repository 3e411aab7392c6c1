"""HTML: one self-contained file for a therapist. Inline CSS and an inline SVG chart, no scripts
and nothing fetched from anywhere (a Content-Security-Policy of ``default-src 'none'`` makes sure),
with print CSS so it prints cleanly on A4 and Letter: the summary on page one, then the
detail flowing after it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from markupsafe import Markup, escape

from workjournal.clock import format_moment
from workjournal.exporters.document import (
    CONVERSATION_HEADER,
    HOMEWORK_HEADER,
    PAGE_ONE_HOMEWORK,
    PRACTICE_HEADER,
    REDACTED_NOTE,
    SECTION_TITLES,
    TRIGGER_NOTE,
    ShareDocument,
    chart_layout,
    conversation_cells,
    entry_labels,
    homework_cells,
)
from workjournal.reports.card import card_cells, card_headers

if TYPE_CHECKING:
    from workjournal.models import Entry

TEMPLATE = "report.html.j2"


# What HTML escaping changes; most journal text has none of it.
_SPECIAL = frozenset("&<>'\"")


def _escaped(text: str) -> str:
    """``text`` escaped exactly as markupsafe escapes it, skipping the call when there is
    nothing to escape (100,000 entries are about a million pieces of text)."""
    return str(escape(text)) if not _SPECIAL.isdisjoint(text) else text


def entries_html(entries: Iterable[Entry], *, redacted: bool) -> Iterator[Markup]:
    """The entries' blocks, escaped (the person's own words are never markup), a few hundred
    to a piece. Built here rather than by a template macro: a whole journal is 100,000 of
    them, and a Jinja call per entry cost more than all the rest of the page."""
    chunk: list[str] = []
    for entry in entries:
        chunk.append(_entry_html(entry, redacted=redacted))
        if len(chunk) == _CHUNK:
            # Every piece of journal text went through _escaped(); the rest is fixed markup.
            yield Markup("".join(chunk))  # noqa: S704
            chunk = []
    if chunk:
        yield Markup("".join(chunk))  # noqa: S704


_CHUNK = 500


def _entry_html(entry: Entry, *, redacted: bool) -> str:
    flags = '<span class="flag">to discuss</span>' if entry.discuss else ""
    flags += '<span class="flag">private</span>' if entry.private else ""
    # The moment's text is digits, letters and spaces, and the label names are our own words:
    # only what the person wrote goes through _escaped.
    parts = [
        f'<article class="entry">\n  <h3>#{entry.id} '
        f"{format_moment(entry.occurred_at)}{flags}</h3>\n"
    ]
    labels = entry_labels(entry)
    if labels:
        items = "".join(
            f"<li><strong>{name}:</strong> {_escaped(value)}</li>" for name, value in labels
        )
        parts.append(f'<ul class="labels">{items}</ul>')
    if entry.text.strip():
        parts.append(f'<p class="text">{_escaped(entry.text)}</p>')
    elif redacted:
        parts.append('<p class="left-out">(text left out)</p>')
    parts.append("</article>\n")
    return "".join(parts)


def _parts(doc: ShareDocument) -> Iterator[str]:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("workjournal", "templates"),
        autoescape=True,  # entry text is the person's own words: never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    chart = chart_layout(doc, right=24)  # room for the last day's label, centred on it
    span = max((doc.end - doc.start).days + 1, 1)
    bar_width = max(2.0, min(10.0, (chart.width - chart.left - chart.right) / span * 0.6))
    return env.get_template(TEMPLATE).generate(
        doc=doc,
        chart=chart,
        bar_width=f"{bar_width:.1f}",
        titles=SECTION_TITLES,
        redacted_note=REDACTED_NOTE,
        entries_html=lambda entries: entries_html(entries, redacted=doc.redacted),
        homework_header=HOMEWORK_HEADER,
        homework_cells=homework_cells,
        card_headers=card_headers,
        card_cells=card_cells,
        trigger_note=TRIGGER_NOTE,
        page_one_homework=PAGE_ONE_HOMEWORK,
        practice_header=PRACTICE_HEADER,
        conversation_header=CONVERSATION_HEADER,
        conversation_cells=conversation_cells,
    )


def render_html(doc: ShareDocument) -> str:
    return "".join(_parts(doc))


def write_html(doc: ShareDocument, out: TextIO) -> None:
    """Written as the template produces it, so a whole journal is never one string in memory,
    about 64 KB to a write(): a whole journal's chart and tables are 600,000 small pieces."""
    pending: list[str] = []
    size = 0
    for part in _parts(doc):
        pending.append(part)
        size += len(part)
        if size >= _WRITE_SIZE:
            out.write("".join(pending))
            pending.clear()
            size = 0
    out.write("".join(pending))


_WRITE_SIZE = 1 << 16
