"""A realistic sample journal for newcomers: several weeks of moods, recurring triggers,
emotions and coping, generated deterministically from a seed. Pure: no I/O, no clock."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from workjournal.clock import localize
from workjournal.models import Emotion, NewEntry, NewHomework, NewThoughtRecord

_MOMENTS = [
    # (text, base mood, triggers, tags, emotions, coping)
    (
        "Stand-up ran long and my manager questioned my estimate in front of everyone.",
        4,
        ("work", "criticism"),
        ("office",),
        (("anxious", 60), ("embarrassed", 50)),
        ("box breathing",),
    ),
    (
        "Inbox at 140 unread after lunch. Felt the familiar tightness in my chest.",
        4,
        ("work", "deadlines"),
        ("office",),
        (("overwhelmed", 70),),
        ("made a list",),
    ),
    (
        "Mum called about Christmas plans and it turned into the old argument.",
        3,
        ("family",),
        ("phone",),
        (("angry", 65), ("guilty", 40)),
        ("walk",),
    ),
    (
        "Couldn't sleep until 2am, replaying the conversation.",
        3,
        ("sleep", "rumination"),
        ("home",),
        (("anxious", 55), ("tired", 80)),
        ("wrote it down",),
    ),
    (
        "Crowded train, someone shouted. Heart racing for ten minutes.",
        3,
        ("commute", "crowds"),
        ("train",),
        (("scared", 60),),
        ("grounding 5-4-3-2-1",),
    ),
    (
        "Skipped the gym and then felt like I'd ruined the whole week.",
        4,
        ("all-or-nothing thinking",),
        ("home",),
        (("ashamed", 45),),
        ("self-compassion break",),
    ),
    (
        "Long walk by the river with Sam. Laughed properly for the first time in days.",
        8,
        (),
        ("outdoors", "sam"),
        (("calm", 70), ("grateful", 60)),
        ("walk", "time with friends"),
    ),
    (
        "Cooked a proper dinner and ate it at the table, not at my desk.",
        7,
        (),
        ("home",),
        (("content", 60),),
        ("cooking",),
    ),
    (
        "Finished the report a day early. Noticed I didn't celebrate at all.",
        6,
        ("work",),
        ("office",),
        (("relieved", 60),),
        ("told a friend",),
    ),
    (
        "Therapy homework: did the thought record about the meeting. It helped a bit.",
        6,
        ("work",),
        ("home",),
        (("hopeful", 40),),
        ("thought record",),
    ),
    (
        "Money worries when the rent went out. Checked the account three times.",
        3,
        ("money",),
        ("home",),
        (("anxious", 75),),
        ("budget plan",),
    ),
    (
        "Yoga class. Mind wandered a lot but I stayed for the whole thing.",
        7,
        (),
        ("gym",),
        (("calm", 55),),
        ("yoga", "breathing"),
    ),
    (
        "Scrolled social media for an hour and felt worse about everything.",
        4,
        ("social media", "comparison"),
        ("home",),
        (("sad", 50), ("envious", 40)),
        ("put the phone in another room",),
    ),
    (
        "Quiet morning, coffee and a book before anyone else was up.",
        8,
        (),
        ("home",),
        (("peaceful", 70),),
        ("reading",),
    ),
]


def sample_entries(*, now: datetime, tz: tzinfo, weeks: int, seed: int = 7) -> list[NewEntry]:
    """About two entries a day for ``weeks`` weeks up to ``now``, with a mood that dips on
    workdays and lifts at weekends, so the reports have patterns to find."""
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    today = now.astimezone(tz).date()
    first = today - timedelta(weeks=weeks) + timedelta(days=1)
    entries: list[NewEntry] = []
    day: date = first
    while day <= today:
        weekend = day.weekday() >= 5
        # Showing up is uneven in real life: some days nothing is logged.
        count = rng.choices((0, 1, 2, 3), weights=(2, 4, 3, 1) if not weekend else (3, 4, 2, 1))[0]
        hours = sorted(rng.sample(range(7, 23), count))
        for hour in hours:
            pool = [
                m for m in _MOMENTS if (m[1] >= 6) == (rng.random() < (0.6 if weekend else 0.35))
            ]
            text, base, triggers, tags, emotions, coping = rng.choice(pool or _MOMENTS)
            mood = max(2, min(10, base + rng.choice((-1, 0, 0, 1))))
            moment = localize(datetime.combine(day, time(hour, rng.randrange(60))), tz)
            if moment > now:
                continue
            entries.append(
                NewEntry(
                    occurred_at=moment,
                    text=text,
                    mood=mood,
                    triggers=triggers,
                    tags=tags,
                    emotions=tuple(
                        Emotion(name, max(0, min(100, level + rng.randrange(-15, 16))))
                        for name, level in emotions
                    ),
                    coping=coping if rng.random() < 0.8 else (),
                    discuss=mood <= 3 and rng.random() < 0.3,
                    private="argument" in text and rng.random() < 0.5,
                )
            )
        day += timedelta(days=1)
    return entries


@dataclass(frozen=True)
class SampleWork:
    """The between-session work of the sample journal."""

    homework: tuple[tuple[NewHomework, tuple[tuple[datetime, int, bool], ...]], ...]
    sessions: tuple[tuple[datetime, str], ...]
    checkins: tuple[tuple[str, tuple[int, ...], datetime], ...]
    thought_records: tuple[NewThoughtRecord, ...]


def sample_work(*, now: datetime, tz: tzinfo, weeks: int, seed: int = 7) -> SampleWork:
    """Homework done on most days, a session every two weeks, check-ins that ease a little,
    and one thought record: enough for `journal week`, `prep` and `checkin history`."""
    rng = random.Random(seed + 1)  # noqa: S311 - sample data, not secrets
    today = now.astimezone(tz).date()
    first = today - timedelta(weeks=weeks) + timedelta(days=1)

    def at(day: date, hour: int) -> datetime:
        return min(localize(datetime.combine(day, time(hour, 0)), tz), now)

    days = [first + timedelta(days=i) for i in range((today - first).days + 1)]
    breathing = tuple((at(day, 8), rng.randint(5, 8), False) for day in days if rng.random() < 0.7)
    walks = tuple(
        (at(day, 18), rng.randint(6, 9), rng.random() < 0.2) for day in days if rng.random() < 0.4
    )
    sessions = tuple(
        (at(day, 16), "Talked about work stress and the all-or-nothing thinking.")
        for day in days[::14][1:]
    )
    checkins = tuple(
        (instrument, answers, at(day, 20))
        for day, phq, gad in zip(
            days[::14],
            ((2, 2, 2, 1, 1, 2, 1, 1, 0), (1, 2, 1, 1, 1, 1, 1, 0, 0), (1, 1, 1, 1, 0, 1, 1, 0, 0)),
            ((2, 2, 2, 1, 1, 2, 1), (2, 1, 1, 1, 1, 1, 1), (1, 1, 1, 1, 0, 1, 1)),
            strict=False,
        )
        for instrument, answers in (("phq9", phq), ("gad7", gad))
    )
    thought = NewThoughtRecord(
        occurred_at=at(days[len(days) // 2], 21),
        situation="My manager questioned my estimate in stand-up.",
        emotions_before=(Emotion("anxious", 80), Emotion("embarrassed", 60)),
        automatic_thought="Everyone thinks I'm incompetent.",
        evidence_for="She asked twice whether I was sure.",
        evidence_against="She asks everyone that, and she gave me the project last month.",
        balanced_thought="She was checking the plan, not judging me.",
        emotions_after=(Emotion("anxious", 40), Emotion("embarrassed", 20)),
    )
    return SampleWork(
        homework=(
            (NewHomework("Box breathing, 5 minutes", per_week=7, set_by="self"), breathing),
            (NewHomework("Evening walk without my phone", per_week=3), walks),
        ),
        sessions=sessions,
        checkins=checkins,
        thought_records=(thought,),
    )
