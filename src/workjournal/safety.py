"""The safety net: crisis resources by region (one data file shipped in the package) and the
calm texts of ``journal help-now`` and the support note shown after a very hard moment.

Pure apart from reading the packaged data file. Nothing here contacts anyone, uses the network
or tries to assess risk: it puts the person's own plan and free, confidential help within reach.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from workjournal.models import SafetyPlan

DATA_FILE = "crisis_resources.json"

MOOD_OPENING = "That sounds like a really hard moment. Your entry is saved."
ITEM9_OPENING = (
    "Thank you for answering honestly. Your check-in is saved. Thoughts like these are worth "
    "sharing with someone you trust or with your therapist."
)


EMERGENCY_NAME = "Emergency services"
# Every number is checked again against its service's own page within this many days; a test
# fails when one is older, so the data cannot quietly go stale.
RECHECK_AFTER_DAYS = 365


@dataclass(frozen=True)
class Resource:
    name: str
    how: str
    last_checked: date
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "how": self.how,
            "source": self.source,
            "last_checked": self.last_checked.isoformat(),
        }


def _resource(raw: dict[str, Any]) -> Resource:
    return Resource(
        raw["name"], raw["how"], date.fromisoformat(raw["last_checked"]), raw.get("source")
    )


def stale_resources(today: date) -> list[tuple[str, str, date]]:
    """(region, resource name, last checked) for every entry checked more than
    :data:`RECHECK_AFTER_DAYS` days before ``today``."""
    stale = []
    for code, region in load_data()["regions"].items():
        for raw in region["resources"]:
            checked = date.fromisoformat(raw["last_checked"])
            if (today - checked).days > RECHECK_AFTER_DAYS:
                stale.append((code, raw["name"], checked))
    return stale


@dataclass(frozen=True)
class RegionResources:
    """The resources shown for a region. ``requested`` is what the config asked for (None when
    no region is set); ``fallback`` says the generic list is shown instead of a local one."""

    code: str
    name: str
    emergency: str
    resources: tuple[Resource, ...]
    requested: str | None
    fallback: bool
    # A country whose only entry is its emergency number: the international list is shown
    # with that number (``code`` and ``name`` are the country's, ``fallback`` is True).
    emergency_only: bool = False

    @property
    def last_checked(self) -> date:
        return min(r.last_checked for r in self.resources)

    def to_json(self) -> dict[str, Any]:
        return {
            "region": self.code,
            "requested": self.requested,
            "fallback": self.fallback,
            "name": self.name,
            "emergency": self.emergency,
            "resources": [r.to_json() for r in self.resources],
        }


@cache
def load_data() -> dict[str, Any]:
    """The packaged crisis resources file, parsed."""
    text = resources.files("workjournal").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def regions() -> tuple[str, ...]:
    """The region codes that have local helplines (the fallback and emergency-only excluded)."""
    data = load_data()
    return tuple(
        code
        for code, region in data["regions"].items()
        if code != data["fallback_region"]
        and any(r["name"] != EMERGENCY_NAME for r in region["resources"])
    )


def resources_for(region: str | None) -> RegionResources:
    """Local resources for ``region`` (``UK``, ``gb``, ``US``...), else the generic fallback."""
    data = load_data()
    requested = region.strip().upper() if region and region.strip() else None
    code = data["aliases"].get(requested, requested) if requested else None
    intl = data["regions"][data["fallback_region"]]
    if code not in data["regions"] or code == data["fallback_region"]:
        return RegionResources(
            code=data["fallback_region"],
            name=intl["name"],
            emergency=intl["emergency"],
            resources=tuple(_resource(r) for r in intl["resources"]),
            requested=requested,
            fallback=True,
        )
    raw = data["regions"][code]
    own = tuple(_resource(r) for r in raw["resources"])
    if all(r.name == EMERGENCY_NAME for r in own):  # no local helpline yet
        helplines = tuple(_resource(r) for r in intl["resources"] if r["name"] != EMERGENCY_NAME)
        return RegionResources(
            code=str(code),
            name=raw["name"],
            emergency=raw["emergency"],
            resources=helplines + own,
            requested=requested,
            fallback=True,
            emergency_only=True,
        )
    return RegionResources(
        code=str(code),
        name=raw["name"],
        emergency=raw["emergency"],
        resources=own,
        requested=requested,
        fallback=False,
    )


_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence


def _code_of(country: str) -> str | None:
    data = load_data()
    code = data["aliases"].get(country, country)
    return code if code in data["regions"] and code != data["fallback_region"] else None


def suggest_region(env: Mapping[str, str], *, localtime: Path | None = None) -> str | None:
    """A region guessed from the locale (``de_DE.UTF-8``) or the time zone (``TZ`` such as
    ``Europe/Berlin``, else where ``localtime`` links to), or None. Only a suggestion: it is
    shown, never saved."""
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "").strip()
        if not value:
            continue
        language = value.split(".", 1)[0].split("@", 1)[0]
        if "_" in language:
            code = _code_of(language.rsplit("_", 1)[1].upper())
            if code:
                return code
        break  # the first variable set decides the locale, as in POSIX
    zone = env.get("TZ", "").strip().removeprefix(":")
    if not zone and localtime is not None:
        try:
            target = str(localtime.readlink()) if localtime.is_symlink() else ""
        except OSError:
            target = ""
        zone = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    found = load_data()["time_zones"].get(zone)
    return str(found) if found else None


def resources_here(
    configured: str | None, env: Mapping[str, str], *, localtime: Path | None = None
) -> tuple[RegionResources, bool]:
    """The resources to show and whether their region was only suggested: the configured
    region when there is one, else a region guessed from the locale or time zone (see
    :func:`suggest_region`), else the international fallback. ``help-now`` and the support
    note both ask this, so they always show the same numbers. Nothing is ever saved."""
    if configured:
        return resources_for(configured), False
    try:
        suggested = suggest_region(env, localtime=localtime)
    except Exception:  # a guess must never stand between a person and the numbers
        suggested = None
    return resources_for(suggested), suggested is not None


REVIEW_AFTER_DAYS = 183  # about six months


def plan_updated_line(plan: SafetyPlan, *, now: datetime) -> str | None:
    """When the plan was last changed, and after about six months a gentle offer to look at it
    again; None for an empty plan."""
    if plan.is_empty() or plan.updated_at is None:
        return None
    when = plan.updated_at.astimezone(now.tzinfo)
    line = f"Last updated {when.day} {when.strftime('%b %Y')}."
    if (now - plan.updated_at).days > REVIEW_AFTER_DAYS:
        line += (
            " It has been a while: when you feel able, you could look it over, perhaps with "
            "your therapist, and keep what still fits. `journal safety-plan` walks through it."
        )
    return line


def _one_line(body: str) -> str:
    return "; ".join(line.strip() for line in body.splitlines() if line.strip())


def _resource_lines(found: RegionResources) -> list[str]:
    lines = [f"  {r.name}: {r.how}" for r in found.resources]
    lines.append(f"  (details last checked {found.last_checked.isoformat()})")
    return lines


def _region_hint(found: RegionResources) -> str | None:
    if not found.fallback:
        return None
    known = ", ".join(regions())
    if found.requested is None:
        return (
            f"To see local numbers, set your region ({known}, or a country's emergency number "
            "alone for many more): `journal config region UK`, or WORKJOURNAL_REGION=UK."
        )
    if found.emergency_only:
        return (
            f"workjournal has only the emergency number for {found.name} so far; "
            "the list above covers many countries."
        )
    return f"workjournal has no local numbers for {found.requested} yet (it has {known})."


def suggestion_line(found: RegionResources) -> str:
    name = found.name.removeprefix("the ")
    return f"Looks like {name}. Set it with `journal config region {found.code}`."


def help_now_text(plan: SafetyPlan, found: RegionResources, *, suggested: bool = False) -> str:
    """What ``journal help-now`` prints: the person's own plan first, then where to find help.
    ``suggested`` says the region was guessed from the locale or time zone, not set."""
    lines = ["You don't have to go through this alone. Take a slow breath.", ""]
    if plan.is_empty():
        lines += [
            "You haven't written a safety plan yet. When you feel able to, "
            "`journal safety-plan` helps you write one.",
            "",
        ]
    else:
        lines.append("Your safety plan")
        for _, title, body in plan.written():
            lines.append(f"  {title}")
            lines += [f"    {line.strip()}" for line in body.splitlines() if line.strip()]
        lines.append("")
    where = "anywhere" if found.fallback and not found.emergency_only else f"in {found.name}"
    lines.append(f"Free, confidential support {where}")
    lines += _resource_lines(found)
    hint = suggestion_line(found) if suggested else _region_hint(found)
    if hint:
        lines.append(hint)
    lines += ["", f"If you are in danger right now, call {found.emergency}."]
    return "\n".join(lines)


def support_note(
    plan: SafetyPlan, found: RegionResources, *, opening: str, suggested: bool = False
) -> str:
    """The short note shown once after a mood of 1, a PHQ-9 item 9 above 0 or a high urge on
    the diary card: the person's own plan first, then the numbers. ``suggested`` says the
    region was guessed from the locale or time zone, as in ``help-now``."""
    lines = [opening, "If you want support right now:"]
    if not plan.is_empty():
        lines.append("  Your safety plan:")
        lines += [f"    {title}: {_one_line(body)}" for _, title, body in plan.written()]
    lines += _resource_lines(found)
    if suggested:
        lines.append(suggestion_line(found))
    lines.append("`journal help-now` shows this again whenever you need it.")
    return "\n".join(lines)
