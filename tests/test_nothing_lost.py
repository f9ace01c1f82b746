"""Nothing lost: whatever the validator accepts is published with the same value.

The validator (frictionless plus planpress's rules) and the publisher (records.py → model
→ downloads) read every cell with one grammar. These differential property tests feed both
the same generated cells and packages and compare: a cell either gets a problem, or it
reaches the published JSON exactly — never silently null, never another number.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planpress.downloads import plan_downloads
from planpress.load import RESOURCE_NAMES, RawPackage, load_package, load_schema_set
from planpress.model import build_site
from planpress.records import read_table
from planpress.validate import validate_packages

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"
SCHEMAS = load_schema_set()
pytestmark = pytest.mark.property


def fast(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def with_resource(raw: RawPackage, name: str, data: bytes) -> RawPackage:
    resources = tuple(
        dataclasses.replace(r, data=data) if r.name == name else r for r in raw.resources
    )
    fresh = dataclasses.replace(raw, resources=resources)
    return fresh


def published_rows(raw: RawPackage, name: str) -> list[dict[str, Any]]:
    """What a reader downloads: the city's `<name>.json`, parsed."""
    site = build_site([raw], SCHEMAS)
    files = {d.path: d.data for d in plan_downloads(site)}
    return json.loads(files[f"{raw.folder}/{name}.json"])


def expected_json(field: dict[str, Any], text: str, frictionless_value: Any) -> Any:
    """The JSON value a cell must be published as: frictionless's reading of it."""
    if text == "":
        return None
    if isinstance(frictionless_value, dt.date):
        return frictionless_value.isoformat()
    if field["type"] == "number" and float(frictionless_value).is_integer():
        return int(frictionless_value)
    if field["type"] == "number":
        return float(frictionless_value)
    return frictionless_value


# Cells for typed columns: plain ones, and the spellings frictionless reads but one grammar
# must refuse (or publish identically).
NUMBERISH = st.one_of(
    st.integers(min_value=-5, max_value=10**16).map(str),
    st.sampled_from(
        [
            " 20000000000 ",
            "+20000000000",
            "20_000_000_000",
            "２０２１",
            "٣",
            "\t5",
            "5\t",
            "1e3",
            "1E+10",
            "2.00E+10",
            "0x10",
            "0010",
            "-0",
            "1.0",
            "1.50",
            ".5",
            "5.",
            "NaN",
            "Infinity",
            "-Infinity",
            "1,000",
            "TRUE",
            "True",
            "1",
            "0",
            "yes",
            "2021-3-16",
            "2021-W11-2",
            "20210316",
            "2021-02-30",
            "2021-03-16",
            "2021",
            "۲۰۲۱",
            "99999",
        ]
    ),
    st.text(alphabet="0123456789+-_.eE ,\t０１２", max_size=8),
)
TYPED_COLUMNS = [
    (name, field["name"])
    for name in RESOURCE_NAMES
    for field in SCHEMAS.tables[name]["fields"]
    if field["type"] in ("integer", "number", "year", "date", "boolean")
]


@fast(300)
@given(column=st.sampled_from(TYPED_COLUMNS), text=NUMBERISH)
def test_a_typed_cell_the_validator_accepts_is_published_with_the_same_value(column, text):
    from frictionless import Schema

    name, column_name = column
    raw = load_package(MINIMAL)
    resource = raw.resource(name)
    table = read_table(resource.data)
    header = list(table.header)
    rows = [[cells.get(h, "") for h in header] for _, cells in table.rows]
    rows[0][header.index(column_name)] = text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    candidate = with_resource(raw, name, buffer.getvalue().encode())
    problems = validate_packages([candidate], SCHEMAS)
    if any(p.row == 2 and p.field == column_name for p in problems):
        return  # refused, with a problem on that very cell: nothing is published
    if problems:
        return  # the change broke another rule (a total, a share): nothing is published
    field = next(f for f in SCHEMAS.tables[name]["fields"] if f["name"] == column_name)
    value, notes = (
        Schema.from_descriptor({"fields": [field]}).get_field(column_name).read_cell(text)
    )
    assert not notes, (text, notes)  # frictionless accepted it too
    published = published_rows(candidate, name)[0][column_name]
    assert published == expected_json(field, text, value), (text, published, value)
    assert type(published) is type(expected_json(field, text, value))


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)


@st.composite
def packages(draw) -> RawPackage:
    """The minimal package with random text in free-text cells and random typed values."""
    raw = load_package(MINIMAL)
    for name in ("plans", "programmes", "targets", "sources", "pillars"):
        resource = raw.resource(name)
        table = read_table(resource.data)
        header = list(table.header)
        fields = {f["name"]: f for f in SCHEMAS.tables[name]["fields"]}
        rows = [[cells.get(h, "") for h in header] for _, cells in table.rows]
        for row in rows:
            for index, column in enumerate(header):
                field = fields[column]
                if field["type"] == "string" and not field.get("constraints", {}).get("pattern"):
                    if draw(st.booleans()):
                        row[index] = draw(TEXT)
                elif field["type"] in ("integer", "number") and draw(st.integers(0, 3)) == 0:
                    row[index] = draw(NUMBERISH)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
        raw = with_resource(raw, name, buffer.getvalue().encode("utf-8", "surrogatepass"))
    return raw


@fast(80)
@given(raw=packages())
def test_every_cell_of_a_package_that_validates_reaches_the_published_json(raw):
    if validate_packages([raw], SCHEMAS):
        return
    for name in RESOURCE_NAMES:
        table = read_table(raw.resource(name).data)
        published = published_rows(raw, name)
        assert len(published) == len(table.rows), name
        fields = {f["name"]: f for f in SCHEMAS.tables[name]["fields"]}
        for (_, cells), record in zip(table.rows, published, strict=True):
            for column, text in cells.items():
                value = record[column]
                if text == "":
                    assert value is None, (name, column)
                elif fields[column]["type"] == "string":
                    assert value == text, (name, column, text, value)
                else:
                    assert value is not None, (name, column, text)
                    assert str(value).lower() == text.lower() or float(value) == float(text)


@fast(60)
@given(data=st.binary(max_size=600), name=st.sampled_from(RESOURCE_NAMES))
def test_random_bytes_either_fail_validation_or_publish_every_row(data, name):
    raw = with_resource(load_package(MINIMAL), name, data)
    if validate_packages([raw], SCHEMAS):
        return
    assert len(published_rows(raw, name)) == len(read_table(data).rows)


@pytest.mark.slow
@fast(8)
@given(raw=packages())
def test_a_package_that_validates_is_written_by_the_real_build_with_every_cell(raw):
    """The same, through the generator and Pelican's Writer onto disk: the files a reader
    downloads from the built site hold every accepted cell with its value."""
    import tempfile

    from test_site import run_generator

    if validate_packages([raw], SCHEMAS):
        return
    with tempfile.TemporaryDirectory() as root:
        data, output = Path(root) / "data", Path(root) / "out"
        folder = data / raw.folder
        folder.mkdir(parents=True)
        for path in MINIMAL.iterdir():
            (folder / path.name).write_bytes(path.read_bytes())
        for resource in raw.resources:
            (folder / resource.path).write_bytes(resource.data)
        run_generator(data, output)
        for name in RESOURCE_NAMES:
            written = json.loads((output / "data" / raw.folder / f"{name}.json").read_bytes())
            assert written == published_rows(raw, name), name
            csv_bytes = (output / "data" / raw.folder / f"{name}.csv").read_bytes()
            assert csv_bytes == raw.resource(name).data, name
