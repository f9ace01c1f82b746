"""Tier 1: the downloads registry and every download's bytes, built in memory from small packages."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from frictionless import validate as frictionless_validate
from synthetic import write_national

from planpress import downloads as registry
from planpress.addresses import ALL_SCOPE, Addresses, scope_file
from planpress.downloads import (
    CSV,
    EXCEL_CSV,
    FLAT,
    FORMATS,
    JSON,
    PACKAGE_FILES,
    ZIP_TIME,
    DownloadIndex,
    Format,
    all_scope,
    combine_schema,
    describe_formats,
    group_won,
    join_phrases,
    plan_downloads,
    plan_scopes,
    publish_descriptor,
    render_csv,
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


EXTENSIONS = ("csv", "json", "excel.csv")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_plan_downloads_lists_every_expected_file_once(site):
    paths = [d.path for d in plan_downloads(site)]
    expected = {
        *(f"minimal/{name}.{ext}" for name in RESOURCE_NAMES for ext in EXTENSIONS),
        "minimal/datapackage.json",
        "minimal.zip",
        "minimal.xlsx",
        "minimal.csl.json",
        "minimal.bib",
        *(f"all/{name}.{ext}" for name in (*RESOURCE_NAMES, FLAT) for ext in EXTENSIONS),
        "all/datapackage.json",
        "all.zip",
        "all.xlsx",
        "all.csl.json",
        "all.bib",
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


def test_every_format_is_made_for_every_resource_of_every_scope(site):
    made = {d.path: d for d in plan_downloads(site)}
    scopes = plan_scopes(site)
    wrong = [
        (scope.key, name, fmt.key)
        for scope in scopes
        for name in RESOURCE_NAMES
        for fmt in FORMATS
        if (d := made.get(scope_file(scope.key, fmt.file_name(name)))) is None
        or (d.scope, d.resource, d.kind, d.media_type) != (scope.key, name, fmt.key, fmt.media_type)
    ]
    assert ([scope.key for scope in scopes], wrong) == (["minimal", ALL_SCOPE], [])


KINDS = {p.key for p in PACKAGE_FILES}


def test_every_scope_publishes_its_package_files_and_keeps_the_readme_in_the_zip(site):
    made = [(d.scope, d.kind, d.path) for d in plan_downloads(site) if d.kind in KINDS]
    assert made == [
        ("minimal", "datapackage", "minimal/datapackage.json"),
        ("minimal", "zip", "minimal.zip"),
        ("minimal", "xlsx", "minimal.xlsx"),
        ("minimal", "csl", "minimal.csl.json"),
        ("minimal", "bibtex", "minimal.bib"),
        (ALL_SCOPE, "datapackage", "all/datapackage.json"),
        (ALL_SCOPE, "zip", "all.zip"),
        (ALL_SCOPE, "xlsx", "all.xlsx"),
        (ALL_SCOPE, "csl", "all.csl.json"),
        (ALL_SCOPE, "bibtex", "all.bib"),
    ]
    assert [p.key for p in PACKAGE_FILES if not p.published] == ["vocabulary", "readme"]


TSV = Format(
    key="tsv",
    extension="tsv",
    media_type="text/tab-separated-values",
    label="TSV",
    note="탭으로 나눈 표",
    render=lambda scope, name: "".join(
        "\t".join(row) + "\n" for row in (scope.tables[name].header, *scope.tables[name].rows)
    ).encode(),
    in_zip=True,
)


@pytest.fixture
def with_tsv(monkeypatch: pytest.MonkeyPatch) -> None:
    """A format the kit might add: registered in one place, nowhere else."""
    monkeypatch.setattr(registry, "FORMATS", (*FORMATS, TSV))


def test_a_format_added_to_the_registry_reaches_every_scope_and_both_zips(site, with_tsv):
    files = {d.path: d for d in plan_downloads(site)}
    tsv = sorted(path for path, d in files.items() if d.kind == "tsv")
    assert tsv == sorted(
        [
            *(scope_file(s, f"{n}.tsv") for s in ("minimal", "all") for n in RESOURCE_NAMES),
            scope_file("all", f"{FLAT}.tsv"),
        ]
    )
    assert files["all/programmes.tsv"].data.startswith(b"city\tprogramme_id\t")
    for scope in ("minimal", "all"):
        archive = zipfile.ZipFile(io.BytesIO(files[f"{scope}.zip"].data))
        readme = archive.read(f"{scope}/README.md").decode()
        flat = (FLAT,) if scope == "all" else ()
        assert [n for n in archive.namelist() if n.endswith(".tsv")] == sorted(
            f"{scope}/{n}.tsv" for n in (*RESOURCE_NAMES, *flat)
        )
        assert "- programmes.tsv — 과제·사업" in readme
        key = "planpress-all-1.0.0" if scope == "all" else "planpress-minimal-1.0.0"
        assert f"- 인용 키: {key} (CSL-JSON, BibTeX 파일과 같음)" in readme
        assert (
            "홍길동, 「예시시, 뉴딜 추진」, 예시신문(2021-03-16)" in readme
        )  # the original source
    index = DownloadIndex(files.values(), Addresses())
    assert [d.label for d in index.resource_links("minimal", "plans")] == [
        "CSV",
        "JSON",
        "엑셀용 CSV",
        "TSV",
    ]
    assert index.formats_phrase.endswith(", 엑셀용 CSV(엑셀에서 바로 열기)와 TSV(탭으로 나눈 표)로")


def test_download_index_answers_the_templates_from_the_written_list(site):
    index = DownloadIndex(plan_downloads(site), Addresses(downloads_path="files"))
    assert [
        (index.href(d), d.filename, d.media_type, d.label, d.about)
        for d in index.resource_links("minimal", "programmes")
    ] == [
        (
            "files/minimal/programmes.csv",
            "minimal-programmes.csv",
            "text/csv",
            "CSV",
            "예시시 과제·사업",
        ),
        (
            "files/minimal/programmes.json",
            "minimal-programmes.json",
            "application/json",
            "JSON",
            "예시시 과제·사업",
        ),
        (
            "files/minimal/programmes.excel.csv",
            "minimal-programmes.excel.csv",
            "text/csv",
            "엑셀용 CSV",
            "예시시 과제·사업",
        ),
    ]
    assert [(d.path, d.filename, d.media_type) for d in index.package_files(index.all_cities)] == [
        ("all/datapackage.json", "planpress-all-datapackage.json", "application/json"),
        ("all.zip", "planpress-all.zip", "application/zip"),
        ("all.xlsx", "planpress-all.xlsx", XLSX_TYPE),
        ("all.csl.json", "planpress-all.csl.json", "application/vnd.citationstyles.csl+json"),
        ("all.bib", "planpress-all.bib", "application/x-bibtex"),
    ]
    assert (index.resources, len(index.for_scope("minimal")), len(index.schemas())) == (
        RESOURCE_NAMES,
        len(RESOURCE_NAMES) * len(FORMATS) + 5,
        len(RESOURCE_NAMES) + 2,
    )
    assert index.href(index.theme_vocabulary()) == "files/schemas/themes.csv"
    assert [d.path for d in index] == [d.path for d in plan_downloads(site)]


@pytest.mark.parametrize(
    ("path", "filename"),
    [
        ("paju/programmes.csv", "paju-programmes.csv"),
        ("paju/datapackage.json", "paju-datapackage.json"),
        ("paju.zip", "paju.zip"),
        ("alls/plans.csv", "alls-plans.csv"),  # a city whose name starts like a site-wide folder
        ("all/plans.csv", "planpress-all-plans.csv"),
        ("all.zip", "planpress-all.zip"),
        ("all.xlsx", "planpress-all.xlsx"),
        ("paju.xlsx", "paju.xlsx"),
        ("schemas/themes.csv", "planpress-schemas-themes.csv"),
    ],
)
def test_download_filename_says_whose_file_it_is(path, filename):
    download = registry.Download(path, b"", "csv", "CSV", "", "", "text/csv")
    assert download.filename == filename


@pytest.mark.parametrize(
    ("formats", "phrase"),
    [
        ((), ""),
        ((CSV,), "CSV(원본 파일 그대로)로"),
        ((JSON,), "JSON(형식이 붙은 레코드)으로"),
        ((CSV, JSON), "CSV(원본 파일 그대로)와 JSON(형식이 붙은 레코드)으로"),
        (
            (CSV, JSON, TSV),
            "CSV(원본 파일 그대로), JSON(형식이 붙은 레코드)과 TSV(탭으로 나눈 표)로",
        ),
        ((dataclasses.replace(TSV, note=""),), "TSV로"),
    ],
)
def test_describe_formats_lists_them_with_the_right_particles(formats, phrase):
    assert describe_formats(formats) == phrase


def test_join_phrases_puts_the_particle_on_the_last_but_one():
    assert [join_phrases(p) for p in ([], ["표"], ["표", "안내"], ["가", "책", "표"])] == [
        "",
        "표",
        "표와 안내",
        "가, 책과 표",
    ]


# -- exact bytes ----------------------------------------------------------------------


@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_csv_download_is_the_source_file_byte_for_byte(downloads, name):
    assert downloads[f"minimal/{name}.csv"] == (MINIMAL / f"{name}.csv").read_bytes()


@pytest.mark.parametrize("scope", ["minimal", "all"])
@pytest.mark.parametrize("name", RESOURCE_NAMES)
def test_excel_csv_is_the_plain_csv_rows_with_a_bom_and_crlf(downloads, scope, name):
    plain = downloads[f"{scope}/{name}.csv"].decode()
    excel = downloads[f"{scope}/{name}.excel.csv"]
    assert excel.startswith(b"\xef\xbb\xbf")
    text = excel[3:].decode()
    assert (text.count("\r\n"), text.replace("\r\n", "").count("\n")) == (
        len(plain.splitlines()),
        0,
    )
    assert ungroup_won(list(csv.reader(io.StringIO(text)))) == list(csv.reader(io.StringIO(plain)))


def ungroup_won(rows: list[list[str]]) -> list[list[str]]:
    """An Excel CSV's rows with the won amounts' grouping taken out again."""
    money = [i for i, column in enumerate(rows[0]) if column.endswith("_krw")]
    return [[c.replace(",", "") if i in money else c for i, c in enumerate(row)] for row in rows]


def test_excel_csv_groups_the_digits_of_won_so_excel_keeps_them_readable(downloads):
    rows = list(csv.DictReader(io.StringIO(downloads["all/plans.excel.csv"].decode("utf-8-sig"))))
    plain = list(csv.DictReader(io.StringIO(downloads["all/plans.csv"].decode())))
    assert plain[0]["total_budget_krw"] and "," not in plain[0]["total_budget_krw"]
    assert rows[0]["total_budget_krw"] == f"{int(plain[0]['total_budget_krw']):,}"
    assert rows[0]["plan_id"] == plain[0]["plan_id"]  # every other cell as the source has it
    assert group_won("106600000000") == "106,600,000,000"
    assert (group_won(""), group_won("-5000"), group_won("1.5")) == ("", "-5,000", "1.5")


def test_excel_csv_keeps_hangul_and_ids_as_the_source_writes_them(downloads):
    text = downloads["minimal/programmes.excel.csv"].decode("utf-8-sig")
    assert text.splitlines()[1].startswith("smart-traffic,example-plan,digital,,스마트 교통체계,")


def test_excel_csv_of_a_file_that_has_a_bom_has_one_bom(make_package, schemas, minimal_csv):
    source = b"\xef\xbb\xbf" + minimal_csv("programmes").replace("\n", "\r\n").encode()
    site = build_site(load_packages(make_package(programmes=source)), schemas)
    by_path = {d.path: d.data for d in plan_downloads(site)}
    excel = by_path["minimal/programmes.excel.csv"]
    assert excel.startswith(b"\xef\xbb\xbf") and not excel[3:].startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig"))))
    assert ungroup_won(rows) == list(csv.reader(io.StringIO(source.decode("utf-8-sig"))))


def test_excel_csv_stays_out_of_the_zips_and_says_how_to_open_it(downloads):
    names = [
        n
        for z in ("minimal.zip", "all.zip")
        for n in zipfile.ZipFile(io.BytesIO(downloads[z])).namelist()
    ]
    assert [n for n in names if n.endswith(".excel.csv")] == []
    assert (EXCEL_CSV.label, EXCEL_CSV.in_zip) == ("엑셀용 CSV", False)
    assert "엑셀에서 바로 열기 — 한글이 깨지지 않습니다" in EXCEL_CSV.help


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
    # 5 + 6 resources (city; all and its flat programmes), 2 descriptors, 5 schemas, the profile
    assert (len(files), unsorted, no_newline) == (21, [], [])


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
def test_all_cities_csv_prefixes_the_city_and_keeps_every_row(two_cities, minimal_csv, name):
    site = two_cities()
    combined = list(csv.reader(io.StringIO(render_csv(all_scope(site), name).decode())))
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


# -- the flat all-cities programmes table ---------------------------------------------


@pytest.fixture
def nested_site(make_package, minimal_csv, schemas) -> Site:
    """alpha with a sub-pillar that holds its first programme; beta as the minimal package."""
    pillars = (
        minimal_csv("pillars")
        + "digital-city,example-plan,digital,스마트 도시,,,,,,example-article,\n"
    )
    programmes = minimal_csv("programmes").replace(",digital,,스마트", ",digital-city,,스마트")
    make_package("alpha", pillars=pillars, programmes=programmes)
    data = make_package("beta", **with_plan_id(minimal_csv, "b-plan"))
    return build_site(load_packages(data), schemas)


def test_flat_programmes_name_the_city_plan_pillar_path_and_themes(nested_site):
    table = all_scope(nested_site).tables[FLAT]
    named = ("city_name_ko", "province_ko", "plan_title_ko", "announced", "pillar_name_ko")
    assert [
        (row["city"], row["programme_id"], *(row[n] for n in named), row["theme_names_ko"])
        for row in as_dicts(table)
    ] == [
        ("alpha", "smart-traffic", "alpha 예시시", "예시도", "예시형 뉴딜", "2021-03-16",
         "디지털 뉴딜 › 스마트 도시", "디지털;교통"),
        ("alpha", "green-roof", "alpha 예시시", "예시도", "예시형 뉴딜", "2021-03-16",
         "그린 뉴딜", "그린·환경"),
        ("beta", "smart-traffic", "beta 예시시", "예시도", "예시형 뉴딜", "2021-03-16",
         "디지털 뉴딜", "디지털;교통"),
        ("beta", "green-roof", "beta 예시시", "예시도", "예시형 뉴딜", "2021-03-16",
         "그린 뉴딜", "그린·환경"),
    ]  # fmt: skip


def as_dicts(table: registry.ScopeTable) -> list[dict[str, str]]:
    return [dict(zip(table.header, row, strict=True)) for row in table.rows]


def test_flat_programmes_keep_every_source_cell_of_the_programmes(two_cities):
    scope = all_scope(two_cities())
    flat, programmes = as_dicts(scope.tables[FLAT]), as_dicts(scope.tables["programmes"])
    shared = [h for h in flat[0] if h in programmes[0]]
    assert len(shared) == len(programmes[0])  # every column, notes too: caveats travel along
    assert [[r[h] for h in shared] for r in flat] == [[r[h] for h in shared] for r in programmes]
    assert [r["budget_krw"] for r in flat] == ["200000000", "", "200000000", ""]


def test_flat_programmes_json_holds_typed_values_and_empty_stays_null(two_cities):
    files = {d.path: d.data for d in plan_downloads(two_cities())}
    first, second = json.loads(files[f"all/{FLAT}.json"])[:2]
    assert (first["budget_krw"], first["announced"], first["flagship"], second["budget_krw"]) == (
        200000000,
        "2021-03-16",
        True,
        None,
    )
    assert files[f"all/{FLAT}.excel.csv"].startswith(b"\xef\xbb\xbfcity,city_name_ko,")


def test_flat_programmes_are_described_in_the_all_package_only(two_cities):
    made = plan_downloads(two_cities())
    files = {d.path: d.data for d in made}
    [resource] = [
        r for r in json.loads(files["all/datapackage.json"])["resources"] if r["name"] == FLAT
    ]
    assert (resource["path"], resource["schema"]["primaryKey"]) == (
        f"{FLAT}.csv",
        ["city", "programme_id"],
    )
    assert [p for p in files if FLAT in p and not p.startswith("all/")] == []
    index = DownloadIndex(made, Addresses())
    assert (index.resources, index.resources_of(ALL_SCOPE)) == (
        RESOURCE_NAMES,
        (*RESOURCE_NAMES, FLAT),
    )


# -- the Excel workbook ---------------------------------------------------------------


def read_workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


SHEETS = ["읽어보기", "계획", "전략·분야", "과제·사업", "목표", "출처"]


def test_workbook_has_a_readme_sheet_then_a_sheet_per_table(downloads):
    assert [read_workbook(downloads[f"{s}.xlsx"]).sheetnames for s in ("minimal", "all")] == [
        SHEETS,
        [*SHEETS, "과제 종합표"],
    ]


def as_csv_text(value: object) -> str:
    """A workbook cell as the CSV writes it: a boolean as `true`/`false`."""
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


@pytest.mark.parametrize("scope", ["minimal", "all"])
def test_every_sheet_holds_every_row_of_its_csv_under_a_frozen_header(downloads, scope):
    book = read_workbook(downloads[f"{scope}.xlsx"])
    names = [*RESOURCE_NAMES, *((FLAT,) if scope == "all" else ())]
    for name, sheet in zip(names, book.worksheets[1:], strict=True):
        rows = list(csv.reader(io.StringIO(downloads[f"{scope}/{name}.csv"].decode("utf-8-sig"))))
        as_text = [[as_csv_text(v) for v in row] for row in sheet_rows(sheet)]
        assert (sheet.freeze_panes, as_text) == ("A2", rows), name


def test_workbook_writes_money_as_numbers_ids_as_text_and_leaves_unknown_empty(downloads):
    sheet = read_workbook(downloads["minimal.xlsx"])["과제·사업"]
    header = [c.value for c in sheet[1]]
    smart, green = ({h: c for h, c in zip(header, row, strict=True)} for row in sheet.iter_rows(2))
    assert [
        (c.value, c.data_type, c.number_format)
        for c in (smart["budget_krw"], smart["programme_id"], smart["name_ko"], smart["flagship"])
    ] == [
        (200000000, "n", "#,##0"),
        ("smart-traffic", "s", "General"),
        ("스마트 교통체계", "s", "General"),
        (True, "b", "General"),  # Excel's TRUE, to filter on
    ]
    assert [green[h].value for h in ("budget_krw", "national_budget_krw", "jobs")] == [None] * 3


def test_workbook_keeps_date_and_number_like_ids_and_formulas_as_text(
    make_package, minimal_csv, schemas
):
    programmes = (
        minimal_csv("programmes")
        .replace("smart-traffic,", "2021-03-16,")
        .replace("green-roof,", "007,")
        .replace("옥상 녹화", "=1+1")
    )
    site = build_site(load_packages(make_package(programmes=programmes)), schemas)
    [data] = [d.data for d in plan_downloads(site) if d.path == "minimal.xlsx"]
    sheet = read_workbook(data)["과제·사업"]
    assert [(c.value, c.data_type) for row in sheet.iter_rows(2, max_col=5) for c in row[::4]] == [
        ("2021-03-16", "s"),
        ("스마트 교통체계", "s"),
        ("007", "s"),
        ("=1+1", "s"),
    ]


def test_workbook_dates_are_the_csv_text_and_counts_are_grouped_numbers(downloads):
    sheet = read_workbook(downloads["minimal.xlsx"])["계획"]
    header = [c.value for c in sheet[1]]
    plan = {h: c for h, c in zip(header, next(sheet.iter_rows(2)), strict=True)}
    assert [
        (plan[h].value, plan[h].number_format)
        for h in ("announced", "period_start", "jobs_target", "total_budget_krw")
    ] == [
        ("2021-03-16", "General"),
        (2021, "General"),  # a year is never grouped
        (10, "#,##0"),  # a count is grouped like money: 110,000
        (300000000, "#,##0"),
    ]


def test_readme_sheet_says_source_licence_version_and_every_column(downloads, schemas):
    rows = sheet_rows(read_workbook(downloads["minimal.xlsx"])["읽어보기"])
    start = next(i for i, row in enumerate(rows) if row[0] == "열 사전") + 1
    listed = next(i for i, row in enumerate(rows) if row[:3] == ["시트", "CSV 파일", "행 수"])
    by_label = {row[0]: row[1] for row in rows[:listed] if row[0] and len(row) > 1 and row[1]}
    assert [tuple(row[:3]) for row in rows[listed + 1 : listed + 3]] == [
        ("계획", "plans.csv", 1),
        ("전략·분야", "pillars.csv", 2),
    ]
    assert rows[0][0] == "최소 예시시 뉴딜"
    assert (by_label["도시"], by_label["버전"], by_label["최종 수정"]) == (
        "예시시",
        "1.0.0",
        "2026-11-22",
    )
    assert by_label["출처"] == "홍길동, 「예시시, 뉴딜 추진」, 예시신문(2021-03-16)"
    assert "CC BY 4.0" in by_label["라이선스"]
    assert rows[start][:6] == ["시트", "열", "제목", "형식", "단위", "설명"]
    dictionary = [tuple(row[:5]) for row in rows[start + 1 :]]
    expected = [
        (sheet, f["name"], f.get("title"), f["type"], f.get("unit"))
        for sheet, name in zip(SHEETS[1:], RESOURCE_NAMES, strict=True)
        for f in schemas.tables[name]["fields"]
    ]
    assert dictionary == expected
    assert ("과제·사업", "budget_krw", "총사업비", "integer", "KRW") in dictionary


def test_workbooks_are_byte_identical_across_two_builds(make_package, minimal_csv, schemas):
    make_package("alpha")
    data = make_package("beta", **with_plan_id(minimal_csv, "b-plan"))
    builds = [
        {d.path: d.data for d in plan_downloads(build_site(load_packages(data), schemas))}
        for _ in range(2)
    ]
    books = sorted(path for path in builds[0] if path.endswith(".xlsx"))
    assert (books, [p for p in books if builds[0][p] != builds[1][p]]) == (
        ["all.xlsx", "alpha.xlsx", "beta.xlsx"],
        [],
    )
    created = read_workbook(builds[0]["alpha.xlsx"]).properties.created
    assert created.date().isoformat() == "2026-11-22"


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
        + ["minimal/datapackage.json", "minimal/README.md", "minimal/themes.csv"]
    )
    inside_only = {"minimal/README.md", "minimal/themes.csv"}
    assert [n for n in names if n not in inside_only and archive.read(n) != downloads[n]] == []
    assert archive.read("minimal/themes.csv") == downloads["schemas/themes.csv"]


def test_zip_notes_list_what_the_zip_holds(downloads, site):
    [note] = [d.note for d in plan_downloads(site) if d.path == "all.zip"]
    assert note == "datapackage.json, themes.csv, README.md와 CSV 표 6개를 한 파일로 묶은 것"


def test_all_zip_holds_readme_descriptor_and_every_csv_and_validates_unzipped(two_cities, tmp_path):
    files = {d.path: d.data for d in plan_downloads(two_cities())}
    archive = zipfile.ZipFile(io.BytesIO(files["all.zip"]))
    names = archive.namelist()
    assert names == sorted(
        [
            "all/README.md",
            "all/datapackage.json",
            "all/themes.csv",
            *(f"all/{name}.csv" for name in (*RESOURCE_NAMES, FLAT)),
        ]
    )
    inside_only = {"all/README.md", "all/themes.csv"}
    assert [n for n in names if n not in inside_only and archive.read(n) != files[n]] == []
    archive.extractall(tmp_path)
    report = frictionless_validate(tmp_path / "all" / "datapackage.json")
    assert (report.valid, report.flatten(["type", "note"])) == (True, [])


def test_both_zips_are_byte_identical_across_two_builds(make_package, minimal_csv, schemas):
    make_package("alpha")
    data = make_package("beta", **with_plan_id(minimal_csv, "b-plan"))
    builds = [
        {d.path: d.data for d in plan_downloads(build_site(load_packages(data), schemas))}
        for _ in range(2)
    ]
    zips = sorted(path for path in builds[0] if path.endswith(".zip"))
    assert (zips, [p for p in zips if builds[0][p] != builds[1][p]]) == (
        ["all.zip", "alpha.zip", "beta.zip"],
        [],
    )


EXTRA_LICENCE = {
    "name": "KOGL-Type1",
    "title": "공공누리 제1유형",
    "path": "https://www.kogl.or.kr/",
}
CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def test_readmes_and_the_all_cities_package_name_only_the_licences_they_hold(two_cities):
    site = two_cities({"licenses": [CC_BY, EXTRA_LICENCE]}, {"licenses": [CC_BY]})
    files = {d.path: d.data for d in plan_downloads(site)}

    def readme(scope: str) -> str:
        archive = zipfile.ZipFile(io.BytesIO(files[f"{scope}.zip"]))
        text = archive.read(f"{scope}/README.md").decode()
        return next(line for line in text.splitlines() if line.startswith("- 라이선스"))

    cc = "CC BY 4.0(Creative Commons Attribution 4.0, https://creativecommons.org/licenses/by/4.0/)"
    assert [readme(s) for s in ("alpha", "beta", "all")] == [
        f"- 라이선스: 데이터 {cc}, 공공누리 제1유형(https://www.kogl.or.kr/) — "
        "인용할 때 'planpress'와 원 출처를 밝혀 주세요.",
        f"- 라이선스: 데이터 {cc} — 인용할 때 'planpress'와 원 출처를 밝혀 주세요.",
        f"- 라이선스: 데이터 {cc} — 인용할 때 'planpress'와 원 출처를 밝혀 주세요.",
    ]
    assert json.loads(files["all/datapackage.json"])["licenses"] == [CC_BY]


# -- templates only loop over the registry ------------------------------------------


TEMPLATES = Path(__file__).resolve().parents[1] / "theme" / "templates"
SPELLED = re.compile(
    r"""\.(csv|json|zip)['"]"""  # a file name or path: 'all/plans.csv', '.zip'
    r"""|['"](csv|json|zip)['"]"""  # a format list: ['csv', 'json']
    r"|text/csv|application/(json|zip)"  # a media type
    r"|\ball/"  # the all-cities folder
    r"|downloads_path|download\("  # a download address built by hand
)


def test_no_template_spells_a_download_path_media_type_or_format():
    found = [
        (template.name, number, match[0])
        for template in sorted(TEMPLATES.glob("*.html"))
        for number, line in enumerate(template.read_text("utf-8").splitlines(), 1)
        for match in SPELLED.finditer(line)
    ]
    assert found == []


def test_the_template_meta_test_catches_what_it_is_meant_to():
    lines = [
        "{% for kind in ['csv', 'json'] %}",
        "{{ SITEURL }}/{{ downloads_path }}/all/plans.csv",
        'type="text/csv"',
        "{% set d = download(city.slug ~ '.zip') %}",
    ]
    assert [bool(SPELLED.search(line)) for line in lines] == [True, True, True, True]


def test_no_template_spells_the_licence():
    found = [
        (template.name, number)
        for template in sorted(TEMPLATES.glob("*.html"))
        for number, line in enumerate(template.read_text("utf-8").splitlines(), 1)
        if re.search(r"CC[ -]BY|creativecommons\.org", line)
    ]
    assert found == []


# -- all-cities files joined from each city's parts (the build cache) ------------------


def test_all_cities_files_joined_from_each_citys_parts_are_the_whole_files_byte_for_byte(
    tmp_path, schemas
):
    write_national(tmp_path, cities=3, programmes=6, seed=7)
    (tmp_path / "synthetic-002" / "targets.csv").write_text(
        (tmp_path / "synthetic-002" / "targets.csv").read_text("utf-8").splitlines()[0] + "\n",
        "utf-8",
    )  # a city with no targets: an empty part between two full ones
    site = build_site(load_packages(tmp_path), schemas)
    kept: dict[str, bytes] = {}

    def remember(key: str, make: Callable[[], bytes]) -> bytes:
        return kept.setdefault(key, make())

    parts = [registry.city_parts(site, city) for city in site.cities]
    joined = registry.scope_downloads(all_scope(site, "", parts, remember))
    whole = registry.scope_downloads(all_scope(site))
    assert [(d.path, d.data) for d in joined] == [(d.path, d.data) for d in whole]
    assert {key.split("-")[0] for key in kept} == {"xlsx", "zip"}
    joined_tables = all_scope(site, "", parts).tables
    assert all(set(t.parts or ()) == {"csv", "json", "excel-csv"} for t in joined_tables.values())
    assert b"" in joined_tables["targets"].parts["json"]  # the empty part, joined all the same
