"""The one gathering step: which rows a report reads, and what its period means.

``journal week``, ``journal prep``, ``journal homework list`` and the therapist export (md, html,
pdf) all read the journal through this module, so they cannot disagree about a period again
(the way ``week`` once gave a homework's ``last_done`` and ``prep`` gave ``null``). It owns the
period rules:

- **this week**: the 7 local days from the configured first weekday (:func:`week_span`);
- **since the last session**: from the moment of the last session up to now, when there is
  one; else the last :data:`~workjournal.reports.prep.DEFAULT_DAYS` days for ``prep`` and the
  last :data:`EXPORT_DEFAULT_DAYS` days for the export (:func:`session_start`);
- **this homework's progress**: every completion inside the span, plus each assignment's latest
  completion up to the span's end for its "last done" (:func:`homework_over`).

It reads the Store (one of the three layers allowed to: the CLI, this module and doctor) and
calls the pure report functions in :mod:`workjournal.reports`; exporters receive what it returns
(frozen dataclasses) and never see a Store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from workjournal import clock
from workjournal.models import Entry, EntryFilter, Homework, Session

if TYPE_CHECKING:
    from workjournal.exporters.document import ShareDocument
    from workjournal.reports.card import CardWeek
    from workjournal.reports.homework import HomeworkProgress
    from workjournal.reports.prep import Prep
    from workjournal.reports.week import WeekReview
    from workjournal.store import Store

EXPORT_DEFAULT_DAYS = 28  # the export's default without a past session: the last 4 weeks


def week_span(day: date, first_weekday: int) -> tuple[date, date]:
    """The configured week (``first_weekday``: 0 = Monday) that contains ``day``."""
    from workjournal.reports.common import week_start

    first = week_start(day, first_weekday)
    return first, first + timedelta(days=6)


def homework_over(
    store: Store,
    start: date,
    end: date,
    *,
    assignments: Sequence[Homework] | None = None,
    since: datetime | None = None,
    today: date | None = None,
    keep_all: bool = False,
) -> tuple[HomeworkProgress, ...]:
    """Each assignment's progress over the local days ``start..end``: the one rule for "this
    homework's progress". ``since`` (a moment) also leaves out completions before it, for a
    period that starts at a session rather than at midnight; "last done" still looks back
    before the span."""
    from workjournal.reports.common import utc_window
    from workjournal.reports.homework import homework_progress

    chosen = store.list_homework() if assignments is None else assignments
    logs = store.homework_logs_for_progress(*utc_window(start, end))
    return homework_progress(
        chosen,
        logs,
        week_start_date=start,
        week_end_date=end,
        today=today,
        keep_all=keep_all,
        since=since,
    )


def week(store: Store, *, day: date, first_weekday: int, now: datetime, tz: tzinfo) -> WeekReview:
    """The weekly review of the week holding ``day`` (and the week before, for the change)."""
    from workjournal.reports.common import utc_window
    from workjournal.reports.week import weekly_review

    start, end = week_span(day, first_weekday)
    since, until = utc_window(start - timedelta(days=7), end)
    entries = store.list_entries(EntryFilter(since=since, until=until, newest_first=False))
    last_checkin = store.last_checkin()
    return weekly_review(
        entries,
        start=start,
        first_weekday=first_weekday,
        homework=homework_over(store, start, end),
        last_checkin_at=None if last_checkin is None else last_checkin.taken_at,
        now=now.astimezone(tz),
        card=card_week_of(store, start),
        **_work_of(store, entries, start, end),
    )


def _work_of(store: Store, entries: Sequence[Entry], first: date, last: date) -> dict[str, Any]:
    """Practice, reflections and conversations of the local days ``first`` to ``last``."""
    from workjournal.reports.common import utc_window
    from workjournal.reports.work import (
        conversation_summary,
        practice_summary,
        reflection_summary,
    )

    since, until = utc_window(first, last)
    return {
        "practice": practice_summary(
            store.list_practice(since=since, until=until), first=first, last=last
        ),
        "reflections": reflection_summary(entries, first=first, last=last).count,
        "conversations": conversation_summary(store.list_conversations(), first=first, last=last),
    }


def card_week_of(store: Store, start: date) -> CardWeek | None:
    """The diary card's week from ``start``, or None when no card was filled in that week."""
    from workjournal.reports.card import card_week

    cards = store.cards_between(start, start + timedelta(days=6))
    return card_week(cards, store.card_items(), start=start) if cards else None


def card_weeks(store: Store, start: date, end: date, first_weekday: int) -> tuple[CardWeek, ...]:
    """Each week from the one holding ``start`` to the one holding ``end`` with a card in it."""
    first, _ = week_span(start, first_weekday)
    weeks = []
    while first <= end:
        found = card_week_of(store, first)
        if found is not None:
            weeks.append(found)
        first += timedelta(days=7)
    return tuple(weeks)


def homework_this_week(
    store: Store, *, today: date, first_weekday: int, show_all: bool
) -> tuple[tuple[HomeworkProgress, ...], tuple[date, date]]:
    """``homework list``: every open assignment (or every one with ``show_all``) with this
    week's progress, by the same rule the weekly review uses."""
    first, last = week_span(today, first_weekday)
    assignments = store.list_homework()
    if not show_all:
        assignments = [hw for hw in assignments if hw.is_active(today)]
    progress = homework_over(
        store, first, last, assignments=assignments, today=today, keep_all=True
    )
    return progress, (first, last)


@dataclass(frozen=True)
class SessionStart:
    """Where a "since the last session" period starts, and the session it starts at."""

    start: datetime
    last_session: Session | None
    next_session: Session | None


def session_start(
    store: Store, *, since: datetime | None, now: datetime, tz: tzinfo, default_days: int
) -> SessionStart:
    """``since`` when given; else the moment of the last past session; else the start of the
    day ``default_days - 1`` days before today."""
    sessions = store.list_sessions()
    past = [s for s in sessions if s.at <= now]
    ahead = [s for s in sessions if s.at > now]
    last = past[-1] if past and since is None else None
    if since is not None:
        start = since
    elif last is not None:
        start = last.at
    else:
        today = now.astimezone(tz).date()
        start = clock.start_of_day(today - timedelta(days=default_days - 1), tz)
    return SessionStart(start, last, ahead[0] if ahead else None)


def prep(
    store: Store,
    *,
    since: datetime | None,
    now: datetime,
    tz: tzinfo,
    include_private: bool,
    first_weekday: int = 0,
) -> Prep:
    """Everything since the last session (or ``since``, or the last 14 days) up to now."""
    from workjournal.reports import prep as report

    begin = session_start(store, since=since, now=now, tz=tz, default_days=report.DEFAULT_DAYS)
    start = begin.start
    today = now.astimezone(tz).date()
    entries = store.list_entries(EntryFilter(since=start, until=now, newest_first=False))
    last_checkin = store.last_checkin()
    return report.session_prep(
        entries,
        start=start.astimezone(tz),
        end=now.astimezone(tz),
        homework=homework_over(store, start.astimezone(tz).date(), today, since=start, today=today),
        thought_records=store.list_thought_records(since=start, until=now),
        checkins=store.list_checkins(since=start, until=now),
        last_session=begin.last_session,
        next_session=begin.next_session,
        last_checkin_at=None if last_checkin is None else last_checkin.taken_at,
        include_private=include_private,
        cards=card_weeks(store, start.astimezone(tz).date(), today, first_weekday),
        practice=store.list_practice(since=start, until=now),
        conversations=store.list_conversations(),
    )


@dataclass(frozen=True)
class ExportPeriod:
    """The moments an export covers (None: unbounded) and how the period was chosen."""

    since: datetime | None
    until: datetime | None
    chosen_by: str  # "since the session on ...", "the last 4 weeks", "everything", "as asked"


def export_period(
    store: Store,
    *,
    since: datetime | None,
    until: datetime | None,
    since_session: bool,
    everything: bool,
    human: bool,
    now: datetime,
    tz: tzinfo,
) -> ExportPeriod:
    """The export's period. Data formats (json, csv) keep everything unless bounded; the human
    ones (md, html, pdf) default to since the last past session, else the last 4 weeks."""
    from workjournal.errors import InvalidInput

    if since_session:
        last = store.last_session_at(before=now)
        if last is None:
            raise InvalidInput(
                "no therapy session is recorded yet, so --since-session has no start. "
                "Use --since instead (for example --since 2026-11-01)."
            )
        return ExportPeriod(last, until, f"since the session on {last.astimezone(tz):%a %d %b}")
    if since is not None or until is not None:
        return ExportPeriod(since, until, "as asked")
    if everything or not human:
        return ExportPeriod(None, None, "everything")
    begin = session_start(store, since=None, now=now, tz=tz, default_days=EXPORT_DEFAULT_DAYS)
    if begin.last_session is not None:
        chosen = f"since the session on {begin.last_session.at.astimezone(tz):%a %d %b}"
    else:
        chosen = "the last 4 weeks"
    return ExportPeriod(begin.start, None, chosen)


def document(
    store: Store,
    flt: EntryFilter,
    *,
    sections: tuple[str, ...],
    redact: bool,
    now: datetime,
    tz: tzinfo,
    first_weekday: int = 0,
    chosen_by: str = "as asked",
) -> ShareDocument:
    """Everything the therapist export shows, gathered once: the period summary (the same
    :func:`~workjournal.reports.summary.period_summary` as the week), homework progress by the
    rule above, check-ins with their change (the same :func:`workjournal.checkins.history` as
    ``checkin history``), thought records and the entries."""
    from workjournal.exporters.document import EntryStream, make_document
    from workjournal.reports.summary import (
        SUMMARY_KINDS,
        LabelTotals,
        day_totals_from_rows,
        summary_of_totals,
    )

    oldest_first = replace(flt, newest_first=False, limit=None)
    all_checkins = store.list_checkins()  # all of them: a change can start before the period
    thoughts = [
        r
        for r in store.list_thought_records(since=flt.since, until=flt.until)
        if flt.include_private or not r.private
    ]
    assignments = store.list_homework()
    today = now.astimezone(tz).date()
    if flt.since is not None:
        start = flt.since.astimezone(tz).date()
    else:  # everything: from the first day anything was recorded
        first_entry_day = store.first_local_day(oldest_first)
        days = [] if first_entry_day is None else [date.fromisoformat(first_entry_day)]
        days += [c.taken_at.date() for c in all_checkins] + [t.occurred_at.date() for t in thoughts]
        days += [h.created_at.date() for h in assignments]
        start = min(days, default=today)
    end = flt.until.astimezone(tz).date() if flt.until is not None else today
    end = max(end, start)
    homework = homework_over(
        store, start, end, assignments=assignments, since=flt.since, today=min(end, today)
    )
    plan = store.safety_plan() if "safety-plan" in sections else None
    # The summary from totals summed in SQL (no Entry objects), by the same function as every
    # period summary; the entries themselves are streamed to the writer.
    first_day, last_day = start.isoformat(), end.isoformat()
    summary = summary_of_totals(
        day_totals_from_rows(store.summary_day_totals(oldest_first, first_day, last_day)),
        [
            LabelTotals(*row)
            for row in store.summary_label_totals(oldest_first, first_day, last_day, SUMMARY_KINDS)
        ],
        store.discuss_ids(oldest_first, first_day, last_day),
        start=start,
        end=end,
        first_weekday=first_weekday,
    )
    entries = EntryStream(
        store.count_matching(oldest_first),
        lambda: store.iter_entries(oldest_first),
        lambda n: store.list_entries(replace(oldest_first, newest_first=True, limit=n))[::-1],
    )
    return make_document(
        entries,
        start=start,
        end=end,
        since=flt.since,
        until=flt.until,
        generated_at=now.astimezone(tz),
        sections=sections,
        redact=redact,
        checkins=all_checkins,
        homework=homework,
        thoughts=thoughts,
        safety_plan=plan,
        first_weekday=first_weekday,
        chosen_by=chosen_by,
        summary=summary,
        flagged=store.list_entries(replace(oldest_first, discuss=True)),
        card_weeks=card_weeks(store, start, end, first_weekday)
        if "diary-card" in sections or "summary" in sections
        else (),
        **_document_work(
            store, store.entries_answering_prompts(oldest_first), flt, start=start, end=end
        ),
    )


def _document_work(
    store: Store, entries: Sequence[Entry], flt: EntryFilter, *, start: date, end: date
) -> dict[str, Any]:
    """The export's practice, reflections and conversations held: the report functions that
    ``week`` and ``prep`` use, over the export's moments (its local days when bounded; with no
    start, everything up to its end)."""
    from workjournal.reports.work import (
        conversation_summary,
        practice_summary,
        reflection_summary,
    )

    bounds: dict[str, Any] = {
        "first": start if flt.since is not None else date.min,
        "last": end,
        "since": flt.since,
        "until": flt.until,
    }
    return {
        "practice": practice_summary(
            store.list_practice(since=flt.since, until=flt.until), **bounds
        ),
        "reflections": reflection_summary(entries, include_private=flt.include_private, **bounds),
        "conversations": conversation_summary(store.list_conversations(), **bounds),
    }
