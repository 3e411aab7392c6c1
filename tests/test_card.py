"""`journal card`: the diary card, one row a day, and its weekly grid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import invoke, run_journal
from workjournal.cli import common

TUESDAY_NOON = {"WORKJOURNAL_NOW": "2026-12-01T12:00:00+00:00"}
SUPPORT = "Thank you for writing that down. Your diary card is saved."


def card(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return invoke("card", *args, env=env or TUESDAY_NOON)


def shown(when: str = "today") -> dict[str, object]:
    done = card("show", "--date", when, "--format", "json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_every_option_is_recorded() -> None:
    card("rates", "add", "energy", "--range", "0-10")
    done = card(
        "--urge", "self-harm:2",
        "--urge", "suicide:0",
        "--acted", "substance use",
        "--emotion", "sadness:3, shame:4",
        "-e", "joy:1",
        "--skills", "5",
        "--skill", "wise mind",
        "--skill", "TIPP",
        "--meds", "partly",
        "--sleep", "6.5",
        "--rate", "energy:4",
        "--note", "Hard call with mum",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stderr == "Saved the diary card for Tue 01 Dec.\n"
    assert shown() == {
        "id": 1,
        "date": "2026-12-01",
        "urges": {"self-harm": 2, "suicide": 0},
        "acted": ["substance use"],
        "emotions": {"sadness": 3, "shame": 4, "joy": 1},
        "skills": 5,
        "skills_used": ["wise mind", "tipp"],
        "meds": "partly",
        "sleep": 6.5,
        "rates": {"energy": 4},
        "note": "Hard call with mum",
    }


def test_recording_again_changes_only_the_fields_given() -> None:
    card("--urge", "self-harm:2", "--sleep", "6", "--skill", "observe")
    again = card("--sleep", "7.5", "--urge", "suicide:1", "--skill", "describe")
    assert again.exit_code == 0
    assert again.stderr == (
        "Updated the diary card for Tue 01 Dec: changed urges, skills used and sleep.\n"
    )
    data = shown()
    assert data["urges"] == {"self-harm": 2, "suicide": 1}
    assert data["sleep"] == 7.5
    assert data["skills_used"] == ["observe", "describe"]
    card("--acted", "self-harm")
    card("--acted", "self-harm:no")
    assert shown()["acted"] == []


def test_yesterday_after_midnight_is_its_own_card() -> None:
    after_midnight = {"WORKJOURNAL_NOW": "2026-12-02T00:30:00+00:00"}
    card("--sleep", "5", env=TUESDAY_NOON)
    done = card("--date", "yesterday", "--meds", "yes", env=after_midnight)
    assert done.stderr == "Updated the diary card for Tue 01 Dec: changed meds.\n"
    today = card("--sleep", "8", env=after_midnight)
    assert today.stderr == "Saved the diary card for Wed 02 Dec.\n"
    assert shown("2026-12-01") | {} == shown("2026-12-01")
    assert shown("2026-12-01")["meds"] == "yes" and shown("2026-12-01")["sleep"] == 5


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--urge", "self-harm:6"], "from 0 to 5; got 6"),
        (["--urge", "self-harm:-1"], "from 0 to 5; got -1"),
        (["--urge", "self-harm"], "NAME:VALUE"),
        (["--urge", "flying:2"], "is not on your card"),
        (["--emotion", "sadness:high"], "whole number"),
        (["--emotion", "boredom:2"], "journal card emotions add NAME"),
        (["--acted", "self-harm:maybe"], "NAME:yes or NAME:no"),
        (["--skills", "8"], "from 0 to 7; got 8"),
        (["--skills", "three"], "whole number"),
        (["--meds", "sometimes"], "yes, no or partly"),
        (["--sleep", "25"], "at most 24"),
        (["--sleep", "-2"], "hours"),
        (["--rate", "energy:11"], "from 0 to 10; got 11"),
        (["--rate", "pain:3"], "is not on your card"),
        (["--date", "tomorrow"], "--date"),
        (["--skill", " "], "empty"),
    ],
)
def test_out_of_range_values_are_refused_and_nothing_is_saved(args: list[str], needle: str) -> None:
    card("rates", "add", "energy", "--range", "0-10")
    done = card("--sleep", "7", *args)
    assert done.exit_code == 2, done.stderr
    assert needle in done.stderr and "Traceback" not in done.stderr
    assert card("show").exit_code == 1  # not even the valid --sleep was saved


def test_no_fields_without_a_terminal_is_a_clear_error() -> None:
    done = card()
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: nothing to record")


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (["--urge", "suicide:2", "--urge", "self-harm:2"], False),
        (["--urge", "suicide:3"], True),
        (["--urge", "self-harm:4"], True),
        (["--urge", "substance use:5"], False),
        (["--acted", "self-harm"], True),
        (["--acted", "suicide"], True),
        (["--acted", "substance use"], False),
    ],
)
def test_the_support_note_after_a_high_urge(args: list[str], note: bool) -> None:
    done = card(*args)
    assert done.exit_code == 0
    assert done.stderr.startswith("Saved the diary card")  # saved first, never blocked
    assert (SUPPORT in done.stderr) is note
    if note:
        assert "journal help-now" in done.stderr
        assert shown()["id"] == 1


def test_targets_emotions_and_rates_lists(db_path: Path) -> None:
    assert card("targets").stdout == "Your card's targets: self-harm, suicide, substance use.\n"
    assert not db_path.exists()  # listing creates no journal
    assert card("targets", "add", "Bingeing").stderr == "Added bingeing to your card.\n"
    assert "already on your card" in card("targets", "add", "bingeing").stderr
    card("--urge", "bingeing:3")
    removed = card("targets", "remove", "bingeing")
    assert removed.exit_code == 0 and "earlier cards keep" in removed.stderr
    assert "bingeing" not in card("targets").stdout
    grid = json.loads(card("week", "--format", "json").stdout)
    assert grid["targets"] == ["self-harm", "suicide", "substance use", "bingeing"]  # history
    assert grid["days"][1]["urges"]["bingeing"] == 3
    assert card("--urge", "bingeing:1").exit_code == 2  # no longer on the card
    assert card("emotions", "add", "loneliness").exit_code == 0
    emotions = json.loads(card("emotions", "--format", "json").stdout)
    assert [item["name"] for item in emotions][-1] == "loneliness"
    assert card("emotions", "remove", "nope").exit_code == 1
    assert card("rates", "add", "pain").exit_code == 2  # needs --range
    assert card("rates", "add", "pain", "--range", "10-0").exit_code == 2
    assert card("targets", "add", "a,b").exit_code == 2
    added = card("rates", "add", "pain", "--range", "0-3")
    assert added.stderr == "Added pain (0-3) to your card.\n"


WEEK_80 = """\
Diary card, Mon 30 Nov – Sun 06 Dec 2026: 2 of 7 days filled in.

                 Mon   Tue   Wed   Thu   Fri   Sat   Sun
                  30    01    02    03    04    05    06
 ───────────────────────────────────────────────────────
 self-harm         1    2*
 suicide                 0
 substance use
 anger             2
 fear
 joy
 sadness                 3
 shame                   4
 guilt
 skills            6     5
 sleep             8   6.5
 meds            yes    no

* acted on it that day. Urges and emotions 0-5, skills 0-7.
Tue: skills used: wise mind, tipp.
Tue: A long day; the call with mum went better than I feared.
"""

WEEK_120 = """\
Diary card, Mon 30 Nov – Sun 06 Dec 2026: 2 of 7 days filled in.

 day      self-harm   suicide   substance use   anger   fear   joy   sadness   shame   guilt   skills   sleep   meds
 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 Mon 30           1                                 2                                               6       8    yes
 Tue 01          2*         0                                              3       4                5     6.5     no
 Wed 02
 Thu 03
 Fri 04
 Sat 05
 Sun 06

* acted on it that day. Urges and emotions 0-5, skills 0-7.
Tue: skills used: wise mind, tipp.
Tue: A long day; the call with mum went better than I feared.
"""  # noqa: E501


def _two_days() -> None:
    card("--date", "2026-11-30", "--urge", "self-harm:1", "-e", "anger:2", "--skills", "6",
         "--sleep", "8", "--meds", "yes")  # fmt: skip
    card("--urge", "self-harm:2", "--acted", "self-harm", "--urge", "suicide:0",
         "-e", "sadness:3,shame:4", "--skills", "5", "--skill", "wise mind,tipp",
         "--sleep", "6.5", "--meds", "no",
         "--note", "A long day; the call with mum went better than I feared.")  # fmt: skip


@pytest.mark.parametrize(("columns", "expected"), [("80", WEEK_80), ("120", WEEK_120)])
def test_the_grid_exactly(columns: str, expected: str) -> None:
    _two_days()
    done = card("week", env=TUESDAY_NOON | {"COLUMNS": columns})
    assert done.exit_code == 0, done.stderr
    assert "\n".join(line.rstrip() for line in done.stdout.splitlines()) + "\n" == expected


def test_the_grid_fits_forty_columns() -> None:
    _two_days()
    done = card("week", env=TUESDAY_NOON | {"COLUMNS": "40"})
    assert done.exit_code == 0
    assert all(len(line) <= 40 for line in done.stdout.splitlines())
    assert "…" not in done.stdout and "substance use" in done.stdout.replace("\n ", " ")


def test_the_grid_json_shape() -> None:
    _two_days()
    grid = json.loads(card("week", "--format", "json").stdout)
    assert set(grid) == {"start", "end", "targets", "emotions", "rates", "days"}
    assert (grid["start"], grid["end"]) == ("2026-11-30", "2026-12-06")
    assert len(grid["days"]) == 7
    keys = {"date", "filled", "urges", "acted", "emotions", "skills", "skills_used", "meds",
            "sleep", "rates", "note"}  # fmt: skip
    assert all(set(day) == keys for day in grid["days"])
    tuesday, wednesday = grid["days"][1], grid["days"][2]
    assert tuesday["urges"] == {"self-harm": 2, "suicide": 0, "substance use": None}
    assert tuesday["acted"] == ["self-harm"] and tuesday["filled"] is True
    assert wednesday == {
        "date": "2026-12-02",
        "filled": False,
        "urges": {"self-harm": None, "suicide": None, "substance use": None},
        "acted": [],
        "emotions": dict.fromkeys(["anger", "fear", "joy", "sadness", "shame", "guilt"]),
        "skills": None,
        "skills_used": [],
        "meds": None,
        "sleep": None,
        "rates": {},
        "note": None,
    }
    last = json.loads(card("week", "--last", "--format", "json").stdout)
    assert last["start"] == "2026-11-23" and not any(day["filled"] for day in last["days"])
    md = card("week", "--format", "md").stdout
    assert "| Tue 01 | 2* | 0 |" in md and md.startswith("## Diary card")


def test_show_and_delete() -> None:
    _two_days()
    detail = card("show").stdout
    assert "urge: self-harm" in detail and "(acted on it)" in detail
    assert "5: tried and used them, and they helped" in detail
    refused = card("delete")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert card("delete", "--yes").stderr == "Deleted the diary card for Tue 01 Dec 2026.\n"
    assert card("show").exit_code == 1
    assert card("delete", "--yes").exit_code == 1
    assert shown("2026-11-30")["sleep"] == 8


def test_guided_card_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    card("--date", "yesterday", "--urge", "self-harm:1", "--sleep", "7")
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    # self-harm urge 2, acted? no; suicide skipped twice; substance use 9 (refused) then 0;
    # emotions: skip all but sadness 3; skills 4; used: observe; meds yes; sleep skipped; note.
    answers = "2\nn\n\n\n9\n0\n\n\n\n\n3\n\n\n4\nobserve\nyes\n\nquiet evening\n"
    done = invoke("card", input=answers, env=TUESDAY_NOON)
    assert done.exit_code == 0, done.stderr
    assert "[yesterday: 1]" in done.stderr and "[yesterday: 7]" in done.stderr
    assert "from 0 to 5; got 9" in done.stderr
    data = shown()
    assert data["urges"] == {"self-harm": 2, "substance use": 0}
    assert data["emotions"] == {"sadness": 3}
    assert (data["skills"], data["skills_used"], data["meds"]) == (4, ["observe"], "yes")
    assert data["sleep"] is None and data["note"] == "quiet evening"


def test_guided_card_with_everything_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)
    done = invoke("card", input="\n" * 30, env=TUESDAY_NOON)
    assert done.exit_code == 0 and done.stderr.endswith("Nothing to save.\n")
    assert card("show").exit_code == 1


def test_card_as_a_real_process() -> None:
    done = run_journal("card", "--urge", "suicide:4", "--sleep", "6", env=TUESDAY_NOON)
    assert done.returncode == 0
    assert SUPPORT.encode() in done.stderr
    shown_json = run_journal("card", "show", "--format", "json", env=TUESDAY_NOON)
    assert json.loads(shown_json.stdout)["urges"] == {"suicide": 4}


def test_the_card_in_the_weekly_review_and_prep() -> None:
    _two_days()
    card("--date", "2026-11-30", "--urge", "suicide:3")
    week = invoke("week", env=TUESDAY_NOON)
    assert week.exit_code == 0
    assert "Diary card\n  Diary card: 2 of 7 days.\n  Highest urges: self-harm 2, suicide 3" in (
        week.stdout
    )
    data = json.loads(invoke("week", "--format", "json", env=TUESDAY_NOON).stdout)
    assert data["diary_card"] == {
        "filled": 2,
        "highest_urges": {"self-harm": 2, "suicide": 3},
    }
    prep = invoke("prep", env=TUESDAY_NOON)
    assert prep.exit_code == 0
    first = prep.stdout.index("To mention first")
    assert prep.stdout.index("the diary card noted urge to suicide 3 of 5") > first
    assert "Week of Mon 30 Nov: filled in 2 of 7 days" in prep.stdout
    assert "self-harm" in prep.stdout.split("Diary card")[-1]  # the grid follows
    md = invoke("prep", "--format", "md", env=TUESDAY_NOON).stdout
    assert "### Diary card, Mon 30 Nov – Sun 06 Dec 2026" in md
    assert "| Tue 01 | 2* | 0 |" in md
    prep_json = json.loads(invoke("prep", "--format", "json", env=TUESDAY_NOON).stdout)
    assert [w["start"] for w in prep_json["diary_cards"]] == ["2026-11-30"]


def test_the_card_in_every_export_format(isolated: Path) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    _two_days()
    card("--date", "2026-11-30", "--acted", "self-harm")
    base = ["export", "--since", "2026-11-23"]
    md = invoke(*base, "--format", "md", env=TUESDAY_NOON)
    assert md.exit_code == 0, md.stderr
    assert "## Diary card" in md.stdout and "| Tue 01 | 2* | 0 |" in md.stdout
    assert md.stdout.index("the diary card noted self-harm: acted on it") < md.stdout.index(
        "## Diary card"
    )
    html = invoke(*base, "--format", "html", env=TUESDAY_NOON)
    assert '<table class="card">' in html.stdout and "<td>Tue 01</td>" in html.stdout
    assert "the diary card noted self-harm: acted on it" in html.stdout
    out = isolated / "card.pdf"
    pdf = invoke(*base, "--format", "pdf", "--out", str(out), env=TUESDAY_NOON)
    assert pdf.exit_code == 0, pdf.stderr
    pages = [page.extract_text() for page in PdfReader(BytesIO(out.read_bytes())).pages]
    assert "the diary card noted self-harm: acted on it" in pages[0].replace("\n", " ")
    assert any("Diary card" in text and "substance use" in text for text in pages[1:])
    # Someone who keeps no diary card gets no empty section.
    (isolated / "journal" / "journal.db").unlink()
    invoke("add", "a day", "-m", "5", env=TUESDAY_NOON)
    plain = invoke(*base, "--format", "md", env=TUESDAY_NOON)
    assert "Diary card" not in plain.stdout
