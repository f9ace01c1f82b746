"""Tier 1: every download's bytes, built in memory from small packages."""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from frictionless import validate as frictionless_validate

from planpress.downloads import (
    ZIP_TIME,
    combine_csv,
    combine_schema,
    plan_downloads,
    publish_descriptor,
    zip_files,
)
from planpress.load import RESOURCE_NAMES, SchemaSet, load_package, load_packages
from planpress.model import Site, build_site
from planpress.records import read_table

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"
PLAN = "example-plan"


@pytest.fixture(scope="module")
def site(schemas: SchemaSet) -> Site:
    return build_site([load_package(MINIMAL)], schemas)


@pytest.fixture(scope="module")
def downloads(site: Site) -> dict[str, bytes]:
    return {d.path: d.data for d in plan_downloads(site)}


def with_plan_id(minimal_csv: Callable[[str], str], plan_id: str) -> dict[str, str]:
    """Every CSV of the minimal package with its plan renamed: plan IDs are unique site-wide."""
    return {
        name: minimal_csv(name).replace(PLAN, plan_id)
        for name in ("plans", "pillars", "programmes", "targets")
    }


# -- the list of files ----------------------------------------------------------------


def test_plan_downloads_lists_every_expected_file_once(site):
    paths = [d.path for d in plan_downloads(site)]
    expected = {
        *(f"minimal/{name}.{ext}" for name in RESOURCE_NAMES for ext in ("csv", "json")),
        "minimal/datapackage.json",
        "minimal.zip",
        *(f"all/{name}.{ext}" for name in RESOURCE_NAMES for ext in ("csv", "json")),
        "all/datapackage.json",
        *(f"schemas/{name}.json" for name in RESOURCE_NAMES),
        "schemas/datapackage.profile.json",
        "schemas/themes.csv",
    }
    assert (sorted(paths), len(paths)) == (sorted(expected), len(expected))


@pytest.mark.parametrize("slug", ["all", "schemas"])
def test_a_city_may_not_take_a_site_wide_downloads_folder(make_package, validate, slug):
    data = make_package(slug)
    assert [(p.field, p.code) for p in validate(data)] == [("name", "reserved-name")]


def test_plan_downloads_paths_are_unique_for_every_allowed_name(make_package, schemas):
    data = make_package("alls")
    paths = Counter(d.path for d in plan_downloads(build_site(load_packages(data), schemas)))
    assert [path for path, count in paths.items() if count > 1] == []


# -- exact bytes ----------------------------------------------------------------------


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_csv_download_is_the_source_file_byte_for_byte(downloads, name):
    assert downloads[f"minimal/{name}.csv"] == (MINIMAL / f"{name}.csv").read_bytes()


def test_csv_download_keeps_crlf_and_bom_untouched(make_package, schemas, minimal_csv):
    source = b"\xef\xbb\xbf" + minimal_csv("programmes").replace("\n", "\r\n").encode()
    site = build_site(load_packages(make_package(programmes=source)), schemas)
    by_path = {d.path: d.data for d in plan_downloads(site)}
    assert by_path["minimal/programmes.csv"] == source


def test_building_twice_gives_the_same_bytes_for_every_download(site, schemas):
    again = build_site([load_package(MINIMAL)], schemas)
    first = {d.path: d.data for d in plan_downloads(site)}
    second = {d.path: d.data for d in plan_downloads(again)}
    assert [path for path in first if first[path] != second[path]] == []


def keys_in_order(data: bytes) -> list[list[str]]:
    """The key order of every JSON object in the document, as written."""
    found: list[list[str]] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found.append([key for key, _ in pairs])
        return dict(pairs)

    json.loads(data, object_pairs_hook=hook)
    return found


def test_json_downloads_sort_keys_and_end_with_a_newline(site):
    files = [d for d in plan_downloads(site) if d.path.endswith(".json")]
    unsorted = [d.path for d in files if any(k != sorted(k) for k in keys_in_order(d.data))]
    no_newline = [d.path for d in files if not d.data.endswith((b"}\n", b"]\n"))]
    # 5 + 5 resources (city, all), 2 descriptors, 5 schemas and the profile
    assert (len(files), unsorted, no_newline) == (18, [], [])


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("minimal/plans.json", "예시형 뉴딜"),
        ("minimal/datapackage.json", "예시시"),
        ("all/sources.json", "예시신문"),
    ],
)
def test_json_downloads_keep_hangul_unescaped(downloads, path, text):
    assert (text.encode() in downloads[path], b"\\u" in downloads[path]) == (True, False)


def test_json_download_holds_typed_values(downloads):
    [plan] = json.loads(downloads["minimal/plans.json"])
    assert (plan["total_budget_krw"], plan["announced"], plan["title_en"]) == (
        300000000,
        "2021-03-16",
        None,
    )


# -- the city's datapackage.json ------------------------------------------------------


def test_publish_descriptor_inlines_the_shared_schema_for_each_resource(site, schemas):
    descriptor = publish_descriptor(site.cities[0], schemas)
    assert [(r["name"], r["path"], r["schema"]) for r in descriptor["resources"]] == [
        (name, f"{name}.csv", schemas.tables[name]) for name in RESOURCE_NAMES
    ]


def test_publish_descriptor_leaves_the_raw_descriptor_and_schemas_alone(site, schemas):
    city = site.cities[0]
    before = (copy.deepcopy(city.raw.descriptor), copy.deepcopy(schemas.tables))
    descriptor = publish_descriptor(city, schemas)
    descriptor["resources"][0]["schema"]["fields"].clear()
    assert (city.raw.descriptor, schemas.tables) == before
    assert city.raw.descriptor == json.loads(city.raw.descriptor_bytes)


def test_published_city_package_passes_frictionless(downloads, tmp_path):
    for path, data in downloads.items():
        if path.startswith("minimal/"):
            (tmp_path / path.split("/", 1)[1]).write_bytes(data)
    report = frictionless_validate(tmp_path / "datapackage.json")
    assert (report.valid, report.flatten(["type", "note"])) == (True, [])


# -- all cities at once ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "primary_key", "foreign_keys"),
    [
        ("plans", ["city", "plan_id"], [(["city", "source_id"], "sources")]),
        (
            "pillars",  # parent_id may be empty: its foreign key is dropped
            ["city", "pillar_id"],
            [(["city", "plan_id"], "plans"), (["city", "source_id"], "sources")],
        ),
        (
            "programmes",  # pillar_id may be empty: its foreign key is dropped
            ["city", "programme_id"],
            [(["city", "plan_id"], "plans"), (["city", "source_id"], "sources")],
        ),
        (
            "targets",
            ["city", "target_id"],
            [(["city", "plan_id"], "plans"), (["city", "source_id"], "sources")],
        ),
        ("sources", ["city", "source_id"], []),
    ],
)
def test_combine_schema_joins_every_key_with_the_city(schemas, name, primary_key, foreign_keys):
    original = copy.deepcopy(schemas.tables[name])
    combined = combine_schema(schemas.tables[name])
    assert (
        combined["fields"][0]["name"],
        [f["name"] for f in combined["fields"][1:]],
        combined["primaryKey"],
        [(fk["fields"], fk["reference"]["resource"]) for fk in combined["foreignKeys"]],
        all(fk["reference"]["fields"] == fk["fields"] for fk in combined["foreignKeys"]),
    ) == ("city", [f["name"] for f in original["fields"]], primary_key, foreign_keys, True)
    assert schemas.tables[name] == original


def test_combine_schema_accepts_a_composite_key_on_required_fields():
    schema = {
        "fields": [
            {"name": "a", "constraints": {"required": True}},
            {"name": "b", "constraints": {"required": True}},
            {"name": "c"},
        ],
        "primaryKey": ["a", "b"],
        "foreignKeys": [
            {"fields": ["a", "b"], "reference": {"resource": "other", "fields": ["x", "y"]}},
            {"fields": ["a", "c"], "reference": {"resource": "other", "fields": ["x", "z"]}},
        ],
    }
    assert combine_schema(schema)["foreignKeys"] == [
        {
            "fields": ["city", "a", "b"],
            "reference": {"resource": "other", "fields": ["city", "x", "y"]},
        }
    ]


@pytest.fixture
def two_cities(make_package, minimal_csv, schemas) -> Callable[..., Site]:
    def make(alpha: dict[str, Any] | None = None, beta: dict[str, Any] | None = None) -> Site:
        make_package("alpha", descriptor_patch=alpha)
        data = make_package("beta", descriptor_patch=beta, **with_plan_id(minimal_csv, "b-plan"))
        return build_site(load_packages(data), schemas)

    return make


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_combine_csv_prefixes_the_city_and_keeps_every_row(two_cities, minimal_csv, name):
    site = two_cities()
    combined = list(csv.reader(io.StringIO(combine_csv(site, name).decode())))
    header = [f["name"] for f in site.schemas.tables[name]["fields"]]
    source_rows = [list(cells.values()) for _, cells in read_table(minimal_csv(name).encode()).rows]
    renamed = [[cell.replace(PLAN, "b-plan") for cell in row] for row in source_rows]
    assert combined == [
        ["city", *header],
        *(["alpha", *row] for row in source_rows),
        *(["beta", *row] for row in renamed),
    ]


@pytest.mark.parametrize(
    ("alpha", "beta", "version"),
    [
        ("1.9.0", "1.10.0", "1.10.0"),  # numeric order, not text order
        ("1.10.0", "1.9.0", "1.10.0"),
        ("2.0.0", "1.10.0", "2.0.0"),
        ("1.0.0", "1.0.0", "1.0.0"),
    ],
)
def test_all_package_version_is_the_highest_city_version(two_cities, alpha, beta, version):
    site = two_cities({"version": alpha}, {"version": beta})
    [descriptor] = [d for d in plan_downloads(site) if d.path == "all/datapackage.json"]
    assert json.loads(descriptor.data)["version"] == version


def test_published_all_package_passes_frictionless(two_cities, tmp_path):
    for download in plan_downloads(two_cities()):
        if download.path.startswith("all/"):
            (tmp_path / download.path.split("/", 1)[1]).write_bytes(download.data)
    report = frictionless_validate(tmp_path / "datapackage.json")
    assert (report.valid, report.flatten(["type", "note"])) == (True, [])


# -- zips -----------------------------------------------------------------------------


FILES = {"b/two.csv": b"2\n", "a.md": "가".encode(), "b/one.csv": b"1\n"}


def test_zip_files_gives_the_same_bytes_whatever_the_insertion_order():
    assert zip_files(FILES) == zip_files(dict(reversed(FILES.items())))


def test_zip_entries_are_sorted_with_the_fixed_timestamp():
    archive = zipfile.ZipFile(io.BytesIO(zip_files(FILES)))
    assert [(i.filename, i.date_time, archive.read(i)) for i in archive.infolist()] == [
        ("a.md", ZIP_TIME, "가".encode()),
        ("b/one.csv", ZIP_TIME, b"1\n"),
        ("b/two.csv", ZIP_TIME, b"2\n"),
    ]
    assert ZIP_TIME == (1980, 1, 1, 0, 0, 0)


def test_city_zip_holds_the_csv_downloads_descriptor_and_readme(downloads):
    archive = zipfile.ZipFile(io.BytesIO(downloads["minimal.zip"]))
    names = archive.namelist()
    assert names == sorted(
        [f"minimal/{name}.csv" for name in RESOURCE_NAMES]
        + ["minimal/datapackage.json", "minimal/README.md"]
    )
    assert [n for n in names if n != "minimal/README.md" and archive.read(n) != downloads[n]] == []
