"""Tier 1: lenient casting of cells, which every rule and the model read through."""

from __future__ import annotations

import pytest

from planpress.records import cast_value, read_table

INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        (INTEGER, "106600000000", 106600000000),
        (INTEGER, "1,066억", None),
        (INTEGER, "-5", None),
        (INTEGER, "9" * 5000, None),  # more digits than int() reads: not an integer, no crash
        (NUMBER, "2500000", 2500000),
        (NUMBER, "2.5", 2.5),
        (NUMBER, "NaN", None),
        (NUMBER, "1e3", 1000),
        ({"type": "year"}, "2025", 2025),
        ({"type": "year"}, "25", None),
        ({"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}, "false", False),
        ({"type": "boolean"}, "yes", None),
        ({"type": "string"}, "", None),
    ],
)
def test_cast_value_reads_a_cell_or_gives_none(field, text, value):
    assert cast_value(field, text) == value
    assert type(cast_value(field, text)) is type(value)


def test_cast_value_keeps_a_huge_exponent_a_float_instead_of_building_the_integer():
    # int(Decimal("1e999999")) takes half a minute and "1e999999999" would never finish.
    assert isinstance(cast_value(NUMBER, "1e999999999"), float)


def test_read_table_numbers_rows_from_the_header_and_skips_blank_ones():
    table = read_table(b"a,b\r\n1,2\r\n,\r\n3\r\n")
    assert table.header == ("a", "b")
    assert table.rows == ((2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": ""}))
    assert table.aligned_rows == ((2, {"a": "1", "b": "2"}),)


def test_read_table_gives_an_empty_table_for_bytes_that_are_not_utf8():
    assert read_table("가".encode("cp949")).header == ()
