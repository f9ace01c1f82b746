"""One scope's tables as an Excel workbook: a first "읽어보기" sheet, then a sheet per table.

Pure: given the sheets and the words about them, returns the .xlsx bytes. The rules a
reporter relies on are here and nowhere else:

- money (`unit: KRW`) and other integers, numbers and years are numbers, money with `#,##0`;
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
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.xmlwriter import XMLwriter

README_SHEET = "읽어보기"
MONEY_FORMAT = "#,##0"
MONEY_UNIT = "KRW"
NUMBER_TYPES = frozenset({"integer", "number", "year"})
escape_control_characters = XMLwriter._escape_control_characters
NEEDS_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
"""What `escape_control_characters` changes; most cells have none of it."""
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
    money = book.add_format({"num_format": MONEY_FORMAT})

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
        write_sheet(book.add_worksheet(sheet.name), sheet, bold, money)
    book.close()
    return buffer.getvalue()


def write_row(worksheet: Any, row: int, texts: Sequence[str], cell_format: Any = None) -> None:
    for col, text in enumerate(texts):
        if text:
            worksheet.write_string(row, col, text, cell_format)


def write_data_row(
    worksheet: Any, row: int, values: Sequence[tuple[int, Any, Any]], letters: Sequence[str] = ()
) -> None:
    """One row of (column, text or number, format) as the XML xlsxwriter's constant-memory
    mode writes for `write_string` and `write_number` cell by cell, written at once: the same
    bytes (a test writes both ways) at a fraction of the time, for tens of thousands of rows.
    A row with a text xlsxwriter treats apart (rich-text markup, or longer than half its
    limit, which it may cut) goes cell by cell through xlsxwriter itself. `letters`: the
    columns' names (A, B, …), when the caller has them."""
    if any(
        type(value) is str
        and (
            len(value) > worksheet.xls_strmax // 2 or (value.startswith("<r>") and "</r>" in value)
        )
        for _, value, _ in values
    ):
        for col, value, cell_format in values:
            if type(value) is str:
                worksheet.write_string(row, col, value)
            else:
                worksheet.write_number(row, col, value, cell_format)
        return
    if worksheet.table or row > worksheet.previous_row:
        worksheet._write_single_row(row)  # the row before (the header) goes out first
    if values:
        worksheet._check_dimensions(row, max(col for col, _, _ in values))
    worksheet.previous_row = row + 1  # this row is out: nothing is written above it again
    if not values:
        return
    parts = [f'<row r="{row + 1}">']
    number = str(row + 1)
    for col, value, cell_format in values:
        ref = (letters[col] if col < len(letters) else xl_col_to_name(col)) + number
        if type(value) is str:
            escaped = escape_control_characters(value) if NEEDS_ESCAPE.search(value) else value
            # xlsxwriter's test (^\s or \s$, and $ may stand before a last newline, which is
            # itself white space): the first or the last character is white space
            space = (
                ' xml:space="preserve"' if escaped[:1].isspace() or escaped[-1:].isspace() else ""
            )
            text = escape_data(escaped)
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
        elif cell_format is not None:
            parts.append(f'<c r="{ref}" s="{cell_format._get_xf_index()}"><v>{value:.16G}</v></c>')
        else:
            parts.append(f'<c r="{ref}"><v>{value:.16G}</v></c>')
    parts.append("</row>")
    worksheet.fh.write("".join(parts))


def escape_data(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def write_sheet(worksheet: Any, sheet: Sheet, bold: Any, money: Any) -> None:
    names = [c.name for c in sheet.columns]
    write_row(worksheet, 0, names, bold)
    # A number where the schema says so, otherwise the CSV's text, nothing for an empty cell;
    # decided per column once, as a sheet has tens of thousands of cells.
    plan = [
        (
            col,
            column.name,
            column.type in NUMBER_TYPES,
            money if column.unit == MONEY_UNIT else None,
        )
        for col, column in enumerate(sheet.columns)
    ]
    letters = [xl_col_to_name(col) for col in range(len(sheet.columns))]
    # each column's widest text, measured as the cells go by: the rows are read once
    longest = [text_width(column.name + "▼") for column in sheet.columns]
    for number, (cells, record) in enumerate(zip(sheet.cells, sheet.records, strict=True), 1):
        values = []
        for (col, name, numeric, number_format), cell in zip(plan, cells, strict=True):
            if cell == "":
                continue
            width = text_width(cell)
            if width > longest[col]:
                longest[col] = width
            if numeric:
                value = record.get(name)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    values.append((col, value, number_format))
                    continue
            values.append((col, cell, None))
        write_data_row(worksheet, number, values, letters)
    worksheet.freeze_panes(1, 0)
    if sheet.columns:
        worksheet.autofilter(0, 0, len(sheet.cells), len(sheet.columns) - 1)
    for col, width in enumerate(longest):
        worksheet.set_column(col, col, fit_width(width))
