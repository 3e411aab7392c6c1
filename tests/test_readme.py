"""The README and the reference pages under docs/: every relative link resolves to a file in
the repository, the README leads with its picture, and the picture's script still works."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
# written by other parts of the project; the README links to them already
LINKED_ELSEWHERE = {"docs/architecture.md"}


def relative_links(text: str) -> list[str]:
    return [
        target.split("#", 1)[0]
        for target in LINK.findall(text)
        if not re.match(r"[a-z]+:", target) and not target.startswith("#")
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_relative_links_resolve_to_files_in_the_repository(page: object) -> None:
    from pathlib import Path

    assert isinstance(page, Path)
    links = relative_links(page.read_text(encoding="utf-8"))
    missing = [
        link
        for link in links
        if not (page.parent / link).resolve().exists()
        and (page.parent / link).resolve().relative_to(ROOT).as_posix() not in LINKED_ELSEWHERE
    ]
    assert missing == []


def test_the_readme_leads_with_the_picture_then_install_then_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    order = [
        "![journal week",
        "## Install",
        "pipx install .",
        "uv tool install .",
        "externally-managed-environment",
        "## Quick start",
        "## Every day",
        "## Reference",
    ]
    positions = [readme.index(marker) for marker in order]
    assert positions == sorted(positions)
    for page in ("commands", "json-format", "privacy", "benchmarks", "architecture"):
        assert f"(docs/{page}.md)" in readme
    quick = readme[readme.index("## Quick start") : readme.index("## Every day")]
    assert len(re.findall(r"```sh\n", quick)) == 2, "the Quick start is exactly two commands"
    assert (ROOT / "docs" / "journal-week.svg").read_text().startswith("<svg")


@pytest.mark.slow
def test_the_picture_script_draws_the_demo_week(tmp_path: object) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import readme_image
    finally:
        sys.path.pop(0)
    svg = readme_image.render_svg(readme_image.week_output())
    assert svg.startswith("<svg")
    assert "Your&#160;week" in svg or "Your week" in svg
    # the committed picture was made by this script (it may lag a change to `journal week`:
    # run `python scripts/readme_image.py` to bring it up to date)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_image.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
