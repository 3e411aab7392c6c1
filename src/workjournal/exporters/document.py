"""What the human-readable exports (md, html, pdf) show, laid out once so the three formats carry
the same content: page one (the summary a therapist reads in a minute) first, then the detail.

This module receives what :mod:`workjournal.gather` read and never holds a Store. Every number
comes from the report functions the terminal uses: the period summary of
:func:`workjournal.reports.summary.period_summary` (as ``journal week``), homework progress of
:mod:`workjournal.reports.homework` (as ``journal week`` and ``journal prep``: "1 of 5"), and the
check-in changes of :func:`workjournal.checkins.history` (as ``journal checkin history``). It only
applies the private and redact rules and chooses what page one holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workjournal.exporters.sections import DETAIL_SECTIONS
from workjournal.models import Checkin, Emotion, Entry, SafetyPlan, ThoughtRecord
from workjournal.reports.common import DayMood, LabelMood
from workjournal.text import THOUGHT_COLUMNS, THOUGHT_LABELS, number, shorten

if TYPE_CHECKING:
    from workjournal.reports.card import CardWeek
    from workjournal.reports.homework import HomeworkProgress
    from workjournal.reports.summary import PeriodSummary
    from workjournal.reports.work import (
        ConversationSummary,
        HeldConversation,
        PracticeSummary,
        ReflectionLine,
        ReflectionSummary,
    )

SECTION_TITLES: dict[str, str] = {
    "summary": "Summary",
    "discuss": "To discuss",
    "homework": "Homework",
    "checkins": "Check-ins",
    "diary-card": "Diary card",
    "thoughts": "Thought records",
    "practice": "Practice",
    "reflections": "Reflections",
    "conversations": "Conversations held",
    "entries": "Entries",
    "safety-plan": "Safety plan",
}
# The detail sections shown only for someone who keeps that kind of record.
ONLY_WHEN_KEPT = ("diary-card", "practice", "reflections", "conversations")
DISCLAIMER = "Self-report between sessions, not a clinical record."
REDACTED_NOTE = "Written text was left out of this export (--redact); ratings and labels remain."
TOP = 5
# The PDF's detail pages list at most this many entries of a long period asked for (plus every
# flagged one): fpdf2 lays out about 250 entries a second, and 100,000 entries in detail made a
# 20,000-page file nobody reads. See ShareDocument.detail_entries and docs/benchmarks.md.
PDF_DETAIL_ENTRIES = 1000
# Likewise the PDF's check-in and homework tables of such a period list at most this many rows,
# the most recent: fpdf2 laid out the 4,088 check-ins of the bench journal in about 15 s.
PDF_DETAIL_ROWS = 200
FLAGGED_ON_PAGE_ONE = 6  # page one lists at most this many flagged entries, then "and N more"
FLAGGED_WIDTH = 90
PLAN_LEFT_OUT = "The safety plan is written text, so it was left out (--redact)."
PAGE_ONE_HOMEWORK = 5  # page one lists at most this many assignments, then "and N more"
MIN_DAYS = 3  # a mean mood with / without a trigger needs 3 days with it and 3 without
THOUGHT_COLUMN_LABELS = THOUGHT_LABELS
TRIGGER_NOTE = (
    "Mean mood with and without a trigger is shown only for a trigger seen on at least "
    f"{MIN_DAYS} days with a mood and absent on at least {MIN_DAYS}; otherwise only how often."
)

PHQ9_ITEM9 = "thoughts that you would be better off dead or of hurting yourself"


@dataclass(frozen=True)
class SafetyItem:
    taken_at: datetime
    answer: str
    note: str | None = None  # a sentence of its own (the diary card's safety days)

    @property
    def sentence(self) -> str:
        if self.note is not None:
            return self.note
        return (
            f"PHQ-9 item 9 ({PHQ9_ITEM9}) was answered “{self.answer}” on "
            f"{self.taken_at:%a %d %b %Y}."
        )


@dataclass(frozen=True)
class CheckinRow:
    name: str
    taken_at: datetime
    total: int
    max_total: int
    band: str
    change: int | None  # against the previous check-in of the same kind, even before the period

    @property
    def change_text(self) -> str:
        if self.change is None:
            return "first"
        return "no change" if self.change == 0 else f"{self.change:+d}"


@dataclass(frozen=True)
class ThoughtRow:
    id: int
    occurred_at: datetime
    values: tuple[str, ...]  # in the order of THOUGHT_COLUMNS

    def columns(self) -> tuple[tuple[str, str], ...]:
        """The seven columns of a thought record, in their usual order."""
        return tuple(zip(THOUGHT_LABELS, self.values, strict=True))


@dataclass(frozen=True)
class TriggerRow:
    """A top trigger as the export shows it: the mean moods only with enough days."""

    name: str
    count: int
    mood_with: str  # "" when there are too few days to compare
    mood_without: str

    @classmethod
    def of(cls, label: LabelMood) -> TriggerRow:
        if not label.enough_data(MIN_DAYS):
            return cls(label.name, label.count, "", "")
        return cls(
            label.name, label.count, number(label.mean_mood_with), number(label.mean_mood_without)
        )


@dataclass(frozen=True)
class Flagged:
    """An entry flagged to discuss, as page one lists it: its id, when, and a shortened line."""

    id: int
    occurred_at: datetime
    mood: int | None
    text: str

    @property
    def line(self) -> str:
        head = f"#{self.id} {self.occurred_at:%a %d %b %H:%M}"
        if self.mood is not None:
            head += f" · mood {self.mood}"
        return head + (f": {self.text}" if self.text else "")


def homework_cells(progress: HomeworkProgress) -> tuple[str, str, str, str]:
    """(title, done against target, helpfulness, distress) for the homework table."""
    before, after = progress.mean_distress_before, progress.mean_distress_after
    both = before is not None and after is not None
    distress = f"{number(before)} → {number(after)}" if both else ""
    rating = "" if progress.mean_rating is None else f"{number(progress.mean_rating)}/10"
    return progress.homework.title, progress.summary(), rating, distress


HOMEWORK_HEADER = ("Homework", "Done (target)", "Helpfulness", "Distress before → after")
PRACTICE_HEADER = ("Practice", "Times", "Minutes")
CONVERSATION_HEADER = ("Held", "Conversation", "Expected", "How it went")


def conversation_cells(c: HeldConversation) -> tuple[str, str, str, str]:
    """(when, title and with whom, the expectation, what happened) for the conversations table;
    a redacted one is named by its id alone."""
    name = f"#{c.id} {c.title}" if c.title else f"Conversation #{c.id}"
    who = f" (with {c.with_whom})" if c.with_whom else ""
    return f"{c.held_at:%a %d %b}", name + who, c.expectation(), c.what_happened()


CHECKIN_HEADER = ("Date", "Check-in", "Score", "Band", "Change")


@dataclass(frozen=True)
class EntryStream:
    """The period's entries, oldest first, read afresh each time they are iterated, so a whole
    journal (100,000 entries) is never held in memory at once. :func:`workjournal.gather.document`
    builds it over the store; an exporter only iterates it, asks its length and asks for the most
    recent few. ``EntryStream.of`` wraps entries already in memory (tests, small periods)."""

    count: int
    read: Callable[[], Iterator[Entry]] = field(repr=False)
    # The most recent ``n`` entries, oldest first.
    read_recent: Callable[[int], Sequence[Entry]] = field(repr=False)

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> EntryStream:
        held = tuple(entries)
        return cls(len(held), lambda: iter(held), lambda n: held[-n:] if n > 0 else ())

    def __iter__(self) -> Iterator[Entry]:
        return self.read()

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def redacted(self) -> EntryStream:
        """The same entries with their written text left out (--redact)."""
        read, read_recent = self.read, self.read_recent
        return EntryStream(
            self.count,
            lambda: (replace(e, text="") for e in read()),
            lambda n: [replace(e, text="") for e in read_recent(n)],
        )


@dataclass(frozen=True)
class ShareDocument:
    start: date
    end: date
    generated_at: datetime
    sections: tuple[str, ...]
    redacted: bool
    summary: PeriodSummary
    safety: tuple[SafetyItem, ...]
    checkins: tuple[CheckinRow, ...]
    homework: tuple[HomeworkProgress, ...]
    thoughts: tuple[ThoughtRow, ...]
    entries: EntryStream
    safety_plan: tuple[tuple[str, str], ...] = ()  # (title, text) of the sections written
    safety_plan_updated: datetime | None = None
    chosen_by: str = "as asked"
    first_weekday: int = 0
    card_weeks: tuple[CardWeek, ...] = ()  # each week of the period with a diary card
    # issue 14, from reports/work.py (the same functions as week and prep)
    practice: PracticeSummary | None = None
    reflections: tuple[ReflectionLine, ...] = ()  # private ones only with --include-private
    conversations: tuple[HeldConversation, ...] = ()  # those held in the period

    flagged_entries: tuple[Entry, ...] = ()  # the entries flagged to discuss, oldest first

    title: str = "Between sessions: my journal"
    disclaimer: str = DISCLAIMER

    def has(self, section: str) -> bool:
        return section in self.sections

    @property
    def detail_sections(self) -> tuple[str, ...]:
        # The diary card's, practice's, ... sections only for someone who keeps them.
        kept = {
            "diary-card": bool(self.card_weeks),
            "practice": self.practice is not None and self.practice.count > 0,
            "reflections": bool(self.reflections),
            "conversations": bool(self.conversations),
        }
        return tuple(s for s in DETAIL_SECTIONS if self.has(s) and kept.get(s, True))

    def practice_highlight(self) -> str:
        """Page one's practice line, or "" when none was logged in the period."""
        from workjournal.reports.prep import practice_highlight

        if self.practice is None or not self.practice.count:
            return ""
        return practice_highlight(self.practice)

    def card_highlight(self) -> str:
        """Page one's diary-card line, or "" when no card was filled in."""
        from workjournal.reports.prep import card_highlight

        return card_highlight(self.card_weeks) if self.card_weeks else ""

    def practice_rows(self) -> list[tuple[str, int, int]]:
        by_name = () if self.practice is None else self.practice.by_name
        return [(b.name, b.count, b.minutes) for b in by_name]

    def practice_line(self) -> str:
        """``Practised 4 days, 38 min.`` above the practice table."""
        from workjournal.reports.prep import practice_lines

        return "" if self.practice is None else practice_lines(self.practice)[0]

    def reflection_lines(self) -> list[str]:
        """Each reflection: its prompt and first line (the prompt alone under --redact)."""
        from workjournal.reports.prep import reflection_line

        return [reflection_line(line) for line in self.reflections]

    @property
    def discuss(self) -> tuple[Entry, ...]:
        return self.flagged_entries

    def detail_entries(self, limit: int) -> tuple[tuple[Entry, ...], int]:
        """The entries a detail listing shows, oldest first, and how many it leaves out. A
        period chosen by default (since the last session, or the last 4 weeks) is always listed
        whole. A longer one asked for (``--all``, ``--since``) with more than ``limit`` entries
        lists its most recent ``limit`` plus the most recent ``limit`` flagged to discuss; the
        rest are in the JSON export."""
        if len(self.entries) <= limit or self.chosen_by not in ("everything", "as asked"):
            return tuple(self.entries), 0
        chosen = {e.id: e for e in self.flagged_detail(limit)}
        chosen.update((e.id, e) for e in self.entries.read_recent(limit))
        kept = tuple(sorted(chosen.values(), key=lambda e: (e.occurred_at, e.id)))
        return kept, len(self.entries) - len(kept)

    def detail_rows(self, rows: Sequence[Any], limit: int) -> tuple[tuple[Any, ...], int]:
        """The rows of a detail table (check-ins, homework) a listing shows, and how many it
        leaves out: by the rule of :meth:`detail_entries`, a period chosen by default is listed
        whole; a longer one asked for lists its most recent ``limit`` rows."""
        if len(rows) <= limit or self.chosen_by not in ("everything", "as asked"):
            return tuple(rows), 0
        return tuple(rows[-limit:]), len(rows) - limit

    def flagged_detail(self, limit: int) -> tuple[Entry, ...]:
        """The flagged entries a detail listing shows: all of them in a period chosen by
        default, else at most the most recent ``limit``."""
        if self.chosen_by not in ("everything", "as asked"):
            return self.discuss
        return self.discuss[-limit:]

    @property
    def period(self) -> str:
        if self.start == self.end:
            text = f"{self.start:%a %d %b %Y}"
        else:
            text = f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"
        if self.chosen_by not in ("as asked", ""):
            text += f" ({self.chosen_by})"
        return text

    @property
    def generated(self) -> str:
        return f"{self.generated_at:%d %b %Y %H:%M}"

    @property
    def latest_checkins(self) -> tuple[CheckinRow, ...]:
        latest: dict[str, CheckinRow] = {}
        for row in self.checkins:
            latest[row.name] = row
        return tuple(latest.values())

    @property
    def chart_days(self) -> tuple[DayMood, ...]:
        """Days with a mood, for the chart: ``date``, ``mean``, ``min``, ``max``."""
        return tuple(d for d in self.summary.daily if d.mean is not None)

    def trigger_rows(self) -> list[TriggerRow]:
        return [TriggerRow.of(t) for t in self.summary.triggers[:TOP]]

    def triggers_compared(self) -> bool:
        """Whether any top trigger has enough days for its mean moods."""
        return any(row.mood_with for row in self.trigger_rows())

    def emotions_line(self) -> str:
        return ", ".join(
            f"{e.name} ({e.count})"
            if e.mean_intensity is None
            else f"{e.name} ({e.count}, mean intensity {number(e.mean_intensity)})"
            for e in self.summary.emotions[:TOP]
        )

    def coping_line(self) -> str:
        return ", ".join(f"{c.name} ({c.count})" for c in self.summary.coping[:TOP])

    def consistency(self) -> str:
        s = self.summary
        text = f"Logged on {s.days_logged} of {s.days_in_period} days, {s.entries} " + (
            "entry" if s.entries == 1 else "entries"
        )
        if s.written_late:
            text += f"; {s.written_late} written down more than a day after the moment"
        return text + "."

    def mood_line(self) -> str:
        m = self.summary.mood
        if m.mean is None:
            return "No moods were logged in this period."
        return (
            f"Mood (1 = worst, 10 = best): mean {number(m.mean)}, "
            f"lowest mood {m.min}, highest mood {m.max}."
        )

    def flagged(self) -> tuple[Flagged, ...]:
        """The first flagged entries, for page one (the rest: "and N more")."""
        return tuple(
            Flagged(e.id, e.occurred_at, e.mood, shorten(e.text, FLAGGED_WIDTH))
            for e in self.discuss[:FLAGGED_ON_PAGE_ONE]
        )

    def flagged_more(self) -> int:
        return max(0, len(self.discuss) - FLAGGED_ON_PAGE_ONE)


def emotions_text(emotions: Iterable[Emotion]) -> str:
    return ", ".join(e.name if e.intensity is None else f"{e.name} {e.intensity}" for e in emotions)


def entry_labels(entry: Entry) -> list[tuple[str, str]]:
    """The label lines shown under an entry, skipping empty ones."""
    rows = [
        ("Mood", "" if entry.mood is None else f"{entry.mood}/10"),
        ("Triggers", ", ".join(entry.triggers)),
        ("Emotions", emotions_text(entry.emotions)),
        ("Coping", ", ".join(entry.coping)),
        ("Tags", ", ".join(entry.tags)),
    ]
    return [(name, value) for name, value in rows if value]


def _in_period(moment: datetime, since: datetime | None, until: datetime | None) -> bool:
    return (since is None or moment >= since) and (until is None or moment <= until)


def _checkins(
    checkins: Sequence[Checkin], since: datetime | None, until: datetime | None
) -> tuple[tuple[CheckinRow, ...], tuple[SafetyItem, ...]]:
    from workjournal.checkins import ANSWER_LABELS, history, instrument

    rows: list[CheckinRow] = []
    safety: list[SafetyItem] = []
    for row in history(checkins):  # every check-in: a change can start before the period
        checkin = row.checkin
        if not _in_period(checkin.taken_at, since, until):
            continue
        form = instrument(checkin.instrument)
        rows.append(
            CheckinRow(
                form.name,
                checkin.taken_at,
                checkin.total,
                form.max_total,
                checkin.band,
                row.change_from_previous,
            )
        )
        item9 = checkin.item9
        if item9:
            answer = ANSWER_LABELS[min(item9, len(ANSWER_LABELS) - 1)]
            safety.append(SafetyItem(checkin.taken_at, answer))
    return tuple(rows), tuple(safety)


# Page one lists at most this many PHQ-9 item-9 answers, the most recent; a long period (years
# of fortnightly check-ins) says how many more there were instead of filling pages with them.
SAFETY_LISTED = 5


def _most_recent_safety(items: tuple[SafetyItem, ...]) -> tuple[SafetyItem, ...]:
    if len(items) <= SAFETY_LISTED:
        return items
    earlier = len(items) - SAFETY_LISTED
    kept = items[-SAFETY_LISTED:]
    note = (
        f"PHQ-9 item 9 was also above 0 on {earlier} earlier check-in"
        f"{'' if earlier == 1 else 's'} in this period (all are in the JSON export)."
    )
    return (*kept, SafetyItem(kept[-1].taken_at, "", note=note))


def _thought(record: ThoughtRecord, *, redact: bool) -> ThoughtRow:
    values = []
    for column, _ in THOUGHT_COLUMNS:
        value = getattr(record, column)
        if column.startswith("emotions"):
            values.append(emotions_text(value))
        else:
            values.append("" if redact else str(value))
    return ThoughtRow(record.id, record.occurred_at, tuple(values))


def make_document(
    entries: Sequence[Entry] | EntryStream,
    *,
    start: date,
    end: date,
    since: datetime | None,
    until: datetime | None,
    generated_at: datetime,
    sections: tuple[str, ...],
    redact: bool,
    checkins: Sequence[Checkin],
    homework: Sequence[HomeworkProgress],
    thoughts: Sequence[ThoughtRecord],
    safety_plan: SafetyPlan | None = None,
    first_weekday: int = 0,
    chosen_by: str = "as asked",
    card_weeks: Sequence[CardWeek] = (),
    practice: PracticeSummary | None = None,
    reflections: ReflectionSummary | None = None,
    conversations: ConversationSummary | None = None,
    summary: PeriodSummary | None = None,
    flagged: Sequence[Entry] | None = None,
) -> ShareDocument:
    """The document from the gathered rows (see :func:`workjournal.gather.document`).

    ``entries`` is a sequence in memory, or an :class:`EntryStream` read from the store; with a
    stream, the caller passes the period's ``summary`` (from the same
    :func:`~workjournal.reports.summary.summary_of_totals` as :func:`period_summary`, over
    light rows) and the ``flagged`` entries, oldest first."""
    from workjournal.models import SAFETY_SECTIONS
    from workjournal.reports.summary import period_summary

    if isinstance(entries, EntryStream):
        if summary is None or flagged is None:
            raise ValueError("a stream of entries needs its summary and flagged entries")
        stream = entries
    else:
        held = tuple(entries)
        if summary is None:
            summary = period_summary(held, start=start, end=end, first_weekday=first_weekday)
        if flagged is None:
            flagged = [e for e in held if e.discuss]
        stream = EntryStream.of(held)
    if redact:
        stream = stream.redacted()
        flagged = [replace(e, text="") for e in flagged]
        homework = [replace(p, homework=replace(p.homework, note="")) for p in homework]
    from workjournal.reports.prep import card_support_lines

    rows, safety = _checkins(checkins, since, until)
    safety = (
        *_most_recent_safety(safety),
        *(SafetyItem(generated_at, "", note=line) for line in card_support_lines(card_weeks)),
    )
    plan: tuple[tuple[str, str], ...] = ()
    if safety_plan is not None and not redact:  # the plan is all written text
        bodies = dict(safety_plan.sections)
        plan = tuple(
            (title, bodies[key]) for key, title, _ in SAFETY_SECTIONS if bodies.get(key, "").strip()
        )
    return ShareDocument(
        start=start,
        end=end,
        generated_at=generated_at,
        sections=sections,
        redacted=redact,
        summary=summary,
        safety=safety,
        checkins=rows,
        homework=tuple(homework),
        thoughts=tuple(_thought(r, redact=redact) for r in thoughts),
        entries=stream,
        flagged_entries=tuple(flagged),
        safety_plan=plan,
        safety_plan_updated=None if safety_plan is None else safety_plan.updated_at,
        chosen_by=chosen_by,
        first_weekday=first_weekday,
        card_weeks=tuple(card_weeks),
        practice=practice,
        **_work(reflections, conversations, redact=redact),
    )


def _work(
    reflections: ReflectionSummary | None,
    conversations: ConversationSummary | None,
    *,
    redact: bool,
) -> dict[str, Any]:
    """Reflections and conversations held, with --redact applied: written text goes (an answer's
    first line, a prompt the person wrote, a conversation's title, name and expectation), the
    dates, numbers, themes and outcomes stay."""
    lines = () if reflections is None else reflections.shown
    held = () if conversations is None else conversations.held_list
    if redact:
        lines = tuple(
            replace(line, first_line="", prompt="" if line.own_prompt else line.prompt)
            for line in lines
        )
        held = tuple(replace(c, title="", with_whom="", expected="", note="") for c in held)
    return {"reflections": tuple(lines), "conversations": tuple(held)}


# -- the mood chart, laid out once for the SVG (html) and the drawing commands (pdf) -----------


@dataclass(frozen=True)
class ChartPoint:
    x: float
    mean_y: float
    low_y: float
    high_y: float
    label: str  # "Thu 15 Oct: mean 7.0 (5-9)"


@dataclass(frozen=True)
class ChartLayout:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    points: tuple[ChartPoint, ...]
    lines: tuple[tuple[tuple[float, float], ...], ...]  # the mean, broken where days are missing
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    gaps: tuple[float, ...] = ()  # x of each day without a mood (none marked for long periods)

    @property
    def baseline(self) -> float:
        return self.height - self.bottom

    def svg_path(self, line: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(line))


MAX_TICKS = 9
TICK_ROOM = 0.065  # the smallest distance between two labels, as a share of the chart's width
MAX_GAP_MARKS = 120


def chart_ticks(doc: ShareDocument) -> list[date]:
    """The days the chart labels: the first day of every week in the period (every second or
    more when there are many weeks) and the last day; a week's first day too close to the last
    day (under :data:`TICK_ROOM` of the width) gives way to it, so no two labels overlap."""
    first = doc.start + timedelta(days=(doc.first_weekday - doc.start.weekday()) % 7)
    weeks = [doc.start] if first != doc.start else []
    day = first
    while day <= doc.end:
        weeks.append(day)
        day += timedelta(days=7)
    step = max(1, -(-len(weeks) // MAX_TICKS))
    ticks = weeks[::step]
    span = max((doc.end - doc.start).days, 1)
    ticks = [d for d in ticks if (doc.end - d).days / span >= TICK_ROOM]
    if not ticks or ticks[0] != doc.start:
        ticks.insert(0, doc.start)
    if doc.end != doc.start:
        ticks.append(doc.end)
    return sorted(set(ticks))


def chart_layout(
    doc: ShareDocument,
    *,
    width: float = 700,
    height: float = 220,
    left: float = 34,
    right: float = 12,
    top: float = 10,
    bottom: float = 26,
) -> ChartLayout:
    """Place each day with a mood: x by date across the period, y by mood (10 at the top)."""
    plot_w = width - left - right
    plot_h = height - top - bottom
    span = max((doc.end - doc.start).days, 1)

    def x_of(day: date) -> float:
        if doc.start == doc.end:
            return left + plot_w / 2
        return left + plot_w * (day - doc.start).days / span

    def y_of(mood: float) -> float:
        return top + plot_h * (10 - mood) / 9

    points: list[ChartPoint] = []
    lines: list[list[tuple[float, float]]] = []
    previous: date | None = None
    for day in doc.chart_days:
        assert day.mean is not None and day.min is not None and day.max is not None
        point = ChartPoint(
            x=x_of(day.date),
            mean_y=y_of(day.mean),
            low_y=y_of(day.min),
            high_y=y_of(day.max),
            label=f"{day.date:%a %d %b}: mean {number(day.mean)} ({day.min}-{day.max})",
        )
        points.append(point)
        if previous is None or (day.date - previous).days > 1:
            lines.append([])
        lines[-1].append((point.x, point.mean_y))
        previous = day.date
    x_ticks = [(x_of(day), f"{day:%d %b}") for day in chart_ticks(doc)]
    # Days without a mood are gaps in the line, marked on the baseline (not drawn as zeros).
    gaps = tuple(x_of(d.date) for d in doc.summary.daily if d.mean is None)
    return ChartLayout(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        points=tuple(points),
        lines=tuple(tuple(line) for line in lines),
        y_ticks=tuple((y_of(m), str(m)) for m in (1, 4, 7, 10)),
        x_ticks=tuple(x_ticks),
        gaps=gaps if len(gaps) <= MAX_GAP_MARKS else (),
    )
