"""Gentle reminders: ``journal remind set|weekly|list|off|quiet|check|install|uninstall|prompt``.

Reminders live in the journal. ``check`` is what the computer's scheduler runs every few
minutes; ``install`` puts it there (only when asked, for this user only). ``prompt`` is served
before Typer loads (see workjournal.quick) and is only documented here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workjournal import reminder_mirror, reminders
from workjournal.cli import common
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.errors import EncryptionError, InvalidInput, NoJournal

if TYPE_CHECKING:
    from workjournal.store import Store

QUIET_KEY = reminders.QUIET_KEY
WEEK_KEY = reminders.WEEK_KEY

remind_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Gentle reminders that stay quiet once you have written that day.\n\n"
        "Example: journal remind set 21:00 && journal remind install"
    ),
)

MessageOpt = Annotated[
    str | None,
    typer.Option("--message", metavar="TEXT", help="Your own wording for the notification."),
]


def _quiet(raw: str | None) -> tuple[time, time] | None:
    return reminders.parse_quiet(raw) if raw else None


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _install_hint() -> None:
    info("Run `journal remind install` once so your computer's scheduler looks for it.")


@remind_app.command("set")
def set_daily(
    ctx: typer.Context,
    at: Annotated[str, typer.Argument(metavar="HH:MM", help="The time, on a 24-hour clock.")],
    days: Annotated[
        str,
        typer.Option(
            "--days", metavar="DAYS", help="daily (default), weekdays, weekends or mon,wed,fri."
        ),
    ] = "daily",
    message: MessageOpt = None,
) -> None:
    """Set a daily check-in reminder. It stays quiet on a day you already wrote something.

    Example: journal remind set 21:30 --days weekdays
    """
    when = checked("HH:MM", lambda: reminders.parse_time(at))
    chosen = checked("--days", lambda: reminders.parse_days(days))
    text = checked("--message", lambda: reminders.check_message(message)) if message else ""
    now, _ = common.now_and_tz()
    with common.open_journal(ctx, write=True) as store:
        added = store.add_reminder("daily", when, chosen, text, created_at=now)
        reminder_mirror.sync(store)
    info(f"Reminder {added.id}: {added.describe()}.")
    _install_hint()


@remind_app.command("weekly")
def set_weekly(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(metavar="DAY", help="A weekday, e.g. sunday or sun.")],
    at: Annotated[str, typer.Argument(metavar="HH:MM", help="The time, on a 24-hour clock.")],
    message: MessageOpt = None,
) -> None:
    """Set a weekly reminder to look back on the week (quiet once `journal week` was opened).

    Example: journal remind weekly sunday 18:00
    """
    weekday = checked("DAY", lambda: reminders.parse_weekday(day))
    when = checked("HH:MM", lambda: reminders.parse_time(at))
    text = checked("--message", lambda: reminders.check_message(message)) if message else ""
    now, _ = common.now_and_tz()
    with common.open_journal(ctx, write=True) as store:
        added = store.add_reminder("weekly", when, (weekday,), text, created_at=now)
        reminder_mirror.sync(store)
    info(f"Reminder {added.id}: {added.describe()}.")
    _install_hint()


def _reads_journal(store: Store) -> bool:
    """Whether the scheduler's check can look inside (plain, or a remembered passphrase)."""
    if not store.encrypted:
        return True
    from workjournal import crypto

    try:
        return crypto.keyring_get(store.path) is not None
    except EncryptionError:
        return False


@remind_app.command("list")
def list_reminders(
    ctx: typer.Context,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """List your reminders and quiet hours.

    Example: journal remind list --format json
    """
    try:
        with common.open_journal(ctx, write=False) as store:
            items = store.list_reminders()
            quiet = _quiet(store.state_value(QUIET_KEY))
            looks = _reads_journal(store)
    except NoJournal:
        items, quiet, looks = [], None, True
    if fmt is ShortFormat.json:
        common.print_json(
            {
                "reminders": [item.to_json() for item in items],
                "quiet_hours": reminders.format_quiet(quiet) if quiet else None,
                "reads_journal": looks,
            }
        )
        return
    from workjournal import render

    render.reminders_table(items, quiet=quiet, reads_journal=looks)


@remind_app.command("off")
def off(
    ctx: typer.Context,
    ids: Annotated[
        list[int] | None, typer.Argument(max=common.ID_MAX, metavar="[ID]...", help="Which ones.")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Turn every reminder off.")] = False,
) -> None:
    """Turn reminders off (the scheduler entry stays until `journal remind uninstall`).

    Example: journal remind off 2
    """
    if bool(ids) == every:
        raise typer.BadParameter("name the reminder ids, or give --all.", param_hint="'ID'")
    with common.open_journal(ctx, write=True) as store:
        gone = store.delete_reminders(None if every else ids)
        reminder_mirror.sync(store)
    info(f"Turned off {gone} reminder{'s' if gone != 1 else ''}.")


@remind_app.command("quiet")
def quiet_hours(
    ctx: typer.Context,
    span: Annotated[
        str, typer.Argument(metavar="HH:MM-HH:MM|off", help="e.g. 22:00-07:00, or off.")
    ],
) -> None:
    """Set quiet hours, when no reminder is sent (they may run past midnight).

    Example: journal remind quiet 22:00-07:00
    """
    value = None
    if span.strip().lower() != "off":
        value = reminders.format_quiet(checked("HH:MM-HH:MM", lambda: reminders.parse_quiet(span)))
    with common.open_journal(ctx, write=True) as store:
        store.set_state_value(QUIET_KEY, value)
        reminder_mirror.sync(store)
    info(f"Quiet hours: {value}." if value else "Quiet hours are off.")


def _due(
    items: list[reminders.Reminder],
    *,
    now: datetime,
    tz: tzinfo,
    quiet: tuple[time, time] | None,
    wrote_on: set[date] | None,
    week_opened: date | None,
    week_start: int,
) -> list[reminders.Decision]:
    return [
        reminders.decide(
            item,
            now=now,
            tz=tz,
            quiet=quiet,
            wrote_on=wrote_on,
            week_opened=week_opened,
            week_start=week_start,
        )
        for item in items
    ]


def _send(text: str) -> None:
    from workjournal import notify

    notifier = notify.find_notifier()
    if notifier is None or not notify.send(notifier, text):
        typer.echo(text, err=True)


@remind_app.command("check")
def check(
    ctx: typer.Context,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say why each reminder is or is not sent.")
    ] = False,
) -> None:
    """Send any reminder that is due (what the scheduler runs every few minutes; never asks).

    Example: journal remind check --verbose
    """
    from workjournal.store import looks_encrypted

    now, tz = common.now_and_tz()
    week_start = common.state(ctx).config.week_start
    path = common.state(ctx).db_path
    if not path.is_file():
        return
    today = now.astimezone(tz).date()
    if looks_encrypted(path):
        try:
            store = common.open_journal(ctx, write=False, ask=False)
        except EncryptionError:
            _check_without_looking(path, now=now, tz=tz, week_start=week_start, verbose=verbose)
            return
    else:
        store = common.open_journal(ctx, write=False, ask=False)
    with store:
        decisions = _due(
            store.list_reminders(),
            now=now,
            tz=tz,
            quiet=_quiet(store.state_value(QUIET_KEY)),
            wrote_on=store.days_with_records(today - timedelta(days=1), today),
            week_opened=_day(store.state_value(WEEK_KEY)),
            week_start=week_start,
        )
        for decision in decisions:
            _report(decision, verbose)
            if decision.send and decision.day is not None:
                store.mark_reminder_sent(decision.reminder.id, decision.day)
                _send(decision.reminder.text)
        reminder_mirror.sync(store)


def _check_without_looking(
    path: Path, *, now: datetime, tz: tzinfo, week_start: int, verbose: bool
) -> None:
    """An encrypted journal whose passphrase is not remembered: use the mirror beside it and
    send without knowing whether anything was written today."""
    from workjournal import reminder_mirror

    mirror = reminder_mirror.load(path)
    if mirror is None:
        return
    decisions = _due(
        list(mirror.reminders),
        now=now,
        tz=tz,
        quiet=mirror.quiet,
        wrote_on=None,
        week_opened=mirror.week_opened,
        week_start=week_start,
    )
    for decision in decisions:
        _report(decision, verbose)
        if decision.send and decision.day is not None:
            mirror = mirror.sent(decision.reminder.id, decision.day)
            reminder_mirror.save(path, mirror)
            _send(decision.reminder.text)


def _report(decision: reminders.Decision, verbose: bool) -> None:
    if verbose:
        what = "sending" if decision.send else "quiet"
        info(
            f"Reminder {decision.reminder.id} ({decision.reminder.describe()}): {what}, "
            f"{decision.why}."
        )


SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", metavar="NAME", help="systemd, cron or launchd (default: the one found)."
    ),
]


def _scheduler(name: str | None) -> str:
    from workjournal import schedulers

    if name is None:
        found = schedulers.detect()
        if found is None:
            raise InvalidInput(
                "no scheduler was found (systemd, cron or launchd). Add `journal remind check` "
                "to whatever runs programs on a schedule, every 5 minutes."
            )
        return found
    if name not in schedulers.SCHEDULERS:
        raise typer.BadParameter(
            f"choose one of {', '.join(schedulers.SCHEDULERS)}.", param_hint="'--scheduler'"
        )
    return name


@remind_app.command("install")
def install(
    ctx: typer.Context,
    scheduler: SchedulerOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be written; write nothing.")
    ] = False,
) -> None:
    """Ask this computer's scheduler to run `journal remind check` every 5 minutes, for you
    only (no root). Prints exactly what it writes and how to undo it.

    Example: journal remind install --dry-run
    """
    from workjournal import schedulers

    chosen = _scheduler(scheduler)
    argv = schedulers.check_argv(schedulers.journal_argv(), common.state(ctx).db_path)
    plan = schedulers.plan(chosen, argv)
    for line in schedulers.describe(plan):
        typer.echo(line)
    if dry_run:
        info("Dry run: nothing was written.")
        return
    schedulers.apply(plan)
    info(f"Installed for {chosen}.")


@remind_app.command("uninstall")
def uninstall(scheduler: SchedulerOpt = None) -> None:
    """Remove exactly what `journal remind install` added.

    Example: journal remind uninstall
    """
    from workjournal import schedulers

    chosen = _scheduler(scheduler)
    removed = schedulers.remove(chosen)
    if not removed:
        info(f"Nothing of workjournal's was installed for {chosen}.")
        return
    for what in removed:
        info(f"Removed {what}.")


@remind_app.command("prompt")
def prompt(ctx: typer.Context) -> None:
    """Print one short line when nothing was written today (for a shell prompt); else nothing.

    Example: journal remind prompt
    """
    from workjournal import quick

    quick.prompt_line(common.state(ctx).db_path)


def register(app: typer.Typer) -> None:
    app.add_typer(remind_app, name="remind")
