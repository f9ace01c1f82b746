"""The project installs cleanly: no setuptools warnings, and the schemas travel as package data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_builds_without_warnings_and_carries_the_schemas(tmp_path: Path) -> None:
    project = tmp_path / "project"  # a copy, so the build leaves no build/ in the work tree
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "plugins",
        project / "plugins",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", "dist", "."],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "planpress.schemas" not in result.stdout + result.stderr
    assert "BuildBackendWarning" not in result.stdout + result.stderr
    [wheel] = (project / "dist").glob("planpress-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    schemas = sorted(p.name for p in (ROOT / "plugins" / "planpress" / "schemas").iterdir())
    assert "themes.csv" in schemas
    assert [s for s in schemas if f"planpress/schemas/{s}" not in names] == []
