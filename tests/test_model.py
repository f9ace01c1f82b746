"""Tier 1: typed records built from small validated packages, and the figures they report."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from planpress.load import RawPackage, SchemaSet, load_package, load_packages
from planpress.model import Pillar, Programme, Site, Tally, build_site
from planpress.validate import validate_packages

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal"
PLAN = "example-plan"

# Children listed before their parents and siblings out of name order: the model must not
# depend on file order for nesting, but must keep file order among siblings.
NESTED_PILLARS = """\
pillar_id,plan_id,parent_id,name_ko,name_en,description_ko,programme_count,budget_krw,jobs,source_id,notes
green-sub,example-plan,green,녹지,,,,,,example-article,
digital,example-plan,,디지털 뉴딜,,,3,200000000,,example-article,
green-sub-sub,example-plan,green-sub,옥상 녹화,,,,,,example-article,
green,example-plan,,그린 뉴딜,,,2,100000000,,example-article,
digital-b,example-plan,digital,데이터,,,1,,,example-article,
digital-a,example-plan,digital,교통,,,2,,,example-article,
"""
NESTED_PROGRAMMES = """\
programme_id,plan_id,pillar_id,parent_programme_id,name_ko,summary_ko,budget_krw,budget_status,national_budget_krw,national_budget_status,provincial_budget_krw,municipal_budget_krw,private_budget_krw,jobs,approximate,start_year,end_year,flagship,row_kind,competitive_grant,themes,source_id,notes
smart-traffic,example-plan,digital-a,,스마트 교통체계,,200000000,,,,,,,,,,,true,declared-task,,digital;transport,example-article,
green-roof,example-plan,green-sub-sub,,옥상 녹화,,,,,,,,,,,,,false,declared-task,,green,example-article,
park,example-plan,green,,공원,,,,,,,,,,,,,false,declared-task,,green,example-article,
data-hub,example-plan,,,데이터 허브,,50000000,,,,,,,,,,,false,declared-task,,,example-article,
"""


def build_checked(data: Path, schemas: SchemaSet) -> Site:
    """The site of a data folder, after checking the folder is valid (as the build does)."""
    return build_raws(load_packages(data), schemas)


def build_raws(raws: list[RawPackage], schemas: SchemaSet) -> Site:
    assert validate_packages(raws, schemas) == []
    return build_site(raws, schemas)


@pytest.fixture
def build(schemas: SchemaSet) -> Callable[[Path], Site]:
    return lambda data: build_checked(data, schemas)


@pytest.fixture(scope="module")
def minimal(schemas: SchemaSet) -> Site:
    return build_raws([load_package(MINIMAL)], schemas)


@pytest.fixture(scope="module")
def nested(schemas: SchemaSet, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The minimal package with nested pillars; built once, as every test only reads it."""
    data = tmp_path_factory.mktemp("nested")
    shutil.copytree(MINIMAL, data / "minimal")
    (data / "minimal" / "pillars.csv").write_text(NESTED_PILLARS, encoding="utf-8")
    (data / "minimal" / "programmes.csv").write_text(NESTED_PROGRAMMES, encoding="utf-8")
    return build_checked(data, schemas)


def with_plan_id(minimal_csv: Callable[[str], str], plan_id: str) -> dict[str, str]:
    """Every CSV of the minimal package with its plan renamed: plan IDs are unique site-wide."""
    return {
        name: minimal_csv(name).replace(PLAN, plan_id)
        for name in ("plans", "pillars", "programmes", "targets")
    }


def ids(records: tuple[Pillar, ...] | tuple[Programme, ...]) -> tuple[str, ...]:
    return tuple(r.pillar_id if isinstance(r, Pillar) else r.programme_id for r in records)


# -- Tally ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "parts_sum", "agrees"),
    [
        (5, 5, True),
        (0, 0, True),
        (5, 4, False),  # validation refuses this (total-mismatch), so only Tally can show it
        (None, 5, None),
        (5, None, None),
        (None, None, None),
    ],
)
def test_tally_agrees_only_when_both_figures_are_known(declared, parts_sum, agrees):
    assert Tally(declared, parts_sum, 2, 2).agrees is agrees


def blank_column(text: str, row_id: str, column: int) -> str:
    """The CSV text with one cell (0-based column) of the row starting `row_id,` emptied."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(f"{row_id},"):
            cells = line.rstrip("\n").split(",")
            cells[column] = ""
            lines[i] = ",".join(cells) + "\n"
    return "".join(lines)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("budget", Tally(300000000, 300000000, 2, 2)),
        ("count", Tally(5, 5, 2, 2)),
        ("jobs", Tally(10, None, 0, 2)),  # no top pillar declares jobs
    ],
)
def test_plan_tally_puts_declared_total_beside_top_pillars(minimal, measure, expected):
    assert minimal.cities[0].plan.tally(measure) == expected


@pytest.mark.parametrize(
    ("resource", "row_id", "column", "expected"),
    [
        ("plans", PLAN, 8, Tally(None, 300000000, 2, 2)),  # total_budget_krw left blank
        ("pillars", "green", 7, Tally(300000000, None, 1, 2)),  # one pillar's budget_krw blank
    ],
)
def test_plan_tally_leaves_agreement_open_when_a_figure_is_missing(
    make_package, build, minimal_csv, resource, row_id, column, expected
):
    edited = blank_column(minimal_csv(resource), row_id, column)
    tally = build(make_package(**{resource: edited})).cities[0].plan.tally("budget")
    assert (tally, tally.agrees) == (expected, None)


@pytest.mark.parametrize(
    ("pillar_id", "measure", "expected"),
    [
        ("digital", "count", Tally(3, 3, 2, 2)),
        ("digital", "budget", Tally(200000000, None, 0, 2)),
        ("green", "count", Tally(2, None, 0, 1)),
        ("green-sub-sub", "count", Tally(None, None, 0, 0)),  # no parts at all
    ],
)
def test_pillar_tally_sums_only_direct_children(nested, pillar_id, measure, expected):
    plan = nested.cities[0].plan
    assert plan.tally(measure, plan.pillar(pillar_id)) == expected


# -- pillars --------------------------------------------------------------------------


def test_order_pillars_is_depth_first_keeping_file_order_among_siblings(nested):
    pillars = nested.cities[0].plan.pillars
    assert [(p.pillar_id, p.depth) for p in pillars] == [
        ("digital", 0),
        ("digital-b", 1),
        ("digital-a", 1),
        ("green", 0),
        ("green-sub", 1),
        ("green-sub-sub", 2),
    ]


def test_top_pillars_and_children_follow_the_same_order(nested):
    plan = nested.cities[0].plan
    assert (ids(plan.top_pillars), ids(plan.children("digital")), ids(plan.children("nope"))) == (
        ("digital", "green"),
        ("digital-b", "digital-a"),
        (),
    )


@pytest.mark.parametrize(
    ("pillar_id", "path"),
    [
        ("green-sub-sub", ("green", "green-sub", "green-sub-sub")),
        ("digital-a", ("digital", "digital-a")),
        ("digital", ("digital",)),
        ("nope", ()),
        (None, ()),
    ],
)
def test_pillar_path_runs_from_the_outermost_ancestor(nested, pillar_id, path):
    assert ids(nested.cities[0].plan.pillar_path(pillar_id)) == path


@pytest.mark.parametrize(
    ("pillar_id", "programmes"),
    [
        ("green", ("green-roof", "park")),  # green-roof sits two levels down
        ("green-sub", ("green-roof",)),
        ("digital", ("smart-traffic",)),
        ("digital-b", ()),
    ],
)
def test_programmes_under_includes_every_descendant_pillar(nested, pillar_id, programmes):
    assert ids(nested.cities[0].plan.programmes_under(pillar_id)) == programmes


# -- programmes -----------------------------------------------------------------------


def test_listed_budget_sum_adds_the_programmes_that_declare_a_budget(nested):
    assert nested.cities[0].plan.listed_budget_sum == 250000000


def test_listed_budget_sum_is_none_when_no_programme_declares_a_budget(
    make_package, build, minimal_csv
):
    programmes = blank_column(minimal_csv("programmes"), "smart-traffic", 6)
    plan = build(make_package(programmes=programmes)).cities[0].plan
    assert plan.listed_budget_sum is None


@pytest.mark.parametrize(
    ("cell", "themes"),
    [
        ("digital;transport", ("digital", "transport")),
        ("green", ("green",)),
        ("", ()),
    ],
)
def test_programme_themes_split_on_semicolons(make_package, build, minimal_csv, cell, themes):
    programmes = minimal_csv("programmes").replace("digital;transport", cell)
    city = build(make_package(programmes=programmes)).cities[0]
    assert city.programmes[0].themes == themes


def test_programmes_by_theme_follows_the_vocabulary_and_leaves_empty_themes_out(
    make_package, build, minimal_csv
):
    make_package("alpha")
    site = build(make_package("beta", **with_plan_id(minimal_csv, "beta-plan")))
    grouped = [
        (theme["theme_id"], [(city.slug, p.programme_id) for city, p in found])
        for theme, found in site.programmes_by_theme()
    ]
    assert grouped == [
        ("digital", [("alpha", "smart-traffic"), ("beta", "smart-traffic")]),
        ("green", [("alpha", "green-roof"), ("beta", "green-roof")]),
        ("transport", [("alpha", "smart-traffic"), ("beta", "smart-traffic")]),
    ]


# -- cities and site ------------------------------------------------------------------


def updated_on(day: str) -> dict:
    """A descriptor patch: the package updated on `day`, its newest history entry with it."""
    return {
        "updated": day,
        "history": [{"version": "1.0.0", "date": day, "changes_ko": "첫 공개."}],
    }


def test_site_updated_is_the_latest_city_update(make_package, build, minimal_csv):
    make_package("alpha", descriptor_patch=updated_on("2027-01-05"))
    site = build(
        make_package(
            "beta", descriptor_patch=updated_on("2026-11-22"), **with_plan_id(minimal_csv, "b")
        )
    )
    assert ([c.slug for c in site.cities], site.updated) == (["alpha", "beta"], "2027-01-05")


def test_site_without_cities_has_no_update_date(schemas):
    assert Site((), schemas).updated is None


@pytest.mark.parametrize(
    ("source_id", "title"),
    [
        ("example-article", "예시시, 뉴딜 추진"),
        ("nope", None),
        (None, None),
    ],
)
def test_city_source_finds_a_source_by_id(minimal, source_id, title):
    source = minimal.cities[0].source(source_id)
    assert (source.title if source else None) == title


def test_source_with_empty_title_and_date_reads_as_none(make_package, build):
    sources = (
        "source_id,publisher,title,author,published,url,accessed,notes\n"
        "example-article,예시신문,,,,,2026-11-22,\n"
    )
    source = build(make_package(sources=sources)).cities[0].source("example-article")
    assert (source.publisher, source.title, source.published, source.accessed.isoformat()) == (
        "예시신문",
        None,
        None,
        "2026-11-22",
    )


def test_theme_programmes_name_each_city_once_in_site_order(make_package, build, minimal_csv):
    make_package("beta", programmes=minimal_csv("programmes").replace(",green,", ",digital,"))
    site = build(make_package("alpha", **with_plan_id(minimal_csv, "alpha-plan")))
    digital = site.programmes_by_theme()[0]
    assert (digital.theme_id, [c.slug for c in digital.cities], len(digital.found)) == (
        "digital",
        ["alpha", "beta"],
        3,
    )


# -- computed figures: 국비 비중 ------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [
        (48300000000, 106600000000, "45.3"),  # 파주: 483억 ÷ 1,066억 = 45.309…%
        (12000000000, 20000000000, "60.0"),  # 파주 ITS: 120억 ÷ 200억, the zero kept
        (1, 16, "6.3"),  # 6.25: half up, not to even
        (1, 8, "12.5"),
        (0, 100, "0.0"),  # a stated 0 is a figure
        (100, 100, "100.0"),
    ],
)
def test_a_share_is_a_percentage_to_one_decimal_rounded_half_up(part, whole, percent) -> None:
    from decimal import Decimal

    from planpress.model import compute_share

    share = compute_share(part, whole)
    assert share is not None and share.percent == Decimal(percent)
    assert (share.part, share.whole, share.approximate) == (part, whole, False)


@pytest.mark.parametrize(("part", "whole"), [(None, 100), (100, None), (None, None), (0, 0)])
def test_no_share_is_computed_from_a_figure_the_source_does_not_state(part, whole) -> None:
    from planpress.model import compute_share

    assert compute_share(part, whole) is None


def test_an_approximate_figure_makes_the_programme_share_approximate(schemas) -> None:
    from planpress.model import compute_share

    assert compute_share(1, 3, approximate=True).approximate is True
    row = dict(
        programme_id="x", plan_id="p", pillar_id=None, parent_programme_id=None, name_ko="x",
        summary_ko=None, budget_krw=300, national_budget_krw=100, provincial_budget_krw=None,
        municipal_budget_krw=None, private_budget_krw=None, jobs=5, start_year=None,
        end_year=None, flagship=False, themes=(), source_id="s", notes=None,
        budget_status=None, national_budget_status=None, row_kind="declared-task",
        competitive_grant=None,
    )  # fmt: skip
    assert Programme(**row, approximate=("budget_krw",)).national_share.approximate is True
    assert Programme(**row, approximate=("jobs",)).national_share.approximate is False
    assert str(Programme(**row, approximate=()).national_share.percent) == "33.3"


def test_only_paju_states_both_national_funding_and_total_of_its_plan(schemas) -> None:
    """The real data: 파주 declares both (45.3%); 의정부 a total without 국비; the rest neither."""
    site = build_checked(Path(__file__).parents[1] / "datapackage", schemas)
    shares = {c.slug: c.plan.national_share for c in site.cities}
    assert {slug: str(s.percent) for slug, s in shares.items() if s} == {"paju": "45.3"}
    uijeongbu = next(c.plan for c in site.cities if c.slug == "uijeongbu")
    assert (uijeongbu.total_budget_krw, uijeongbu.national_budget_krw) == (147500000000, None)
    programme_shares = {
        (c.slug, p.programme_id): str(p.national_share.percent)
        for c in site.cities
        for p in c.programmes
        if p.national_share
    }
    assert programme_shares == {("paju", "its"): "60.0"}


def test_qualitative_targets_are_kept_out_of_the_figures(build, make_package, minimal_csv):
    """A target without a number stays on the plan but never among the figures to chart."""
    header, row = minimal_csv("targets").splitlines()
    air = "air,example-plan,,,대기질 전국 최고 수준,,,,,example-article,"
    plan = build(make_package(targets=f"{header}\n{row}\n{air}\n")).cities[0].plan
    assert [t.target_id for t in plan.targets] == ["ghg", "air"]
    assert [t.target_id for t in plan.numeric_targets] == ["ghg"]
    assert plan.targets[1].qualitative and plan.targets[1].value is None


def test_declared_rows_are_the_declared_tasks_and_named_examples(build, make_package, minimal_csv):
    programmes = minimal_csv("programmes").replace(",false,declared-task,", ",false,activity,", 1)
    plan = build(make_package(programmes=programmes)).cities[0].plan
    assert [p.programme_id for p in plan.declared_rows] == ["smart-traffic"]
    assert [p.programme_id for p in plan.rows_of_kind("activity")] == ["green-roof"]


def test_listed_sums_count_a_sub_item_s_money_once(build, make_package, minimal_csv):
    sub_item = (
        "traffic-signal,example-plan,digital,smart-traffic,신호 연동,,150000000,,100000000,"
        ",,,,,,,,false,activity,,digital,example-article,\n"
        "signal-parts,example-plan,digital,traffic-signal,신호 부품,,50000000,,,"
        ",,,,,,,,false,activity,,digital,example-article,\n"
        "roof-pilot,example-plan,green,green-roof,옥상 시범,,70000000,,,"
        ",,,,,,,,false,activity,,green,example-article,\n"
    )
    plan = build(make_package(programmes=minimal_csv("programmes") + sub_item)).cities[0].plan
    # smart-traffic's 2억 holds its sub-items; green-roof states none, so its sub-item counts
    assert plan.listed_budget_sum == 200000000 + 70000000
    assert [p.programme_id for p in plan.programmes_with_budget] == ["smart-traffic", "roof-pilot"]
    assert plan.listed_national_sum == 120000000


def test_a_listed_sum_holding_an_approximate_figure_is_approximate(
    build, make_package, minimal_csv
):
    import dataclasses

    rows = (
        "roof-pilot,example-plan,green,green-roof,옥상 시범,,70000000,,,"
        ",,,,,,,,false,activity,,green,example-article,\n"
        # a sub-item of a task that states its own budget: not in the sum
        "traffic-signal,example-plan,digital,smart-traffic,신호 연동,,150000000,,,"
        ",,,,,,,,false,activity,,digital,example-article,\n"
    )
    plan = build(make_package(programmes=minimal_csv("programmes") + rows)).cities[0].plan
    assert not plan.listed_budget_approximate and not plan.listed_national_approximate

    def rough(programme_id: str, column: str):
        programmes = tuple(
            dataclasses.replace(p, approximate=(column,)) if p.programme_id == programme_id else p
            for p in plan.programmes
        )
        return dataclasses.replace(plan, programmes=programmes)

    assert rough("roof-pilot", "budget_krw").listed_budget_approximate
    assert not rough("roof-pilot", "budget_krw").listed_national_approximate
    assert rough("smart-traffic", "national_budget_krw").listed_national_approximate
    # the sub-item's budget is inside its task's, so its rough figure is not in the sum
    assert not rough("traffic-signal", "budget_krw").listed_budget_approximate
