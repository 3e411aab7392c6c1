"""Capturing and browsing entries: add, list, show, edit, delete."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any

import typer

from workjournal import clock
from workjournal.cli import common
from workjournal.cli.common import TableFormat, checked, info
from workjournal.errors import InvalidInput
from workjournal.models import (
    Emotion,
    Entry,
    EntryFilter,
    LabelKind,
    NewEntry,
    check_text,
    parse_emotions,
    parse_mood,
    parse_mood_range,
    parse_names,
)


def _complete(kind: LabelKind):  # type: ignore[no-untyped-def]
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            with common.open_journal(ctx, write=False, ask=False) as store:
                return store.label_names(kind, prefix=incomplete.casefold())
        except Exception:  # completion must never print a traceback into the shell
            return []

    return complete


MoodOpt = Annotated[
    str | None,
    typer.Option("--mood", "-m", metavar="1-10", help="How you feel, 1 (worst) to 10 (best)."),
]
TriggerOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--trigger",
        "-t",
        metavar="NAME",
        help="What set it off (repeatable, or a comma list: work, sleep).",
        autocompletion=_complete("trigger"),
    ),
]
EmotionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--emotion",
        "-e",
        metavar="NAME[:0-100]",
        help="An emotion, intensity 0-100 optional (repeatable, or a list: anxious:70, sad).",
        autocompletion=_complete("emotion"),
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-g",
        metavar="NAME",
        help="Context: people, places, activities (repeatable, or a comma list).",
        autocompletion=_complete("tag"),
    ),
]
CopingOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--coping",
        "-c",
        metavar="NAME",
        help="What you did about it, or what helped (repeatable, or a comma list).",
        autocompletion=_complete("coping"),
    ),
]
AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="WHEN",
        help="When it happened: 2026-11-20 21:30, last night, 2 days ago 9pm, 2h ago, 20 nov...",
    ),
]
EditOpt = Annotated[bool, typer.Option("--edit", help="Write the text in $VISUAL / $EDITOR.")]


def _mood(raw: str | None) -> int | None:
    return checked("--mood", lambda: parse_mood(raw))


def _names(raws: list[str] | None, option: str, what: str) -> tuple[str, ...]:
    return checked(option, lambda: parse_names(raws or [], what=what))


def _emotions(raws: list[str] | None) -> tuple[Emotion, ...]:
    return checked("--emotion", lambda: parse_emotions(raws or []))


def _confirmation(verb: str, entry: Entry) -> str:
    parts = [f"{verb} entry {entry.id}", clock.format_moment(entry.occurred_at)]
    if entry.mood is not None:
        parts.append(f"mood {entry.mood}/10")
    if entry.triggers:
        parts.append("triggers: " + ", ".join(entry.triggers))
    if entry.private:
        parts.append("private")
    if entry.discuss:
        parts.append("to discuss")
    return " · ".join(parts) + "."


def add(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TEXT]...",
            help="What happened; quotes are optional. Omit it to be asked.",
            show_default=False,
        ),
    ] = None,
    mood: MoodOpt = None,
    trigger: TriggerOpt = None,
    emotion: EmotionOpt = None,
    tag: TagOpt = None,
    coping: CopingOpt = None,
    at: AtOpt = None,
    private: Annotated[
        bool, typer.Option("--private", help="Keep it out of every export unless asked.")
    ] = False,
    discuss: Annotated[
        bool, typer.Option("--discuss", help="Flag it to bring to your next session.")
    ] = False,
    edit: EditOpt = False,
    encrypted: Annotated[
        bool,
        typer.Option("--encrypted", help="Create a new journal encrypted (asks for a passphrase)."),
    ] = False,
) -> None:
    """Capture a moment: what happened, how you feel, what set it off and what helped.

    Example: journal add Snapped at my sister after the call -m 3 -t family -e angry:70 -c walk
    """
    text = _joined(words)
    now, tz = common.now_and_tz()
    occurred = common.parse_at(at, now=now, tz=tz)
    fields = NewEntry(
        occurred_at=occurred,
        mood=_mood(mood),
        triggers=_names(trigger, "--trigger", "trigger"),
        tags=_names(tag, "--tag", "tag"),
        emotions=_emotions(emotion),
        coping=_names(coping, "--coping", "coping"),
        private=private,
        discuss=discuss,
    )
    if text is not None:
        body = text
    elif edit:
        body = _edit_text(ctx, "")
    elif not common.stdin_is_terminal():
        body = common.read_stdin_text()
    elif fields.is_empty():
        body = None
    else:
        body = ""
    if body is not None:
        # Check everything typed before opening (and maybe creating) the journal.
        fields = replace(fields, text=_clean_text(body))
        if fields.is_empty():
            raise InvalidInput(
                "an empty entry was not saved: give some text, a mood (-m), or a trigger (-t)."
            )
    store_cm = common.open_journal(ctx, write=True, encrypted=encrypted)
    with store_cm as store:
        resumed: tuple[int, dict[str, Any]] | None = None
        if body is None:
            from workjournal.cli import capture, drafting

            known = capture.Known(
                triggers=tuple(store.label_names("trigger")),
                emotions=tuple(store.label_names("emotion")),
                coping=tuple(store.label_names("coping")),
            )
            resumed = drafting.offer(store, "add")
            answers = capture.Answers()
            if resumed is not None:
                answers = capture.Answers.from_draft(resumed[1])
                if at is None and isinstance(resumed[1].get("occurred_at"), str):
                    # The draft was about a moment: the entry keeps it.
                    occurred = datetime.fromisoformat(resumed[1]["occurred_at"])
                    fields = replace(fields, occurred_at=occurred)

            def kept() -> dict[str, Any]:
                found = answers.to_draft()
                return {**found, "occurred_at": occurred.isoformat()} if found else {}

            replaces = None if resumed is None else resumed[0]
            with drafting.keep_as_draft(store, "add", kept, now=now, replaces=replaces):
                capture.guided(
                    known,
                    past=occurred < now,
                    ask_private=not private,
                    ask_discuss=not discuss,
                    answers=answers,
                )
            if answers.is_empty():
                info("Nothing to save.")
                return
            fields = replace(
                fields,
                text=answers.text,
                mood=answers.mood,
                triggers=answers.triggers,
                emotions=answers.emotions,
                coping=answers.coping,
                private=private or bool(answers.private),
                discuss=discuss or bool(answers.discuss),
            )
        if fields.is_empty():
            raise InvalidInput(
                "an empty entry was not saved: give some text, a mood (-m), or a trigger (-t)."
            )
        entry = store.add_entry(fields, created_at=now)
        if resumed is not None:  # only once the entry is saved: a word is never in neither
            store.discard_draft(resumed[0])
    info(_confirmation("Saved", entry))
    if entry.mood == 1:
        from workjournal.cli.support import offer_support
        from workjournal.safety import MOOD_OPENING

        offer_support(ctx, opening=MOOD_OPENING)


def _joined(words: list[str] | None) -> str | None:
    """The words of an unquoted text, as the shell split them, joined by single spaces."""
    return None if words is None else " ".join(words)


def _clean_text(body: str) -> str:
    check_text(body)
    return body if body.strip() else ""


def _edit_text(ctx: typer.Context, initial: str, *, store: Any = None) -> str:
    from workjournal.cli.capture import edit_for

    return edit_for(ctx, initial, store=store)


def list_entries(
    ctx: typer.Context,
    number: Annotated[
        int,
        typer.Option(
            "-n", "--number", min=1, max=common.ID_MAX, metavar="N", help="How many to show."
        ),
    ] = 20,
    since: common.SinceOpt = None,
    until: common.UntilOpt = None,
    trigger: TriggerOpt = None,
    tag: TagOpt = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion",
            "-e",
            metavar="NAME",
            help="Only with this emotion (repeatable).",
            autocompletion=_complete("emotion"),
        ),
    ] = None,
    mood: Annotated[
        str | None, typer.Option("--mood", "-m", metavar="RANGE", help="A mood or range: 7, 1-4.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", metavar="TEXT", help="Words to find in the text."),
    ] = None,
    discuss: Annotated[
        bool, typer.Option("--discuss", help="Only entries flagged to discuss.")
    ] = False,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """List entries, newest first. Filters narrow the list; repeat -t to require several.

    Example: journal list --since "last monday" -t work --mood 1-4
    """
    now, tz = common.now_and_tz()
    start, end = common.parse_bounds(since, until, now=now, tz=tz)
    mood_range = checked("--mood", lambda: parse_mood_range(mood)) if mood else (None, None)
    if search is not None and not search.split():
        raise typer.BadParameter("give at least one word to search for.", param_hint="'--search'")
    flt = EntryFilter(
        since=start,
        until=end,
        triggers=_names(trigger, "--trigger", "trigger"),
        tags=_names(tag, "--tag", "tag"),
        emotions=_names(emotion, "--emotion", "emotion"),
        mood_min=mood_range[0],
        mood_max=mood_range[1],
        search=search,
        discuss=discuss,
        limit=number,
    )
    with common.open_journal(ctx, write=False) as store:
        entries = store.list_entries(flt)
        total = store.count_matching(replace(flt, limit=None)) if len(entries) == number else 0
    _print_entries(entries, fmt)
    if total > len(entries):
        info(f"{len(entries)} of {total} shown; -n {_more(number, total)} for more.")


def _more(shown: int, total: int) -> int:
    """A round -n that shows them all, or the next step up for a long journal."""
    for step in (50, 100, 200, 500, 1000):
        if shown < step >= total:
            return step
    return total


def _print_entries(entries: list[Entry], fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        common.print_json([e.to_json() for e in entries])
    elif fmt is TableFormat.csv:
        import sys

        from workjournal.exporters.csv import write_entries_csv

        write_entries_csv(entries, sys.stdout)
    else:
        from workjournal import render

        render.entries_table(entries)


def show(
    ctx: typer.Context,
    entry_id: Annotated[
        int, typer.Argument(metavar="ID", max=common.ID_MAX, help="The entry's id.")
    ],
    fmt: Annotated[common.ShortFormat, typer.Option("--format", "-f")] = common.ShortFormat.table,
) -> None:
    """Show one entry in full.

    Example: journal show 12
    """
    with common.open_journal(ctx, write=False) as store:
        entry = store.get_entry(entry_id)
    if fmt is common.ShortFormat.json:
        common.print_json(entry.to_json())
    else:
        from workjournal import render

        render.entry_detail(entry)


def edit(
    ctx: typer.Context,
    entry_id: Annotated[
        int, typer.Argument(metavar="ID", max=common.ID_MAX, help="The entry's id.")
    ],
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TEXT]...",
            help="New text (replaces the old); quotes are optional.",
            show_default=False,
        ),
    ] = None,
    mood: MoodOpt = None,
    trigger: TriggerOpt = None,
    emotion: EmotionOpt = None,
    tag: TagOpt = None,
    coping: CopingOpt = None,
    at: AtOpt = None,
    private: Annotated[
        bool | None, typer.Option("--private/--not-private", help="Keep out of exports.")
    ] = None,
    discuss: Annotated[
        bool | None, typer.Option("--discuss/--no-discuss", help="Flag for your next session.")
    ] = None,
    edit_: Annotated[bool, typer.Option("--edit", help="Edit the text in $EDITOR.")] = False,
    no_mood: Annotated[bool, typer.Option("--no-mood", help="Remove the mood.")] = False,
) -> None:
    """Change an entry. Each option given replaces that field; the rest stay as they are.

    Example: journal edit 12 -m 4 -t work -t "late bus" --discuss
    """
    text = _joined(words)
    asked = (text, mood, trigger, emotion, tag, coping, at, private, discuss)
    if all(value is None for value in asked) and not (edit_ or no_mood):
        with common.open_journal(ctx, write=False) as store:
            store.get_entry(entry_id)  # an unknown id is still an error
        info(
            f"Nothing to change: entry {entry_id} is as it was. Give what to change, "
            f"e.g. `journal edit {entry_id} -m 4` or `journal edit {entry_id} --edit`."
        )
        return
    now, tz = common.now_and_tz()
    occurred = common.parse_at(at, now=now, tz=tz) if at is not None else None
    new_mood = _mood(mood)
    with common.open_journal(ctx, write=True) as store:
        old = store.get_entry(entry_id)
        body = old.text
        if text is not None:
            body = _clean_text(text)
        elif edit_:
            body = _clean_text(_edit_text(ctx, old.text, store=store))
        updated = NewEntry(
            occurred_at=occurred or old.occurred_at,
            text=body,
            mood=None if no_mood else (new_mood if mood is not None else old.mood),
            triggers=_names(trigger, "--trigger", "trigger") if trigger else old.triggers,
            tags=_names(tag, "--tag", "tag") if tag else old.tags,
            emotions=_emotions(emotion) if emotion else old.emotions,
            coping=_names(coping, "--coping", "coping") if coping else old.coping,
            private=old.private if private is None else private,
            discuss=old.discuss if discuss is None else discuss,
        )
        if updated.is_empty():
            raise InvalidInput("that would leave the entry empty; nothing was changed.")
        entry = store.replace_entry(entry_id, updated, updated_at=now)
    info(_confirmation("Updated", entry))


def delete(
    ctx: typer.Context,
    entry_id: Annotated[
        int, typer.Argument(metavar="ID", max=common.ID_MAX, help="The entry's id.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an entry for good (asks first unless --yes).

    Example: journal delete 12
    """
    with common.open_journal(ctx, write=True) as store:
        entry = store.get_entry(entry_id)
        if not yes:
            if not common.stdin_is_terminal():
                raise InvalidInput(
                    f"deleting entry {entry_id} needs confirmation: add --yes to delete it "
                    "without a terminal."
                )
            when = clock.format_moment(entry.occurred_at)
            if not typer.confirm(f"Delete entry {entry_id} from {when}?", err=True):
                info("Nothing was deleted.")
                return
        store.delete_entry(entry_id)
    info(f"Deleted entry {entry_id}.")


def register(app: typer.Typer) -> None:
    app.command()(add)
    app.command("list")(list_entries)
    app.command()(show)
    app.command()(edit)
    app.command()(delete)
