"""CBT thought records: ``journal thought`` walks through the seven columns (or takes them all as
options), ``journal thought list`` and ``journal thought show ID`` display them."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any

import typer

from workjournal import clock
from workjournal.cli import common, prompt
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.errors import InvalidInput
from workjournal.models import Emotion, NewThoughtRecord, parse_emotions

thought_app = typer.Typer(rich_markup_mode=None, invoke_without_command=True)


def _emotions(raws: list[str] | None, option: str) -> tuple[Emotion, ...]:
    return checked(option, lambda: parse_emotions(raws or []))


def _ask_emotions(question: str) -> tuple[Emotion, ...]:
    while True:
        raw = prompt.ask(question)
        try:
            return parse_emotions([raw]) if raw.strip() else ()
        except InvalidInput as exc:
            prompt.say(f"  {exc.message} Try again, or press Enter to skip.")


def _rerate(before: tuple[Emotion, ...]) -> tuple[Emotion, ...]:
    """Ask for each emotion felt before how strong it is now (Enter skips one)."""
    after: list[Emotion] = []
    for emotion in before:
        was = "" if emotion.intensity is None else f" (was {emotion.intensity})"
        while True:
            raw = prompt.ask(f"  {emotion.name}{was}, now 0-100: ")
            if not raw.strip():
                break
            try:
                after.append(emotion.rerated(raw))
                break
            except InvalidInput as exc:
                prompt.say(f"  {exc.message} Try again, or press Enter to skip.")
    return tuple(after)


# The seven steps in order: the field each one fills and its question (the re-rating of step 7
# is asked per emotion of step 2 when there were any).
STEPS: tuple[tuple[str, str], ...] = (
    ("situation", "1/7 Situation: what happened, where, with whom? "),
    ("emotions_before", "2/7 Emotions and how strong, 0-100 (e.g. anxious:80, sad:40): "),
    ("automatic_thought", "3/7 Automatic thought: what went through your mind? "),
    ("evidence_for", "4/7 Evidence that supports the thought: "),
    ("evidence_against", "5/7 Evidence that does not support it: "),
    ("balanced_thought", "6/7 A more balanced thought: "),
    ("emotions_after", "7/7 Emotions now, 0-100 (e.g. anxious:40): "),
)
EMOTION_STEPS = ("emotions_before", "emotions_after")


def walk(record: NewThoughtRecord, answers: dict[str, Any] | None = None) -> NewThoughtRecord:
    """The seven columns, one question each; Enter skips any of them. ``answers`` is filled in
    step by step as the person answers (so an interrupted walk loses nothing), and the steps a
    draft already answered are not asked again. The end of input after a first answer raises
    EOFError, so what was answered is kept as a draft."""
    answers = {} if answers is None else answers
    asked: list[str] = answers.setdefault("asked", [])
    prompt.say("A thought record, in seven steps. Press Enter to skip any of them.")
    if asked:
        prompt.say(f"From your draft: {len(asked)} of 7 steps answered; on from there.")
    try:
        for field, question in STEPS:
            if field in asked:
                continue
            before: tuple[Emotion, ...] = answers.get("emotions_before", ())
            if field == "emotions_after" and before:
                prompt.say("7/7 Re-rate your emotions now:")
                answers[field] = _rerate(before)
            elif field in EMOTION_STEPS:
                answers[field] = _ask_emotions(question)
            else:
                answers[field] = prompt.ask(question).strip()
            asked.append(field)
    except prompt.EndOfInput:
        if asked:
            raise EOFError from None
        info("The thought record was stopped before the end, so nothing was saved.")
        raise typer.Exit(1) from None
    return replace(record, **{field: answers[field] for field, _ in STEPS})


def _to_draft(answers: dict[str, Any]) -> dict[str, Any]:
    """What the walk collected, as a draft's JSON fields (empty when nothing was answered)."""
    if not answers.get("asked"):
        return {}
    return {
        key: [e.to_json() for e in value] if key in EMOTION_STEPS else value
        for key, value in answers.items()
    }


def _from_draft(fields: dict[str, Any]) -> dict[str, Any]:
    """A draft's fields back as the walk's answers; anything unreadable is asked again."""
    answers: dict[str, Any] = {"asked": []}
    for field, _ in STEPS:
        if field not in fields.get("asked", []) or field not in fields:
            continue
        value = fields[field]
        try:
            if field in EMOTION_STEPS:
                value = tuple(Emotion(str(e["name"]), e.get("intensity")) for e in value)
            elif not isinstance(value, str):
                continue
        except (TypeError, KeyError, AttributeError):
            continue
        answers[field] = value
        answers["asked"].append(field)
    return answers


def _guided(
    ctx: typer.Context, record: NewThoughtRecord, *, at_given: bool, now: datetime
) -> NewThoughtRecord:
    """Walk through the steps inside the journal: an interrupted walk is kept as a draft of
    ``thought``, and the next guided ``journal thought`` at a terminal offers to continue it.
    The draft continued is removed only once the record is saved."""
    from workjournal.cli import drafting

    with common.open_journal(ctx, write=True) as store:
        resumed = drafting.offer(store, "thought") if common.stdin_is_terminal() else None
        answers: dict[str, Any] = {"asked": []}
        if resumed is not None:
            answers = _from_draft(resumed[1])
            moment = resumed[1].get("occurred_at")
            if not at_given and isinstance(moment, str):
                with contextlib.suppress(ValueError):  # the draft was about that moment
                    record = replace(record, occurred_at=datetime.fromisoformat(moment))
            if resumed[1].get("private") is True:
                record = replace(record, private=True)

        def kept() -> dict[str, Any]:
            found = _to_draft(answers)
            if not found:
                return {}
            return {
                **found,
                "occurred_at": record.occurred_at.isoformat(),
                "private": record.private,
            }

        replaces = None if resumed is None else resumed[0]
        with drafting.keep_as_draft(store, "thought", kept, now=now, replaces=replaces):
            record = walk(record, answers)
        if not record.is_empty():
            saved = store.add_thought_record(record, created_at=now)
            if resumed is not None:  # only once the record is saved: a word is never in neither
                store.discard_draft(resumed[0])
            info(f"Saved thought record {saved.id} · {clock.format_moment(saved.occurred_at)}.")
    return record


@thought_app.callback()
def thought(
    ctx: typer.Context,
    situation: Annotated[
        str | None, typer.Option("--situation", metavar="TEXT", help="What happened.")
    ] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion",
            "-e",
            metavar="NAME:0-100",
            help="An emotion and its intensity: anxious:80 (repeat).",
        ),
    ] = None,
    automatic: Annotated[
        str | None, typer.Option("--thought", metavar="TEXT", help="The automatic thought.")
    ] = None,
    evidence_for: Annotated[
        str | None,
        typer.Option("--for", metavar="TEXT", help="Evidence that supports the thought."),
    ] = None,
    evidence_against: Annotated[
        str | None,
        typer.Option("--against", metavar="TEXT", help="Evidence that does not support it."),
    ] = None,
    balanced: Annotated[
        str | None, typer.Option("--balanced", metavar="TEXT", help="A more balanced thought.")
    ] = None,
    after: Annotated[
        list[str] | None,
        typer.Option(
            "--after",
            metavar="NAME:0-100",
            help="An emotion re-rated afterwards: anxious:40 (repeat).",
        ),
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="WHEN", help="When it happened (default: now).")
    ] = None,
    private: Annotated[
        bool, typer.Option("--private", help="Keep it out of exports unless asked.")
    ] = False,
) -> None:
    """Write a CBT thought record: situation, emotions, automatic thought, evidence for and
    against, a balanced thought, emotions re-rated. Without options it asks, step by step.

    Example: journal thought --situation "Boss frowned" --thought "I'm failing" -e anxious:80
    --balanced "One frown is not a verdict" --after anxious:40
    """
    if ctx.invoked_subcommand is not None:
        return
    now, tz = common.now_and_tz()
    record = checked(
        "--situation",
        lambda: NewThoughtRecord(
            occurred_at=common.parse_at(at, now=now, tz=tz),
            situation=(situation or "").strip(),
            emotions_before=_emotions(emotion, "--emotion"),
            automatic_thought=(automatic or "").strip(),
            evidence_for=(evidence_for or "").strip(),
            evidence_against=(evidence_against or "").strip(),
            balanced_thought=(balanced or "").strip(),
            emotions_after=_emotions(after, "--after"),
            private=private,
        ),
    )
    guided = record.is_empty()
    if guided:
        record = _guided(ctx, record, at_given=at is not None, now=now)
    if record.is_empty():
        raise InvalidInput(
            "an empty thought record was not saved: give at least a situation or a thought."
        )
    if guided:
        return
    with common.open_journal(ctx, write=True) as store:
        saved = store.add_thought_record(record, created_at=now)
    info(f"Saved thought record {saved.id} · {clock.format_moment(saved.occurred_at)}.")


@thought_app.command("list")
def list_records(
    ctx: typer.Context,
    since: common.SinceOpt = None,
    until: common.UntilOpt = None,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """List your thought records, oldest first.

    Example: journal thought list --since "2 weeks ago"
    """
    now, tz = common.now_and_tz()
    start, end = common.parse_bounds(since, until, now=now, tz=tz)
    with common.open_journal(ctx, write=False) as store:
        records = store.list_thought_records(since=start, until=end)
    if fmt is ShortFormat.json:
        common.print_json([r.to_json() for r in records])
        return
    from workjournal import render

    render.thought_records_table(records)


@thought_app.command("show")
def show(
    ctx: typer.Context,
    record_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The thought record's id.")
    ],
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """Show one thought record, all seven columns.

    Example: journal thought show 3
    """
    with common.open_journal(ctx, write=False) as store:
        record = store.get_thought_record(record_id)
    if fmt is ShortFormat.json:
        common.print_json(record.to_json())
        return
    from workjournal import render

    render.thought_record_detail(record)


@thought_app.command("edit")
def edit(
    ctx: typer.Context,
    record_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The thought record's id.")
    ],
    situation: Annotated[
        str | None, typer.Option("--situation", metavar="TEXT", help="What happened.")
    ] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion", "-e", metavar="NAME:0-100", help="The emotions before (repeat; replaces)."
        ),
    ] = None,
    automatic: Annotated[
        str | None, typer.Option("--thought", metavar="TEXT", help="The automatic thought.")
    ] = None,
    evidence_for: Annotated[
        str | None, typer.Option("--for", metavar="TEXT", help="Evidence that supports it.")
    ] = None,
    evidence_against: Annotated[
        str | None,
        typer.Option("--against", metavar="TEXT", help="Evidence that does not support it."),
    ] = None,
    balanced: Annotated[
        str | None, typer.Option("--balanced", metavar="TEXT", help="A more balanced thought.")
    ] = None,
    after: Annotated[
        list[str] | None,
        typer.Option("--after", metavar="NAME:0-100", help="Emotions re-rated (repeat; replaces)."),
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="WHEN", help="When it happened.")
    ] = None,
    private: Annotated[
        bool | None,
        typer.Option("--private/--not-private", help="Keep it out of exports unless asked."),
    ] = None,
) -> None:
    """Change a thought record: only the columns you give are replaced.

    Example: journal thought edit 3 --balanced "One frown is not a verdict"
    """
    given = (situation, emotion, automatic, evidence_for, evidence_against, balanced, after, at)
    if all(value is None for value in given) and private is None:
        from workjournal.cli.records import nothing_to_change

        nothing_to_change()
        return
    from dataclasses import replace

    now, tz = common.now_and_tz()
    with common.open_journal(ctx, write=True) as store:
        old = store.get_thought_record(record_id)

        def merged() -> NewThoughtRecord:
            def text(new: str | None, was: str) -> str:
                return was if new is None else new.strip()

            base = NewThoughtRecord(
                occurred_at=old.occurred_at,
                situation=old.situation,
                emotions_before=old.emotions_before,
                automatic_thought=old.automatic_thought,
                evidence_for=old.evidence_for,
                evidence_against=old.evidence_against,
                balanced_thought=old.balanced_thought,
                emotions_after=old.emotions_after,
                private=old.private,
            )
            return replace(
                base,
                occurred_at=base.occurred_at if at is None else common.parse_at(at, now=now, tz=tz),
                situation=text(situation, base.situation),
                emotions_before=(
                    base.emotions_before if emotion is None else _emotions(emotion, "--emotion")
                ),
                automatic_thought=text(automatic, base.automatic_thought),
                evidence_for=text(evidence_for, base.evidence_for),
                evidence_against=text(evidence_against, base.evidence_against),
                balanced_thought=text(balanced, base.balanced_thought),
                emotions_after=base.emotions_after
                if after is None
                else _emotions(after, "--after"),
                private=base.private if private is None else private,
            )

        new = checked("--situation", merged)
        if new.is_empty():
            raise InvalidInput(
                "a thought record cannot be emptied; `journal thought delete "
                f"{record_id}` removes it. Nothing was changed."
            )
        store.update_thought_record(record_id, new)
    info(f"Changed thought record {record_id}.")


@thought_app.command("delete")
def delete(
    ctx: typer.Context,
    record_id: Annotated[
        int, typer.Argument(max=common.ID_MAX, metavar="ID", help="The thought record's id.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a thought record for good (asks first unless --yes).

    Example: journal thought delete 3
    """
    from workjournal.cli.records import confirm_delete

    with common.open_journal(ctx, write=True) as store:
        record = store.get_thought_record(record_id)
        when = clock.format_moment(record.occurred_at)
        what = f"thought record {record_id}"
        if not confirm_delete(what, f"Delete {what} from {when}?", yes=yes):
            return
        store.delete_record("thought_records", record_id)
    info(f"Deleted thought record {record_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(thought_app, name="thought")
