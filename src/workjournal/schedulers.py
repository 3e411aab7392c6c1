"""Putting ``journal remind check`` into the scheduler the person's computer already has: a
systemd user timer, a crontab line, or a launchd agent. For the current user only, never root,
and only when asked (``journal remind install``); ``uninstall`` removes exactly what was added.

Planning is pure (paths and texts from the arguments); :func:`apply` and :func:`remove` do the
writing and run the scheduler's own commands, through a ``run`` function tests can replace.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workjournal.errors import InvalidInput, WorkjournalError

SCHEDULERS = ("systemd", "cron", "launchd")
NAME = "workjournal-remind"
MARKER = f"# {NAME}"  # ends our crontab line, and heads the files we write
LAUNCHD_LABEL = "org.workjournal.remind"
EVERY_MINUTES = 5

Run = Callable[..., "subprocess.CompletedProcess[bytes]"]


class SchedulerError(WorkjournalError):
    exit_code = 1


def journal_argv() -> list[str]:
    """The absolute command that runs this program, for a scheduler with no login PATH."""
    first = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if first is not None and first.name in ("journal", "workjournal"):
        found = shutil.which(str(first)) if not first.is_absolute() else str(first)
        if found and Path(found).is_file():
            return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "workjournal"]


def check_argv(journal: Sequence[str], db: Path) -> list[str]:
    return [*journal, "--db", str(db.expanduser().resolve()), "remind", "check"]


def detect(platform: str | None = None) -> str | None:
    """The scheduler this machine has: launchd on macOS, a running systemd, else cron."""
    platform = platform or sys.platform
    if platform == "darwin":
        return "launchd"
    if shutil.which("systemctl") and Path("/run/systemd/system").is_dir():
        return "systemd"
    if shutil.which("crontab"):
        return "cron"
    return None


@dataclass(frozen=True)
class Plan:
    scheduler: str
    files: tuple[tuple[Path, str], ...] = ()  # written whole, 0600
    commands: tuple[tuple[str, ...], ...] = ()  # run after writing
    crontab_line: str | None = None
    undo: str = ""
    notes: tuple[str, ...] = field(default=())


# -- systemd --------------------------------------------------------------------------------


def _systemd_quote(arg: str) -> str:
    # systemd.service(5): double quotes, backslash escapes; % and $ are specifiers/variables.
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


def systemd_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def systemd_plan(argv: Sequence[str]) -> Plan:
    folder = systemd_dir()
    service = (
        f"{MARKER}: written by `journal remind install`; `journal remind uninstall` removes it.\n"
        "[Unit]\n"
        "Description=workjournal: a gentle reminder, if one is due\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={' '.join(_systemd_quote(arg) for arg in argv)}\n"
    )
    timer = (
        f"{MARKER}: written by `journal remind install`; `journal remind uninstall` removes it.\n"
        "[Unit]\n"
        "Description=workjournal: look for a due reminder every few minutes\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*:0/{EVERY_MINUTES}\n"
        "AccuracySec=30s\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    unit = f"{NAME}.timer"
    return Plan(
        "systemd",
        files=((folder / f"{NAME}.service", service), (folder / unit, timer)),
        commands=(
            ("systemctl", "--user", "daemon-reload"),
            ("systemctl", "--user", "enable", "--now", unit),
        ),
        undo="journal remind uninstall (or: systemctl --user disable --now "
        f"{unit}, then delete the two files)",
    )


# -- cron -----------------------------------------------------------------------------------


def cron_line(argv: Sequence[str]) -> str:
    # In a crontab an unescaped % ends the command; shlex.quote covers the shell.
    command = " ".join(shlex.quote(arg) for arg in argv).replace("%", "\\%")
    return f"*/{EVERY_MINUTES} * * * * {command} >/dev/null 2>&1 {MARKER}"


def _is_ours(line: bytes) -> bool:
    return line.rstrip(b"\r").endswith(MARKER.encode())


def with_cron_line(existing: bytes, line: str) -> bytes:
    """``existing`` with our line added (or put in place of an older one of ours); every other
    line is kept byte for byte."""
    lines = existing.split(b"\n")
    trailing = existing.endswith(b"\n") or not existing
    if lines and lines[-1] == b"":
        lines.pop()
    kept = [item for item in lines if not _is_ours(item)]
    kept.append(line.encode())
    return b"\n".join(kept) + (b"\n" if trailing or kept else b"")


def without_cron_line(existing: bytes) -> bytes:
    """``existing`` without our line; every other line byte for byte."""
    lines = existing.split(b"\n")
    had_newline = existing.endswith(b"\n")
    if had_newline:
        lines.pop()
    kept = [item for item in lines if not _is_ours(item)]
    if not kept:
        return b""
    return b"\n".join(kept) + (b"\n" if had_newline else b"")


def cron_plan(argv: Sequence[str]) -> Plan:
    return Plan(
        "cron",
        crontab_line=cron_line(argv),
        undo=f"journal remind uninstall (or: crontab -e, and delete the line ending {MARKER})",
        notes=(
            "cron runs without your desktop session: if no notification appears, the "
            "systemd timer (--scheduler systemd) or `journal remind prompt` may suit better.",
        ),
    )


def read_crontab(run: Run) -> bytes:
    try:
        done = run(["crontab", "-l"], capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SchedulerError(f"could not run crontab: {exc}.") from None
    if done.returncode != 0:
        if b"no crontab" in done.stderr.lower():
            return b""
        raise SchedulerError("`crontab -l` failed; nothing was changed.")
    return bytes(done.stdout)


def write_crontab(run: Run, content: bytes) -> None:
    try:
        done = run(["crontab", "-"], input=content, capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SchedulerError(f"could not run crontab: {exc}.") from None
    if done.returncode != 0:
        raise SchedulerError("`crontab -` refused the new table; nothing was changed.")


# -- launchd --------------------------------------------------------------------------------


def launchd_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def launchd_plan(argv: Sequence[str]) -> Plan:
    path = launchd_path()
    content = plistlib.dumps(
        {
            "Label": LAUNCHD_LABEL,
            "ProgramArguments": list(argv),
            "StartInterval": EVERY_MINUTES * 60,
            "RunAtLoad": False,
            "ProcessType": "Background",
        }
    ).decode()
    return Plan(
        "launchd",
        files=((path, content),),
        commands=(("launchctl", "load", "-w", str(path)),),
        undo=f"journal remind uninstall (or: launchctl unload -w {path}, then delete it)",
    )


def plan(scheduler: str, argv: Sequence[str]) -> Plan:
    if scheduler == "systemd":
        return systemd_plan(argv)
    if scheduler == "cron":
        return cron_plan(argv)
    if scheduler == "launchd":
        return launchd_plan(argv)
    raise InvalidInput(f"the scheduler is one of {', '.join(SCHEDULERS)}; not {scheduler!r}.")


# -- doing it -------------------------------------------------------------------------------


def _write_private(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _run_all(run: Run, commands: Sequence[Sequence[str]]) -> None:
    for command in commands:
        try:
            done = run(list(command), capture_output=True, check=False, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SchedulerError(f"could not run `{' '.join(command)}`: {exc}.") from None
        if done.returncode != 0:
            raise SchedulerError(f"`{' '.join(command)}` failed (exit {done.returncode}).")


def _written_by_us(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return MARKER in text or f"<string>{LAUNCHD_LABEL}</string>" in text


def apply(chosen: Plan, run: Run = subprocess.run) -> None:
    """Write what ``chosen`` plans and run its commands. When a command fails, the files
    written are removed again, so nothing is left half installed."""
    if chosen.crontab_line is not None:
        write_crontab(run, with_cron_line(read_crontab(run), chosen.crontab_line))
        return
    written: list[Path] = []
    try:
        for path, content in chosen.files:
            existed = path.exists()
            if existed and not _written_by_us(path):
                raise SchedulerError(
                    f"{path} exists and was not written by workjournal; nothing was changed."
                )
            _write_private(path, content)
            if not existed:
                written.append(path)
        _run_all(run, chosen.commands)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def remove(scheduler: str, run: Run = subprocess.run) -> list[str]:
    """Undo :func:`apply` for ``scheduler``; returns what was removed, for the message."""
    removed: list[str] = []
    if scheduler == "cron":
        existing = read_crontab(run)
        if any(_is_ours(line) for line in existing.split(b"\n")):
            write_crontab(run, without_cron_line(existing))
            removed.append(f"the crontab line ending {MARKER}")
        return removed
    if scheduler == "systemd":
        folder = systemd_dir()
        timer = folder / f"{NAME}.timer"
        if timer.exists():
            # Disabling fails when it was never enabled: the files go all the same.
            run(["systemctl", "--user", "disable", "--now", timer.name], capture_output=True)
        for path in (timer, folder / f"{NAME}.service"):
            if path.exists() and _written_by_us(path):
                path.unlink()
                removed.append(str(path))
        if removed:
            run(["systemctl", "--user", "daemon-reload"], capture_output=True)
        return removed
    path = launchd_path()
    if path.exists() and _written_by_us(path):
        run(["launchctl", "unload", "-w", str(path)], capture_output=True)
        path.unlink()
        removed.append(str(path))
    return removed


def describe(chosen: Plan) -> list[str]:
    """Exactly what :func:`apply` writes and runs, for the person to read (and --dry-run)."""
    lines: list[str] = []
    if chosen.crontab_line is not None:
        lines += ["Adds this line to your crontab (every other line stays as it is):", ""]
        lines += [f"    {chosen.crontab_line}", ""]
    for path, content in chosen.files:
        lines += [f"Writes {path}:", ""]
        lines += [f"    {line}" if line else "" for line in content.splitlines()]
        lines.append("")
    for command in chosen.commands:
        lines.append(f"Runs: {' '.join(shlex.quote(part) for part in command)}")
    if chosen.commands:
        lines.append("")
    lines.append(f"To undo: {chosen.undo}")
    lines += list(chosen.notes)
    return lines
