"""Time workjournal's commands as whole new processes on journals of realistic sizes.

    python bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--compare-jrnl]

For each size it builds (once, cached under bench/.cache/) a journal with several entries a day,
a few dozen trigger and tag names, texts of 1-5 sentences, emotions, coping, homework, therapy
sessions and check-ins, written straight through the store's SQLite connection in one
transaction. It then runs every command on a copy of that journal: one warm-up run, then
``--runs`` timed runs, each a new ``python -m workjournal`` process of this checkout. It reports
the median wall time and the peak resident memory of the process (``os.wait4``), prints a table
and writes bench/results.json.

A command this checkout does not have yet is reported as "not available", not as a failure.
``--compare-jrnl`` times jrnl (the pip package, found on PATH or given with ``--jrnl``) on a
journal of the same size in its own plain-text format.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results.json"
sys.path.insert(0, str(SRC))

from workjournal import clock, migrations  # noqa: E402
from workjournal.store import open_store  # noqa: E402
from workjournal.store.entries import ENTRY_LABELS_JSON  # noqa: E402

GENERATOR_VERSION = 1  # bump when the generated data changes, to rebuild the cache
NOW = "2026-11-20T21:30:00+00:00"  # the journals end here; every command runs at this moment
TZ_NAME = "Europe/London"
SEARCH_WORD = "deadline"

# -- realistic data ------------------------------------------------------------------------------

TRIGGERS = [
    "work",
    "deadline",
    "manager",
    "meeting",
    "email",
    "commute",
    "money",
    "rent",
    "bills",
    "family",
    "mother",
    "father",
    "sister",
    "brother",
    "partner",
    "argument",
    "criticism",
    "loneliness",
    "social media",
    "news",
    "crowds",
    "noise",
    "poor sleep",
    "tiredness",
    "hunger",
    "alcohol",
    "health worry",
    "doctor appointment",
    "pain",
    "phone call",
    "being ignored",
    "rejection",
    "comparison",
    "mistake",
    "uncertainty",
    "change of plans",
    "weekend alone",
    "party",
    "small talk",
    "presentation",
    "exam",
    "interview",
    "late bus",
    "traffic",
    "cleaning",
    "mess",
    "anniversary",
    "memory",
    "dream",
    "body image",
    "being late",
    "conflict at work",
    "group chat",
    "performance review",
    "overtime",
]
TAGS = [
    "home",
    "office",
    "remote",
    "train",
    "car",
    "gym",
    "park",
    "kitchen",
    "bedroom",
    "cafe",
    "with partner",
    "with kids",
    "with friends",
    "alone",
    "morning",
    "evening",
    "night",
    "lunch",
    "weekend",
    "holiday",
    "therapy day",
    "payday",
    "walking",
    "reading",
    "cooking",
    "shopping",
    "video call",
    "supermarket",
    "school run",
    "doctor",
    "pharmacy",
    "library",
    "pub",
    "garden",
    "beach",
    "rain",
    "sunny",
]
EMOTIONS = [
    "anxious",
    "sad",
    "angry",
    "ashamed",
    "guilty",
    "lonely",
    "overwhelmed",
    "frustrated",
    "hopeless",
    "irritable",
    "numb",
    "scared",
    "calm",
    "content",
    "relieved",
    "proud",
    "hopeful",
    "grateful",
    "tired",
    "restless",
]
COPING = [
    "walk",
    "breathing",
    "called a friend",
    "journaling",
    "music",
    "shower",
    "tea",
    "grounding 5-4-3-2-1",
    "stretching",
    "left the room",
    "talked to partner",
    "cried",
    "distraction",
    "meditation",
    "early night",
    "cooked a meal",
    "nothing",
    "scrolled phone",
]
SENTENCES = [
    "The meeting ran over and I felt my chest tighten.",
    "I could not stop thinking about the deadline on Friday.",
    "My manager asked for the report again and I snapped back.",
    "I lay awake for hours replaying the conversation.",
    "Called my sister and it went better than I expected.",
    "The train was cancelled and I was late for the appointment.",
    "I noticed the old thought that I always get things wrong.",
    "Took a walk around the block and my breathing slowed down.",
    "Nobody replied in the group chat and I felt left out.",
    "We argued about money again, the same argument as last month.",
    "I managed to say no to the extra shift without apologising.",
    "The house felt very quiet this evening.",
    "I tried the grounding exercise from the last session.",
    "It was a small thing but I spiralled for most of the afternoon.",
    "Felt proud that I finished the task before lunch.",
    "I skipped lunch and by four I was irritable with everyone.",
    "Scrolling the news made everything feel heavier.",
    "My mother called and criticised the way I raise the kids.",
    "I cried in the car park and then felt a bit lighter.",
    "Slept badly, woke up with dread about the week ahead.",
    "A colleague thanked me for the help and I did not know what to say.",
    "I cancelled plans again because I could not face people.",
    "The panic came out of nowhere in the supermarket queue.",
    "Wrote down the evidence for and against the thought.",
    "Things felt manageable today, which is worth noting.",
    "I compared myself to everyone at the party and felt small.",
    "Spent the evening cooking and it helped more than I thought.",
    "The email from the landlord sat unopened all day.",
    "I remembered to breathe out slowly before answering.",
    "Talked it through with my partner instead of going silent.",
]


def _moments(size: int, rng: random.Random, end: datetime) -> list[datetime]:
    """``size`` moments, newest at ``end``, several a day (1-6, about 3.5 on average)."""
    tz = ZoneInfo(TZ_NAME)
    moments: list[datetime] = []
    day = end.astimezone(tz).date()
    while len(moments) < size:
        for _ in range(rng.randint(1, 6)):
            minute = rng.randint(7 * 60, 23 * 60 + 30)
            local = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
            moment = clock.localize(local, tz)
            if moment <= end:
                moments.append(moment)
        day -= timedelta(days=1)
    moments = sorted(moments[:size])
    return moments


def build_journal(path: Path, size: int) -> None:
    """Write a journal of ``size`` entries (and homework, sessions, check-ins) to ``path``."""
    rng = random.Random(size)
    end = datetime.fromisoformat(NOW)
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    store = open_store(path, create=True)
    conn = store.conn
    label_ids: dict[tuple[str, str], int] = {}
    with store.write():
        for kind, names in (
            ("trigger", TRIGGERS),
            ("tag", TAGS),
            ("emotion", EMOTIONS),
            ("coping", COPING),
        ):
            for name in names:
                cursor = conn.execute("INSERT INTO labels (kind, name) VALUES (?, ?)", (kind, name))
                assert cursor.lastrowid is not None
                label_ids[(kind, name)] = cursor.lastrowid
        entry_rows = []
        link_rows = []
        for entry_id, moment in enumerate(_moments(size, rng, end), start=1):
            occurred_utc, offset = clock.to_db(moment)
            late = rng.random() < 0.1
            created = moment + (timedelta(hours=rng.randint(2, 40)) if late else timedelta(0))
            created_utc, created_offset = clock.to_db(min(created, end))
            text = " ".join(rng.sample(SENTENCES, rng.randint(1, 5)))
            mood = rng.randint(1, 10) if rng.random() < 0.9 else None
            entry_rows.append(
                (
                    entry_id,
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    occurred_utc,
                    offset,
                    created_utc,
                    created_offset,
                    text,
                    mood,
                    int(rng.random() < 0.05),
                    int(rng.random() < 0.05),
                )
            )
            picks = [
                *(("trigger", n, None) for n in rng.sample(TRIGGERS, rng.randint(0, 3))),
                *(("tag", n, None) for n in rng.sample(TAGS, rng.randint(0, 2))),
                *(
                    ("emotion", n, rng.choice([None, rng.randint(10, 100)]))
                    for n in rng.sample(EMOTIONS, rng.randint(0, 3))
                ),
                *(("coping", n, None) for n in rng.sample(COPING, rng.randint(0, 2))),
            ]
            for position, (kind, name, intensity) in enumerate(picks):
                link_rows.append((entry_id, label_ids[(kind, name)], position, intensity))
        conn.executemany(
            "INSERT INTO entries (id, uuid, occurred_utc, occurred_offset, created_utc, "
            "created_offset, text, mood, private, discuss) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            entry_rows,
        )
        conn.executemany(
            # The same copy of the entry's local day and mood that Store keeps in entry_labels.
            "INSERT INTO entry_labels (entry_id, label_id, position, intensity, kind, local_day, "
            "mood) SELECT e.id, l.id, ?3, ?4, l.kind, e.local_day, e.mood "
            "FROM entries e, labels l WHERE e.id = ?1 AND l.id = ?2",
            link_rows,
        )
        # Each entry's copy of its labels, as the store writes it with every entry it saves
        # (migrations.m008); the links inserted above reset it.
        conn.execute(f"UPDATE entries AS e SET labels_json = {ENTRY_LABELS_JSON}")
        first = datetime.fromisoformat(entry_rows[0][2])
        _between_sessions(conn, rng, first, end)
    conn.execute("PRAGMA optimize")
    store.close()


def _between_sessions(
    conn: sqlite3.Connection, rng: random.Random, first: datetime, end: datetime
) -> None:
    """Weekly therapy sessions, a homework item per month with logs, fortnightly check-ins."""
    weeks = max(1, (end - first).days // 7)
    for week in range(weeks):
        at = end - timedelta(weeks=week, hours=rng.randint(20, 140))
        utc, offset = clock.to_db(at)
        conn.execute(
            "INSERT INTO sessions (uuid, at_utc, at_offset, created_utc, note) "
            "VALUES (?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), utc, offset, utc, rng.choice(["", "Talked about work."])),
        )
        if week % 2 == 0:
            for instrument, items in (("phq9", 9), ("gad7", 7)):
                answers = [rng.randint(0, 3) for _ in range(items)]
                conn.execute(
                    "INSERT INTO checkins (uuid, instrument, taken_utc, taken_offset, "
                    "created_utc, answers, total) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        str(uuid.uuid4()),
                        instrument,
                        utc,
                        offset,
                        utc,
                        json.dumps(answers),
                        sum(answers),
                    ),
                )
        if week % 4 == 0:
            created_utc, created_offset = clock.to_db(at)
            cursor = conn.execute(
                "INSERT INTO homework (uuid, title, per_week, note, set_by, created_utc, "
                "created_offset, closed_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    rng.choice(
                        [
                            "Thought record",
                            "Walk 20 minutes",
                            "Breathing practice",
                            "Behavioural experiment",
                            "Call a friend",
                        ]
                    ),
                    rng.randint(2, 7),
                    "",
                    "therapist",
                    created_utc,
                    created_offset,
                    None if week == 0 else clock.utc_text(at + timedelta(weeks=4)),
                ),
            )
            for done in range(rng.randint(2, 12)):
                done_at = at + timedelta(days=done * 2, hours=rng.randint(0, 10))
                if done_at > end:
                    break
                done_utc, done_offset = clock.to_db(done_at)
                before = rng.randint(3, 10)
                conn.execute(
                    "INSERT INTO homework_log (uuid, homework_id, done_utc, done_offset, "
                    "created_utc, rating, distress_before, distress_after, note, partial) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        str(uuid.uuid4()),
                        cursor.lastrowid,
                        done_utc,
                        done_offset,
                        done_utc,
                        rng.randint(3, 10),
                        before,
                        max(0, before - rng.randint(0, 4)),
                        "",
                        int(rng.random() < 0.2),
                    ),
                )


def cached_journal(size: int) -> Path:
    """The journal of ``size`` entries, built once per generator version and schema."""
    schema = "-".join(name.split("_", 1)[0] for name in migrations.NAMES)
    path = CACHE / f"journal-{size}-g{GENERATOR_VERSION}-{schema}.db"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_name(path.name + ".partial")
        build_journal(partial, size)
        partial.rename(path)
        print(f"  built {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def cached_jrnl_journal(size: int) -> Path:
    """The same kind of journal in jrnl's plain-text format (``[date time] text @tags``)."""
    path = CACHE / f"jrnl-{size}-g{GENERATOR_VERSION}.txt"
    if path.exists():
        return path
    rng = random.Random(size)
    lines = []
    for moment in _moments(size, rng, datetime.fromisoformat(NOW)):
        local = moment.astimezone(ZoneInfo(TZ_NAME))
        text = " ".join(rng.sample(SENTENCES, rng.randint(1, 5)))
        tags = " ".join("@" + t.replace(" ", "-") for t in rng.sample(TRIGGERS, rng.randint(0, 3)))
        lines.append(f"[{local:%Y-%m-%d %H:%M}] {text} {tags}".rstrip() + "\n\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path


# -- timing ----------------------------------------------------------------------------------------


@dataclass
class Measure:
    command: str
    size: int | None
    tool: str = "workjournal"
    available: bool = True
    note: str = ""
    exit_code: int | None = None
    runs_ms: list[float] = field(default_factory=list)
    peak_rss_mb: float | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.runs_ms) if self.runs_ms else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["median_ms"] = None if self.median_ms is None else round(self.median_ms, 1)
        data["min_ms"] = round(min(self.runs_ms), 1) if self.runs_ms else None
        data["runs_ms"] = [round(r, 1) for r in self.runs_ms]
        return data


# A tiny process that starts the command and reports its wall time and peak memory. The command
# must not be forked from this (large) process: Linux counts the memory a child had before exec
# in its peak, so it would inherit ours. The launcher is small (``python -S``), so its share is
# below any Python program's own peak.
LAUNCHER = """
import os, signal, sys, time
out, limit = sys.argv[1], float(sys.argv[2])
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[3], sys.argv[3:], os.environ)
def stop(*_):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
signal.signal(signal.SIGALRM, stop)
signal.setitimer(signal.ITIMER_REAL, limit)
_, status, usage = os.wait4(pid, 0)
elapsed = (time.perf_counter() - started) * 1000
signal.setitimer(signal.ITIMER_REAL, 0)  # a late alarm must not end us with SIGALRM
signal.signal(signal.SIGALRM, signal.SIG_IGN)
with open(out, "w") as fh:
    fh.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""
TIMED_OUT = -9  # the launcher kills a run that takes longer than --timeout


def run_once(
    argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 120
) -> tuple[float, float, int, bytes]:
    """Wall time (ms), peak RSS (MB) and exit code of one new process; stdout goes to a file
    (like ``> out.json``), stderr is kept for the report."""
    report = cwd / "launcher.out"
    executable = shutil.which(argv[0]) or argv[0]
    with tempfile.TemporaryFile(dir=cwd) as out, tempfile.TemporaryFile(dir=cwd) as err:
        subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, str(report), str(timeout), executable,
             *argv[1:]],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
            check=True,
        )  # fmt: skip
        elapsed, rss_kb, code = report.read_text().split()
        err.seek(0)
        return float(elapsed), int(rss_kb) / 1024, int(code), err.read()


TIMEOUT = 120.0  # seconds one run may take (set by --timeout)


@dataclass
class Job:
    """One command to time: where its numbers go, and how to start it."""

    result: Measure
    argv: list[str]
    env: dict[str, str]
    done: bool = False


def run_rounds(jobs: list[Job], runs: int, work: Path) -> None:
    """A warm-up round, then ``runs`` timed rounds, each running every command once. Rounds
    rather than one command at a time: on a shared machine a burst of load from elsewhere then
    hits all commands alike (and the floor with them) instead of one of them."""
    for attempt in range(runs + 1):
        for job in jobs:
            if job.done:
                continue
            elapsed, rss, code, stderr = run_once(job.argv, job.env, work, TIMEOUT)
            m = job.result
            m.exit_code = code
            if code != 0:
                timed_out = code == TIMED_OUT and elapsed >= TIMEOUT * 1000
                m.note = (
                    f"over {TIMEOUT:g} s"
                    if timed_out
                    else f"exit {code}: " + stderr.decode(errors="replace").strip()[-200:]
                )
                m.runs_ms.clear()
                m.peak_rss_mb = None
                job.done = True
            elif attempt:
                m.runs_ms.append(elapsed)
                m.peak_rss_mb = round(max(m.peak_rss_mb or 0.0, rss), 1)


def base_env() -> dict[str, str]:
    """The environment every timed process gets. Bytecode is cached (under bench/.cache, not in
    src/), as it is for an installed package: PYTHONDONTWRITEBYTECODE would make every run
    compile the program from source."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    return env


def workjournal_env(work: Path) -> dict[str, str]:
    env = base_env()
    env.update(
        PYTHONPATH=str(SRC),
        WORKJOURNAL_NOW=NOW,
        TZ=TZ_NAME,
        NO_COLOR="1",
        COLUMNS="100",
        XDG_CONFIG_HOME=str(work / "config"),
        LC_ALL="C.UTF-8",
    )
    for name in ("WORKJOURNAL_DB", "WORKJOURNAL_DEBUG", "VISUAL", "EDITOR"):
        env.pop(name, None)
    return env


COMMANDS: list[tuple[str, list[str]]] = [
    ("add", ["add", "Short walk helped after the meeting.", "-m", "4", "-t", "work"]),
    ("list -n 20", ["list", "-n", "20"]),
    (f"list --search {SEARCH_WORD}", ["list", "--search", SEARCH_WORD]),
    ("week", ["week"]),
    ("patterns", ["patterns"]),
    ("export json", ["export", "--format", "json"]),
    ("export html", ["export", "--format", "html"]),
    # The therapist export of the whole journal (md/html/pdf default to since the last session).
    ("export md --all", ["export", "--format", "md", "--all"]),
    ("export html --all", ["export", "--format", "html", "--all"]),
    ("export pdf --all", ["export", "--format", "pdf", "--all"]),
    ("remind prompt", ["remind", "prompt"]),
]


# `journal import` of the journal's own JSON export into a new, empty journal each run: the
# launched process removes the previous run's journal, then runs the CLI.
FRESH_IMPORT = """
import runpy, sys
from pathlib import Path
db, export = sys.argv[1], sys.argv[2]
for suffix in ("", "-wal", "-shm"):
    Path(db + suffix).unlink(missing_ok=True)
sys.argv = ["journal", "--db", db, "import", export]
runpy.run_module("workjournal", run_name="__main__")
"""


def import_job(size: int, db: Path, env: dict[str, str], work: Path) -> Job:
    export = work / f"export-{size}.json"
    subprocess.run(
        [sys.executable, "-m", "workjournal", "--db", str(db), "export", "--format", "json",
         "--include-private", "--out", str(export)],
        env=env, cwd=work, check=True, capture_output=True,
    )  # fmt: skip
    argv = [sys.executable, "-c", FRESH_IMPORT, str(work / f"imported-{size}.db"), str(export)]
    return Job(Measure(command="import json", size=size), argv, env)


def available(subcommand: str, env: dict[str, str], cwd: Path) -> bool:
    """Whether this checkout has ``journal SUBCOMMAND`` (its --help succeeds)."""
    proc = subprocess.run(
        [sys.executable, "-m", "workjournal", subcommand, "--help"],
        capture_output=True,
        env=env,
        cwd=cwd,
        check=False,
    )
    return proc.returncode == 0


def workjournal_jobs(
    size: int, work: Path, only: set[str] | None = None
) -> tuple[list[Job], list[Measure]]:
    env = workjournal_env(work)
    db = work / f"journal-{size}.db"
    shutil.copyfile(cached_journal(size), db)
    db.chmod(0o600)
    jobs, missing = [], []
    for name, args in COMMANDS:
        if only is not None and name not in only:
            continue
        if not available(args[0], env, work):
            missing.append(Measure(command=name, size=size, available=False, note="not available"))
            continue
        argv = [sys.executable, "-m", "workjournal", "--db", str(db), *args]
        jobs.append(Job(Measure(command=name, size=size), argv, env))
    if only is None or "import json" in only:
        jobs.append(import_job(size, db, env, work))
    return jobs, missing


def jrnl_jobs(size: int, work: Path, jrnl: str) -> list[Job]:
    home = work / f"jrnl-{size}"
    (home / "config" / "jrnl").mkdir(parents=True, exist_ok=True)
    journal = home / "journal.txt"
    shutil.copyfile(cached_jrnl_journal(size), journal)
    (home / "config" / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.2\n",
        encoding="utf-8",
    )
    env = dict(
        base_env(),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home),
        TZ=TZ_NAME,
        NO_COLOR="1",
        COLUMNS="100",
    )
    commands = [
        ("add", [jrnl, "Short walk helped after the meeting. @work"]),
        ("list -n 20", [jrnl, "-n", "20"]),
        (f"list --search {SEARCH_WORD}", [jrnl, "-contains", SEARCH_WORD]),
        ("export json", [jrnl, "--export", "json"]),
    ]
    return [
        Job(Measure(command=name, size=size, tool="jrnl"), argv, env) for name, argv in commands
    ]


# -- report ----------------------------------------------------------------------------------------


def _cell(m: Measure | None) -> str:
    if m is None:
        return ""
    if not m.available:
        return "not available"
    if m.median_ms is None:
        return m.note if m.note.startswith("over ") else "failed"
    return f"{m.median_ms:.0f} ms / {m.peak_rss_mb:.0f} MB"


TARGETS = {
    "add": "floor + 120 ms; 100k no slower than 1k",
    "list -n 20": "< 250 ms at 100k",
    "week": "< 250 ms at 100k",
    "patterns": "< 1 s at 100k",
    "export json": "< 1.5 s and < 150 MB at 100k",
    "import json": "< 5 s at 100k",
    "export md --all": "< 2 s and < 300 MB at 100k",
    "export html --all": "< 3 s and < 300 MB at 100k",
    "export pdf --all": "< 20 s and < 300 MB at 100k",
    "remind prompt": "floor + 40 ms",
}
HUMAN_EXPORT_LIMITS = (
    ("export md --all", 2000),
    ("export html --all", 3000),
    ("export pdf --all", 20000),
)


def verdicts(results: list[Measure]) -> dict[str, str]:
    """Each target, checked against the largest size measured."""
    by = {(m.tool, m.command, m.size): m for m in results}
    sizes = sorted({m.size for m in results if m.size is not None})
    if not sizes:
        return {}
    big, small = sizes[-1], sizes[0]
    out: dict[str, str] = {}

    def med(command: str, size: int, tool: str = "workjournal") -> float | None:
        m = by.get((tool, command, size))
        return m.median_ms if m is not None else None

    def over_floor(size: int) -> float | None:
        add, floor = med("add", size), med("floor", size, "python")
        return None if add is None or floor is None else add - floor

    delta_big, delta_small = over_floor(big), over_floor(small)
    if delta_big is not None:
        ok = delta_big <= 120
        text = f"{delta_big:+.0f} ms over the floor at {big:,}"
        if delta_small is not None and big != small:
            growth = delta_big - delta_small
            ok = ok and growth <= max(15.0, 0.1 * delta_small)
            text += f"; {growth:+.0f} ms (over the floor) from {small:,} to {big:,}"
        out["add"] = ("met: " if ok else "MISSED: ") + text
    prompt, floor = med("remind prompt", big), med("floor", big, "python")
    if prompt is not None and floor is not None:
        over = prompt - floor
        out["remind prompt"] = (
            f"{'met' if over <= 40 else 'MISSED'}: {over:+.0f} ms over the floor at {big:,}"
        )
    for command, limit in (("list -n 20", 250), ("week", 250), ("patterns", 1000)):
        value = med(command, big)
        if value is not None:
            out[command] = f"{'met' if value < limit else 'MISSED'}: {value:.0f} ms at {big:,}"
    export = by.get(("workjournal", "export json", big))
    if export is not None and export.median_ms is not None and export.peak_rss_mb is not None:
        ok = export.median_ms < 1500 and export.peak_rss_mb < 150
        out["export json"] = (
            f"{'met' if ok else 'MISSED'}: {export.median_ms:.0f} ms, "
            f"{export.peak_rss_mb:.0f} MB at {big:,}"
        )
    imported = med("import json", big)
    if imported is not None:
        out["import json"] = (
            f"{'met' if imported < 5000 else 'MISSED'}: {imported:.0f} ms at {big:,}"
        )
    for command, limit_ms in HUMAN_EXPORT_LIMITS:
        m = by.get(("workjournal", command, big))
        if m is not None and m.median_ms is not None and m.peak_rss_mb is not None:
            ok = m.median_ms < limit_ms and m.peak_rss_mb < 300
            out[command] = (
                f"{'met' if ok else 'MISSED'}: {m.median_ms:.0f} ms, "
                f"{m.peak_rss_mb:.0f} MB at {big:,}"
            )
    return out


def table(results: list[Measure], sizes: list[int]) -> str:
    rows = [["command", *(f"{s:,} entries" for s in sizes), "target"]]
    names = [*(name for name, _ in COMMANDS), "import json"]
    by = {(m.tool, m.command, m.size): m for m in results}
    floors = [_cell(by.get(("python", "floor", s))) for s in sizes]
    rows.append(['python -c "import sqlite3"', *floors, "(floor)"])
    for tool in ("workjournal", "jrnl"):
        for name in names:
            if not any((tool, name, s) in by for s in sizes):
                continue
            label = f"journal {name}" if tool == "workjournal" else f"jrnl ({name})"
            rows.append(
                [
                    label,
                    *(_cell(by.get((tool, name, s))) for s in sizes),
                    TARGETS.get(name, "") if tool == "workjournal" else "",
                ]
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    global TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated journal sizes (default: %(default)s)",
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per command after one warm-up (default: 5)"
    )
    parser.add_argument(
        "--compare-jrnl",
        action="store_true",
        help="also time jrnl on a journal of the same size in its own format",
    )
    parser.add_argument("--jrnl", default=None, help="the jrnl executable (default: on PATH)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT,
        help="give up on a command after a run this long, in seconds "
        "(default: %(default)s; jrnl rewrites its whole file on each add)",
    )
    parser.add_argument(
        "--only",
        default=None,
        help='comma-separated commands to time, e.g. "import json,export json" (default: all); '
        "the other commands' results in --out are kept",
    )
    args = parser.parse_args(argv)
    only = None if args.only is None else {c.strip() for c in args.only.split(",") if c.strip()}
    known = {name for name, _ in COMMANDS} | {"import json"}
    if only is not None and not only <= known:
        parser.error(f"--only: unknown command(s) {', '.join(sorted(only - known))}")
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    TIMEOUT = args.timeout

    jrnl = None
    if args.compare_jrnl:
        jrnl = args.jrnl or shutil.which("jrnl")
        if jrnl is None:
            print(
                "jrnl is not installed (pip install jrnl): skipping the comparison.",
                file=sys.stderr,
            )

    results: list[Measure] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="workjournal-bench-") as tmp:
        work = Path(tmp)
        for size in sizes:
            # The floor is measured in the same rounds as each size: compare with it.
            floor = Measure(command="floor", size=size, tool="python")
            jobs = [Job(floor, [sys.executable, "-c", "import sqlite3"], base_env())]
            more, missing = workjournal_jobs(size, work, only)
            jobs += more
            if jrnl:
                jobs += jrnl_jobs(size, work, jrnl)
            run_rounds(jobs, args.runs, work)
            for job in jobs:
                label = ("" if job.result.tool == "workjournal" else "jrnl ") + job.result.command
                print(f"  {size:>7}  {label:<30} {_cell(job.result)}", file=sys.stderr)
            results += [job.result for job in jobs] + missing

    load_after = os.getloadavg()
    if only is not None and args.out.exists():  # keep what this run did not measure
        earlier = json.loads(args.out.read_text(encoding="utf-8"))
        ran = {(m.tool, m.command, m.size) for m in results}
        for old in earlier.get("results", []):
            if (old["tool"], old["command"], old["size"]) not in ran:
                old.pop("median_ms", None)
                old.pop("min_ms", None)
                results.append(Measure(**old))
        sizes = sorted({*sizes, *earlier.get("sizes", [])})
    print(table(results, sizes))
    checks = verdicts(results)
    for command, verdict in checks.items():
        print(f"  {command}: {verdict}")
    report = {
        "made": datetime.now(UTC).isoformat(timespec="seconds"),
        "how": (
            f"median of {args.runs} new processes after a warm-up round, commands run in "
            "rounds; peak RSS from os.wait4; the floor is sampled in every size's rounds"
            + ("" if only is None else f"; this run timed only: {', '.join(sorted(only))}")
        ),
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "sizes": sizes,
        "results": [m.to_json() for m in results],
        "targets": checks,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
