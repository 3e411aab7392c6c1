"""`journal prep` shows practice by name, the reflections written (prompt and first line, private
ones only with --include-private) and each conversation held with its expectation beside what
happened, in the table, md and json formats (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import build_journal, copy_journal, invoke, run_journal

NOW = {"WORKJOURNAL_NOW": "2026-12-01T20:00:00+00:00"}
FEAR = "If the fear could speak for itself, what might it be trying to protect you from?"
OWN = "What did my therapist ask me to notice?"


def run(*args: str, now: dict[str, str] = NOW) -> str:
    done = invoke(*args, env=now)
    assert done.exit_code == 0, (args, done.stderr)
    return done.stdout


def fill() -> None:
    """A session on 24 Nov, then practice, three reflections (one private, one answering the
    person's own prompt) and a conversation planned and held; plus what came before it."""
    run("session", "add", "2026-11-24 10:00")
    # Before the session: not part of this prep.
    run("practice", "log", "walk", "--minutes", "40", "--at", "2026-11-23 08:00")
    before = {"WORKJOURNAL_NOW": "2026-11-23T09:00:00+00:00"}
    run("reflect", "--prompt", "grief-1", "--text", "BEFORESESSION", now=before)
    run("practice", "log", "breathing", "--minutes", "10", "--at", "2026-11-25 08:00")
    run("practice", "log", "body scan", "--minutes", "15", "--at", "2026-11-26 08:00")
    run("practice", "log", "breathing", "--minutes", "5", "--at", "2026-11-27 08:00")
    run("reflect", "--prompt", "fear-2", "--text", "The dentist, mostly.\nAnd the bills.")
    run("reflect", "--prompt", "shame-2", "--text", "SECRETANSWER")
    run("edit", "3", "--private")
    run("reflect", "add-prompt", OWN)
    run("reflect", "--prompt", "own-1", "--text", "I noticed I hold my breath.")
    run("talk", "plan", "Fridays off", "--with", "Sam", "--expect-distress", "8",
        "--expect", "a flat no")  # fmt: skip
    run("talk", "done", "1", "--before", "7", "--after", "3", "--outcome", "partly")
    run("talk", "plan", "Rent", "--with", "landlord")  # planned only: not listed as held


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Filled once (about 15 CLI calls); each test copies it into its own journal."""
    db = tmp_path_factory.mktemp("work") / "journal.db"
    return build_journal(db, fill)


@pytest.fixture
def journal(built: Path, db_path: Path) -> Path:
    return copy_journal(built, db_path)


def test_prep_json_has_practice_reflections_and_conversations(journal: Path) -> None:
    data = json.loads(run("prep", "--format", "json"))
    assert data["practice"] == {
        "days": 3,
        "minutes": 30,
        "count": 3,
        "by_name": [
            {"name": "body scan", "count": 1, "minutes": 15},
            {"name": "breathing", "count": 2, "minutes": 15},
        ],
    }
    assert data["reflections"] == [
        {
            "entry_id": 2,
            "at": "2026-12-01T20:00:00+00:00",
            "prompt": {"id": "fear-2", "theme": "fear", "text": FEAR},
            "first_line": "The dentist, mostly.",
        },
        {
            "entry_id": 4,
            "at": "2026-12-01T20:00:00+00:00",
            "prompt": {"id": "own-1", "theme": "own", "text": OWN},
            "first_line": "I noticed I hold my breath.",
        },
    ]
    assert data["conversations"] == [
        {
            "id": 1,
            "title": "Fridays off",
            "with": "Sam",
            "held_at": "2026-12-01T20:00:00+00:00",
            "expected_distress": 8,
            "expected": "a flat no",
            "before": 7,
            "after": 3,
            "outcome": "partly",
        }
    ]
    # Every key prep had before is still there.
    for key in ("phq9_item9", "start", "mood", "homework", "discuss", "diary_cards"):
        assert key in data
    assert "SECRETANSWER" not in json.dumps(data) and "missed" not in json.dumps(data)
    everything = json.loads(run("prep", "--format", "json", "--include-private"))
    assert [r["first_line"] for r in everything["reflections"]] == [
        "The dentist, mostly.",
        "SECRETANSWER",
        "I noticed I hold my breath.",
    ]


def test_prep_table_shows_each_new_section(journal: Path) -> None:
    out = invoke("prep", env={**NOW, "COLUMNS": "200"}).stdout
    lines = [line.rstrip() for line in out.splitlines()]
    start = lines.index("Practice")
    assert lines[start : start + 4] == [
        "Practice",
        "  Practised 3 days, 30 min.",
        "  body scan: 1 time, 15 min",
        "  breathing: 2 times, 15 min",
    ]
    start = lines.index("Reflections")
    assert lines[start : start + 4] == [
        "Reflections",
        f"  #2 Tue 01 Dec · fear: “{FEAR}” The dentist, mostly.",
        f"  #4 Tue 01 Dec · own: “{OWN}” I noticed I hold my breath.",
        "  And 1 more reflection (private: shown with --include-private).",
    ]
    start = lines.index("Conversations held")
    assert lines[start : start + 2] == [
        "Conversations held",
        "  #1 Tue 01 Dec · Fridays off, with Sam · expected: distress 8/10, “a flat no” · "
        "how it went: distress 7 → 3, partly",
    ]
    for left_out in ("SECRETANSWER", "BEFORESESSION", "walk", "Rent"):
        assert left_out not in out
    assert "missed" not in out.lower()
    private = invoke("prep", "--include-private", env={**NOW, "COLUMNS": "200"}).stdout
    assert "#3 Tue 01 Dec · shame (private): “" in private and "SECRETANSWER" in private
    assert "And 1 more reflection" not in private


def test_prep_markdown_lists_each_new_item(journal: Path) -> None:
    md = run("prep", "--format", "md")
    assert (
        "## Practice\n\n- Practised 3 days, 30 min.\n- body scan: 1 time, 15 min\n"
        "- breathing: 2 times, 15 min\n"
    ) in md
    assert f"## Reflections\n\n- #2 Tue 01 Dec · fear: “{FEAR}” The dentist, mostly.\n" in md
    assert "- And 1 more reflection (private: shown with --include-private).\n" in md
    assert "## Conversations held\n\n- #1 Tue 01 Dec · Fridays off, with Sam · expected:" in md
    assert "SECRETANSWER" not in md
    assert "SECRETANSWER" in run("prep", "--format", "md", "--include-private")


def test_prep_without_the_new_kinds_shows_none_of_their_sections(db_path: object) -> None:
    run("add", "an ordinary day", "-m", "6", "--at", "2026-11-30 09:00")
    out = run("prep")
    for title in ("Practice", "Reflections", "Conversations held"):
        assert title not in out.splitlines()
    data = json.loads(run("prep", "--format", "json"))
    assert data["practice"] == {"days": 0, "minutes": 0, "count": 0, "by_name": []}
    assert data["reflections"] == [] and data["conversations"] == []


@pytest.mark.parametrize("columns", [40, 80])
def test_new_prep_sections_read_well_at_narrow_widths(journal: Path, columns: int) -> None:
    out = invoke("prep", env={**NOW, "COLUMNS": str(columns)}).stdout
    lines = out.splitlines()
    assert all(len(line.rstrip()) <= columns for line in lines), out
    words = " ".join(out.split())
    # Wrapped, never cut: every word of the new sections is there in order.
    for text in (
        "Practised 3 days, 30 min.",
        f"#2 Tue 01 Dec · fear: “{FEAR}” The dentist, mostly.",
        "#1 Tue 01 Dec · Fridays off, with Sam · expected: distress 8/10, “a flat no” · "
        "how it went: distress 7 → 3, partly",
    ):
        assert text in words, text


def test_prep_json_from_a_real_process(journal: Path) -> None:
    done = run_journal("prep", "--format", "json", env=NOW)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["practice"]["minutes"] == 30
    assert [c["outcome"] for c in data["conversations"]] == ["partly"]
    assert b"SECRETANSWER" not in done.stdout
