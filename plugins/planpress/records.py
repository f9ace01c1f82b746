"""CSV bytes → rows → typed values, leniently and purely.

Project rules and the model both read rows through here. Casting never raises: a cell
that is not of its field's type becomes None (frictionless has already reported it),
so every rule can still run and every problem is reported in one go.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

CELL_LIMIT = 128 * 1024
"""Largest cell planpress reads, in characters: 131,072 (far beyond any note, and the csv
module's own default, so any Python tool reads our files too). A larger
cell is a problem (`cell-too-large`), never an empty table; the validator and the
publisher share this reader."""


@dataclass(frozen=True)
class ReadError:
    """Why reading a CSV stopped: the row (header = 1) and what went wrong there."""

    row: int
    kind: str
    """not-utf8, cell-too-large, or malformed (an unclosed quote, text after a closing quote)."""
    detail: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    """(row number with header = 1, {column: text}) for every non-blank record."""
    ragged: frozenset[int] = frozenset()
    """Rows whose cell count differs from the header's: their columns cannot be trusted."""
    records: tuple[tuple[str, ...], ...] = ()
    """Every record after the header, blank ones included, as read: what frictionless checks."""
    error: ReadError | None = None
    """Set when the file could not be read to its end; the rows before it are kept."""

    @property
    def aligned_rows(self) -> tuple[tuple[int, dict[str, str]], ...]:
        return tuple((n, cells) for n, cells in self.rows if n not in self.ragged)


def decode_text(data: bytes) -> str | None:
    """UTF-8 with or without a BOM; None for anything else."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def first_bad_line(data: bytes) -> int:
    """The line (1-based) holding the first byte that is not UTF-8."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return data[: error.start].count(b"\n") + 1
    return 1


class _Limited(csv.Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True  # an unclosed quote or text after a closing quote is an error, not a guess


def read_table(data: bytes) -> Table:
    """The one CSV reader: strict, with one cell limit; an error is kept, never swallowed."""
    text = decode_text(data)
    if text is None:
        return Table((), (), error=ReadError(first_bad_line(data), "not-utf8"))
    if csv.field_size_limit() != CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)  # process-wide in the csv module; only planpress reads CSV
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_Limited)
    records: list[list[str]] = []
    error = None
    try:
        for record in reader:
            records.append(record)
    except csv.Error as failure:
        message = str(failure)
        kind = "cell-too-large" if "field larger than field limit" in message else "malformed"
        error = ReadError(len(records) + 1, kind, message)
    if not records:
        return Table((), (), error=error)
    header = tuple(records[0])
    rows = []
    ragged = set()
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            ragged.add(number)
        rows.append(
            (
                number,
                {name: (record[i] if i < len(record) else "") for i, name in enumerate(header)},
            )
        )
    return Table(
        header, tuple(rows), frozenset(ragged), tuple(tuple(r) for r in records[1:]), error
    )


def fields_of(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in schema.get("fields", [])}


# The grammar every number is read with, by the validator and the publisher alike: plain
# ASCII digits, an optional minus, no spaces, no "+", no "_", no full-width digits.
_YEAR = re.compile(r"[0-9]{4}")
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


NUMBER_DIGITS = 16
"""Digits before the decimal point a `number` cell may have: a JSON number is read as a
double, exact only to about 15-17 significant digits, so more would be published changed."""


def cast_value(field: dict[str, Any] | None, text: str) -> Any:
    """The typed value of one cell, or None when empty or not of the field's type."""
    if text == "":
        return None
    kind = (field or {}).get("type", "string")
    if kind == "string":
        return text
    if kind == "integer":
        try:
            return int(text) if _INTEGER.fullmatch(text) else None
        except ValueError:  # more digits than int() will read (sys.get_int_max_str_digits)
            return None
    if kind == "year":
        return int(text) if _YEAR.fullmatch(text) else None
    if kind == "number":
        if not _NUMBER.fullmatch(text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        if not number.is_finite() or number.adjusted() >= NUMBER_DIGITS:
            return None  # beyond what any figure needs, and beyond what JSON readers keep
        if number == number.to_integral_value():
            return int(number)
        value = float(number)
        # A fraction is published as a JSON number (a double): refuse one it would change.
        return value if Decimal(repr(value)) == number else None
    if kind == "boolean":
        trues = (field or {}).get("trueValues", ["true"])
        falses = (field or {}).get("falseValues", ["false"])
        return True if text in trues else False if text in falses else None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text) if _DATE.fullmatch(text) else None
        except ValueError:
            return None
    return text


_WRITTEN_DATE = re.compile(
    r"([0-9]{4})\s*(?:[./-]|년)\s*([0-9]{1,2})\s*(?:[./-]|월)\s*([0-9]{1,2})\s*(?:일|\.)?"
)
"""A day as people write it: 2021.3.16, 2021. 3. 16., 2021/03/16, 2021-3-16, 2021년 3월 16일."""


def suggest_iso_date(text: str) -> str | None:
    """The YYYY-MM-DD form of a day written another way, or None when it is not one day."""
    match = _WRITTEN_DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:  # 2021.2.30 is no day: the hint then only shows the form
        return None


def cast_row(schema: dict[str, Any], row: dict[str, str]) -> dict[str, Any]:
    fields = fields_of(schema)
    return {name: cast_value(fields.get(name), row.get(name, "")) for name in fields}
