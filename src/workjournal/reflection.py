"""Guided self-reflection: the prompt library, the person's own prompts, and the rule that
picks one. Stdlib only; the choice is a pure function of what it is given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workjournal.errors import InvalidInput
from workjournal.models import EXPORT_MOMENT, check_export_fields, check_text, parse_export_moment

THEMES = (
    "fear",
    "shame",
    "resentment",
    "grief",
    "patterns",
    "progress",
    "after-session",
    "values",
    "own",
)
PROMPT_MAX = 500
REPEAT_AFTER = timedelta(days=14)


@dataclass(frozen=True)
class Prompt:
    """A reflection prompt: from the library (``fear-1``) or the person's own (``own-1``)."""

    id: str
    theme: str
    text: str

    def __post_init__(self) -> None:
        check_prompt_text(self.text)
        parse_theme(self.theme)
        if not self.id or len(self.id) > 40:
            raise InvalidInput("a prompt id must be 1 to 40 characters.")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "theme": self.theme, "text": self.text}

    @classmethod
    def from_export(cls, raw: dict[str, Any]) -> dict[str, Any]:
        """One of the person's own prompts from the JSON export: ``prompt`` and its
        ``created_at``. Only the person's own prompts are exported (the library's are code)."""
        check_export_fields(raw, {"created_at": EXPORT_MOMENT}, required=("created_at",))
        found = cls.from_json(raw)
        check_text(found.text)
        if not found.text.strip():
            raise InvalidInput('"text" cannot be empty.')
        created = parse_export_moment(raw.get("created_at"), "created_at")
        if not found.id.startswith("own-"):
            raise InvalidInput('"id" of your own prompt starts with "own-".')
        return {"prompt": found, "created_at": created}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Prompt:
        fields: dict[str, tuple[type, ...] | str] = {"id": (str,), "theme": (str,), "text": (str,)}
        check_export_fields(data, fields, required=tuple(fields))
        return cls(id=data["id"], theme=data["theme"], text=data["text"])


def parse_theme(raw: str) -> str:
    theme = raw.strip().casefold()
    if theme not in THEMES:
        raise InvalidInput(f"{raw!r} is not a theme; choose one of {', '.join(THEMES)}.")
    return theme


def check_prompt_text(raw: str) -> str:
    text = " ".join(raw.split())
    if not text:
        raise InvalidInput("a prompt cannot be empty.")
    check_text(text)
    if len(text) > PROMPT_MAX:
        raise InvalidInput(f"a prompt can be at most {PROMPT_MAX} characters long.")
    return text


_LIBRARY: dict[str, tuple[str, ...]] = {
    "fear": (
        "What has felt frightening lately, even if it seems small when you write it down?",
        "If the fear could speak for itself, what might it be trying to protect you from?",
        "Where in your body did you notice the fear first, and what was it like?",
        "What would you do this week if the fear were a little quieter?",
        "When have you done something while still afraid, and what happened then?",
        "What do you imagine would happen if the thing you fear came true, and then what?",
    ),
    "shame": (
        "Is there a moment you keep replaying? What do you wish someone had said to you then?",
        "Whose voice does the harsh inner critic sound like, if it sounds like anyone?",
        "What would you say to a friend who told you they had felt what you felt?",
        "What part of yourself have you been keeping hidden, and what might it need?",
        "When the shame eased a little, even briefly, what was around you?",
        "What is one thing about that moment that makes sense, given what you were carrying?",
    ),
    "resentment": (
        "Who or what have you been carrying resentment toward, and what does it ask of you?",
        "What need of yours might have gone unmet in the situation you keep coming back to?",
        "If the resentment had a message about your limits, what might it say?",
        "What would it be like to say out loud what you have been holding back?",
        "Is there an old hurt underneath the recent one? What do you notice about it?",
        "What would feel fair to you, if fairness were possible here?",
    ),
    "grief": (
        "What or whom have you been missing lately?",
        "Is there a loss that doesn't get named often? What would you like to say about it?",
        "What small thing brought the grief closer this week: a smell, a song, a place?",
        "What did you learn from what you lost that you still carry with you?",
        "How does the grief change through a day? When is it heaviest, and when lighter?",
        "Is there something you wish you could still tell them, or tell yourself then?",
    ),
    "patterns": (
        "What keeps coming up, in different places or with different people?",
        "What tends to happen just before things start to feel hard?",
        "Is there a reaction of yours that surprises you? When did it first appear?",
        "What do you usually do when you feel this way, and what does it give you?",
        "If you watched this week as a kind outsider, what would you notice repeating?",
        "Which situations leave you feeling most like yourself, and what do they share?",
    ),
    "progress": (
        "What is one small thing you handled differently than you would have a while ago?",
        "Where have you been patient with yourself lately, even a little?",
        "What felt impossible some months ago and feels a bit more possible now?",
        "What has helped, even when it didn't fix everything?",
        "If progress this week were measured in moments instead of results, which moments count?",
        "What would you like to remember about this stretch of time when it gets hard again?",
    ),
    "after-session": (
        "What from your last session is still on your mind?",
        "Was there a moment in the session when something shifted? What was it?",
        "What would you like to try, notice or practise before the next session?",
        "Was there something you wanted to say in the session and didn't? What was it?",
        "How did you feel walking out of the session, and how do you feel now?",
        "What question did the session leave you with?",
    ),
    "values": (
        "What mattered most to you today, underneath everything that happened?",
        "When did you last act in a way you are quietly proud of? What value did it show?",
        "What kind of friend, partner or colleague would you like to be this month?",
        "What are you willing to feel uncomfortable for, because it matters to you?",
        "If your actions this week told a story about what you value, what would it be?",
        "What would a day lived a little closer to your values look like?",
    ),
}

LIBRARY: tuple[Prompt, ...] = tuple(
    Prompt(f"{theme}-{number}", theme, text)
    for theme, texts in _LIBRARY.items()
    for number, text in enumerate(texts, start=1)
)

# Emotion names that lean the choice toward a theme when logged often in the past week.
_EMOTION_THEMES: dict[str, str] = {
    **dict.fromkeys(("ashamed", "shame", "embarrassed", "humiliated", "guilty"), "shame"),
    **dict.fromkeys(("afraid", "scared", "fear", "frightened", "anxious", "panicky"), "fear"),
    **dict.fromkeys(("resentful", "resentment", "bitter", "angry", "irritated"), "resentment"),
    **dict.fromkeys(("grief", "grieving", "sad", "lonely", "heartbroken"), "grief"),
}
LEAN_MIN = 2  # an emotion theme counts once logged at least this often in the week


def leaning_theme(
    emotions: Iterable[str], *, last_session: datetime | None, now: datetime
) -> str | None:
    """The theme the past week leans to: ``after-session`` when a session was in the last 2
    days, else the theme of the emotions logged most (at least twice), else none."""
    if last_session is not None and timedelta(0) <= now - last_session <= timedelta(days=2):
        return "after-session"
    counts: dict[str, int] = {}
    for name in emotions:
        theme = _EMOTION_THEMES.get(name.casefold())
        if theme is not None:
            counts[theme] = counts.get(theme, 0) + 1
    if not counts:
        return None
    theme, count = max(counts.items(), key=lambda item: (item[1], -THEMES.index(item[0])))
    return theme if count >= LEAN_MIN else None


def choose_prompt(
    prompts: Sequence[Prompt],
    *,
    answered: Iterable[tuple[str, datetime]],
    emotions: Iterable[str],
    last_session: datetime | None,
    now: datetime,
    theme: str | None = None,
) -> Prompt:
    """One prompt: of ``theme`` when given, else preferring the week's leaning theme; among
    them one not answered in the last 14 days when there is one. Which one turns with the day,
    so the same day gives the same prompt."""
    if not prompts:
        raise InvalidInput("there are no prompts to choose from.")
    recent = {pid for pid, at in answered if now - at < REPEAT_AFTER}
    pool = [p for p in prompts if p.theme == theme] if theme else list(prompts)
    if not pool:
        raise InvalidInput(f"there are no prompts with the theme {theme!r} yet.")
    fresh = [p for p in pool if p.id not in recent] or pool
    if theme is None:
        lean = leaning_theme(emotions, last_session=last_session, now=now)
        leaning = [p for p in fresh if p.theme == lean]
        fresh = leaning or fresh
    return fresh[now.date().toordinal() % len(fresh)]


def find_prompt(prompts: Sequence[Prompt], prompt_id: str) -> Prompt:
    for p in prompts:
        if p.id == prompt_id.strip().casefold():
            return p
    raise InvalidInput(
        f"there is no prompt {prompt_id!r}. `journal reflect prompts` lists them with their ids."
    )
