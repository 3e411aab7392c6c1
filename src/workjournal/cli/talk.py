"""Difficult conversations: plan one in DBT's DEAR MAN steps, then note how it went."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.conversations import STEP_HELP, STEPS
from workjournal.errors import InvalidInput

talk_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help=(
        "Difficult conversations: plan one (DEAR MAN), then look back on how it went.\n\n"
        'Example: journal talk plan "Asking for Fridays off" --with manager'
    ),
)


WithOpt = Annotated[str | None, typer.Option("--with", metavar="NAME", help="Who it is with.")]
PriorityOpt = Annotated[
    str | None,
    typer.Option(
        "--priority", metavar="objective|relationship|self-respect", help="What matters most."
    ),
]
ExpectDistressOpt = Annotated[
    int | None,
    typer.Option("--expect-distress", metavar="0-10", min=0, max=10, help="Distress you expect."),
]
ExpectOpt = Annotated[
    str | None, typer.Option("--expect", metavar="TEXT", help="What you expect will happen.")
]


def _step_parameter(step: str) -> str:
    return f"step_{step}"


def _with_step_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``plan`` one ``--STEP TEXT`` option per step of conversations.STEPS, in their order
    after ``--with``: Typer reads the options from the signature set here."""
    signature = inspect.signature(command, eval_str=True)
    fixed = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
    steps = [
        inspect.Parameter(
            _step_parameter(step),
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                str | None, typer.Option(f"--{step}", metavar="TEXT", help=STEP_HELP[step])
            ],
        )
        for step in STEPS
    ]
    after_with = [p.name for p in fixed].index("with_whom") + 1
    ordered = [*fixed[:after_with], *steps, *fixed[after_with:]]
    # keyword-only from the first step on, as a signature requires after a keyword-only one
    ordered = [
        p if i < after_with else p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for i, p in enumerate(ordered)
    ]
    command.__signature__ = signature.replace(parameters=ordered)  # type: ignore[attr-defined]
    return command


def _choice(raw: str | None, option: str, choices: tuple[str, ...], what: str) -> str | None:
    from workjournal.conversations import parse_choice

    return None if raw is None else checked(option, lambda: parse_choice(raw, choices, what))


def _describe(c: object) -> str:
    from workjournal.conversations import Conversation

    assert isinstance(c, Conversation)
    parts = [f"conversation {c.id}: {c.title}"]
    if c.with_whom:
        parts.append(f"with {c.with_whom}")
    if c.held_at is not None:
        parts.append(f"held {clock.format_moment(c.held_at)}")
    return " · ".join(parts)


def plan(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Argument(help="What the conversation is about.")] = None,
    with_whom: WithOpt = None,
    priority: PriorityOpt = None,
    expect_distress: ExpectDistressOpt = None,
    expect: ExpectOpt = None,
    **step_texts: str | None,
) -> None:
    """Plan a hard conversation, step by step (at a terminal, a skippable guided walk).

    Example: journal talk plan "Asking for Fridays off" --with manager --assert "Fridays off"
    """
    from workjournal.conversations import GUIDANCE, PRIORITIES, Conversation

    now, _ = common.now_and_tz()
    steps = [step_texts.get(_step_parameter(name)) for name in STEPS]
    prio = _choice(priority, "--priority", PRIORITIES, "the priority")
    if common.stdin_is_terminal():
        from workjournal.cli.prompt import EndOfInput, ask, say

        say("Planning the conversation. Press Enter to skip any step.")
        try:
            if title is None:
                title = ask("What is it about? ")
            if with_whom is None:
                with_whom = ask("Who is it with? ")
            for index, name in enumerate(STEPS):
                if steps[index] is None:
                    say(GUIDANCE[name])
                    steps[index] = ask("> ")
            if expect is None:
                expect = ask("What do you expect will happen? ")
        except EndOfInput:
            pass
    if title is None or not title.strip():
        raise InvalidInput("a conversation needs a title: what it is about. Nothing was saved.")
    new = checked(
        "TITLE",
        lambda: Conversation(
            title=title or "",
            created_at=now,
            with_whom=with_whom or "",
            steps=tuple(s or "" for s in steps),
            priority=prio,
            expected_distress=expect_distress,
            expected=expect or "",
        ),
    )
    with common.open_journal(ctx, write=True) as store:
        saved = store.add_conversation(new)
    info(f"Planned {_describe(saved)}. `journal talk done {saved.id}` records how it went.")


talk_app.command("plan")(_with_step_options(plan))


@talk_app.command("done")
def done(
    ctx: typer.Context,
    conversation_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The conversation's id.")
    ],
    at: Annotated[
        str | None, typer.Option("--at", metavar="WHEN", help="When it was (default: now).")
    ] = None,
    before: common.DistressBeforeOpt = None,
    after: common.DistressAfterOpt = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar="got|partly|not", help="How it went.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="What happened.")
    ] = None,
) -> None:
    """Record that a planned conversation was held, and how it went.

    Example: journal talk done 1 --before 7 --after 4 --outcome partly
    """
    from workjournal.conversations import OUTCOMES

    now, tz = common.now_and_tz()
    held = common.parse_at(at, now=now, tz=tz)
    result = _choice(outcome, "--outcome", OUTCOMES, "the outcome")
    with common.open_journal(ctx, write=True) as store:
        old = store.get_conversation(conversation_id)
        new = replace(
            old,
            held_at=held,
            before=old.before if before is None else before,
            after=old.after if after is None else after,
            outcome=old.outcome if result is None else result,
            note=old.note if note is None else note,
        )
        saved = store.replace_conversation(conversation_id, new)
    info(f"Recorded {_describe(saved)}. Having it at all took courage.")


@talk_app.command("list")
def list_talks(
    ctx: typer.Context,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """List your planned and held conversations, oldest first.

    Example: journal talk list --format json
    """
    with common.open_journal(ctx, write=False) as store:
        items = store.list_conversations()
    if fmt is ShortFormat.json:
        common.print_json([c.to_json() for c in items])
        return
    from workjournal import render

    render.conversations_table(items)


@talk_app.command("show")
def show(
    ctx: typer.Context,
    conversation_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The conversation's id.")
    ],
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """Show one conversation: the plan, and how it went.

    Example: journal talk show 1
    """
    with common.open_journal(ctx, write=False) as store:
        c = store.get_conversation(conversation_id)
    if fmt is ShortFormat.json:
        common.print_json(c.to_json())
        return
    from workjournal import render

    render.conversation_detail(c)


def edit(
    ctx: typer.Context,
    conversation_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The conversation's id.")
    ],
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Title.")] = None,
    with_whom: WithOpt = None,
    priority: PriorityOpt = None,
    expect_distress: ExpectDistressOpt = None,
    expect: ExpectOpt = None,
    **step_texts: str | None,
) -> None:
    """Change a plan. Each option given replaces that field; the rest stay as they are.

    Example: journal talk edit 1 --negotiate "Fridays every other week"
    """
    from workjournal.conversations import PRIORITIES

    steps = [step_texts.get(_step_parameter(name)) for name in STEPS]
    given = [title, with_whom, *steps, priority, expect_distress, expect]
    if all(value is None for value in given):
        raise InvalidInput("Nothing to change: give at least one option, e.g. --assert TEXT.")
    prio = _choice(priority, "--priority", PRIORITIES, "the priority")
    with common.open_journal(ctx, write=True) as store:
        old = store.get_conversation(conversation_id)
        new = checked(
            "--title",
            lambda: replace(
                old,
                title=old.title if title is None else title,
                with_whom=old.with_whom if with_whom is None else with_whom,
                steps=tuple(o if s is None else s for o, s in zip(old.steps, steps, strict=True)),
                priority=old.priority if prio is None else prio,
                expected_distress=(
                    old.expected_distress if expect_distress is None else expect_distress
                ),
                expected=old.expected if expect is None else expect,
            ),
        )
        saved = store.replace_conversation(conversation_id, new)
    info(f"Updated {_describe(saved)}.")


talk_app.command("edit")(_with_step_options(edit))


@talk_app.command("delete")
def delete(
    ctx: typer.Context,
    conversation_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The conversation's id.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a conversation for good (asks first unless --yes).

    Example: journal talk delete 1
    """
    with common.open_journal(ctx, write=True) as store:
        c = store.get_conversation(conversation_id)
        if not yes:
            if not common.stdin_is_terminal():
                raise InvalidInput(
                    f"deleting conversation {conversation_id} needs confirmation: add --yes to "
                    "delete it without a terminal."
                )
            if not typer.confirm(f"Delete {_describe(c)}?", err=True):
                info("Nothing was deleted.")
                return
        store.delete_conversation(conversation_id)
    info(f"Deleted conversation {conversation_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(talk_app, name="talk")
