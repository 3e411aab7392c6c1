"""Keeping what a guided flow collected when it is interrupted: Ctrl-C, the end of input, or
the terminal closing (SIGHUP) or the process being asked to stop (SIGTERM)."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer

from workjournal.cli import prompt
from workjournal.drafts import KEPT

if TYPE_CHECKING:
    from workjournal.store import Store


class Interrupted(KeyboardInterrupt):
    """SIGHUP or SIGTERM during a guided flow, raised where the flow is waiting."""


def _raise(signum: int, frame: object) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def keep_as_draft(
    store: Store,
    command: str,
    collected: Callable[[], dict[str, Any]],
    *,
    now: datetime,
    first: Callable[[], None] | None = None,
    replaces: int | None = None,
) -> Iterator[None]:
    """Run a guided flow; if it is interrupted with something collected, save that as a draft
    of ``command`` and end with exit 130 (129 for a closed terminal). ``first`` runs before,
    for a flow that saves its finished parts for real (the safety plan's sections);
    ``replaces`` is a draft being continued, removed once its words are in the new one."""
    previous: dict[int, Any] = {}
    names = ("SIGHUP", "SIGTERM")  # Windows has no SIGHUP
    for number in [int(getattr(signal, name)) for name in names if hasattr(signal, name)]:
        with contextlib.suppress(ValueError):  # not the main thread
            previous[number] = signal.signal(number, _raise)
    try:
        yield
    except (KeyboardInterrupt, EOFError) as exc:
        if first is not None:
            first()
        fields = {key: value for key, value in collected().items() if value not in (None, "", [])}
        hung_up = (
            isinstance(exc, Interrupted)
            and exc.args
            and exc.args[0] == getattr(signal, "SIGHUP", None)
        )
        if fields:
            store.save_draft(command, fields, now=now)
            if replaces is not None:
                store.discard_draft(replaces)
            _say("\n" + KEPT.format(command=command))
        else:
            _say("\nStopped. Nothing was saved.")
        raise typer.Exit(129 if hung_up else 130) from None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _say(text: str) -> None:
    # The terminal may be gone (SIGHUP): the draft is already saved, so a failed write is fine.
    with contextlib.suppress(OSError, ValueError):
        prompt.say(text)


def offer(store: Store, command: str) -> tuple[int, dict[str, Any]] | None:
    """Offer the newest draft of ``command``; (id, fields) when the person wants to continue."""
    found = store.list_drafts(command)
    if not found:
        return None
    draft = found[-1]
    from workjournal.clock import format_moment

    when = format_moment(draft.created_at) if draft.created_at else "earlier"
    more = f" ({len(found) - 1} more in `journal drafts`)" if len(found) > 1 else ""
    _say(f"You have a draft from {when}: {draft.summary()}.{more}")
    try:
        answer = prompt.ask("Continue it? (Y/n) ")
    except (prompt.EndOfInput, OSError, ValueError):
        answer = "n"
    if answer.strip().casefold() in ("", "y", "yes"):
        return draft.id, draft.fields
    _say("Starting afresh; the draft stays in `journal drafts`.")
    return None
