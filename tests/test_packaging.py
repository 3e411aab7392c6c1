"""The sdist and wheel a release would upload: built offline from this tree (``python -m build
--no-isolation``, with hatchling from the test extra), checked file by file and with
``twine check --strict``, and the wheel installed into a fresh virtual environment to run both
console scripts."""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from helpers import NONET, ROOT
from workjournal import __version__

pytestmark = pytest.mark.slow

PACKAGE = ROOT / "src" / "workjournal"
SCRIPTS = ("journal", "workjournal")
SUPPORTED = ("3.11", "3.12", "3.13")


def _need(module: str) -> None:
    """The build tools come with `pip install -e '.[test]'`; CI must have them."""
    try:
        __import__(module)
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"{module} is not installed: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("build", "hatchling", "twine"):
        _need(module)
    out = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel built from that sdist: a file missing from the sdist is then
    # missing from the wheel too, and this test sees it.
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def _one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def package_data_files() -> set[str]:
    """Every file the package needs at run time that is not Python: templates, data, fonts..."""
    return {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in {".py", ".pyc"}
        and not {"__pycache__", ".ruff_cache"} & set(path.parts)
        and path.name != "ruff.toml"  # lint settings, not package data
    }


def test_the_wheel_holds_the_package_its_data_and_licence_and_nothing_else(dist: Path) -> None:
    wheel = _one(dist, f"workjournal-{__version__}-py3-none-any.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    info = f"workjournal-{__version__}.dist-info"

    data = package_data_files()
    assert "workjournal/templates/report.html.j2" in data
    assert "workjournal/data/crisis_resources.json" in data
    assert data <= names, data - names
    modules = {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert modules <= names, modules - names
    assert f"{info}/licenses/LICENSE" in names

    top = {name.split("/", 1)[0] for name in names}
    assert top == {"workjournal", info}, top
    assert not [name for name in names if "/tests/" in name or "/bench/" in name]
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_wheel_declares_both_console_scripts_and_honest_metadata(dist: Path) -> None:
    wheel = _one(dist, "*.whl")
    info = f"workjournal-{__version__}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        metadata = email.parser.Parser().parsestr(archive.read(f"{info}/METADATA").decode())
    for script in SCRIPTS:
        assert f"{script} = workjournal.entry:main" in entry_points

    assert metadata["Name"] == "workjournal"
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["Description-Content-Type"] == "text/markdown"
    classifiers = metadata.get_all("Classifier")
    for version in SUPPORTED:
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert any(c.startswith("Operating System :: ") for c in classifiers)
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    assert "journal" in (metadata["Keywords"] or "")
    requires = metadata.get_all("Requires-Dist")
    assert "rich>=13.8" in requires  # typer 0.26-0.28 need it; a lower bound cannot install


def test_the_sdist_holds_what_a_rebuild_and_the_tests_need(dist: Path) -> None:
    sdist = _one(dist, f"workjournal-{__version__}.tar.gz")
    prefix = f"workjournal-{__version__}/"
    with tarfile.open(sdist) as archive:
        names = {name.removeprefix(prefix) for name in archive.getnames()}
    for needed in ("pyproject.toml", "README.md", "LICENSE", "tests/conftest.py"):
        assert needed in names
    data = {f"src/{name}" for name in package_data_files()}
    assert data <= names, data - names
    assert not [name for name in names if "__pycache__" in name or name.startswith(".git/")]


def test_twine_check_strict_passes(dist: Path) -> None:
    files = [str(path) for path in sorted(dist.iterdir())]
    proc = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2, proc.stdout


def test_both_commands_run_from_the_installed_wheel(dist: Path, tmp_path: Path) -> None:
    # The wheel is installed into a fresh venv; its dependencies come from this interpreter's
    # site-packages, added by a .pth file (offline, and quick). Paths a .pth adds have their own
    # .pth files ignored, so an editable install of workjournal there cannot leak in.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = [p for p in sys.path if p.endswith("-packages") and Path(p).is_dir()]
    (Path(purelib) / "dependencies.pth").write_text("\n".join(ours) + "\n")
    wheel = _one(dist, "*.whl")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    env = {**os.environ, "PYTHONPATH": str(NONET)}
    where = subprocess.run(
        [str(python), "-c", "import workjournal; print(workjournal.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(env_dir), where.stdout

    for script in SCRIPTS:
        program = env_dir / "bin" / script
        version = subprocess.run(
            [str(program), "--version"], capture_output=True, text=True, env=env, check=False
        )
        assert (version.returncode, version.stdout) == (0, f"workjournal {__version__}\n"), (
            version.stderr
        )
        helped = subprocess.run(
            [str(program), "--help"], capture_output=True, text=True, env=env, check=False
        )
        assert helped.returncode == 0, helped.stderr
        assert helped.stdout.startswith(f"Usage: {script} [OPTIONS] COMMAND"), helped.stdout
        shown = subprocess.run(
            [str(program), "--show-completion", "zsh"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.lstrip().startswith(f"#compdef {script}\n"), shown.stdout
        # the template and the data files load from the installed package, not from this tree
        db = str(tmp_path / f"{script}.db")
        for args in (["add", "From the wheel", "-m", "6"], ["help-now"]):
            ran = subprocess.run(
                [str(program), "--db", db, *args],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            assert ran.returncode == 0, ran.stderr
        html = subprocess.run(
            [str(program), "--db", db, "export", "--format", "html"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert html.returncode == 0, html.stderr
        assert html.stdout.startswith("<!DOCTYPE html>")
        assert "From the wheel" in html.stdout
