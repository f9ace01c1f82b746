"""The Makefile targets an operator types, run for real on throw-away folders."""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def needs_make() -> None:
    """A missing tool fails the tests with the fix, never skips them."""
    assert shutil.which("make"), "make is missing: apt-get install make"


def make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(cwd), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def left(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_clean_removes_the_build_and_its_cache_but_keeps_the_browser_tools(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    for name in (
        "output/index.html",
        ".output-k2j4h1/index.html",  # staging folder of an interrupted build
        ".output-old/index.html",
        ".output.lock",  # left by a killed build
        ".cache/planpress/0a1b.json",
        ".cache/node/node_modules/axe-core/axe.min.js",
        ".venv/bin/python",
        "datapackage/paju/plans.csv",
        ".outputs-are-mine.txt",
    ):
        touch(project / name)
    result = make("clean", cwd=project)
    assert result.returncode == 0, result.stderr
    assert left(project) == [
        ".cache/node/node_modules/axe-core/axe.min.js",
        ".outputs-are-mine.txt",
        ".venv/bin/python",
        "Makefile",
        "datapackage/paju/plans.csv",
    ]


def test_clean_follows_outputdir_and_its_staging_folders(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    site = tmp_path / "elsewhere"
    for name in (
        "site/index.html",
        ".site-abc/index.html",
        ".site-old/x",
        ".site.lock",
        "keep.txt",
    ):
        touch(site / name)
    touch(project / ".cache" / "node" / "keep.js")
    result = make("clean", f"OUTPUTDIR={site}/site/", cwd=project)
    assert result.returncode == 0, result.stderr
    assert left(site) == ["keep.txt"]
    assert left(project) == [".cache/node/keep.js", "Makefile"]


def fake_venv(folder: Path) -> Path:
    """A venv that make sees as installed, whose python is the one running the tests."""
    python = folder / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    (folder / ".installed").touch()  # newer than pyproject.toml, so make installs nothing
    return folder


@pytest.mark.parametrize("siteurl", [None, "", "example.org/plans"])
def test_publish_without_a_usable_siteurl_fails_and_leaves_output_alone(
    tmp_path, monkeypatch, siteurl
):
    monkeypatch.delenv("SITEURL", raising=False)
    venv = fake_venv(tmp_path / "venv")
    output = touch(tmp_path / "output" / "index.html").parent
    args = ["publish", f"VENV={venv}", f"OUTPUTDIR={output}"]
    if siteurl is not None:
        args.append(f"SITEURL={siteurl}")
    result = make(*args)
    assert result.returncode != 0
    assert "planpress: 공개 주소(SITEURL)" in result.stderr
    assert "make publish SITEURL=https://example.org/plans" in result.stderr
    assert "Traceback" not in result.stderr
    assert left(tmp_path / "output") == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "venv"]


def test_devserver_runs_planpress_devserver_on_the_port_given(tmp_path):
    venv = fake_venv(tmp_path / "venv")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = make("devserver", f"VENV={venv}", f"OUTPUTDIR={tmp_path}/output", f"PORT={port}")
    assert result.returncode != 0
    assert f"planpress: 127.0.0.1:{port} 포트를 열 수 없습니다(" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["venv"]
