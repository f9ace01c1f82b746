"""Tier 1: the workbook writer on its own, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from planpress.workbook import Column, Sheet, column_width, display_width, render_workbook

CREATED = dt.datetime(2026, 11, 22)
COLUMNS = (
    Column("id", "ID", "string", "", "식별자"),
    Column("budget_krw", "사업비", "integer", "KRW", "원"),
    Column("share", "비율", "number", "%", ""),
    Column("year", "연도", "year", "", ""),
    Column("day", "날짜", "date", "", ""),
)
SHEET = Sheet(
    "표",
    "table.csv",
    COLUMNS,
    (("007", "1500000000", "12.5", "2021", "2021-03-16"), ("=SUM(A1)", "", "", "", "")),
    (
        {
            "id": "007",
            "budget_krw": 1500000000,
            "share": 12.5,
            "year": 2021,
            "day": dt.date(2021, 3, 16),
        },
        {"id": "=SUM(A1)", "budget_krw": None, "share": None, "year": None, "day": None},
    ),
)


def read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_render_workbook_types_each_cell_by_its_column():
    sheet = read(render_workbook("제목", [("도시", "예시시")], [SHEET], CREATED))["표"]
    assert [
        [(c.value, c.data_type, c.number_format) for c in row] for row in sheet.iter_rows(2)
    ] == [
        [
            ("007", "s", "General"),
            (1500000000, "n", "#,##0"),
            (12.5, "n", "General"),
            (2021, "n", "General"),
            ("2021-03-16", "s", "General"),
        ],
        [("=SUM(A1)", "s", "General"), *[(None, "n", "General")] * 4],
    ]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:E3")


def test_counts_are_grouped_whole_numbers_too_and_booleans_are_booleans():
    columns = (
        Column("jobs", "일자리", "integer", "jobs", ""),
        Column("value", "목표값", "number", "", ""),
        Column("flagship", "대표", "boolean", "", ""),
    )
    records = ({"jobs": 110000, "value": 2500000.0, "flagship": True},)
    sheet = Sheet("표", "t.csv", columns, (("110000", "2500000", "true"),), records)
    cells = next(read(render_workbook("제목", [], [sheet], CREATED))["표"].iter_rows(2))
    assert [(c.value, c.data_type, c.number_format) for c in cells] == [
        (110000, "n", "#,##0"),
        (2500000, "n", "#,##0"),
        (True, "b", "General"),
    ]


def test_render_workbook_is_the_same_bytes_each_time_and_dated_by_the_data():
    made = [render_workbook("제목", [], [SHEET], CREATED) for _ in range(2)]
    assert made[0] == made[1]
    assert read(made[0]).properties.created == CREATED


@pytest.mark.parametrize(
    ("texts", "width"),
    [([], 6), (["ab"], 6), (["과제·사업명"], 13), (["x" * 200], 60), (["가\n나다라"], 8)],
)
def test_column_width_counts_hangul_twice_and_stays_in_bounds(texts, width):
    assert column_width(texts) == width


def test_display_width_counts_wide_characters_twice():
    assert [display_width(t) for t in ("abc", "가나", "a가")] == [3, 4, 3]
