"""One scope's tables as an Excel workbook: a first "읽어보기" sheet, then a sheet per table.

Pure: given the sheets and the words about them, returns the .xlsx bytes. The rules a
reporter relies on are here and nowhere else:

- money (`unit: KRW`) and other integers, numbers and years are numbers; integers (money,
  jobs, counts) and whole numbers with their thousands grouped (`#,##0`), years plain;
- booleans (`flagship`) are Excel's TRUE/FALSE, not the text "true";
- every other cell is written with `write_string`, so an id like `2021-03-16` or `007`
  stays the text the CSV has; dates are that text too (`YYYY-MM-DD`), as in the CSV, so a
  Korean Excel shows them the same on every machine and they still sort;
- an empty cell stays empty, never 0;
- the header row is frozen and filterable.

The bytes are the same on every build: xlsxwriter stamps its zip entries with a fixed
time, and `created` (the only date inside) comes from the data, not the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter

README_SHEET = "읽어보기"
GROUPED_FORMAT = "#,##0"
"""Money, jobs and counts: `106,600,000,000`, never `1.066E+11`."""
NUMBER_TYPES = frozenset({"integer", "number", "year"})
MAX_WIDTH = 60
DICTIONARY_HEADER = ("시트", "열", "제목", "형식", "단위", "설명")
SHEETS_HEADER = ("시트", "CSV 파일", "행 수")


@dataclass(frozen=True)
class Column:
    """One column as its Table Schema field describes it."""

    name: str
    title: str
    type: str
    unit: str
    description: str

    @classmethod
    def from_field(cls, field: Mapping[str, Any]) -> Column:
        return cls(
            field["name"],
            field.get("title", ""),
            field.get("type", "string"),
            field.get("unit", ""),
            field.get("description", ""),
        )


@dataclass(frozen=True)
class Sheet:
    """One table: its cells as the CSV writes them, and the same rows typed."""

    name: str
    """The sheet's tab (at most 31 characters): `과제·사업`."""
    file: str
    """The CSV it mirrors, for the 읽어보기 sheet: `programmes.csv`."""
    columns: tuple[Column, ...]
    cells: Sequence[tuple[str, ...]]
    """Read once as the sheet is written (and counted): a `Rows` view is made each time."""
    records: Sequence[Mapping[str, Any]]


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: Hangul and other wide characters count twice."""
    if text.isascii():
        return len(text)  # ids, dates and numbers: most cells, none wide
    return len(text) + sum(map(is_wide, text))


@functools.cache
def is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def text_width(text: str) -> int:
    """The widest line of a cell's text."""
    if text.isascii() and text.isprintable():
        return len(text)
    return max(map(display_width, text.splitlines()), default=0)


def column_width(texts: Sequence[str]) -> int:
    return fit_width(max(map(text_width, texts), default=0))


def fit_width(longest: int) -> int:
    return max(6, min(MAX_WIDTH, longest + 2))


def render_workbook(
    title: str,
    about: Sequence[tuple[str, str]],
    sheets: Sequence[Sheet],
    created: dt.datetime,
) -> bytes:
    """The workbook's bytes: 읽어보기 (the title, `about` as label–text rows, the sheets and
    the column dictionary), then each sheet with a frozen header."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        # constant_memory: each row goes to a temporary file as it is written, so the
        # all-cities workbook never holds its million cells at once (strings are inline)
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False},
    )
    book.set_properties({"title": title, "author": "planpress", "created": created})
    bold = book.add_format({"bold": True})
    heading = book.add_format({"bold": True, "font_size": 14})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    grouped = book.add_format({"num_format": GROUPED_FORMAT})

    readme = book.add_worksheet(README_SHEET)
    readme.write_string(0, 0, title, heading)
    row = 2
    for label, text in about:
        if label:
            readme.write_string(row, 0, label, bold)
        if text:
            readme.write_string(row, 1, text, wrap)
        row += 1
    row += 1
    write_row(readme, row, SHEETS_HEADER, bold)
    for sheet in sheets:
        row += 1
        readme.write_string(row, 0, sheet.name)
        readme.write_string(row, 1, sheet.file)
        readme.write_number(row, 2, len(sheet.cells))
    row += 2
    readme.write_string(row, 0, "열 사전", heading)
    row += 1
    write_row(readme, row, DICTIONARY_HEADER, bold)
    dictionary = [
        (sheet.name, c.name, c.title, c.type, c.unit, c.description)
        for sheet in sheets
        for c in sheet.columns
    ]
    for entry in dictionary:
        row += 1
        write_row(readme, row, entry, wrap)
    readme.set_column(0, 0, column_width([label for label, _ in about] + [s.name for s in sheets]))
    readme.set_column(1, 1, 24)
    readme.set_column(2, 4, 14)
    readme.set_column(5, 5, MAX_WIDTH)

    for sheet in sheets:
        write_sheet(book.add_worksheet(sheet.name), sheet, bold, grouped)
    book.close()
    return buffer.getvalue()


def write_row(worksheet: Any, row: int, texts: Sequence[str], cell_format: Any = None) -> None:
    for col, text in enumerate(texts):
        if text:
            worksheet.write_string(row, col, text, cell_format)


def write_sheet(worksheet: Any, sheet: Sheet, bold: Any, grouped_format: Any) -> None:
    names = [c.name for c in sheet.columns]
    write_row(worksheet, 0, names, bold)
    # A number where the schema says so, otherwise the CSV's text, nothing for an empty cell;
    # decided per column once, as a sheet has tens of thousands of cells.
    plan = [
        (
            col,
            column.name,
            column.type in NUMBER_TYPES,
            column.type,
        )
        for col, column in enumerate(sheet.columns)
    ]
    write_string, write_number = worksheet.write_string, worksheet.write_number
    # each column's widest text, measured as the cells go by: the rows are read once
    longest = [text_width(column.name + "▼") for column in sheet.columns]
    for number, (cells, record) in enumerate(zip(sheet.cells, sheet.records, strict=True), 1):
        for (col, name, numeric, kind), cell in zip(plan, cells, strict=True):
            if cell == "":
                continue
            width = text_width(cell)
            if width > longest[col]:
                longest[col] = width
            value = record.get(name)
            if kind == "boolean" and isinstance(value, bool):
                worksheet.write_boolean(number, col, value)
                continue
            if numeric and isinstance(value, int | float) and not isinstance(value, bool):
                is_grouped = kind == "integer" or (kind == "number" and float(value).is_integer())
                write_number(number, col, value, grouped_format if is_grouped else None)
                continue
            write_string(number, col, cell)
    worksheet.freeze_panes(1, 0)
    if sheet.columns:
        worksheet.autofilter(0, 0, len(sheet.cells), len(sheet.columns) - 1)
    for col, width in enumerate(longest):
        worksheet.set_column(col, col, fit_width(width))
