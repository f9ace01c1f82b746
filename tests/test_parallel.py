"""Validating on several processes reports exactly what validating one after another does."""

from __future__ import annotations

from pathlib import Path

import pytest

from planpress.load import load_packages, load_schema_set
from planpress.validate import validate_each, validate_packages

pytestmark = pytest.mark.slow  # every fixture validated twice, on two processes

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [*sorted((ROOT / "tests/fixtures/invalid").iterdir()), ROOT / "datapackage"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_parallel_validation_reports_what_serial_does(folder):
    schemas = load_schema_set()
    raws = load_packages(folder)
    serial = validate_packages(raws, schemas, workers=1)
    assert validate_packages(raws, schemas, workers=2) == serial


def test_every_fixture_package_on_two_processes_gives_its_serial_problems_in_order():
    schemas = load_schema_set()
    raws = [raw for folder in FOLDERS for raw in load_packages(folder)]
    assert len(raws) > 2
    assert validate_each(raws, schemas, workers=2) == validate_each(raws, schemas, workers=1)
