"""Homework: add, done, list (with this week's progress), close; and the pure progress report."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.models import Homework, HomeworkLog
from workjournal.reports.homework import homework_progress, prorated_target

NOW = "2026-11-20T21:30:00+00:00"  # a Friday; Europe/London is UTC+0 in November


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", NOW)


def listed(*extra: str) -> list[dict[str, object]]:
    result = invoke("homework", "list", "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def test_add_confirms_on_stderr_and_lists_as_json() -> None:
    added = invoke(
        "homework", "add", "Exposure: call a friend", "--per-week", "3", "--until", "2026-12-18"
    )
    assert added.exit_code == 0, added.stderr
    assert added.stdout == ""
    assert added.stderr == (
        "Added homework 1: Exposure: call a friend · 3 times a week · "
        "until Fri 18 Dec 2026 · set by your therapist.\n"
    )
    daily = invoke("homework", "add", "Breathing", "--daily", "--self", "--note", "box breathing")
    assert daily.stderr == "Added homework 2: Breathing · daily · set by you.\n"
    [first, second] = listed()
    assert first["id"] == 1
    assert first["per_week"] == 3
    assert first["until"] == "2026-12-18"
    assert first["set_by"] == "therapist"
    assert first["active"] is True
    assert first["done_this_week"] == 0
    assert first["last_done"] is None
    assert second["per_week"] == 7
    assert second["set_by"] == "self"
    assert second["note"] == "box breathing"


def test_done_logs_ratings_and_partial_counts_as_done() -> None:
    invoke("homework", "add", "Walk", "--per-week", "5")
    done = invoke("homework", "done", "1", "--rating", "7", "--before", "6", "--after", "2")
    assert done.exit_code == 0, done.stderr
    assert done.stderr.startswith("Logged homework 1 (Walk) · Fri 20 Nov 2026 21:30.")
    part = invoke("homework", "done", "1", "--at", "2026-11-20 08:00", "--partial")
    assert "partly done" in part.stderr
    [walk] = listed()
    assert walk["done_this_week"] == 2
    assert walk["partial_this_week"] == 1
    assert walk["mean_rating"] == 7.0
    assert walk["mean_distress_before"] == 6.0
    assert walk["mean_distress_after"] == 2.0
    assert walk["last_done"] == "2026-11-20T21:30:00+00:00"
    table = invoke("homework", "list")
    assert table.exit_code == 0
    # Set on Friday: 3 days of the week left, 5 a week -> 2 asked for; 1 of the 2 was partial.
    assert "2 of 2 (1 partial)" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("done", "9"), "there is no homework 9"),
        (("close", "9"), "there is no homework 9"),
    ],
)
def test_unknown_id_is_a_clear_error(args: tuple[str, ...], message: str) -> None:
    invoke("homework", "add", "Walk")
    result = invoke("homework", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {message}.")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("add", "Walk", "--per-week", "0"), "--per-week"),
        (("add", "Walk", "--per-week", "51"), "--per-week"),
        (("add", "Walk", "--daily", "--per-week", "3"), "--daily"),
        (("add", "Walk", "--until", "2026-11-01"), "--until"),
        (("add", "Walk", "--until", "someday"), "--until"),
        (("add", "   "), "TITLE"),
        (("done", "1", "--rating", "11"), "--rating"),
        (("done", "1", "--before", "-1"), "--before"),
    ],
)
def test_bad_values_are_usage_errors_and_write_nothing(
    args: tuple[str, ...], hint: str, db_path: Path
) -> None:
    result = invoke("homework", *args)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert not db_path.exists()


def test_close_hides_from_list_but_all_shows_it() -> None:
    invoke("homework", "add", "Walk")
    invoke("homework", "add", "Read")
    closed = invoke("homework", "close", "1")
    assert closed.exit_code == 0
    assert closed.stderr == "Closed homework 1 (Walk). What you logged stays in your journal.\n"
    assert [h["id"] for h in listed()] == [2]
    everything = listed("--all")
    assert [(h["id"], h["active"]) for h in everything] == [(1, False), (2, True)]
    again = invoke("homework", "close", "1")
    assert again.exit_code == 1
    assert "already closed" in again.stderr


def test_list_without_a_journal_is_a_clear_error(db_path: Path) -> None:
    result = invoke("homework", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no journal")
    assert not db_path.exists()


def test_weekly_progress_across_a_week_boundary(
    monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-09T09:00:00+00:00")  # Monday
    invoke("homework", "add", "Walk", "--daily")
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-23T12:00:00+00:00")  # Monday after
    for at in (
        "2026-11-22 23:30",  # Sunday late: last week
        "2026-11-23 00:30",  # Monday just after midnight: this week
        # 23:30 on Sunday where it was lived (UTC-5), though Monday 04:30 in UTC:
        "2026-11-22T23:30:00-05:00",
    ):
        assert invoke("homework", "done", "1", "--at", at).exit_code == 0
    [walk] = listed()
    assert walk["done_this_week"] == 1
    assert walk["target"] == 7
    # The latest moment, shown in the offset it was lived in (04:30 UTC is after 00:30 UTC).
    assert walk["last_done"] == "2026-11-22T23:30:00-05:00"

    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-22T23:59:00+00:00")  # still Sunday
    [walk] = listed()
    assert walk["done_this_week"] == 2

    config = isolated / "home" / ".config" / "workjournal"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('week_start = "sunday"\n')
    monkeypatch.setenv("WORKJOURNAL_NOW", "2026-11-23T12:00:00+00:00")
    [walk] = listed()  # the week now runs Sunday 22 to Saturday 28
    assert walk["done_this_week"] == 3


# -- the pure report -------------------------------------------------------------------------

LONDON = timezone(timedelta(0))


def hw(
    hw_id: int = 1,
    *,
    per_week: int | None = 3,
    created: date = date(2026, 11, 1),
    until: date | None = None,
    closed: date | None = None,
) -> Homework:
    return Homework(
        id=hw_id,
        uuid=f"h{hw_id}",
        title=f"homework {hw_id}",
        per_week=per_week,
        until=until,
        note="",
        set_by="therapist",
        created_at=datetime(created.year, created.month, created.day, 9, tzinfo=UTC),
        closed_at=(
            None if closed is None else datetime(closed.year, closed.month, closed.day, tzinfo=UTC)
        ),
    )


def log(day: date, *, hw_id: int = 1, partial: bool = False, log_id: int = 0) -> HomeworkLog:
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)
    return HomeworkLog(
        id=log_id,
        uuid=str(log_id),
        homework_id=hw_id,
        done_at=moment,
        created_at=moment,
        partial=partial,
    )


WEEK = {"week_start_date": date(2026, 11, 16), "week_end_date": date(2026, 11, 22)}


def test_progress_counts_each_completion_and_partials_separately() -> None:
    logs = [
        log(date(2026, 11, 15)),  # the Sunday before: not this week
        log(date(2026, 11, 16), log_id=1),
        log(date(2026, 11, 16), log_id=2, partial=True),
        log(date(2026, 11, 22), log_id=3),
        log(date(2026, 11, 23), log_id=4),  # the Monday after
    ]
    [p] = homework_progress([hw()], logs, **WEEK)
    assert (p.done, p.partial, p.days_done, p.target) == (3, 1, 2, 3)
    assert p.met
    assert p.summary() == "3 of 3 (1 partial)"
    assert p.last_done is not None and p.last_done.date() == date(2026, 11, 22)


def test_progress_prorates_the_target_to_the_days_open() -> None:
    thursday = date(2026, 11, 19)
    [daily, weekly] = homework_progress(
        [hw(1, per_week=7, created=thursday), hw(2, per_week=5, closed=date(2026, 11, 17))],
        [],
        **WEEK,
    )
    assert daily.target == 4  # Thursday to Sunday
    assert weekly.target == 1  # open Monday and Tuesday: 5 * 2/7 rounds to 1
    assert not weekly.active
    assert daily.summary() == "0 of 4"


def test_progress_skips_assignments_not_open_that_week_unless_asked() -> None:
    old = hw(1, until=date(2026, 11, 10))
    later = hw(2, created=date(2026, 11, 30))
    assert homework_progress([old, later], [], **WEEK) == ()
    kept = homework_progress([old, later], [], **WEEK, keep_all=True)
    assert [p.homework.id for p in kept] == [1, 2]
    assert [p.target for p in kept] == [0, 0]


def test_progress_without_a_target() -> None:
    [p] = homework_progress([hw(per_week=None)], [log(date(2026, 11, 18))], **WEEK)
    assert p.target is None
    assert p.summary() == "1 time"
    [none] = homework_progress([hw(per_week=None)], [], **WEEK)
    assert none.summary() == "not yet"


@pytest.mark.parametrize(
    ("per_week", "days", "target"),
    [(None, 7, None), (3, 0, 0), (3, 7, 3), (3, 14, 6), (7, 3, 3), (1, 1, 1), (5, 2, 1), (2, 4, 1)],
)
def test_prorated_target(per_week: int | None, days: int, target: int | None) -> None:
    assert prorated_target(per_week, days) == target
