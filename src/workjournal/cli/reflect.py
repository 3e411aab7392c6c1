"""Guided self-reflection: answer a gentle prompt; the answer is saved as a journal entry that
remembers the prompt it answers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from workjournal.cli import common
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.cli.entries import (
    EmotionOpt,
    MoodOpt,
    TriggerOpt,
    _confirmation,
    _emotions,
    _mood,
    _names,
)
from workjournal.errors import InvalidInput, NoJournal
from workjournal.models import NewEntry, check_text

if TYPE_CHECKING:
    from workjournal.reflection import Prompt

reflect_app = typer.Typer(
    rich_markup_mode=None,
    invoke_without_command=True,
    help=(
        "Guided self-reflection: one gentle question, and your answer kept as an entry.\n\n"
        "Example: journal reflect --theme progress"
    ),
)

ThemeOpt = Annotated[
    str | None,
    typer.Option(
        "--theme",
        metavar="THEME",
        help="fear, shame, resentment, grief, patterns, progress, after-session, values, own.",
    ),
]


def _theme(raw: str | None) -> str | None:
    from workjournal.reflection import parse_theme

    return None if raw is None else checked("--theme", lambda: parse_theme(raw))


def _all_prompts(ctx: typer.Context) -> list[Prompt]:
    from workjournal.reflection import LIBRARY

    try:
        with common.open_journal(ctx, write=False) as store:
            own = store.own_prompts()
    except NoJournal:
        own = []
    return [*LIBRARY, *own]


@reflect_app.callback()
def reflect(
    ctx: typer.Context,
    theme: ThemeOpt = None,
    prompt_id: Annotated[
        str | None, typer.Option("--prompt", metavar="ID", help="Answer this prompt, e.g. fear-2.")
    ] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Write the answer in $EDITOR.")] = False,
    text: Annotated[
        str | None, typer.Option("--text", metavar="TEXT", help="The answer, given here.")
    ] = None,
    mood: MoodOpt = None,
    trigger: TriggerOpt = None,
    emotion: EmotionOpt = None,
) -> None:
    """Show one reflection prompt and keep your answer as an entry.

    Without --theme it picks a prompt you have not answered in the last two weeks, leaning
    to what your past week held (a recent session, feelings logged often).

    Example: journal reflect --theme progress
    """
    if ctx.invoked_subcommand is not None:
        return
    from workjournal.reflection import choose_prompt, find_prompt

    now, _ = common.now_and_tz()
    wanted = _theme(theme)
    fields = NewEntry(
        occurred_at=now,
        mood=_mood(mood),
        triggers=_names(trigger, "--trigger", "trigger"),
        emotions=_emotions(emotion),
    )
    prompts: list[Prompt] = []
    answered: list[tuple[str, datetime]] = []
    emotions: list[str] = []
    last_session = None
    try:
        with common.open_journal(ctx, write=False) as store:
            prompts = store.own_prompts()
            answered = list(store.answered_prompts(since=now - timedelta(days=14)))
            from workjournal.models import EntryFilter

            week = store.list_entries(EntryFilter(since=now - timedelta(days=7), until=now))
            emotions = [emotion.name for entry in week for emotion in entry.emotions]
            last_session = store.last_session_at(before=now)
    except NoJournal:
        pass
    from workjournal.reflection import LIBRARY

    prompts = [*LIBRARY, *prompts]
    if prompt_id is not None:
        chosen = checked("--prompt", lambda: find_prompt(prompts, prompt_id))
    else:
        chosen = checked(
            "--theme",
            lambda: choose_prompt(
                prompts,
                answered=answered,
                emotions=emotions,
                last_session=last_session,
                now=now,
                theme=wanted,
            ),
        )
    info(f"{chosen.text}  ({chosen.id})")
    if text is not None:
        body = text
    elif edit:
        from workjournal.cli.capture import edit_for

        body = edit_for(ctx, "")
    elif not common.stdin_is_terminal():
        body = common.read_stdin_text()
    else:
        from workjournal.cli.prompt import ask_lines

        info("Take your time; finish with an empty line.")
        body = "\n".join(ask_lines("> ") or [])
    checked("--text", lambda: check_text(body))
    if not body.strip():
        raise InvalidInput("there was no answer, so nothing was saved. The prompt will keep.")
    from dataclasses import replace

    new = replace(fields, text=body)
    with common.open_journal(ctx, write=True) as store:
        entry = store.add_reflection(new, chosen, created_at=now)
    info(_confirmation("Saved reflection as", entry))


@reflect_app.command("prompts")
def prompts(
    ctx: typer.Context,
    theme: ThemeOpt = None,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """List the reflection prompts (the library and your own), with their ids.

    Example: journal reflect prompts --theme grief
    """
    wanted = _theme(theme)
    items = [p for p in _all_prompts(ctx) if wanted is None or p.theme == wanted]
    if fmt is ShortFormat.json:
        common.print_json([p.to_json() for p in items])
        return
    from workjournal import render

    render.prompts_table(items)


@reflect_app.command("add-prompt")
def add_prompt(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The question, in your words or your therapist's.")],
    theme: ThemeOpt = None,
) -> None:
    """Add a prompt of your own (for example one your therapist gave you).

    Example: journal reflect add-prompt "What did I need in that moment?" --theme shame
    """
    from workjournal.reflection import check_prompt_text

    clean = checked("TEXT", lambda: check_prompt_text(text))
    wanted = _theme(theme) or "own"
    now, _ = common.now_and_tz()
    with common.open_journal(ctx, write=True) as store:
        prompt = store.add_own_prompt(clean, theme=wanted, created_at=now)
    info(f"Added prompt {prompt.id} ({prompt.theme}). `journal reflect --prompt {prompt.id}`.")


def register(app: typer.Typer) -> None:
    app.add_typer(reflect_app, name="reflect")
