"""What the human-readable exports (md, html, pdf) show, gathered once so the three formats carry
the same content: page one (the period summary) first, then the raw data.

The summary numbers come from :func:`workjournal.reports.summary.period_summary`; this module only
selects the rows, applies the private and redact rules, and adds check-ins, homework and thought
records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from workjournal.models import Entry, EntryFilter

if TYPE_CHECKING:
    from workjournal.reports.summary import PeriodSummary
    from workjournal.store import Store

SECTION_TITLES: dict[str, str] = {
    "summary": "Summary",
    "discuss": "To discuss",
    "homework": "Homework",
    "checkins": "Check-ins",
    "thoughts": "Thought records",
    "entries": "Entries",
}
DISCLAIMER = "Self-report between sessions, not a clinical record."
REDACTED_NOTE = "Written text was left out of this export (--redact); ratings and labels remain."
TOP = 5

PHQ9_ITEM9 = "thoughts that you would be better off dead or of hurting yourself"


@dataclass(frozen=True)
class SafetyItem:
    taken_at: datetime
    answer: str

    @property
    def sentence(self) -> str:
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
class HomeworkRow:
    title: str
    per_week_target: int | None
    done: int
    partial: int
    per_week: float
    rating: float | None
    distress_before: float | None
    distress_after: float | None
    note: str

    @property
    def done_text(self) -> str:
        return f"done {self.done} time" + ("" if self.done == 1 else "s")

    @property
    def target_text(self) -> str:
        if self.per_week_target is None:
            return "no target"
        return f"{self.per_week_target} a week"


@dataclass(frozen=True)
class ThoughtRow:
    occurred_at: datetime
    situation: str
    emotions_before: str
    automatic_thought: str
    evidence_for: str
    evidence_against: str
    balanced_thought: str
    emotions_after: str

    def columns(self) -> tuple[tuple[str, str], ...]:
        """The seven columns of a thought record, in their usual order."""
        return (
            ("Situation", self.situation),
            ("Emotions", self.emotions_before),
            ("Automatic thought", self.automatic_thought),
            ("Evidence for", self.evidence_for),
            ("Evidence against", self.evidence_against),
            ("Balanced thought", self.balanced_thought),
            ("Emotions after", self.emotions_after),
        )


THOUGHT_COLUMNS = tuple(
    name for name, _ in ThoughtRow(datetime.min, "", "", "", "", "", "", "").columns()
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
    homework: tuple[HomeworkRow, ...]
    thoughts: tuple[ThoughtRow, ...]
    entries: tuple[Entry, ...]

    title: str = "Between sessions: my journal"
    disclaimer: str = DISCLAIMER

    def has(self, section: str) -> bool:
        return section in self.sections

    @property
    def discuss(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.discuss)

    @property
    def period(self) -> str:
        if self.start == self.end:
            return f"{self.start:%a %d %b %Y}"
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"

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
    def chart_days(self) -> tuple[Any, ...]:
        """Days with a mood, for the chart: ``date``, ``mean``, ``min``, ``max``."""
        return tuple(d for d in self.summary.daily if d.mean is not None)

    def weekday_rows(self) -> list[tuple[str, int, str]]:
        return [(w.name.capitalize(), w.entries, _num(w.mean)) for w in self.summary.by_weekday]

    def trigger_rows(self) -> list[tuple[str, int, str, str]]:
        return [
            (t.name, t.count, _num(t.mean_mood_with), _num(t.mean_mood_without))
            for t in self.summary.triggers[:TOP]
        ]

    def emotion_rows(self) -> list[tuple[str, int, str]]:
        return [(e.name, e.count, _num(e.mean_intensity)) for e in self.summary.emotions[:TOP]]

    def coping_rows(self) -> list[tuple[str, int]]:
        return [(c.name, c.count) for c in self.summary.coping[:TOP]]

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
        return f"Mood (1 = worst, 10 = best): mean {_num(m.mean)}, lowest {m.min}, highest {m.max}."


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}"


def emotions_text(raw: Sequence[Any]) -> str:
    parts = []
    for item in raw:
        if isinstance(item, Mapping):
            name = str(item.get("name", ""))
            level = item.get("intensity")
            parts.append(name if level is None else f"{name} {level}")
        else:
            parts.append(str(item))
    return ", ".join(parts)


def entry_labels(entry: Entry) -> list[tuple[str, str]]:
    """The label lines shown under an entry, skipping empty ones."""
    rows = [
        ("Mood", "" if entry.mood is None else f"{entry.mood}/10"),
        ("Triggers", ", ".join(entry.triggers)),
        ("Emotions", ", ".join(str(e).replace(":", " ") for e in entry.emotions)),
        ("Coping", ", ".join(entry.coping)),
        ("Tags", ", ".join(entry.tags)),
    ]
    return [(name, value) for name, value in rows if value]


def build_document(
    store: Store,
    flt: EntryFilter,
    *,
    sections: tuple[str, ...],
    redact: bool,
    generated_at: datetime,
    tz: tzinfo,
    first_weekday: int = 0,
) -> ShareDocument:
    from workjournal.reports.summary import period_summary

    entries = store.list_entries(replace(flt, newest_first=False, limit=None))
    if redact:
        entries = [replace(e, text="") for e in entries]
    checkins, safety = _checkins(store, flt)
    thoughts = _thoughts(store, flt, redact=redact)
    today = generated_at.astimezone(tz).date()
    if flt.since is not None:
        start = flt.since.astimezone(tz).date()
    else:  # everything: from the first day anything was recorded
        days = [e.occurred_at.date() for e in entries]
        days += [c.taken_at.date() for c in checkins] + [t.occurred_at.date() for t in thoughts]
        days += [_moment(h["created_at"]).date() for h in store.export_records("homework")]
        start = min(days, default=today)
    end = flt.until.astimezone(tz).date() if flt.until is not None else today
    end = max(end, start)
    summary = period_summary(entries, start=start, end=end, first_weekday=first_weekday)

    return ShareDocument(
        start=start,
        end=end,
        generated_at=generated_at.astimezone(tz),
        sections=sections,
        redacted=redact,
        summary=summary,
        safety=safety,
        checkins=checkins,
        homework=_homework(store, flt, days=summary.days_in_period, redact=redact),
        thoughts=thoughts,
        entries=tuple(entries),
    )


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _in_period(moment: datetime, flt: EntryFilter) -> bool:
    return (flt.since is None or moment >= flt.since) and (flt.until is None or moment <= flt.until)


def _checkins(
    store: Store, flt: EntryFilter
) -> tuple[tuple[CheckinRow, ...], tuple[SafetyItem, ...]]:
    from workjournal.checkins import ANSWER_LABELS, instrument

    rows: list[CheckinRow] = []
    safety: list[SafetyItem] = []
    previous: dict[str, int] = {}
    for checkin in store.list_checkins():  # all of them: a change can start before the period
        form = instrument(checkin.instrument)
        key = checkin.instrument
        change = checkin.total - previous[key] if key in previous else None
        previous[key] = checkin.total
        if not _in_period(checkin.taken_at, flt):
            continue
        rows.append(
            CheckinRow(
                form.name, checkin.taken_at, checkin.total, form.max_total, checkin.band, change
            )
        )
        item9 = checkin.item9
        if item9:
            answer = ANSWER_LABELS[min(item9, len(ANSWER_LABELS) - 1)]
            safety.append(SafetyItem(checkin.taken_at, answer))
    return tuple(rows), tuple(safety)


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _homework(
    store: Store, flt: EntryFilter, *, days: int, redact: bool
) -> tuple[HomeworkRow, ...]:
    logs: dict[str, list[dict[str, Any]]] = {}
    for log in store.export_records("homework_log", since=flt.since, until=flt.until):
        logs.setdefault(log["homework_uuid"], []).append(log)
    weeks = max(days, 1) / 7
    rows = []
    for item in store.export_records("homework"):
        done = logs.get(item["uuid"], [])
        created = _moment(item["created_at"])
        closed = _moment(item["closed_at"]) if item["closed_at"] else None
        if not done and (
            (flt.until is not None and created > flt.until)
            or (closed is not None and flt.since is not None and closed < flt.since)
        ):
            continue
        rows.append(
            HomeworkRow(
                title=item["title"],
                per_week_target=item["per_week"],
                done=len(done),
                partial=sum(1 for log in done if log["partial"]),
                per_week=round(len(done) / weeks, 1),
                rating=_mean([log["rating"] for log in done if log["rating"] is not None]),
                distress_before=_mean(
                    [log["distress_before"] for log in done if log["distress_before"] is not None]
                ),
                distress_after=_mean(
                    [log["distress_after"] for log in done if log["distress_after"] is not None]
                ),
                note="" if redact else item["note"],
            )
        )
    return tuple(rows)


def _thoughts(store: Store, flt: EntryFilter, *, redact: bool) -> tuple[ThoughtRow, ...]:
    rows = []
    for record in store.export_records(
        "thought_records", since=flt.since, until=flt.until, include_private=flt.include_private
    ):

        def text(key: str, record: dict[str, Any] = record) -> str:
            return "" if redact else str(record[key])

        rows.append(
            ThoughtRow(
                occurred_at=_moment(record["occurred_at"]),
                situation=text("situation"),
                emotions_before=emotions_text(record["emotions_before"]),
                automatic_thought=text("automatic_thought"),
                evidence_for=text("evidence_for"),
                evidence_against=text("evidence_against"),
                balanced_thought=text("balanced_thought"),
                emotions_after=emotions_text(record["emotions_after"]),
            )
        )
    return tuple(rows)


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

    def svg_path(self, line: Sequence[tuple[float, float]]) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(line))


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
        point = ChartPoint(
            x=x_of(day.date),
            mean_y=y_of(day.mean),
            low_y=y_of(day.min),
            high_y=y_of(day.max),
            label=f"{day.date:%a %d %b}: mean {day.mean:.1f} ({day.min}-{day.max})",
        )
        points.append(point)
        if previous is None or (day.date - previous).days > 1:
            lines.append([])
        lines[-1].append((point.x, point.mean_y))
        previous = day.date
    count = min(6, span + 1)
    x_ticks = []
    for i in range(count):
        day = doc.start + (doc.end - doc.start) * i / max(count - 1, 1)
        x_ticks.append((x_of(day), f"{day:%d %b}"))
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
    )
