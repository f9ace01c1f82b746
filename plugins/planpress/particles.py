"""Korean particles chosen from the word they follow: `44가`, `43과`, `"2조"는`, `digital로`.

No well-kept library does this for the words planpress messages carry (numbers, ids in
Latin letters, quoted values), so this is the small tested function the rule calls for.
A particle is named by either of its forms (`은` or `는`, `이` or `가`, …); the form is
chosen by whether the word, as a Korean reader would say it, ends in a final consonant
(받침), and for `으로/로` whether that consonant is ㄹ.
"""

from __future__ import annotations

import re

# (after a final consonant, after a vowel or ㄹ-for-로)
PAIRS: tuple[tuple[str, str], ...] = (
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("이나", "나"),
    ("이라는", "라는"),
    ("이라고", "라고"),
    ("이에요", "예요"),
    ("입니다", "입니다"),
)
PARTICLES: dict[str, tuple[str, str]] = {form: pair for pair in PAIRS for form in pair}

VOWEL, CONSONANT, RIEUL = "vowel", "consonant", "rieul"

# How a digit is read when it is the last one said: 1 일, 2 이, 3 삼, …
DIGIT_ENDINGS = {
    "0": CONSONANT,  # 영
    "1": RIEUL,  # 일
    "2": VOWEL,  # 이
    "3": CONSONANT,  # 삼
    "4": VOWEL,  # 사
    "5": VOWEL,  # 오
    "6": CONSONANT,  # 육
    "7": RIEUL,  # 칠
    "8": RIEUL,  # 팔
    "9": VOWEL,  # 구
}
# A round number ends in its largest unit word: 10 십, 100 백, 1000 천, 10000 만, 억, 조, 경.
PLACE_ENDINGS = (
    (10**16, CONSONANT),  # 경
    (10**12, VOWEL),  # 조
    (10**8, CONSONANT),  # 억
    (10**4, CONSONANT),  # 만
    (1000, CONSONANT),  # 천
    (100, CONSONANT),  # 백
    (10, CONSONANT),  # 십
)
# Letter names: only L (엘), M (엠), N (엔) and R (알) end in a consonant.
LETTER_ENDINGS = {"l": RIEUL, "m": CONSONANT, "n": CONSONANT, "r": RIEUL}
SILENT_TAIL = re.compile(r"""(?:\s*\([^()]*\))+$|[\s"'“”‘’「」『』《》〈〉\[\]{}.,:;!?…·*_`~]+$""")
NUMBER_TAIL = re.compile(r"([0-9][0-9,]*)(?:\.([0-9]+))?$")
LATIN_TAIL = re.compile(r"[A-Za-z]+$")
SYMBOL_ENDINGS = {"%": VOWEL}  # 퍼센트


def ending(word: str) -> str:
    """How `word` ends when read aloud: VOWEL, CONSONANT or RIEUL (a final ㄹ)."""
    text = word
    while True:  # quotes, brackets, a closing parenthetical and punctuation are not read
        stripped = SILENT_TAIL.sub("", text)
        if stripped == text or not stripped:
            break
        text = stripped
    if not text:
        return VOWEL
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        return VOWEL if final == 0 else RIEUL if final == 8 else CONSONANT
    if last in SYMBOL_ENDINGS:
        return SYMBOL_ENDINGS[last]
    number = NUMBER_TAIL.search(text)
    if number:
        if number[2]:  # 1.5 is read 일 점 오: its last digit
            return DIGIT_ENDINGS[number[2][-1]]
        return number_ending(int(number[1].replace(",", "")))
    latin = LATIN_TAIL.search(text)
    if latin:
        return latin_ending(latin[0])
    return VOWEL


def number_ending(value: int) -> str:
    if value == 0:
        return CONSONANT  # 영
    if value % 10:
        return DIGIT_ENDINGS[str(value % 10)]
    return next(sound for place, sound in PLACE_ENDINGS if value % place == 0)


def latin_ending(letters: str) -> str:
    """An acronym (CSV, ID, URL) is read letter by letter; a word by its usual Korean spelling."""
    lower = letters.lower()
    if letters.isupper() or (len(letters) <= 3 and not re.search("[aeiou]", lower)):
        return LETTER_ENDINGS.get(lower[-1], VOWEL)
    if lower.endswith("l"):
        return RIEUL  # digital 디지털, hotel 호텔
    if lower.endswith(("m", "n", "ng", "c", "ck", "get", "ket", "b")):
        return CONSONANT  # system 시스템, green 그린, smart-traffic 트래픽, budget 버짓, web 웹
    return VOWEL  # data 데이터, smart 스마트, themes 테마스


def particle(word: str, name: str) -> str:
    """The form of particle `name` (either form: `은` or `는`) that follows `word`."""
    after_consonant, after_vowel = PARTICLES[name]
    sound = ending(word)
    if after_consonant == "으로":
        return after_vowel if sound in (VOWEL, RIEUL) else after_consonant
    return after_consonant if sound in (CONSONANT, RIEUL) else after_vowel


def attach(word: str, name: str) -> str:
    """`word` followed by the right form of particle `name`: attach("2조", "은") == "2조는"."""
    return word + particle(word, name)
