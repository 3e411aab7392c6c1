"""The diary card: ``journal card [options]`` records a day, ``journal card week`` shows the
grid, ``journal card show|delete`` one day, ``journal card targets|emotions|rates`` the lists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated, TypeVar

import typer

from workjournal import cards, clock
from workjournal.cli import common
from workjournal.cli.common import ReportFormat, ShortFormat, checked, info
from workjournal.errors import InvalidInput, NoJournal

T = TypeVar("T")

card_app = typer.Typer(
    rich_markup_mode=None,
    invoke_without_command=True,
    help=(
        "The diary card: one short row a day of urges, actions, emotions, skills, sleep and "
        "medication, read as a weekly grid.\n\n"
        "Example: journal card --date yesterday --urge self-harm:1 --emotion sadness:3 "
        "--skills 5 --sleep 7 --meds yes"
    ),
)

DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="WHEN", help="The day (default today), e.g. yesterday."),
]


def _complete_skill(ctx: typer.Context, incomplete: str) -> list[str]:
    prefix = incomplete.casefold()
    names: list[str] = list(cards.BUILT_IN_SKILLS)
    try:
        with common.open_journal(ctx, write=False, ask=False) as store:
            names += [name for card in store.iter_cards() for name in card.skills_used]
    except Exception:  # completion never prints a traceback into the shell
        return [name for name in names if name.startswith(prefix)]
    return [name for name in dict.fromkeys(names) if name.startswith(prefix)]


def _day(text: str | None) -> date:
    now, tz = common.now_and_tz()
    if text is None:
        return now.astimezone(tz).date()
    return checked("--date", lambda: clock.parse_day(text, now=now, tz=tz, option="--date"))


def _each(option: str, raws: list[str] | None, parse: Callable[[str], T]) -> tuple[T, ...]:
    """Parse each value of a repeatable option; comma lists count as repeats."""
    values: list[str] = []
    for raw in raws or ():
        parts = [part for part in raw.split(",") if part.strip()]
        values += parts or [raw]  # a blank value is parsed, and refused, as it is
    return tuple(checked(option, lambda value=value: parse(value)) for value in values)  # type: ignore[misc]


@card_app.callback()
def card(
    ctx: typer.Context,
    when: DateOpt = None,
    urge: Annotated[
        list[str] | None,
        typer.Option("--urge", metavar="NAME:0-5", help="An urge's strength today (repeat)."),
    ] = None,
    acted: Annotated[
        list[str] | None,
        typer.Option(
            "--acted", metavar="NAME", help="That behaviour happened today (NAME:no to undo)."
        ),
    ] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option("--emotion", "-e", metavar="NAME:0-5", help="An emotion at its strongest."),
    ] = None,
    skills: Annotated[
        str | None,
        typer.Option("--skills", metavar="0-7", help="Skills use: 0 not thought of … 7 helped."),
    ] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option(
            "--skill",
            metavar="NAME",
            help="A skill you used (repeat).",
            autocompletion=_complete_skill,
        ),
    ] = None,
    meds: Annotated[
        str | None, typer.Option("--meds", metavar="yes|no|partly", help="Medication taken.")
    ] = None,
    sleep: Annotated[
        str | None, typer.Option("--sleep", metavar="HOURS", help="Hours slept, e.g. 6.5.")
    ] = None,
    rate: Annotated[
        list[str] | None,
        typer.Option("--rate", metavar="NAME:N", help="One of your own ratings (repeat)."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Anything else about the day.")
    ] = None,
) -> None:
    """Record the diary card for one day; recording again changes only what you give.

    Example: journal card --urge self-harm:2 --acted substance use --skills 6 --sleep 7.5
    """
    if ctx.invoked_subcommand is not None:
        return
    day = _day(when)
    now, tz = common.now_and_tz()
    if day > now.astimezone(tz).date():
        raise typer.BadParameter(
            "a diary card is for today or a day gone by.", param_hint="'--date'"
        )
    with common.open_journal(ctx, write=True) as store:
        items = store.card_items()
        change = cards.CardChange(
            urges=_each("--urge", urge, lambda raw: cards.parse_urge(raw, items)),
            acted=_each("--acted", acted, lambda raw: cards.parse_acted(raw, items)),
            emotions=_each("--emotion", emotion, lambda raw: cards.parse_emotion(raw, items)),
            skills=None
            if skills is None
            else checked("--skills", lambda: cards.parse_skills(skills)),
            skills_used=_each("--skill", skill, cards.skill_name),
            meds=None if meds is None else checked("--meds", lambda: cards.parse_meds(meds)),
            sleep=None if sleep is None else checked("--sleep", lambda: cards.parse_sleep(sleep)),
            rates=_each("--rate", rate, lambda raw: cards.parse_rate(raw, items)),
            note=None if note is None else checked("--note", lambda: _note(note)),
        )
        if change.is_empty():
            if not common.stdin_is_terminal():
                raise InvalidInput(
                    "nothing to record: give at least one field (e.g. --urge self-harm:0 "
                    "--sleep 7), or run `journal card` at a terminal to be asked."
                )
            yesterday = store.get_card(day - timedelta(days=1))
            change = _guided(items, yesterday)
            if change.is_empty():
                info("Nothing to save.")
                return
        saved, new = store.record_card(day, change, now=now)
    what = " and ".join(_join(change.fields()))
    if new:
        info(f"Saved the diary card for {day:%a %d %b}.")
    else:
        info(f"Updated the diary card for {day:%a %d %b}: changed {what}.")
    if saved.needs_support():
        from workjournal.cli.support import offer_support

        offer_support(ctx, opening=cards.CARD_OPENING)


def _join(names: tuple[str, ...]) -> tuple[str, ...]:
    if len(names) <= 2:
        return names
    return (", ".join(names[:-1]), names[-1])


def _note(raw: str) -> str:
    from workjournal.models import check_text

    check_text(raw)
    return raw.strip()


def _ask(question: str, hint: str | None, parse: Callable[[str], T]) -> T | None:
    """One skippable question; a value that does not parse is asked again."""
    suffix = f" [yesterday: {hint}]" if hint else ""
    while True:
        answer = typer.prompt(f"{question}{suffix}", default="", show_default=False, err=True)
        if not answer.strip():
            return None
        try:
            return parse(answer.strip())
        except InvalidInput as exc:
            info(f"  {exc.message}")


def _named(
    parse: Callable[[str, cards.CardItems], T], name: str, items: cards.CardItems
) -> Callable[[str], T]:
    """A parser of the bare answer to a question about ``name``."""
    return lambda raw: parse(f"{name}:{raw}", items)


def _guided(items: cards.CardItems, yesterday: cards.DiaryCard | None) -> cards.CardChange:
    info("Today's diary card. Press Enter to skip any question.")
    urges: list[tuple[str, int]] = []
    acted: list[tuple[str, bool]] = []
    for name in items.names("target"):
        hint = (
            None if yesterday is None or name not in yesterday.urges else str(yesterday.urges[name])
        )
        value = _ask(
            f"Urge to {name} (0-5)",
            hint,
            _named(cards.parse_urge, name, items),
        )
        if value is not None:
            urges.append(value)
        did = _ask(
            f"Did {name} happen? (y/n)",
            None,
            _named(cards.parse_acted, name, items),
        )
        if did is not None:
            acted.append(did)
    emotions: list[tuple[str, int]] = []
    for name in items.names("emotion"):
        hint = (
            None
            if yesterday is None or name not in yesterday.emotions
            else str(yesterday.emotions[name])
        )
        value = _ask(
            f"{name.capitalize()} at its strongest (0-5)",
            hint,
            _named(cards.parse_emotion, name, items),
        )
        if value is not None:
            emotions.append(value)
    skills = _ask(
        "Skills use (0-7)",
        None if yesterday is None or yesterday.skills is None else str(yesterday.skills),
        cards.parse_skills,
    )
    used = _ask(
        "Skills used (comma list)",
        None,
        lambda raw: tuple(cards.skill_name(p) for p in raw.split(",") if p.strip()),
    )
    meds = _ask(
        "Medication taken (yes/no/partly)",
        None if yesterday is None else yesterday.meds,
        cards.parse_meds,
    )
    sleep = _ask(
        "Hours slept",
        None if yesterday is None or yesterday.sleep is None else f"{yesterday.sleep:g}",
        cards.parse_sleep,
    )
    rates: list[tuple[str, float]] = []
    for item in items.active("rate"):
        rated = _ask(
            f"{item.name.capitalize()} ({item.low}-{item.high})",
            None,
            _named(cards.parse_rate, item.name, items),
        )
        if rated is not None:
            rates.append(rated)
    note = _ask("Anything else about the day?", None, _note)
    return cards.CardChange(
        urges=tuple(urges),
        acted=tuple(acted),
        emotions=tuple(emotions),
        skills=skills,
        skills_used=used or (),
        meds=meds,
        sleep=sleep,
        rates=tuple(rates),
        note=note,
    )


@card_app.command("week")
def week(
    ctx: typer.Context,
    when: DateOpt = None,
    last: Annotated[bool, typer.Option("--last", help="The week before this one.")] = False,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
) -> None:
    """The week's diary cards as a grid, a row per day (empty for days not filled in).

    Example: journal card week --last
    """
    from workjournal.reports.card import card_week
    from workjournal.reports.common import week_start

    if when is not None and last:
        raise typer.BadParameter("give either --date or --last, not both.", param_hint="'--last'")
    day = _day(when) - timedelta(days=7 if last else 0)
    start = week_start(day, common.state(ctx).config.week_start)
    with common.open_journal(ctx, write=False) as store:
        grid = card_week(
            store.cards_between(start, start + timedelta(days=6)), store.card_items(), start=start
        )
    if fmt is ReportFormat.json:
        common.print_json(grid.to_json())
        return
    from workjournal import render

    if fmt is ReportFormat.md:
        from workjournal.exporters.markdown import card_week_markdown

        typer.echo(card_week_markdown(grid), nl=False)
    else:
        render.card_week_table(grid)


@card_app.command("show")
def show(
    ctx: typer.Context,
    when: DateOpt = None,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
) -> None:
    """Show one day's diary card.

    Example: journal card show --date yesterday
    """
    day = _day(when)
    with common.open_journal(ctx, write=False) as store:
        found = store.get_card(day)
    if found is None:
        raise InvalidInput(
            f"there is no diary card for {day:%a %d %b %Y}; `journal card` records one."
        )
    if fmt is ShortFormat.json:
        common.print_json(found.to_json())
        return
    from workjournal import render

    render.card_detail(found)


@card_app.command("delete")
def delete(
    ctx: typer.Context,
    when: DateOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete one day's diary card for good (asks first unless --yes).

    Example: journal card delete --date 2026-11-20 --yes
    """
    day = _day(when)
    with common.open_journal(ctx, write=True) as store:
        if store.get_card(day) is None:
            raise InvalidInput(f"there is no diary card for {day:%a %d %b %Y}.")
        if not yes:
            if not common.stdin_is_terminal():
                raise InvalidInput(
                    f"deleting the card for {day:%a %d %b} needs confirmation: add --yes to "
                    "delete it without a terminal."
                )
            if not typer.confirm(f"Delete the diary card for {day:%a %d %b %Y}?", err=True):
                info("Nothing was deleted.")
                return
        store.delete_card(day)
    info(f"Deleted the diary card for {day:%a %d %b %Y}.")


def _list_app(kind: cards.ItemKind, what: str, example: str) -> typer.Typer:
    """`journal card targets|emotions|rates [add NAME | remove NAME]`."""
    sub = typer.Typer(
        rich_markup_mode=None,
        invoke_without_command=True,
        help=f"Your card's {what}: list them, add one, remove one (its history stays).\n\n"
        f"Example: {example}",
    )

    @sub.callback()
    def listing(
        ctx: typer.Context,
        fmt: Annotated[ShortFormat, typer.Option("--format", "-f")] = ShortFormat.table,
    ) -> None:
        if ctx.invoked_subcommand is not None:
            return
        try:
            with common.open_journal(ctx, write=False) as store:
                items = store.card_items().active(kind)
        except NoJournal:  # no journal yet: the lists a new one starts with
            defaults = {"target": cards.DEFAULT_TARGETS, "emotion": cards.DEFAULT_EMOTIONS}
            items = tuple(cards.CardItem(0, kind, name) for name in defaults.get(kind, ()))
        if fmt is ShortFormat.json:
            common.print_json([item.to_json() for item in items])
            return
        from workjournal import render

        render.card_items_table(items, what=what)

    @sub.command("add")
    def add(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(metavar="NAME")],
        span: Annotated[
            str | None,
            typer.Option("--range", metavar="LOW-HIGH", help="Ratings only: e.g. 0-10."),
        ] = None,
    ) -> None:
        """Add one to the list.

        Example: journal card rates add energy --range 0-10
        """
        clean = checked("NAME", lambda: cards.item_name(name, kind))
        low = high = None
        if kind == "rate":
            if span is None:
                raise typer.BadParameter(
                    "a rating needs its --range, e.g. --range 0-10.", param_hint="'--range'"
                )
            low, high = checked("--range", lambda: cards.parse_range(span))
        elif span is not None:
            raise typer.BadParameter("--range is for ratings only.", param_hint="'--range'")
        now, _ = common.now_and_tz()
        with common.open_journal(ctx, write=True) as store:
            item, new = store.add_card_item(kind, clean, created_at=now, low=low, high=high)
        info(
            f"Added {item.describe()} to your card."
            if new
            else f"{item.describe()} is already on your card."
        )

    @sub.command("remove")
    def remove(ctx: typer.Context, name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
        """Take one off the list; cards that recorded it keep it.

        Example: journal card targets remove substance use
        """
        clean = checked("NAME", lambda: cards.item_name(name, kind))
        with common.open_journal(ctx, write=True) as store:
            store.remove_card_item(kind, clean)
        info(f"Removed {clean} from your card; earlier cards keep what they recorded.")

    return sub


card_app.add_typer(
    _list_app("target", "targets", "journal card targets add bingeing"), name="targets"
)
card_app.add_typer(
    _list_app("emotion", "emotions", "journal card emotions add loneliness"), name="emotions"
)
card_app.add_typer(
    _list_app("rate", "ratings", "journal card rates add pain --range 0-10"), name="rates"
)


def register(app: typer.Typer) -> None:
    app.add_typer(card_app, name="card")
