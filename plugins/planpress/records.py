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
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

CELL_LIMIT = 10 * 1024 * 1024
"""Largest cell the csv module will read (its default, 128 KiB, is too small for long notes)."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    """(row number with header = 1, {column: text}) for every non-blank record."""
    ragged: frozenset[int] = frozenset()
    """Rows whose cell count differs from the header's: their columns cannot be trusted."""

    @property
    def aligned_rows(self) -> tuple[tuple[int, dict[str, str]], ...]:
        return tuple((n, cells) for n, cells in self.rows if n not in self.ragged)


def decode_text(data: bytes) -> str | None:
    """UTF-8 with or without a BOM; None for anything else."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def read_table(data: bytes) -> Table:
    text = decode_text(data)
    if text is None:
        return Table((), ())
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)  # process-wide in the csv module; only ever raised
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return Table((), ())
    if not records:
        return Table((), ())
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
    return Table(header, tuple(rows), frozenset(ragged))


def fields_of(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in schema.get("fields", [])}


_YEAR = re.compile(r"^[0-9]{4}$")
_INTEGER = re.compile(r"^[0-9]+$")


def cast_value(field: dict[str, Any] | None, text: str) -> Any:
    """The typed value of one cell, or None when empty or not of the field's type."""
    if text == "":
        return None
    kind = (field or {}).get("type", "string")
    if kind == "string":
        return text
    if kind == "integer":
        try:
            return int(text) if _INTEGER.match(text) else None
        except ValueError:  # more digits than int() will read (sys.get_int_max_str_digits)
            return None
    if kind == "year":
        return int(text) if _YEAR.match(text) else None
    if kind == "number":
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        if not number.is_finite():
            return None
        if number == number.to_integral_value() and number.adjusted() < 100:
            return int(number)
        return float(number)  # int(Decimal("1e999999")) takes half a minute
    if kind == "boolean":
        trues = (field or {}).get("trueValues", ["true"])
        falses = (field or {}).get("falseValues", ["false"])
        return True if text in trues else False if text in falses else None
    if kind == "date":
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            return None
    return text


def cast_row(schema: dict[str, Any], row: dict[str, str]) -> dict[str, Any]:
    fields = fields_of(schema)
    return {name: cast_value(fields.get(name), row.get(name, "")) for name in fields}
