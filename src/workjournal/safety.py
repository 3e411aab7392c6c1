"""The safety net: crisis resources by region (one data file shipped in the package) and the
calm texts of ``journal help-now`` and the support note shown after a very hard moment.

Pure apart from reading the packaged data file. Nothing here contacts anyone, uses the network
or tries to assess risk: it puts the person's own plan and free, confidential help within reach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from workjournal.models import SafetyPlan

DATA_FILE = "crisis_resources.json"

MOOD_OPENING = "That sounds like a really hard moment. Your entry is saved."
ITEM9_OPENING = (
    "Thank you for answering honestly. Your check-in is saved. Thoughts like these are worth "
    "sharing with someone you trust or with your therapist."
)


@dataclass(frozen=True)
class Resource:
    name: str
    how: str
    last_checked: date

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "how": self.how, "last_checked": self.last_checked.isoformat()}


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
    """The region codes that have local resources (the fallback excluded)."""
    data = load_data()
    return tuple(code for code in data["regions"] if code != data["fallback_region"])


def resources_for(region: str | None) -> RegionResources:
    """Local resources for ``region`` (``UK``, ``gb``, ``US``...), else the generic fallback."""
    data = load_data()
    requested = region.strip().upper() if region and region.strip() else None
    code = data["aliases"].get(requested, requested) if requested else None
    fallback = code not in data["regions"] or code == data["fallback_region"]
    if fallback:
        code = data["fallback_region"]
    raw = data["regions"][code]
    return RegionResources(
        code=str(code),
        name=raw["name"],
        emergency=raw["emergency"],
        resources=tuple(
            Resource(r["name"], r["how"], date.fromisoformat(r["last_checked"]))
            for r in raw["resources"]
        ),
        requested=requested,
        fallback=fallback,
    )


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
            f'To see local numbers, set your region ({known}): region = "UK" in the config '
            "file, or WORKJOURNAL_REGION=UK."
        )
    return f"workjournal has no local numbers for {found.requested} yet (it has {known})."


def help_now_text(plan: SafetyPlan, found: RegionResources) -> str:
    """What ``journal help-now`` prints: the person's own plan first, then where to find help."""
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
    where = "anywhere" if found.fallback else f"in {found.name}"
    lines.append(f"Free, confidential support {where}")
    lines += _resource_lines(found)
    hint = _region_hint(found)
    if hint:
        lines.append(hint)
    lines += ["", f"If you are in danger right now, call {found.emergency}."]
    return "\n".join(lines)


def support_note(plan: SafetyPlan, found: RegionResources, *, opening: str) -> str:
    """The short note shown once after a mood of 1 or a PHQ-9 item 9 above 0."""
    lines = [opening, "If you want support right now:"]
    if not plan.is_empty():
        lines.append("  Your safety plan:")
        lines += [f"    {title}: {_one_line(body)}" for _, title, body in plan.written()]
    lines += _resource_lines(found)
    lines.append("`journal help-now` shows this again whenever you need it.")
    return "\n".join(lines)
