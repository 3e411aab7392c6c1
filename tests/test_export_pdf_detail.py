"""The PDF of a long period asked for lists the most recent entries plus every flagged one in
detail and says how many more are in the JSON export; a period chosen by default stays whole."""

from __future__ import annotations

import io
import re
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
