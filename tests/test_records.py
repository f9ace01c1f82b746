"""Tier 1: the one reader and the one grammar that the validator and the publisher share."""

from __future__ import annotations

import datetime as dt

import pytest

from planpress.records import CELL_LIMIT, ReadError, cast_value, read_table

INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        (INTEGER, "106600000000", 106600000000),
        (INTEGER, "1,066억", None),
        (INTEGER, "-5", -5),  # read; the schema's minimum refuses it for counts and money
        (INTEGER, " 20000000000 ", None),
        (INTEGER, "+20000000000", None),
        (INTEGER, "20_000_000_000", None),
        (INTEGER, "２００", None),  # full-width digits
        (INTEGER, "٣", None),  # other Unicode digits
        (INTEGER, "\t5", None),
        (INTEGER, "5\n", None),
        (INTEGER, "9" * 5000, None),  # more digits than int() reads: not an integer, no crash
        (NUMBER, "2500000", 2500000),
        (NUMBER, "2.5", 2.5),
        (NUMBER, "NaN", None),
        (NUMBER, "1e3", None),  # exponents are refused: Excel writes them when it drops digits
        (NUMBER, "-2.5", -2.5),
        (NUMBER, " 2.5", None),
        (NUMBER, "1_000", None),
        (NUMBER, "Infinity", None),
        ({"type": "date"}, "2021-03-16", dt.date(2021, 3, 16)),
        ({"type": "date"}, "2021-W11-2", None),
        ({"type": "date"}, "20210316", None),
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


def test_cast_value_refuses_a_huge_exponent_without_building_the_number():
    # int(Decimal("1e999999")) takes half a minute and "1e999999999" would never finish.
    assert cast_value(NUMBER, "1e999999999") is None
    assert cast_value(NUMBER, "1" * 120 + ".5") is None  # JSON would publish another number


@pytest.mark.parametrize(
    "text", ["1" + "0" * 400, "123456789" * 14, "0.1234567890123456789", "12345678901234567.5"]
)
def test_cast_value_refuses_a_number_json_would_publish_changed(text):
    """Found by the probe: these passed validation and were published as Infinity or rounded."""
    assert cast_value(NUMBER, text) is None


def test_read_table_numbers_rows_from_the_header_and_skips_blank_ones():
    table = read_table(b"a,b\r\n1,2\r\n,\r\n3\r\n")
    assert table.header == ("a", "b")
    assert table.rows == ((2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": ""}))
    assert table.aligned_rows == ((2, {"a": "1", "b": "2"}),)


def test_read_table_gives_an_empty_table_for_bytes_that_are_not_utf8():
    table = read_table("a\n가".encode("cp949"))
    assert (table.header, table.error) == ((), ReadError(2, "not-utf8"))


def test_read_table_never_swallows_a_cell_over_the_limit():
    """The first real use: a 10 MiB cell gave an empty table, and the city 0 programmes."""
    big = b"a,b\n1,2\n3," + b"x" * (CELL_LIMIT + 1) + b"\n5,6\n"
    table = read_table(big)
    assert table.error is not None
    assert (table.error.row, table.error.kind) == (3, "cell-too-large")
    assert table.rows == ((2, {"a": "1", "b": "2"}),)


@pytest.mark.parametrize(
    ("data", "row"),
    [
        (b'a,b\n1,2\n3,"unclosed\n4,5\n', 3),
        (b'a,b\n1,"x"y\n', 2),
    ],
)
def test_read_table_stops_at_a_malformed_record_with_its_row(data, row):
    table = read_table(data)
    assert table.error is not None
    assert (table.error.row, table.error.kind) == (row, "malformed")


def test_read_table_keeps_a_bare_cr_inside_a_quoted_cell():
    table = read_table(b'a,b\n1,"x\ry"\n2,3\n')
    assert table.error is None
    assert table.rows == ((2, {"a": "1", "b": "x\ry"}), (3, {"a": "2", "b": "3"}))
    assert table.ragged == frozenset()
