"""One gathering step: week, prep, homework list and the therapist export read the same rows
with the same period rules, so they say the same thing about the same journal."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import realistic_journal
from helpers import invoke
from workjournal import gather
from workjournal.store import open_store

NOW = {"WORKJOURNAL_NOW": realistic_journal.NOW}


@pytest.fixture
def journal(db_path: Path) -> Path:
    realistic_journal.build(db_path)
    return db_path


def as_json(*args: str) -> object:
    result = invoke(*args, "--format", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def by_title(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {row["title"]: row for row in rows}


def test_week_prep_and_homework_list_agree_on_last_done(journal: Path) -> None:
    week = by_title(as_json("week")["homework"])  # type: ignore[index]
    prep = by_title(as_json("prep")["homework"])  # type: ignore[index]
    listed = by_title(as_json("homework", "list"))  # type: ignore[arg-type]
    for title in ("Breathing exercise", "Thought record after a hard moment", "Walk outside"):
        assert week[title]["last_done"] == prep[title]["last_done"] == listed[title]["last_done"]
    assert week["Breathing exercise"]["last_done"] == "2026-11-30T18:00:00+00:00"
    # The week (Mon 30 Nov - Sun 6 Dec) and homework list count this week the same way.
    assert week["Walk outside"]["done"] == listed["Walk outside"]["done"] == 1


def test_prep_counts_from_the_session_but_last_done_looks_back(db_path: Path) -> None:
    realistic_journal.run("session", "add", "2026-11-17 10:00", now="2026-11-17T11:00:00+00:00")
    realistic_journal.run(
        "homework", "add", "Breathing", "--per-week", "5", now="2026-11-10T09:00:00+00:00"
    )
    realistic_journal.run(
        "homework", "done", "1", "--at", "2026-11-17 08:00", now="2026-11-17T08:00:00+00:00"
    )
    [item] = as_json("prep")["homework"]  # type: ignore[index]
    assert item["done"] == 0  # done before the session: it belongs to the prep before
    assert item["last_done"] == "2026-11-17T08:00:00+00:00"  # was null before the gathering step
    [week] = as_json("week", "--date", "2026-11-17")["homework"]  # type: ignore[index]
    assert week["last_done"] == item["last_done"]


def test_export_homework_says_what_week_and_prep_say(journal: Path) -> None:
    md = invoke("export", "--format", "md", env=NOW).stdout
    prep_md = invoke("prep", "--format", "md", env=NOW).stdout
    summary = md.split("## To discuss")[0]
    for line in (
        "Breathing exercise: 3 of 11, helpfulness 7.0/10, distress 6.0 → 4.0",
        "Thought record after a hard moment: 1 of 4",
        "Walk outside: 4 of 15",
    ):
        assert f"- {line}" in summary
        assert f"- {line}" in prep_md  # the same words from the same report function
    assert "a week" not in summary  # no "done 1 time, 0.8 a week" arithmetic of its own


def test_export_numbers_come_from_the_week_report(journal: Path) -> None:
    """An export of exactly one week shows the week's mean, consistency and trigger counts."""
    week = as_json("week")
    md = invoke(
        "export",
        "--format",
        "md",
        "--since",
        "2026-11-30",
        "--until",
        "2026-12-06 23:59",
        env=NOW,
    ).stdout
    logged = f"Logged on {week['days_logged']} of 7 days, {week['entries']} entries"  # type: ignore[index]
    assert logged in md
    assert f"mean {week['mood']['mean']:.1f}" in md  # type: ignore[index]
    for trigger in week["triggers"]:  # type: ignore[index]
        assert f"| {trigger['name']} | {trigger['count']} |" in md


def test_gathered_document_never_holds_a_store(journal: Path) -> None:
    from dataclasses import fields

    from workjournal.exporters.document import ShareDocument
    from workjournal.models import EntryFilter

    now = datetime(2026, 12, 1, 18, tzinfo=UTC)
    with open_store(journal, create=False) as store:
        doc = gather.document(
            store,
            EntryFilter(since=datetime(2026, 11, 17, 10, tzinfo=UTC)),
            sections=("summary",),
            redact=False,
            now=now,
            tz=ZoneInfo("Europe/London"),
        )
    assert isinstance(doc, ShareDocument)
    assert "store" not in {f.name for f in fields(doc)}
    assert (doc.start.isoformat(), doc.end.isoformat()) == ("2026-11-17", "2026-12-01")
    source = (Path(gather.__file__).parent / "exporters").glob("*.py")
    for path in source:
        assert "workjournal.store" not in path.read_text(encoding="utf-8"), path
