"""Difficult conversations, planned and looked back on in DBT's DEAR MAN structure. Stdlib only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workjournal.errors import InvalidInput
from workjournal.models import (
    EXPORT_MOMENT,
    check_export_fields,
    check_text,
    check_title,
    parse_scale,
)

STEPS = ("describe", "express", "assert", "reinforce", "mindful", "confident", "negotiate")
# One short line for each step of the guided plan (written for this project).
GUIDANCE: dict[str, str] = {
    "describe": "Describe: the facts of the situation, as a camera would see them.",
    "express": 'Express: how you feel about it, in your own words ("I feel...").',
    "assert": "Assert: what you are asking for, or saying no to, plainly.",
    "reinforce": "Reinforce: what the other person gains if it goes well.",
    "mindful": "Mindful: the one point you want to keep coming back to.",
    "confident": "Appear confident: how you want to sound and stand, even if unsure inside.",
    "negotiate": "Negotiate: what you could offer or accept instead.",
}
# The help of each step's option in `journal talk plan --STEP TEXT` (the options are made from
# STEPS, so a step has its option, its guidance and its help here, and nowhere else).
STEP_HELP: dict[str, str] = {
    "describe": "Describe: the facts.",
    "express": "Express: how you feel.",
    "assert": "Assert: what you ask for.",
    "reinforce": "Reinforce: what they gain.",
    "mindful": "Mindful: the point to keep.",
    "confident": "Appear confident: how.",
    "negotiate": "Negotiate: what you'd offer.",
}
PRIORITIES = ("objective", "relationship", "self-respect")
OUTCOMES = ("got", "partly", "not")


def _scale(value: int | None, what: str) -> None:
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"{what} must be a whole number from 0 to 10.")
        parse_scale(value, what=what, low=0, high=10)


def parse_choice(raw: str, choices: tuple[str, ...], what: str) -> str:
    value = raw.strip().casefold()
    if value not in choices:
        raise InvalidInput(f"{what} is one of {', '.join(choices)}; not {raw!r}.")
    return value


@dataclass(frozen=True)
class Conversation:
    """A planned conversation; ``held_at`` and what follows are set once it was held."""

    title: str
    created_at: datetime
    with_whom: str = ""
    steps: tuple[str, ...] = ("",) * len(STEPS)
    priority: str | None = None
    expected_distress: int | None = None
    expected: str = ""
    held_at: datetime | None = None
    before: int | None = None
    after: int | None = None
    outcome: str | None = None
    note: str = ""
    id: int = 0
    uuid: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", check_title(self.title))
        object.__setattr__(self, "with_whom", " ".join(self.with_whom.split()))
        if len(self.with_whom) > 100:
            raise InvalidInput("a name (--with) can be at most 100 characters long.")
        if len(self.steps) != len(STEPS):
            raise InvalidInput(f"a plan has {len(STEPS)} steps.")
        for text in (*self.steps, self.expected, self.note, self.with_whom):
            check_text(text)
        if self.priority is not None:
            parse_choice(self.priority, PRIORITIES, "the priority")
        if self.outcome is not None:
            parse_choice(self.outcome, OUTCOMES, "the outcome")
        _scale(self.expected_distress, "expected distress")
        _scale(self.before, "distress before")
        _scale(self.after, "distress after")
        for moment in (self.created_at, self.held_at):
            if moment is not None and moment.tzinfo is None:
                raise InvalidInput("a conversation's moments need a UTC offset.")

    def step(self, name: str) -> str:
        return self.steps[STEPS.index(name)]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "title": self.title,
            "with": self.with_whom,
            "steps": dict(zip(STEPS, self.steps, strict=True)),
            "priority": self.priority,
            "expected_distress": self.expected_distress,
            "expected": self.expected,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "held_at": None if self.held_at is None else self.held_at.isoformat(timespec="seconds"),
            "before": self.before,
            "after": self.after,
            "outcome": self.outcome,
            "note": self.note,
        }

    @classmethod
    def from_export(cls, raw: dict[str, Any]) -> dict[str, Any]:
        """One conversation of the JSON export, read by the rules of a new plan."""
        check_export_fields(raw, _EXPORT_FIELDS, required=("title", "created_at"))
        steps = raw.get("steps") or {}
        for name in STEPS:
            if not isinstance(steps.get(name), str | None):
                raise InvalidInput(f'"steps": "{name}" must be text.')
        return {"conversation": cls.from_json(raw)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conversation:
        """Read :meth:`to_json`'s object back, through the same rules as a new plan."""
        try:
            steps = data.get("steps") or {}
            held = data.get("held_at")
            return cls(
                id=int(data.get("id") or 0),
                uuid=str(data.get("uuid") or ""),
                title=data["title"],
                created_at=datetime.fromisoformat(data["created_at"]),
                with_whom=data.get("with") or "",
                steps=tuple(str(steps.get(name) or "") for name in STEPS),
                priority=data.get("priority"),
                expected_distress=data.get("expected_distress"),
                expected=data.get("expected") or "",
                held_at=None if held is None else datetime.fromisoformat(held),
                before=data.get("before"),
                after=data.get("after"),
                outcome=data.get("outcome"),
                note=data.get("note") or "",
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidInput(
                f"a conversation record is incomplete or malformed ({exc})."
            ) from None


# The keys of a conversation in the JSON export, as Conversation.from_export checks them.
_EXPORT_FIELDS: dict[str, tuple[type, ...] | str] = {
    "title": (str,),
    "with": (str,),
    "steps": (dict,),
    "priority": (str,),
    "expected_distress": (int,),
    "expected": (str,),
    "created_at": EXPORT_MOMENT,
    "held_at": EXPORT_MOMENT,
    "before": (int,),
    "after": (int,),
    "outcome": (str,),
    "note": (str,),
}
