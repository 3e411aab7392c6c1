"""journal reflect: the prompt library, the choice rule, answers saved as entries."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helpers import invoke
from workjournal.errors import InvalidInput
from workjournal.reflection import (
    LIBRARY,
    THEMES,
    Prompt,
    choose_prompt,
    find_prompt,
    leaning_theme,
)

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}
AT = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


def test_library_has_forty_gentle_questions_with_stable_ids() -> None:
    assert len(LIBRARY) >= 40
    assert len({p.id for p in LIBRARY}) == len(LIBRARY)
    required = {"fear", "shame", "resentment", "grief", "patterns", "progress"}
    assert required | {"after-session", "values"} <= {p.theme for p in LIBRARY}
    for p in LIBRARY:
        assert p.text.endswith("?"), p.id
        assert p.id.startswith(p.theme + "-")
        for word in ("should", "must", "missed", "failed", "why didn't"):
            assert word not in p.text.casefold(), (p.id, word)
    assert find_prompt(LIBRARY, "fear-1").text.startswith("What has felt frightening")


def test_leaning_theme_rules() -> None:
    assert leaning_theme(["ashamed", "Shame", "sad"], last_session=None, now=AT) == "shame"
    assert leaning_theme(["ashamed"], last_session=None, now=AT) is None  # once is not a lean
    two_days = AT - timedelta(days=2)
    assert leaning_theme(["ashamed"] * 3, last_session=two_days, now=AT) == "after-session"
    older = AT - timedelta(days=2, seconds=1)
    assert leaning_theme(["ashamed"] * 3, last_session=older, now=AT) == "shame"
    assert leaning_theme(["anxious", "scared", "sad"], last_session=None, now=AT) == "fear"


def test_choice_skips_prompts_answered_in_the_last_fourteen_days() -> None:
    shame = [p for p in LIBRARY if p.theme == "shame"]
    answered = [(p.id, AT - timedelta(days=3)) for p in shame[:-1]]
    chosen = choose_prompt(
        LIBRARY, answered=answered, emotions=["ashamed", "ashamed"], last_session=None, now=AT
    )
    assert chosen == shame[-1]
    # Answered 14 days ago or more: it may come back.
    old = [(p.id, AT - timedelta(days=14)) for p in shame]
    again = choose_prompt(
        LIBRARY, answered=old, emotions=["ashamed", "ashamed"], last_session=None, now=AT
    )
    assert again.theme == "shame"


def test_choice_when_everything_was_answered_still_gives_one() -> None:
    answered = [(p.id, AT - timedelta(days=1)) for p in LIBRARY]
    chosen = choose_prompt(LIBRARY, answered=answered, emotions=[], last_session=None, now=AT)
    assert chosen in LIBRARY


def test_choice_with_theme_and_the_same_day_gives_the_same_prompt() -> None:
    first = choose_prompt(
        LIBRARY, answered=[], emotions=[], last_session=None, now=AT, theme="values"
    )
    later = choose_prompt(
        LIBRARY,
        answered=[],
        emotions=[],
        last_session=None,
        now=AT + timedelta(hours=1),
        theme="values",
    )
    assert first == later and first.theme == "values"
    with pytest.raises(InvalidInput):
        choose_prompt(LIBRARY, answered=[], emotions=[], last_session=None, now=AT, theme="own")


def test_prompt_round_trip_and_rules() -> None:
    p = Prompt("own-1", "shame", "What did I need?")
    assert Prompt.from_json(p.to_json()) == p
    with pytest.raises(InvalidInput):
        Prompt.from_json({"id": "own-2", "theme": "nope", "text": "x"})
    with pytest.raises(InvalidInput):
        Prompt.from_json({"id": "own-2", "theme": "own", "text": "  "})
    assert "own" in THEMES


def entry(entry_id: int) -> dict[str, object]:
    return json.loads(invoke("show", str(entry_id), "-f", "json").stdout)  # type: ignore[no-any-return]


def test_reflect_with_text_saves_an_entry_with_its_prompt(db_path: Path) -> None:
    result = invoke(
        "reflect",
        "--prompt",
        "fear-2",
        "--text",
        "It keeps me small.",
        "-m",
        "4",
        "-t",
        "Work",
        "-e",
        "afraid:60",
        env=NOW,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "If the fear could speak for itself, what might it be trying to protect you from?  "
        "(fear-2)\nSaved reflection as entry 1 · Fri 20 Nov 2026 21:30 · mood 4/10 · "
        "triggers: work.\n"
    )
    saved = entry(1)
    assert saved["text"] == "It keeps me small."
    assert saved["prompt"] == {
        "id": "fear-2",
        "theme": "fear",
        "text": "If the fear could speak for itself, what might it be trying to protect you from?",
    }
    assert saved["emotions"] == [{"name": "afraid", "intensity": 60}]
    invoke("add", "plain entry")
    assert entry(2)["prompt"] is None
    listed = json.loads(invoke("list", "-f", "json").stdout)
    assert [e["prompt"] is None for e in listed] == [True, False]


def test_reflect_reads_stdin_and_leans_to_a_recent_session(db_path: Path) -> None:
    invoke("session", "add", "yesterday 10:00", env=NOW)
    result = invoke("reflect", input="The part about my dad.\n", env=NOW)
    assert result.exit_code == 0, result.stderr
    assert entry(1)["prompt"]["theme"] == "after-session"  # type: ignore[index]
    assert entry(1)["text"] == "The part about my dad."


def test_reflect_leans_to_shame_after_a_week_of_it(db_path: Path) -> None:
    invoke("add", "one", "-e", "ashamed", "--at", "yesterday 10:00", env=NOW)
    invoke("add", "two", "-e", "ashamed", "--at", "today 09:00", env=NOW)
    invoke("reflect", "--text", "answer", env=NOW)
    assert entry(3)["prompt"]["theme"] == "shame"  # type: ignore[index]


def test_reflect_edit_uses_the_editor(db_path: Path, tmp_path: Path) -> None:
    script = tmp_path / "ed.sh"
    script.write_text('#!/bin/sh\nprintf "written in the editor" > "$1"\n')
    script.chmod(0o700)
    result = invoke("reflect", "--theme", "values", "--edit", env={**NOW, "EDITOR": str(script)})
    assert result.exit_code == 0, result.stderr
    assert entry(1)["text"] == "written in the editor"
    assert entry(1)["prompt"]["theme"] == "values"  # type: ignore[index]


def test_empty_answer_saves_nothing(db_path: Path) -> None:
    result = invoke("reflect", "--text", "  ", env=NOW)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: there was no answer, so nothing was saved. The prompt will keep.\n"
    )
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--theme", "nope"], "'nope' is not a theme"),
        (["--prompt", "fear-99", "--text", "x"], "there is no prompt 'fear-99'"),
        (["--text", "x", "-m", "11"], "'--mood'"),
    ],
)
def test_reflect_bad_input(db_path: Path, args: list[str], message: str) -> None:
    result = invoke("reflect", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_prompts_list_and_own_prompts(db_path: Path) -> None:
    result = invoke("reflect", "prompts", "--theme", "grief", "-f", "json")
    assert result.exit_code == 0
    assert [p["id"] for p in json.loads(result.stdout)] == [f"grief-{n}" for n in range(1, 7)]
    added = invoke("reflect", "add-prompt", "What  did I need then?", "--theme", "shame", env=NOW)
    assert added.exit_code == 0, added.stderr
    assert added.stderr.startswith("Added prompt own-1 (shame).")
    invoke("reflect", "add-prompt", "What am I glad of?", env=NOW)
    own = json.loads(invoke("reflect", "prompts", "--theme", "own", "-f", "json").stdout)
    assert own == [{"id": "own-2", "theme": "own", "text": "What am I glad of?"}]
    shame = json.loads(invoke("reflect", "prompts", "--theme", "shame", "-f", "json").stdout)
    assert shame[-1] == {"id": "own-1", "theme": "shame", "text": "What did I need then?"}
    answered = invoke("reflect", "--prompt", "own-1", "--text", "rest", env=NOW)
    assert answered.exit_code == 0, answered.stderr
    assert entry(1)["prompt"] == {"id": "own-1", "theme": "shame", "text": "What did I need then?"}
    table = invoke("reflect", "prompts")
    assert "values-6" in table.stdout and "own-2" in table.stdout
    bad = invoke("reflect", "add-prompt", "   ")
    assert bad.exit_code == 2 and "a prompt cannot be empty." in bad.stderr


def test_prompt_travels_in_the_json_export(db_path: Path, tmp_path: Path) -> None:
    invoke("reflect", "--prompt", "values-1", "--text", "kindness", env=NOW)
    out = tmp_path / "all.json"
    result = invoke("export", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text())
    entries = data["entries"] if isinstance(data, dict) else data
    assert entries[0]["prompt"]["id"] == "values-1"
