"""Mindfulness and skills practice: start one here, log one done elsewhere, list, edit, delete."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.errors import InvalidInput
from workjournal.practice import NewPractice, Practice

practice_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Mindfulness and skills practice: start one, log one done elsewhere, list them.\n\n"
        "Example: journal practice start breathing --minutes 5 --breathe 4-4-4-4"
    ),
)

# Seconds in a practice minute: 60, except in tests, which never wait minutes.
SECONDS_PER_MINUTE_ENV = "WORKJOURNAL_PRACTICE_SECONDS_PER_MINUTE"


def _complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        with common.open_journal(ctx, write=False, ask=False) as store:
            return store.practice_names(prefix=incomplete.casefold())
    except Exception:  # completion must never print a traceback into the shell
        return []


NameArg = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="What you practised: breathing, body scan, walk...",
        autocompletion=_complete_name,
    ),
]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="What you noticed.")]
HomeworkOpt = Annotated[
    int | None,
    typer.Option(
        "--homework", metavar="ID", help="Also log it as done for this homework assignment."
    ),
]


def _new(**fields: object) -> NewPractice:
    return checked("NAME", lambda: NewPractice(**fields))  # type: ignore[arg-type]


def _describe(p: Practice) -> str:
    parts = [f"practice {p.id}: {p.name}", f"{p.minutes} min", clock.format_moment(p.at)]
    if p.before is not None or p.after is not None:
        parts.append(
            f"distress {'-' if p.before is None else p.before} → "
            f"{'-' if p.after is None else p.after}"
        )
    return " · ".join(parts)


def _save(ctx: typer.Context, new: NewPractice) -> None:
    now, _ = common.now_and_tz()
    with common.open_journal(ctx, write=True) as store:
        saved = store.add_practice(new, created_at=now)
        title = store.get_homework(new.homework_id).title if new.homework_id else None
    message = f"Logged {_describe(saved)}."
    if title is not None:
        message += f" Counted for homework {new.homework_id} ({title})."
    info(message)


@practice_app.command("log")
def log(
    ctx: typer.Context,
    name: NameArg,
    minutes: Annotated[
        int, typer.Option("--minutes", metavar="N", min=1, max=1440, help="How long, in minutes.")
    ],
    at: Annotated[
        str | None, typer.Option("--at", metavar="WHEN", help="When (default: now).")
    ] = None,
    note: NoteOpt = None,
    before: common.DistressBeforeOpt = None,
    after: common.DistressAfterOpt = None,
    homework: HomeworkOpt = None,
) -> None:
    """Record practice done elsewhere: a class, an app, a mindful walk.

    Example: journal practice log "body scan" --minutes 15 --before 6 --after 4
    """
    now, tz = common.now_and_tz()
    new = _new(
        name=name,
        minutes=minutes,
        at=common.parse_at(at, now=now, tz=tz),
        note=note or "",
        before=before,
        after=after,
        homework_id=homework,
    )
    _save(ctx, new)


@practice_app.command("start")
def start(
    ctx: typer.Context,
    name: NameArg,
    minutes: Annotated[
        int, typer.Option("--minutes", metavar="N", min=1, max=180, help="How long (default 10).")
    ] = 10,
    breathe: Annotated[
        str | None,
        typer.Option(
            "--breathe", metavar="IN-HOLD-OUT-HOLD", help="A breathing pacer, e.g. 4-4-4-4."
        ),
    ] = None,
    homework: HomeworkOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No bell at the end.")] = False,
    note: NoteOpt = None,
    before: common.DistressBeforeOpt = None,
    after: common.DistressAfterOpt = None,
) -> None:
    """Practise here with a calm countdown; Ctrl-C ends early and keeps the minutes done.

    Example: journal practice start breathing --minutes 5 --breathe 4-4-4-4
    """
    from workjournal.practice import minutes_practised, parse_breathing

    pattern = checked("--breathe", lambda: parse_breathing(breathe)) if breathe else None
    checked("NAME", lambda: NewPractice(name=name, minutes=minutes, at=clock.now()))
    if not common.stdin_is_terminal():
        raise InvalidInput(
            "`practice start` runs a live timer and needs a terminal. To record practice done "
            "elsewhere, use `journal practice log NAME --minutes N`."
        )
    if homework is not None:
        with common.open_journal(ctx, write=False) as store:
            store.get_homework(homework)  # say so now, not after the practice
    per_minute = _seconds_per_minute()
    started, tz = common.now_and_tz()
    from workjournal import render

    elapsed, finished = render.practice_countdown(
        name.strip(),
        total_seconds=minutes * per_minute,
        seconds_per_minute=per_minute,
        breathing=pattern,
        bell=not quiet,
    )
    done = min(minutes, minutes_practised(elapsed, seconds_per_minute=per_minute))
    if finished:
        done = minutes
    if done < 1:
        info("That was under a minute, so nothing was saved. Any moment of practice still counts.")
        return
    if not finished:
        info(f"Ended after {done} min; that is kept.")
    note_text, before, after = _afterwards(note, before, after)
    _save(
        ctx,
        _new(
            name=name,
            minutes=done,
            at=started.astimezone(tz),
            note=note_text,
            before=before,
            after=after,
            homework_id=homework,
        ),
    )


def _seconds_per_minute() -> float:
    raw = os.environ.get(SECONDS_PER_MINUTE_ENV, "").strip()
    if not raw:
        return 60.0
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value <= 60:
        raise InvalidInput(f"{SECONDS_PER_MINUTE_ENV} must be a number of seconds from 0 to 60.")
    return value


def _afterwards(
    note: str | None, before: int | None, after: int | None
) -> tuple[str, int | None, int | None]:
    """The skippable questions after a practice, for whatever was not given as an option."""
    from workjournal.cli.prompt import EndOfInput, ask, say
    from workjournal.models import parse_scale

    if note is not None and before is not None and after is not None:
        return note, before, after
    say("A few questions, if you like. Press Enter to skip any of them.")
    try:
        if note is None:
            from workjournal.cli.prompt import ask_lines

            lines = ask_lines("What did you notice? ")
            note = "\n".join(lines or [])
        values = [before, after]
        for index, question in enumerate(("Distress before (0-10)? ", "Distress after (0-10)? ")):
            while values[index] is None:
                raw = ask(question)
                if not raw.strip():
                    break
                try:
                    values[index] = parse_scale(raw, what="distress", low=0, high=10)
                except InvalidInput as exc:
                    say(f"  {exc.message} Try again, or press Enter to skip.")
        before, after = values
    except EndOfInput:
        pass
    return note or "", before, after


@practice_app.command("list")
def list_practice(
    ctx: typer.Context,
    since: common.SinceOpt = None,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """List your practice, oldest first.

    Example: journal practice list --since monday --format json
    """
    now, tz = common.now_and_tz()
    start, _ = common.parse_bounds(since, None, now=now, tz=tz)
    with common.open_journal(ctx, write=False) as store:
        items = store.list_practice(since=start)
    if fmt is ShortFormat.json:
        common.print_json([p.to_json() for p in items])
        return
    from workjournal import render

    render.practice_table(items)


@practice_app.command("edit")
def edit(
    ctx: typer.Context,
    practice_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The practice's id.")
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="A new name.", autocompletion=_complete_name),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", metavar="N", min=1, max=1440, help="Minutes.")
    ] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="WHEN", help="When.")] = None,
    note: NoteOpt = None,
    before: common.DistressBeforeOpt = None,
    after: common.DistressAfterOpt = None,
    homework: Annotated[
        int | None, typer.Option("--homework", metavar="ID", help="Link to this homework.")
    ] = None,
) -> None:
    """Change a practice. Each option given replaces that field; the rest stay as they are.

    Example: journal practice edit 3 --minutes 20 --after 3
    """
    given = (name, minutes, at, note, before, after, homework)
    if all(value is None for value in given):
        raise InvalidInput("Nothing to change: give at least one option, e.g. --minutes 20.")
    now, tz = common.now_and_tz()
    when = common.parse_at(at, now=now, tz=tz) if at is not None else None
    with common.open_journal(ctx, write=True) as store:
        old = store.get_practice(practice_id)
        new = _new(
            name=old.name if name is None else name,
            minutes=old.minutes if minutes is None else minutes,
            at=when or old.at,
            note=old.note if note is None else note,
            before=old.before if before is None else before,
            after=old.after if after is None else after,
            homework_id=old.homework_id if homework is None else homework,
        )
        saved = store.replace_practice(practice_id, new)
    info(f"Updated {_describe(saved)}.")


@practice_app.command("delete")
def delete(
    ctx: typer.Context,
    practice_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The practice's id.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a practice for good (asks first unless --yes).

    Example: journal practice delete 3
    """
    with common.open_journal(ctx, write=True) as store:
        p = store.get_practice(practice_id)
        if not yes:
            if not common.stdin_is_terminal():
                raise InvalidInput(
                    f"deleting practice {practice_id} needs confirmation: add --yes to delete "
                    "it without a terminal."
                )
            if not typer.confirm(f"Delete {_describe(p)}?", err=True):
                info("Nothing was deleted.")
                return
        store.delete_practice(practice_id)
    info(f"Deleted practice {practice_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(practice_app, name="practice")
