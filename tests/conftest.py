"""Shared fixtures: the schemas, and a factory for one-off packages built inline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_support import browser, site_server

from planpress.load import SchemaSet, load_packages, load_schema_set
from planpress.problems import Problem
from planpress.validate import validate_packages

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal"

__all__ = ["browser", "site_server"]
"""Fixtures of browser_support.py, made here so every browser test module shares one Chromium
(a second sync Playwright started by a second module's copy of the fixture would fail)."""

Compact = tuple[str, int | None, str | None, str]


@pytest.fixture(scope="session")
def schemas() -> SchemaSet:
    return load_schema_set()


@pytest.fixture
def validate(schemas: SchemaSet) -> Callable[[Path], list[Problem]]:
    """Every problem in a data folder, as `planpress validate` would report them."""

    def run(data: Path) -> list[Problem]:
        return validate_packages(load_packages(data), schemas, folder=data.name)

    return run


@pytest.fixture
def compact(validate: Callable[[Path], list[Problem]]) -> Callable[[Path], list[Compact]]:
    """The problems of a data folder as `(path, row, field, code)` tuples, in report order."""

    def run(data: Path) -> list[Compact]:
        return [(p.path, p.row, p.field, p.code) for p in validate(data)]

    return run


@pytest.fixture
def make_package(tmp_path: Path) -> Callable[..., Path]:
    """Copy the minimal package into `tmp_path/data/<name>/`, change what the test says.

    `programmes="..."` (any resource name) replaces that CSV with the given text or bytes;
    `datapackage=` replaces datapackage.json with raw text or bytes; `descriptor_patch`
    updates the parsed descriptor's top-level keys (or is a function that edits it);
    `remove=("targets.csv",)` deletes files. A package not named "minimal" is the city
    "<name> 예시시", so several packages side by side are several cities. Returns the data folder, so a test can call
    it again with another `name` to put several packages side by side.
    """
    data = tmp_path / "data"

    def make(
        name: str = "minimal",
        *,
        descriptor_patch: dict[str, Any] | Callable[[dict[str, Any]], None] | None = None,
        datapackage: str | bytes | None = None,
        remove: tuple[str, ...] = (),
        **files: str | bytes,
    ) -> Path:
        folder = data / name
        shutil.copytree(MINIMAL, folder)
        descriptor_file = folder / "datapackage.json"
        descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
        descriptor["name"] = name
        if name != "minimal":  # one package per local government: each copy is its own city
            descriptor["city"]["name_ko"] = f"{name} 예시시"
        if callable(descriptor_patch):
            descriptor_patch(descriptor)
        elif descriptor_patch:
            descriptor.update(descriptor_patch)
        descriptor_file.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
        if datapackage is not None:
            write(descriptor_file, datapackage)
        for resource, content in files.items():
            write(folder / f"{resource}.csv", content)
        for file in remove:
            (folder / file).unlink()
        return data

    return make


def write(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")


@pytest.fixture(scope="session")
def minimal_csv() -> Callable[[str], str]:
    """The text of one of the minimal package's CSVs, to edit inline."""

    def read(resource: str) -> str:
        return (MINIMAL / f"{resource}.csv").read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once per test session, by the command `make html` runs, into a
    temporary folder (never the developer's output/). Every test that reads the built site —
    pages, downloads, the browser, HTML validity — reads this one."""
    output = tmp_path_factory.mktemp("site") / "output"
    command = [sys.executable, "-m", "planpress", "build", "--output", str(output)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(
            f"planpress build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return output
