"""Moving data in and out and keeping it safe: export, import, backup, doctor."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, TextIO

import typer

from workjournal.cli import common
from workjournal.cli.common import checked, info
from workjournal.errors import InvalidInput, NoJournal
from workjournal.exporters.sections import DETAIL_SECTIONS

if TYPE_CHECKING:
    from workjournal.importers import ImportBatch
    from workjournal.store import Store


class ExportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    csv = "csv"
    json = "json"


class ImportSource(StrEnum):
    workjournal = "workjournal"
    daylio = "daylio"
    jrnl = "jrnl"


HUMAN = (ExportFormat.md, ExportFormat.html, ExportFormat.pdf)
SECTIONS = ("summary", *DETAIL_SECTIONS)  # the document's own list, never written out twice
DEFAULT_SECTIONS = SECTIONS[:-1]  # the safety plan only when asked for
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
_SUFFIXES.update({".csv": "csv", ".json": "json"})


def _parse_sections(raw: str | None) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_SECTIONS
    chosen = [part.strip().lower() for part in raw.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in SECTIONS]
    if unknown or not chosen:
        raise InvalidInput(
            f"choose sections from {','.join(SECTIONS)} (comma-separated), not {raw!r}."
        )
    return tuple(part for part in SECTIONS if part in chosen)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@contextmanager
def _quiet_broken_pipe() -> Iterator[None]:
    """``journal export -f json | head`` closes the pipe early: stop quietly, like cat does."""
    try:
        yield
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
        raise typer.Exit(141) from None


@contextmanager
def _text_destination(out: Path | None, *, bom: bool = False) -> Iterator[TextIO]:
    """``--out`` as an atomic 0600 file (UTF-8, with a BOM for csv so spreadsheets read it as
    UTF-8), else standard output."""
    if out is None:
        with _quiet_broken_pipe():
            yield sys.stdout
            sys.stdout.flush()
        return
    from workjournal.exporters.output import atomic_file

    with atomic_file(out) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig" if bom else "utf-8", newline="")
        yield text
        text.flush()
        text.detach()


@contextmanager
def _binary_destination(out: Path | None) -> Iterator[BinaryIO]:
    if out is None:
        with _quiet_broken_pipe():
            sys.stdout.flush()
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        return
    from workjournal.exporters.output import atomic_file

    with atomic_file(out) as raw:
        yield raw


def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html or pdf for people; csv or json for data.",
            show_default=False,
        ),
    ] = None,
    since: common.SinceOpt = None,
    until: common.UntilOpt = None,
    since_session: Annotated[
        bool, typer.Option("--since-session", help="Since your last recorded therapy session.")
    ] = False,
    sections: Annotated[
        str | None,
        typer.Option(
            metavar="LIST",
            help=f"Parts to include in md/html/pdf, comma-separated: {','.join(SECTIONS)} "
            "(default: all but the safety plan).",
        ),
    ] = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="md/html/pdf: the whole journal instead of the time since your last session "
            "(or the last 4 weeks). csv and json hold everything anyway.",
        ),
    ] = False,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Also export entries marked private.")
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact", help="Keep moods, triggers, emotions and dates; leave out all written text."
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write to this file (readable only by you); - is standard output.",
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --out file if it already exists.")
    ] = False,
) -> None:
    """Export the journal: a summary and entries to share, or all your data to keep.

    Private entries stay out unless --include-private. Without --out, text formats go to standard
    output; pdf needs --out or a pipe.

    Example: journal export --format pdf --since-session --out report.pdf
    """
    if out is not None and str(out) == "-":
        out = None
    if fmt is None:
        guessed = _SUFFIXES.get(out.suffix.lower()) if out is not None else None
        if guessed is None:
            raise typer.BadParameter(
                "choose a format: md, html, pdf, csv or json.", param_hint="'--format'"
            )
        fmt = ExportFormat(guessed)
    if sections is not None and fmt not in HUMAN:
        raise typer.BadParameter(
            "--sections applies to md, html and pdf; csv and json always hold every entry.",
            param_hint="'--sections'",
        )
    chosen = checked("--sections", lambda: _parse_sections(sections))
    if since_session and since is not None:
        raise typer.BadParameter(
            "use either --since or --since-session, not both.", param_hint="'--since-session'"
        )
    if everything and (since is not None or until is not None or since_session):
        raise typer.BadParameter(
            "--all is the whole journal; leave out --since, --until and --since-session.",
            param_hint="'--all'",
        )
    now, tz = common.now_and_tz()
    start, end = common.parse_bounds(since, until, now=now, tz=tz)
    db_path = common.state(ctx).db_path
    if out is not None:
        if _same_file(out, db_path) or out.name.startswith(db_path.name + "-"):
            raise InvalidInput(f"{out} is the journal itself; choose another file for --out.")
        if not force and os.path.lexists(out) and not out.is_dir():
            raise InvalidInput(
                f"{out} already exists; nothing was written. Add --force to replace it, or "
                "choose another file for --out."
            )
    elif fmt is ExportFormat.pdf and sys.stdout.isatty():
        raise InvalidInput(
            "a PDF cannot be shown in the terminal. Write it to a file with --out report.pdf, "
            "or pipe it: journal export --format pdf > report.pdf"
        )

    from workjournal import gather
    from workjournal.collector import paused
    from workjournal.models import EntryFilter

    with common.open_journal(ctx, write=False) as store, paused():
        period = gather.export_period(
            store,
            since=start,
            until=end,
            since_session=since_session,
            everything=everything,
            human=fmt in HUMAN,
            now=now,
            tz=tz,
        )
        start, end = period.since, period.until
        flt = EntryFilter(
            since=start, until=end, include_private=include_private, newest_first=False
        )
        left_out = 0
        if not include_private:
            left_out = store.count_matching(
                EntryFilter(since=start, until=end, include_private=True)
            ) - store.count_matching(flt)
        held: dict[str, int] | None = None  # what the JSON file holds, by kind
        if fmt is ExportFormat.json:
            held = _export_json(store, flt, out, now=now, redact=redact)
            count = held["entries"]
        elif fmt is ExportFormat.csv:
            from workjournal.exporters.csv import write_entries_csv

            with _text_destination(out, bom=True) as stream:
                count = write_entries_csv(store.iter_entries(flt), stream, redact=redact)
        else:
            count = _export_human(
                store,
                flt,
                fmt,
                out,
                sections=chosen,
                redact=redact,
                now=now,
                tz=tz,
                first_weekday=common.state(ctx).config.week_start,
                chosen_by=period.chosen_by,
            )
        encrypted = store.encrypted
    if out is not None:
        if held is not None:
            what = _counts(held)
        else:
            what = f"{count} {'entry' if count == 1 else 'entries'}"
        info(f"Exported {what} to {out} (readable only by you).")
    if left_out:
        noun = "entry was" if left_out == 1 else "entries were"
        info(f"{left_out} private {noun} left out; add --include-private to include them.")
    if encrypted:
        from workjournal.crypto import PLAINTEXT_EXPORT_WARNING

        info(PLAINTEXT_EXPORT_WARNING)


def _export_json(
    store: Store, flt: Any, out: Path | None, *, now: Any, redact: bool
) -> dict[str, int]:
    """Write the JSON export; how many records of each kind it holds. The diary card's lists
    are left out of the count: every journal starts with the default ones, and import does
    not report them either."""
    from workjournal.exporters.json import TABLES, write_json

    tables = {
        name: store.export_kind(
            name, since=flt.since, until=flt.until, include_private=flt.include_private
        )
        for name in TABLES
    }
    with _text_destination(out) as stream:
        entries = write_json(
            stream,
            entries=store.iter_entries_json(flt),
            tables=tables,
            exported_at=now,
            redact=redact,
        )
    held = {"entries": entries, **_table_counts(tables)}
    held.pop("card_items", None)  # every journal starts with the default lists
    return held


def _export_human(
    store: Store,
    flt: Any,
    fmt: ExportFormat,
    out: Path | None,
    *,
    sections: tuple[str, ...],
    redact: bool,
    now: Any,
    tz: Any,
    first_weekday: int,
    chosen_by: str,
) -> int:
    from workjournal import gather

    doc = gather.document(
        store,
        flt,
        sections=sections,
        redact=redact,
        now=now,
        tz=tz,
        first_weekday=first_weekday,
        chosen_by=chosen_by,
    )
    if fmt is ExportFormat.pdf:
        from workjournal.exporters.pdf import write_pdf

        with _binary_destination(out) as raw:
            write_pdf(doc, raw)
    else:
        if fmt is ExportFormat.md:
            from workjournal.exporters.markdown import write_markdown as write
        else:
            from workjournal.exporters.html import write_html as write
        with _text_destination(out) as stream:
            write(doc, stream)
    return len(doc.entries)


def _parse_mood_map(raw: str) -> dict[str, int]:
    from workjournal.importers.daylio import parse_mood_map

    return parse_mood_map(raw)


def _counts(counts: dict[str, int], *, always_entries: bool = True) -> str:
    from workjournal.models import RECORD_KINDS

    parts = []
    for kind in RECORD_KINDS:
        n = counts.get(kind.name, 0)
        if n or (kind.name == "entries" and always_entries):
            parts.append(kind.count(n))
    return ", ".join(parts)


def _batch_total(batch: ImportBatch) -> dict[str, int]:
    return {"entries": len(batch.entries), **_table_counts(batch.tables)}


def _table_counts(tables: Mapping[str, Any]) -> dict[str, int]:
    """How many records each kind's table holds (a single one, the safety plan: 1 or 0)."""
    from workjournal.models import KINDS

    return {
        name: int(rows is not None) if KINDS[name].single else len(rows)
        for name, rows in tables.items()
    }


def _new_by_name(rows: Iterable[Mapping[str, Any]], named: set[tuple[str, str]]) -> set[str]:
    """The uuids of the diary card's list items whose name is not among ``named``: the import
    matches the lists by name (see store/cards.py's import_card_items)."""
    return {row["uuid"] for row in rows if (row["kind"], row["name"]) not in named}


def _span(batch: ImportBatch) -> str:
    if not batch.entries:
        return ""
    first = min(e.entry.occurred_at for e in batch.entries)
    last = max(e.entry.occurred_at for e in batch.entries)
    return f" from {first:%Y-%m-%d} to {last:%Y-%m-%d}"


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The exported file to read.")],
    source: Annotated[
        ImportSource | None,
        typer.Option("--from", help="What wrote the file (default: guessed from the content)."),
    ] = None,
    mood_map: Annotated[
        str | None,
        typer.Option(
            "--mood-map",
            metavar="MAP",
            help='Daylio mood labels as 1-10 moods, e.g. "rad=10,good=8" '
            "(default awful=1,bad=3,meh=5,good=7,rad=9).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported; change nothing.")
    ] = False,
) -> None:
    """Import entries from a workjournal JSON export, Daylio's CSV or jrnl's JSON export.

    All or nothing: if one row is wrong, nothing is imported and the error names the row. Entries
    already in the journal are recognised and skipped, so importing twice is safe.

    Example: journal import daylio.csv --mood-map "rad=10,good=8" --dry-run
    """
    from workjournal import importers
    from workjournal.collector import paused

    mapping = checked("--mood-map", lambda: _parse_mood_map(mood_map)) if mood_map else None
    _now, tz = common.now_and_tz()
    with paused():  # a 100,000-entry file is millions of small objects, none in a cycle
        batch = importers.load(
            file,
            None if source is None else source.value,
            tz=tz,
            mood_map=mapping,
        )
    kind = importers.SOURCE_NAMES[batch.source]
    total = _batch_total(batch)
    if dry_run:
        try:
            store_cm = common.open_journal(ctx, write=False)
        except NoJournal:
            from workjournal.migrations import M006_CARD_ITEMS

            defaults = {(kind, name) for kind, names in M006_CARD_ITEMS for name in names}
            lists = _new_by_name(batch.tables.get("card_items", ()), defaults)
            new = {**total, "card_items": len(lists)}
        else:
            with store_cm as store:
                new = _new_counts(store, batch)
        already = {key: total[key] - new.get(key, 0) for key in total}
        already.pop("card_items", None)  # the diary card's lists: nothing to report, as below
        typer.echo(f"Would import from {file} ({kind}): {_counts(new)}{_span(batch)}.")
        # zero kinds are left out; nothing at all is still said as "0 entries"
        nothing = not any(already.values())
        typer.echo(
            f"Already in the journal, would be skipped: {_counts(already, always_entries=nothing)}."
        )
        typer.echo("Dry run: nothing was changed.")
        return
    with common.open_journal(ctx, write=True) as store, paused():
        outcome = store.import_batch(batch.entries, batch.tables)
    added = outcome.added
    conflicting = {key: len(uuids) for key, uuids in outcome.conflicts.items()}
    skipped = {key: total[key] - added.get(key, 0) - conflicting.get(key, 0) for key in total}
    skipped.pop("card_items", None)  # the diary card's lists, matched by name: nothing to report
    info(f"Imported from {file} ({kind}): {_counts(added)}.")
    if any(skipped.values()):
        info(f"Already in the journal, skipped: {_counts(skipped, always_entries=False)}.")
    if outcome.conflicts:
        info(
            f"Already in the journal with different content, kept as they are in the journal: "
            f"{_counts(conflicting, always_entries=False)}."
        )
        for key, uuids in outcome.conflicts.items():
            if key != "safety_plan":
                info(f"  {key}: {', '.join(uuids)}")


def _new_counts(store: Store, batch: ImportBatch) -> dict[str, int]:
    known = store.existing_uuids("entries", [e.uuid for e in batch.entries])
    new = {"entries": len({e.uuid for e in batch.entries} - known)}
    for table, rows in batch.tables.items():
        if table == "safety_plan":
            new[table] = int(store.safety_plan().is_empty())
            continue
        uuids = [row["uuid"] for row in rows]
        fresh = set(uuids) - store.existing_uuids(table, uuids)
        if table == "card_items":
            fresh &= _new_by_name(rows, {(i.kind, i.name) for i in store.card_items().items})
        new[table] = len(fresh)
    return new


def backup(
    ctx: typer.Context,
    dest: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DEST]",
            help="File or folder for the copy (default: a dated file next to the journal).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace DEST if it exists.")] = False,
) -> None:
    """Write a consistent copy of the journal, safe to take while it is in use.

    Example: journal backup ~/Backups/
    """
    now, tz = common.now_and_tz()
    db_path = common.state(ctx).db_path
    stamp = now.astimezone(tz).strftime("%Y-%m-%d-%H%M%S")
    default_name = f"{db_path.stem}-backup-{stamp}{db_path.suffix or '.db'}"
    if dest is None:
        target = db_path.with_name(default_name)
    elif dest.is_dir():
        target = dest / default_name
    else:
        target = dest
    if _same_file(target, db_path) or target.name.startswith(db_path.name + "-"):
        raise InvalidInput(f"{target} is the journal itself; give another file or folder.")
    if target.exists() and not force:
        raise InvalidInput(f"{target} already exists; add --force to replace it.")
    with common.open_journal(ctx, write=False) as store:
        store.backup_file(target)
        count = store.count_entries()
    noun = "entry" if count == 1 else "entries"
    info(f"Backed up {count} {noun} to {target} (readable only by you).")


def doctor(
    ctx: typer.Context,
    fmt: Annotated[common.ShortFormat, typer.Option("--format", "-f")] = common.ShortFormat.table,
) -> None:
    """Check the journal for damage, wrong permissions and low disk space, and say what to do.

    Exits with status 1 when it finds a problem.

    Example: journal doctor
    """
    from workjournal.doctor import check_journal

    checks = check_journal(
        common.state(ctx).db_path,
        open_encrypted=lambda: common.open_journal(ctx, write=False),
    )
    if fmt is common.ShortFormat.json:
        common.print_json([c.to_json() for c in checks])
    else:
        width = max(len(c.name) for c in checks)
        for check in checks:
            typer.echo(f"{check.status:<8} {check.name:<{width}}  {check.detail}")
            if check.advice:
                typer.echo(f"{'':<8} {'':<{width}}  -> {check.advice}")
        problems = sum(c.status == "problem" for c in checks)
        warnings = sum(c.status == "warning" for c in checks)
        if problems or warnings:
            typer.echo(f"\n{problems} problem(s), {warnings} warning(s).")
        else:
            typer.echo("\nAll is well.")
    if any(c.status == "problem" for c in checks):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(export)
    app.command("import")(import_)
    app.command()(backup)
    app.command()(doctor)
