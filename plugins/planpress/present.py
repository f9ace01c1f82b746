"""What the site says: labels, Jinja filters and editorial sentences, as plain functions.

No Pelican here — `generator.py` registers FILTERS and GLOBALS with Jinja, and templates
only lay out what these functions return. Every function that embeds markup returns
`Markup` and escapes every data value (data text is untrusted).
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from .addresses import Addresses
from .amounts import format_count, format_krw
from .particles import particle

UNKNOWN = "출처에 없음"
"""What an empty cell says: the source does not state the figure. It is not 0, and it is not
a figure the city withheld (that would be WITHHELD)."""
UNKNOWN_PREDICATE = "출처에 없습니다"
"""UNKNOWN at the end of a sentence: "분야별 사업비는 출처에 없습니다"."""
WITHHELD = "비공개"
"""Reserved for a source that says a figure is withheld. The data cannot say so yet, so no
page shows it; the legend explains the difference."""

UNIT_WORDS = {"jobs": "개", "persons": "명", "t": "톤", "%": "%"}
"""Korean counter word for each target unit in `targets.csv`."""
UNIT_LABELS = {"KRW": "원", "jobs": "일자리 수(개)", "programmes": "과제 수(개)"}
"""How the data dictionary names each schema unit."""
TYPE_WORDS = {
    "string": "문자열",
    "integer": "정수",
    "number": "숫자",
    "date": "날짜",
    "year": "연도",
    "boolean": "참/거짓",
}
"""How the data dictionary names each Table Schema type."""


# -- navigation -----------------------------------------------------------------------


def list_navigation(addresses: Addresses) -> list[tuple[str, str]]:
    """The site's own pages in the main menu, as (address, label)."""
    return [
        (addresses.home, "도시 목록"),
        (addresses.compare, "도시 비교"),
        (addresses.data, "데이터 내려받기"),
    ]


# -- values ---------------------------------------------------------------------------


def render_unknown() -> Markup:
    """An empty cell, marked so it never reads as 0."""
    return Markup('<span class="unknown">{}</span>').format(UNKNOWN)


def render_unknown_legend() -> Markup:
    """What an empty figure means, and what it does not: said beside every money note."""
    return Markup(
        "‘{}’{} 출처가 밝히지 않은 값입니다. 0이 아니며, 시가 숨긴 값이라는 뜻도 아닙니다."
        " ‘{}’{} 출처가 그 수치를 공개하지 않는다고 밝힌 경우에만 쓰는 말이며,"
        " 지금 실린 데이터에는 그런 값이 없습니다."
    ).format(render_unknown(), particle(UNKNOWN, "은"), WITHHELD, particle(WITHHELD, "은"))


def format_krw_text(won: int | None) -> str:
    """Money as plain text (no markup), for attributes and plain sentences."""
    return UNKNOWN if won is None else format_krw(won)


def render_krw(won: int | None) -> Markup:
    """Korean-style money with the exact won kept in the markup."""
    if won is None:
        return render_unknown()
    exact = f"{won:,}원"
    return Markup(
        '<data class="krw" value="{}" title="{}">{}<span class="visually-hidden"> ({})</span></data>'
    ).format(won, exact, format_krw(won), exact)


def render_count(value: int | float | None, unit: str = "") -> Markup:
    if value is None:
        return render_unknown()
    return Markup('<data value="{}">{}</data>').format(value, format_count(value, unit))


def render_target_value(value: int | float | None, unit: str) -> Markup:
    return render_count(value, UNIT_WORDS.get(unit, unit))


def render_date(value: dt.date | None) -> Markup:
    if value is None:
        return Markup('<span class="unknown">날짜 없음</span>')
    return Markup('<time datetime="{0}">{0}</time>').format(value.isoformat())


def render_period(start: int | None, end: int | None) -> Markup:
    """Plan period in words; a missing end of the range is said, not shown as '?'."""
    if start is None and end is None:
        return render_unknown()
    if start is not None and end is not None:
        return (
            Markup("{}년").format(start) if start == end else Markup("{}–{}년").format(start, end)
        )
    if end is not None:
        return Markup('{}년까지 <span class="muted">(시작 연도 미상)</span>').format(end)
    return Markup('{}년부터 <span class="muted">(종료 연도 미상)</span>').format(start)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size:,} B"
    kilobytes = round(size / 1024, 1)  # round first, so 1,048,575 B is "1.0 MB", not "1,024.0 KB"
    if kilobytes < 1024:
        return f"{kilobytes:,.1f} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


# -- what generator.py registers with Jinja --------------------------------------------

FILTERS = {
    "krw": render_krw,
    "krw_text": format_krw_text,
    "count": render_count,
    "target_value": render_target_value,
    "date": render_date,
    "size": format_size,
}
GLOBALS = {
    "period": render_period,
    "unknown": render_unknown,
    "unknown_legend": render_unknown_legend,
    "unit_words": UNIT_WORDS,
    "unit_labels": UNIT_LABELS,
    "type_words": TYPE_WORDS,
}
