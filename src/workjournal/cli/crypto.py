"""Encryption at rest: encrypt, decrypt, passphrase. The work is in workjournal.crypto."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workjournal import crypto
from workjournal.cli import common
from workjournal.cli.common import info
from workjournal.errors import InvalidInput
from workjournal.store import busy_timeout, looks_encrypted

RememberOpt = Annotated[
    bool,
    typer.Option(
        "--remember",
        help="Keep the passphrase in the system keyring, so commands stop asking for it.",
    ),
]


def _is_encrypted(ctx: typer.Context) -> tuple[Path, bool]:
    """The journal's path and whether it is encrypted; a missing or foreign file is an error."""
    path = common.state(ctx).db_path
    if path.is_file() and looks_encrypted(path):
        return path, True
    with common.open_journal(ctx, write=False):  # NoJournal / NotAJournal / migrations
        pass
    return path, False


def encrypt(
    ctx: typer.Context,
    remember: RememberOpt = False,
    keep_plain_backup: Annotated[
        bool,
        typer.Option(
            "--keep-plain-backup", help="Keep an unencrypted copy of the journal beside it."
        ),
    ] = False,
) -> None:
    """Encrypt the journal with a passphrase, so only someone who knows it can read it.

    The passphrase comes from the file named by WORKJOURNAL_PASSPHRASE_FILE, else you are
    asked for it twice. A lost passphrase cannot be recovered, and neither can the journal.

    Example: journal encrypt --remember
    """
    path, encrypted = _is_encrypted(ctx)
    if encrypted:
        raise InvalidInput(
            f"the journal at {path} is already encrypted; `journal passphrase` changes its "
            "passphrase."
        )
    crypto.dbapi()  # say how to install it before asking for anything
    if remember:
        crypto.keyring_check()
    passphrase = crypto.PassphraseSource(path, new=True)()
    backup: Path | None = None
    if keep_plain_backup:
        now, _tz = common.now_and_tz()
        backup = path.with_name(f"{path.name}.plain-{now.strftime('%Y%m%dT%H%M%S')}.bak")
        with common.open_journal(ctx, write=False) as store:
            store.backup_to(backup)
    try:
        count = crypto.convert(path, old=None, new=passphrase, timeout=busy_timeout())
    except BaseException:
        if backup is not None:  # not encrypted after all: a plain copy would only leak
            backup.unlink(missing_ok=True)
        raise
    info(f"Encrypted the journal at {path} ({_entries(count)}).")
    if remember:
        crypto.keyring_set(path, passphrase)
        info("The passphrase is remembered in the system keyring.")
    if backup is not None:
        info(
            f"A plain, unencrypted copy was kept at {backup}: anyone who can read that file can "
            "read the journal. Delete it once you are sure of the passphrase."
        )
    info(
        "Keep the passphrase safe: without it nobody can read the journal, you included. "
        "Copies made before now (older backups, synced folders) are still unencrypted."
    )


def decrypt(ctx: typer.Context) -> None:
    """Turn an encrypted journal back into a plain one (asks for the passphrase).

    Example: journal decrypt
    """
    path, encrypted = _is_encrypted(ctx)
    if not encrypted:
        raise InvalidInput(f"the journal at {path} is not encrypted; nothing was changed.")
    old = crypto.PassphraseSource(path)()
    count = crypto.convert(path, old=old, new="", timeout=busy_timeout())
    crypto.keyring_forget(path)
    info(
        f"Decrypted the journal at {path} ({_entries(count)}): it is no longer encrypted, so "
        "anyone who can read the file can read it."
    )


def passphrase(
    ctx: typer.Context,
    remember: RememberOpt = False,
    forget: Annotated[
        bool,
        typer.Option("--forget", help="Remove the passphrase from the system keyring, only."),
    ] = False,
) -> None:
    """Change the passphrase of an encrypted journal (asks for the current one, then the new
    one twice). With --remember it is also kept in the system keyring.

    Example: journal passphrase --remember
    """
    path, encrypted = _is_encrypted(ctx)
    if not encrypted:
        raise InvalidInput(
            f"the journal at {path} is not encrypted; `journal encrypt` encrypts it."
        )
    if forget:
        crypto.keyring_forget(path)
        info("The passphrase is no longer remembered in the system keyring.")
        return
    source = crypto.PassphraseSource(path)
    crypto.connect(path, source, timeout=busy_timeout()).close()  # a wrong one stops here
    if remember:
        crypto.keyring_check()
    new = crypto.prompt_new_passphrase(path)
    old = source()
    if new == old:
        info("The passphrase is unchanged.")
    else:
        crypto.change_passphrase(path, old=old, new=new, timeout=busy_timeout())
        info(f"Changed the passphrase of the journal at {path}.")
    if remember or source.origin == "keyring":
        crypto.keyring_set(path, new)
        info("The passphrase is remembered in the system keyring.")
    if source.origin == "file" and new != old:
        info(
            f"Note: the file named by {crypto.PASSPHRASE_FILE_ENV} still holds the old "
            "passphrase: put the new one in it."
        )


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def register(app: typer.Typer) -> None:
    app.command()(encrypt)
    app.command()(decrypt)
    app.command()(passphrase)
