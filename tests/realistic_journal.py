"""A realistic two weeks (17 Nov - 1 Dec 2026) as a new user would log them: 22 entries, 3
homework assignments with completions, 3 check-ins, 1 thought record and the session that
starts the period, for the therapist-export and gathering tests."""

from __future__ import annotations

from pathlib import Path

from helpers import invoke
from journal_records import add_checkin
from workjournal.store import open_store

NOW = "2026-12-01T18:00:00+00:00"
SESSION = "2026-11-17 10:00"
# (day of November or December as "MM-DD HH:MM", mood, triggers, extra flags, text)
ENTRIES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("11-17 12:30", "5", ("work",), (), "Back from the session, tired but hopeful."),
    ("11-17 21:00", "4", ("work", "sleep"), ("-e", "anxious:60"), "Could not stop replaying it."),
    ("11-18 08:15", "6", (), ("-c", "walk"), "Walked to work, felt lighter."),
    (
        "11-18 19:40",
        "3",
        ("family",),
        ("--discuss", "-e", "angry:70"),
        "Argument with my brother about mum's care. I said things I regret and then went quiet "
        "for the rest of the evening; I want to understand why this keeps happening.",
    ),
    ("11-19 09:00", "6", ("work",), (), "Meeting went fine."),
    ("11-20 22:10", "4", ("sleep",), ("-e", "sad:50"), "Lying awake again."),
    ("11-21 11:00", "7", (), ("-c", "friends"), "Coffee with Ana."),
    ("11-22 15:00", "8", (), ("-c", "walk"), "Long walk by the river."),
    ("11-23 18:30", "5", ("work",), (), "Sunday dread."),
    ("11-24 08:50", "4", ("work", "sleep"), ("-e", "anxious:70"), "Deadline moved up."),
    ("11-24 20:00", "5", ("family",), (), "Called mum."),
    ("11-25 13:00", "3", ("work",), ("--discuss",), "Froze in the team meeting.\nAgain."),
    ("11-25 21:30", "5", (), ("-c", "breathing"), "Did the breathing, it helped a bit."),
    ("11-26 10:00", "6", (), (), "Better morning."),
    ("11-27 19:00", "7", ("family",), ("-c", "friends"), "Dinner with my sister, nice."),
    ("11-28 12:00", "8", (), ("-c", "walk"), "Sunny Saturday."),
    ("11-29 17:00", "6", ("work",), (), "Preparing for Monday, calmer than last week."),
    ("11-30 09:00", "5", ("work", "sleep"), (), "Short night."),
    ("11-30 18:00", "6", (), ("-c", "breathing"), "Practised before dinner."),
    ("12-01 08:30", "5", ("work",), (), "Monday."),
    ("12-01 12:45", "4", ("work",), ("--discuss",), "Manager asked for the report early."),
    ("12-01 17:30", "6", (), ("-c", "walk"), "Walked home."),
)


def at(when: str) -> str:
    return f"2026-{when}"


def run(*args: str, now: str = NOW) -> None:
    result = invoke(*args, env={"WORKJOURNAL_NOW": now})
    assert result.exit_code == 0, result.stderr


def build(db_path: Path) -> None:
    run("session", "add", SESSION, now="2026-11-17T11:00:00+00:00")
    for when, mood, triggers, extra, text in ENTRIES:
        args = ["add", text, "-m", mood, "--at", at(when), *extra]
        for trigger in triggers:
            args += ["-t", trigger]
        run(*args)
    hw_now = "2026-11-17T11:00:00+00:00"
    run("homework", "add", "Breathing exercise", "--per-week", "5", now=hw_now)
    run("homework", "add", "Thought record after a hard moment", "--per-week", "2", now=hw_now)
    run("homework", "add", "Walk outside", "--daily", "--self", now=hw_now)
    # One breathing session before the session that starts the period: "last done" only.
    run("homework", "done", "1", "--at", "2026-11-17 08:00", "--rating", "6", now=hw_now)
    for day in ("11-19 07:30", "11-25 21:30", "11-30 18:00"):
        run(
            "homework",
            "done",
            "1",
            "--at",
            at(day),
            "--rating",
            "7",
            "--before",
            "6",
            "--after",
            "4",
        )
    run("homework", "done", "2", "--at", "2026-11-25 22:00")
    for day in ("11-18 08:15", "11-22 15:00", "11-28 12:00", "12-01 17:30"):
        run("homework", "done", "3", "--at", at(day))
    add_checkin(
        db_path,
        "a1a1a1a1-0000-4000-8000-000000000001",
        "2026-11-03T09:00:00+00:00",
        [2, 2, 2, 2, 1, 1, 1, 1, 0],
    )
    add_checkin(
        db_path,
        "a1a1a1a1-0000-4000-8000-000000000002",
        "2026-11-17T09:00:00+00:00",
        [2, 2, 1, 2, 1, 1, 1, 0, 1],
    )
    add_checkin(
        db_path,
        "a1a1a1a1-0000-4000-8000-000000000003",
        "2026-11-30T09:00:00+00:00",
        [1, 1, 1, 1, 1, 1, 0, 0, 1],
    )
    with open_store(db_path, create=False) as store, store.write():
        store.conn.execute(
            "INSERT INTO thought_records (uuid, occurred_utc, occurred_offset, created_utc, "
            "situation, emotions_before, automatic_thought, evidence_for, evidence_against, "
            "balanced_thought, emotions_after) VALUES ('b2b2b2b2-0000-4000-8000-000000000001', "
            "'2026-11-25T22:00:00+00:00', 0, '2026-11-25T22:30:00+00:00', "
            "'Froze when asked a question in the team meeting', "
            '\'[{"name": "ashamed", "intensity": 80}]\', \'Everyone thinks I am useless\', '
            "'I did not answer straight away', 'My manager thanked me for the report last week', "
            "'I froze for a moment; that does not make me useless', "
            '\'[{"name": "ashamed", "intensity": 40}]\')'
        )
