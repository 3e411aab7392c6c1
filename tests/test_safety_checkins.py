"""Check-ins, issue 13: the unscored difficulty question, the item-9 result line, the
attribution once per screen, and the neutral history notes at their boundaries."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import invoke
from workjournal import checkins, migrations
from workjournal.models import Checkin
from workjournal.store import open_store

NOW = "2026-11-20T21:30:00+00:00"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", NOW)


def history_json() -> list[dict[str, object]]:
    result = invoke("checkin", "history", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def test_difficulty_question_is_the_published_wording() -> None:
    assert checkins.DIFFICULTY_QUESTION == (
        "If you checked off any problems, how difficult have these problems made it for you to "
        "do your work, take care of things at home, or get along with other people?"
    )
    assert checkins.DIFFICULTY_LABELS == (
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    )


@pytest.mark.parametrize(
    ("option", "label"),
    [("0", "Not difficult at all"), ("1", "Somewhat difficult"), ("3", "Extremely difficult")],
)
def test_difficulty_option_is_stored_shown_and_never_changes_the_score(
    option: str, label: str
) -> None:
    answers = "1,2,1,0,0,1,1"
    result = invoke("checkin", "gad7", "--answers", answers, "--difficulty", option, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["difficulty"] == label
    assert (data["total"], data["band"]) == (6, "mild")
    plain = invoke("checkin", "gad7", "--answers", answers, "-f", "json")
    assert json.loads(plain.stdout)["difficulty"] is None
    assert json.loads(plain.stdout)["total"] == 6
    assert [row["difficulty"] for row in history_json()] == [label, None]


def test_difficulty_shows_under_the_result_line() -> None:
    result = invoke("checkin", "gad7", "--answers", "1 2 1 0 0 1 1", "--difficulty", "2")
    assert result.exit_code == 0
    assert result.stdout == (
        "GAD-7: 6 of 21 · mild\nDifficulty: very difficult (not part of the score)\n"
        f"{checkins.NOT_A_DIAGNOSIS}\n{checkins.ATTRIBUTION}\n"
    )


@pytest.mark.parametrize("bad", ["4", "-1", "+1", "1_0", "٣", "x", "", "01"])
def test_bad_difficulty_is_a_usage_error_and_nothing_is_saved(bad: str, db_path: Path) -> None:
    result = invoke("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--difficulty", bad)
    assert result.exit_code == 2
    assert "--difficulty" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not db_path.exists()


def test_interactive_asks_difficulty_after_the_items_and_retries() -> None:
    typed = "1\n1\n1\n0\n0\n0\n0\n" + "9\n2\n"  # seven items, a bad difficulty, then 2
    result = invoke("checkin", "gad7", input=typed)
    assert result.exit_code == 0, result.stderr
    assert checkins.DIFFICULTY_QUESTION in result.stderr
    assert result.stderr.index(checkins.GAD7.items[-1]) < result.stderr.index(
        checkins.DIFFICULTY_QUESTION
    )
    assert "Please type a number from 0 to 3, or press Enter." in result.stderr
    assert result.stdout.startswith("GAD-7: 3 of 21 · minimal\nDifficulty: very difficult")
    assert history_json()[0]["difficulty"] == "Very difficult"


@pytest.mark.parametrize("ending", ["\n", ""])  # Enter, or the input simply ends
def test_interactive_difficulty_can_be_skipped(ending: str) -> None:
    result = invoke("checkin", "gad7", input="1\n0\n0\n0\n0\n0\n0\n" + ending)
    assert result.exit_code == 0, result.stderr
    assert "press Enter to skip" in result.stderr
    assert "Difficulty" not in result.stdout
    assert history_json()[0]["difficulty"] is None


def test_interactive_does_not_ask_difficulty_when_no_problem_was_checked() -> None:
    result = invoke("checkin", "gad7", input="0\n0\n0\n0\n0\n0\n0\n")
    assert result.exit_code == 0
    assert checkins.DIFFICULTY_QUESTION not in result.stderr
    assert history_json()[0]["difficulty"] is None


def test_attribution_is_printed_once_per_screen() -> None:
    interactive = invoke("checkin", "gad7", input="1\n0\n0\n0\n0\n0\n0\n\n")
    assert (interactive.stdout + interactive.stderr).count(checkins.ATTRIBUTION) == 1
    as_json = invoke("checkin", "gad7", "--answers", "0,0,0,0,0,0,0", "-f", "json")
    assert as_json.stderr.count(checkins.ATTRIBUTION) == 1
    assert checkins.ATTRIBUTION not in as_json.stdout


@pytest.mark.parametrize(
    ("item9", "words"),
    [(1, "several days"), (2, "more than half the days"), (3, "nearly every day")],
)
def test_item9_above_zero_is_named_on_the_result_line_above_the_note(
    item9: int, words: str
) -> None:
    result = invoke("checkin", "phq9", "--answers", f"0,0,0,0,0,0,0,0,{item9}")
    assert result.exit_code == 0
    first_line = result.stdout.splitlines()[0]
    assert first_line == f"PHQ-9: {item9} of 27 · minimal · question 9: {words} — see below"
    assert result.stdout.count(checkins.ATTRIBUTION) == 1
    assert "If you want support right now:" in result.stderr  # the note "below", on stderr


def test_item9_zero_says_nothing_about_question_9() -> None:
    result = invoke("checkin", "phq9", "--answers", "3,3,3,3,3,3,3,3,0")
    assert result.stdout.splitlines()[0] == "PHQ-9: 24 of 27 · severe"
    assert "question 9" not in result.stdout + result.stderr


def checkin(total: int, day: str, key: str = "phq9", id: int = 1) -> Checkin:
    items = 9 if key == "phq9" else 7
    answers = [0] * items
    remaining = total
    for i in range(8 if key == "phq9" else items):  # item 9 stays 0
        answers[i] = min(3, remaining)
        remaining -= answers[i]
    assert remaining == 0
    moment = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
    return Checkin(id, f"u{id}", key, moment, moment, tuple(answers), total)


@pytest.mark.parametrize(
    ("first", "later", "expected"),
    [
        (10, 5, ("halved since 3 Nov",)),  # exactly half: a drop of 50 %
        (10, 6, ()),  # a 40 % drop
        (9, 5, ()),  # 44 %, and 5 is not below 5
        (9, 4, ("halved since 3 Nov", "below 5")),
        (12, 0, ("halved since 3 Nov", "below 5")),
        (3, 2, ("below 5",)),  # from 3 to 2 is a third, not half
        (2, 1, ("halved since 3 Nov", "below 5")),
        (0, 0, ("below 5",)),  # nothing to halve
        (4, 8, ()),  # higher
    ],
)
def test_history_marks_at_the_boundaries(first: int, later: int, expected: tuple[str, ...]) -> None:
    rows = checkins.history([checkin(first, "2026-11-03"), checkin(later, "2026-11-17", id=2)])
    assert rows[1].marks == expected
    assert rows[0].marks == (("below 5",) if first < 5 else ())


def test_history_marks_compare_within_one_form_and_name_the_year_when_it_differs() -> None:
    rows = checkins.history(
        [
            checkin(12, "2025-12-20", "phq9", 1),
            checkin(20, "2026-01-05", "gad7", 2),
            checkin(6, "2026-01-10", "phq9", 3),
            checkin(11, "2026-01-20", "gad7", 4),
        ]
    )
    assert [row.marks for row in rows] == [(), (), ("halved since 20 Dec 2025",), ()]


def test_history_table_explains_the_direction_and_shows_the_notes() -> None:
    for day, answers, difficulty in [
        ("2026-11-03", "3,3,2,2,1,1,0,0,0", "2"),  # 12
        ("2026-11-10", "2,2,2,1,0,0,0,0,0", None),  # 7
        ("2026-11-17", "2,1,1,0,0,0,0,0,0", "0"),  # 4: halved, below 5
    ]:
        args = ["checkin", "phq9", "--answers", answers, "--at", day]
        assert invoke(*args, *(["--difficulty", difficulty] if difficulty else [])).exit_code == 0
    result = invoke("checkin", "history")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.split()[-1] == "very" for line in lines if "03 Nov 2026" in line)
    assert any(line.split()[-1] == "–" for line in lines if "10 Nov 2026" in line)
    assert "  17 Nov 2026 PHQ-9 4/27: halved since 3 Nov, below 5" in lines
    assert "10 Nov 2026 PHQ-9 7/27:" not in result.stdout
    assert "Lower totals mean fewer or less frequent symptoms reported." in lines
    for word in ("recover", "remission", "better", "improv"):
        assert word not in result.stdout.lower()
    data = history_json()
    assert [row["marks"] for row in data] == [[], [], ["halved since 3 Nov", "below 5"]]
    assert [row["difficulty"] for row in data] == ["Very difficult", None, "Not difficult at all"]


def test_m003_keeps_the_check_ins_and_the_safety_plan_of_an_older_journal(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as older:
        older.setattr(migrations, "_REGISTRY", migrations._REGISTRY[:1])
        older.setattr(migrations, "NAMES", migrations.NAMES[:1])
        with open_store(db_path, create=True):
            pass
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO checkins (uuid, instrument, taken_utc, taken_offset, created_utc, "
            "answers, total) VALUES ('u1', 'gad7', '2026-11-01T10:00:00+00:00', 0, "
            "'2026-11-01T10:00:00+00:00', '[1,1,1,0,0,0,0]', 3)"
        )
        conn.execute(
            "INSERT INTO safety_plan VALUES ('people_to_ask', 'Sam', '2026-05-01T10:00:00+00:00')"
        )
    conn.close()
    with open_store(db_path, create=False) as store:
        [old] = store.list_checkins()
        assert (old.total, old.difficulty) == (3, None)
        assert store.safety_plan().body("people_to_ask") == "Sam"
        new = store.add_checkin(
            "gad7", [0] * 7, taken_at=old.taken_at, created_at=old.taken_at, difficulty=1
        )
        assert new.difficulty == 1
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE checkins SET difficulty = 4")
    conn.close()


def test_difficulty_survives_export_and_import(tmp_path: Path) -> None:
    assert (
        invoke("checkin", "gad7", "--answers", "1,0,0,0,0,0,0", "--difficulty", "3").exit_code == 0
    )
    assert invoke("checkin", "gad7", "--answers", "0,0,0,0,0,0,0").exit_code == 0
    out = tmp_path / "export.json"
    assert invoke("export", "--format", "json", "--out", str(out)).exit_code == 0
    exported = json.loads(out.read_text())["checkins"]
    assert [c["difficulty"] for c in exported] == ["Extremely difficult", None]
    other = tmp_path / "other.db"
    result = invoke("--db", str(other), "import", str(out))
    assert result.exit_code == 0, result.stderr
    again = invoke("--db", str(other), "checkin", "history", "-f", "json")
    assert [c["difficulty"] for c in json.loads(again.stdout)] == ["Extremely difficult", None]


def test_import_refuses_an_unknown_difficulty(tmp_path: Path) -> None:
    assert (
        invoke("checkin", "gad7", "--answers", "1,0,0,0,0,0,0", "--difficulty", "1").exit_code == 0
    )
    out = tmp_path / "export.json"
    assert invoke("export", "--format", "json", "--out", str(out)).exit_code == 0
    out.write_text(out.read_text().replace("Somewhat difficult", "quite hard"))
    result = invoke("--db", str(tmp_path / "other.db"), "import", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "difficulty" in result.stderr
    assert "Traceback" not in result.stderr
