"""The search index (search.py): bigram postings, their code, and matching on the real data.

`match_entries` is the reference search.js follows; test_browser_search.py asks Chromium the
same queries on the built site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from planpress.addresses import Addresses
from planpress.check import check_data
from planpress.model import Site, build_site
from planpress.present import SEARCH_KIND_LABELS, SEARCH_MESSAGES, SEARCH_WORDING
from planpress.search import (
    CONTINUE,
    FINAL,
    KINDS,
    SearchEntry,
    bigrams,
    build_index,
    decode_ids,
    encode_ids,
    entry_text,
    index_entries,
    list_entries,
    match_entries,
    read_index_script,
    render_index_script,
    split_words,
)

PROJECT = Path(__file__).resolve().parents[1]
ADDRESSES = Addresses()


def load_site() -> Site:
    checked = check_data(PROJECT / "datapackage", None)
    assert checked.valid, checked.problems[:3]
    return build_site(checked.packages, checked.schemas)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site()


@pytest.fixture(scope="module")
def index(site: Site) -> dict:
    return build_index(site, ADDRESSES)


def found(index: dict, query: str) -> list[tuple[str, str, str, str]]:
    """(kind, city, name, href) of every result, in result order."""
    return [
        (KINDS[kind], index["cities"][city], name, href)
        for kind, city, name, _summary, href in (
            index["entries"][n] for n in match_entries(index, query)
        )
    ]


# -- the real data: queries inside compounds and before particles ----------------------


def test_a_city_name_without_its_suffix_finds_the_city(index):
    results = found(index, "파주")
    assert results[0] == ("city", "파주시", "파주시", "city/paju.html")


def test_part_of_a_compound_finds_the_compound(index):
    results = found(index, "빅데이터")
    assert (
        "programme",
        "대구광역시",
        "의료빅데이터 플랫폼 구축",
        "city/daegu.html#programme-medical-big-data-platform",
    ) in results
    assert (
        "programme",
        "의정부시",
        "빅데이터 플랫폼 구축",
        "city/uijeongbu.html#programme-big-data-platform",
    ) in results


def test_a_word_before_a_particle_is_found(index):
    names = {name for _kind, _city, name, _href in found(index, "인공지능")}
    # "영상관제에 인공지능을 결합해…", "인공지능으로 신호를 운영해…": the word is in the summaries
    assert {"지능형 영상관제시스템 구축", "AI기반 교통신호체계 구축"} <= names


def test_flood_finds_the_flood_management_programme(index):
    assert (
        "programme",
        "파주시",
        "국가하천 스마트 홍수관리시스템",
        "city/paju.html#programme-smart-flood-management",
    ) in found(index, "홍수")


def test_results_whose_name_holds_the_query_come_before_summary_only_ones(index):
    results = match_entries(index, "인공지능")
    in_name = ["인공지능" in index["entries"][n][2] for n in results]
    assert in_name == sorted(in_name, reverse=True)
    assert in_name[0] and not in_name[-1]


def test_every_word_of_a_query_must_be_found(index):
    both = {name for *_, name, _href in found(index, "빅데이터 의료")}
    assert both == {"의료빅데이터 플랫폼 구축"}


def test_a_city_s_name_beside_other_words_keeps_that_city_s_entries(index):
    results = match_entries(index, "파주 스마트")
    assert results and {index["cities"][index["entries"][n][1]] for n in results} == {"파주시"}
    assert all("스마트" in entry_text(index, n) for n in results)
    # the city name alone, or two city names only, are still searched as text
    assert found(index, "파주")[0][2] == "파주시"
    assert found(index, "대구 스마트") != found(index, "스마트")


def test_a_query_that_is_nowhere_finds_nothing(index):
    assert match_entries(index, "없는말입니다") == []
    assert match_entries(index, "  ·  ") == []


def test_one_character_queries_scan_the_texts(index):
    results = found(index, "홍")
    assert (
        "programme",
        "파주시",
        "국가하천 스마트 홍수관리시스템",
        "city/paju.html#programme-smart-flood-management",
    ) in results
    assert all(
        "홍" in index["entries"][n][2] + index["entries"][n][3] for n in match_entries(index, "홍")
    )


def test_latin_letters_match_regardless_of_case_and_width(index):
    assert found(index, "ai기반") == found(index, "AI기반") == found(index, "ＡＩ기반")
    assert found(index, "ai기반")


def test_every_city_pillar_programme_and_target_is_an_entry_linking_to_its_row(
    site, index, built_site
):
    entries = list_entries(site)
    assert len(entries) == len(site.cities) + sum(
        len(plan.pillars) + len(plan.programmes) + len(plan.targets)
        for city in site.cities
        for plan in city.plans
    )
    assert {e.kind for e in entries} == set(KINDS)
    for _kind, _city, _name, _summary, href in index["entries"]:
        page, _, anchor = href.partition("#")
        html = (built_site / page).read_text("utf-8")
        if anchor:
            assert f'id="{anchor}"' in html, href


# -- what bigrams do not do alone ---------------------------------------------------------


def test_bigram_false_positives_are_removed_by_the_substring_check():
    entries = [
        SearchEntry(
            "programme", 0, "x", "데이 정리와 이터널", "", "programme-a"
        ),  # 데이, 이터 but no 데이터
        SearchEntry("programme", 0, "x", "데이터 정리", "", "programme-b"),
    ]
    index = index_entries(entries, ["가시"], ADDRESSES)
    assert set(decode_ids(index["grams"]["데이"])) == {0, 1}
    assert set(decode_ids(index["grams"]["이터"])) == {0, 1}
    assert match_entries(index, "데이터") == [1]


def test_words_are_runs_of_letters_and_digits_and_bigrams_stay_inside_them():
    assert split_words("AI기반 교통·신호(2030년)") == ["ai기반", "교통", "신호", "2030년"]
    assert bigrams("빅데이터") == ["빅데", "데이", "이터"]
    index = index_entries(
        [SearchEntry("target", 0, "x", "교통·신호", "", "target-a")], ["가시"], ADDRESSES
    )
    assert "통신" not in index["grams"]  # no bigram across the middle dot


# -- the postings code ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "ids",
    [
        [],
        [0],
        [0, 1, 2, 3],
        [31],
        [32],
        [5, 1000, 1001, 50_000, 1_048_576],
        list(range(0, 3000, 7)),
    ],
)
def test_posting_lists_round_trip_through_the_gap_code(ids):
    code = encode_ids(ids)
    assert decode_ids(code) == ids
    assert set(code) <= set(FINAL + CONTINUE)


def test_a_dense_posting_list_costs_one_letter_per_entry():
    assert len(encode_ids(list(range(100)))) == 100
    assert encode_ids([0, 31, 32]) == "0v1"


def test_the_gap_code_has_no_letter_that_needs_escaping_in_json():
    assert len(set(FINAL) | set(CONTINUE)) == 64
    assert not set(FINAL + CONTINUE) & set("\"\\<>&'")


# -- the script file ------------------------------------------------------------------------


def test_the_index_script_defines_one_global_and_reads_back(index):
    script = render_index_script(index)
    assert script.startswith(b"window.planpressSearchIndex={")
    assert script.endswith(b";\n")
    assert "의료빅데이터".encode() in script  # Hangul unescaped: a third smaller than \uXXXX
    assert read_index_script(script) == index


def test_the_index_is_byte_identical_from_two_loads_of_the_data():
    first = render_index_script(build_index(load_site(), ADDRESSES))
    second = render_index_script(build_index(load_site(), ADDRESSES))
    assert first == second


def test_the_built_site_ships_the_index_the_module_builds(index, built_site):
    assert (built_site / ADDRESSES.search_index).read_bytes() == render_index_script(index)


def test_the_real_index_stays_small(index):
    assert len(render_index_script(index)) < 80_000


# -- the page that carries it --------------------------------------------------------------


def test_search_js_holds_no_wording_of_its_own():
    script = (PROJECT / "theme" / "static" / "js" / "search.js").read_text("utf-8")
    assert not [ch for ch in script if "가" <= ch <= "힣"], (
        "search.js must take its words from the page"
    )


def test_the_home_page_gives_search_js_its_words_and_hides_the_form_until_it_runs(built_site):
    soup = BeautifulSoup((built_site / "index.html").read_text("utf-8"), "html.parser")
    form = soup.find("form", id="site-search")
    assert form.has_attr("hidden") and form["role"] == "search"
    assert {k: form[f"data-text-{k}"] for k in SEARCH_MESSAGES} == SEARCH_MESSAGES
    assert {k: form[f"data-kind-{k}"] for k in KINDS} == SEARCH_KIND_LABELS
    assert (built_site / form["data-search-index"]).is_file()
    assert soup.find("label", attrs={"for": "search-query"}).text == SEARCH_WORDING["label"]
    assert soup.noscript.get_text(strip=True) == SEARCH_WORDING["noscript"]
    status = soup.find(id="search-status")
    assert (status["role"], status["aria-live"]) == ("status", "polite")
    scripts = [s["src"] for s in soup.find_all("script")]
    assert "./theme/js/search.js" in scripts
    assert not any("search-index" in src for src in scripts)  # loaded on first use only
    nav = [a["href"] for a in soup.select(".site-header nav a")]
    assert f"./{ADDRESSES.search_link()}" in nav and soup.find(id=ADDRESSES.search_anchor)


# -- ranking ---------------------------------------------------------------------------------


def ranked(entries: list[SearchEntry], query: str) -> list[str]:
    index = index_entries(entries, ["가시", "나군"], ADDRESSES)
    return [index["entries"][n][2] for n in match_entries(index, query)]


def entry(kind: str, name: str, summary: str = "", city: int = 0) -> SearchEntry:
    anchor = "" if kind == "city" else f"{kind}-{len(name)}-{len(summary)}"
    return SearchEntry(kind, city, "x", name, summary, anchor)


def test_the_whole_name_comes_first_then_the_names_holding_more_of_the_query():
    entries = [
        entry("programme", "의료빅데이터 플랫폼 구축"),
        entry("programme", "도시 정비", "빅데이터 플랫폼을 쓴다"),  # only its summary holds it
        entry("programme", "빅데이터 플랫폼"),  # the whole query
        entry("programme", "데이터 플랫폼", "빅데이터"),  # its name holds some of the bigrams
    ]
    assert ranked(entries, "빅데이터 플랫폼") == [
        "빅데이터 플랫폼",
        "의료빅데이터 플랫폼 구축",
        "데이터 플랫폼",
        "도시 정비",
    ]


@pytest.mark.parametrize("query", ["가시", "가", "가 시"])
def test_a_city_s_name_with_or_without_its_suffix_puts_the_city_first(query):
    entries = [
        entry("programme", "가시 정원"),
        entry("pillar", "가시형 뉴딜"),
        entry("city", "가시", "도 x"),
        entry("target", "가시 목표"),
    ]
    assert ranked(entries, query)[0] == "가시"


def test_a_suffix_is_only_dropped_from_a_city_s_name():
    entries = [entry("programme", "연구 지원"), entry("programme", "연구"), entry("city", "연시")]
    assert ranked(entries, "연")[0] == "연시"  # 연 is 연시 without its suffix
    assert ranked(entries, "연구") == ["연구", "연구 지원"]


def test_equal_matches_list_programme_rows_then_other_rows_then_city_pages_in_index_order():
    entries = [
        entry("city", "나군", "스마트 도시"),
        entry("target", "목표", "스마트 목표"),
        entry("programme", "사업 가", "스마트 사업"),
        entry("pillar", "분야", "스마트 분야"),
        entry("programme", "사업 나", "스마트 사업"),
    ]
    assert ranked(entries, "스마트") == ["사업 가", "사업 나", "목표", "분야", "나군"]


def test_real_data_ranks_whole_names_and_cities_first(index):
    assert found(index, "빅데이터 플랫폼 구축")[0][2] == "빅데이터 플랫폼 구축"
    assert "의료빅데이터 플랫폼 구축" in [name for _, _, name, _ in found(index, "빅데이터")]
    for query, city in (("대구", "대구광역시"), ("의정부", "의정부시"), ("파주시", "파주시")):
        assert found(index, query)[0][:3] == ("city", city, city), query
