"""Getting an entry's text and fields from a person: the editor, and the guided flow that asks a
few skippable questions right after a hard moment. Prompts go to stderr; nothing here imports
Rich, so the flow starts instantly."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workjournal.errors import InvalidInput
from workjournal.models import Emotion, parse_emotions, parse_mood, parse_names

MOOD_SCALE = "1 = worst, 5 = so-so, 10 = best"


def edit_text(initial: str = "") -> str:
    """Open ``$VISUAL``/``$EDITOR`` on a file in a private temporary folder, removed afterwards."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        editor = next((e for e in ("nano", "vi") if shutil.which(e)), "")
    if not editor:
        raise InvalidInput("no editor found: set $EDITOR (for example `export EDITOR=nano`).")
    folder = Path(tempfile.mkdtemp(prefix="workjournal-"))  # created 0700
    try:
        path = folder / "entry.md"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(initial)
        try:
            result = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as exc:
            raise InvalidInput(f"could not start the editor {editor!r}: {exc.strerror}.") from None
        if result.returncode != 0:
            raise InvalidInput(
                f"the editor {editor!r} exited with status {result.returncode}; nothing was saved."
            )
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput("the edited text is not valid UTF-8; nothing was saved.") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return text.rstrip("\r\n")


def _ask(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:  # Ctrl-D
        sys.stderr.write("\n")
        return ""
    return line.rstrip("\r\n")


def _say(text: str) -> None:
    """A note under a question, wrapped at word boundaries on a terminal."""
    from workjournal.cli.common import terminal_width, wrap_text

    width = terminal_width(sys.stderr)
    sys.stderr.write((text if width is None else wrap_text(text, width)) + "\n")
    sys.stderr.flush()


@dataclass
class Answers:
    text: str = ""
    mood: int | None = None
    triggers: tuple[str, ...] = ()
    emotions: tuple[Emotion, ...] = ()
    coping: tuple[str, ...] = ()


def guided(frequent_triggers: list[str]) -> Answers:
    """Five short questions; Enter skips any of them. Takes seconds, never judges."""
    answers = Answers()
    sys.stderr.write("A few quick questions. Press Enter to skip any of them.\n")
    while True:
        raw = _ask(f"Mood right now? ({MOOD_SCALE}) ")
        try:
            answers.mood = parse_mood(raw)
            break
        except InvalidInput as exc:
            _say(f"  {exc.message} Try again, or press Enter to skip.")
    sys.stderr.write("What happened? (finish with an empty line)\n")
    lines: list[str] = []
    while True:
        line = _ask("> " if not lines else "  ")
        if not line:
            break
        lines.append(line)
    answers.text = "\n".join(lines)
    # A name saved before comma lists were split may hold a comma; offer its parts instead.
    often = list(dict.fromkeys(p.strip() for n in frequent_triggers for p in n.split(",")))
    often = [name for name in often if name][:6]
    offer = f" (often: {', '.join(often)})" if often else ""
    answers.triggers = _ask_names(f"What set it off?{offer} comma-separated: ", "trigger")
    answers.emotions = _ask_emotions()
    answers.coping = _ask_names("What helped, or what did you do? comma-separated: ", "coping")
    return answers


def _ask_names(prompt: str, what: str) -> tuple[str, ...]:
    while True:
        raw = _ask(prompt)
        try:
            return parse_names([raw], what=what) if raw.strip() else ()
        except InvalidInput as exc:
            _say(f"  {exc.message} Try again, or press Enter to skip.")


def _ask_emotions() -> tuple[Emotion, ...]:
    while True:
        raw = _ask("Emotions? e.g. anxious:70, sad (0-100 optional): ")
        try:
            return parse_emotions([raw]) if raw.strip() else ()
        except InvalidInput as exc:
            _say(f"  {exc.message} Try again, or press Enter to skip.")
