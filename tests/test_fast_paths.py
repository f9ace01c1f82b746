"""The validator's shortcuts give exactly the answers of the long way.

`tabular.rows_certainly_valid` lets a package skip frictionless when frictionless's own cell
readers accept every cell and the keys hold; here one cell of a generated valid package is
replaced by anything at all, and the report with the shortcut is compared with frictionless's
full check. `downloads.records_json` writes what `json.dumps` would. `check_invisible` returns early for printable text: no invisible character is
printable in Python, over every code point.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planpress.downloads import json_default, records_json, to_json_bytes
from planpress.load import load_packages, load_schema_set
from planpress.tabular import check_table_bytes, rows_certainly_valid
from planpress.validate import INVISIBLE_CATEGORIES

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_national

SCHEMAS = load_schema_set()
TRICKY = [
    "",
    " ",
    "  ",
    "0",
    "-0",
    "1",
    "-1",
    "+1",
    "01",
    " 1",
    "1.5",
    "1e3",
    "１",
    "1_000",
    "2021",
    "21",
    "2021-02-30",
    "2021-3-5",
    "2021-03-16",
    "0000-01-01",
    "true",
    "false",
    "TRUE",
    "yes",
    "abc",
    "a-b",
    "A",
    "a--b",
    "-a",
    "http://example.org/a",
    "https://a b",
    "ftp://x",
    "jobs",
    "%",
    "budget_krw",
    "budget_krw;jobs",
    "1000000000000001",
    "99999999",
    "한글",
]


def test_no_invisible_character_is_printable():
    invisible_printable = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in INVISIBLE_CATEGORIES and chr(code).isprintable()
    ]
    assert invisible_printable == []


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    write_national(folder, 2, 6, seed=3)
    return folder


def test_generated_valid_packages_take_the_shortcut(national):
    for raw in load_packages(national):
        parsed = {r.name: r.table for r in raw.resources if r.name in SCHEMAS.tables}
        assert rows_certainly_valid(parsed, {name: SCHEMAS.tables[name] for name in parsed})


def replace_cell(data: bytes, row: int, column: int, text: str | None) -> bytes:
    """One cell replaced by `text`, or (None) by the cell above it: a repeated key, a reference
    to another row."""
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    row = 1 + row % (len(records) - 1)
    column = column % len(records[row])
    records[row][column] = records[max(1, row - 1)][column] if text is None else text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue().encode()


@pytest.mark.property
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=st.data(),
    text=st.one_of(st.none(), st.sampled_from(TRICKY), st.text(max_size=6)),
)
def test_one_changed_cell_is_reported_with_the_shortcut_as_frictionless_reports_it(
    national, data, text
):
    folder = sorted(p for p in national.iterdir() if p.is_dir())[0]
    names = sorted(p.name for p in folder.glob("*.csv"))
    name = data.draw(st.sampled_from(names))
    row, column = data.draw(st.integers(0, 50)), data.draw(st.integers(0, 30))
    original = (folder / name).read_bytes()
    try:
        (folder / name).write_bytes(replace_cell(original, row, column, text))
        [raw] = [r for r in load_packages(national) if r.folder == folder.name]
        fast = list(check_table_bytes(raw, SCHEMAS.tables, fast_references=True))
        full = list(check_table_bytes(raw, SCHEMAS.tables, fast_references=False))
        assert fast == full
    finally:
        (folder / name).write_bytes(original)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.dates(),
)


@pytest.mark.property
@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=8), SCALARS, max_size=6), max_size=5))
def test_records_are_written_as_json_dumps_writes_them(records):
    try:
        expected = json.dumps(
            records,
            ensure_ascii=False,
            sort_keys=True,
            indent=2,
            default=json_default,
            allow_nan=False,
        )
    except ValueError:
        with pytest.raises(ValueError):
            to_json_bytes(records)
        return
    assert to_json_bytes(records) == (expected + "\n").encode()
    assert records_json(records) in (None, (expected + "\n").encode())
