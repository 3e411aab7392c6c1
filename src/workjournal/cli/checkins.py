"""PHQ-9 and GAD-7 check-ins: take one (interactively or with --answers), see the history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from workjournal.cli import common, prompt
from workjournal.cli.common import ShortFormat, checked, info

if TYPE_CHECKING:
    from workjournal import checkins as forms
    from workjournal.models import Checkin

checkin_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Check-ins with the PHQ-9 (mood) and GAD-7 (anxiety). Self-report, not a diagnosis.",
)


def ask_form(inst: forms.Instrument) -> tuple[int, ...] | None:
    """Walk through the form on stderr; None when stdin closes before the end."""
    from workjournal import checkins as forms

    labels = ", ".join(f"{i} {label}" for i, label in enumerate(forms.ANSWER_LABELS))
    prompt.say(f"{inst.name} · {inst.stem}")
    prompt.say(f"Answer each with {labels}.")
    prompt.say()
    answers: list[int] = []
    count = len(inst.items)
    try:
        for number, item in enumerate(inst.items, start=1):
            prompt.say(f"{number}/{count} {item}")
            while True:
                answer = forms.parse_one_answer(prompt.ask(f"    0-{forms.ANSWER_MAX}: "))
                if answer is not None:
                    answers.append(answer)
                    break
                prompt.say(f"    Please type a number from 0 to {forms.ANSWER_MAX}. {labels}.")
    except prompt.EndOfInput:
        return None
    prompt.say()
    prompt.say(forms.ATTRIBUTION)
    return tuple(answers)


def result_text(checkin: Checkin) -> str:
    from workjournal import checkins as forms

    inst = forms.instrument(checkin.instrument)
    return (
        f"{inst.name}: {checkin.total} of {inst.max_total} · {checkin.band}\n"
        f"{forms.NOT_A_DIAGNOSIS}\n{forms.ATTRIBUTION}"
    )


def _take(
    ctx: typer.Context, key: str, answers_opt: str | None, at: str | None, fmt: ShortFormat
) -> None:
    from workjournal import checkins as forms

    inst = forms.instrument(key)
    now, tz = common.now_and_tz()
    taken_at = common.parse_at(at, now=now, tz=tz)
    if answers_opt is not None:
        answers = checked("--answers", lambda: forms.parse_answers(key, answers_opt))
    else:
        asked = ask_form(inst)
        if asked is None:
            info("The check-in was stopped before the end, so nothing was saved.")
            raise typer.Exit(1)
        answers = asked
    with common.open_journal(ctx, write=True) as store:
        checkin = store.add_checkin(key, answers, taken_at=taken_at, created_at=now)
    info(f"Saved check-in {checkin.id} ({inst.name}).")
    if fmt is ShortFormat.json:
        common.print_json(checkin.to_json())
        info(forms.NOT_A_DIAGNOSIS)
    else:
        typer.echo(result_text(checkin))
    if forms.item9_positive(checkin):
        from workjournal.cli.support import offer_support
        from workjournal.safety import ITEM9_OPENING

        offer_support(ctx, opening=ITEM9_OPENING)


AnswersOpt = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar="A1,A2,...",
        help="Your answers, 0-3 each, in order: 0,1,2,... (no prompts).",
    ),
]
AtOpt = Annotated[
    str | None, typer.Option("--at", metavar="WHEN", help="When you took it (default: now).")
]
FormatOpt = Annotated[ShortFormat, typer.Option("--format", "-f")]


@checkin_app.command("phq9")
def phq9(
    ctx: typer.Context,
    answers: AnswersOpt = None,
    at: AtOpt = None,
    fmt: FormatOpt = ShortFormat.table,
) -> None:
    """The PHQ-9: nine questions about mood over the last 2 weeks.

    Example: journal checkin phq9 --answers 1,1,0,2,1,0,1,0,0
    """
    _take(ctx, "phq9", answers, at, fmt)


@checkin_app.command("gad7")
def gad7(
    ctx: typer.Context,
    answers: AnswersOpt = None,
    at: AtOpt = None,
    fmt: FormatOpt = ShortFormat.table,
) -> None:
    """The GAD-7: seven questions about anxiety over the last 2 weeks.

    Example: journal checkin gad7 --answers 1,2,1,0,0,1,1
    """
    _take(ctx, "gad7", answers, at, fmt)


@checkin_app.command("history")
def history(ctx: typer.Context, fmt: FormatOpt = ShortFormat.table) -> None:
    """Your check-in scores over time, with the change from the first and the previous one.

    Example: journal checkin history --format json
    """
    from workjournal import checkins as forms

    with common.open_journal(ctx, write=False) as store:
        rows = forms.history(store.list_checkins())
    if fmt is ShortFormat.json:
        common.print_json([row.to_json() for row in rows])
        return
    from workjournal import render

    render.checkin_history_table(rows)


@checkin_app.command("delete")
def delete(
    ctx: typer.Context,
    checkin_id: Annotated[int, typer.Argument(metavar="ID", help="The check-in's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a check-in (asks first unless --yes).

    Example: journal checkin delete 2
    """
    from workjournal import checkins as forms
    from workjournal import clock
    from workjournal.cli.records import confirm_delete

    with common.open_journal(ctx, write=True) as store:
        checkin = store.get_checkin(checkin_id)
        what = f"check-in {checkin_id}"
        name = forms.instrument(checkin.instrument).name
        question = f"Delete {what} ({name}, {clock.format_moment(checkin.taken_at)})?"
        if not confirm_delete(what, question, yes=yes):
            return
        store.delete_record("checkins", checkin_id)
    info(f"Deleted check-in {checkin_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(checkin_app, name="checkin")
