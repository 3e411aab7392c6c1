"""`journal remind`: setting reminders, the scheduler's check with a fake notify-send, the shell
prompt line, and installing into fake schedulers (crontab, systemctl) that record their calls."""

from __future__ import annotations

import configparser
import json
import os
import plistlib
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from helpers import invoke, run_journal
from workjournal import reminders, schedulers

TUESDAY_2110 = "2026-12-01T21:10:00+00:00"  # London is on GMT in December


@pytest.fixture
def fake_bin(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder first on PATH with fake notify-send, crontab and systemctl that log each call
    (argv, and standard input for crontab) to calls.log."""
    folder = isolated / "bin"
    folder.mkdir()
    log = isolated / "calls.log"
    table = isolated / "crontab.txt"
    scripts = {
        "notify-send": f'printf "notify-send %s\\n" "$*" >> "{log}"\n',
        "systemctl": (
            f'printf "systemctl %s\\n" "$*" >> "{log}"\nexit "${{FAKE_SYSTEMCTL_RC:-0}}"\n'
        ),
        "crontab": (
            f'printf "crontab %s\\n" "$*" >> "{log}"\n'
            'if [ "$1" = "-l" ]; then\n'
            f'  if [ -f "{table}" ]; then cat "{table}"; exit 0; fi\n'
            '  echo "no crontab for $(id -un)" >&2; exit 1\n'
            "fi\n"
            f'if [ "$1" = "-" ]; then cat > "{table}"; exit 0; fi\n'
            "exit 2\n"
        ),
    }
    for name, body in scripts.items():
        path = folder / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def calls(isolated: Path, program: str) -> list[str]:
    log = isolated / "calls.log"
    if not log.exists():
        return []
    return [line for line in log.read_text().splitlines() if line.startswith(program + " ")]


def at(moment: str) -> dict[str, str]:
    return {"WORKJOURNAL_NOW": moment}


def test_set_list_and_off() -> None:
    done = invoke("remind", "set", "21:30", "--days", "weekdays")
    assert done.exit_code == 0, done.stderr
    assert "Reminder 1: check-in, weekdays at 21:30." in done.stderr
    assert "journal remind install" in done.stderr
    assert invoke("remind", "weekly", "sun", "18:00", "--message", "Look back").exit_code == 0
    assert invoke("remind", "quiet", "22:00-07:00").exit_code == 0
    listed = json.loads(invoke("remind", "list", "--format", "json").stdout)
    assert listed == {
        "reminders": [
            {
                "id": 1,
                "kind": "daily",
                "time": "21:30",
                "days": ["mon", "tue", "wed", "thu", "fri"],
                "message": reminders.DAILY_MESSAGE,
                "last_sent": None,
            },
            {
                "id": 2,
                "kind": "weekly",
                "time": "18:00",
                "days": ["sun"],
                "message": "Look back",
                "last_sent": None,
            },
        ],
        "quiet_hours": "22:00-07:00",
        "reads_journal": True,
    }
    table = invoke("remind", "list").stdout
    assert "weekly review, sundays at 18:00" in table
    assert "Quiet hours: 22:00-07:00." in table
    off = invoke("remind", "off", "1")
    assert off.exit_code == 0 and "Turned off 1 reminder." in off.stderr
    left = json.loads(invoke("remind", "list", "-f", "json").stdout)["reminders"]
    assert [item["id"] for item in left] == [2]
    assert "Turned off 1 reminder." in invoke("remind", "off", "--all").stderr
    assert "No reminders yet" in invoke("remind", "list").stdout
    assert "Quiet hours are off." in invoke("remind", "quiet", "off").stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["remind", "set", "25:00"], "HH:MM"),
        (["remind", "set", "21:00", "--days", "funday"], "--days"),
        (["remind", "set", "21:00", "--message", "   "], "empty"),
        (["remind", "weekly", "someday", "18:00"], "weekday"),
        (["remind", "quiet", "22:00"], "HH:MM-HH:MM"),
        (["remind", "off"], "--all"),
        (["remind", "off", "1", "--all"], "--all"),
        (["remind", "install", "--scheduler", "at"], "systemd, cron, launchd"),
    ],
)
def test_bad_input_is_a_usage_error(args: list[str], needle: str, db_path: Path) -> None:
    done = invoke(*args)
    assert done.exit_code == 2, done.stderr
    assert needle in done.stderr and "Traceback" not in done.stderr
    assert not db_path.exists()


def test_off_an_unknown_reminder() -> None:
    invoke("remind", "set", "21:00")
    done = invoke("remind", "off", "7")
    assert done.exit_code == 1
    assert "Error: there is no reminder 7" in done.stderr
    assert len(json.loads(invoke("remind", "list", "-f", "json").stdout)["reminders"]) == 1


def test_list_and_check_without_a_journal_create_nothing(db_path: Path) -> None:
    assert invoke("remind", "list").exit_code == 0
    done = invoke("remind", "check", env=at(TUESDAY_2110))
    assert done.exit_code == 0 and done.stdout == done.stderr == ""
    assert not db_path.exists()


def test_check_sends_once_a_day_and_never_entry_text(fake_bin: Path, isolated: Path) -> None:
    invoke("remind", "set", "21:00")
    assert invoke("remind", "check", env=at("2026-12-01T20:59:00+00:00")).exit_code == 0
    assert calls(isolated, "notify-send") == []
    first = invoke("remind", "check", env=at(TUESDAY_2110))
    assert first.exit_code == 0 and first.stdout == ""
    assert calls(isolated, "notify-send") == [
        f"notify-send --app-name workjournal workjournal {reminders.DAILY_MESSAGE}"
    ]
    invoke("remind", "check", env=at("2026-12-01T21:40:00+00:00"))
    assert len(calls(isolated, "notify-send")) == 1  # once a day
    last_sent = json.loads(invoke("remind", "list", "-f", "json").stdout)["reminders"][0]
    assert last_sent["last_sent"] == "2026-12-01"
    invoke("remind", "check", env=at("2026-12-02T21:05:00+00:00"))
    assert len(calls(isolated, "notify-send")) == 2  # and again the next day


def test_check_is_silent_after_an_entry_that_day(fake_bin: Path, isolated: Path) -> None:
    invoke("remind", "set", "21:00")
    invoke("add", "SECRET-ENTRY-TEXT", "-m", "4", env=at("2026-12-01T08:00:00+00:00"))
    done = invoke("remind", "check", "--verbose", env=at(TUESDAY_2110))
    assert done.exit_code == 0
    assert "quiet, something was written that day" in done.stderr
    assert calls(isolated, "notify-send") == []
    # The next day, nothing written yet: sent, and the text is the reminder's own.
    invoke("remind", "check", env=at("2026-12-02T21:10:00+00:00"))
    sent = calls(isolated, "notify-send")
    assert len(sent) == 1 and "SECRET" not in sent[0]


def test_any_record_counts_as_written(fake_bin: Path, isolated: Path) -> None:
    invoke("remind", "set", "21:00")
    invoke("checkin", "gad7", "--answers", "0,1,0,1,0,1,0", env=at("2026-12-01T09:00:00+00:00"))
    invoke("remind", "check", env=at(TUESDAY_2110))
    assert calls(isolated, "notify-send") == []


def test_quiet_hours_hold_the_reminder(fake_bin: Path, isolated: Path) -> None:
    invoke("remind", "set", "22:30")
    invoke("remind", "quiet", "22:00-07:00")
    invoke("remind", "check", env=at("2026-12-01T22:40:00+00:00"))
    assert calls(isolated, "notify-send") == []


def test_weekly_is_silent_once_week_was_opened(fake_bin: Path, isolated: Path) -> None:
    invoke("remind", "weekly", "sunday", "18:00")
    sunday = "2026-12-06T18:10:00+00:00"
    invoke("add", "a calm day", "-m", "6", env=at("2026-12-06T09:00:00+00:00"))
    assert invoke("week", env=at("2026-12-06T17:00:00+00:00")).exit_code == 0
    invoke("remind", "check", env=at(sunday))
    assert calls(isolated, "notify-send") == []
    # A week looked at by a script (JSON) or a past week does not count as opened.
    invoke("week", "--format", "json", env=at("2026-12-13T17:00:00+00:00"))
    invoke("week", "--last", env=at("2026-12-13T17:00:00+00:00"))
    invoke("remind", "check", env=at("2026-12-13T18:10:00+00:00"))
    assert calls(isolated, "notify-send") == [
        f"notify-send --app-name workjournal workjournal {reminders.WEEKLY_MESSAGE}"
    ]


def test_without_a_notifier_the_line_goes_to_stderr(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = isolated / "empty-bin"
    empty.mkdir()
    invoke("remind", "set", "21:00")
    monkeypatch.setenv("PATH", str(empty))
    done = invoke("remind", "check", env=at(TUESDAY_2110))
    assert done.exit_code == 0
    assert done.stderr == reminders.DAILY_MESSAGE + "\n"


def test_check_as_a_real_process(fake_bin: Path, isolated: Path) -> None:
    assert run_journal("remind", "set", "21:00").returncode == 0
    done = run_journal("remind", "check", env=at(TUESDAY_2110) | {"PATH": os.environ["PATH"]})
    assert done.returncode == 0, done.stderr
    assert len(calls(isolated, "notify-send")) == 1


# -- the encrypted journal ----------------------------------------------------------------------


@pytest.mark.usefixtures("passphrase_file")
def test_encrypted_journal_without_keyring_is_reminded_without_looking(
    fake_bin: Path, isolated: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = invoke("add", "ENCRYPTED-SECRET", "--encrypted", env=at("2026-12-01T08:00:00+00:00"))
    assert added.exit_code == 0
    invoke("remind", "set", "21:00", "--message", "Time for you")
    mirror = db_path.with_name(db_path.name + ".reminders.json")
    assert stat.S_IMODE(mirror.stat().st_mode) == 0o600
    assert b"ENCRYPTED-SECRET" not in mirror.read_bytes()
    assert "sent without looking" in invoke("remind", "list").stdout
    # The scheduler has no passphrase: it must neither ask nor fail, and it sends.
    monkeypatch.delenv("WORKJOURNAL_PASSPHRASE_FILE")
    done = invoke("remind", "check", env=at(TUESDAY_2110))
    assert done.exit_code == 0, done.stderr
    assert calls(isolated, "notify-send") == [
        "notify-send --app-name workjournal workjournal Time for you"
    ]
    invoke("remind", "check", env=at("2026-12-01T21:30:00+00:00"))
    assert len(calls(isolated, "notify-send")) == 1
    assert invoke("remind", "prompt").stdout == ""  # cannot look inside, so says nothing


@pytest.mark.usefixtures("passphrase_file")
def test_encrypted_journal_with_its_passphrase_looks(fake_bin: Path, isolated: Path) -> None:
    invoke("add", "written", "--encrypted", env=at("2026-12-01T08:00:00+00:00"))
    invoke("remind", "set", "21:00")
    invoke("remind", "check", env=at(TUESDAY_2110))
    assert calls(isolated, "notify-send") == []


# -- the shell prompt line ----------------------------------------------------------------------


def test_prompt_line_as_a_real_process(db_path: Path) -> None:
    missing = run_journal("remind", "prompt")
    assert missing.returncode == 0 and missing.stdout == b"" and missing.stderr == b""
    assert not db_path.exists()
    run_journal("session", "add", "2026-11-20 10:00")  # a journal with nothing written today
    done = run_journal("remind", "prompt")
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode() == "No entry today yet — journal add when you're ready\n"
    run_journal("add", "wrote something", "-m", "5")
    assert run_journal("remind", "prompt").stdout == b""
    assert run_journal("--db", str(db_path), "remind", "prompt").stdout == b""


def test_prompt_says_nothing_for_what_is_not_a_journal(isolated: Path) -> None:
    junk = isolated / "junk.db"
    junk.write_text("not a journal")
    done = run_journal("--db", str(junk), "remind", "prompt")
    assert done.returncode == 0 and done.stdout == b"" and done.stderr == b""
    assert junk.read_text() == "not a journal"


def test_prompt_does_not_load_the_cli(db_path: Path) -> None:
    run_journal("add", "x")
    code = (
        "import sys; sys.argv = ['journal', 'remind', 'prompt']; "
        "from workjournal.entry import main; main(); "
        "print(sorted(m for m in ('typer', 'click', 'rich', 'sqlite_utils', 'dateutil') "
        "if m in sys.modules))"
    )
    from helpers import subprocess_env

    done = subprocess.run(
        [os.sys.executable, "-c", code], capture_output=True, env=subprocess_env(), check=True
    )
    assert done.stdout.decode().strip().splitlines()[-1] == "[]"


# -- installing into the scheduler --------------------------------------------------------------

UNRELATED = (
    b"# m h dom mon dow command\n"
    b"MAILTO=me@example.org\n"
    b"0 3 * * *   /usr/local/bin/backup --quiet   \n"
    b"\t@reboot sleep 60 && echo 'tabs and  spaces'\n"
)


def test_crontab_round_trip_keeps_every_other_line(fake_bin: Path, isolated: Path) -> None:
    table = isolated / "crontab.txt"
    table.write_bytes(UNRELATED)
    done = invoke("remind", "install", "--scheduler", "cron")
    assert done.exit_code == 0, done.stderr
    installed = table.read_bytes()
    assert installed.startswith(UNRELATED)
    ours = installed[len(UNRELATED) :].decode()
    assert ours.endswith(f"remind check >/dev/null 2>&1 {schedulers.MARKER}\n")
    assert "--db" in ours and ours.startswith("*/5 * * * * /")
    assert ours in done.stdout  # it printed exactly what it wrote
    assert "To undo: journal remind uninstall" in done.stdout
    # Installing again replaces our line instead of adding a second one.
    invoke("remind", "install", "--scheduler", "cron")
    assert table.read_bytes() == installed
    removed = invoke("remind", "uninstall", "--scheduler", "cron")
    assert removed.exit_code == 0 and "Removed the crontab line" in removed.stderr
    assert table.read_bytes() == UNRELATED
    again = invoke("remind", "uninstall", "--scheduler", "cron")
    assert "Nothing of workjournal's was installed" in again.stderr


def test_crontab_without_a_table_yet(fake_bin: Path, isolated: Path) -> None:
    assert invoke("remind", "install", "--scheduler", "cron").exit_code == 0
    lines = (isolated / "crontab.txt").read_text().splitlines()
    assert len(lines) == 1 and lines[0].endswith(schedulers.MARKER)
    invoke("remind", "uninstall", "--scheduler", "cron")
    assert (isolated / "crontab.txt").read_bytes() == b""


def test_cron_line_quotes_paths_and_escapes_percent() -> None:
    line = schedulers.cron_line(["/opt/my tools/journal", "--db", "/home/a/100%/j.db"])
    assert "'/opt/my tools/journal'" in line
    assert "100\\%" in line and "100%/" not in line


def test_install_dry_run_for_each_scheduler(fake_bin: Path, isolated: Path) -> None:
    outputs = {}
    for name in schedulers.SCHEDULERS:
        done = invoke("remind", "install", "--scheduler", name, "--dry-run")
        assert done.exit_code == 0, done.stderr
        assert "Dry run: nothing was written." in done.stderr
        assert "To undo:" in done.stdout
        outputs[name] = done.stdout
    assert "crontab" in outputs["cron"] and "*/5 * * * *" in outputs["cron"]
    assert "workjournal-remind.timer" in outputs["systemd"]
    assert "OnCalendar=*:0/5" in outputs["systemd"]
    assert "org.workjournal.remind.plist" in outputs["launchd"]
    assert "<key>StartInterval</key>" in outputs["launchd"]
    assert calls(isolated, "crontab") == [] and calls(isolated, "systemctl") == []
    assert not (isolated / "home" / ".config" / "systemd").exists()
    assert not (isolated / "home" / "Library").exists()


def test_systemd_install_and_uninstall(fake_bin: Path, isolated: Path, db_path: Path) -> None:
    done = invoke("remind", "install", "--scheduler", "systemd")
    assert done.exit_code == 0, done.stderr
    folder = isolated / "home" / ".config" / "systemd" / "user"
    service, timer = folder / "workjournal-remind.service", folder / "workjournal-remind.timer"
    for path in (service, timer):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert calls(isolated, "systemctl") == [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now workjournal-remind.timer",
    ]
    units = configparser.ConfigParser(interpolation=None)
    units.read_string(service.read_text())
    units.read_string(timer.read_text())
    exec_start = units["Service"]["ExecStart"]
    assert exec_start.startswith('"/') and f'"{db_path.resolve()}" "remind" "check"' in exec_start
    assert units["Timer"]["OnCalendar"] == "*:0/5"
    assert units["Install"]["WantedBy"] == "timers.target"
    if shutil.which("systemd-analyze"):
        verified = subprocess.run(
            ["systemd-analyze", "verify", str(service), str(timer)],
            capture_output=True,
            check=False,
        )
        assert verified.returncode == 0, verified.stderr.decode()
    removed = invoke("remind", "uninstall", "--scheduler", "systemd")
    assert removed.exit_code == 0
    assert not service.exists() and not timer.exists()
    assert "systemctl --user disable --now workjournal-remind.timer" in calls(isolated, "systemctl")


def test_systemd_failure_leaves_nothing_installed(
    fake_bin: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SYSTEMCTL_RC", "1")
    done = invoke("remind", "install", "--scheduler", "systemd")
    assert done.exit_code == 1
    assert "Error: `systemctl --user daemon-reload` failed" in done.stderr
    assert not list((isolated / "home" / ".config" / "systemd" / "user").iterdir())


def test_install_never_replaces_someone_elses_file(fake_bin: Path, isolated: Path) -> None:
    folder = isolated / "home" / ".config" / "systemd" / "user"
    folder.mkdir(parents=True)
    theirs = folder / "workjournal-remind.timer"
    theirs.write_text("[Timer]\nOnCalendar=daily\n")
    done = invoke("remind", "install", "--scheduler", "systemd")
    assert done.exit_code == 1 and "was not written by workjournal" in done.stderr
    assert theirs.read_text() == "[Timer]\nOnCalendar=daily\n"
    assert not (folder / "workjournal-remind.service").exists()


def test_launchd_plist_is_valid(isolated: Path) -> None:
    plan = schedulers.launchd_plan(["/usr/local/bin/journal", "--db", "/x/j.db", "remind", "check"])
    ((path, content),) = plan.files
    data = plistlib.loads(content.encode())
    assert data["Label"] == "org.workjournal.remind"
    assert data["ProgramArguments"][-2:] == ["remind", "check"]
    assert data["StartInterval"] == 300
    assert path == isolated / "home" / "Library" / "LaunchAgents" / "org.workjournal.remind.plist"


def test_install_as_a_real_process(fake_bin: Path, isolated: Path) -> None:
    (isolated / "crontab.txt").write_bytes(UNRELATED)
    env = {"PATH": os.environ["PATH"]}
    done = run_journal("remind", "install", "--scheduler", "cron", env=env)
    assert done.returncode == 0, done.stderr
    line = (isolated / "crontab.txt").read_bytes()[len(UNRELATED) :].decode()
    # The line runs the same interpreter with -m workjournal, absolute paths throughout.
    assert line.split()[5].startswith("/") and "-m workjournal" in line
    assert run_journal("remind", "uninstall", "--scheduler", "cron", env=env).returncode == 0
    assert (isolated / "crontab.txt").read_bytes() == UNRELATED
