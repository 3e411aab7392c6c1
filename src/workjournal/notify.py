"""Desktop notifications through what the platform already has: ``notify-send`` (libnotify) on
Linux and the BSDs, ``osascript`` on macOS, a PowerShell toast on Windows. Nothing here uses the
network, and the text shown is only the reminder's wording, never anything from the journal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass

TITLE = "workjournal"
TIMEOUT = 10  # seconds: a hung notifier must not keep the scheduler's check running


@dataclass(frozen=True)
class Notifier:
    name: str
    argv: tuple[str, ...]  # the command, to which the title and text are added

    def command(self, title: str, text: str) -> list[str]:
        if self.name == "notify-send":
            return [*self.argv, "--app-name", TITLE, title, text]
        if self.name == "osascript":
            script = f"display notification {_applescript(text)} with title {_applescript(title)}"
            return [*self.argv, "-e", script]
        return [*self.argv, "-NoProfile", "-NonInteractive", "-Command", _toast(title, text)]


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _powershell(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _toast(title: str, text: str) -> str:
    # The Windows Runtime toast API, available to PowerShell on Windows 10 and later.
    return (
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, "
        "ContentType = WindowsRuntime] > $null; "
        "$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent("
        "[Windows.UI.Notifications.ToastTemplateType]::ToastText02); "
        "$n = $t.GetElementsByTagName('text'); "
        f"$n.Item(0).AppendChild($t.CreateTextNode({_powershell(title)})) > $null; "
        f"$n.Item(1).AppendChild($t.CreateTextNode({_powershell(text)})) > $null; "
        "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier("
        f"{_powershell(TITLE)}).Show([Windows.UI.Notifications.ToastNotification]::new($t))"
    )


def find_notifier(platform: str | None = None) -> Notifier | None:
    """The notifier this machine has, or None (the check then writes the line to stderr)."""
    platform = platform or sys.platform
    if platform == "darwin":
        candidates = [("osascript", "osascript")]
    elif platform.startswith(("win", "cygwin")):
        candidates = [("powershell", "powershell"), ("powershell", "pwsh")]
    else:
        candidates = [("notify-send", "notify-send")]
    for name, program in candidates:
        found = shutil.which(program)
        if found:
            return Notifier(name, (found,))
    return None


def send(notifier: Notifier, text: str) -> bool:
    """Show ``text``; False when the notifier failed (no desktop session, for example)."""
    try:
        done = subprocess.run(
            notifier.command(TITLE, text),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
