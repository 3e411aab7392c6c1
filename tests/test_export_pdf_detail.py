"""The PDF of a long period asked for lists the most recent entries plus every flagged one in
detail and says how many more are in the JSON export; a period chosen by default stays whole."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import invoke, run_journal
from workjournal.exporters import pdf

NOW = "2026-11-20T21:30:00+00:00"


def add(*args: str) -> None:
    result = invoke("add", *args, env={"WORKJOURNAL_NOW": NOW})
    assert result.exit_code == 0, result.stderr


def pdf_text(*args: str, tmp_path: Path) -> str:
    out = tmp_path / "export.pdf"
    out.unlink(missing_ok=True)
    result = invoke(
        "export", "--format", "pdf", *args, "--out", str(out), env={"WORKJOURNAL_NOW": NOW}
    )
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def listed_ids(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"#(\d+) \w{3} \d\d \w{3} 2026", text)}


@pytest.fixture
def twelve(db_path: Path) -> Path:
    for day in range(1, 13):  # ids 1-12, one a day from 1 Nov; 2 and 4 flagged to discuss
        flag = ["--discuss"] if day in (2, 4) else []
        add(f"entry of day {day}", "-m", "5", *flag, "--at", f"2026-11-{day:02d} 09:00")
    return db_path


def test_a_long_period_lists_the_recent_and_flagged_and_says_how_many_more(
    twelve: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "PDF_DETAIL_ENTRIES", 5)
    text = pdf_text("--all", tmp_path=tmp_path)
    flat = " ".join(text.split())
    assert "5 more entries in this period are in the JSON export" in flat
    assert "the 5 most recent entries of this period and the 5 most recent flagged" in flat
    assert listed_ids(text) == {2, 4, 8, 9, 10, 11, 12}


def test_many_flagged_entries_are_limited_too(
    twelve: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "PDF_DETAIL_ENTRIES", 1)
    text = pdf_text("--all", tmp_path=tmp_path)
    flat = " ".join(text.split())
    assert listed_ids(text) == {4, 12}  # the latest entry and the latest flagged one
    assert "Listed here: the 1 most recent of them. 1 more are in the JSON export." in flat
    assert "10 more entries in this period are in the JSON export" in flat


def test_an_explicit_since_is_limited_too_but_a_short_one_is_whole(
    twelve: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "PDF_DETAIL_ENTRIES", 5)
    limited = pdf_text("--since", "2026-11-01", tmp_path=tmp_path)
    assert listed_ids(limited) == {2, 4, 8, 9, 10, 11, 12}
    whole = pdf_text("--since", "2026-11-08", tmp_path=tmp_path)
    assert listed_ids(whole) == {8, 9, 10, 11, 12}
    assert "JSON export" not in " ".join(whole.split())


def test_the_default_period_is_always_listed_whole(
    twelve: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "PDF_DETAIL_ENTRIES", 5)
    text = pdf_text(tmp_path=tmp_path)  # the last 4 weeks: every entry here
    assert listed_ids(text) == set(range(1, 13))
    assert "more entries in this period" not in " ".join(text.split())


def test_under_the_limit_everything_is_listed_in_a_real_process(
    twelve: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.pdf"
    done = run_journal(
        "--db", str(twelve), "export", "--format", "pdf", "--all", "--out", str(out),
        env={"WORKJOURNAL_NOW": NOW},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert listed_ids(text) == set(range(1, 13))
    assert "more entries in this period" not in " ".join(text.split())


@pytest.fixture
def checkins(twelve: Path) -> Path:
    from journal_records import add_checkin

    for day in range(1, 7):  # six PHQ-9s, 1-6 Nov, totals 1-6
        add_checkin(
            twelve,
            f"c0c0c0c0-0000-4000-8000-00000000000{day}",
            f"2026-11-{day:02d}T08:00:00+00:00",
            [day, 0, 0, 0, 0, 0, 0, 0, 0],
        )
    return twelve


def listed_checkins(text: str) -> list[str]:
    return re.findall(r"(\d\d Nov 2026) PHQ-9", text)


def test_a_long_period_lists_the_recent_check_ins_and_says_how_many_more(
    checkins: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "PDF_DETAIL_ROWS", 2)
    text = pdf_text("--all", tmp_path=tmp_path)
    flat = " ".join(text.split())
    assert listed_checkins(text) == ["05 Nov 2026", "06 Nov 2026"]
    assert "Listed here: the 2 most recent check-ins of this period. 4 more are in the JSON" in flat
    # The page-one summary still reads every check-in: the latest with its change.
    assert "PHQ-9 6/27 (mild, +1) on 06 Nov" in flat


def test_the_default_period_lists_every_check_in(
    checkins: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "PDF_DETAIL_ROWS", 2)
    text = pdf_text(tmp_path=tmp_path)  # the last 4 weeks
    assert listed_checkins(text) == [f"{day:02d} Nov 2026" for day in range(1, 7)]
    assert "most recent check-ins" not in " ".join(text.split())


def test_a_long_period_lists_the_recent_homework(
    twelve: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for title in ("First task", "Second task", "Third task"):
        done = invoke("homework", "add", title, "--per-week", "2", env={"WORKJOURNAL_NOW": NOW})
        assert done.exit_code == 0, done.stderr
    monkeypatch.setattr(pdf, "PDF_DETAIL_ROWS", 1)
    flat = " ".join(pdf_text("--all", "--sections", "homework", tmp_path=tmp_path).split())
    assert "Third task" in flat and "First task" not in flat and "Second task" not in flat
    assert "Listed here: the 1 most recent assignments of this period. 2 more are in" in flat


@pytest.fixture
def writer() -> Iterator[pdf._Writer]:
    """A writer on a page in the shipped font; the PDF is finished afterwards, which closes
    the font file (left open, it warns in whichever later test collects it)."""
    from fpdf import FPDF

    doc = FPDF(format="A4")
    doc.add_page()
    folder = pdf.find_font_dir()
    assert folder is not None
    doc.add_font("DejaVu", "", str(folder / pdf.REGULAR))
    made = pdf._Writer(doc, "DejaVu", unicode=True)
    made.font(10)
    yield made
    doc.output()


def test_lines_fit_the_width_and_keep_every_word(writer: pdf._Writer) -> None:
    text = "A first paragraph with some words, Привет καλημέρα; " * 6 + "\n\nAfter a blank line."
    width = 80.0
    lines = writer.lines(text, width)
    assert len(lines) > 4
    assert all(writer.pdf.get_string_width(line) <= width for line in lines)
    # Nothing lost: the words in order, each paragraph break kept.
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())
    assert "" in lines and lines[-1] == "After a blank line."
    # Each line is as full as it can be: the next word would not have fitted.
    first, second = lines[0], lines[1]
    assert writer.pdf.get_string_width(first + " " + second.split(" ")[0]) > width


def test_a_word_wider_than_a_line_is_broken_inside(writer: pdf._Writer) -> None:
    word = "x" * 200
    lines = writer.lines(f"before {word} after", 50.0)
    assert lines[0] == "before"
    assert "".join(lines[1:-1]) + lines[-1].split(" ")[0] == word
    assert all(writer.pdf.get_string_width(line) <= 50.0 for line in lines)
