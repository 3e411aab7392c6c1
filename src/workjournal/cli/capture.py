"""Getting an entry's text and fields from a person: the editor, and the guided flow that asks a
few skippable questions right after a hard moment. Prompts go to stderr; nothing here imports
Rich, so the flow starts instantly."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from workjournal.drafts import KEPT
from workjournal.errors import InvalidInput
from workjournal.models import Emotion, parse_emotions, parse_mood, parse_names

if TYPE_CHECKING:
    from workjournal.store import Store

MOOD_SCALE = "1 = worst, 5 = so-so, 10 = best"


def edit_text(
    initial: str = "",
    *,
    journal: Path,
    keep: Callable[[str], bool] | None = None,
) -> str:
    """Open ``$VISUAL``/``$EDITOR`` on a file in a private 0700 folder beside the journal
    (never /tmp: the journal's folder is where its owner keeps it, encrypted disk and all),
    removed afterwards.

    When the editor fails, or the command is ended while it is open (Ctrl-C, the terminal
    closing, SIGTERM), what was written is given to ``keep`` (which saves it as a draft and
    says whether it could) and the file is removed. If it could not be kept the file stays in
    that private folder, and the next command that opens the journal keeps it as a draft."""
    from workjournal import files

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        editor = next((e for e in ("nano", "vi") if shutil.which(e)), "")
    if not editor:
        raise InvalidInput("no editor found: set $EDITOR (for example `export EDITOR=nano`).")
    try:
        folder = files.temporary_dir(journal, files.EDITING)
    except OSError as exc:
        raise InvalidInput(
            f"cannot make a private folder for the editor beside {journal}: {exc.strerror}."
        ) from None
    path = folder / "entry.md"
    written = ""
    try:
        with files.ending_signals_interrupt():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(initial)
            try:
                result = subprocess.run([*shlex.split(editor), str(path)], check=False)
            except OSError as exc:
                raise InvalidInput(
                    f"could not start the editor {editor!r}: {exc.strerror}."
                ) from None
            written = _read_written(path)
            if result.returncode != 0:
                status = f"the editor {editor!r} exited with status {result.returncode}"
                if _kept(written, initial, keep):
                    raise InvalidInput(f"{status}. {KEPT.format(command='add')}")
                raise InvalidInput(f"{status}; nothing was saved.")
            try:
                text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                if _kept(written, initial, keep):
                    raise InvalidInput(
                        f"the edited text is not valid UTF-8. {KEPT.format(command='add')}"
                    ) from None
                raise InvalidInput(
                    "the edited text is not valid UTF-8; nothing was saved."
                ) from None
    except KeyboardInterrupt as exc:  # Ctrl-C, or files.Ended for SIGTERM and SIGHUP
        with files.signals_held():
            written = _read_written(path)
            if _kept(written, initial, keep):
                _note("\n" + KEPT.format(command="add"))
            elif written.strip() and written != initial.rstrip("\r\n"):
                _note(
                    f"\nWhat you wrote is kept in {folder} (readable only by you); the next "
                    "`journal` command keeps it as a draft."
                )
                raise typer.Exit(_interrupted_code(exc)) from None
            else:
                _note("\nStopped. Nothing was saved.")
            files.remove_tree(folder)
        raise typer.Exit(_interrupted_code(exc)) from None
    except BaseException:
        files.remove_tree(folder)
        raise
    files.remove_tree(folder)
    return text.rstrip("\r\n")


def edit_for(ctx: typer.Context, initial: str = "", *, store: Store | None = None) -> str:
    """:func:`edit_text` for a command: the folder beside this journal, and what an
    interrupted or failed editor held kept as a draft of ``journal add`` (in ``store`` when
    the journal is open, else in the journal if it exists and opens without asking)."""
    from workjournal.cli import common

    path = common.state(ctx).db_path

    def keep(text: str) -> bool:
        now, _tz = common.now_and_tz()
        if store is not None:
            store.save_draft("add", {"text": text}, now=now)
            return True
        if not path.is_file() or not path.stat().st_size:
            return False  # no journal yet: the next one that is made keeps it
        with common.open_journal(ctx, write=True, ask=False) as opened:
            opened.save_draft("add", {"text": text}, now=now)
        return True

    return edit_text(initial, journal=path, keep=keep)


def _note(text: str) -> None:
    # The terminal may be gone (SIGHUP): what matters is already done, so a failed write is fine.
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


def _read_written(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError:
        return ""
    return raw.decode("utf-8", errors="replace").replace("\x00", "").rstrip("\r\n")


def _kept(written: str, initial: str, keep: Callable[[str], bool] | None) -> bool:
    """Give what the editor holds to ``keep`` when there is something new in it."""
    if keep is None or not written.strip() or written == initial.rstrip("\r\n"):
        return False
    try:
        return keep(written)
    except Exception:  # the journal cannot be opened now: the file stays for the next open
        return False


def _interrupted_code(exc: BaseException) -> int:
    hung_up = exc.args and exc.args[0] == getattr(signal, "SIGHUP", None)
    return 129 if hung_up else 130


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
    asked: list[str] = field(default_factory=list)  # the questions answered (or skipped)

    def is_empty(self) -> bool:
        written = self.text.strip() or self.triggers or self.emotions or self.coping
        return not written and self.mood is None

    def to_draft(self) -> dict[str, Any]:
        """What an interrupted flow keeps (see workjournal.cli.drafting); {} when nothing."""
        if self.is_empty():
            return {}
        return {
            "mood": self.mood,
            "text": self.text,
            "triggers": list(self.triggers),
            "emotions": [[e.name, e.intensity] for e in self.emotions],
            "coping": list(self.coping),
            "private": self.private,
            "discuss": self.discuss,
            "asked": list(self.asked),
        }

    @classmethod
    def from_draft(cls, fields: dict[str, Any]) -> Answers:
        """A draft's answers; anything a draft holds that the code cannot read is dropped."""

        def names(key: str) -> tuple[str, ...]:
            value = fields.get(key)
            return tuple(str(n) for n in value) if isinstance(value, list) else ()

        emotions: list[Emotion] = []
        for item in fields.get("emotions") or []:
            try:
                name, intensity = item
                emotions.append(Emotion(str(name), None if intensity is None else int(intensity)))
            except (TypeError, ValueError):
                continue
        mood = fields.get("mood")
        asked = fields.get("asked")
        return cls(
            text=str(fields.get("text") or ""),
            mood=mood if isinstance(mood, int) and not isinstance(mood, bool) else None,
            triggers=names("triggers"),
            emotions=tuple(emotions),
            coping=names("coping"),
            private=fields.get("private") if isinstance(fields.get("private"), bool) else None,
            discuss=fields.get("discuss") if isinstance(fields.get("discuss"), bool) else None,
            asked=[str(a) for a in asked] if isinstance(asked, list) else [],
        )


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
    answers: Answers | None = None,
) -> Answers:
    """Short questions; Enter skips any of them. Takes seconds, never judges. ``past``: the
    moment was earlier (``--at``), so the mood asked for is the mood then. The private and
    discuss questions are left out when their option was given, and when nothing else was
    answered (there is no entry to keep private). ``answers`` is filled in as the person
    answers (so an interrupted flow loses nothing); a draft's answers skip their questions."""
    if not isinstance(known, Known):
        known = Known(triggers=tuple(known))
    editor = _LineEditor()
    answers = Answers() if answers is None else answers
    sys.stderr.write("A few quick questions. Press Enter to skip any of them.\n")

    def step(name: str) -> bool:
        return name not in answers.asked

    question = "Mood then?" if past else "Mood right now?"
    while step("mood"):
        raw = editor.ask(f"{question} ({MOOD_SCALE}) ")
        try:
            answers.mood = parse_mood(raw)
            answers.asked.append("mood")
        except InvalidInput as exc:
            _say(f"  {exc.message} Try again, or press Enter to skip.")
    if step("text"):
        lines: list[str] = answers.text.split("\n") if answers.text else []
        if lines:
            sys.stderr.write("What happened? Your draft so far:\n")
            for line in lines:
                sys.stderr.write(f"  {line}\n")
            sys.stderr.write("Go on, or finish with an empty line.\n")
        else:
            sys.stderr.write("What happened? (finish with an empty line)\n")
        while True:
            line = editor.ask("> " if not lines else "  ")
            if not line:
                break
            lines.append(line)
            answers.text = "\n".join(lines)  # kept line by line
        answers.asked.append("text")
    triggers = _parts(known.triggers)
    offer = f" (often: {', '.join(triggers[:6])})" if triggers else ""
    if step("triggers"):
        answers.triggers = _ask_names(
            editor, f"What set it off?{offer} comma-separated: ", "trigger", triggers
        )
        answers.asked.append("triggers")
    if step("emotions"):
        answers.emotions = _ask_emotions(editor, _parts(known.emotions))
        answers.asked.append("emotions")
    if step("coping"):
        answers.coping = _ask_names(
            editor,
            "What helped, or what did you do? comma-separated: ",
            "coping",
            _parts(known.coping),
        )
        answers.asked.append("coping")
    if answers.is_empty():
        return answers
    if ask_private and step("private"):
        answers.private = _ask_yes_no(editor, "Keep this entry private, out of exports? (y/N) ")
        answers.asked.append("private")
    if ask_discuss and step("discuss"):
        answers.discuss = _ask_yes_no(editor, "Flag it to bring to your next session? (y/N) ")
        answers.asked.append("discuss")
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
