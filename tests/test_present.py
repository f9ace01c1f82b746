"""Tier 1: what the site says — filters, labels and editorial sentences, with no Pelican."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest
from markupsafe import Markup

from planpress.model import City, Pillar, Plan, Programme, Tally, ThemeProgrammes
from planpress.present import (
    UNKNOWN,
    UNKNOWN_PREDICATE,
    WITHHELD,
    format_krw_text,
    format_size,
    list_child_tallies,
    list_funding,
    list_reconciliation,
    render_child_tally,
    render_count,
    render_date,
    render_krw,
    render_listed_budget,
    render_listed_count,
    render_listed_national_note,
    render_period,
    render_pillar_budget_sum,
    render_pillar_path,
    render_programme_count,
    render_tally,
    render_target_value,
    render_theme_caption,
    render_theme_summary,
    render_unknown_legend,
    render_year,
)

UNKNOWN_SPAN = '<span class="unknown">출처에 없음</span>'


@pytest.mark.parametrize(
    ("won", "markup"),
    [
        (None, UNKNOWN_SPAN),
        (
            106600000000,
            '<data class="krw" value="106600000000" title="106,600,000,000원">1,066억 원'
            '<span class="visually-hidden"> (106,600,000,000원)</span></data>',
        ),
        (
            4736500000000,
            '<data class="krw" value="4736500000000" title="4,736,500,000,000원">4조 7,365억 원'
            '<span class="visually-hidden"> (4,736,500,000,000원)</span></data>',
        ),
        (
            0,
            '<data class="krw" value="0" title="0원">0원'
            '<span class="visually-hidden"> (0원)</span></data>',
        ),
    ],
)
def test_render_krw_shows_korean_units_and_keeps_the_exact_won(won, markup):
    assert (render_krw(won), type(render_krw(won))) == (markup, Markup)


def test_render_count_says_approximate_and_keeps_the_stated_number():
    assert render_count(9300, "개", approximate=True) == Markup(
        '<data value="9300" class="approximate" title="출처가 어림수로 밝힌 값">약 9,300개</data>'
    )
    assert render_target_value(15, "%", True).striptags() == "약 15%"
    assert render_count(None, "개", approximate=True) == render_count(None, "개")


@pytest.mark.parametrize(
    ("value", "unit", "markup"),
    [
        (None, "개", UNKNOWN_SPAN),
        (110000, "개", '<data value="110000">11만 개</data>'),
        (0, "", '<data value="0">0</data>'),
        (2.5, "%", '<data value="2.5">2.5%</data>'),
    ],
)
def test_render_count_separates_thousands_and_adds_the_counter(value, unit, markup):
    assert render_count(value, unit) == markup


@pytest.mark.parametrize(
    ("value", "unit", "markup"),
    [
        (1000, "jobs", '<data value="1000">1,000개</data>'),
        (300, "persons", '<data value="300">300명</data>'),
        (2500000, "t", '<data value="2500000">250만 톤</data>'),
        (40, "%", '<data value="40">40%</data>'),
        (3, "회", '<data value="3">3회</data>'),  # a unit without a word is shown as written
        (None, "t", UNKNOWN_SPAN),
    ],
)
def test_render_target_value_writes_the_unit_in_korean(value, unit, markup):
    assert render_target_value(value, unit) == markup


@pytest.mark.parametrize(
    ("value", "markup"),
    [
        (None, '<span class="unknown">출처에 없음</span>'),
        (dt.date(2021, 3, 16), '<time datetime="2021-03-16">2021-03-16</time>'),
    ],
)
def test_render_date_marks_up_a_machine_readable_date(value, markup):
    assert render_date(value) == markup


@pytest.mark.parametrize(
    ("start", "end", "markup"),
    [
        (2021, 2021, "2021년"),
        (2021, 2025, "2021–2025년"),
        (None, 2025, '2025년까지 <span class="muted">(시작 연도 미상)</span>'),
        (2021, None, '2021년부터 <span class="muted">(종료 연도 미상)</span>'),
        (None, None, UNKNOWN_SPAN),
    ],
)
def test_render_period_says_which_end_is_unknown(start, end, markup):
    assert render_period(start, end) == markup


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (1023, "1,023 B"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (1024 * 1024, "1.0 MB"),
        (5 * 1024**3, "5,120.0 MB"),
    ],
)
def test_format_size_picks_the_unit_by_size(size, text):
    assert format_size(size) == text


@pytest.mark.parametrize("size", [1024 * 1024 - 1, 1024 * 1024 - 51])
def test_format_size_never_shows_1024_of_a_unit(size):
    assert format_size(size) == "1.0 MB"


HOSTILE = '"><script>alert(1)</script>'
ESCAPED = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize(
    ("render", "markup"),
    [
        (lambda: render_count(7, HOSTILE), f'<data value="7">7{ESCAPED}</data>'),
        (lambda: render_target_value(7, HOSTILE), f'<data value="7">7{ESCAPED}</data>'),
    ],
)
def test_unit_text_from_the_data_is_escaped(render, markup):
    assert render() == markup


# -- the unknown-value wording ----------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def test_unknown_legend_says_empty_is_neither_zero_nor_withheld():
    assert render_unknown_legend() == (
        '‘<span class="unknown">출처에 없음</span>’은 출처가 밝히지 않은 값입니다. '
        "0이 아니며, 시가 숨긴 값이라는 뜻도 아닙니다. ‘비공개’는 출처가 그 수치를 공개하지 "
        "않는다고 밝힌 경우에만 쓰는 말이며, 지금 실린 데이터에는 그런 값이 없습니다."
    )


def test_format_krw_text_says_unknown_in_the_site_wording():
    assert (format_krw_text(None), format_krw_text(106600000000)) == ("출처에 없음", "1,066억 원")


@pytest.mark.parametrize(
    "template", sorted((ROOT / "theme" / "templates").glob("*.html")), ids=lambda p: p.name
)
def test_templates_never_spell_the_unknown_wording(template: Path):
    """They call unknown() and the sentence functions, so the wording changes in one place."""
    text = template.read_text("utf-8")
    assert [w for w in (UNKNOWN, UNKNOWN_PREDICATE, WITHHELD, "공개되지 않") if w in text] == []


def test_methodology_page_uses_the_site_wording_for_empty_and_withheld():
    text = (ROOT / "content" / "pages" / "methodology.md").read_text("utf-8")
    assert (f"‘{UNKNOWN}’" in text, f"‘{WITHHELD}’" in text, "공개되지 않" in text) == (
        True,
        True,
        False,
    )


def test_package_readme_explains_empty_cells_in_the_site_wording(schemas):
    from planpress.downloads import city_scope, render_readme, scope_downloads
    from planpress.load import load_package
    from planpress.model import build_site

    site = build_site([load_package(ROOT / "tests" / "fixtures" / "valid" / "minimal")], schemas)
    scope = city_scope(site.cities[0], schemas)
    readme = render_readme(scope, scope_downloads(scope)).decode()
    assert f"빈칸은 '{UNKNOWN}'이며 0이 아닙니다." in readme


# -- editorial sentences ------------------------------------------------------------------
# Records are built inline: each test names only the figures its sentence depends on.


def make_plan(
    pillars: tuple[Pillar, ...] = (), programmes: tuple[Programme, ...] = (), **figures
) -> Plan:
    fields = {
        "plan_id": "p",
        "title_ko": "계획",
        "title_en": None,
        "announced": None,
        "occasion_ko": None,
        "period_start": None,
        "period_end": None,
        "vision_ko": None,
        "total_budget_krw": None,
        "budget_status": None,
        "national_budget_krw": None,
        "national_budget_status": None,
        "jobs_target": None,
        "programme_count": None,
        "programme_unit_ko": None,
        "source_id": "s",
        "notes": None,
    }
    return Plan(**{**fields, **figures}, pillars=pillars, programmes=programmes)


def make_pillar(pillar_id: str, parent_id: str | None = None, **figures) -> Pillar:
    fields = {
        "programme_count": None,
        "budget_krw": None,
        "jobs": None,
        "name_en": None,
        "description_ko": None,
    }
    return Pillar(
        pillar_id=pillar_id,
        plan_id="p",
        parent_id=parent_id,
        name_ko=figures.pop("name_ko", pillar_id),
        source_id="s",
        notes=None,
        depth=0 if parent_id is None else 1,
        **{**fields, **figures},
    )


def make_programme(programme_id: str, pillar_id: str | None = None, **figures) -> Programme:
    money = ("budget_krw", "national_budget_krw", "provincial_budget_krw")
    fields = {c: None for c in (*money, "municipal_budget_krw", "private_budget_krw", "jobs")}
    return Programme(
        programme_id=programme_id,
        plan_id="p",
        pillar_id=pillar_id,
        parent_programme_id=figures.pop("parent_programme_id", None),
        name_ko=figures.pop("name_ko", programme_id),
        summary_ko=None,
        flagship=False,
        themes=(),
        source_id="s",
        notes=None,
        **{
            "approximate": (),
            "start_year": None,
            "end_year": None,
            "budget_status": None,
            "national_budget_status": None,
            "row_kind": "declared-task",
            "competitive_grant": None,
            **fields,
            **figures,
        },
    )


def make_city(name_ko: str, plan: Plan | None) -> City:
    return City(
        slug=name_ko,
        title="t",
        description=None,
        name_ko=name_ko,
        name_en="x",
        province_ko="도",
        province_en="x",
        admin_level=None,
        version="1.0.0",
        updated="2026-11-22",
        licenses=(),
        contributors=(),
        keywords=(),
        plans=(plan,) if plan else (),
        sources=(),
        raw=None,
    )


def text(markup: Markup | None) -> str:
    """What a reader sees and a screen reader says: tags dropped, exact won kept."""
    assert isinstance(markup, Markup)
    return markup.striptags()


@pytest.mark.parametrize(
    ("tally", "sentence"),
    [
        (Tally(None, None, 0, 0), "과제 수는 출처에 없습니다."),
        (Tally(43, None, 0, 0), "발표된 전체 과제 수: 43개."),
        (
            Tally(None, 12, 2, 2),
            "분야별 과제 수의 합은 12개이지만, 전체 과제 수는 발표되지 않았습니다.",
        ),
        (
            Tally(43, 43, 4, 4),
            "분야별 과제 수를 더하면 43개입니다. 발표된 전체 과제 수와 같습니다.",
        ),
        (
            Tally(
                50, 43, 4, 4
            ),  # validation refuses this (total-mismatch); the sentence is still true
            "분야별 과제 수를 더하면 43개로, 발표된 전체 과제 수 50개와 다릅니다.",
        ),
        (
            Tally(43, None, 1, 4),
            "발표된 전체 과제 수: 43개. 분야별 과제 수는 분야 4개 중 1개만 밝혀졌습니다.",
        ),
        (Tally(43, None, 0, 4), "발표된 전체 과제 수: 43개. 분야별 과제 수는 출처에 없습니다."),
        (
            Tally(None, None, 1, 4),
            "분야별 과제 수는 분야 4개 중 1개만 밝혀졌고, 전체 과제 수는 발표되지 않았습니다.",
        ),
        (Tally(None, None, 0, 4), "과제 수는 전체도 분야별로도 출처에 없습니다."),
    ],
    ids=[
        "no-parts-nothing",
        "no-parts-declared",
        "sum-only",
        "agrees",
        "differs",
        "declared-some-parts",
        "declared-no-parts",
        "some-parts-only",
        "nothing",
    ],
)
def test_render_tally_says_one_true_sentence_for_every_case(tally, sentence):
    assert text(render_tally(tally, "count")) == sentence


@pytest.mark.parametrize(
    ("tally", "measure", "sentence"),
    [
        (
            Tally(100000000, 150000000, 2, 2),
            "budget",
            "분야별 사업비를 더하면 1억 5,000만 원 (150,000,000원)으로, "
            "발표된 전체 사업비 1억 원 (100,000,000원)과 다릅니다.",
        ),
        (
            Tally(9897, 9897, 4, 4),
            "jobs",
            "분야별 일자리를 더하면 9,897개입니다. 발표된 전체 일자리와 같습니다.",
        ),
        (Tally(None, None, 0, 4), "jobs", "일자리는 전체도 분야별로도 출처에 없습니다."),
    ],
)
def test_render_tally_words_money_and_jobs_with_their_own_particles(tally, measure, sentence):
    assert text(render_tally(tally, measure)) == sentence


def test_render_tally_keeps_figures_machine_readable():
    assert render_tally(Tally(147500000000, 147500000000, 4, 4), "budget") == (
        '분야별 사업비를 더하면 <data class="krw" value="147500000000" '
        'title="147,500,000,000원">1,475억 원<span class="visually-hidden"> '
        "(147,500,000,000원)</span></data>입니다. 발표된 전체 사업비와 같습니다."
    )


def parent_with_children(parent: dict, *children: dict) -> Plan:
    pillars = (make_pillar("top", name_ko="산업뉴딜", **parent),)
    pillars += tuple(make_pillar(f"c{i}", "top", **c) for i, c in enumerate(children))
    return make_plan(pillars)


@pytest.mark.parametrize(
    ("plan", "sentence"),
    [
        (
            parent_with_children({}, {}, {}),
            "산업뉴딜의 하위 분야 2개: 하위 분야별 과제 수는 출처에 없습니다. "
            "하위 분야별 사업비는 출처에 없습니다.",
        ),
        (
            parent_with_children(
                {"programme_count": 5}, {"programme_count": 2}, {"programme_count": 3}
            ),
            "산업뉴딜의 하위 분야 2개: 과제 수를 더하면 5개이고, 산업뉴딜의 발표 과제 수와 "
            "같습니다. 하위 분야별 사업비는 출처에 없습니다.",
        ),
        (
            parent_with_children({}, {"programme_count": 2}, {"programme_count": 3}),
            "산업뉴딜의 하위 분야 2개: 과제 수를 더하면 5개입니다. "
            "하위 분야별 사업비는 출처에 없습니다.",
        ),
        (
            parent_with_children(
                {"budget_krw": 300000000}, {"budget_krw": 100000000}, {"budget_krw": 100000000}
            ),
            "산업뉴딜의 하위 분야 2개: 하위 분야별 과제 수는 출처에 없습니다. 사업비를 더하면 "
            "2억 원 (200,000,000원)으로, 산업뉴딜의 발표 사업비 3억 원 (300,000,000원)과 "
            "다릅니다.",
        ),
        (
            parent_with_children({}, {"budget_krw": 100000000}, {}),
            "산업뉴딜의 하위 분야 2개: 하위 분야별 과제 수는 출처에 없습니다. "
            "사업비는 2개 중 1개만 밝혀졌습니다.",
        ),
    ],
    ids=["nothing", "agrees", "sum-only", "differs", "some"],
)
def test_render_child_tally_says_what_sub_pillars_add_up_to(plan, sentence):
    assert text(render_child_tally(plan, plan.pillars[0])) == sentence


def test_child_tallies_are_one_line_per_pillar_with_sub_pillars():
    plan = make_plan(
        (
            make_pillar("a", name_ko="가"),
            make_pillar("a1", "a"),
            make_pillar("b", name_ko="나"),
            make_pillar("c", name_ko="다"),
            make_pillar("c1", "c"),
        )
    )
    assert [text(s).split(":")[0] for s in list_child_tallies(plan)] == [
        "가의 하위 분야 1개",
        "다의 하위 분야 1개",
    ]


LISTED = tuple(make_programme(f"x{i}") for i in range(3))


@pytest.mark.parametrize(
    ("figures", "sentence"),
    [
        (
            {"programme_count": 43},
            "계획은 과제 43개를 발표했고, 이 목록에는 출처에 나온 과제 3개가 실렸습니다. "
            "목록의 행이 발표된 개수와 하나씩 맞아떨어지지는 않을 수 있습니다(비고 참고).",
        ),
        (
            {"programme_count": 42, "programme_unit_ko": "사업"},
            "계획은 사업 42개를 발표했고, 이 목록에는 출처에 나온 과제 3개가 실렸습니다. "
            "목록의 행이 발표된 개수와 하나씩 맞아떨어지지는 않을 수 있습니다(비고 참고).",
        ),
        ({}, "전체 과제 수는 발표되지 않았고, 출처에 나온 과제 3개가 이 목록에 실렸습니다."),
    ],
    ids=["declared", "own-word", "undeclared"],
)
def test_render_listed_count_puts_declared_beside_listed(figures, sentence):
    assert text(render_listed_count(make_plan(programmes=LISTED, **figures))) == sentence


@pytest.mark.parametrize(
    ("budgets", "sentence"),
    [
        ((None, None, None), None),
        (
            (100000000, None, None),
            "목록에 실린 과제 3개 가운데 사업비가 알려진 1개의 합은 1억 원 (100,000,000원)입니다. "
            "나머지 2개 과제의 사업비는 출처에 없습니다.",
        ),
        (
            (100000000, 100000000, 0),
            "목록에 실린 과제 3개의 사업비를 모두 더하면 2억 원 (200,000,000원)입니다.",
        ),
    ],
    ids=["none", "some", "all"],
)
def test_render_listed_budget_adds_only_the_stated_budgets(budgets, sentence):
    programmes = tuple(make_programme(f"x{i}", budget_krw=b) for i, b in enumerate(budgets))
    rendered = render_listed_budget(make_plan(programmes=programmes))
    assert (text(rendered) if rendered is not None else None) == sentence


def test_a_sub_items_budget_inside_its_tasks_is_known_not_missing():
    programmes = (
        make_programme("task", budget_krw=300000000),
        make_programme("sub", budget_krw=100000000, parent_programme_id="task"),
        make_programme("other"),
    )
    assert text(render_listed_budget(make_plan(programmes=programmes))) == (
        "목록에 실린 과제 3개 가운데 사업비가 알려진 2개의 합은 3억 원 (300,000,000원)입니다."
        " 하위 과제 1개의 사업비는 상위 과제의 사업비에 들어 있어 한 번만 셌습니다."
        " 나머지 1개 과제의 사업비는 출처에 없습니다."
    )


def test_reconciliation_lists_count_then_each_tally_then_listed_budget():
    plan = make_plan(programmes=(make_programme("x", budget_krw=100000000),), programme_count=1)
    starts = [
        "계획은 과제 1개를",
        "발표한 과제 1개 가운데 1개(100%)가 목록에",
        "발표된 전체 과제 수:",
        "사업비는 출처에",
        "일자리는 출처에",
        "목록에",
    ]
    sentences = [text(s) for s in list_reconciliation(plan)]
    assert [s[: len(start)] for s, start in zip(sentences, starts, strict=True)] == starts
    assert len(list_reconciliation(make_plan())) == 5  # no listed budget: no sixth sentence


@pytest.mark.parametrize(
    ("budgets", "cell"),
    [
        ((100000000, 200000000), "3억 원 (300,000,000원)"),
        ((100000000, None), '<span class="unknown">분야 2곳 중 1곳만 출처에 있음</span>'),
        ((None, None), UNKNOWN_SPAN),
        ((), UNKNOWN_SPAN),
    ],
    ids=["all", "some", "none", "no-pillars"],
)
def test_render_pillar_budget_sum_says_how_much_of_the_sum_is_known(budgets, cell):
    pillars = tuple(make_pillar(f"p{i}", budget_krw=b) for i, b in enumerate(budgets))
    rendered = render_pillar_budget_sum(make_plan(pillars))
    assert (rendered.striptags() if "krw" in rendered else rendered) == cell


NOTE = (
    "국비의 ‘목록 과제 합’은 목록에 실린 과제 가운데 국비가 알려진 것만 더한 값으로, "
    "계획 전체의 국비가 아닙니다."
)


def national(*amounts: int | None) -> Plan:
    return make_plan(
        programmes=tuple(
            make_programme(f"x{i}", name_ko=f"{'가나다라마'[i]} 사업", national_budget_krw=a)
            for i, a in enumerate(amounts)
        )
    )


@pytest.mark.parametrize(
    ("cities", "sentence"),
    [
        ([], NOTE),
        ([make_city("가시", None), make_city("나시", national(None, None))], NOTE),
        ([make_city("가시", national(100000000, 100000000))], NOTE),  # every programme states it
        (
            [make_city("의정부시", national(None, 37600000000, None))],
            NOTE + " 의정부시는 과제 3개 가운데 ‘나 사업’의 국비 376억 원 (37,600,000,000원)만 "
            "알려져 있습니다.",
        ),
        (
            [
                make_city("파주시", national(100000000, None)),
                make_city("의정부시", national(100000000, 100000000, None)),
            ],
            NOTE + " 의정부시는 과제 3개 가운데 ‘가 사업’, ‘나 사업’ 2개의 국비 합 "
            "2억 원 (200,000,000원)만, 파주시는 과제 2개 가운데 ‘가 사업’의 국비 "
            "1억 원 (100,000,000원)만 알려져 있습니다.",
        ),
        (
            [make_city("서울", national(1, 1, 1, 1, None))],
            NOTE + " 서울은 과제 5개 가운데 4개의 국비 합 4원 (4원)만 알려져 있습니다.",
        ),
    ],
    ids=["no-cities", "none-known", "all-known", "one-named", "two-cities", "too-many-to-name"],
)
def test_render_listed_national_note_names_cities_with_partly_known_funding(cities, sentence):
    assert text(render_listed_national_note(cities)) == sentence


@pytest.mark.parametrize(
    ("pillar_id", "path"),
    [
        ("c0", "산업뉴딜 › c0"),
        ("top", "산업뉴딜"),
        (None, UNKNOWN_SPAN),
        ("gone", UNKNOWN_SPAN),
    ],
)
def test_render_pillar_path_names_every_level_or_says_it_is_unknown(pillar_id, path):
    plan = parent_with_children({}, {})
    assert render_pillar_path(plan, pillar_id) == path


def test_list_funding_keeps_the_stated_parts_in_budget_table_order():
    programme = make_programme("x", private_budget_krw=5, national_budget_krw=0)
    assert list_funding(programme) == [("국비", 0, False), ("민간", 5, False)]
    assert list_funding(make_programme("y")) == []


def test_an_approximate_part_of_the_funding_and_budget_read_as_approximate():
    from planpress.present import render_programme_budget

    rough = make_programme(
        "x", budget_krw=300, national_budget_krw=100, approximate=("national_budget_krw",)
    )
    assert list_funding(rough) == [("국비", 100, True)]
    assert text(render_krw(100, approximate=True)) == "약 100원 (100원)"
    assert 'class="krw approximate"' in render_krw(100, approximate=True)
    budget = make_programme("y", budget_krw=39000000000, approximate=("budget_krw",))
    assert text(render_programme_budget(budget)).startswith("약 390억 원")
    assert not text(render_programme_budget(rough)).startswith("약")


@pytest.mark.parametrize(("year", "markup"), [(2030, "2030년"), (None, UNKNOWN_SPAN)])
def test_render_year_says_the_year_or_that_it_is_unknown(year, markup):
    assert render_year(year) == markup


@pytest.mark.parametrize(
    ("figures", "markup"),
    [
        ({"programme_count": 43}, '<data value="43">43개</data>'),
        ({"programme_count": 43, "programme_unit_ko": "과제"}, '<data value="43">43개</data>'),
        (
            {"programme_count": 49, "programme_unit_ko": "추진과제"},
            '<data value="49">49개</data> <span class="muted">(출처의 표현: 추진과제)</span>',
        ),
        ({"programme_unit_ko": "사업"}, UNKNOWN_SPAN),
    ],
)
def test_render_programme_count_adds_the_plan_s_own_word(figures, markup):
    assert render_programme_count(make_plan(**figures)) == markup


def theme_group(*cities: City) -> ThemeProgrammes:
    theme = {"theme_id": "digital", "name_ko": "디지털", "name_en": "Digital"}
    return ThemeProgrammes(theme, [(c, p) for c in cities for p in c.plan.programmes])


@pytest.mark.parametrize(
    ("cities", "caption", "summary"),
    [
        (1, "주제 ‘디지털’의 과제 2개 (도시 1곳)", "시1의 과제 2개에 이 주제를 붙였습니다."),
        (
            5,
            "주제 ‘디지털’의 과제 10개 (도시 5곳)",
            "시1, 시2, 시3, 시4, 시5의 과제 10개에 이 주제를 붙였습니다.",
        ),
        (6, "주제 ‘디지털’의 과제 12개 (도시 6곳)", "도시 6곳의 과제 12개에 이 주제를 붙였습니다."),
    ],
)
def test_theme_caption_and_summary_count_programmes_and_cities(cities, caption, summary):
    plan = make_plan(programmes=(make_programme("a"), make_programme("b")))
    group = theme_group(*(make_city(f"시{i + 1}", plan) for i in range(cities)))
    assert (render_theme_caption(group), text(render_theme_summary(group))) == (caption, summary)


# -- hostile text: every data value a sentence embeds comes out escaped ---------------------


def test_sentences_escape_every_data_value():
    hostile = HOSTILE
    plan = make_plan(
        (make_pillar("top", name_ko=hostile), make_pillar("c", "top", name_ko=hostile)),
        (make_programme("x", "c", name_ko=hostile, national_budget_krw=1), make_programme("y")),
        programme_count=2,
        programme_unit_ko=hostile,
    )
    rendered = [
        render_child_tally(plan, plan.pillars[0]),
        render_listed_count(plan),
        render_pillar_path(plan, "c"),
        render_programme_count(plan),
        render_listed_national_note([make_city(hostile, plan)]),
        render_theme_summary(theme_group(make_city(hostile, plan))),
    ]
    assert [ESCAPED in r and "<script>" not in r for r in rendered] == [True] * len(rendered)


def test_the_data_dictionary_says_each_constraint_in_words():
    from planpress.present import describe_constraints

    schema = {
        "foreignKeys": [
            {"fields": "pillar_id", "reference": {"resource": "pillars", "fields": "pillar_id"}}
        ]
    }
    money = {"name": "budget_krw", "constraints": {"minimum": 0, "maximum": 10**15}}
    assert describe_constraints(money, schema, "programmes") == "0 이상 1,000,000,000,000,000 이하"
    key = {"name": "pillar_id", "constraints": {"required": True, "pattern": "^[a-z]+$"}}
    assert describe_constraints(key, schema, "programmes") == (
        '필수 · 형식 <code class="pattern">^[a-z]+$</code> · → pillars.pillar_id'
    )
    assert describe_constraints({"name": "notes"}, schema, "programmes") == ""


def make_source(**values):
    from planpress.model import Source

    fields = {
        "source_id": "a",
        "publisher": "경기일보",
        "title": "파주형 뉴딜",
        "author": None,
        "published": dt.date(2021, 3, 16),
        "url": None,
        "accessed": dt.date(2026, 11, 20),
        "notes": None,
    }
    return Source(**{**fields, **values})


def test_a_source_says_what_it_lacks_in_the_one_wording():
    from planpress.present import render_source

    assert render_source(make_source(title=None, published=None)) == (
        '제목 <span class="unknown">출처에 없음</span>, 경기일보, '
        '발행일 <span class="unknown">출처에 없음</span>. '
        '열람 <time datetime="2026-11-20">2026-11-20</time>.'
    )
    shown = render_source(make_source(author="<b>홍길동</b>", url="https://example.org/a"))
    assert "글쓴이 &lt;b&gt;홍길동&lt;/b&gt;" in shown
    assert '<a href="https://example.org/a" rel="noopener noreferrer">원문</a>' in shown


def test_the_citation_names_dataset_version_address_licence_and_sources():
    from planpress.present import format_citation

    city = types.SimpleNamespace(
        title="파주형 뉴딜 데이터",
        version="1.0.0",
        updated="2026-11-20",
        sources=(make_source(), make_source(publisher=None, title=None, published=None)),
    )
    assert format_citation(city, "https://example.org/plans/city/paju.html", ["CC BY 4.0"]) == (
        "planpress, 「파주형 뉴딜 데이터」, 데이터 버전 1.0.0(2026-11-20), "
        "https://example.org/plans/city/paju.html, CC BY 4.0. "
        "원 출처: 「파주형 뉴딜」, 경기일보(2021-03-16); 기사."
    )
    assert format_citation(city, "", []).startswith(
        "planpress, 「파주형 뉴딜 데이터」, 데이터 버전 1.0.0(2026-11-20). 원 출처:"
    )


def test_the_home_page_says_how_many_sources_lack_an_address():
    from planpress.present import describe_source_addresses

    city = types.SimpleNamespace
    with_url = make_source(url="https://example.org/a")
    assert describe_source_addresses([city(sources=(with_url,))]) == ""
    assert describe_source_addresses([city(sources=(make_source(),))]) == (
        "(출처 기사의 원문 주소는 아직 확인하지 못했습니다)"
    )
    assert describe_source_addresses([city(sources=(with_url, make_source()))]) == (
        "(출처 2건 가운데 1건은 원문 주소를 아직 확인하지 못했습니다)"
    )


# -- computed figures and citations ------------------------------------------------------


def test_the_national_share_is_labelled_as_computed_with_its_two_figures():
    from planpress.present import render_national_share, render_share_cell

    plan = make_plan(total_budget_krw=106600000000, national_budget_krw=48300000000)
    assert text(render_national_share(plan)) == (
        "45.3% (계산값: 국비 ÷ 총사업비 = 483억 원 ÷ 1,066억 원, 소수점 둘째 자리에서 반올림)"
    )
    assert '<data class="computed" value="45.3"' in render_national_share(plan)
    assert text(render_share_cell(plan)) == (
        "45.3% (계산값: 국비 ÷ 총사업비 = 483억 원 ÷ 1,066억 원)"
    )


@pytest.mark.parametrize(
    ("figures", "reason"),
    [
        ({"total_budget_krw": 147500000000}, "국비가 출처에 없어 계산하지 않았습니다"),
        ({"national_budget_krw": 100}, "총사업비가 출처에 없어 계산하지 않았습니다"),
        ({}, "국비와 총사업비가 출처에 없어 계산하지 않았습니다"),
    ],
)
def test_no_share_is_shown_when_the_source_lacks_a_figure(figures, reason):
    from planpress.present import render_national_share, render_share_cell

    plan = make_plan(**figures)
    assert text(render_national_share(plan)) == f"{UNKNOWN} ({reason})"
    assert render_share_cell(plan) == UNKNOWN_SPAN


def test_a_programme_share_from_an_approximate_figure_reads_as_approximate():
    from planpress.present import render_programme_share

    exact = make_programme("its", budget_krw=20000000000, national_budget_krw=12000000000)
    assert text(render_programme_share(exact)) == "국비 비중 60.0% (계산값: 국비 ÷ 총사업비)"
    rough = make_programme(
        "x", budget_krw=300, national_budget_krw=100, approximate=("national_budget_krw",)
    )
    assert text(render_programme_share(rough)).startswith("국비 비중 약 33.3%")
    assert render_programme_share(make_programme("y", budget_krw=300)) == ""


def cited_city(plan: Plan) -> City:
    import dataclasses

    city = make_city("파주시", plan)
    source = make_source(
        source_id="s", publisher=None, title="파주시, 파주형 뉴딜로 미래 성장동력 만든다"
    )
    return dataclasses.replace(city, version="1.1.0", updated="2026-12-01", sources=(source,))


PAJU_ITS = make_programme(
    "its", "digital", name_ko="스마트 교통체계(ITS) 구축",
    budget_krw=20000000000, national_budget_krw=12000000000,
)  # fmt: skip
PAJU_PLAN = make_plan(
    programmes=(PAJU_ITS,), title_ko="파주형 뉴딜 세부 실행계획", announced=dt.date(2021, 3, 16),
    total_budget_krw=106600000000, national_budget_krw=48300000000, programme_count=43,
    programme_unit_ko="과제",
)  # fmt: skip


def test_a_programme_row_is_cited_with_plan_date_figures_data_version_and_source():
    from planpress.present import format_programme_citation

    city = cited_city(PAJU_PLAN)
    assert format_programme_citation(city, PAJU_PLAN, PAJU_ITS, "") == (
        "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준, 스마트 교통체계(ITS) 구축"
        " 총사업비 200억 원(국비 120억 원) — planpress 데이터 1.1.0(2026-12-01 수정)."
        " 출처: 「파주시, 파주형 뉴딜로 미래 성장동력 만든다」(2021-03-16)."
    )
    address = "https://example.org/plans/city/paju.html#programme-its"
    assert f"(2026-12-01 수정), {address}. 출처:" in format_programme_citation(
        city, PAJU_PLAN, PAJU_ITS, address
    )


def test_a_citation_leaves_out_what_the_source_does_not_state():
    from planpress.present import format_programme_citation

    plan = make_plan(title_ko="대구형뉴딜 추진계획")
    rough = make_programme("r", name_ko="일자리", jobs=9300, approximate=("jobs",))
    cited = format_programme_citation(cited_city(plan), plan, rough, "")
    assert cited.startswith("파주시 대구형뉴딜 추진계획 기준, 일자리 일자리 약 9,300개 — ")
    assert UNKNOWN not in cited


def test_a_programme_row_without_figures_is_cited_by_its_name():
    from planpress.present import format_programme_citation

    bare = make_programme("b", name_ko="징수봇")
    assert format_programme_citation(cited_city(PAJU_PLAN), PAJU_PLAN, bare, "") == (
        "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준, 징수봇"
        " — planpress 데이터 1.1.0(2026-12-01 수정)."
        " 출처: 「파주시, 파주형 뉴딜로 미래 성장동력 만든다」(2021-03-16)."
    )


@pytest.mark.parametrize(
    ("figures", "said"),
    [
        ({"budget_krw": 39000000000, "end_year": 2021}, "G&B 2021년까지 총사업비 390억 원 — "),
        (
            {"budget_krw": 400000000, "start_year": 2021, "end_year": 2022},
            "G&B 2021–2022년 총사업비 4억 원 — ",
        ),
        (
            {
                "national_budget_krw": 100000000,
                "start_year": 2021,
                "approximate": ("national_budget_krw",),
            },
            "G&B 2021년부터 국비 약 1억 원 — ",
        ),
        ({"jobs": 9300, "end_year": 2021}, "G&B 2021년까지 일자리 9,300개 — "),
        ({"end_year": 2021}, "G&B (2021년까지) — "),
    ],
)
def test_a_programme_citation_states_its_years_with_its_money(figures, said):
    from planpress.present import format_programme_citation

    programme = make_programme("g", name_ko="G&B", **figures)
    assert said in format_programme_citation(cited_city(PAJU_PLAN), PAJU_PLAN, programme, "")


def test_a_target_citation_states_its_year_and_whether_it_is_approximate():
    import dataclasses

    from planpress.present import format_target_citation

    target = Target(
        target_id="t", plan_id="p", pillar_id=None, programme_id=None, indicator_ko="온실가스 감축",
        value=2500000, unit="t", target_year=2025, approximate=(), source_id="s", notes=None,
    )  # fmt: skip
    city = cited_city(PAJU_PLAN)
    assert format_target_citation(city, PAJU_PLAN, target, "") == (
        "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준, 2025년까지 온실가스 감축 목표"
        " 250만 톤 — planpress 데이터 1.1.0(2026-12-01 수정)."
        " 출처: 「파주시, 파주형 뉴딜로 미래 성장동력 만든다」(2021-03-16)."
    )
    rough = dataclasses.replace(
        target, target_year=None, value=15, unit="%", approximate=("value",)
    )
    assert ", 온실가스 감축 목표 약 15% — " in format_target_citation(city, PAJU_PLAN, rough, "")
    vague = dataclasses.replace(target, value=None, unit=None)
    assert ", 2025년까지 온실가스 감축(정성 목표) — " in format_target_citation(
        city, PAJU_PLAN, vague, ""
    )


@pytest.mark.parametrize(
    ("values", "described"),
    [
        ({}, "「파주형 뉴딜」, 경기일보(2021-03-16)"),
        ({"author": "유희환", "publisher": None}, "유희환, 「파주형 뉴딜」(2021-03-16)"),
        ({"author": "성상수", "published": None}, "성상수, 「파주형 뉴딜」, 경기일보"),
        ({"title": None, "published": None, "publisher": "한국Q뉴스"}, "한국Q뉴스 기사"),
        ({"title": None, "published": None, "publisher": None}, "기사"),
        (
            {"url": "https://example.org/a"},
            "「파주형 뉴딜」, 경기일보(2021-03-16), https://example.org/a",
        ),
    ],
)
def test_one_description_of_a_source_names_author_title_publisher_and_date(values, described):
    from planpress.present import describe_source

    assert describe_source(make_source(**values)) == described


def test_no_citation_says_the_source_lacks_something():
    """Every citation of a bare plan, row and source: nothing unknown is written out."""
    from planpress.present import format_citation, format_plan_citation, format_programme_citation

    bare_plan = make_plan(title_ko="시정운영방향", programmes=(make_programme("b"),))
    city = cited_city(bare_plan)
    bare_source = make_source(publisher=None, title=None, published=None)
    city = city.__class__(**{**city.__dict__, "sources": (bare_source,)})
    cited = [
        format_plan_citation(city, bare_plan, ""),
        format_programme_citation(city, bare_plan, bare_plan.programmes[0], ""),
        format_citation(city, "", []),
    ]
    assert not [c for c in cited if UNKNOWN in c or "없" in c], cited


def test_the_city_page_cites_the_plans_declared_figures():
    from planpress.present import format_plan_citation

    assert format_plan_citation(cited_city(PAJU_PLAN), PAJU_PLAN, "") == (
        "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준, 총사업비 1,066억 원(국비 483억 원),"
        " 과제 43개 — planpress 데이터 1.1.0(2026-12-01 수정)."
        " 출처: 「파주시, 파주형 뉴딜로 미래 성장동력 만든다」(2021-03-16)."
    )
    bare = make_plan(title_ko="시정운영방향")
    assert format_plan_citation(cited_city(bare), bare, "").startswith(
        "파주시 시정운영방향 — planpress"  # nothing cited from it: no "기준"
    )
    dated = make_plan(title_ko="대구형뉴딜", period_end=2025, jobs_target=110000)
    assert format_plan_citation(cited_city(dated), dated, "").startswith(
        "파주시 대구형뉴딜 기준, 2025년까지 일자리 목표 11만 개 — "
    )


# -- charts: what they say and what they leave out -----------------------------------------


def test_the_pillar_chart_draws_declared_budgets_and_names_the_rest():
    from planpress.present import build_pillar_budget_chart

    plan = make_plan(
        pillars=(
            make_pillar("a", name_ko="디지털", budget_krw=9800000000),
            make_pillar("b", name_ko="그린", budget_krw=None),
            make_pillar("a1", "a", name_ko="하위", budget_krw=100),  # sub-pillars are not drawn
        )
    )
    figure = build_pillar_budget_chart(make_city("의정부시", plan), plan)
    assert figure is not None
    assert figure.svg.count("<rect") == 1
    assert "98억 원" in figure.svg
    assert figure.left_out == "사업비가 출처에 없어 막대를 그리지 않은 분야: 그린"
    assert figure.table_id == "pillars-table"
    none_declared = make_plan(pillars=(make_pillar("b"),))
    assert build_pillar_budget_chart(make_city("파주시", none_declared), none_declared) is None


def test_the_declared_charts_draw_one_measure_each_and_name_cities_that_did_not_disclose():
    from planpress.present import build_declared_charts

    cities = [
        make_city("파주시", make_plan(total_budget_krw=106600000000)),
        make_city("대구광역시", make_plan(jobs_target=110000)),
        make_city("경주시", make_plan()),
    ]
    budget, jobs = build_declared_charts(cities)
    assert (budget.chart_id, budget.svg.count("<rect")) == ("chart-declared-budget", 1)
    assert budget.left_out == "총사업비가 출처에 없어 막대를 그리지 않은 도시: 경주시, 대구광역시"
    assert (jobs.chart_id, jobs.svg.count("<rect")) == ("chart-declared-jobs", 1)
    assert "11만 개" in jobs.svg
    assert build_declared_charts([make_city("경주시", make_plan())]) == []


# -- data model 1.2 ------------------------------------------------------------------------

from planpress.model import Target  # noqa: E402  (grouped with the tests that use it)
from planpress.present import (  # noqa: E402
    coverage_share,
    describe_constraints,
    format_percent,
    render_coverage,
    render_coverage_cell,
    render_funding_status,
    render_programme_kind,
    render_target,
    render_target_owner,
)


def kinds(*row_kinds: str) -> tuple[Programme, ...]:
    return tuple(make_programme(f"x{i}", row_kind=k) for i, k in enumerate(row_kinds))


@pytest.mark.parametrize(
    ("rows", "figures", "sentence"),
    [
        (
            ("named-example",) * 16,
            {"programme_count": 43},
            "발표한 과제 43개 가운데 16개(37%)가 목록에 있습니다 (예시로 든 사업).",
        ),
        (
            ("declared-task", "named-example", "named-example", "activity"),
            {"programme_count": 42, "programme_unit_ko": "사업"},
            "발표한 사업 42개 가운데 3개(7%)가 목록에 있습니다 (발표 과제 1개, 예시로 든 사업 2개)."
            " 목록의 설명 속 활동 1개는 발표한 사업 가운데 어느 것인지 출처가 밝히지 않아 세지 않았습니다.",
        ),
        (
            ("activity", "activity"),
            {"programme_count": 49, "programme_unit_ko": "추진과제"},
            "발표한 추진과제 49개 가운데 목록에 이름이 있다고 확인되는 것은 없습니다."
            " 목록의 설명 속 활동 2개는 발표한 추진과제 가운데 어느 것인지 출처가 밝히지 않아 세지 않았습니다.",
        ),
        (
            ("declared-task",),
            {},
            "발표한 과제 수가 출처에 없어 목록이 얼마나 담았는지 셀 수 없습니다."
            " 목록에는 발표 과제 1개가 있습니다.",
        ),
        (
            ("headline-task", "activity", "activity"),
            {"programme_count": 165, "programme_unit_ko": "사업"},
            "발표한 사업 165개 가운데 목록에 이름이 있다고 확인되는 것은 없습니다."
            " 목록의 따로 센 대표과제 1개, 설명 속 활동 2개는 발표한 사업 가운데 어느 것인지"
            " 출처가 밝히지 않아 세지 않았습니다.",
        ),
    ],
    ids=["examples", "mixed", "activities-only", "undeclared", "headline-tasks"],
)
def test_coverage_counts_declared_kinds_and_says_it_is_computed(rows, figures, sentence):
    said = text(render_coverage(make_plan(programmes=kinds(*rows), **figures)))
    assert said == f"{sentence} (planpress가 목록의 행을 세어 계산한 값)"


def test_coverage_cell_shows_the_share_and_what_it_leaves_out():
    plan = make_plan(programmes=kinds("named-example", "activity"), programme_count=4)
    assert text(render_coverage_cell(plan)) == "25%4개 중 1개예시로 든 사업; 활동 1개 제외"
    assert render_coverage_cell(make_plan()) == UNKNOWN_SPAN
    daegu_like = make_plan(
        programmes=kinds("headline-task", "activity", "activity"), programme_count=165
    )
    assert (
        text(render_coverage_cell(daegu_like)) == "확인된 것 없음165개 중대표과제 1개·활동 2개 제외"
    )
    assert coverage_share(daegu_like) is None  # unknown, sorted with the unknowns, not as 0
    nothing = make_plan(programmes=(), programme_count=3)
    assert (text(render_coverage_cell(nothing)), coverage_share(nothing)) == ("0%3개 중 0개", 0)


@pytest.mark.parametrize(
    ("share", "said"),
    [(0.37, "37%"), (0.999, "99% 남짓"), (0.001, "1% 미만"), (0, "0%"), (1, "100%")],
)
def test_a_percent_never_rounds_to_all_or_nothing(share, said):
    assert format_percent(share) == said


def test_funding_status_is_said_only_where_the_source_says_it():
    assert text(render_funding_status("secured")) == "(확보)"
    assert text(render_funding_status("planned")) == "(계획)"
    assert render_funding_status(None) == ""
    secured = make_programme("r", national_budget_krw=5, national_budget_status="secured")
    assert list_funding(secured) == [("국비 (확보)", 5, False)]


def test_a_programme_shows_its_kind_and_a_grant_it_won():
    won = make_programme("p", row_kind="activity", competitive_grant="selected")
    assert text(render_programme_kind(won)) == "설명 속 활동 공모 선정"
    assert text(render_programme_kind(make_programme("q"))) == "발표 과제"


def make_target(**cells) -> Target:
    fields = {
        "target_id": "t",
        "plan_id": "p",
        "pillar_id": None,
        "programme_id": None,
        "indicator_ko": "지표",
        "value": None,
        "unit": None,
        "target_year": None,
        "approximate": (),
        "source_id": "s",
        "notes": None,
    }
    return Target(**{**fields, **cells})


def test_a_qualitative_target_reads_as_such_and_carries_no_figure():
    shown = render_target(make_target())
    assert text(shown) == "정성 목표" and "<data" not in shown
    assert text(render_target(make_target(value=15, unit="%", approximate=("value",)))) == "약 15%"


def test_a_target_names_its_one_owner():
    plan = make_plan(
        pillars=(make_pillar("green", name_ko="그린뉴딜"),),
        programmes=(make_programme("signal", name_ko="AI 신호"),),
    )
    assert text(render_target_owner(plan, make_target(programme_id="signal"))) == "과제 AI 신호"
    assert text(render_target_owner(plan, make_target(pillar_id="green"))) == "분야 그린뉴딜"
    assert text(render_target_owner(plan, make_target())) == "계획 전체"


def test_the_dictionary_names_each_listed_value_in_korean():
    field = {"name": "row_kind", "constraints": {"enum": ["declared-task", "activity"]}}
    assert text(describe_constraints(field, {}, "programmes")) == (
        "값: declared-task(발표 과제), activity(설명 속 활동)"
    )


def test_a_sum_holding_an_approximate_figure_says_approximate_wherever_it_is_shown():
    from planpress.present import render_listed_budget, render_listed_sum

    exact = make_programme("a", budget_krw=100000000, national_budget_krw=50000000)
    rough = make_programme(
        "b", budget_krw=39000000000, national_budget_krw=100000000, approximate=("budget_krw",)
    )
    plan = make_plan(programmes=(exact, rough))
    assert text(render_listed_budget(plan)) == (
        "목록에 실린 과제 2개의 사업비를 모두 더하면 약 391억 원 (39,100,000,000원)입니다."
    )
    # the national figures are exact, so their sum is too
    assert text(render_listed_sum(plan, "national_budget_krw")) == "1억 5,000만 원 (150,000,000원)"
    assert text(render_listed_budget(make_plan(programmes=(exact,)))).count("약") == 0
    national = make_programme(
        "c", national_budget_krw=37600000000, approximate=("national_budget_krw",)
    )
    programmes = (national, exact, make_programme("d"))  # one states no national funding
    note = render_listed_national_note([make_city("의정부시", make_plan(programmes=programmes))])
    assert "2개의 국비 합 약 376억 5,000만 원 (37,650,000,000원)만 알려져 있습니다." in text(note)
    assert "출처가 어림수로 밝힌 값이 들어 있는 합" in note
