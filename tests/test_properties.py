"""Tier 1, property-based: whatever a contributor commits, validation answers with problems,
never an exception; and Korean amounts read back exactly as they were written."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planpress.amounts import format_krw, parse_korean_amount
from planpress.load import RESOURCE_NAMES, load_package, load_packages, load_schema_set
from planpress.problems import CODES, Problem
from planpress.report import format_github, format_json, format_text
from planpress.validate import validate_packages

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"
SCHEMAS = load_schema_set()  # read-only; a module constant keeps hypothesis off fixtures

pytestmark = pytest.mark.property  # Hypothesis: many generated inputs, run by `make test`


def fast(examples: int) -> settings:
    """Few examples and no deadline: each one runs frictionless, which takes ~0.1 s."""
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def assert_is_a_report(problems: object, folder: str = "minimal") -> None:
    """A sorted list of documented problems about this package, each renderable."""
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) for p in problems)
    for problem in problems:
        assert problem.code in CODES
        assert problem.path.startswith(f"{folder}/")
        assert problem.row is None or problem.row >= 1
    for lang in ("ko", "en"):
        format_text(problems, 1, lang)
        format_github(problems, "datapackage", lang)
        json.loads(format_json(problems, 1, lang))


def validate_with(resource: str, data: bytes) -> list[Problem]:
    """The minimal package with one resource's bytes replaced, validated in memory."""
    raw = load_package(MINIMAL)
    resources = tuple(
        dataclasses.replace(r, data=data) if r.name == resource else r for r in raw.resources
    )
    return validate_packages([dataclasses.replace(raw, resources=resources)], SCHEMAS)


def validate_descriptor(descriptor: bytes) -> list[Problem]:
    """The minimal package's CSVs under the given datapackage.json, loaded from disk."""
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "minimal"
        shutil.copytree(MINIMAL, folder)
        (folder / "datapackage.json").write_bytes(descriptor)
        return validate_packages(load_packages(Path(root)), SCHEMAS)


# -- CSVs ----------------------------------------------------------------------------------


@fast(40)
@given(resource=st.sampled_from(RESOURCE_NAMES), data=st.binary(max_size=400))
def test_any_bytes_as_a_csv_give_problems_not_an_exception(resource, data):
    assert_is_a_report(validate_with(resource, data))


CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "example-plan",
            "example-article",
            "digital",
            "digital;green",
            "true",
            "false",
            "2021",
            "2021-03-16",
            "106600000000",
            "1,066억",
            "-1",
            "0",
            "1e999999",
            "NaN",
            "=SUM(A1)",
            "@x",
            "한글",
            "\u1112\u1161\u11ab",  # 한, decomposed
            '"',
            ",",
            "\n",
            "\ufeff",
            "\x00",
        ]
    ),
    st.text(max_size=12),
)


@st.composite
def csv_texts(draw) -> str:
    """A CSV of random cells, under the resource's real header or a random one."""
    resource = draw(st.sampled_from(RESOURCE_NAMES))
    real = [f["name"] for f in SCHEMAS.tables[resource]["fields"]]
    header = draw(st.one_of(st.just(real), st.lists(CELLS, max_size=len(real) + 2)))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(real) + 2), max_size=5))
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return resource, buffer.getvalue()


@fast(40)
@given(case=csv_texts())
def test_any_csv_of_random_cells_gives_problems_not_an_exception(case):
    resource, text = case
    assert_is_a_report(validate_with(resource, text.encode("utf-8", "surrogatepass")))


# -- descriptors ---------------------------------------------------------------------------


@fast(60)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_datapackage_json_give_problems_not_an_exception(data):
    assert_is_a_report(validate_descriptor(data))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@fast(80)
@given(descriptor=JSON)
def test_any_json_value_as_descriptor_gives_problems_not_an_exception(descriptor):
    text = json.dumps(descriptor, ensure_ascii=False)
    assert_is_a_report(validate_descriptor(text.encode("utf-8", "surrogatepass")))


PATHS = st.one_of(
    st.sampled_from(
        [f"{name}.csv" for name in RESOURCE_NAMES]
        + ["../plans.csv", "/etc/passwd", "https://x/y.csv", "C:\\x.csv", "", ".", "..", "a/b.csv"]
    ),
    st.text(max_size=20),
    JSON,
)


@st.composite
def descriptors(draw) -> dict:
    """The minimal descriptor with its resources, and a few top-level keys, scrambled."""
    descriptor = json.loads((MINIMAL / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.one_of(st.sampled_from(RESOURCE_NAMES), JSON),
                    "path": PATHS,
                },
                optional={"schema": JSON, "encoding": JSON},
            ),
            max_size=7,
        )
    )
    for key in draw(st.lists(st.sampled_from(sorted(descriptor)), max_size=3)):
        descriptor[key] = draw(JSON)
    return descriptor


@fast(40)
@given(descriptor=descriptors())
def test_any_scrambled_resource_list_gives_problems_not_an_exception(descriptor):
    text = json.dumps(descriptor, ensure_ascii=False)
    assert_is_a_report(validate_descriptor(text.encode("utf-8", "surrogatepass")))


# -- amounts -------------------------------------------------------------------------------


@fast(100)
@given(won=st.integers(min_value=0))
def test_korean_amount_reads_back_exactly_what_format_krw_wrote(won):
    assert parse_korean_amount(format_krw(won)) == won


@fast(100)
@given(won=st.integers(min_value=0, max_value=10**20))
def test_korean_amount_reads_back_budget_sized_amounts_without_the_won(won):
    assert parse_korean_amount(format_krw(won).removesuffix("원").strip()) == won


@fast(100)
@given(text=st.text(alphabet="0123456789,.천백십경조억만원 약KRWwon", max_size=20) | st.text())
def test_parse_korean_amount_never_raises_and_never_goes_negative(text):
    won = parse_korean_amount(text)
    assert won is None or (isinstance(won, int) and won >= 0)
