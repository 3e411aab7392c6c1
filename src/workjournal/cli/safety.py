"""The safety net: ``journal help-now`` and ``journal safety-plan``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from workjournal.cli import common, drafting, prompt
from workjournal.cli.common import ShortFormat, checked, info
from workjournal.errors import NoJournal

if TYPE_CHECKING:
    from workjournal.store import Store
from workjournal.models import (
    SAFETY_SECTIONS,
    SafetyPlan,
    check_text,
    parse_safety_section,
)


def _region(ctx: typer.Context) -> str | None:
    import os

    from workjournal.config import REGION_ENV

    try:
        return common.state(ctx).config.region
    except Exception:  # a broken config file must not hide help
        return os.environ.get(REGION_ENV)


def _plan(ctx: typer.Context) -> SafetyPlan:
    try:
        with common.open_journal(ctx, write=False) as store:
            return store.safety_plan()
    except NoJournal:
        return SafetyPlan()


def help_now(ctx: typer.Context) -> None:
    """Your safety plan and free crisis lines for your region, right now. Works offline.

    Example: journal help-now
    """
    import os
    from pathlib import Path

    from workjournal import safety

    try:
        plan = _plan(ctx)
    except Exception:  # a damaged journal must not stand between a person and the numbers
        plan = SafetyPlan()
    # no region set: guess from the locale or time zone, as the support note does; never saved
    found, suggested = safety.resources_here(
        _region(ctx), os.environ, localtime=Path("/etc/localtime")
    )
    common.echo(safety.help_now_text(plan, found, suggested=suggested))


def plan_text(plan: SafetyPlan, *, now: datetime) -> str:
    from workjournal import safety

    if plan.is_empty():
        return (
            f"Your safety plan is empty. `journal safety-plan` asks {len(SAFETY_SECTIONS)} "
            "short questions; answer only the ones you want to."
        )
    lines = ["Your safety plan"]
    for number, (key, title, _) in enumerate(SAFETY_SECTIONS, start=1):
        body = plan.body(key)
        lines.append(f"{number}. {title}")
        if body.strip():
            lines += [f"   {line.strip()}" for line in body.splitlines() if line.strip()]
        else:
            lines.append("   (not written yet)")
    updated = safety.plan_updated_line(plan, now=now)
    if updated:
        lines += ["", updated]
    return "\n".join(lines)


def _walk(
    plan: SafetyPlan,
    keys: list[str],
    changes: list[tuple[str, str]],
    typing: dict[str, object],
) -> None:
    """Ask for each section; Enter keeps what is there and a single '-' clears it. Finished
    sections go into ``changes`` and the lines of the one being typed into ``typing``, as they
    come, so an interrupted walk loses nothing (``typing`` may start with a draft's lines)."""
    prompt.say("Your safety plan: one item per line, an empty line to finish.")
    prompt.say("Press Enter straight away to keep a section as it is; type - to clear it.")
    titles = {
        key: (number, title, question)
        for number, (key, title, question) in enumerate(SAFETY_SECTIONS, start=1)
    }
    kept_key, kept_lines = typing.get("section"), list(typing.get("lines") or [])  # type: ignore[call-overload]
    for key in keys:
        number, title, question = titles[key]
        prompt.say()
        prompt.say(f"{number}/{len(SAFETY_SECTIONS)} {title}. {question}")
        current = plan.body(key)
        if current.strip():
            prompt.say(
                "  Now: " + "; ".join(ln.strip() for ln in current.splitlines() if ln.strip())
            )
        lines: list[str] = kept_lines if key == kept_key else []
        if lines:
            prompt.say("  From your draft: " + "; ".join(lines) + " (go on, or Enter to finish)")
        typing.clear()
        typing.update(section=key, lines=lines)
        while True:
            try:
                line = prompt.ask("> " if not lines else "  ")
            except prompt.EndOfInput:
                break
            if not line.strip():
                break
            lines.append(line.rstrip())
        typing.clear()
        if not lines:
            continue
        body = "" if lines == ["-"] else "\n".join(lines)
        check_text(body)
        if body != current:
            changes.append((key, body))


def safety_plan(
    ctx: typer.Context,
    show: Annotated[bool, typer.Option("--show", help="Show the plan; change nothing.")] = False,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            metavar="SECTION",
            help="One section: warning-signs, internal-coping, distractions, people-to-ask, "
            "professionals, safe-environment, worth-living-for (or 1-7).",
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="TEXT",
            help="New text for --section (no prompts; \\n starts a new line; empty clears it).",
        ),
    ] = None,
    fmt: Annotated[ShortFormat, typer.Option("--format", "-f", help="For --show.")] = (
        ShortFormat.table
    ),
) -> None:
    """Write or edit your safety plan: seven short sections you can turn to in a crisis.

    Example: journal safety-plan --section people-to-ask --text "Sam 07700 900123"
    """
    key = checked("--section", lambda: parse_safety_section(section)) if section else None
    if text is not None and key is None:
        raise typer.BadParameter(
            "--text needs --section to say which part it is.", param_hint="'--text'"
        )
    now, _ = common.now_and_tz()
    if show:
        plan = _plan(ctx)
        if fmt is ShortFormat.json:
            common.print_json(plan.to_json())
        else:
            typer.echo(plan_text(plan, now=now))
        return
    with common.open_journal(ctx, write=True) as store:
        plan = store.safety_plan()
        if text is not None:
            assert key is not None
            body = checked("--text", lambda: check_text(text.replace("\\n", "\n")).strip())
            changes = [(key, body)]
        else:
            changes = []
            typing: dict[str, object] = {}
            resumed = drafting.offer(store, "safety-plan") if common.stdin_is_terminal() else None
            if resumed is not None:
                typing.update(resumed[1])
            keys = [key] if key else [k for k, _, _ in SAFETY_SECTIONS]
            try:
                with drafting.keep_as_draft(
                    store,
                    "safety-plan",
                    lambda: dict(typing) if typing.get("lines") else {},
                    now=now,
                    first=lambda: _save(store, changes, now),  # finished sections are kept
                ):
                    _walk(plan, keys, changes, typing)
            finally:
                if resumed is not None:  # continued: its lines are saved or in a new draft
                    store.discard_draft(resumed[0])
        if not changes:
            info("Nothing was changed.")
            return
        _save(store, changes, now)


def _save(store: Store, changes: list[tuple[str, str]], now: datetime) -> None:
    if not changes:
        return
    store.set_safety_plan_sections(changes, updated_at=now)
    names = ", ".join({k: t for k, t, _ in SAFETY_SECTIONS}[k] for k, _ in changes)
    info(f"Saved your safety plan ({names}). `journal help-now` shows it when you need it.")


def register(app: typer.Typer) -> None:
    app.command("help-now")(help_now)
    app.command("safety-plan")(safety_plan)
