"""Tier 1: Korean particles follow the word as it is read aloud."""

from __future__ import annotations

import pytest

from planpress.particles import PAIRS, attach, particle


@pytest.mark.parametrize(
    ("word", "name", "expected"),
    [
        # Hangul: a final consonant, none, or ㄹ (which takes 로, not 으로)
        ("과제 수", "를", "과제 수를"),
        ("사업비", "은", "사업비는"),
        ("일자리", "이", "일자리가"),
        ("분야", "과", "분야와"),
        ("총사업비", "와", "총사업비와"),
        ("국비", "가", "국비가"),
        ("도시", "으로", "도시로"),
        ("서울", "으로", "서울로"),
        ("경기도청", "로", "경기도청으로"),
        ("1,475억 원", "과", "1,475억 원과"),
        # numbers are read in Korean: 44 사십사, 43 사십삼, 10 십, 20000 이만, 1조
        ("44", "이", "44가"),
        ("43", "와", "43과"),
        ("42", "이", "42가"),
        ("10", "이", "10이"),
        ("20000", "은", "20000은"),
        ("110,000", "과", "110,000과"),
        ("1000000000000", "은", "1000000000000는"),  # 일조는
        ("0", "을", "0을"),
        ("1", "으로", "1로"),
        ("3", "으로", "3으로"),
        ("1.5", "이", "1.5가"),
        ("15%", "가", "15%가"),
        # quotes, brackets and a closing parenthetical are not read
        ('"2조"', "은", '"2조"는'),
        ('"1,066억"', "은", '"1,066억"은'),
        ("사업비(발표)", "를", "사업비(발표)를"),
        ("「파주형 뉴딜」", "이", "「파주형 뉴딜」이"),
        # Latin letters: acronyms letter by letter, words by their usual Korean spelling
        ("CSV", "을", "CSV를"),
        ("URL", "을", "URL을"),
        ("ID", "가", "ID가"),
        ("digital", "으로", "digital로"),
        ("green", "은", "green은"),
        ("smart-traffic", "이", "smart-traffic이"),
        ("budget", "은", "budget은"),  # 버짓
        ("target", "이", "target이"),  # 타깃
        ("loop", "으로", "loop로"),  # 루프
        ("help", "은", "help는"),  # 헬프
        ("smart", "은", "smart는"),  # 스마트
        ("example.com", "은", "example.com은"),
        ("programmes.csv", "을", "programmes.csv를"),
        ("data", "과", "data와"),
        ("=", "으로", "=로"),
    ],
)
def test_attach_chooses_the_form_the_word_takes(word, name, expected):
    assert attach(word, name) == expected


@pytest.mark.parametrize(("after_consonant", "after_vowel"), PAIRS)
def test_either_form_names_the_same_particle(after_consonant, after_vowel):
    for word in ("삼", "사", "물"):
        assert particle(word, after_consonant) == particle(word, after_vowel)


def test_an_unknown_particle_is_a_programming_error():
    with pytest.raises(KeyError):
        attach("사업비", "에게서")
