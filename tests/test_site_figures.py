"""Tier 3, on the session's one built site: 국비 비중, citations, permalinks and charts.

Each expectation is taken from the CSVs, so a data change moves the test with it; the
exact strings are the cases people cite (파주's ITS row).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from planpress.records import read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datapackage"
SLUGS = sorted(p.name for p in DATA.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
PAJU_ITS = (
    "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준, 스마트 교통체계(ITS) 구축"
    " 총사업비 200억 원(국비 120억 원) — planpress 데이터 {version}({updated} 수정)."
    " 출처: 유희환, 「파주시, 파주형 뉴딜로 미래 성장동력 만든다」(2021-03-16)."
)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def rows_of(slug: str, resource: str) -> list[dict[str, str]]:
    return [cells for _, cells in read_table((DATA / slug / f"{resource}.csv").read_bytes()).rows]


def city_name(slug: str) -> str:
    import json

    return json.loads((DATA / slug / "datapackage.json").read_text("utf-8"))["city"]["name_ko"]


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


# -- 국비 비중 ------------------------------------------------------------------------------


def test_city_pages_show_the_national_share_only_where_both_figures_are_stated(built_site):
    shown = {
        slug: words(soup(built_site / "city" / f"{slug}.html").select_one("dd.share"))
        for slug in SLUGS
    }
    assert shown["paju"] == (
        "45.3% (계산값: 국비 ÷ 총사업비 = 483억 원 ÷ 1,066억 원, 소수점 둘째 자리에서 반올림)"
    )
    assert shown["uijeongbu"] == "출처에 없음 (국비가 출처에 없어 계산하지 않았습니다)"
    for slug in SLUGS:
        plan = rows_of(slug, "plans")[0]
        if not (plan["national_budget_krw"] and plan["total_budget_krw"]):
            assert shown[slug].startswith("출처에 없음 ("), slug


def test_the_comparison_has_a_computed_national_share_column(built_site):
    page = soup(built_site / "compare.html")
    header = [words(th) for th in page.select("#compare-table thead tr")[1].find_all("th")]
    assert "비중 (계산값: 국비 ÷ 총사업비)" in header
    column = 3 + header.index("비중 (계산값: 국비 ÷ 총사업비)")  # 도시, 발표일, 계획 기간 first
    cells = {
        words(tr.th): words(tr.find_all(["th", "td"])[column])
        for tr in page.select("#compare-table tbody tr")
    }
    assert cells[city_name("paju")] == "45.3% (계산값: 국비 ÷ 총사업비 = 483억 원 ÷ 1,066억 원)"
    assert {name for name, cell in cells.items() if cell == "출처에 없음"} == {
        city_name(s) for s in SLUGS if s != "paju"
    }
    assert "소수점 둘째 자리에서 반올림" in words(page)


# -- citations and permalinks -------------------------------------------------------------


def test_paju_its_row_carries_the_exact_citation(built_site):
    import json

    descriptor = json.loads((DATA / "paju" / "datapackage.json").read_text("utf-8"))
    page = soup(built_site / "city" / "paju.html")
    cited = page.select_one("#programme-its details.row-cite .citation")
    assert cited.get_text() == PAJU_ITS.format(**descriptor)
    assert cited["data-copy-label"] == "스마트 교통체계(ITS) 구축 인용문"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_programme_row_and_city_page_has_a_citation_to_copy(built_site, slug):
    page = soup(built_site / "city" / f"{slug}.html")
    rows = page.select("#programmes-table tbody tr")
    assert len(rows) == len(rows_of(slug, "programmes"))
    for row in rows:
        cite = row.select_one("details.row-cite[data-filter-skip] .citation[data-copy-label]")
        assert cite is not None and cite["id"] == f"cite-{row['id']}", row["id"]
        assert "planpress 데이터" in cite.get_text(), row["id"]
        assert row.select_one("details.row-cite summary").get_text().startswith("인용")
        assert row.select_one(f"th a[href='#{row['id']}']"), f"{row['id']}: no permalink"
    assert page.select_one("#citation[data-copy-label]").get_text().startswith("planpress, ")
    plan = rows_of(slug, "plans")[0]
    assert page.select_one(f"#cite-{plan['plan_id']}").get_text().startswith(city_name(slug))
    assert not page.select("button"), "copy buttons come from cite.js, never from the HTML"


@pytest.mark.parametrize("page_name", ["compare.html", *(f"city/{s}.html" for s in SLUGS)])
def test_every_in_page_link_resolves_to_an_id_on_the_page(built_site, page_name):
    page = soup(built_site / page_name)
    ids = {element["id"] for element in page.find_all(id=True)}
    targets = {a["href"][1:] for a in page.select("a[href^='#']")}
    assert targets and targets - ids == set()


# -- charts -------------------------------------------------------------------------------


def check_chart(page: BeautifulSoup, figure) -> list[str]:
    """A chart is an image named by its title and desc, beside a real table it links to."""
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id and svg.find("title").get_text().strip()
    assert svg.find("desc")["id"] == desc_id and svg.find("desc").get_text().strip()
    assert not svg.select("[style]")
    table_id = figure.select_one(".chart-source a")["href"].removeprefix("#")
    table = page.find("table", id=table_id)
    assert table is not None and table.caption is not None
    assert table.select("th[scope]")
    return [g.find("text").get_text() for g in svg.select("g.chart-bar")]


@pytest.mark.parametrize("slug", SLUGS)
def test_pillar_budget_chart_draws_only_the_budgets_the_plan_declares(built_site, slug):
    page = soup(built_site / "city" / f"{slug}.html")
    top = [row for row in rows_of(slug, "pillars") if not row["parent_id"]]
    declared = [row["name_ko"] for row in top if row["budget_krw"]]
    figures = page.select("#pillars ~ figure.chart, section figure.chart[id^='chart-pillar']")
    if not declared:
        assert figures == [], slug
        assert "분야별 사업비가 출처에 없어 그래프를 그리지 않았습니다." in words(page)
        return
    (figure,) = figures
    assert check_chart(page, figure) == declared
    missing = [row["name_ko"] for row in top if not row["budget_krw"]]
    left_out = figure.select_one(".chart-left-out")
    assert (words(left_out) if left_out else "") == (
        f"사업비가 출처에 없어 막대를 그리지 않은 분야: {', '.join(missing)}." if missing else ""
    )


@pytest.mark.parametrize(
    ("chart_id", "column", "label"),
    [
        ("chart-declared-budget", "total_budget_krw", "총사업비"),
        ("chart-declared-jobs", "jobs_target", "일자리 목표"),
    ],
)
def test_compare_charts_draw_declared_figures_and_name_who_did_not_disclose(
    built_site, chart_id, column, label
):
    page = soup(built_site / "compare.html")
    figure = page.find("figure", id=f"{chart_id}-figure")
    names = sorted((city_name(s), rows_of(s, "plans")[0][column]) for s in SLUGS)
    assert check_chart(page, figure) == [name for name, value in names if value]
    missing = ", ".join(name for name, value in names if not value)
    assert words(figure.select_one(".chart-left-out")) == (
        f"{label}가 출처에 없어 막대를 그리지 않은 도시: {missing}."
    )


def test_compare_page_charts_programmes_per_theme_from_the_theme_table(built_site):
    page = soup(built_site / "compare.html")
    figure = page.find("figure", id="chart-themes-figure")
    drawn = check_chart(page, figure)
    rows = page.select("#themes-table tbody tr")
    assert drawn == [words(row.th.a) for row in rows]
    values = [t.get_text() for t in figure.select("text.chart-value")]
    assert values == [words(row.find_all("td")[0]) for row in rows]


def test_a_published_site_cites_each_row_by_its_public_address(tmp_path: Path) -> None:
    import shutil

    from test_site import MINIMAL, run_generator

    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data / "minimal")
    run_generator(data, tmp_path / "out", PLANPRESS_PUBLIC_URL="https://example.org/plans")
    page = soup(tmp_path / "out" / "city" / "minimal.html")
    rows = page.select("#programmes-table tbody tr")
    assert rows
    for row in rows:
        address = f"https://example.org/plans/city/minimal.html#{row['id']}"
        assert f"수정), {address}. 출처:" in row.select_one(".citation").get_text()
    plan_cite = page.select_one(".plan-cite .citation").get_text()
    assert "수정), https://example.org/plans/city/minimal.html. 출처:" in plan_cite
