"""The weekly review: a week seen with curiosity instead of judgment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workjournal.checkins import checkin_suggestion
from workjournal.models import Entry
from workjournal.reports.common import MoodStats
from workjournal.reports.homework import HomeworkProgress
from workjournal.reports.summary import PeriodSummary, in_period, period_summary

if TYPE_CHECKING:
    from workjournal.reports.card import CardWeek
    from workjournal.reports.work import ConversationSummary, PracticeSummary

EMPTY_WEEK = (
    "Nothing logged this week yet — that's okay. Whenever you're ready, `journal add` "
    "captures a moment; even a single word counts."
)
CLOSING_QUESTION = "What do you notice? What would you like to bring to your next session?"


@dataclass(frozen=True)
class Glimpse:
    """One moment of the week: when, how it felt and its text (a private entry's text is shown
    only in the terminal; the renderer decides)."""

    id: int
    occurred_at: datetime
    mood: int
    text: str
    private: bool

    @classmethod
    def of(cls, entry: Entry) -> Glimpse:
        assert entry.mood is not None
        return cls(entry.id, entry.occurred_at, entry.mood, entry.text, entry.private)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "occurred_at": self.occurred_at.isoformat(timespec="seconds"),
            "mood": self.mood,
            "text": self.text,
            "private": self.private,
        }


@dataclass(frozen=True)
class WeekReview:
    """The week from ``summary.start`` (7 local days), its lowest and highest mood, the mean
    mood of the week before, the homework open or done during the week, and at most one gentle
    check-in suggestion (see :func:`week_checkin_suggestion`)."""

    summary: PeriodSummary
    previous_mean: float | None
    hardest: Glimpse | None
    best: Glimpse | None
    homework: tuple[HomeworkProgress, ...] = ()
    checkin_suggestion: str | None = None
    days_so_far: int = 7
    card: CardWeek | None = None  # the week's diary cards, when any was filled in
    practice: PracticeSummary | None = None
    reflections: int = 0
    conversations: ConversationSummary | None = None

    @property
    def start(self) -> date:
        return self.summary.start

    @property
    def end(self) -> date:
        return self.summary.end

    @property
    def change(self) -> float | None:
        """The week's mean mood minus the previous week's."""
        if self.summary.mood.mean is None or self.previous_mean is None:
            return None
        return round(self.summary.mood.mean - self.previous_mean, 2)

    @property
    def consistency(self) -> str:
        """``logged 5 of 7 days``, or ``logged 3 of the 3 days so far`` mid-week."""
        if self.days_so_far < 7:
            return f"logged {self.summary.days_logged} of the {self.days_so_far} days so far"
        return f"logged {self.summary.days_logged} of 7 days"

    @property
    def is_empty(self) -> bool:
        return self.summary.entries == 0

    def to_json(self) -> dict[str, Any]:
        s = self.summary
        return {
            "start": s.start.isoformat(),
            "end": s.end.isoformat(),
            "entries": s.entries,
            "days_logged": s.days_logged,
            "days_so_far": self.days_so_far,
            "written_late": s.written_late,
            "mood": {
                "mean": s.mood.mean,
                "min": s.mood.min,
                "max": s.mood.max,
                "previous_mean": self.previous_mean,
                "by_day": [d.to_json() for d in s.daily],
            },
            "hardest": self.hardest.to_json() if self.hardest else None,
            "best": self.best.to_json() if self.best else None,
            "triggers": [t.to_json() for t in s.triggers],
            "emotions": [e.to_json() for e in s.emotions],
            "coping": [c.to_json() for c in s.coping],
            "discuss": list(s.discuss),
            "homework": [p.to_json() for p in self.homework],
            "checkin_suggestion": self.checkin_suggestion,
            "practice": None if self.practice is None else self.practice.to_json(),
            "reflections": self.reflections,
            "conversations": None if self.conversations is None else self.conversations.to_json(),
            "diary_card": None
            if self.card is None
            else {"filled": self.card.filled, "highest_urges": self.card.highest_urges()},
        }

    def work_lines(self) -> list[str]:
        """Practice, reflection and conversations: what was done, never what was not."""
        lines = []
        if self.practice is not None and self.practice.count:
            names = ", ".join(f"{b.name} {b.minutes} min" for b in self.practice.by_name)
            lines.append(f"You {self.practice.summary()} ({names}).")
        if self.reflections:
            s = "s" if self.reflections != 1 else ""
            lines.append(f"You wrote {self.reflections} reflection{s}.")
        c = self.conversations
        if c is not None and (c.planned or c.held):
            lines.append(f"Hard conversations: {c.planned} planned, {c.held} held.")
        return lines

    def card_lines(self) -> list[str]:
        """The diary card in the review: how many days it was filled in, the strongest urges."""
        if self.card is None:
            return []
        lines = [f"Diary card: {self.card.filled} of 7 days."]
        urges = self.card.highest_urges()
        if urges:
            lines.append(
                "Highest urges: " + ", ".join(f"{name} {value}" for name, value in urges.items())
            )
        return lines


def week_bounds(start: date) -> tuple[date, date]:
    return start, start + timedelta(days=6)


def week_checkin_suggestion(
    summary: PeriodSummary, *, last_checkin_at: datetime | None, now: datetime
) -> str | None:
    """One gentle line offering a PHQ-9 or GAD-7, or None. Offered only in a review read now
    (this week or the one before, not a week long past or to come), only for a week with
    entries (an empty week already gets its own kind word), and only when the last check-in is
    more than 14 days before ``now`` or there has never been one. It is one line in the review,
    never a prompt and never repeated."""
    today = now.date()
    if summary.entries == 0 or summary.start > today:
        return None
    if summary.end < today - timedelta(days=7):
        return None
    return checkin_suggestion(last_checkin_at, now=now)


def weekly_review(
    entries: Iterable[Entry],
    *,
    start: date,
    first_weekday: int = 0,
    homework: Iterable[HomeworkProgress] = (),
    last_checkin_at: datetime | None = None,
    now: datetime | None = None,
    card: CardWeek | None = None,
    practice: PracticeSummary | None = None,
    reflections: int = 0,
    conversations: ConversationSummary | None = None,
) -> WeekReview:
    """The review of the 7 days from ``start``. ``entries`` may hold more (the caller passes a
    window a little wider than the week, and the week before for ``previous_mean``): each entry
    is placed by its own local day. ``homework``: the week's progress
    (:func:`~workjournal.reports.homework.homework_progress` over the same 7 days). ``now``
    (in the person's time zone) enables the check-in suggestion and counts the days of the week
    lived so far, so a Wednesday review says "3 of 3 days so far", not "3 of 7"."""
    pool = list(entries)
    end = start + timedelta(days=6)
    summary = period_summary(pool, start=start, end=end, first_weekday=first_weekday)
    previous = in_period(pool, start - timedelta(days=7), start - timedelta(days=1))
    week = [e for e in in_period(pool, start, end) if e.mood is not None]
    hardest = min(week, key=lambda e: (e.mood, e.occurred_at), default=None)
    best = max(week, key=lambda e: (e.mood, -e.occurred_at.timestamp()), default=None)
    if hardest is not None and best is not None and best.mood == hardest.mood:
        best = None  # one mood all week: a single moment says it
    return WeekReview(
        summary=summary,
        previous_mean=MoodStats.of(previous).mean,
        hardest=Glimpse.of(hardest) if hardest else None,
        best=Glimpse.of(best) if best else None,
        homework=tuple(homework),
        card=card,
        practice=practice,
        reflections=reflections,
        conversations=conversations,
        days_so_far=7 if now is None else max(0, min(7, (now.date() - start).days + 1)),
        checkin_suggestion=(
            None
            if now is None
            else week_checkin_suggestion(summary, last_checkin_at=last_checkin_at, now=now)
        ),
    )
