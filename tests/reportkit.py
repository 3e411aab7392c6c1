"""Hand-built entries for the report tests."""

from __future__ import annotations

from datetime import datetime

from workjournal.models import Emotion, Entry


def entry(
    entry_id: int,
    when: str,
    mood: int | None = None,
    *,
    text: str = "",
    triggers: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    emotions: tuple[str, ...] = (),
    coping: tuple[str, ...] = (),
    created: str | None = None,
    private: bool = False,
    discuss: bool = False,
) -> Entry:
    """``when`` is ISO 8601 with its offset: the offset is the one the moment was lived in."""
    occurred = datetime.fromisoformat(when)
    return Entry(
        id=entry_id,
        uuid=f"uuid-{entry_id}",
        occurred_at=occurred,
        created_at=datetime.fromisoformat(created) if created else occurred,
        text=text,
        mood=mood,
        triggers=triggers,
        tags=tags,
        emotions=tuple(Emotion.parse(e) for e in emotions),
        coping=coping,
        private=private,
        discuss=discuss,
    )
