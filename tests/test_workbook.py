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


def write_cell_by_cell(worksheet, row, values, letters=()):
    """The reference: every cell through xlsxwriter's own write_string / write_number."""
    for col, value, cell_format in values:
        if type(value) is str:
            worksheet.write_string(row, col, value)
        else:
            worksheet.write_number(row, col, value, cell_format)


TRICKY_TEXTS = (
    " 앞에 빈칸",
    "뒤에 빈칸 ",
    "\t탭",
    "줄\n바꿈",
    "제어\x01문자\x0b",
    "_x0041_ 그대로",
    "a & b < c > d \"e\" 'f'",
    "<r>서식처럼 보이는 글</r>",
    "긴 글 " * 3000,
    "\ufffe",
    "😀 이모지",
    "\x1c파일 구분 문자\x1f",
    "끝에 줄바꿈\n",
    "\u3000전각 빈칸\u3000",
    "_x00zz_ 아닌 것",
)


def test_rows_written_at_once_are_the_bytes_xlsxwriter_writes_cell_by_cell(monkeypatch):
    """The fast row writer against xlsxwriter itself, on texts it treats apart, empty rows,
    money and plain numbers, and more than one sheet."""
    from planpress import workbook

    rows = [(text, "1500000000", "12.5", "", "2021-03-16") for text in TRICKY_TEXTS]
    rows += [("", "", "", "", ""), ("마지막", "7", "0.1", "2030", "")]
    records = [
        {
            "id": r[0],
            "budget_krw": int(r[1]) if r[1] else None,
            "share": float(r[2]) if r[2] else None,
            "year": int(r[3]) if r[3] else None,
            "day": r[4] or None,
        }
        for r in rows
    ]
    sheets = [Sheet("까다로운 표", "tricky.csv", COLUMNS, tuple(rows), tuple(records)), SHEET]
    fast = render_workbook("제목", [("도시", "예시시")], sheets, CREATED)
    monkeypatch.setattr(workbook, "write_data_row", write_cell_by_cell)
    assert render_workbook("제목", [("도시", "예시시")], sheets, CREATED) == fast
