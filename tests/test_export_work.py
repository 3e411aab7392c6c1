"""The therapist export (md, html, pdf) with practice, reflections and conversations (issue 14):
page one gains a practice and a diary-card line and still fits on one page; the detail pages
list practice by name, the reflections (prompt and first line) and each conversation held with
its expectation beside what happened; --redact drops their written text in every format and
keeps the numbers, names and dates; private reflections stay out without --include-private."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

import realistic_journal
from helpers import build_journal, copy_journal, invoke, run_journal
from test_export_human import chromium, needs_chromium
from test_export_page_one import PAGE_ONE, flat

NOW = {"WORKJOURNAL_NOW": realistic_journal.NOW}
FEAR = "If the fear could speak for itself, what might it be trying to protect you from?"
OWN = "OWNPROMPTTEXT what would I tell a friend?"
PRACTICE_LINE = "Practice: practised 3 days, 50 min (walk 30 min, breathing 20 min)."
CARD_LINE = "Diary card: filled in on 2 of 7 days; highest urges self-harm 2 of 5."
# Written text that --redact must drop (the conversation's "with" is a person's name as typed).
WRITTEN = ("REFLECTANSWER", "OWNPROMPTTEXT", "TALKTITLE", "TALKWITH", "TALKEXPECT")


def run(*args: str, now: str = realistic_journal.NOW) -> None:
    done = invoke(*args, env={"WORKJOURNAL_NOW": now})
    assert done.exit_code == 0, (args, done.stderr)


def add_work() -> None:
    """On top of the realistic two weeks: practice on three days, two diary cards, three
    reflections (entries 23-25; 24 made private) and one conversation planned and held."""
    run("practice", "log", "breathing", "--minutes", "10", "--at", "2026-11-19 07:00")
    run("practice", "log", "breathing", "--minutes", "10", "--at", "2026-11-25 07:00")
    run("practice", "log", "walk", "--minutes", "30", "--at", "2026-11-28 12:00")
    run("practice", "log", "walk", "--minutes", "99", "--at", "2026-11-10 12:00")  # before
    run("card", "--date", "2026-11-30", "--urge", "self-harm:2", "--sleep", "6")
    run("card", "--date", "2026-12-01", "--urge", "self-harm:1", "--sleep", "7")
    evening = "2026-11-26T20:00:00+00:00"
    run("reflect", "--prompt", "fear-2", "--text", "REFLECTANSWER the meeting.\nMore.", now=evening)
    run("reflect", "--prompt", "shame-2", "--text", "PRIVATEANSWER", now=evening)
    run("edit", "24", "--private")
    run("reflect", "add-prompt", OWN, "--theme", "progress", now=evening)
    run("reflect", "--prompt", "own-1", "--text", "Kinder than I am to me.", now=evening)
    run("talk", "plan", "TALKTITLE Fridays off", "--with", "TALKWITH", "--expect-distress", "8",
        "--expect", "TALKEXPECT a flat no", now="2026-11-20T09:00:00+00:00")  # fmt: skip
    run("talk", "done", "1", "--at", "2026-11-27 16:00", "--before", "7", "--after", "3",
        "--outcome", "partly")  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("work-export") / "journal.db"

    def fill() -> None:
        realistic_journal.build(db)
        add_work()

    return build_journal(db, fill)


@pytest.fixture
def journal(built: Path, db_path: Path) -> Path:
    return copy_journal(built, db_path)


def export(*args: str) -> str:
    done = invoke("export", *args, env=NOW)
    assert done.exit_code == 0, done.stderr
    return done.stdout


def pdf_pages(tmp_path: Path, *args: str) -> list[str]:
    out = tmp_path / "r.pdf"
    export("--format", "pdf", *args, "--out", str(out), "--force")
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(out.read_bytes())).pages]


def test_pdf_page_one_gains_practice_and_diary_card_and_still_fits(
    journal: Path, tmp_path: Path
) -> None:
    pages = pdf_pages(tmp_path)
    # The realistic journal alone takes at most 4 pages (test_export_page_one); its 3 more
    # entries, two diary-card days and the three new sections add about half a page.
    assert len(pages) <= 5
    one = pages[0]
    # The two reflections written (not the private one) are entries too: 24, not 22.
    items = [i.replace("22 entries", "24 entries") for i in PAGE_ONE]
    for item in (*items, PRACTICE_LINE, CARD_LINE):
        assert flat(item) in one, item
    # In issue 13's order: homework, then practice and the diary card, then the flagged entries.
    assert one.index("Walk outside") < one.index("Practice:") < one.index("Diary card:")
    assert one.index("Diary card:") < one.index("Flagged to discuss")
    assert pages[1].startswith("To discuss")  # the summary ended on page one
    detail = " ".join(pages[1:])
    for text in (
        "Practice Practised 3 days, 50 min.",
        "walk 1 30",
        "breathing 2 20",
        f"#23 Thu 26 Nov · fear: “{FEAR}” REFLECTANSWER the meeting.",
        "#25 Thu 26 Nov · progress: “OWNPROMPTTEXT what would I tell a friend?” Kinder",
        "Conversations held",
        "Fri 27 Nov #1 TALKTITLE Fridays off (with TALKWITH) distress 8/10, “TALKEXPECT a flat "
        "no” distress 7 → 3, partly",
    ):
        assert flat(text) in detail, text
    assert "PRIVATEANSWER" not in detail and "99" not in detail.split("Entries")[0]


def test_markdown_has_each_new_item(journal: Path) -> None:
    md = export("--format", "md")
    summary = md.split("## To discuss")[0]
    assert f"\n{PRACTICE_LINE}\n\n{CARD_LINE}\n\n### Flagged to discuss" in summary
    assert (
        "## Practice\n\nPractised 3 days, 50 min.\n\n| Practice | Times | Minutes |\n"
        "|---|---|---|\n| walk | 1 | 30 |\n| breathing | 2 | 20 |\n"
    ) in md
    assert (
        f"## Reflections\n\n- #23 Thu 26 Nov · fear: “{FEAR}” REFLECTANSWER the meeting.\n"
        f"- #25 Thu 26 Nov · progress: “{OWN}” Kinder than I am to me.\n\n"
    ) in md
    assert (
        "## Conversations held\n\n| Held | Conversation | Expected | How it went |\n"
        "|---|---|---|---|\n"
        "| Fri 27 Nov | #1 TALKTITLE Fridays off (with TALKWITH) | distress 8/10, “TALKEXPECT a "
        "flat no” | distress 7 → 3, partly |\n"
    ) in md
    # Sections follow the document's order; nothing counts against the person.
    order = [md.index(f"## {t}\n") for t in ("Thought records", "Practice", "Reflections")]
    assert order == sorted(order) and md.index("## Conversations held") < md.index("## Entries")
    assert "missed" not in md.lower() and "PRIVATEANSWER" not in md


def test_html_has_each_new_item(journal: Path) -> None:
    html = export("--format", "html")
    assert f'<p class="highlight">{PRACTICE_LINE}</p>' in html
    assert f'<p class="highlight">{CARD_LINE}</p>' in html
    assert '<section class="part" id="practice">' in html
    assert '<tr><td>walk</td><td class="num">1</td><td class="num">30</td></tr>' in html
    assert (
        "<li>#23 Thu 26 Nov · fear: “If the fear could speak for itself, what might it be "
        "trying to protect you from?” REFLECTANSWER the meeting.</li>"
    ) in html
    assert (
        "<tr><td>Fri 27 Nov</td><td>#1 TALKTITLE Fridays off (with TALKWITH)</td>"
        "<td>distress 8/10, “TALKEXPECT a flat no”</td><td>distress 7 → 3, partly</td></tr>"
    ) in html
    assert "PRIVATEANSWER" not in html


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_html_printed_keeps_page_one_to_one_page_with_the_new_lines(
    journal: Path, tmp_path: Path, size: str
) -> None:
    page = tmp_path / "report.html"
    export("--format", "html", "--out", str(page))
    sized = tmp_path / f"report-{size}.html"
    sized.write_text(
        page.read_text(encoding="utf-8").replace("</style>", f"@page {{ size: {size}; }}</style>"),
        encoding="utf-8",
    )
    printed = tmp_path / f"printed-{size}.pdf"
    assert chromium(tmp_path, sized, f"--print-to-pdf={printed}", "--no-pdf-header-footer") == []
    pages = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(printed.read_bytes())).pages]
    for item in (PRACTICE_LINE, CARD_LINE, "Flagged to discuss"):
        assert flat(item) in pages[0], (size, item)
    assert pages[1].startswith("To discuss")  # the summary ended on page one


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_redact_drops_the_written_text_and_keeps_numbers_names_and_dates(
    journal: Path, tmp_path: Path, fmt: str
) -> None:
    def text_of(*args: str) -> str:
        if fmt == "pdf":
            return " ".join(pdf_pages(tmp_path, *args))
        return flat(export("--format", fmt, *args))

    full = text_of("--include-private")
    redacted = text_of("--redact", "--include-private")
    for marker in (*WRITTEN, "PRIVATEANSWER"):
        assert marker in full, marker  # the control: each one is shown without --redact
        assert marker not in redacted, marker
    for kept in (
        flat(PRACTICE_LINE),
        "Practised 3 days, 50 min.",
        f"#23 Thu 26 Nov · fear: “{FEAR}”",  # the library's question is not the person's text
        "#25 Thu 26 Nov · progress: (a prompt of your own, its text left out)",
        "Conversation #1",
        "distress 8/10",
        "distress 7 → 3, partly",
        "Fri 27 Nov",
    ):
        assert flat(kept) in redacted, kept


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_private_reflections_only_with_include_private(
    journal: Path, tmp_path: Path, fmt: str
) -> None:
    if fmt == "pdf":
        default = " ".join(pdf_pages(tmp_path))
        everything = " ".join(pdf_pages(tmp_path, "--include-private"))
    else:
        default = export("--format", fmt)
        everything = export("--format", fmt, "--include-private")
    assert "PRIVATEANSWER" not in default and "#24 " not in flat(default)
    assert flat("#24 Thu 26 Nov · shame (private):") in flat(everything)
    assert "PRIVATEANSWER" in everything


def test_sections_can_choose_the_new_parts_alone(journal: Path) -> None:
    md = export("--format", "md", "--sections", "practice,conversations")
    assert "## Practice" in md and "## Conversations held" in md
    assert "## Reflections" not in md and "## Summary" not in md
    bad = invoke("export", "--format", "md", "--sections", "practise", env=NOW)
    assert bad.exit_code == 2 and "practice,reflections,conversations" in bad.stderr


def test_without_the_new_kinds_the_export_has_none_of_their_sections(db_path: Path) -> None:
    run("add", "an ordinary day", "-m", "6", "--at", "2026-11-30 09:00")
    md = export("--format", "md")
    for title in ("## Practice", "## Reflections", "## Conversations held"):
        assert title not in md
    assert "Practice:" not in md and "Diary card:" not in md


def test_pdf_export_from_a_real_process(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "real.pdf"
    done = run_journal("export", "--format", "pdf", "--redact", "--out", str(out), env=NOW)
    assert done.returncode == 0, done.stderr
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages))
    assert flat(PRACTICE_LINE) in text and "Conversation #1" in text
    assert not any(marker in text for marker in WRITTEN)
