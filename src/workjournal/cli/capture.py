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


class _LineEditor:
    """Line editing (arrow keys, history) and Tab completion of known names, where the platform
    has readline and both stdin and stdout are a terminal (``input()`` then edits the line and
    shows the question on the terminal). Elsewhere questions go to stderr and answers are read
    plainly from stdin, so a pipe or a test gets exactly what was typed."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.readline: object | None = None
        try:
            interactive = sys.stdin.isatty() and sys.stdout.isatty()
        except (AttributeError, ValueError):
            interactive = False
        if not interactive:
            return
        try:
            import readline
        except ImportError:  # Windows without pyreadline, or a Python built without it
            return
        readline.set_completer_delims(",")
        readline.parse_and_bind("tab: complete")
        readline.set_completer(self._complete)
        self.readline = readline

    def _complete(self, text: str, state: int) -> str | None:
        typed = text.lstrip()
        lead = text[: len(text) - len(typed)]
        found = [lead + name for name in self.names if name.startswith(typed.casefold())]
        return found[state] if state < len(found) else None

    def ask(self, prompt: str, names: list[str] | None = None) -> str:
        self.names = names or []
        if self.readline is None:
            sys.stderr.write(prompt)
            sys.stderr.flush()
            line = sys.stdin.readline()
            if not line:  # Ctrl-D
                sys.stderr.write("\n")
                return ""
            return line.rstrip("\r\n")
        try:
            return input(prompt)
        except EOFError:
            sys.stdout.write("\n")
            return ""


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
    private: bool | None = None  # None: not asked
    discuss: bool | None = None

    def is_empty(self) -> bool:
        written = self.text.strip() or self.triggers or self.emotions or self.coping
        return not written and self.mood is None


@dataclass(frozen=True)
class Known:
    """Names already in the journal, most used first: offered and completed with Tab."""

    triggers: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    coping: tuple[str, ...] = ()


def guided(
    known: Known | list[str],
    *,
    past: bool = False,
    ask_private: bool = True,
    ask_discuss: bool = True,
) -> Answers:
    """Short questions; Enter skips any of them. Takes seconds, never judges. ``past``: the
    moment was earlier (``--at``), so the mood asked for is the mood then. The private and
    discuss questions are left out when their option was given, and when nothing else was
    answered (there is no entry to keep private)."""
    if not isinstance(known, Known):
        known = Known(triggers=tuple(known))
    editor = _LineEditor()
    answers = Answers()
    sys.stderr.write("A few quick questions. Press Enter to skip any of them.\n")
    question = "Mood then?" if past else "Mood right now?"
    while True:
        raw = editor.ask(f"{question} ({MOOD_SCALE}) ")
        try:
            answers.mood = parse_mood(raw)
            break
        except InvalidInput as exc:
            _say(f"  {exc.message} Try again, or press Enter to skip.")
    sys.stderr.write("What happened? (finish with an empty line)\n")
    lines: list[str] = []
    while True:
        line = editor.ask("> " if not lines else "  ")
        if not line:
            break
        lines.append(line)
    answers.text = "\n".join(lines)
    triggers = _parts(known.triggers)
    offer = f" (often: {', '.join(triggers[:6])})" if triggers else ""
    answers.triggers = _ask_names(
        editor, f"What set it off?{offer} comma-separated: ", "trigger", triggers
    )
    answers.emotions = _ask_emotions(editor, _parts(known.emotions))
    answers.coping = _ask_names(
        editor, "What helped, or what did you do? comma-separated: ", "coping", _parts(known.coping)
    )
    if answers.is_empty():
        return answers
    if ask_private:
        answers.private = _ask_yes_no(editor, "Keep this entry private, out of exports? (y/N) ")
    if ask_discuss:
        answers.discuss = _ask_yes_no(editor, "Flag it to bring to your next session? (y/N) ")
    return answers


def _parts(names: tuple[str, ...] | list[str]) -> list[str]:
    """A name saved before comma lists were split may hold a comma; offer its parts instead."""
    found = dict.fromkeys(part.strip() for name in names for part in name.split(","))
    return [name for name in found if name]


def _ask_yes_no(editor: _LineEditor, prompt: str) -> bool:
    while True:
        raw = editor.ask(prompt).strip().casefold()
        if raw in ("", "n", "no"):
            return False
        if raw in ("y", "yes"):
            return True
        _say("  Answer y or n, or press Enter for no.")


def _ask_names(editor: _LineEditor, prompt: str, what: str, names: list[str]) -> tuple[str, ...]:
    while True:
        raw = editor.ask(prompt, names)
        try:
            return parse_names([raw], what=what) if raw.strip() else ()
        except InvalidInput as exc:
            _say(f"  {exc.message} Try again, or press Enter to skip.")


def _ask_emotions(editor: _LineEditor, names: list[str]) -> tuple[Emotion, ...]:
    while True:
        raw = editor.ask("Emotions? e.g. anxious:70, sad (0-100 optional): ", names)
        try:
            return parse_emotions([raw]) if raw.strip() else ()
        except InvalidInput as exc:
            _say(f"  {exc.message} Try again, or press Enter to skip.")
