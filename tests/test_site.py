"""Tiers 2 and 3: the generator with a real Writer, and whole builds read back from disk."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from frictionless import validate as frictionless_validate
from test_downloads import ungroup_won

from planpress.check import check_data
from planpress.cli import run_build
from planpress.downloads import PACKAGE_FILES
from planpress.load import RESOURCE_NAMES, load_schema_set
from planpress.model import ROW_KINDS
from planpress.present import UNKNOWN, VALUE_LABELS
from planpress.records import cast_row, read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datapackage"
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"
SLUGS = sorted(p.name for p in DATA.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def themes_in_use() -> list[str]:
    """Every theme some programme of the real data carries, in vocabulary order."""
    used = {
        theme
        for slug in SLUGS
        for _, cells in read_table((DATA / slug / "programmes.csv").read_bytes()).rows
        for theme in cells["themes"].split(";")
        if theme
    }
    return [t["theme_id"] for t in load_schema_set().themes if t["theme_id"] in used]


THEMES = themes_in_use()
PAGE_TYPES = [
    "index.html",
    "compare.html",
    "data.html",
    "pages/about.html",
    "pages/methodology.html",
    "pages/contribute.html",
    *(f"city/{slug}.html" for slug in SLUGS),
    *(f"themes/{theme}.html" for theme in THEMES),
]


JSON_LD = "application/ld+json"


def build(data: Path, output: Path, capsys: pytest.CaptureFixture[str] | None = None) -> int:
    return run_build(data, output, ROOT / "pelicanconf.py", "ko", "")


@pytest.fixture
def site(built_site: Path) -> Path:
    """The session's one built site (conftest.py), read by every test here that needs it."""
    return built_site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def rows_of(slug: str, resource: str) -> list[dict[str, str]]:
    return [cells for _, cells in read_table((DATA / slug / f"{resource}.csv").read_bytes()).rows]


UNIT_WORDS = {"jobs": "개", "persons": "명", "t": "톤", "%": "%"}
APPROXIMATE_WORD = "약"  # present.APPROXIMATE_WORD, spelt here so a change is deliberate
ROW_ANCHORS = {
    "programmes": "programme",
    "targets": "target",
    "pillars": "pillar",
    "sources": "source",
}


def row_text(page: BeautifulSoup, resource: str, cells: dict[str, str]) -> str:
    """The text of the element that shows this row (its anchor), or "" when it has none."""
    key = {
        "programmes": "programme_id",
        "targets": "target_id",
        "pillars": "pillar_id",
        "sources": "source_id",
    }
    if resource not in key:
        return ""
    element = page.find(id=f"{ROW_ANCHORS[resource]}-{cells[key[resource]]}")
    return element.get_text(" ") if element else ""


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- pages --------------------------------------------------------------------------------


def test_build_writes_every_page_type(site: Path) -> None:
    missing = [page for page in PAGE_TYPES if not (site / page).is_file()]
    assert missing == []


@pytest.mark.parametrize("slug", SLUGS)
def test_city_page_lists_every_programme_with_a_stable_anchor(site: Path, slug: str) -> None:
    page = soup(site / "city" / f"{slug}.html")
    table = page.find("table", id="programmes-table")
    listed = [tr["id"] for tr in table.tbody.find_all("tr")]
    assert listed == [f"programme-{row['programme_id']}" for row in rows_of(slug, "programmes")]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_cell_of_every_row_reaches_the_city_page(site: Path, slug: str) -> None:
    """Nothing lost: all rows, all cells (text as text, numbers as exact data values)."""
    page = soup(site / "city" / f"{slug}.html")
    text = " ".join(page.get_text(" ").split())
    values = {el.get("value") for el in page.find_all("data")}
    themes = {t["theme_id"]: t["name_ko"] for t in load_schema_set().themes}
    texts = {el.get_text(" ", strip=True) for el in page.find_all(["td", "th", "dd", "li", "p"])}
    ids_by_value = {
        "programme_id": {
            el["id"].removeprefix("programme-") for el in page.select("[id^=programme-]")
        },
        "pillar_id": {el["id"].removeprefix("pillar-") for el in page.select("[id^=pillar-]")},
        "parent_id": {el["id"].removeprefix("pillar-") for el in page.select("[id^=pillar-]")},
        "target_id": {el["id"].removeprefix("target-") for el in page.select("[id^=target-]")},
        "source_id": {el["id"].removeprefix("source-") for el in page.select("[id^=source-]")},
        "plan_id": {el["id"].removeprefix("reconcile-") for el in page.select("[id^=reconcile-]")},
    }
    schemas = load_schema_set().tables
    missing = []
    for resource in RESOURCE_NAMES:
        fields = {f["name"]: f for f in schemas[resource]["fields"]}
        for cells in rows_of(slug, resource):
            for column, value in cells.items():
                if value == "":
                    continue
                kind = fields[column]["type"]
                if column == "themes":
                    found = all(
                        themes[t] in row_text(page, resource, cells) for t in value.split(";")
                    )
                elif column == "parent_programme_id":
                    # a sub-item links to the task it belongs to
                    row = page.find(id=f"programme-{cells['programme_id']}")
                    found = row.select_one(f'a[href="#programme-{value}"]') is not None
                elif column.endswith("_id"):
                    found = value in ids_by_value.get(column, set()) or value in texts
                elif column == "approximate":
                    # each column named is shown with the word that says so ("약 9,300개")
                    shown = row_text(page, resource, cells)
                    found = shown.count(f"{APPROXIMATE_WORD} ") >= len(value.split(";"))
                elif column in VALUE_LABELS:
                    # a code from a fixed list is shown as its word, on its row (a plan's in
                    # the plan's facts)
                    shown = row_text(page, resource, cells) or page.select_one(".plan").get_text()
                    found = VALUE_LABELS[column][value] in shown
                elif column == "flagship":
                    row = page.find(id=f"programme-{cells['programme_id']}")
                    found = (row.find(class_="flag") is not None) == (value == "true")
                elif kind in ("integer", "number"):
                    found = value in values
                elif column == "unit":
                    found = UNIT_WORDS[value] in row_text(page, resource, cells)
                else:
                    found = " ".join(value.split()) in text
                if not found:
                    missing.append((resource, column, value))
    assert missing == []


def test_city_page_nests_sub_items_under_their_task(site: Path) -> None:
    daegu = soup(site / "city" / "daegu.html")
    rows = daegu.select("#programmes-table tbody tr")
    tasks = [r["id"].removeprefix("programme-") for r in rows if "depth-0" in r["class"]]
    assert len(tasks) == 7
    dam = daegu.find(id="programme-city-data-dam")
    assert "depth-1" in dam["class"]
    note = " ".join(dam.select_one(".parent-note").get_text().split())
    assert note == "디지털 기반 초지능·초연결 공간의 세부 사업"
    # each sub-item follows its task
    ids = [r["id"].removeprefix("programme-") for r in rows]
    assert ids.index("city-data-dam") == ids.index("hyperconnected-space") + 1


def test_a_programme_period_stands_beside_its_budget(site: Path) -> None:
    uijeongbu = soup(site / "city" / "uijeongbu.html")
    row = uijeongbu.find(id="programme-g-and-b-city")
    [period] = row.select(".programme-period")
    assert " ".join(period.get_text().split()) == "2021년까지 (시작 연도 미상)"
    assert period.find_parent("td").select_one("data.krw")["value"] == "39000000000"
    assert len(uijeongbu.select(".programme-period")) == 2


def test_figures_the_source_gives_as_approximate_read_as_such(site: Path) -> None:
    uijeongbu = soup(site / "city" / "uijeongbu.html")
    refresh = uijeongbu.find(id="programme-refresh-uijeongbu")
    [jobs] = refresh.select("data.approximate")
    assert (jobs["value"], jobs.get_text()) == ("9300", "약 9,300개")
    daegu = soup(site / "city" / "daegu.html")
    [speed] = daegu.find(id="target-urban-traffic-speed").select("data.approximate")
    assert (speed["value"], speed.get_text()) == ("15", "약 15%")
    assert len(daegu.select("data.approximate")) == 1


def test_declared_and_listed_figures_are_shown_side_by_side(site: Path) -> None:
    paju = " ".join(soup(site / "city" / "paju.html").get_text().split())
    assert "계획은 과제 43개를 발표했고, 이 목록에는 출처에 나온 과제 16개가 실렸습니다" in paju
    assert "분야별 과제 수를 더하면 43개입니다. 발표된 전체 과제 수와 같습니다" in paju
    uijeongbu = " ".join(soup(site / "city" / "uijeongbu.html").get_text().split())
    assert (
        "분야별 사업비를 더하면 1,475억 원 (147,500,000,000원)입니다. 발표된 전체 사업비와 같습니다"
        in uijeongbu
    )
    daegu = " ".join(soup(site / "city" / "daegu.html").get_text().split())
    assert (
        "분야별 사업비의 합은 12조 74억 원 (12,007,400,000,000원)이지만, 전체 사업비는 발표되지 않았습니다"
        in daegu
    )


def test_compare_note_names_the_cities_whose_listed_national_funding_is_partial(
    site: Path,
) -> None:
    note = " ".join(soup(site / "compare.html").get_text().split())
    assert (
        "의정부시는 과제 36개 가운데 ‘Refresh 의정부 뉴딜사업’의 국비 376억 원 "
        "(37,600,000,000원)만" in note
    )


def test_compare_page_indexes_every_theme_with_its_counts(site: Path) -> None:
    page = soup(site / "compare.html")
    rows = page.find("table", id="themes-table").tbody.find_all("tr")
    index = [
        (row.th.a["href"], *(td.get_text(strip=True) for td in row.find_all("td"))) for row in rows
    ]
    expected = []
    for theme in THEMES:
        found = [
            (slug, row)
            for slug in SLUGS
            for row in rows_of(slug, "programmes")
            if theme in row["themes"].split(";")
        ]
        cities = {slug for slug, _ in found}
        expected.append((f"./themes/{theme}.html", f"{len(found)}개", f"{len(cities)}곳"))
    assert index == expected
    assert page.select("[id^=programme-]") == []  # programmes live on the theme pages


@pytest.mark.parametrize("theme", THEMES)
def test_theme_page_links_every_programme_of_the_theme_to_its_row(site: Path, theme: str) -> None:
    page = soup(site / "themes" / f"{theme}.html")
    table = page.find("table", id="theme-table")
    assert table.caption is not None and table.caption.get_text().startswith("주제 ‘")
    assert [th.get("scope") for th in table.thead.find_all("th")] == ["col"] * 6
    links = [row.th.a["href"] for row in table.tbody.find_all("tr")]
    expected = [
        f"../city/{slug}.html#programme-{cells['programme_id']}"
        for slug in SLUGS
        for cells in rows_of(slug, "programmes")
        if theme in cells["themes"].split(";")
    ]
    assert links == expected
    crumbs = [a["href"] for a in page.find("nav", class_="breadcrumb").find_all("a")]
    assert crumbs == ["../index.html", "../compare.html#themes"]


def test_money_reads_the_korean_way_with_exact_won_in_markup(site: Path) -> None:
    page = soup(site / "city" / "paju.html")
    total = page.find("data", attrs={"value": "106600000000"})
    assert total is not None and total.get_text() == "1,066억 원 (106,600,000,000원)"
    assert total["title"] == "106,600,000,000원"
    daegu = soup(site / "city" / "daegu.html")
    assert daegu.find("data", attrs={"value": "4736500000000"}).contents[0] == "4조 7,365억 원"


def test_unknown_money_says_not_in_the_source_never_zero(site: Path) -> None:
    page = soup(site / "city" / "daegu.html")
    facts = {
        dt.get_text(): dd
        for dt, dd in zip(page.select(".facts dt"), page.select(".facts dd"), strict=True)
    }
    assert facts["총사업비(발표)"].get_text(strip=True) == "출처에 없음"


def test_no_page_says_a_figure_was_withheld(site: Path) -> None:
    """An empty cell is a figure the source does not state, not one the city kept back."""
    withheld = {}
    for page in sorted(site.rglob("*.html")):
        text = " ".join(soup(page).get_text(" ").split())
        text = re.sub(r"[^.]*‘비공개’는[^.]*\.", "", text)  # the legend that defines the word
        found = re.findall(r".{0,20}(?:공개되지 않|비공개).{0,20}", text)
        if found:
            withheld[str(page.relative_to(site))] = found
    assert withheld == {}


# -- downloads -----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_csv_downloads_are_the_source_bytes(site: Path, slug: str) -> None:
    for resource in RESOURCE_NAMES:
        assert (site / "data" / slug / f"{resource}.csv").read_bytes() == (
            DATA / slug / f"{resource}.csv"
        ).read_bytes()


@pytest.mark.parametrize("slug", SLUGS)
def test_json_downloads_round_trip_to_typed_rows(site: Path, slug: str) -> None:
    schemas = load_schema_set().tables
    for resource in RESOURCE_NAMES:
        records = json.loads(
            (site / "data" / slug / f"{resource}.json").read_text(encoding="utf-8")
        )
        expected = [cast_row(schemas[resource], cells) for cells in rows_of(slug, resource)]
        expected = json.loads(json.dumps(expected, default=str))
        assert records == expected


def test_combined_csv_holds_every_row_of_every_city(site: Path) -> None:
    for resource in RESOURCE_NAMES:
        combined = list(
            csv.DictReader(
                io.StringIO((site / "data" / "all" / f"{resource}.csv").read_text("utf-8"))
            )
        )
        expected = [{"city": slug, **cells} for slug in SLUGS for cells in rows_of(slug, resource)]
        assert combined == expected


def test_excel_downloads_are_linked_and_hold_every_row(site: Path) -> None:
    """The Excel CSVs, workbooks and flat table of a real build, read back and found on the pages."""
    data = site / "data"
    for slug in [*SLUGS, "all"]:
        for resource in RESOURCE_NAMES:
            plain = (data / slug / f"{resource}.csv").read_bytes().decode("utf-8-sig")
            excel = (data / slug / f"{resource}.excel.csv").read_bytes()
            assert excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel
            rows = list(csv.reader(io.StringIO(plain)))
            excel_rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig"))))
            assert ungroup_won(excel_rows) == rows
        book = openpyxl.load_workbook(data / f"{slug}.xlsx")
        counts = {s.title: s.max_row - 1 for s in book.worksheets[1:]}  # every row under its header
        assert counts["과제·사업"] == len(
            list(
                csv.DictReader(io.StringIO((data / slug / "programmes.csv").read_text("utf-8-sig")))
            )
        )
    flat = list(
        csv.DictReader(io.StringIO((data / "all" / "programmes-flat.csv").read_text("utf-8")))
    )
    combined = list(
        csv.DictReader(io.StringIO((data / "all" / "programmes.csv").read_text("utf-8")))
    )
    assert [(r["city"], r["programme_id"]) for r in flat] == [
        (r["city"], r["programme_id"]) for r in combined
    ]
    assert {r["city_name_ko"] for r in flat if r["city"] == "paju"} == {"파주시"}
    assert all(r["announced"] == "2021-03-16" for r in flat if r["city"] == "paju")

    def hrefs(page: str, ending: str) -> list[str]:
        return [
            a.get_text(" ", strip=True) for a in soup(site / page).select(f"a[href$='{ending}']")
        ]

    assert hrefs("city/paju.html", "paju/programmes.excel.csv")[:1] == [
        "엑셀용 CSV 파주시 과제·사업"
    ]
    assert hrefs("city/paju.html", "paju.xlsx") == ["엑셀 통합 문서 (XLSX) 파주시"]
    assert hrefs("data.html", "all.xlsx") == ["all.xlsx 모든 도시"]
    assert len(hrefs("data.html", "all/programmes-flat.excel.csv")) == 1
    assert len(hrefs("compare.html", "all/programmes.excel.csv")) == 1
    assert "엑셀에서 바로 열기" in soup(site / "city/paju.html").get_text()
    lead = soup(site / "data.html").select_one(".lead").get_text()
    assert "datapackage.json, 전체 패키지 (ZIP), 엑셀 통합 문서 (XLSX)," in lead
    published = [f.title for f in PACKAGE_FILES if f.published]
    assert all(title in lead for title in published), published


def test_published_packages_pass_frictionless_as_published(site: Path) -> None:
    reports = {}
    for descriptor in sorted((site / "data").glob("*/datapackage.json")):
        report = frictionless_validate(str(descriptor))
        reports[descriptor.parent.name] = [e.type for t in report.tasks for e in t.errors]
    assert reports == {name: [] for name in [*SLUGS, "all"]}


@pytest.mark.parametrize("scope", ["paju", "all"])
def test_zip_holds_package_readme_and_validates(site: Path, tmp_path: Path, scope: str) -> None:
    with zipfile.ZipFile(site / "data" / f"{scope}.zip") as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path)
    assert names == sorted(
        [f"{scope}/README.md", f"{scope}/datapackage.json", f"{scope}/themes.csv"]
        + [f"{scope}/{r}.csv" for r in RESOURCE_NAMES]
        + ([f"{scope}/programmes-flat.csv"] if scope == "all" else [])
    )
    tables = [n for n in names if n.endswith(".csv") and not n.endswith("/themes.csv")]
    assert [
        n for n in tables if (tmp_path / n).read_bytes() != (site / "data" / n).read_bytes()
    ] == []
    vocabulary = (tmp_path / scope / "themes.csv").read_bytes()
    assert vocabulary == (site / "data" / "schemas" / "themes.csv").read_bytes()
    assert "themes.csv" in (tmp_path / scope / "README.md").read_text("utf-8")
    report = frictionless_validate(str(tmp_path / scope / "datapackage.json"))
    assert (report.valid, report.flatten(["type", "note"])) == (True, [])


def test_every_download_link_names_its_file_type_and_table(site: Path) -> None:
    """type= from the format, a download= name saying whose file it is, words naming the table.

    Every page the templates make; the Markdown pages under pages/ link by hand.
    """
    wrong = []
    for page in sorted(p for p in site.rglob("*.html") if not p.is_relative_to(site / "pages")):
        for a in soup(page).select("a[href*='data/']"):
            target = (page.parent / a["href"]).resolve().relative_to(site.resolve()).as_posix()
            path = target.removeprefix("data/")
            expected = path.replace("/", "-")
            if path.startswith(("all/", "all.", "schemas/")):
                expected = f"planpress-{expected}"
            if (a.get("download"), bool(a.get("type"))) != (expected, True) or not a.get_text(
                strip=True
            ):
                wrong.append((page.relative_to(site).as_posix(), a["href"]))
    assert wrong == []


def test_data_page_links_every_download(site: Path) -> None:
    page = soup(site / "data.html")
    linked = {a["href"].removeprefix("./") for a in page.find_all("a", href=True)}
    files = {
        f"data/{p.relative_to(site / 'data').as_posix()}"
        for p in (site / "data").rglob("*")
        if p.is_file()
    }
    assert files - linked == set()


# -- build behaviour ------------------------------------------------------------------------


@pytest.mark.slow
def test_build_twice_gives_byte_identical_output(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(DATA, again) == 0
    assert tree_digest(again) == tree_digest(site)


@pytest.mark.slow
def test_invalid_package_leaves_earlier_build_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    output = tmp_path / "output"
    assert build(data, output) == 0
    before = tree_digest(output)
    programmes = data / "minimal" / "programmes.csv"
    programmes.write_text(
        programmes.read_text("utf-8").replace("200000000,,120000000", '"1,066억",,120000000'),
        "utf-8",
    )
    capsys.readouterr()
    assert build(data, output) == 1
    report = capsys.readouterr().err
    assert 'minimal/programmes.csv:2:budget_krw: "1,066억"은 원 단위 정수 형식이 아닙니다' in report
    assert tree_digest(output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>\"'&"
FREE_TEXT = {
    "plans": ["title_ko", "title_en", "occasion_ko", "vision_ko", "programme_unit_ko", "notes"],
    "pillars": ["name_ko", "name_en", "notes"],
    "programmes": ["name_ko", "summary_ko", "notes"],
    "targets": ["indicator_ko", "notes"],
    "sources": ["publisher", "title", "author", "notes"],
}


@pytest.mark.slow
def test_hostile_text_in_every_text_column_comes_out_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    for resource, columns in FREE_TEXT.items():
        path = data / "minimal" / f"{resource}.csv"
        table = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
        for row in table:
            for column in columns:
                row[column] = f"{column} {HOSTILE}"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
        path.write_text(out.getvalue(), "utf-8")
    descriptor = json.loads((data / "minimal" / "datapackage.json").read_text("utf-8"))
    descriptor["title"] = f"title {HOSTILE}"
    descriptor["description"] = f"description {HOSTILE}"
    descriptor["city"]["name_ko"] = f"city {HOSTILE}"
    descriptor["city"]["name_en"] = f"city-en {HOSTILE}"
    descriptor["province"] = {"name_ko": f"province {HOSTILE}", "name_en": f"province-en {HOSTILE}"}
    (data / "minimal" / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False), "utf-8"
    )
    assert check_data(data).problems == []
    output = tmp_path / "output"
    assert build(data, output) == 0
    pages = list(output.rglob("*.html"))
    assert pages
    for page in pages:
        parsed = soup(page)
        inline = [s for s in parsed.find_all("script") if not s.get("src")]
        # the one inline script allowed is a JSON-LD data block (the CSP never runs it)
        assert [s for s in inline if s.get("type") != JSON_LD] == [], page
        for block in inline:
            json.loads(block.string)
        assert parsed.find_all("img", attrs={"onerror": True}) == [], page
        assert not re.search(r"<script>alert|<img src=x", page.read_text("utf-8")), page
    city = soup(output / "city" / "minimal.html").get_text()
    for columns in FREE_TEXT.values():
        for column in columns:
            if column != "programme_unit_ko":
                assert f"{column} {HOSTILE}" in city, column


# -- tier 2: the generator with a real Writer ------------------------------------------------


def run_generator(data: Path, output: Path, **overrides: object):
    from pelican.settings import read_settings
    from pelican.writers import Writer

    from planpress.generator import PlanpressGenerator

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PLANPRESS_DATA_DIR": str(data), "PLANPRESS_CACHE_DIR": "", **overrides},
    )
    context = {
        **settings,
        "pages": [],
        "static_content": {},
        "static_links": set(),
        "generated_content": {},
    }
    generator = PlanpressGenerator(
        context=context,
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=str(output),
    )
    generator.generate_context()
    generator.generate_output(Writer(str(output), settings=settings))
    return generator


def test_generator_writes_pages_and_downloads_through_the_writer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    generator = run_generator(data, tmp_path / "out")
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    )
    assert "city/minimal.html" in written and "index.html" in written
    assert {"themes/digital.html", "themes/green.html", "themes/transport.html"} <= set(written)
    assert {f"data/{d.path}" for d in generator.downloads} <= set(written)


def copy_city(data: Path, slug: str, licenses: list[dict[str, str]] | None = None) -> None:
    """The minimal package as city `slug`, its plan renamed (plan IDs are unique site-wide)."""
    folder = data / slug
    shutil.copytree(MINIMAL, folder)
    for csv_file in folder.glob("*.csv"):
        csv_file.write_text(csv_file.read_text("utf-8").replace("example-plan", f"{slug}-plan"))
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    descriptor["name"] = slug
    descriptor["city"]["name_ko"] = f"{slug}시"
    if licenses is not None:
        descriptor["licenses"] = licenses
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")


def test_a_format_added_to_the_registry_appears_on_every_page_without_template_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planpress import downloads

    tsv = downloads.Format(
        key="tsv",
        extension="tsv",
        media_type="text/tab-separated-values",
        label="TSV",
        note="탭으로 나눈 표",
        render=lambda scope, name: downloads.render_csv(scope, name).replace(b",", b"\t"),
        in_zip=False,
        help="TSV는 탭으로 열을 나눕니다.",
    )
    monkeypatch.setattr(downloads, "FORMATS", (*downloads.FORMATS, tsv))
    data = tmp_path / "data"
    copy_city(data, "alpha")
    output = tmp_path / "out"
    run_generator(data, output)

    def tsv_links(page: str) -> list[tuple[str, str, str, str]]:
        return [
            (a["href"], a["download"], a["type"], a.get_text(" ", strip=True))
            for a in soup(output / page).select("a[href$='.tsv']")
        ]

    assert tsv_links("city/alpha.html")[:1] == [
        (
            "../data/alpha/plans.tsv",
            "alpha-plans.tsv",
            "text/tab-separated-values",
            "TSV alpha시 계획",
        )
    ]
    assert len(tsv_links("city/alpha.html")) == 2 * len(RESOURCE_NAMES)  # beside tables, listed
    data_page = soup(output / "data.html")
    assert [th.get_text() for th in data_page.select("#all-caption ~ thead th")][-1] == "TSV"
    # all cities (with the flat programmes table), by city
    assert len(tsv_links("data.html")) == 2 * len(RESOURCE_NAMES) + 1
    assert len(tsv_links("compare.html")) == 3  # plans, pillars, programmes
    assert "TSV(탭으로 나눈 표)로 내려받을 수" in data_page.select_one(".lead").get_text()
    assert "TSV는 탭으로 열을 나눕니다." in soup(output / "city/alpha.html").get_text()
    assert (output / "data/all/programmes.tsv").read_bytes().startswith(b"city\tprogramme_id")


def test_pages_name_the_licence_the_packages_declare(tmp_path: Path) -> None:
    cc = {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0",
    }
    kogl = {"name": "KOGL-Type1", "title": "공공누리 제1유형", "path": "https://www.kogl.or.kr/"}
    data = tmp_path / "data"
    copy_city(data, "alpha", [cc, kogl])
    copy_city(data, "beta", [cc])
    output = tmp_path / "out"
    run_generator(data, output)
    footer = soup(output / "city" / "alpha.html").select_one(".site-footer")
    assert [(a["href"], a.get_text()) for a in footer.select("a[rel=license]")] == [
        ("https://creativecommons.org/licenses/by/4.0/deed.ko", "CC BY 4.0")
    ]  # the site claims only what every city shares
    citations = [
        soup(output / "city" / f"{slug}.html").select_one("#citation").get_text()
        for slug in ("alpha", "beta")
    ]
    assert [
        "CC BY 4.0, 공공누리 제1유형. 원 출처" in citations[0],
        "CC BY 4.0. 원 출처" in citations[1],
    ] == [True, True]
    assert (
        "데이터 라이선스는 CC BY 4.0입니다."
        in soup(output / "data.html").select_one(".lead").get_text()
    )


def test_theme_pages_go_to_the_folder_the_setting_names(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    run_generator(data, tmp_path / "out", PLANPRESS_THEME_PATH="topics")
    assert sorted(p.name for p in (tmp_path / "out" / "topics").iterdir()) == [
        "digital.html",
        "green.html",
        "transport.html",
    ]
    assert not (tmp_path / "out" / "themes").exists()
    index = soup(tmp_path / "out" / "compare.html").find("table", id="themes-table")
    assert [a["href"] for a in index.tbody.find_all("a")] == [
        "./topics/digital.html",
        "./topics/green.html",
        "./topics/transport.html",
    ]
    theme = soup(tmp_path / "out" / "topics" / "green.html")
    assert [a["href"] for a in theme.find("table").tbody.find_all("a")] == [
        "../city/minimal.html#programme-green-roof"
    ]


def test_generator_refuses_invalid_data_with_one_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planpress.generator import InvalidData

    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    shutil.copytree(MINIMAL, data / "second")
    (data / "second" / "targets.csv").write_text("target_id\n", "utf-8")
    (data / "minimal" / "sources.csv").write_bytes("source_id\n가".encode("cp949"))
    with pytest.raises(InvalidData):
        run_generator(data, tmp_path / "out")
    report = capsys.readouterr().err
    assert "minimal/sources.csv:2: 파일이 UTF-8이 아닙니다" in report
    assert "second/datapackage.json:name:" in report
    assert "second/targets.csv:1:" in report
    assert not (tmp_path / "out").exists()


def test_every_setting_is_documented_in_the_readme() -> None:
    from planpress.settings import SETTINGS

    readme = (ROOT / "README.md").read_text("utf-8")
    assert [s.name for s in SETTINGS if f"`{s.name}`" not in readme] == []


@pytest.mark.slow
def test_plain_pelican_run_on_bad_data_prints_the_report_without_a_traceback(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    bad = ROOT / "tests" / "fixtures" / "invalid" / "type-error"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(ROOT / "content"),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(tmp_path / "out"),
            "-e",
            f"PLANPRESS_DATA_DIR={json.dumps(str(bad))}",
            'PLANPRESS_CACHE_DIR=""',
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "minimal/programmes.csv:2:budget_krw:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_published_site_cites_its_public_address_but_links_stay_relative(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    run_generator(data, tmp_path / "out", PLANPRESS_PUBLIC_URL="https://example.org/plans")
    page = soup(tmp_path / "out" / "city" / "minimal.html")
    assert "https://example.org/plans/city/minimal.html" in page.find(id="citation").get_text()
    assert (
        page.find("link", rel="canonical")["href"] == "https://example.org/plans/city/minimal.html"
    )
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert not [h for h in hrefs if h.startswith("https://example.org")]
    canonical = {
        name: soup(tmp_path / "out" / name).find("link", rel="canonical")["href"]
        for name in ("index.html", "compare.html", "data.html")
    }
    assert canonical == {
        "index.html": "https://example.org/plans/",  # the folder, not …/plans/index.html
        "compare.html": "https://example.org/plans/compare.html",
        "data.html": "https://example.org/plans/data.html",
    }


def test_city_page_links_to_its_data_folder_and_an_issue_form_when_the_repository_is_set(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    run_generator(data, tmp_path / "out", PLANPRESS_REPO_URL="https://github.com/org/planpress")
    page = soup(tmp_path / "out" / "city" / "minimal.html")
    links = {a.get_text(): a["href"] for a in page.select(".edit-links a")}
    assert (
        links["이 데이터 고치기"]
        == "https://github.com/org/planpress/tree/main/datapackage/minimal"
    )
    assert links["틀린 곳 알리기"].startswith("https://github.com/org/planpress/issues/new?title=")
    assert "city%2Fminimal.html" in links["틀린 곳 알리기"]  # the page, in the issue's body


def test_make_publish_takes_the_repository_from_repo_url(monkeypatch) -> None:
    from pelican.settings import read_settings

    monkeypatch.setenv("REPO_URL", "https://github.com/org/planpress")
    settings = read_settings(str(ROOT / "publishconf.py"))
    assert settings["PLANPRESS_REPO_URL"] == "https://github.com/org/planpress"


def test_city_pages_have_no_edit_links_without_the_setting(site: Path) -> None:
    pages = sorted((site / "city").glob("*.html"))
    assert pages
    assert [p.name for p in pages if soup(p).select(".edit-links")] == []
    assert "이 데이터 고치기" not in (site / "city" / pages[0].name).read_text(encoding="utf-8")


def test_site_without_a_public_address_has_no_canonical_links(site: Path) -> None:
    assert [p for p in PAGE_TYPES if soup(site / p).find("link", rel="canonical")] == []


@pytest.mark.slow
def test_published_build_gives_every_page_its_canonical_address(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    output = tmp_path / "output"
    settings = ROOT / "publishconf.py"
    url = "https://example.org/plans/"
    assert run_build(data, output, settings, "ko", "", public_url=url) == 0
    canonical = {
        str(page.relative_to(output)): [
            link["href"] for link in soup(page).find_all("link", rel="canonical")
        ]
        for page in sorted(output.rglob("*.html"))
    }
    assert canonical == {
        name: [f"https://example.org/plans/{name.removesuffix('index.html')}"] for name in canonical
    }
    assert canonical["index.html"] == ["https://example.org/plans/"]
    assert canonical["pages/about.html"] == ["https://example.org/plans/pages/about.html"]
    assert canonical["city/minimal.html"] == ["https://example.org/plans/city/minimal.html"]


# -- machine-readable: JSON-LD, catalog, sitemap, feed, citations, history ---------------------

ATOM = "{http://www.w3.org/2005/Atom}"
DATASET_FIELDS = (
    "name",
    "description",
    "inLanguage",
    "license",
    "spatialCoverage",
    "creator",
    "isBasedOn",
    "citation",
    "version",
    "dateModified",
    "distribution",
)


def descriptor_of(slug: str) -> dict:
    return json.loads((DATA / slug / "datapackage.json").read_text("utf-8"))


def plan_dates(slug: str) -> bool:
    """Whether the city's plan states a period or an announced day (else its time is unknown)."""
    [plan] = rows_of(slug, "plans")
    return any(plan[c] for c in ("period_start", "period_end", "announced"))


def json_ld_of(page: Path) -> list[dict]:
    return [json.loads(s.string) for s in soup(page).find_all("script", attrs={"type": JSON_LD})]


@pytest.mark.parametrize("slug", SLUGS)
def test_city_page_embeds_its_dataset_with_every_download(site: Path, slug: str) -> None:
    [dataset] = json_ld_of(site / "city" / f"{slug}.html")
    descriptor = descriptor_of(slug)
    assert (dataset["@type"], dataset["inLanguage"]) == ("Dataset", "ko")
    assert [f for f in DATASET_FIELDS if not dataset.get(f)] == []
    # the plan's period, else its announced day; nothing when the source states neither
    assert ("temporalCoverage" in dataset) == plan_dates(slug)
    assert (dataset["version"], dataset["dateModified"]) == (
        descriptor["version"],
        descriptor["updated"],
    )
    assert dataset["license"] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert dataset["spatialCoverage"]["name"] == descriptor["city"]["name_ko"]
    urls = [d["contentUrl"] for d in dataset["distribution"]]
    missing = [u for u in urls if not (site / "city" / u).resolve().is_file()]
    assert (missing, len(urls)) == ([], len(list((site / "data" / slug).iterdir())) + 4)
    assert {f"../data/{slug}.zip", f"../data/{slug}.csl.json"} <= set(urls)


def test_only_city_pages_carry_json_ld(site: Path) -> None:
    carrying = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if json_ld_of(p))
    assert carrying == [f"city/{slug}.html" for slug in sorted(SLUGS)]


def test_catalog_describes_every_city_as_a_dcat_dataset(site: Path) -> None:
    catalog = json.loads((site / "catalog.jsonld").read_text("utf-8"))
    assert catalog["@type"] == "dcat:Catalog"
    datasets = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
    assert sorted(datasets) == sorted(SLUGS)
    for slug, dataset in datasets.items():
        for key in ("dct:license", "dct:spatial", "dct:issued", "dct:modified", "dct:language"):
            assert dataset[key], (slug, key)
        assert ("dct:temporal" in dataset) == plan_dates(slug)
        assert dataset["dct:modified"]["@value"] == descriptor_of(slug)["updated"]
        assert dataset["dct:issued"]["@value"] == descriptor_of(slug)["history"][-1]["date"]
        for distribution in dataset["dcat:distribution"]:
            assert (site / distribution["dcat:downloadURL"]["@id"]).is_file()
            assert distribution["dcat:mediaType"]["@id"].startswith("https://www.iana.org/")
    data_page = soup(site / "data.html")
    assert data_page.find("a", href="./catalog.jsonld", type=JSON_LD)
    assert soup(site / "index.html").find("link", rel="alternate", type=JSON_LD)


def test_no_sitemap_without_a_public_address(site: Path) -> None:
    assert not (site / "sitemap.xml").exists()
    assert not soup(site / "data.html").find("a", href="./sitemap.xml")


def test_feed_has_one_entry_per_version_of_each_city(site: Path) -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(site / "feed.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    expected = sorted(
        (slug, change["version"]) for slug in SLUGS for change in descriptor_of(slug)["history"]
    )
    found = sorted(
        (
            e.find(f"{ATOM}link")
            .get("href")
            .split("#")[0]
            .removeprefix("city/")
            .removesuffix(".html"),
            e.findtext(f"{ATOM}title").split()[2],
        )
        for e in entries
    )
    assert found == expected
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert "city/paju.html#version-1.1.0" in links
    for href in links:  # each entry's anchor is on its city page
        page, anchor = href.split("#")
        assert soup(site / page).find(id=anchor), href
    assert soup(site / "city" / "paju.html").find(
        "link", rel="alternate", type="application/atom+xml", href="../feed.xml"
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_city_page_shows_its_version_history(site: Path, slug: str) -> None:
    history = soup(site / "city" / f"{slug}.html").find("ol", class_="history")
    shown = [li.find("strong").get_text() for li in history.find_all("li")]
    assert shown == [c["version"] for c in descriptor_of(slug)["history"]]
    assert descriptor_of(slug)["history"][0]["changes_ko"] in history.get_text()


@pytest.mark.parametrize("slug", SLUGS)
def test_citation_files_match_the_descriptor(site: Path, slug: str) -> None:
    descriptor = descriptor_of(slug)
    [item] = json.loads((site / "data" / f"{slug}.csl.json").read_text("utf-8"))
    year, month, day = map(int, descriptor["updated"].split("-"))
    assert (item["type"], item["title"], item["version"], item["issued"]) == (
        "dataset",
        descriptor["title"],
        descriptor["version"],
        {"date-parts": [[year, month, day]]},
    )
    assert "accessed" not in item
    assert UNKNOWN not in item["note"] and item["note"].startswith("원 출처: ")
    bib = (site / "data" / f"{slug}.bib").read_text("utf-8")
    assert bib.startswith(f"@dataset{{planpress-{slug}-{descriptor['version']},")
    assert f"  version = {{{descriptor['version']}}}," in bib
    assert bib.count("{") == bib.count("}")
    links = soup(site / "city" / f"{slug}.html").find("p", class_="cite-files").find_all("a")
    assert [a["href"] for a in links] == [f"../data/{slug}.csl.json", f"../data/{slug}.bib"]


def test_every_page_has_open_graph_tags(site: Path) -> None:
    for page in site.rglob("*.html"):
        tags = {m["property"]: m["content"] for m in soup(page).find_all("meta", property=True)}
        assert tags["og:locale"] == "ko_KR", page
        assert tags["og:site_name"] == "planpress", page
        assert tags["og:title"] == soup(page).title.get_text(), page
        assert {"og:type", "og:description"} <= set(tags), page
        assert "og:url" not in tags, page  # no public address: no og:url


def test_a_city_is_named_with_its_province_once(site: Path) -> None:
    def description(slug: str) -> str:
        page = soup(site / "city" / f"{slug}.html")
        return page.find("meta", property="og:description")["content"]

    assert description("paju").startswith("파주시(경기도)의 정책 계획")
    assert description("daegu").startswith("대구광역시의 정책 계획")  # not 대구광역시(대구광역시)


@pytest.mark.slow
def test_published_build_writes_a_sitemap_of_every_page_and_absolute_catalog_links(
    tmp_path: Path,
) -> None:
    import xml.etree.ElementTree as ET

    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    output = tmp_path / "output"
    url = "https://example.org/plans"
    assert run_build(data, output, ROOT / "publishconf.py", "ko", "", public_url=url) == 0
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = ET.parse(output / "sitemap.xml").getroot().findall(f"{ns}url")
    locs = sorted(u.findtext(f"{ns}loc") for u in urls)
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    assert locs == sorted(f"{url}/{p.removesuffix('index.html')}" for p in pages)
    assert {u.findtext(f"{ns}lastmod") for u in urls} == {"2026-11-22"}
    [dataset] = json_ld_of(output / "city" / "minimal.html")
    assert dataset["url"] == f"{url}/city/minimal.html"
    assert all(d["contentUrl"].startswith(f"{url}/data/") for d in dataset["distribution"])
    catalog = json.loads((output / "catalog.jsonld").read_text("utf-8"))
    assert catalog["@id"] == f"{url}/catalog.jsonld"
    assert soup(output / "data.html").find("a", href="./sitemap.xml")
    og = soup(output / "city" / "minimal.html").find("meta", property="og:url")
    assert og["content"] == f"{url}/city/minimal.html"
    # a row's citation and permalink carry the row's public address, to paste anywhere
    row = soup(output / "city" / "minimal.html").find(id="programme-smart-traffic")
    address = f"{url}/city/minimal.html#programme-smart-traffic"
    assert row.select_one(".permalink a").get_text() == address
    assert f"(2026-11-22 수정), {address}. 출처:" in row.select_one(".citation").get_text()


def expand_json_ld(document: dict, base: str) -> list[dict]:
    """The document as a JSON-LD processor reads it, offline: schema.org's context is its
    vocabulary (the real one is a remote file; no test may fetch it)."""
    from pyld import jsonld

    def load(url: str, _options: dict) -> dict:
        assert url.rstrip("/") == "https://schema.org", url
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }

    return jsonld.expand(document, {"base": base, "documentLoader": load})


def test_catalog_expands_as_json_ld_to_dcat_datasets_with_absolute_download_iris(
    site: Path,
) -> None:
    base = "https://example.org/plans/catalog.jsonld"
    catalog = json.loads((site / "catalog.jsonld").read_text("utf-8"))
    [expanded] = expand_json_ld(catalog, base)
    dcat, dct = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
    assert expanded["@type"] == [f"{dcat}Catalog"]
    datasets = expanded[f"{dcat}dataset"]
    assert len(datasets) == len(SLUGS)
    for dataset in datasets:
        assert dataset["@type"] == [f"{dcat}Dataset"]
        assert dataset[f"{dct}license"][0]["@id"].startswith("https://creativecommons.org/")
        for distribution in dataset[f"{dcat}distribution"]:
            iri = distribution[f"{dcat}downloadURL"][0]["@id"]
            assert iri.startswith("https://example.org/plans/data/"), iri


@pytest.mark.parametrize("slug", SLUGS)
def test_city_json_ld_expands_to_a_schema_org_dataset(site: Path, slug: str) -> None:
    [document] = json_ld_of(site / "city" / f"{slug}.html")
    [expanded] = expand_json_ld(document, f"https://example.org/plans/city/{slug}.html")
    schema = "https://schema.org/"
    assert expanded["@type"] == [f"{schema}Dataset"]
    assert expanded[f"{schema}inLanguage"] == [{"@value": "ko"}]
    downloads = [d[f"{schema}contentUrl"][0]["@value"] for d in expanded[f"{schema}distribution"]]
    assert all(u.startswith(f"../data/{slug}") for u in downloads)


# -- data model 1.2: what a row is, what the money is, whose target --------------------------


def clean(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_city_page_says_how_many_declared_programmes_the_list_holds(site: Path) -> None:
    """The coverage figure counts only declared tasks and named examples, says which, and is
    labelled as computed; activities are said to be left out."""
    paju = soup(site / "city" / "paju.html")
    assert clean(paju.find(id="coverage-paju-newdeal-2021").dd) == (
        "발표한 과제 43개 가운데 16개(37%)가 목록에 있습니다 (예시로 든 사업)."
        " (planpress가 목록의 행을 세어 계산한 값)"
    )
    gyeongju = clean(
        soup(site / "city" / "gyeongju.html").find(id="coverage-gyeongju-core-policy-2022")
    )
    assert "발표한 추진과제 49개 가운데 목록에 이름이 있다고 확인되는 것은 없습니다." in gyeongju
    assert "설명 속 활동 22개는" in gyeongju


def test_compare_page_has_the_coverage_column(site: Path) -> None:
    page = soup(site / "compare.html")
    headers = [clean(th) for th in page.select("#compare-table thead th")]
    assert "목록에 있는 발표 과제 (계산값)" in headers
    groups = [clean(th) for th in page.select("#compare-table thead th.group")]
    assert groups[-1] == "과제 수" and "colspan" in str(page.select("th.group")[-1])
    rows = {clean(tr.th): tr for tr in page.select("#compare-table tbody tr")}
    cells = [clean(td) for td in rows["파주시"].find_all(["th", "td"])]
    # the second header row's cells come after the first row's rowspan ones: find by text
    assert "37% 43개 중 16개 예시로 든 사업" in cells
    gyeongju = [clean(td) for td in rows["경주시"].find_all("td")]
    assert "확인된 것 없음 49개 중 활동 22개 제외" in gyeongju
    # 대구 counts '165개 사업' and its 7대 대표과제 apart: they are not counted against 165
    daegu = [clean(td) for td in rows["대구광역시"].find_all("td")]
    assert "확인된 것 없음 165개 중 대표과제 7개·활동 20개 제외" in daegu
    jeonju = [clean(td) for td in rows["전주시"].find_all("td")]
    assert jeonju[-2] == "출처에 없음"  # no declared count: nothing computed


def test_each_programme_says_what_kind_of_row_it_is_and_a_grant_it_won(site: Path) -> None:
    uijeongbu = soup(site / "city" / "uijeongbu.html")
    platform = uijeongbu.find(id="programme-smart-city-integrated-platform")
    assert [clean(t) for t in platform.select(".row-tags .tag")] == ["설명 속 활동", "공모 선정"]
    refresh = uijeongbu.find(id="programme-refresh-uijeongbu")
    assert [clean(t) for t in refresh.select(".row-tags .tag")] == ["발표 과제"]
    assert "국비 (확보)" in clean(refresh)
    kinds = {clean(t) for t in soup(site / "city" / "paju.html").select(".row-kind")}
    assert kinds == {"예시로 든 사업"}


def test_secured_and_planned_money_is_said_beside_the_amount(site: Path) -> None:
    paju = soup(site / "city" / "paju.html")
    facts = {clean(d.dt): clean(d.dd) for d in paju.select("dl.facts > div")}
    assert facts["국비(발표)"].endswith("(확보)")
    assert facts["총사업비(발표)"].endswith("(계획)")
    its = paju.find(id="programme-its")
    assert "(계획)" in clean(its.select_one("td.num"))
    compare = soup(site / "compare.html")
    row = next(tr for tr in compare.select("#compare-table tbody tr") if clean(tr.th) == "파주시")
    assert any(clean(td).endswith("(확보)") for td in row.find_all("td"))


def test_pillar_descriptions_stand_under_their_pillar(site: Path) -> None:
    uijeongbu = soup(site / "city" / "uijeongbu.html")
    description = uijeongbu.find(id="pillar-digital").select_one(".pillar-description")
    assert clean(description).startswith("기사 소제목 ‘스마트시티의 허브’.")
    gyeongju = soup(site / "city" / "gyeongju.html")
    assert len(gyeongju.select("#pillars-table .pillar-description")) == 7


def test_a_target_names_its_owner_and_a_qualitative_one_has_no_number(site: Path) -> None:
    daegu = soup(site / "city" / "daegu.html")
    speed = daegu.find(id="target-urban-traffic-speed")
    link = speed.select_one('a[href="#programme-ai-traffic-signal"]')
    assert link is not None and clean(link) == "AI기반 교통신호체계 구축"
    uijeongbu = soup(site / "city" / "uijeongbu.html")
    air = uijeongbu.find(id="target-air-quality-top")
    assert clean(air.select_one("td.num")) == "정성 목표"
    assert air.select_one("td.num data") is None  # no figure to read, chart or add up
    assert "분야 그린뉴딜" in clean(air)


def test_data_dictionary_names_every_value_of_the_fixed_lists(site: Path) -> None:
    page = clean(soup(site / "data.html"))
    assert (
        "declared-task(발표 과제), named-example(예시로 든 사업), "
        "headline-task(따로 센 대표과제), activity(설명 속 활동)"
    ) in page
    assert "secured(확보), planned(계획)" in page
    assert "→ programmes.programme_id" in page


def test_the_flat_programmes_table_carries_the_new_columns(site: Path) -> None:
    text = (site / "data" / "all" / "programmes-flat.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {(r["city"], r["programme_id"]): r for r in rows}
    refresh = by_id[("uijeongbu", "refresh-uijeongbu")]
    assert (refresh["row_kind"], refresh["national_budget_status"]) == ("declared-task", "secured")
    assert by_id[("uijeongbu", "smart-safety-zone")]["competitive_grant"] == "selected"
    assert {r["row_kind"] for r in rows} == set(ROW_KINDS)


def programme_row(slug: str, programme_id: str) -> dict[str, str]:
    return next(r for r in rows_of(slug, "programmes") if r["programme_id"] == programme_id)


def test_rows_re_read_against_their_articles_say_what_the_source_says() -> None:
    """Issue 11's corrections, held: summaries as strong as the source, proper names as
    spelt, overlaps and the province's old name said in notes."""
    assert "신호를 기다리지 않고" in programme_row("jeonju", "brt")["summary_ko"]
    assert (
        programme_row("paju", "jingsu-bot")["summary_ko"]
        == "체납 업무에 쓰는 인공지능 채팅로봇을 개발한다."
    )
    green = programme_row("paju", "green-urban-infrastructure")["summary_ko"]
    assert all(
        name in green for name in ("스마트 가든", "미세먼지 차단숲", "초록담", "유아숲체험원")
    )
    for one, other in (
        ("smart-safety-zone", "스마트 클린 안전 존 구축"),
        ("smart-clean-safety-zone", "스마트 안전 존 확산 사업"),
    ):
        assert other in programme_row("uijeongbu", one)["notes"]
    [jeonju] = rows_of("jeonju", "plans")
    assert "전라북도" in jeonju["notes"] and "전북특별자치도" in jeonju["notes"]
    eco = programme_row("daegu", "carbon-neutral-eco-space")
    subs = [
        r for r in rows_of("daegu", "programmes") if r["parent_programme_id"] == eco["programme_id"]
    ]
    assert len(subs) == 6 and "세부 사업 행으로도 둠" in eco["notes"]


def test_a_and_b_names_follow_the_contributor_rule() -> None:
    """Split where each half has its own action; whole where one action takes both."""
    names = {r["name_ko"] for slug in SLUGS for r in rows_of(slug, "programmes")}
    assert {
        "가로수 DB구축",
        "쾌적한 보행환경 조성",
        "황성공원 원형복원",
        "복합문화 인프라 개발",
    } <= names
    assert {"공공데이터 전면 개방", "빅데이터 플랫폼 구축"} <= names
    assert "도시데이터댐과 통합데이터허브 구축" in names
    guide = (ROOT / "content" / "pages" / "contribute.md").read_text(encoding="utf-8")
    assert "### ‘A과 B’로 묶인 이름 나누기" in guide


def test_every_row_of_the_five_cities_says_what_kind_it_is() -> None:
    expected = {
        "paju": {"named-example": 16},
        "gyeongju": {"activity": 22},
        "daegu": {"headline-task": 7, "activity": 20},
    }
    for slug, counts in expected.items():
        found: dict[str, int] = {}
        for row in rows_of(slug, "programmes"):
            found[row["row_kind"]] = found.get(row["row_kind"], 0) + 1
        assert found == counts, slug


def test_a_long_theme_goes_on_over_pages_that_list_each_other_and_lose_no_programme(
    tmp_path: Path,
) -> None:
    """With at most 3 rows a page, every theme's rows are spread over pages of whole cities:
    the first at `themes/<id>.html` (the address the comparison links), the rest at
    `themes/<id>.2.html`…; together they link every programme of the theme, in order, and each
    page lists all of them, marking itself."""
    run_generator(DATA, tmp_path / "out", PLANPRESS_THEME_PAGE_ROWS=3)
    folder = tmp_path / "out" / "themes"
    paged = 0
    for theme in THEMES:
        expected = [
            (slug, f"../city/{slug}.html#programme-{cells['programme_id']}")
            for slug in SLUGS
            for cells in rows_of(slug, "programmes")
            if theme in cells["themes"].split(";")
        ]
        names = [f"{theme}.html"]
        names += sorted(
            (p.name for p in folder.glob(f"{theme}.*.html")), key=lambda n: int(n.split(".")[1])
        )
        links: list[tuple[str, str]] = []
        for number, name in enumerate(names, 1):
            page = soup(folder / name)
            rows = page.find("table", id="theme-table").tbody.find_all("tr")
            found = [row.th.a["href"] for row in rows]
            slugs = [href.split("/")[2].split(".")[0] for href in found]
            assert len(found) <= 3 or len(set(slugs)) == 1  # a bigger city has a page alone
            links += list(zip(slugs, found, strict=True))
            if len(names) == 1:
                assert page.find("nav", class_="pager") is None
                continue
            pager = page.find("nav", class_="pager")
            assert [a["href"] for a in pager.find_all("a")] == [
                f"../themes/{other}" for other in names if other != name
            ]
            assert pager.find(attrs={"aria-current": "page"}).get_text().startswith(f"{number}쪽")
            assert f"전체 {len(names)}쪽 가운데 {number}쪽" in page.title.get_text()
        paged += len(names) > 1
        assert links == expected
        cities_in_order = [slug for slug, _ in itertools.groupby(s for s, _ in links)]
        assert len(cities_in_order) == len(set(cities_in_order))  # a city's rows stay together
    assert paged  # the data has a theme long enough to be split at 3 rows


@pytest.mark.parametrize("slug", SLUGS)
def test_no_citation_on_a_city_page_says_the_source_lacks_something(site: Path, slug: str) -> None:
    """What the source leaves empty is left out of a citation; the article's author is named."""
    page = soup(site / "city" / f"{slug}.html")
    cited = [p.get_text() for p in page.find_all("p", class_="citation")]
    assert len(cited) > 2
    assert [c for c in cited if UNKNOWN in c] == []
    for author in {row["author"] for row in rows_of(slug, "sources") if row.get("author")}:
        assert all(author in c for c in cited), author
