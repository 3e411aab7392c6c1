"""Session prep: what happened since the last therapy session, gathered to bring along.

Pure: takes the entries, homework progress, thought records and check-ins of the period (the
caller selects them) and returns a :class:`Prep`; :func:`prep_sections` turns it into titled
lines that the terminal table and the Markdown share, so both say the same thing.

A PHQ-9 whose item 9 was answered above 0 comes first, calmly, so it is not lost at the end.
Private entries and thought records are counted but their text is left out unless asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workjournal import checkins as forms
from workjournal.checkins import checkin_suggestion
from workjournal.clock import format_moment
from workjournal.models import Checkin, Entry, Session, ThoughtRecord, describe_emotion_changes
from workjournal.reports.common import LabelMood, MoodStats, day_of, mean
from workjournal.reports.homework import HomeworkProgress

if TYPE_CHECKING:
    from workjournal.conversations import Conversation
    from workjournal.practice import Practice
    from workjournal.reports.card import CardWeek
from workjournal.reports.summary import PeriodSummary, period_summary
from workjournal.reports.work import (
    ConversationSummary,
    HeldConversation,
    PracticeSummary,
    ReflectionLine,
    ReflectionSummary,
    conversation_summary,
    practice_summary,
    reflection_summary,
)
from workjournal.text import first_line, number, shorten

DEFAULT_DAYS = 14
HARDEST = 3
HARD_MOOD = 5  # the lowest moods shown are those at or below "so-so"
MIN_DAYS = 3  # a mean mood with / without a trigger needs 3 days with it and 3 without
TOP_TRIGGERS = 5
TREND_STEADY = 0.5  # a change in mean mood smaller than this reads as "about the same"
WHAT_I_WANT_TO_BRING_UP = "What I want to bring up"
NO_PRACTICE = PracticeSummary(0, 0, 0, ())
NO_REFLECTIONS = ReflectionSummary(0, ())
NO_CONVERSATIONS = ConversationSummary(0, 0, ())


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Moment:
    """An entry as prep shows it: its text is empty when private and not asked for."""

    id: int
    occurred_at: datetime
    mood: int | None
    triggers: tuple[str, ...]
    text: str
    private: bool

    @classmethod
    def of(cls, entry: Entry, *, include_private: bool) -> Moment:
        hidden = entry.private and not include_private
        return cls(
            id=entry.id,
            occurred_at=entry.occurred_at,
            mood=entry.mood,
            triggers=entry.triggers,
            text="" if hidden else first_line(entry.text, 80),
            private=entry.private,
        )

    def line(self) -> str:
        parts = [f"#{self.id} {self.occurred_at:%a %d %b %H:%M}"]
        if self.mood is not None:
            parts.append(f"mood {self.mood}/10")
        if self.triggers:
            parts.append(", ".join(self.triggers))
        text = self.text or ("(private)" if self.private else "")
        return " · ".join(parts) + (f": {text}" if text else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "occurred_at": _iso(self.occurred_at),
            "mood": self.mood,
            "triggers": list(self.triggers),
            "text": self.text,
            "private": self.private,
        }


@dataclass(frozen=True)
class DayMood:
    """A day with entries as prep shows it (its JSON shape predates the shared
    :class:`workjournal.reports.common.DayMood` it is made from)."""

    day: date
    entries: int
    mean: float | None

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "entries": self.entries, "mean": self.mean}


@dataclass(frozen=True)
class TriggerCount:
    """A top trigger as prep shows it, made from the shared ``LabelMood``."""

    name: str
    entries: int
    mean_mood: float | None
    mean_mood_without: float | None = None
    days_with: int = 0
    days_without: int = 0

    @classmethod
    def of(cls, label: LabelMood) -> TriggerCount:
        return cls(
            label.name,
            label.count,
            label.mean_mood_with,
            label.mean_mood_without,
            label.days_with,
            label.days_without,
        )

    @property
    def compared(self) -> bool:
        """Enough days (3 with it, 3 without: the rule patterns uses) to show the means."""
        return self.days_with >= MIN_DAYS and self.days_without >= MIN_DAYS

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entries": self.entries,
            "mean_mood": self.mean_mood,
            "mean_mood_without": self.mean_mood_without,
            "days_with": self.days_with,
            "days_without": self.days_without,
        }


@dataclass(frozen=True)
class Trend:
    """Mean mood in the first and second half of the days that have one."""

    first_half: float | None
    second_half: float | None

    @property
    def direction(self) -> str | None:
        if self.first_half is None or self.second_half is None:
            return None
        change = self.second_half - self.first_half
        if abs(change) < TREND_STEADY:
            return "about the same"
        return "higher" if change > 0 else "lower"

    def to_json(self) -> dict[str, Any]:
        return {
            "first_half": self.first_half,
            "second_half": self.second_half,
            "direction": self.direction,
        }


@dataclass(frozen=True)
class Prep:
    start: datetime
    end: datetime
    last_session: Session | None
    next_session: Session | None
    item9: tuple[Checkin, ...]
    days_in_period: int
    days_logged: int
    mood: MoodStats
    daily: tuple[DayMood, ...]
    trend: Trend
    hardest: tuple[Moment, ...]
    triggers: tuple[TriggerCount, ...]
    homework: tuple[HomeworkProgress, ...]
    thought_records: tuple[ThoughtRecord, ...]
    checkins: tuple[Checkin, ...]
    discuss: tuple[Moment, ...]
    checkin_suggestion: str | None
    include_private: bool
    cards: tuple[CardWeek, ...] = ()  # each week of the period with a diary card filled in
    # issue 14: what was practised, reflected on and said between sessions (reports/work.py)
    practice: PracticeSummary = NO_PRACTICE
    reflections: ReflectionSummary = NO_REFLECTIONS
    conversations: ConversationSummary = NO_CONVERSATIONS

    def to_json(self) -> dict[str, Any]:
        return {
            # listed first on purpose: see the module docstring
            "phq9_item9": [
                {**c.to_json(), "item9": c.item9, "item9_answer": forms.ANSWER_LABELS[c.item9 or 0]}
                for c in self.item9
            ],
            "start": _iso(self.start),
            "end": _iso(self.end),
            "since": "last session" if self.last_session else f"last {DEFAULT_DAYS} days",
            "last_session": None if self.last_session is None else self.last_session.to_json(),
            "next_session": None if self.next_session is None else self.next_session.to_json(),
            "days_in_period": self.days_in_period,
            "days_logged": self.days_logged,
            "mood": {
                "entries": self.mood.entries,
                "mean": self.mood.mean,
                "min": self.mood.min,
                "max": self.mood.max,
                "trend": self.trend.to_json(),
                "daily": [d.to_json() for d in self.daily],
            },
            "hardest": [m.to_json() for m in self.hardest],
            "triggers": [t.to_json() for t in self.triggers],
            "homework": [p.to_json() for p in self.homework],
            "thought_records": [
                _thought_json(r, self.include_private) for r in self.thought_records
            ],
            "checkins": [c.to_json() for c in self.checkins],
            "discuss": [m.to_json() for m in self.discuss],
            "checkin_suggestion": self.checkin_suggestion,
            "diary_cards": [week.to_json() for week in self.cards],
            "practice": self.practice.to_json(),
            "reflections": [line.to_json() for line in self.reflections.shown],
            "conversations": [c.to_json() for c in self.conversations.held_list],
            "what_i_want_to_bring_up": "",
        }


def _thought_json(record: ThoughtRecord, include_private: bool) -> dict[str, Any]:
    if record.private and not include_private:
        return {
            "id": record.id,
            "occurred_at": _iso(record.occurred_at),
            "private": True,
            "emotions_before": [e.to_json() for e in record.emotions_before],
            "emotions_after": [e.to_json() for e in record.emotions_after],
        }
    return record.to_json()


def _trend(daily: Sequence[DayMood]) -> Trend:
    means = [d.mean for d in daily if d.mean is not None]
    if len(means) < 2:
        return Trend(None, None)
    half = len(means) // 2
    return Trend(mean(means[:half]), mean(means[len(means) - half :]))


def _summary(inside: Sequence[Entry], start: datetime, end: datetime) -> PeriodSummary:
    """The shared summary of the entries between the two moments. Its days run from
    ``start``'s date to ``end``'s, widened to hold an entry whose own local day (lived in
    another offset) falls just outside them, so nothing between the two moments is dropped."""
    days = [day_of(e) for e in inside]
    first = min([start.date(), *days])
    last = max([end.date(), *days])
    return period_summary(inside, start=first, end=last)


def session_prep(
    entries: Sequence[Entry],
    *,
    start: datetime,
    end: datetime,
    homework: Sequence[HomeworkProgress] = (),
    thought_records: Sequence[ThoughtRecord] = (),
    checkins: Sequence[Checkin] = (),
    last_session: Session | None = None,
    next_session: Session | None = None,
    last_checkin_at: datetime | None = None,
    include_private: bool = False,
    cards: Sequence[CardWeek] = (),
    practice: Sequence[Practice] = (),
    conversations: Sequence[Conversation] = (),
) -> Prep:
    """Everything since ``start`` (the last session, or 14 days back) up to ``end`` (now).
    ``start`` and ``end`` carry the person's offset; entries are bucketed by their own day."""
    # "Since the last session" is from its moment, not its day: an entry written that morning,
    # before the session, belongs to the prep before. The numbers are the shared summary's.
    inside = [e for e in entries if start <= e.occurred_at <= end]
    summary = _summary(inside, start, end)
    daily = tuple(DayMood(d.date, d.entries, d.mean) for d in summary.daily if d.entries)
    by_id = {e.id: e for e in inside}
    with_mood = [e for e in inside if e.mood is not None]
    low = [e for e in with_mood if e.mood is not None and e.mood <= HARD_MOOD]
    hardest = sorted(low, key=lambda e: (e.mood, e.occurred_at, e.id))[:HARDEST]
    taken = sorted(
        (c for c in checkins if start <= c.taken_at <= end), key=lambda c: (c.taken_at, c.id)
    )
    # The same functions as the weekly review and the export, bounded by the same moments.
    first, last = summary.start, summary.end
    return Prep(
        start=start,
        end=end,
        last_session=last_session,
        next_session=next_session,
        item9=tuple(c for c in taken if forms.item9_positive(c)),
        days_in_period=summary.days_in_period,
        days_logged=summary.days_logged,
        mood=summary.mood,
        daily=daily,
        trend=_trend(daily),
        hardest=tuple(Moment.of(e, include_private=include_private) for e in hardest),
        triggers=tuple(TriggerCount.of(t) for t in summary.top_triggers(TOP_TRIGGERS)),
        homework=tuple(homework),
        thought_records=tuple(
            sorted(
                (r for r in thought_records if start <= r.occurred_at <= end),
                key=lambda r: (r.occurred_at, r.id),
            )
        ),
        checkins=tuple(taken),
        discuss=tuple(
            Moment.of(by_id[i], include_private=include_private) for i in summary.discuss
        ),
        checkin_suggestion=checkin_suggestion(last_checkin_at, now=end),
        include_private=include_private,
        cards=tuple(
            week for week in cards if week.end >= start.date() and week.start <= end.date()
        ),
        practice=practice_summary(practice, first=first, last=last, since=start, until=end),
        reflections=reflection_summary(
            inside, first=first, last=last, since=start, until=end, include_private=include_private
        ),
        conversations=conversation_summary(
            conversations, first=first, last=last, since=start, until=end
        ),
    )


# -- one wording for the terminal and for Markdown -------------------------------------------


def _fmt(value: float | None) -> str:
    return number(value)


def prep_title(prep: Prep) -> str:
    if prep.last_session is not None:
        since = f"since your session on {prep.last_session.at:%a %d %b %Y}"
    else:
        since = f"over the last {DEFAULT_DAYS} days"
    return f"Session prep {since} ({prep.start:%d %b} to {prep.end:%d %b %Y})"


def prep_sections(prep: Prep) -> list[tuple[str, list[str]]]:
    """(title, lines) in the order they are shown. Empty sections say so kindly."""
    sections: list[tuple[str, list[str]]] = []
    first_things = card_support_lines(prep.cards)
    if prep.item9:
        item = forms.PHQ9.items[forms.PHQ9_ITEM9].lower()
        first_things = [
            f"On {c.taken_at:%a %d %b}, the PHQ-9 question about {item} was answered "
            f'"{forms.ANSWER_LABELS[c.item9 or 0]}".'
            for c in prep.item9
        ] + first_things
    if first_things:
        sections.append(("To mention first", first_things))
    if prep.next_session is not None:
        sections.append(("Next session", [f"{format_moment(prep.next_session.at)}"]))

    overview = [f"Logged {prep.days_logged} of {prep.days_in_period} days."]
    if prep.mood.mean is not None:
        overview.append(
            f"Mood {_fmt(prep.mood.mean)} on average (from {prep.mood.min} to {prep.mood.max})."
        )
        direction = prep.trend.direction
        if direction is not None:
            overview.append(
                f"Mood in the second half was {direction} "
                f"({_fmt(prep.trend.first_half)} → {_fmt(prep.trend.second_half)})."
            )
    sections.append(("Overview", overview))
    if prep.daily:
        sections.append(
            (
                "Mood by day",
                [
                    f"{d.day:%a %d %b}: {_fmt(d.mean) if d.mean is not None else 'no mood'}"
                    f" ({d.entries} {'entry' if d.entries == 1 else 'entries'})"
                    for d in prep.daily
                ],
            )
        )
    sections.append(
        (
            "Lowest moods",
            [m.line() for m in prep.hardest] or [f"No moods of {HARD_MOOD} or lower in this time."],
        )
    )
    sections.append(
        (
            "Top triggers",
            [
                f"{t.name}: in {t.entries} {'entry' if t.entries == 1 else 'entries'}"
                + (
                    f", mood {_fmt(t.mean_mood)} with it, {_fmt(t.mean_mood_without)} without"
                    if t.compared
                    else ""
                )
                for t in prep.triggers
            ]
            or ["No triggers noted in this time."],
        )
    )
    sections.append(
        (
            "Homework",
            [p.line() for p in prep.homework] or ["No homework in this time."],
        )
    )
    # Practice, reflections and conversations only for someone who keeps them: nothing is
    # counted against anyone, so an empty one is not shown at all.
    if prep.practice.count:
        sections.append(("Practice", practice_lines(prep.practice)))
    thought_lines = []
    for r in prep.thought_records:
        hidden = r.private and not prep.include_private
        text = "(private)" if hidden else first_line(r.automatic_thought or r.situation, 60)
        change = describe_emotion_changes(r.emotions_before, r.emotions_after)
        thought_lines.append(
            f"#{r.id} {r.occurred_at:%a %d %b}: {text}" + (f" · {change}" if change else "")
        )
    sections.append(("Thought records", thought_lines or ["None in this time."]))
    checkin_lines = [
        f"{c.taken_at:%a %d %b} {forms.instrument(c.instrument).name}: "
        f"{c.total}/{forms.instrument(c.instrument).max_total}, {c.band}"
        for c in prep.checkins
    ]
    if checkin_lines:
        checkin_lines.append(forms.NOT_A_DIAGNOSIS)
    if prep.checkin_suggestion:
        checkin_lines.append(prep.checkin_suggestion)
    sections.append(("Check-ins", checkin_lines or ["None in this time."]))
    if prep.cards:
        sections.append(("Diary card", [card_week_line(week) for week in prep.cards]))
    if prep.reflections.count:
        sections.append(("Reflections", reflection_lines(prep.reflections)))
    if prep.conversations.held_list:
        sections.append(
            ("Conversations held", [conversation_line(c) for c in prep.conversations.held_list])
        )
    sections.append(
        (
            "Flagged to discuss",
            [m.line() for m in prep.discuss] or ["Nothing flagged with --discuss in this time."],
        )
    )
    sections.append((WHAT_I_WANT_TO_BRING_UP, []))
    return sections


def card_support_lines(weeks: Sequence[CardWeek]) -> list[str]:
    """The diary-card days a therapist reviews first: a strong urge to, or acting on, a safety
    target. Plain facts in the person's own ratings, no judgement."""
    from workjournal.cards import SAFETY_TARGETS, SAFETY_URGE

    lines = []
    for week in weeks:
        for day in week.days:
            card = day.card
            if card is None or not card.needs_support():
                continue
            parts = [
                f"urge to {name} {card.urges[name]} of 5"
                for name in SAFETY_TARGETS
                if card.urges.get(name, 0) >= SAFETY_URGE
            ]
            parts += [f"{name}: acted on it" for name in SAFETY_TARGETS if card.acted.get(name)]
            lines.append(f"On {day.day:%a %d %b}, the diary card noted " + "; ".join(parts) + ".")
    return lines


def card_week_line(week: CardWeek) -> str:
    line = f"Week of {week.start:%a %d %b}: filled in {week.filled} of 7 days"
    urges = week.highest_urges()
    if urges:
        line += "; highest urges " + ", ".join(f"{n} {v}" for n, v in urges.items())
    return line + "."


# -- practice, reflections and conversations: one wording for prep and the export ------------

PROMPT_WIDTH = 100
PRIVATE_REFLECTIONS = "private: shown with --include-private"
OWN_PROMPT_LEFT_OUT = "(a prompt of your own, its text left out)"


def practice_lines(practice: PracticeSummary) -> list[str]:
    """``Practised 4 days, 38 min.`` and a line per name, most minutes first."""
    head = practice.summary()
    lines = [head[0].upper() + head[1:] + "."]
    lines += [
        f"{b.name}: {b.count} {'time' if b.count == 1 else 'times'}, {b.minutes} min"
        for b in practice.by_name
    ]
    return lines


def practice_highlight(practice: PracticeSummary) -> str:
    """One line for page one: ``Practice: practised 4 days, 38 min (breathing 20 min, ...)``."""
    names = ", ".join(f"{b.name} {b.minutes} min" for b in practice.by_name[:3])
    more = len(practice.by_name) - 3
    if more > 0:
        names += f", {more} more"
    return f"Practice: {practice.summary()} ({names})."


def reflection_line(line: ReflectionLine, *, text: bool = True) -> str:
    """``#12 Wed 18 Nov · fear: “What has felt…?” The dentist.`` (``text=False``: the prompt
    without the answer, for --redact)."""
    head = f"#{line.entry_id} {line.day:%a %d %b} · {line.theme}"
    prompt = f"“{shorten(line.prompt, PROMPT_WIDTH)}”" if line.prompt else OWN_PROMPT_LEFT_OUT
    answer = line.first_line if text else ""
    flag = " (private)" if line.private else ""
    return f"{head}{flag}: {prompt}" + (f" {answer}" if answer else "")


def reflection_lines(reflections: ReflectionSummary, *, text: bool = True) -> list[str]:
    lines = [reflection_line(line, text=text) for line in reflections.shown]
    if reflections.private_left_out:
        n = reflections.private_left_out
        what = "reflection" if n == 1 else "reflections"
        lines.append(f"And {n} more {what} ({PRIVATE_REFLECTIONS}).")
    return lines


def conversation_line(c: HeldConversation) -> str:
    """``#1 Tue 24 Nov · Fridays off, with Sam · expected: distress 8/10, “a no” · how it went:
    distress 7 → 3, partly``."""
    title = c.title or f"conversation {c.id}"
    who = f", with {c.with_whom}" if c.with_whom else ""
    return (
        f"#{c.id} {c.day:%a %d %b} · {title}{who} · expected: {c.expectation()} · "
        f"how it went: {c.what_happened()}"
    )


def card_highlight(weeks: Sequence[CardWeek]) -> str:
    """One line for page one: the days filled in and the strongest urge of each target."""
    filled = sum(week.filled for week in weeks)
    days = sum(len(week.days) for week in weeks)
    urges: dict[str, int] = {}
    for week in weeks:
        for name, value in week.highest_urges().items():
            urges[name] = max(value, urges.get(name, 0))
    line = f"Diary card: filled in on {filled} of {days} days"
    if urges:
        line += "; highest urges " + ", ".join(f"{n} {v} of 5" for n, v in urges.items())
    return line + "."
