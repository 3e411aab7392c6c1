"""The therapist export's md and html text, pinned byte for byte against what the implementation
that built every Entry of the period into a tuple wrote (issue 13, "Speed at scale").

The journal is the realistic two weeks of tests/realistic_journal.py plus 400 generated entries
over five months (other UTC offsets, entries written down late, private and flagged ones, no
mood, markup in the text, reflections answering a prompt), so the whole-journal export crosses
the 62-day limit of the mood-by-day table and every rule of the period summary counts.

The expected files in tests/pinned/ were written by the old implementation (set
``WORKJOURNAL_WRITE_PINNED=1`` to write them again, only after a deliberate change of output).
"""

from __future__ import annotations

import os
import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import realistic_journal
from helpers import build_journal, copy_journal, invoke, run_journal
from workjournal.models import Emotion, NewEntry
from workjournal.store import open_store

PINNED = Path(__file__).resolve().parent / "pinned"
NOW = {"WORKJOURNAL_NOW": realistic_journal.NOW}
TRIGGERS = ("work", "sleep", "family", "money", "health", "commute")
EMOTIONS = ("anxious", "sad", "angry", "calm", "ashamed")
COPING = ("walk", "breathing", "friends", "music")
OFFSETS = (0, 1, 2, -5, 9, 5.5)

# (name, export arguments): every human text format over the whole journal, the default period,
# private entries in and out, --redact, chosen sections and a bounded period.
CASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("all.md", ("--format", "md", "--all")),
    ("all-private.md", ("--format", "md", "--all", "--include-private")),
    ("all-redact.md", ("--format", "md", "--all", "--include-private", "--redact")),
    ("default.md", ("--format", "md")),
    ("since.md", ("--format", "md", "--since", "2026-09-01", "--until", "2026-10-15")),
    ("sections.md", ("--format", "md", "--all", "--sections", "entries,discuss,reflections")),
    ("all.html", ("--format", "html", "--all")),
    ("all-private.html", ("--format", "html", "--all", "--include-private")),
    ("all-redact.html", ("--format", "html", "--all", "--include-private", "--redact")),
    ("default.html", ("--format", "html")),
    ("sections.html", ("--format", "html", "--all", "--sections", "entries,discuss,reflections")),
)


def _generated_entries() -> list[NewEntry]:
    rng = random.Random(13)
    start = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)
    news = []
    for n in range(400):
        offset = timezone(timedelta(hours=rng.choice(OFFSETS)))
        moment = (start + timedelta(minutes=rng.randrange(0, 60 * 24 * 138))).astimezone(offset)
        text = rng.choice(
            (
                "",
                f"entry {n}: a plain day",
                f"entry {n}: <b>markup</b> [a](http://x) | pipes\nand a second line",
                f"entry {n}: Привет, καλημέρα, Zoë — “quoted” … done",
                f"  entry {n} with spaces around  ",
            )
        )
        news.append(
            NewEntry(
                occurred_at=moment,
                text=text,
                mood=None if rng.random() < 0.15 else rng.randint(1, 10),
                triggers=tuple(rng.sample(TRIGGERS, rng.randint(0, 3))),
                tags=tuple(rng.sample(("home", "office", "weekend"), rng.randint(0, 1))),
                emotions=tuple(
                    Emotion(name, None if rng.random() < 0.3 else rng.randint(0, 100))
                    for name in rng.sample(EMOTIONS, rng.randint(0, 2))
                ),
                coping=tuple(rng.sample(COPING, rng.randint(0, 2))),
                private=rng.random() < 0.1,
                discuss=rng.random() < 0.08,
            )
        )
    return news


def _fill(db: Path) -> None:
    realistic_journal.build(db)
    rng = random.Random(14)
    with open_store(db, create=False) as store:
        for new in _generated_entries():
            late = timedelta(hours=rng.choice((0, 0, 0, 3, 30, 72)))
            store.add_entry(new, created_at=new.occurred_at + late)
        with store.write():
            ids = [r[0] for r in store.conn.execute("SELECT id FROM entries ORDER BY id")]
            for entry_id in ids[30::37]:  # some entries answer a reflection prompt
                store.conn.execute(
                    "INSERT INTO entry_prompts (entry_id, prompt_id, prompt_theme, prompt_text) "
                    "VALUES (?, 'values-1', 'values', 'What mattered to you today?')",
                    (entry_id,),
                )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("pinned") / "journal.db"
    return build_journal(db, lambda: _fill(db))


@pytest.fixture
def journal(built: Path, db_path: Path) -> Path:
    return copy_journal(built, db_path)


def _export(*args: str) -> str:
    result = invoke("export", *args, env=NOW)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(("name", "args"), CASES, ids=[name for name, _ in CASES])
def test_export_text_is_unchanged(journal: Path, name: str, args: tuple[str, ...]) -> None:
    text = _export(*args)
    path = PINNED / name
    if os.environ.get("WORKJOURNAL_WRITE_PINNED") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text.count("### #") + text.count('<article class="entry">') > 0
    assert text == expected


def test_export_file_from_a_real_process_is_unchanged(journal: Path, tmp_path: Path) -> None:
    """The file ``--out`` writes in a real process: the same bytes, and the count on stderr."""
    out = tmp_path / "all.md"
    result = run_journal(
        "export", "--format", "md", "--all", "--include-private", "--out", str(out), env=NOW
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (PINNED / "all-private.md").read_bytes()
    assert b"Exported 422 entries to" in result.stderr


@pytest.mark.parametrize("include_private", [True, False])
@pytest.mark.parametrize(
    ("first", "last"),
    [("2026-07-01", "2026-12-01"), ("2026-09-01", "2026-10-15"), ("2026-11-17", "2026-11-17")],
)
def test_the_summary_summed_by_the_store_equals_the_one_counted_in_python(
    journal: Path, include_private: bool, first: str, last: str
) -> None:
    """The export's totals (SQL) and the week's and prep's (Python, from Entry objects) give
    one PeriodSummary, through the one summary_of_totals."""
    from datetime import date

    from workjournal.models import EntryFilter
    from workjournal.reports.summary import (
        SUMMARY_KINDS,
        LabelTotals,
        day_totals_from_rows,
        period_summary,
        summary_of_totals,
    )

    flt = EntryFilter(include_private=include_private, newest_first=False)
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    with open_store(journal, create=False) as store:
        from_sql = summary_of_totals(
            day_totals_from_rows(store.summary_day_totals(flt, first, last)),
            [LabelTotals(*r) for r in store.summary_label_totals(flt, first, last, SUMMARY_KINDS)],
            store.discuss_ids(flt, first, last),
            start=start,
            end=end,
        )
        entries = store.list_entries(flt)
    from_python = period_summary(entries, start=start, end=end)
    assert from_sql == from_python
    assert from_sql.entries > 0 and from_sql.triggers and from_sql.emotions
    if first == "2026-07-01":
        assert from_sql.written_late > 0 and from_sql.discuss
