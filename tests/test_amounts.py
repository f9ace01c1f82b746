"""Tier 1: money the Korean way, both directions."""

from __future__ import annotations

import pytest

from planpress.amounts import format_count, format_krw, parse_korean_amount


@pytest.mark.parametrize(
    ("won", "text"),
    [
        (106600000000, "1,066억 원"),
        (4736500000000, "4조 7,365억 원"),
        (147500000000, "1,475억 원"),
        (20000000000, "200억 원"),
        (100000000, "1억 원"),
        (150000000, "1억 5,000만 원"),
        (12345, "1만 2,345원"),
        (9300, "9,300원"),
        (10**16, "1경 원"),
        (0, "0원"),
        (-100000000, "-1억 원"),
    ],
)
def test_format_krw_writes_won_the_way_korean_readers_do(won, text):
    assert format_krw(won) == text


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("1,066억", 106600000000),
        ("1,066억 원", 106600000000),
        ("4조 7,365억 원", 4736500000000),
        ("4조7365억원", 4736500000000),
        ("1천475억", 147500000000),
        ("1천475억원", 147500000000),
        ("200억", 20000000000),
        ("약 200억 원", 20000000000),
        ("1.5억", 150000000),
        ("9,300", 9300),
        ("5천만 원", 50000000),
        ("1경", 10**16),
        ("300 KRW", 300),
        ("0원", 0),
    ],
)
def test_parse_korean_amount_reads_scaled_words_as_whole_won(text, won):
    assert parse_korean_amount(text) == won


@pytest.mark.parametrize(
    "text",
    [
        "",
        "억",
        "원",
        "미정",
        "약 억 원",
        "1.2.3억",
        "0.5원",
        "-1억",
        "1e9",
        "2021-03-16",
        "100달러",
    ],
)
def test_parse_korean_amount_gives_none_when_unsure(text):
    assert parse_korean_amount(text) is None


def test_parse_korean_amount_keeps_every_digit_of_a_long_number():
    # Decimal's default 28-digit context used to round this to ...679000.
    assert parse_korean_amount("1234567890123456789012345678901") == (
        1234567890123456789012345678901
    )


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (110000, "개", "11만 개"),
        (2500000.0, "t", "250만 t"),
        (2.5, "%", "2.5%"),
        (9300, "개", "9,300개"),
        (15234, "개", "1만 5,234개"),
        (-20000, "명", "-2만 명"),
        (123456789, "", "1억 2,345만 6,789"),
    ],
)
def test_format_count_groups_thousands_and_adds_the_counter(value, unit, text):
    assert format_count(value, unit) == text
