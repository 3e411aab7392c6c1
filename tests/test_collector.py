"""Bulk commands pause Python's cyclic garbage collector, and always turn it back on.

The pause is only for speed (see workjournal.collector), so what matters is that it covers the
bulk work of import and export, and that no path, a refused file included, leaves the rest of
the process without its collector.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke
from workjournal import importers
from workjournal.collector import paused
from workjournal.exporters import markdown
from workjournal.store.transfer import TransferStore


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_paused_turns_the_collector_off_inside_and_back_on_after() -> None:
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_turns_it_back_on_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError), paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_paused_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_paused_blocks_nest() -> None:
    with paused():
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def _recording(seen: list[bool], original: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    return wrapper


def _export_file(tmp_path: Path) -> Path:
    assert invoke("add", "a hard meeting", "-m", "3", "-t", "work").exit_code == 0
    path = tmp_path / "export.json"
    assert invoke("export", "--format", "json", "--out", str(path)).exit_code == 0
    return path


def test_import_reads_and_writes_with_the_collector_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _export_file(tmp_path)
    loaded: list[bool] = []
    written: list[bool] = []
    monkeypatch.setattr(importers, "load", _recording(loaded, importers.load))
    monkeypatch.setattr(
        TransferStore, "import_batch", _recording(written, TransferStore.import_batch)
    )
    target = tmp_path / "other.db"
    result = invoke("--db", str(target), "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert (loaded, written) == ([False], [False])
    assert gc.isenabled()


def test_a_refused_import_turns_the_collector_back_on(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"format": "workjournal", "version": 2, "entries": [{}]}))
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert gc.isenabled()


def test_export_writes_with_the_collector_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _export_file(tmp_path)
    seen: list[bool] = []
    monkeypatch.setattr(markdown, "write_markdown", _recording(seen, markdown.write_markdown))
    result = invoke("export", "--format", "md", "--all")
    assert result.exit_code == 0, result.stderr
    assert "a hard meeting" in result.stdout
    assert seen == [False]
    assert gc.isenabled()
