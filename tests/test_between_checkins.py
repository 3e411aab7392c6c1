"""PHQ-9 and GAD-7: wording, scoring bands at every boundary, item 9, interactive and history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke
from workjournal import checkins
from workjournal.errors import InvalidInput
from workjournal.safety import ITEM9_OPENING

NOW = "2026-11-20T21:30:00+00:00"

PHQ9_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately severe"),
    (19, "moderately severe"),
    (20, "severe"),
    (27, "severe"),
]
GAD7_BANDS = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", NOW)


def answers_for(total: int, items: int, *, item9: int | None = None) -> list[int]:
    """Answers adding up to ``total``, filling from the first item (item 9 fixed if given)."""
    answers = [0] * items
    remaining = total - (item9 or 0)
    last = items - 1 if item9 is not None else items
    for i in range(last):
        answers[i] = min(3, remaining)
        remaining -= answers[i]
    if item9 is not None:
        answers[8] = item9
    assert remaining == 0 and sum(answers) == total
    return answers


@pytest.mark.parametrize(("total", "band"), PHQ9_BANDS)
def test_phq9_band_boundaries(total: int, band: str) -> None:
    assert checkins.band("phq9", total) == band


@pytest.mark.parametrize(("total", "band"), GAD7_BANDS)
def test_gad7_band_boundaries(total: int, band: str) -> None:
    assert checkins.band("gad7", total) == band


@pytest.mark.parametrize(("key", "total"), [("phq9", -1), ("phq9", 28), ("gad7", 22)])
def test_totals_outside_the_form_are_refused(key: str, total: int) -> None:
    with pytest.raises(InvalidInput):
        checkins.band(key, total)


def test_every_total_has_exactly_the_published_band() -> None:
    expected = dict(PHQ9_BANDS)
    for total in range(28):
        low = max(t for t in expected if t <= total)
        assert checkins.band("phq9", total) == expected[low]


def test_published_wording() -> None:
    assert len(checkins.PHQ9.items) == 9
    assert len(checkins.GAD7.items) == 7
    assert checkins.PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert checkins.PHQ9.items[8] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert checkins.GAD7.items[0] == "Feeling nervous, anxious or on edge"
    assert checkins.GAD7.items[6] == "Feeling afraid as if something awful might happen"
    assert checkins.PHQ9.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert checkins.ANSWER_LABELS == (
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    )
    assert checkins.PHQ9.max_total == 27
    assert checkins.GAD7.max_total == 21


@pytest.mark.parametrize(
    ("key", "total", "band"),
    [("phq9", t, b) for t, b in PHQ9_BANDS] + [("gad7", t, b) for t, b in GAD7_BANDS],
)
def test_cli_scores_and_bands_at_every_boundary(key: str, total: int, band: str) -> None:
    items = 9 if key == "phq9" else 7
    # item 9 stays 0 where the total allows it, so this test is about the bands only
    answers = answers_for(total, items, item9=0 if key == "phq9" and total <= 24 else None)
    result = invoke("checkin", key, "--answers", ",".join(map(str, answers)), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["instrument"] == key
    assert data["total"] == total
    assert data["band"] == band
    assert data["answers"] == answers
    assert data["taken_at"] == "2026-11-20T21:30:00+00:00"
    assert "not a diagnosis" in result.stderr


def test_table_output_says_self_report_and_carries_the_attribution() -> None:
    result = invoke("checkin", "gad7", "--answers", "1 2 1 0 0 1 1")
    assert result.exit_code == 0
    assert result.stdout == (
        f"GAD-7: 6 of 21 · mild\n{checkins.NOT_A_DIAGNOSIS}\n{checkins.ATTRIBUTION}\n"
    )
    assert result.stderr == "Saved check-in 1 (GAD-7).\n"


def test_item9_above_zero_shows_support_after_saving_whatever_the_total(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WORKJOURNAL_REGION", "UK")
    result = invoke("checkin", "phq9", "--answers", "0,0,0,0,0,0,0,0,1")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "PHQ-9: 1 of 27 · minimal · question 9: several days — see below\n"
    )
    saved, _, note = result.stderr.partition("\n\n")
    assert saved == "Saved check-in 1 (PHQ-9)."
    assert note.startswith(ITEM9_OPENING + "\nIf you want support right now:\n")
    assert "Samaritans: call 116 123" in note
    assert note.count(ITEM9_OPENING) == 1
    history = json.loads(invoke("checkin", "history", "-f", "json").stdout)
    assert [row["answers"][8] for row in history] == [1]


def test_no_support_note_when_item9_is_zero_even_with_a_high_total() -> None:
    high = invoke("checkin", "phq9", "--answers", "3,3,3,3,3,3,3,3,0")
    assert high.exit_code == 0
    assert high.stderr == "Saved check-in 1 (PHQ-9).\n"
    gad = invoke("checkin", "gad7", "--answers", "3,3,3,3,3,3,3")
    assert gad.stderr == "Saved check-in 2 (GAD-7).\n"


@pytest.mark.parametrize(
    "answers", ["0,0,0", "0,0,0,0,0,0,0,0,0,0", "0,0,0,0,0,0,0,0,4", "a,0,0,0,0,0,0,0,0", ""]
)
def test_bad_answers_are_usage_errors_and_nothing_is_saved(answers: str, db_path: Path) -> None:
    result = invoke("checkin", "phq9", "--answers", answers)
    assert result.exit_code == 2
    assert "--answers" in result.stderr
    assert result.stdout == ""
    assert not db_path.exists()


def test_interactive_prompts_on_stderr_and_retries_bad_answers() -> None:
    typed = "0\n1\nmaybe\n2\n3\n0\n1\n2\n3\n"  # one bad answer, then seven more
    result = invoke("checkin", "gad7", input=typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("GAD-7: 9 of 21 · mild\n")  # 0+1+2+3+0+1+2
    assert checkins.GAD7.stem in result.stderr
    for item in checkins.GAD7.items:
        assert item in result.stderr
    assert "0 Not at all, 1 Several days, 2 More than half the days, 3 Nearly every day" in (
        result.stderr
    )
    assert "Please type a number from 0 to 3" in result.stderr
    assert (result.stdout + result.stderr).count(checkins.ATTRIBUTION) == 1
    data = json.loads(invoke("checkin", "history", "-f", "json").stdout)
    assert data[0]["answers"] == [0, 1, 2, 3, 0, 1, 2]


def test_interactive_item9_shows_the_note() -> None:
    result = invoke("checkin", "phq9", input="0\n0\n0\n0\n0\n0\n0\n0\n2\n")
    assert result.exit_code == 0
    assert ITEM9_OPENING in result.stderr


def test_stopping_midway_saves_no_checkin_and_keeps_a_draft(db_path: Path) -> None:
    result = invoke("checkin", "phq9", input="1\n2\n")
    assert result.exit_code == 130
    assert "Kept what you wrote as a draft." in result.stderr
    assert result.stdout == ""
    assert invoke("checkin", "history", "--format", "json").stdout == "[]\n"
    drafts = json.loads(invoke("drafts", "--format", "json").stdout)
    assert [d["fields"] for d in drafts] == [{"instrument": "phq9", "answers": [1, 2]}]


def test_stopping_before_the_first_answer_saves_nothing(db_path: Path) -> None:
    result = invoke("checkin", "phq9", input="")
    assert result.exit_code == 1
    assert "nothing was saved" in result.stderr
    assert invoke("drafts", "--format", "json").stdout == "[]\n"


def test_history_shows_change_from_first_and_previous_per_form(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for day, key, answers in [
        ("2026-10-01", "phq9", "3,3,2,2,1,1,0,0,0"),  # 12
        ("2026-10-15", "gad7", "2,2,2,2,0,0,0"),  # 8
        ("2026-10-29", "phq9", "2,2,2,1,1,0,0,0,0"),  # 8
        ("2026-11-12", "phq9", "2,2,2,2,1,0,0,0,0"),  # 9
        ("2026-11-13", "gad7", "1,1,1,0,0,0,0"),  # 3
    ]:
        assert invoke("checkin", key, "--answers", answers, "--at", day).exit_code == 0
    rows = json.loads(invoke("checkin", "history", "-f", "json").stdout)
    assert [(r["instrument"], r["total"]) for r in rows] == [
        ("phq9", 12),
        ("gad7", 8),
        ("phq9", 8),
        ("phq9", 9),
        ("gad7", 3),
    ]
    assert [r["change_from_first"] for r in rows] == [None, None, -4, -3, -5]
    assert [r["change_from_previous"] for r in rows] == [None, None, -4, 1, -5]
    table = invoke("checkin", "history")
    assert table.exit_code == 0
    assert "12/27" in table.stdout and "3/21" in table.stdout
    assert "not a diagnosis" in table.stdout


def test_history_without_checkins() -> None:
    invoke("add", "first", "-m", "5")
    result = invoke("checkin", "history")
    assert result.exit_code == 0
    assert result.stdout.startswith("No check-ins yet.")
