"""journal export --format md|html|pdf: summary first, raw data after, private and redact rules,
files, and the html checked in a real headless Chromium."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import invoke, run_journal, subprocess_env
from journal_records import add_checkin, seed_other_records

NOW = "2026-11-20T21:30:00+00:00"
SECRET = "the secret words in my entry"
PRIVATE = "a private entry nobody sees"
CHROMIUM = shutil.which("chromium")


def add(*args: str) -> None:
    result = invoke("add", *args, env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr


def export(*args: str) -> str:
    result = invoke("export", *args, env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def journal(db_path: Path) -> Path:
    seed_other_records(db_path)
    add_checkin(
        db_path,
        "66666666-6666-4666-8666-666666666666",
        "2026-11-18T09:00:00+00:00",
        [2, 2, 2, 1, 1, 1, 1, 0, 1],
    )
    add(
        SECRET,
        "-m",
        "3",
        "-t",
        "work",
        "-e",
        "anxious:70",
        "-c",
        "walk",
        "--discuss",
        "--at",
        "2026-11-16 20:00",
    )
    add("Привет, καλημέρα, Zoë", "-m", "6", "-t", "family", "--at", "2026-11-17 09:00")
    add("<script>alert('x')</script> & <b>bold</b>", "-m", "5", "--at", "2026-11-18 12:00")
    add("good day", "-m", "8", "-t", "work", "--at", "2026-11-19 18:00")
    add(PRIVATE, "-m", "2", "--private", "--at", "2026-11-19 22:00")
    return db_path


# -- markdown ----------------------------------------------------------------------------------


def test_markdown_summary_first_then_sections(journal: Path) -> None:
    md = export("--format", "md", "--all")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary",
        "## To discuss",
        "## Homework",
        "## Check-ins",
        "## Thought records",
        "## Entries",
    ]
    summary = md.split("## To discuss")[0]
    assert "**Period:** 01 Nov 2026 – 20 Nov 2026 (everything)" in summary  # the first record
    assert "*Self-report between sessions, not a clinical record.*" in summary
    # Safety first: before consistency and everything else on page one.
    assert summary.index("Please look at this first") < summary.index("Logged on")
    assert "PHQ-9 item 9" in summary and "“Several days” on Wed 18 Nov 2026" in summary
    assert "Logged on 4 of 20 days, 4 entries" in summary
    # 11 points is in the moderate band (10-14), 4 more than the 7 on 14 Nov.
    assert "PHQ-9 11/27 (moderate, +4) on 18 Nov" in summary
    # "work" came up on 2 days: too few to compare means (3 with and 3 without), so the count.
    assert "| Trigger | Times |\n|---|---|\n| work | 2 |" in summary
    # The same words as `journal week`: done 1 of the 14 asked over 20 days (5 a week).
    assert "- Breathing: 1 of 14, helpfulness 7.0/10, distress 6.0 → 3.0" in summary
    assert "| thought situation | anxious 80 | thought automatic |" in md
    assert SECRET in md
    assert PRIVATE not in md


def test_markdown_sections_pick_parts(journal: Path) -> None:
    md = export("--format", "md", "--sections", "checkins, entries")
    assert [line for line in md.splitlines() if line.startswith("## ")] == [
        "## Check-ins",
        "## Entries",
    ]
    assert "Please look at this first" in md  # the safety item travels with the check-ins
    bad = invoke("export", "--format", "md", "--sections", "summary,moods")
    assert bad.exit_code == 2
    assert "from summary,discuss,homework,checkins,diary-card,thoughts" in bad.stderr


def test_redact_and_private_in_md(journal: Path) -> None:
    md = export("--format", "md", "--redact", "--include-private")
    for text in (SECRET, PRIVATE, "Привет", "thought situation", "thought balanced", "secret note"):
        assert text not in md
    assert "(text left out)" in md
    assert "anxious 70" in md  # ratings and labels stay
    assert "private" in md  # the private entry is in, flagged


# -- html --------------------------------------------------------------------------------------


def test_html_escapes_the_labels_of_an_entry(journal: Path) -> None:
    add(
        "plain text",
        "-m",
        "4",
        "-t",
        '<i>boss</i> & "co"',
        "-g",
        "it's",
        "--at",
        "2026-11-20 09:00",
    )
    html = export("--format", "html", "--sections", "entries")
    assert "<i>boss" not in html
    assert "&lt;i&gt;boss&lt;/i&gt; &amp; &#34;co&#34;" in html
    assert "it&#39;s" in html


def test_html_escapes_text_and_loads_nothing(journal: Path) -> None:
    html = export("--format", "html")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert re.findall(r"""(?:src|href|action|poster|srcset)\s*=""", html, re.I) == []
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    assert re.findall(r"https?://", html) == []
    assert "default-src 'none'" in html  # even a stray reference would be blocked
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(re.findall(r'<path class="range"', svg)) == 4  # one per day with a mood
    assert len(re.findall(r'<path class="mean" d="M', svg)) == 1  # 16-19 Nov: no gap
    assert "Привет, καλημέρα, Zoë" in html
    assert PRIVATE not in html


def test_html_redacted_has_no_text(journal: Path) -> None:
    html = export("--format", "html", "--redact")
    for text in (SECRET, "Привет", "thought situation", "thought automatic", "secret note"):
        assert text not in html
    assert "Written text was left out" in html


# -- pdf ---------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> tuple[int, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), [page.extract_text() for page in reader.pages]


def test_pdf_pages_headings_and_unicode(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = invoke("export", "--format", "pdf", "--out", str(out), env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    pages, texts = pdf_text(out.read_bytes())
    # Page one is the summary; the detail sections flow after it (issue 13: no page apiece).
    assert 2 <= pages <= 4
    assert "To discuss" not in texts[0].replace("Flagged to discuss", "")
    assert "Between sessions: my journal" in texts[0]
    assert "Summary" in texts[0] and "Please look at this first." in texts[0]
    assert "Self-report between sessions, not a clinical record." in texts[0]
    everything = "\n".join(texts)
    for heading in ("To discuss", "Homework", "Check-ins", "Thought records", "Entries"):
        assert heading in everything
    assert "Привет, καλημέρα, Zoë" in everything  # a Unicode font, not "?"
    assert PRIVATE not in everything


def test_pdf_redacted(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    export("--format", "pdf", "--redact", "--out", str(out))
    _, texts = pdf_text(out.read_bytes())
    everything = "\n".join(texts)
    assert SECRET not in everything and "thought situation" not in everything
    assert "anxious 70" in everything


def test_pdf_without_unicode_font_falls_back_and_says_so(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    result = invoke(
        "export",
        "--format",
        "pdf",
        "--out",
        str(out),
        env={"WORKJOURNAL_NOW": NOW, "WORKJOURNAL_PDF_FONT_DIR": ""},
    )
    assert result.exit_code == 0, result.stderr
    _, texts = pdf_text(out.read_bytes())
    assert "No Unicode font" in texts[0].replace("\n", " ")
    assert "Zoë" in "\n".join(texts)  # Latin-1 still shows; Cyrillic became "?"


def test_pdf_refuses_a_terminal_and_goes_down_a_pipe(journal: Path) -> None:
    piped = run_journal("export", "--format", "pdf", env={"WORKJOURNAL_NOW": NOW})
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"%PDF-")
    assert pdf_text(piped.stdout)[0] >= 2
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "workjournal", "export", "--format", "pdf"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
    os.close(leader)
    assert proc.returncode == 1
    assert proc.stderr.decode() == (
        "Error: a PDF cannot be shown in the terminal. Write it to a file with --out "
        "report.pdf, or pipe it: journal export --format pdf > report.pdf\n"
    )


def test_md_and_html_files_in_a_real_process(journal: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        out = tmp_path / f"report.{fmt}"
        done = run_journal("export", "--out", str(out), env={"WORKJOURNAL_NOW": NOW})
        assert done.returncode == 0, done.stderr
        assert done.stderr.decode().startswith(f"Exported 4 entries to {out}")
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert SECRET in out.read_text(encoding="utf-8")


# -- headless Chromium -------------------------------------------------------------------------

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing resolves, so even the browser's own update and time checks stay on this machine.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def chromium(tmp_path: Path, page: Path, *action: str) -> list[str]:
    """Run Chromium on ``page`` and return the URLs the page itself asked for, read from
    Chromium's NetLog: requests the page starts carry its origin as initiator ("null" for a
    file), the browser's own background requests carry "not an origin"."""
    assert CHROMIUM is not None
    netlog = tmp_path / f"netlog-{page.stem}-{len(action)}.json"
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            f"--log-net-log={netlog}",
            *action,
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = json.loads(netlog.read_text(encoding="utf-8"))
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in data["events"]
        if event["type"] == start_job
        and "url" in event.get("params", {})  # the event's begin phase
        and event["params"].get("initiator") != "not an origin"
    ]


needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)",
)


@needs_chromium
@pytest.mark.slow
def test_netlog_check_catches_a_page_that_loads_something(tmp_path: Path) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<p>hi</p><img src="https://example.com/pixel.png">', encoding="utf-8")
    requested = chromium(tmp_path, page, f"--screenshot={tmp_path / 'leaky.png'}")
    assert requested == ["https://example.com/pixel.png"]  # so the check below can fail


@needs_chromium
@pytest.mark.slow
def test_html_in_headless_chromium_prints_draws_and_loads_nothing(
    journal: Path, tmp_path: Path
) -> None:
    from PIL import Image

    page = tmp_path / "report.html"
    export("--format", "html", "--out", str(page))
    shot = tmp_path / "shot.png"
    printed = tmp_path / "printed.pdf"
    loaded = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1000,1200")
    loaded += chromium(tmp_path, page, f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    assert loaded == []

    image = Image.open(shot).convert("RGB")
    assert image.size == (1000, 1200)
    raw = image.tobytes()
    pixels = list(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))
    accent = sum(
        1 for r, g, b in pixels if abs(r - 47) < 30 and abs(g - 111) < 30 and abs(b - 143) < 30
    )
    band = sum(
        1 for r, g, b in pixels if abs(r - 183) < 12 and abs(g - 211) < 12 and abs(b - 224) < 12
    )
    assert accent > 200  # the mean line and its dots
    assert band > 50  # the day ranges
    assert len(set(pixels)) > 50  # text and lines, not a blank page

    pages, texts = pdf_text(printed.read_bytes())
    assert pages >= 2  # the summary on page one, the detail after it
    assert "Summary" in texts[0]
    assert "To discuss" not in texts[0]  # a page break before each later section


def test_pdf_uses_the_bundled_font_without_any_system_font(journal: Path, tmp_path: Path) -> None:
    """Issue 13: no DejaVu on the machine (macOS, Windows): the shipped copy shows every script."""
    empty = tmp_path / "no-fonts-here"
    empty.mkdir()
    add("Ελπίδα · Надежда · 希望 · أمل", "-m", "5", "--at", "2026-11-20 08:00")
    out = tmp_path / "r.pdf"
    result = invoke(
        "export",
        "--format",
        "pdf",
        "--all",
        "--out",
        str(out),
        env={"WORKJOURNAL_NOW": NOW, "WORKJOURNAL_PDF_FONT_DIR": str(empty)},
    )
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    everything = "\n".join(page.extract_text() for page in reader.pages)
    assert "No Unicode font" not in everything
    assert "Ελπίδα · Надежда" in everything and "Привет, καλημέρα, Zoë" in everything
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts), fonts


def test_the_bundled_font_ships_with_its_licence() -> None:
    from workjournal.exporters import pdf

    assert pdf.find_font_dir() == pdf.BUNDLED or os.environ.get(pdf.FONT_ENV)
    for name in (pdf.REGULAR, pdf.BOLD):
        assert (pdf.BUNDLED / name).stat().st_size > 500_000
    licence = (pdf.BUNDLED / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence
