"""Drafts: what a guided flow or the editor had collected when it was interrupted (Ctrl-C, the
end of input, a closed terminal, an editor that failed), kept inside the journal so an
encrypted journal keeps them encrypted. A draft is never an entry: no report or export counts
it. The next guided run of the same command offers to continue it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Command = Literal["add", "thought", "safety-plan", "checkin"]
COMMANDS: tuple[Command, ...] = ("add", "thought", "safety-plan", "checkin")

KEPT = "Kept what you wrote as a draft. `journal {command}` offers it next time."


@dataclass(frozen=True)
class Draft:
    id: int
    command: Command
    fields: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None

    def summary(self, width: int = 60) -> str:
        """A few words to recognise it by: its mood and the start of its text."""
        parts = []
        if isinstance(self.fields.get("mood"), int):
            parts.append(f"mood {self.fields['mood']}")
        text = ""
        for key in ("text", "situation", "automatic_thought", "lines"):
            value = self.fields.get(key)
            if isinstance(value, list):
                value = "; ".join(str(item) for item in value)
            if isinstance(value, str) and value.strip():
                text = " ".join(value.split())
                break
        if text:
            room = max(10, width - sum(len(p) + 3 for p in parts))
            parts.append(text if len(text) <= room else text[: room - 1] + "…")
        answered = sum(1 for value in self.fields.values() if value not in (None, "", [], {}))
        if not parts:
            parts.append(f"{answered} answer{'s' if answered != 1 else ''}")
        return " · ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "command": self.command,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "fields": self.fields,
        }
