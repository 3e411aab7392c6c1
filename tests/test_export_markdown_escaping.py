"""Issue 11 item 6: text from the journal never goes out as live HTML, links or images in any
Markdown the program writes (the export, `week --format md`, `prep --format md`), so opening
the file in a previewer fetches nothing and runs nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import invoke
from journal_records import seed_other_records
from workjournal.exporters.markdown import escape

NOW = {"WORKJOURNAL_NOW": "2026-11-20T21:30:00+00:00"}
CRAFTED = (
    '<img src="http://tracker.example/pixel.png">',
    "![x](http://tracker.example/image.png)",
    "<script>alert(1)</script>",
    "[click](http://evil.example/) and <http://evil.example/auto>",
    "[ref]: http://evil.example/ref.png",
    "\\<img src=http://tracker.example/escaped.png>",
)


def rendered(markdown: str) -> str:
    """The Markdown as a previewer shows it, raw HTML allowed (as GitHub and many do)."""
    markdown_it = pytest.importorskip("markdown_it")
    return str(
        markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    )


def assert_inert(html: str) -> None:
    tags = re.findall(r"<([a-zA-Z][^>]*)>", html)  # real tags only: escaped text is &lt;...
    assert tags, "the previewer rendered nothing"
    names = {tag.split()[0].lower() for tag in tags}
    assert names.isdisjoint({"img", "script", "a", "iframe", "link", "object"}), names
    assert [tag for tag in tags if re.search(r"(?:src|href)\s*=", tag, re.I)] == []


@pytest.mark.parametrize("text", CRAFTED)
def test_escape_makes_each_crafted_text_inert_and_shows_it_as_typed(text: str) -> None:
    html = rendered(f"> {escape(text)}\n")
    assert_inert(html)
    assert any(word in html for word in ("tracker.example", "evil.example", "alert(1)"))


def test_escape_leaves_ordinary_text_alone() -> None:
    assert escape("A good day! 3 > 2, tom & jerry, *not* `code`") == (
        "A good day! 3 > 2, tom & jerry, *not* `code`"
    )


@pytest.fixture
def crafted(db_path: Path) -> Path:
    seed_other_records(db_path)
    for i, text in enumerate(CRAFTED):
        result = invoke(
            "add",
            text,
            "-m",
            "4",
            "-t",
            "work",
            "--discuss",
            "--at",
            f"2026-11-1{i} 09:00",
            env=NOW,
        )
        assert result.exit_code == 0, result.stderr
    result = invoke("add", "labels", "-t", "<img src=x>", "--at", "2026-11-19 10:00", env=NOW)
    assert result.exit_code != 0 or "<img" not in result.stdout  # labels are names; either way
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "md", "--all"),
        ("export", "--format", "md", "--all", "--sections", "entries,discuss"),
        ("week", "--format", "md", "--date", "2026-11-16"),
        ("prep", "--format", "md", "--since", "2026-11-01"),
    ],
)
def test_markdown_outputs_carry_crafted_entries_inert(crafted: Path, args: tuple[str, ...]) -> None:
    result = invoke(*args, env=NOW)
    assert result.exit_code == 0, result.stderr
    html = rendered(result.stdout)
    assert_inert(html)
    if args[0] == "export":
        for raw in ("<script>", "<img src=", "](http://"):
            assert raw not in result.stdout.replace("\\<", "").replace("\\]", "")
        assert "alert(1)" in html  # the words are kept, shown as text
