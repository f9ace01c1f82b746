"""Tier 1: frictionless's errors translated into our problems, for codes no shipped schema
can produce from data alone (so no fixture package can trigger them)."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
from frictionless import errors

from planpress.load import load_package
from planpress.records import read_table
from planpress.tabular import check_table_bytes, translate_error

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"


def with_targets(text: str):
    raw = load_package(MINIMAL)
    resources = tuple(
        dataclasses.replace(r, data=text.encode()) if r.name == "targets" else r
        for r in raw.resources
    )
    return dataclasses.replace(raw, resources=resources)


def test_check_tables_translates_a_unique_constraint_into_unique_error(schemas):
    tables = copy.deepcopy(schemas.tables)
    indicator = next(f for f in tables["targets"]["fields"] if f["name"] == "indicator_ko")
    indicator["constraints"]["unique"] = True
    header = (MINIMAL / "targets.csv").read_text(encoding="utf-8").splitlines()[0]
    raw = with_targets(
        f"{header}\n"
        "ghg,example-plan,,,온실가스 감축,2500000,t,2025,,example-article,\n"
        "ghg-2,example-plan,,,온실가스 감축,100,t,2030,,example-article,\n"
    )
    [problem] = check_table_bytes(raw, tables)
    assert (problem.path, problem.row, problem.field, problem.code) == (
        "minimal/targets.csv",
        3,
        "indicator_ko",
        "unique-error",
    )
    assert problem.message() == '"온실가스 감축"이 이 열에서 이미 나왔습니다'


def test_translate_error_keeps_an_unexpected_frictionless_error_as_table_error(schemas):
    error = errors.RowConstraintError(note="", cells=["a"], row_number=2)
    problem = translate_error(
        "minimal/targets.csv", schemas.tables["targets"], read_table(b"a\n1\n"), error
    )
    assert (problem.row, problem.code) == (2, "table-error")
    assert problem.message("en") == "the table check found a problem (row-constraint)"


FAST_PATH_FOLDERS = [
    *sorted((Path(__file__).parent / "fixtures/invalid").iterdir()),
    Path(__file__).parents[1] / "datapackage",
]


@pytest.mark.slow  # a differential run over every fixture and the real data
@pytest.mark.parametrize("folder", FAST_PATH_FOLDERS, ids=lambda f: f.name)
def test_foreign_keys_looked_up_as_sets_report_what_frictionless_does(folder):
    """The fast path (references as set lookups, frictionless without foreignKeys) gives
    exactly the problems of the full frictionless check, on every fixture and the real data."""
    from planpress.load import load_packages, load_schema_set

    schemas = load_schema_set()
    for raw in load_packages(folder):
        if raw.descriptor is None:
            continue
        fast = list(check_table_bytes(raw, schemas.tables, fast_references=True))
        full = list(check_table_bytes(raw, schemas.tables, fast_references=False))
        assert fast == full


def test_references_resolve_on_valid_data_and_not_on_a_broken_reference():
    from planpress.load import load_packages, load_schema_set
    from planpress.tabular import references_resolve

    schemas = load_schema_set()
    fixtures = Path(__file__).parent / "fixtures"
    for folder, expected in ((fixtures / "valid", True), (fixtures / "invalid/foreign-key", False)):
        for raw in load_packages(folder):
            parsed = {r.name: r.table for r in raw.resources if r.name in schemas.tables}
            tables = {name: schemas.tables[name] for name in parsed}
            assert references_resolve(parsed, tables) is expected
