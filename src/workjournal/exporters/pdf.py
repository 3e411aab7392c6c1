"""PDF: the same content as the html export, drawn with fpdf2 (pure Python), chart included.

Entry text is the person's own words in any script, so the Unicode TrueType font DejaVu Sans is
shipped in the package (its licence allows it; see workjournal/fonts/LICENSE-DejaVu.txt). Only
when that is switched off (``WORKJOURNAL_PDF_FONT_DIR=``) is the core Helvetica font used, with
characters it cannot show replaced by "?"; the report then says so on page one, so nobody
mistakes a replaced character for what was written.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from workjournal.clock import format_moment
from workjournal.exporters.document import (
    CHECKIN_HEADER,
    CONVERSATION_HEADER,
    HOMEWORK_HEADER,
    PAGE_ONE_HOMEWORK,
    PDF_DETAIL_ENTRIES,
    PDF_DETAIL_ROWS,
    PLAN_LEFT_OUT,
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

FONT_ENV = "WORKJOURNAL_PDF_FONT_DIR"
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/dejavu",  # Fedora, Arch
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    str(Path.home() / "Library" / "Fonts"),
    str(Path.home() / ".local" / "share" / "fonts"),
)
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
FALLBACK_NOTE = (
    "No Unicode font (DejaVu Sans) was found, so characters outside Western European scripts "
    "are shown as '?'. Reinstall workjournal (it ships the font) for a faithful copy."
)

INK = (29, 35, 48)
MUTED = (91, 100, 117)
LINE = (217, 221, 229)
ACCENT = (47, 111, 143)
BAND = (183, 211, 224)
WARN = (154, 52, 18)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


BUNDLED = Path(__file__).resolve().parent.parent / "fonts"


def find_font_dir() -> Path | None:
    """A folder holding DejaVu Sans regular and bold, or None.

    ``WORKJOURNAL_PDF_FONT_DIR`` names a folder to use instead (an empty value forces the
    core-font fallback); otherwise the copy shipped in the package (``workjournal/fonts``, with
    its licence), so the PDF shows any script on a machine without DejaVu (macOS, Windows);
    the system folders are looked at only if that copy was removed by a repackager."""
    override = os.environ.get(FONT_ENV)
    if override == "":
        return None
    candidates = [override] if override else []
    candidates += [str(BUNDLED), *FONT_DIRS]
    for folder in candidates:
        if folder and (Path(folder) / REGULAR).is_file() and (Path(folder) / BOLD).is_file():
            return Path(folder)
    return None


def write_pdf(doc: ShareDocument, out: BinaryIO) -> None:
    out.write(bytes(render_pdf(doc)))


def render_pdf(doc: ShareDocument) -> bytearray:
    from fpdf import FPDF

    font_dir = find_font_dir()

    class Report(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(family, "", 7.5)
            self.set_text_color(*MUTED)
            self.cell(0, 5, _plain(f"{doc.disclaimer}  ·  {doc.period}"), align="L")
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = Report(orientation="P", unit="mm", format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_title(f"{doc.title} · {doc.period}")
    pdf.set_creator("workjournal")
    if font_dir is not None:
        pdf.add_font("DejaVu", "", str(font_dir / REGULAR))
        pdf.add_font("DejaVu", "B", str(font_dir / BOLD))
        family = "DejaVu"
    else:
        family = "Helvetica"
    writer = _Writer(pdf, family, unicode=font_dir is not None)
    writer.document(doc)
    return pdf.output()


_ASCII_FOR = str.maketrans(
    {"–": "-", "—": "-", "→": "->", "•": "*", "“": '"', "”": '"', "’": "'", "‘": "'", "…": "..."}
)


def _plain(text: str) -> str:
    """Text the core fonts can show (Latin-1), for the footer and the no-Unicode-font fallback."""
    return text.translate(_ASCII_FOR).encode("latin-1", "replace").decode("latin-1")


class _Writer:
    def __init__(self, pdf: Any, family: str, *, unicode: bool) -> None:
        self.pdf = pdf
        self.family = family
        self.unicode = unicode
        self._widths: dict[tuple[str, str, float], dict[str, float]] = {}

    # -- text ----------------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        text = _CONTROL.sub("", unicodedata.normalize("NFC", text)).replace("\r\n", "\n")
        if not self.unicode:
            return _plain(text)
        cmap = self.pdf.current_font.cmap
        return "".join(ch if ch == "\n" or ord(ch) in cmap else "?" for ch in text)

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def para(self, text: str, size: float = 10, *, bold: bool = False, color: Any = INK) -> None:
        self.font(size, bold, color)
        pdf = self.pdf
        for line in self.lines(self.clean(text), pdf.w - pdf.r_margin - pdf.x - 2 * pdf.c_margin):
            pdf.cell(0, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.2)

    def lines(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (mm) in the current font: at
        spaces, and inside a word only when the word alone is wider than a line.

        fpdf2's multi_cell measures the whole line again for every character it adds, so a
        long paragraph costs the square of its line length; a page of entries took seconds.
        Here each word is measured once (widths add up: no kerning, no text shaping)."""
        pdf = self.pdf
        # Words repeat (and fpdf2's measuring is slow): one measurement per word and font.
        widths = self._widths.setdefault((pdf.font_family, pdf.font_style, pdf.font_size_pt), {})

        def measure(word: str) -> float:
            found = widths.get(word)
            if found is None:
                found = widths[word] = pdf.get_string_width(word)
            return found

        space = measure(" ")
        out: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in paragraph.split(" "):
                wide = measure(word) if word else 0.0
                if line and used + space + wide <= width:
                    line.append(word)
                    used += space + wide
                    continue
                if line:
                    out.append(" ".join(line))
                    line, used = [], 0.0
                if wide <= width:
                    line, used = [word], wide
                    continue
                piece = ""  # a word wider than a line: break it where it must
                for ch in word:
                    if piece and measure(piece + ch) > width:
                        out.append(piece)
                        piece = ""
                    piece += ch
                line, used = [piece], measure(piece)
            out.append(" ".join(line))
        return out

    def heading(self, text: str, level: int = 2, *, room: float = 50) -> None:
        pdf = self.pdf
        if level == 2:
            if pdf.get_y() > pdf.h - room:  # keep a heading with what follows it
                pdf.add_page()
            elif pdf.get_y() > pdf.t_margin + 1:
                pdf.ln(4)
            pdf.start_section(text, level=0)
            self.font(14, bold=True)
            pdf.cell(0, 8, self.clean(text), new_x="LMARGIN", new_y="NEXT")
            pdf.set_draw_color(*LINE)
            pdf.set_line_width(0.5)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(2.5)
        else:
            if pdf.get_y() > pdf.h - 30:
                pdf.add_page()
            pdf.ln(1)
            self.font(10.5, bold=True)
            pdf.cell(0, 6, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
        numeric: Sequence[int] = (),
        size: float = 9,
        width: float | None = None,
        align: str = "CENTER",
    ) -> None:
        from fpdf.fonts import FontFace

        self.font(size)
        pdf = self.pdf
        pdf.set_fill_color(255, 255, 255)
        pdf.set_draw_color(*LINE)
        pdf.set_line_width(0.2)
        text_align = tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(header)))
        with pdf.table(
            col_widths=tuple(widths) if widths else None,
            text_align=text_align,
            headings_style=FontFace(emphasis="BOLD", fill_color=(243, 245, 248)),
            borders_layout="HORIZONTAL_LINES",
            line_height=size * 0.5,
            padding=1,
            width=width,
            align=align,
        ) as table:
            head = table.row()
            for name in header:
                head.cell(self.clean(name))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(self.clean(str(value)))
        pdf.ln(2)

    # -- parts ---------------------------------------------------------------------------------

    def document(self, doc: ShareDocument) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.font(18, bold=True)
        pdf.cell(0, 9, self.clean(doc.title), new_x="LMARGIN", new_y="NEXT")
        self.para(f"Period: {doc.period}  ·  Generated {doc.generated}", 10, color=MUTED)
        notes = [doc.disclaimer]
        if doc.redacted:
            notes.append(REDACTED_NOTE)
        if not self.unicode:
            notes.append(FALLBACK_NOTE)
        pdf.set_fill_color(243, 246, 249)
        self.font(9)
        pdf.multi_cell(
            0,
            4.8,
            self.clean("  ".join(notes)),
            fill=True,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(2)
        if doc.has("summary"):
            self.heading(SECTION_TITLES["summary"])
            self._summary(doc)
            if doc.detail_sections:
                pdf.add_page()  # page one is the summary; the detail flows after it
        for section in doc.detail_sections:
            # A thought record starts a page of its own below 60 mm: its heading goes with it.
            self.heading(SECTION_TITLES[section], room=60 if section == "thoughts" else 50)
            getattr(self, "_" + section.replace("-", "_"))(doc)

    def _safety(self, doc: ShareDocument) -> None:
        if not doc.safety:
            return
        pdf = self.pdf
        pdf.set_draw_color(*WARN)
        pdf.set_line_width(0.6)
        self.font(10, bold=True, color=WARN)
        text = "Please look at this first.\n" + "\n".join(i.sentence for i in doc.safety)
        # A box drawn line by line (left and right sides on every line, the top and bottom
        # with 2 mm of room), so a long list may cross a page and still reads as one box.
        margin = pdf.c_margin
        pdf.c_margin = margin + 2
        try:
            lines = self.lines(self.clean(text), pdf.w - pdf.r_margin - pdf.x - 2 * pdf.c_margin)
            pdf.cell(0, 2, "", border="LTR", new_x="LMARGIN", new_y="NEXT")
            for line in lines:
                pdf.cell(0, 5.2, line, border="LR", new_x="LMARGIN", new_y="NEXT")
            pdf.cell(0, 2, "", border="LRB", new_x="LMARGIN", new_y="NEXT")
        finally:
            pdf.c_margin = margin
        pdf.ln(2)

    def _summary(self, doc: ShareDocument) -> None:
        self._safety(doc)
        self.para(doc.consistency(), 9.5)
        if doc.latest_checkins:
            self.para(
                "Check-ins: "
                + "; ".join(
                    f"{c.name} {c.total}/{c.max_total} ({c.band}, {c.change_text}) on "
                    f"{c.taken_at:%d %b}"
                    for c in doc.latest_checkins
                ),
                9.5,
            )
        self.para(doc.mood_line(), 9.5)
        if doc.chart_days:
            self._chart(doc)
        rows = doc.trigger_rows()
        if rows:
            self.heading("Top triggers", 3)
            if doc.triggers_compared():
                self.table(
                    ("Trigger", "Times", "Mean mood with it", "Mean mood without it"),
                    [(t.name, t.count, t.mood_with, t.mood_without) for t in rows],
                    numeric=(1, 2, 3),
                    size=8.5,
                )
            else:
                self.table(
                    ("Trigger", "Times"), [(t.name, t.count) for t in rows], numeric=(1,), size=8.5
                )
            self.para(TRIGGER_NOTE, 7.5, color=MUTED)
        if doc.emotions_line():
            self.para("Emotions: " + doc.emotions_line(), 9)
        if doc.coping_line():
            self.para("What helped: " + doc.coping_line(), 9)
        if doc.homework:
            self.heading("Homework against target", 3)
            for h in doc.homework[:PAGE_ONE_HOMEWORK]:
                self.para(f"•  {h.line()}", 9)
            if len(doc.homework) > PAGE_ONE_HOMEWORK:
                more = len(doc.homework) - PAGE_ONE_HOMEWORK
                self.para(f"•  and {more} more (see Homework)", 9, color=MUTED)
        for highlight in (doc.practice_highlight(), doc.card_highlight()):
            if highlight:
                self.para(highlight, 9)
        self.heading("Flagged to discuss", 3)
        if not doc.discuss:
            self.para("Nothing was flagged to discuss.", 9, color=MUTED)
        for flagged in doc.flagged():
            self.para(f"•  {flagged.line}", 9)
        if doc.flagged_more():
            self.para(f"•  and {doc.flagged_more()} more (see To discuss)", 9, color=MUTED)

    def _chart(self, doc: ShareDocument) -> None:
        pdf = self.pdf
        width = pdf.w - pdf.l_margin - pdf.r_margin
        height = 55.0
        if pdf.get_y() + height > pdf.h - 20:
            pdf.add_page()
        x0, y0 = pdf.l_margin, pdf.get_y()
        layout = chart_layout(doc, width=width, height=height, left=9, right=4, top=3, bottom=8)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(227, 230, 236)
        self.font(7, color=MUTED)
        for y, label in layout.y_ticks:
            pdf.line(x0 + layout.left, y0 + y, x0 + width - layout.right, y0 + y)
            pdf.text(x0 + layout.left - 4, y0 + y + 1, label)
        for i, (x, label) in enumerate(layout.x_ticks):
            # The first label starts at its day; the others are centred on theirs (the last
            # one may reach into the right margin rather than crowd the one before it).
            shift = 0 if i == 0 else pdf.get_string_width(label) / 2
            pdf.text(x0 + x - shift, y0 + height - 2, label)
        span = max((doc.end - doc.start).days + 1, 1)
        bar = max(0.6, min(3.0, (width - layout.left - layout.right) / span * 0.6))
        pdf.set_draw_color(*BAND)
        pdf.set_line_width(bar)
        for p in layout.points:
            pdf.line(x0 + p.x, y0 + p.high_y, x0 + p.x, y0 + p.low_y + 0.001)
        pdf.set_draw_color(*ACCENT)
        pdf.set_fill_color(*ACCENT)
        pdf.set_line_width(0.5)
        for line in layout.lines:
            if len(line) > 1:
                pdf.polyline([(x0 + x, y0 + y) for x, y in line])
        for p in layout.points:
            pdf.circle(x0 + p.x, y0 + p.mean_y, 0.8, style="F")
        pdf.set_y(y0 + height + 1)
        self.para(
            "Daily mood (1 = worst, 10 = best): the line is each day's mean, the bar its lowest "
            "to highest.",
            8,
            color=MUTED,
        )

    def _entry(self, doc: ShareDocument, entry: Any) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 35:
            pdf.add_page()
        flags = ("  · to discuss" if entry.discuss else "") + (
            "  · private" if entry.private else ""
        )
        self.font(10.5, bold=True)
        pdf.cell(
            0,
            6,
            self.clean(f"#{entry.id} {format_moment(entry.occurred_at)}{flags}"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        labels = entry_labels(entry)
        if labels:
            self.para("   ".join(f"{name}: {value}" for name, value in labels), 9, color=MUTED)
        if entry.text.strip():
            self.para(entry.text, 10)
        elif doc.redacted:
            self.para("(text left out)", 9, color=MUTED)
        pdf.set_draw_color(*LINE)
        pdf.set_line_width(0.2)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)

    def _discuss(self, doc: ShareDocument) -> None:
        if not doc.discuss:
            self.para("No entries were flagged to discuss.", color=MUTED)
        listed = doc.flagged_detail(PDF_DETAIL_ENTRIES)
        if len(listed) < len(doc.discuss):
            self.para(
                f"Listed here: the {len(listed):,} most recent of them. "
                f"{len(doc.discuss) - len(listed):,} more are in the JSON export.",
                9,
                color=MUTED,
            )
        for entry in listed:
            self._entry(doc, entry)

    def _entries(self, doc: ShareDocument) -> None:
        if not doc.entries:
            self.para("No entries in this period.", color=MUTED)
        listed, left_out = doc.detail_entries(PDF_DETAIL_ENTRIES)
        if left_out:
            self.para(
                f"Listed here: the {PDF_DETAIL_ENTRIES:,} most recent entries of this period and "
                f"the {PDF_DETAIL_ENTRIES:,} most recent flagged to discuss. {left_out:,} more "
                "entries in this period are in the JSON export (journal export --format json).",
                9,
                color=MUTED,
            )
        for entry in listed:
            self._entry(doc, entry)

    def _homework(self, doc: ShareDocument) -> None:
        if not doc.homework:
            self.para("No homework in this period.", color=MUTED)
            return
        listed, left_out = doc.detail_rows(doc.homework, PDF_DETAIL_ROWS)
        self._left_out(len(listed), left_out, "assignments")
        rows = []
        for p in listed:
            title, done, rating, distress = homework_cells(p)
            note = p.homework.note.strip()
            rows.append((title + (f"\n{note}" if note else ""), done, rating, distress))
        self.table(HOMEWORK_HEADER, rows, widths=(80, 35, 25, 40), numeric=(2, 3))

    def _diary_card(self, doc: ShareDocument) -> None:
        from workjournal.reports.card import card_cells, card_headers

        for week in doc.card_weeks:
            self.para(
                f"{week.start:%a %d %b} – {week.end:%a %d %b %Y}: {week.filled} of 7 days "
                "filled in. Urges and emotions 0-5, skills 0-7; * acted on it.",
                9,
                color=MUTED,
            )
            headers = ["day", *card_headers(week)]
            rows = [[f"{day.day:%a %d}", *card_cells(week, day)] for day in week.days]
            # Widths follow the names, so "substance use" is not broken inside a word.
            lengths = [max(len(max(h.split(), key=len)), 4) + 2 for h in headers]
            lengths[0] = 8
            self.table(
                headers,
                rows,
                widths=tuple(180 * n / sum(lengths) for n in lengths),
                numeric=tuple(range(1, len(headers))),
                size=7,
            )

    def _practice(self, doc: ShareDocument) -> None:
        self.para(doc.practice_line(), 9.5)
        self.table(
            PRACTICE_HEADER, doc.practice_rows(), widths=(100, 40, 40), numeric=(1, 2), size=9
        )

    def _reflections(self, doc: ShareDocument) -> None:
        for line in doc.reflection_lines():
            self.para(f"•  {line}", 9.5)

    def _conversations(self, doc: ShareDocument) -> None:
        self.table(
            CONVERSATION_HEADER,
            [conversation_cells(c) for c in doc.conversations],
            widths=(25, 55, 50, 50),
            size=9,
        )

    def _checkins(self, doc: ShareDocument) -> None:
        if not doc.has("summary"):
            self._safety(doc)
        if not doc.checkins:
            self.para("No check-ins in this period.", color=MUTED)
            return
        listed, left_out = doc.detail_rows(doc.checkins, PDF_DETAIL_ROWS)
        self._left_out(len(listed), left_out, "check-ins")
        self.table(
            CHECKIN_HEADER,
            [
                (
                    f"{c.taken_at:%d %b %Y}",
                    c.name,
                    f"{c.total}/{c.max_total}",
                    c.band,
                    c.change_text,
                )
                for c in listed
            ],
            numeric=(2, 4),
        )

    def _left_out(self, listed: int, left_out: int, noun: str) -> None:
        """The line above a detail table that lists only the most recent rows."""
        if left_out:
            self.para(
                f"Listed here: the {listed:,} most recent {noun} of this period. "
                f"{left_out:,} more are in the JSON export (journal export --format json).",
                9,
                color=MUTED,
            )

    def _thoughts(self, doc: ShareDocument) -> None:
        """Each record as its own two-column table (label, text) at reading size: seven narrow
        columns across a page were too small to read."""
        if not doc.thoughts:
            self.para("No thought records in this period.", color=MUTED)
            return
        pdf = self.pdf
        for t in doc.thoughts:
            if pdf.get_y() > pdf.h - 60:
                pdf.add_page()
            self.font(10.5, bold=True)
            pdf.cell(
                0,
                6,
                self.clean(f"#{t.id} {format_moment(t.occurred_at)}"),
                new_x="LMARGIN",
                new_y="NEXT",
            )
            self.table(
                ("Step", "What was written"),
                [(label, value or "–") for label, value in t.columns()],
                widths=(40, 140),
                size=9,
            )

    def _safety_plan(self, doc: ShareDocument) -> None:
        if doc.redacted:
            self.para(PLAN_LEFT_OUT, color=MUTED)
            return
        if not doc.safety_plan:
            self.para("No safety plan has been written yet.", color=MUTED)
            return
        if doc.safety_plan_updated is not None:
            self.para(f"Last updated {doc.safety_plan_updated:%d %b %Y}.", 9, color=MUTED)
        for title, body in doc.safety_plan:
            self.heading(title, 3)
            self.para(body, 10)


def _n(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"
