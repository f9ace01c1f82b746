"""Tier 1: what the site says — filters, labels and editorial sentences, with no Pelican."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markupsafe import Markup

from planpress.present import (
    UNKNOWN,
    WITHHELD,
    format_krw_text,
    format_size,
    render_count,
    render_date,
    render_krw,
    render_period,
    render_target_value,
    render_unknown_legend,
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


@pytest.mark.parametrize(
    ("value", "unit", "markup"),
    [
        (None, "개", UNKNOWN_SPAN),
        (110000, "개", '<data value="110000">110,000개</data>'),
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
        (2500000, "t", '<data value="2500000">2,500,000톤</data>'),
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
        (None, '<span class="unknown">날짜 없음</span>'),
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
    assert [w for w in (UNKNOWN, WITHHELD, "공개되지 않") if w in text] == []


def test_methodology_page_uses_the_site_wording_for_empty_and_withheld():
    text = (ROOT / "content" / "pages" / "methodology.md").read_text("utf-8")
    assert (f"‘{UNKNOWN}’" in text, f"‘{WITHHELD}’" in text, "공개되지 않" in text) == (
        True,
        True,
        False,
    )


def test_package_readme_explains_empty_cells_in_the_site_wording(schemas):
    from planpress.downloads import render_readme
    from planpress.load import load_package
    from planpress.model import build_site

    site = build_site([load_package(ROOT / "tests" / "fixtures" / "valid" / "minimal")], schemas)
    readme = render_readme(site.cities[0]).decode()
    assert f"빈칸은 '{UNKNOWN}'이며 0이 아닙니다." in readme
