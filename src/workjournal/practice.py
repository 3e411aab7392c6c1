"""Mindfulness and skills practice: one sitting, walk or class, with its minutes. Stdlib only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workjournal.errors import InvalidInput
from workjournal.models import (
    EXPORT_MOMENT,
    check_export_fields,
    check_text,
    normalize_name,
    parse_export_uuid,
    parse_scale,
)

MINUTES_MIN = 1
MINUTES_MAX = 1440


def check_minutes(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("minutes must be a whole number.")
    if not MINUTES_MIN <= value <= MINUTES_MAX:
        raise InvalidInput(
            f"minutes must be from {MINUTES_MIN} to {MINUTES_MAX} (a day); got {value}."
        )
    return value


def _check_scale(value: int | None, what: str) -> None:
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"{what} must be a whole number from 0 to 10.")
        parse_scale(value, what=what, low=0, high=10)


@dataclass(frozen=True)
class NewPractice:
    """A practice before it is saved. ``name`` is normalised like a trigger."""

    name: str
    minutes: int
    at: datetime
    note: str = ""
    before: int | None = None
    after: int | None = None
    homework_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", normalize_name(self.name, what="practice name"))
        if self.at.tzinfo is None:
            raise ValueError("at must be timezone-aware")
        check_minutes(self.minutes)
        check_text(self.note)
        _check_scale(self.before, "distress before")
        _check_scale(self.after, "distress after")


@dataclass(frozen=True)
class Practice:
    id: int
    uuid: str
    name: str
    minutes: int
    at: datetime
    created_at: datetime
    note: str = ""
    before: int | None = None
    after: int | None = None
    homework_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uuid": self.uuid,
            "name": self.name,
            "minutes": self.minutes,
            "at": self.at.isoformat(timespec="seconds"),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "note": self.note,
            "before": self.before,
            "after": self.after,
            "homework_id": self.homework_id,
        }

    @classmethod
    def from_export(cls, raw: dict[str, Any]) -> dict[str, Any]:
        """One practice of the JSON export, checked as a new one is: ``practice`` and the uuid
        of the homework it counts toward (``homework_uuid``, or None)."""
        check_export_fields(
            raw,
            {
                "name": (str,),
                "minutes": (int,),
                "at": EXPORT_MOMENT,
                "created_at": EXPORT_MOMENT,
                "note": (str,),
                "before": (int,),
                "after": (int,),
            },
            required=("name", "minutes", "at"),
        )
        found = cls.from_json({**raw, "homework_id": None})
        homework = raw.get("homework_uuid")
        return {
            "practice": found,
            "homework_uuid": None
            if homework is None
            else parse_export_uuid(homework, "homework_uuid"),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Practice:
        """Read :meth:`to_json`'s object back, through the same rules as a new practice."""
        try:
            at = datetime.fromisoformat(data["at"])
            created = datetime.fromisoformat(data.get("created_at") or data["at"])
            new = NewPractice(
                name=data["name"],
                minutes=data["minutes"],
                at=at,
                note=data.get("note") or "",
                before=data.get("before"),
                after=data.get("after"),
                homework_id=data.get("homework_id"),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidInput(f"a practice record is incomplete or malformed ({exc}).") from None
        if created.tzinfo is None:
            raise InvalidInput("a practice record's created_at has no UTC offset.")
        return cls(
            id=int(data.get("id") or 0),
            uuid=str(data.get("uuid") or ""),
            name=new.name,
            minutes=new.minutes,
            at=new.at,
            created_at=created,
            note=new.note,
            before=new.before,
            after=new.after,
            homework_id=new.homework_id,
        )


# -- the live practice -------------------------------------------------------------------------

BREATH_STEPS = ("in", "hold", "out", "hold")
BREATH_STEP_MAX = 20


def parse_breathing(raw: str) -> tuple[int, int, int, int]:
    """``'4-4-4-4'`` (in, hold, out, hold, in seconds) -> (4, 4, 4, 4); holds may be 0."""
    parts = raw.strip().split("-")
    try:
        if len(parts) != 4:
            raise ValueError
        numbers = tuple(int(p) for p in parts if p.strip().isdigit())
        if len(numbers) != 4:
            raise ValueError
    except ValueError:
        raise InvalidInput(
            f"--breathe takes four numbers of seconds, in-hold-out-hold, such as 4-4-4-4 or "
            f"4-7-8-0; not {raw!r}."
        ) from None
    if any(n > BREATH_STEP_MAX for n in numbers) or numbers[0] == 0 or numbers[2] == 0:
        raise InvalidInput(
            f"--breathe: breathing in and out take 1 to {BREATH_STEP_MAX} seconds each, and a "
            f"hold 0 to {BREATH_STEP_MAX}; not {raw!r}."
        )
    return numbers[0], numbers[1], numbers[2], numbers[3]


def breath_phase(pattern: tuple[int, int, int, int], elapsed: float) -> tuple[str, int]:
    """The breathing step ``elapsed`` seconds into a practice, and the whole seconds left in
    it (counting down to 1): ``('in', 3)``. Holds of 0 seconds are skipped."""
    cycle = sum(pattern)
    position = elapsed % cycle
    for step, seconds in zip(BREATH_STEPS, pattern, strict=True):
        if position < seconds:
            return step, int(seconds - position) + (0 if (seconds - position) % 1 == 0 else 1)
        position -= seconds
    return BREATH_STEPS[0], pattern[0]  # pragma: no cover - floating point edge


def minutes_practised(elapsed_seconds: float, *, seconds_per_minute: float = 60.0) -> int:
    """Whole minutes actually practised, rounded down."""
    return max(0, int(elapsed_seconds // seconds_per_minute))
