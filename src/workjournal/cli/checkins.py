"""PHQ-9 and GAD-7 check-ins: take one (interactively or with --answers), see the history."""

from __future__ import annotations

from datetime import datetime
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
    help="Check-ins with the PHQ-9 (mood) and GAD-7 (anxiety). Self-report, not a diagnosis."
    "\n\nExample: journal checkin phq9",
)


def ask_form(inst: forms.Instrument, answers: list[int] | None = None) -> tuple[int, ...] | None:
    """Walk through the form on stderr, appending to ``answers`` as they come (a draft's
    answers are not asked again); None when stdin closes before the first answer. Closing it
    later raises EOFError, so the answers given are kept as a draft."""
    from workjournal import checkins as forms

    answers = [] if answers is None else answers
    labels = ", ".join(f"{i} {label}" for i, label in enumerate(forms.ANSWER_LABELS))
    prompt.say(f"{inst.name} · {inst.stem}")
    prompt.say(f"Answer each with {labels}.")
    prompt.say()
    count = len(inst.items)
    try:
        for number, item in enumerate(inst.items, start=1):
            if number <= len(answers):
                continue
            prompt.say(f"{number}/{count} {item}")
            while True:
                answer = forms.parse_one_answer(prompt.ask(f"    0-{forms.ANSWER_MAX}: "))
                if answer is not None:
                    answers.append(answer)
                    break
                prompt.say(f"    Please type a number from 0 to {forms.ANSWER_MAX}. {labels}.")
    except prompt.EndOfInput:
        if answers:
            raise EOFError from None
        return None
    prompt.say()
    return tuple(answers)


def ask_difficulty() -> int | None:
    """The unscored last question; Enter (or the end of input) skips it."""
    from workjournal import checkins as forms

    labels = ", ".join(f"{i} {label}" for i, label in enumerate(forms.DIFFICULTY_LABELS))
    prompt.say(forms.DIFFICULTY_QUESTION)
    prompt.say(f"Answer with {labels}; or press Enter to skip. It does not change the score.")
    try:
        while True:
            raw = prompt.ask(f"    0-{forms.DIFFICULTY_MAX} or Enter: ").strip()
            if not raw:
                return None
            answer = forms.parse_one_answer(raw)
            if answer is not None:
                return answer
            prompt.say(
                f"    Please type a number from 0 to {forms.DIFFICULTY_MAX}, or press Enter."
            )
    except prompt.EndOfInput:
        return None


def _ask_with_drafts(
    ctx: typer.Context, inst: forms.Instrument, key: str, now: datetime
) -> tuple[int, ...]:
    """The form at a terminal: an interrupted one is kept as a draft, and the next check-in
    with the same form offers to continue it."""
    from workjournal.cli import drafting

    given: list[int] = []
    with common.open_journal(ctx, write=True) as store:
        resumed = None
        if common.stdin_is_terminal() and any(
            d.fields.get("instrument") == key for d in store.list_drafts("checkin")
        ):
            resumed = drafting.offer(store, "checkin")
        if resumed is not None and resumed[1].get("instrument") == key:
            given += [int(a) for a in resumed[1].get("answers", [])][: len(inst.items)]
        with drafting.keep_as_draft(
            store,
            "checkin",
            lambda: {"instrument": key, "answers": list(given)} if given else {},
            now=now,
        ):
            if resumed is not None:
                store.discard_draft(resumed[0])
            asked = ask_form(inst, given)
    if asked is None:
        info("The check-in was stopped before the end, so nothing was saved.")
        raise typer.Exit(1)
    return asked


def result_text(checkin: Checkin) -> str:
    from workjournal import checkins as forms

    inst = forms.instrument(checkin.instrument)
    line = f"{inst.name}: {checkin.total} of {inst.max_total} · {checkin.band}"
    item9 = forms.item9_note(checkin)
    if item9:
        line += f" · {item9}"
    lines = [line]
    if checkin.difficulty_label is not None:
        lines.append(f"Difficulty: {checkin.difficulty_label.lower()} (not part of the score)")
    lines += [forms.NOT_A_DIAGNOSIS, forms.ATTRIBUTION]
    return "\n".join(lines)


def _take(
    ctx: typer.Context,
    key: str,
    answers_opt: str | None,
    difficulty_opt: str | None,
    at: str | None,
    fmt: ShortFormat,
) -> None:
    from workjournal import checkins as forms

    inst = forms.instrument(key)
    now, tz = common.now_and_tz()
    taken_at = common.parse_at(at, now=now, tz=tz)
    difficulty: int | None = None
    if difficulty_opt is not None:
        raw_difficulty = difficulty_opt
        difficulty = checked("--difficulty", lambda: forms.parse_difficulty(raw_difficulty))
    if answers_opt is not None:
        answers = checked("--answers", lambda: forms.parse_answers(key, answers_opt))
    else:
        answers = _ask_with_drafts(ctx, inst, key, now)
        if difficulty is None and any(answers):  # the form asks it only after a problem
            difficulty = ask_difficulty()
    with common.open_journal(ctx, write=True) as store:
        checkin = store.add_checkin(
            key, answers, taken_at=taken_at, created_at=now, difficulty=difficulty
        )
    info(f"Saved check-in {checkin.id} ({inst.name}).")
    if fmt is ShortFormat.json:
        common.print_json(checkin.to_json())
        info(forms.NOT_A_DIAGNOSIS)
        info(forms.ATTRIBUTION)
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
DifficultyOpt = Annotated[
    str | None,
    typer.Option(
        "--difficulty",
        metavar="0-3",
        help="The unscored last question, how difficult the problems made things: "
        "0 not difficult at all, 1 somewhat, 2 very, 3 extremely difficult.",
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
    difficulty: DifficultyOpt = None,
    at: AtOpt = None,
    fmt: FormatOpt = ShortFormat.table,
) -> None:
    """The PHQ-9: nine questions about mood over the last 2 weeks.

    Example: journal checkin phq9 --answers 1,1,0,2,1,0,1,0,0 --difficulty 1
    """
    _take(ctx, "phq9", answers, difficulty, at, fmt)


@checkin_app.command("gad7")
def gad7(
    ctx: typer.Context,
    answers: AnswersOpt = None,
    difficulty: DifficultyOpt = None,
    at: AtOpt = None,
    fmt: FormatOpt = ShortFormat.table,
) -> None:
    """The GAD-7: seven questions about anxiety over the last 2 weeks.

    Example: journal checkin gad7 --answers 1,2,1,0,0,1,1
    """
    _take(ctx, "gad7", answers, difficulty, at, fmt)


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
    checkin_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The check-in's id.")
    ],
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
