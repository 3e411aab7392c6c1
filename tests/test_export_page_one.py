"""Issue 13, the therapist export: page one is the summary and fits on one page (the pdf, and
the html printed by headless Chromium to A4 and Letter), the detail flows after it, the period
defaults to since the last session, and the safety plan goes out only when asked for."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

import realistic_journal
from helpers import build_journal, copy_journal, invoke
from test_export_human import chromium, needs_chromium

NOW = {"WORKJOURNAL_NOW": realistic_journal.NOW}
PERIOD = "17 Nov 2026 – 01 Dec 2026 (since the session on Tue 17 Nov)"
PAGE_ONE = (
    "Please look at this first",  # the PHQ-9 of 30 Nov answered question 9 above 0
    "Logged on 15 of 15 days, 22 entries",
    "PHQ-9 7/27 (mild, -4) on 30 Nov",
    "Mood (1 = worst, 10 = best): mean 5.4, lowest mood 3, highest mood 8.",
    "Top triggers",
    "work 10 4.7 5.9",  # 10 days with it, 5 without: enough for the means
    "Homework against target",
    "Breathing exercise: 3 of 11, helpfulness 7.0/10, distress 6.0 → 4.0",
    "Thought record after a hard moment: 1 of 4",
    "Walk outside: 4 of 15",
    "Flagged to discuss",
    "#4 Wed 18 Nov 19:40 · mood 3: Argument with my brother",
    "#12 Wed 25 Nov 13:00 · mood 3: Froze in the team meeting. Again.",
    "#21 Tue 01 Dec 12:45 · mood 4: Manager asked for the report early.",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (it takes ~60 CLI calls); each test copies it into its own journal."""

    folder = tmp_path_factory.mktemp("realistic")
    db = folder / "journal.db"
    return build_journal(db, lambda: realistic_journal.build(db))


@pytest.fixture
def journal(built: Path, db_path: Path) -> Path:
    return copy_journal(built, db_path)


def flat(text: str) -> str:
    """Whitespace folded, and ligatures Chromium prints ("ﬁ") read back as letters."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", text).split())


def pages_of(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def export(*args: str) -> str:
    result = invoke("export", *args, env=NOW)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_pdf_page_one_holds_the_whole_summary_and_the_export_is_four_pages(
    journal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    export("--format", "pdf", "--out", str(out))
    pages = pages_of(out.read_bytes())
    assert len(pages) <= 4
    one = pages[0]
    assert flat(PERIOD) in one
    for item in PAGE_ONE:
        assert flat(item) in one, item
    assert one.index("Please look at this first") < one.index("Logged on")  # safety first
    # The long flagged entry is shortened with "…", never cut silently; its id leads the line.
    assert flat("went quiet for…") in one and "keeps happening" not in one
    # The chart labels the first day of each week (Mondays) and the last day.
    assert "17 Nov 23 Nov 30 Nov 01 Dec" in one
    assert "Mood by weekday" not in one  # built from 1-2 entries a row: not worth page one
    # The detail starts on page two and flows: homework, check-ins and thought records share it.
    assert pages[1].startswith("To discuss")
    for heading in ("Homework", "Check-ins", "Thought records", "Balanced thought"):
        assert heading in pages[1], heading


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_html_printed_keeps_page_one_to_one_page(journal: Path, tmp_path: Path, size: str) -> None:
    page = tmp_path / "report.html"
    export("--format", "html", "--out", str(page))
    sized = tmp_path / f"report-{size}.html"
    sized.write_text(
        page.read_text(encoding="utf-8").replace("</style>", f"@page {{ size: {size}; }}</style>"),
        encoding="utf-8",
    )
    printed = tmp_path / f"printed-{size}.pdf"
    assert chromium(tmp_path, sized, f"--print-to-pdf={printed}", "--no-pdf-header-footer") == []
    pages = pages_of(printed.read_bytes())
    for item in PAGE_ONE:
        assert flat(item) in pages[0], (size, item)
    assert pages[1].startswith("To discuss")  # the summary ended on page one
    reader = PdfReader(io.BytesIO(printed.read_bytes()))
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == (595 if size == "A4" else 612)


def test_default_period_is_since_the_last_session_and_all_is_everything(journal: Path) -> None:
    md = export("--format", "md")
    assert f"**Period:** {PERIOD}" in md
    assert "Logged on 15 of 15 days, 22 entries" in md
    everything = export("--format", "md", "--all")
    assert "**Period:** 03 Nov 2026 – 01 Dec 2026 (everything)" in everything  # first check-in
    # JSON keeps exporting everything by default.
    data = json.loads(export("--format", "json"))
    assert len(data["checkins"]) == 3
    bad = invoke("export", "--format", "md", "--all", "--since", "2026-11-20", env=NOW)
    assert bad.exit_code == 2
    assert "--all is the whole journal" in bad.stderr


def test_without_a_session_the_default_is_the_last_four_weeks(db_path: Path) -> None:
    for when in ("2026-10-20 09:00", "2026-11-10 09:00"):
        done = invoke("add", "a day", "-m", "5", "--at", when, env=NOW)
        assert done.exit_code == 0, done.stderr
    md = export("--format", "md")
    assert "**Period:** 04 Nov 2026 – 01 Dec 2026 (the last 4 weeks)" in md
    assert "Logged on 1 of 28 days, 1 entry" in md


def test_safety_plan_only_when_asked(journal: Path) -> None:
    done = invoke(
        "safety-plan", "--section", "people-to-ask", "--text", "Sam 07700 900123", env=NOW
    )
    assert done.exit_code == 0, done.stderr
    assert "Sam 07700 900123" not in export("--format", "md")
    md = export("--format", "md", "--sections", "summary,safety-plan")
    assert "## Safety plan" in md and "> Sam 07700 900123" in md
    assert "Last updated 01 Dec 2026." in md
    assert "Sam 07700 900123" not in export(
        "--format", "md", "--sections", "safety-plan", "--redact"
    )
    html = export("--format", "html", "--sections", "safety-plan")
    assert "Sam 07700 900123" in html


def test_trigger_means_need_three_days_each_way_in_every_export(
    journal: Path, tmp_path: Path
) -> None:
    """family: 3 days with it but the means are shown; a trigger on 2 days gets its count."""
    md = export("--format", "md", "--since", "2026-11-17", "--until", "2026-11-24 23:59")
    # 17-24 Nov: work on 4 days of 8 with moods, sleep on 3, family on 2 (18 and 24 Nov).
    # work: (5 + 4 + 6 + 5 + 4) / 5 = 4.8 with it, (6 + 3 + 4 + 7 + 8 + 5) / 6 = 5.5 without.
    assert "| work | 5 | 4.8 | 5.5 |" in md
    assert "| family | 2 |  |  |" in md
    html = export("--format", "html", "--since", "2026-11-17", "--until", "2026-11-24 23:59")
    assert '<td>family</td><td class="num">2</td><td class="num"></td>' in html
    out = tmp_path / "t.pdf"
    export(
        "--format", "pdf", "--since", "2026-11-17", "--until", "2026-11-24 23:59", "-o", str(out)
    )
    one = pages_of(out.read_bytes())[0]
    assert "work 5 4.8 5.5" in one and "family 2 " in one and "family 2 5" not in one


def test_years_of_item_9_answers_list_the_five_most_recent_and_count_the_rest(
    tmp_path: Path,
) -> None:
    from journal_records import add_checkin

    db = tmp_path / "j.db"
    for n in range(8):  # 1-8 Nov, item 9 "several days" each time
        add_checkin(db, f"c{n}", f"2026-11-0{n + 1}T09:00:00+00:00", [1, 1, 1, 1, 1, 1, 1, 1, 1])
    env = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}
    md = invoke("--db", str(db), "export", "--format", "md", "--all", env=env)
    assert md.exit_code == 0, md.stderr
    listed = [line for line in md.stdout.splitlines() if "was answered" in line]
    assert [line.split(" on ")[-1] for line in listed] == [
        f"{day} Nov 2026." for day in ("Wed 04", "Thu 05", "Fri 06", "Sat 07", "Sun 08")
    ]
    assert "PHQ-9 item 9 was also above 0 on 3 earlier check-ins in this period" in md.stdout
    out = tmp_path / "e.pdf"
    pdf = invoke("--db", str(db), "export", "--format", "pdf", "--all", "--out", str(out), env=env)
    assert pdf.exit_code == 0, pdf.stderr
    from pypdf import PdfReader

    first = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert first.count("was answered") == 5
    assert "also above 0 on 3 earlier check-ins" in first
