"""Korean amounts both ways: exact won ↔ the way Korean readers write money.

`format_krw(106600000000) == "1,066억 원"`; `parse_korean_amount("1,066억") == 106600000000`
(used to tell a contributor the exact number to write instead of a scaled word).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

# Largest first. 경 is far beyond any budget but keeps the formatter total.
UNITS = (("경", 10**16), ("조", 10**12), ("억", 10**8), ("만", 10**4))
SMALL_UNITS = {"천": 1000, "백": 100, "십": 10}


def in_korean_units(value: int) -> str:
    """A whole number in 만, 억, 조: 4736500000000 → '4조 7,365억', 15234 → '1만 5,234'."""
    rest = abs(value)
    parts: list[str] = []
    for word, size in UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count:,}{word}")
    if rest or not parts:
        parts.append(f"{rest:,}")
    return ("-" if value < 0 else "") + " ".join(parts)


def format_krw(won: int) -> str:
    """Money the Korean way: 4736500000000 → '4조 7,365억 원'.

    An unknown amount has no number to format: what the site says then is present.UNKNOWN.
    """
    if won == 0:
        return "0원"
    text = in_korean_units(won)
    return f"{text}원" if text[-1].isdigit() else f"{text} 원"


def format_count(value: int | float, unit: str = "") -> str:
    """A count the way Korean readers write it, exactly: 9300, '개' → '9,300개'; from 10,000 in
    만 and 억 as the sources do: 110000 → '11만 개', 2500000, '톤' → '250만 톤',
    15234 → '1만 5,234개'. A fraction keeps its digits: 12.5, '%' → '12.5%'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float) or abs(value) < 10**4:
        return f"{value:,}{unit}"
    text = in_korean_units(value)
    return f"{text}{unit}" if text[-1].isdigit() or not unit else f"{text} {unit}"


_AMOUNT = re.compile(
    r"^\s*(?:약\s*)?(?P<body>[0-9.,천백십경조억만\s]+?)\s*(?:원|won|KRW)?\s*$", re.I
)


def _parse_small(text: str) -> Decimal | None:
    """'1천475' → 1475; '9,300' → 9300; '1.5' → 1.5."""
    text = text.replace(",", "").strip()
    if not text:
        return Decimal(1)
    total = Decimal(0)
    number = ""
    for char in text:
        if char.isdigit() or char == ".":
            number += char
        elif char in SMALL_UNITS:
            try:
                total += (Decimal(number) if number else Decimal(1)) * SMALL_UNITS[char]
            except InvalidOperation:
                return None
            number = ""
        else:
            return None
    try:
        return total + (Decimal(number) if number else Decimal(0))
    except InvalidOperation:
        return None


def parse_korean_amount(text: str) -> int | None:
    """Read '1,066억', '1천475억원', '4조 7,365억 원', '200억' as whole won; None if unsure."""
    match = _AMOUNT.match(text or "")
    if not match or not any(ch.isdigit() for ch in match["body"]):
        return None
    # Decimal rounds to 28 digits by default; give it room for every digit plus 경 (10**16).
    with localcontext() as context:
        context.prec = len(match["body"]) + 24
        return _parse_amount(match["body"])


def _parse_amount(body: str) -> int | None:
    body = body.replace(" ", "")
    total = Decimal(0)
    for word, size in UNITS:
        if word in body:
            head, body = body.split(word, 1)
            value = _parse_small(head)
            if value is None:
                return None
            total += value * size
    if body:
        value = _parse_small(body)
        if value is None:
            return None
        total += value
    if total != total.to_integral_value():
        return None
    return int(total)


COUNTER_CHARS = "개명건곳소과제사업대호가구회"
"""Counter words written after a count ("43개", "9,897명", "11개 과제"), dropped to read the
number; a word such as 여 or 약 ("9천300여명") is not, so such a count is not read."""


def parse_korean_count(text: str) -> int | None:
    """Read '43개', '9,897명', '9천897', '11개 과제' as a whole number; None if unsure."""
    return parse_korean_amount(text.rstrip(COUNTER_CHARS + " "))


UNKNOWN_WORDS = frozenset(
    {
        "-",
        "–",
        "—",
        "?",
        "미정",
        "미상",
        "모름",
        "없음",
        "해당없음",
        "해당 없음",
        "N/A",
        "n/a",
        "NA",
        "x",
        "X",
    }
)
"""What people write in a figure or date cell for "not known": the cell should be empty."""
