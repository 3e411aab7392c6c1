"""HTML: one self-contained file for a therapist. Inline CSS and an inline SVG chart, no scripts
and nothing fetched from anywhere (a Content-Security-Policy of ``default-src 'none'`` makes sure),
with print CSS so it prints cleanly on A4 and Letter: the summary on page one, then the
detail flowing after it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

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

TEMPLATE = "report.html.j2"


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
        entry_labels=entry_labels,
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
    """Written as the template produces it, so a whole journal is never one string in memory."""
    for part in _parts(doc):
        out.write(part)
