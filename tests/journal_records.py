"""Homework, a session, a thought record and check-ins for export tests, written as plain SQL rows
the way migration m001 defines them (the features that write them live on another branch)."""

from __future__ import annotations

from pathlib import Path

from workjournal.store import open_store


def seed_other_records(db_path: Path) -> None:
    """Homework, a session, a thought record and a check-in, written as plain SQL rows the way
    the homework/session features store them (migration m001)."""
    with open_store(db_path, create=True) as store, store.write():
        conn = store.conn
        conn.execute(
            "INSERT INTO homework (uuid, title, per_week, note, set_by, created_utc, "
            "created_offset) VALUES ('11111111-1111-4111-8111-111111111111', 'Breathing', 5, "
            "'homework secret note', 'therapist', '2026-11-01T10:00:00+00:00', 0)"
        )
        conn.execute(
            "INSERT INTO homework_log (uuid, homework_id, done_utc, done_offset, created_utc, "
            "rating, distress_before, distress_after, note) VALUES "
            "('22222222-2222-4222-8222-222222222222', 1, '2026-11-10T08:00:00+00:00', 0, "
            "'2026-11-10T08:05:00+00:00', 7, 6, 3, 'log secret note')"
        )
        conn.execute(
            "INSERT INTO sessions (uuid, at_utc, at_offset, created_utc, note) VALUES "
            "('33333333-3333-4333-8333-333333333333', '2026-11-12T15:00:00+00:00', 0, "
            "'2026-11-12T16:00:00+00:00', 'session secret note')"
        )
        conn.execute(
            "INSERT INTO thought_records (uuid, occurred_utc, occurred_offset, created_utc, "
            "situation, emotions_before, automatic_thought, evidence_for, evidence_against, "
            "balanced_thought, emotions_after) VALUES ('44444444-4444-4444-8444-444444444444', "
            "'2026-11-13T19:00:00+00:00', 0, '2026-11-13T19:30:00+00:00', 'thought situation', "
            "'[{\"name\": \"anxious\", \"intensity\": 80}]', 'thought automatic', 'thought for', "
            "'thought against', 'thought balanced', '[{\"name\": \"anxious\", \"intensity\": 40}]')"
        )
        conn.execute(
            "INSERT INTO checkins (uuid, instrument, taken_utc, taken_offset, created_utc, "
            "answers, total) VALUES ('55555555-5555-4555-8555-555555555555', 'phq9', "
            "'2026-11-14T09:00:00+00:00', 0, '2026-11-14T09:00:00+00:00', "
            "'[1, 1, 2, 1, 0, 1, 1, 0, 0]', 7)"
        )


def add_checkin(db_path: Path, uuid: str, taken_utc: str, answers: list[int]) -> None:
    import json

    with open_store(db_path, create=True) as store, store.write():
        store.conn.execute(
            "INSERT INTO checkins (uuid, instrument, taken_utc, taken_offset, created_utc, "
            "answers, total) VALUES (?, 'phq9', ?, 0, ?, ?, ?)",
            (uuid, taken_utc, taken_utc, json.dumps(answers), sum(answers)),
        )
