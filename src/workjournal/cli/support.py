"""The support note shown once, on stderr, right after an entry with mood 1, a PHQ-9 whose
item 9 was answered above 0, or a diary card with a high urge. One function for all, so the
wording stays the same; with no region set it uses the region ``help-now`` suggests from the
locale or time zone (shown, never saved).

It runs after the save has committed and never raises: a problem here must never turn a saved
entry into an error. It asks nothing, waits for nothing and contacts no one."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from workjournal.cli import common


def offer_support(ctx: typer.Context, *, opening: str) -> None:
    try:
        from workjournal import safety
        from workjournal.config import REGION_ENV
        from workjournal.models import SafetyPlan

        try:
            region = common.state(ctx).config.region
        except Exception:  # a broken config file must not hide the note
            region = os.environ.get(REGION_ENV)
        plan = SafetyPlan()
        try:
            with common.open_journal(ctx, write=False) as store:
                plan = store.safety_plan()
        except Exception:  # no journal yet, or unreadable: the resources still show
            plan = SafetyPlan()
        found, suggested = safety.resources_here(
            region, os.environ, localtime=Path("/etc/localtime")
        )
        text = safety.support_note(plan, found, opening=opening, suggested=suggested)
    except Exception:
        text = (
            f"{opening}\nIf you want support right now, call a crisis line or your local "
            "emergency number; `journal help-now` lists them."
        )
    common.info("")
    common.info(text)
