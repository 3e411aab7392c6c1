"""Readers for files from workjournal and other journaling apps.

Each importer is a pure parser: it turns a file's text into validated model objects and raises
:class:`ImportRejected` naming the row and the problem (never quoting entry text). Nothing here
touches the journal; the store inserts a whole :class:`ImportBatch` in one transaction, so a file
is imported completely or not at all.
"""

from __future__ import annotations

import json
import os
import sys
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Literal

from workjournal.errors import ImportRejected
from workjournal.models import RECORD_KINDS, NewEntry

Source = Literal["workjournal", "daylio", "jrnl"]
SOURCES: tuple[Source, ...] = ("workjournal", "daylio", "jrnl")
SOURCE_NAMES: dict[Source, str] = {
    "workjournal": "workjournal JSON",
    "daylio": "Daylio CSV",
    "jrnl": "jrnl JSON",
}
# The kinds kept as rows besides entries that a workjournal JSON file carries, in insertion order
# (a parent before its children, so a completion can find its homework): from RECORD_KINDS.
TABLES = tuple(k.name for k in RECORD_KINDS if k.name != "entries" and not k.single)

# Entries from apps without ids get a stable UUID made from their content, so importing the same
# export twice adds nothing the second time.
_NAMESPACE = uuid_module.UUID("6f1c2a8e-3d4b-5e6f-8a9b-0c1d2e3f4a5b")


def stable_uuid(source: str, *parts: str) -> str:
    return str(uuid_module.uuid5(_NAMESPACE, "\x1f".join((source, *parts))))


@dataclass(frozen=True)
class ImportedEntry:
    """An entry read from a file: its fields, its UUID and when it was first written."""

    uuid: str
    entry: NewEntry
    created_at: datetime
    prompt: dict[str, str] | None = (
        None  # the reflection prompt it answers: {"id", "theme", "text"}
    )


@dataclass(frozen=True)
class ImportBatch:
    """Everything one file holds, validated. ``tables`` maps a name from :data:`TABLES` to rows
        in the JSON export's shape with moments parsed to aware datetimes, and ``"safety_plan"``
    (when the file has one) to ``{"sections": [(key, text), ...], "updated_at": datetime}``."""

    source: Source
    entries: tuple[ImportedEntry, ...]
    tables: Mapping[str, Any] = field(default_factory=dict)


# The largest file an import reads: far beyond any real export (a decade of daily entries is a
# few MB), and small enough that reading it cannot exhaust memory (`import /dev/zero`).
MAX_IMPORT_BYTES = 256 * 1024 * 1024
MAX_IMPORT_TEXT = f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB"


def _too_big(path: Path) -> ImportRejected:
    return ImportRejected(
        f"{path} is larger than {MAX_IMPORT_TEXT}, the most an import reads; it is not an "
        "export workjournal knows. Nothing was imported."
    )


def read_text(path: Path) -> str:
    """The file's text as strict UTF-8, without a byte order mark. At most
    :data:`MAX_IMPORT_BYTES` are read, also from a pipe or a device."""
    try:
        with path.open("rb") as fh:
            if os.fstat(fh.fileno()).st_size > MAX_IMPORT_BYTES:
                raise _too_big(path)
            raw = fh.read(MAX_IMPORT_BYTES + 1)
        if len(raw) > MAX_IMPORT_BYTES:
            raise _too_big(path)
    except FileNotFoundError:
        raise ImportRejected(f"there is no file {path}.") from None
    except IsADirectoryError:
        raise ImportRejected(f"{path} is a folder; give the exported file.") from None
    except OSError as exc:
        raise ImportRejected(f"cannot read {path}: {exc.strerror}.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            f"{path} is not UTF-8 text (byte {exc.start}); nothing was imported. Export it again "
            "from the app, or save it as UTF-8."
        ) from None
    return text.removeprefix("\ufeff")


def loads_json(text: str) -> Any:
    """``json.loads`` for an import: what a crafted file can make the parser give up on (nesting
    deeper than Python's stack, a number too long to convert) is an :class:`ImportRejected`.
    Invalid JSON still raises ``json.JSONDecodeError`` for the caller to place."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ImportRejected(
            "this JSON is nested too deeply (lists or objects inside each other thousands of "
            "times over); no export looks like that. Nothing was imported."
        ) from None
    except ValueError:  # int() refuses a number of more than sys.get_int_max_str_digits()
        raise ImportRejected(
            f"this JSON has a number with more than {sys.get_int_max_str_digits()} digits; no "
            "export holds one. Nothing was imported."
        ) from None


def sniff(text: str) -> tuple[Source | None, Any]:
    """The format of ``text`` from its content (a workjournal or jrnl JSON export, or a Daylio
    CSV header), and what a JSON file decoded to (None otherwise), so that the parser does not
    decode it again."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = loads_json(stripped)
        except json.JSONDecodeError:
            return None, None
        if isinstance(data, dict):
            if data.get("format") == "workjournal":
                return "workjournal", data
            entries = data.get("entries")
            if isinstance(entries, list) and all(
                isinstance(e, dict) and "date" in e and ("title" in e or "body" in e)
                for e in entries
            ):
                return "jrnl", data
        return None, None
    first_line = stripped.split("\n", 1)[0].strip().lower()
    if first_line.startswith("full_date,") or first_line.startswith('"full_date",'):
        return "daylio", None
    return None, None


def guess_format(text: str) -> Source | None:
    """Recognise the format from the content (see :func:`sniff`)."""
    return sniff(text)[0]


def parse(
    text: str,
    source: Source,
    *,
    tz: tzinfo,
    mood_map: Mapping[str, int] | None = None,
    decoded: Any = None,
) -> ImportBatch:
    """Parse ``text`` as ``source``; ``decoded`` is what :func:`sniff` decoded it to, if it did.
    Moments without a UTC offset (Daylio, jrnl) are read in ``tz``, the local time zone."""
    if source == "workjournal":
        from workjournal.importers.workjournal import parse_workjournal

        return parse_workjournal(text, decoded=decoded)
    if source == "daylio":
        from workjournal.importers.daylio import parse_daylio

        return parse_daylio(text, tz=tz, mood_map=mood_map)
    from workjournal.importers.jrnl import parse_jrnl

    return parse_jrnl(text, tz=tz, decoded=decoded)


def load(
    path: Path,
    source: Source | None,
    *,
    tz: tzinfo,
    mood_map: Mapping[str, int] | None = None,
) -> ImportBatch:
    """Read and parse ``path``; ``source=None`` guesses the format from the content."""
    text = read_text(path)
    decoded = None
    if source is None:
        source, decoded = sniff(text)
        if source is None:
            raise ImportRejected(
                f"could not tell what kind of file {path} is. workjournal reads its own JSON "
                "export, Daylio's CSV export and jrnl's JSON export (`jrnl --export json`); "
                "name the format with --from workjournal|daylio|jrnl."
            )
    if mood_map and source != "daylio":
        raise ImportRejected(
            f"--mood-map is for Daylio files, and {path} is a {SOURCE_NAMES[source]} file."
        )
    return parse(text, source, tz=tz, mood_map=mood_map, decoded=decoded)


def rejected(where: str, problem: str) -> ImportRejected:
    return ImportRejected(f"{where}: {problem} Nothing was imported.")
