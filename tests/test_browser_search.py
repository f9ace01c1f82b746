"""The home page's search in Chromium: Korean queries over http and from disk, keyboard, axe.

The answers must be those of search.py's `match_entries` (the Python reference, tested on its
own in test_search.py), and every result must link to a row that exists on its page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browser_support import file_url, guarded_page, require_axe
from bs4 import BeautifulSoup

from planpress.present import SEARCH_RESULT_LIMIT, SEARCH_WORDING
from planpress.search import KINDS, match_entries, read_index_script, split_words

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# `browser` and `site_server` come from conftest.py: one Chromium for the whole session.

QUERIES = {
    "파주": ("파주시", "도시 · 파주시"),
    "빅데이터": ("의료빅데이터 플랫폼 구축", "사업 · 대구광역시"),
    "인공지능": ("지능형 영상관제시스템 구축", "사업 · 파주시"),  # the summary reads "인공지능을"
    "홍수": ("국가하천 스마트 홍수관리시스템", "사업 · 파주시"),
}

RESULTS = """() => Array.from(document.querySelectorAll('#search-results li'), li => ({
    name: li.querySelector('a').textContent,
    href: li.querySelector('a').getAttribute('href'),
    url: li.querySelector('a').href,
    meta: li.querySelector('.search-meta').textContent}))"""


def search(page, query: str) -> list[dict]:
    box = page.get_by_label(SEARCH_WORDING["label"])
    box.fill("")
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(
        "q => document.getElementById('search-status').textContent.includes('‘' + q + '’')",
        arg=query,
    )
    return page.evaluate(RESULTS)


def expected_names(built_site: Path, query: str) -> list[str]:
    index = read_index_script((built_site / "search-index.js").read_bytes())
    return [index["entries"][n][2] for n in match_entries(index, query)][:SEARCH_RESULT_LIMIT]


def row_exists(built_site: Path, root_url: str, url: str) -> bool:
    """The result's address is a page of the site holding the anchor it names."""
    parts = urlsplit(url)
    assert url.startswith(root_url), url
    page = built_site / unquote(parts.path[len(urlsplit(root_url).path) :])
    if not page.is_file():
        return False
    if not parts.fragment:
        return True
    return BeautifulSoup(page.read_text("utf-8"), "html.parser").find(id=parts.fragment) is not None


def check_queries(page, built_site: Path, root_url: str) -> None:
    for query, (name, meta) in QUERIES.items():
        results = search(page, query)
        assert {"name": name, "meta": meta} in [
            {"name": r["name"], "meta": r["meta"]} for r in results
        ], (query, results[:5])
        assert [r["name"] for r in results] == expected_names(built_site, query), query
        for result in results:
            assert not result["href"].startswith("/"), result  # relative, under any subpath
            assert row_exists(built_site, root_url, result["url"]), result
        status = page.locator("#search-status").text_content()
        assert f"결과 {len(results)}개" in status, status


def test_korean_queries_find_compounds_and_words_before_particles(browser, site_server, built_site):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        check_queries(page, built_site, site_server.url)
        guard.check()


def test_search_works_opened_from_disk(browser, built_site):
    root = file_url(built_site) + "/"
    with guarded_page(browser, root) as (page, guard):
        page.goto(root + "index.html")
        check_queries(page, built_site, root)
        guard.check()


def parity_queries(index: dict) -> list[str]:
    """Queries from the data itself: a piece from inside a word of every fifth entry's name,
    and a few that exercise several words, Latin letters, digits and one letter."""
    queries = {"스마트 구축", "데이터 플랫폼", "ai", "ITS", "홍", "2030", "ｓｍａｒｔ"}
    queries |= {"파주 스마트", "대구 데이터", "파주 대구", "전주시 관광"}  # place words
    for entry in index["entries"][::5]:
        word = max(split_words(entry[2]), key=len)
        queries.add(word[1:3] if len(word) >= 3 else word)
    return sorted(queries)


def test_the_browser_finds_what_the_python_reference_finds(browser, site_server, built_site):
    index = read_index_script((built_site / "search-index.js").read_bytes())
    queries = parity_queries(index)
    assert len(queries) > 20
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        for query in queries:
            expected = match_entries(index, query)
            shown = [r["name"] for r in search(page, query)]
            assert shown == [index["entries"][n][2] for n in expected][:SEARCH_RESULT_LIMIT], query
            status = page.locator("#search-status").text_content()
            if expected:
                assert f"결과 {len(expected)}개" in status, (query, status)
            else:
                assert "없습니다" in status, (query, status)
        guard.check()


def test_the_main_menu_leads_to_the_search_box_from_any_page(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "compare.html")
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="찾기").click()
        page.wait_for_url(site_server.url + "index.html#search")
        page.wait_for_function("() => document.activeElement.id === 'search-query'")
        page.keyboard.type("파주")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#search-results a') !== null")
        guard.check()


def test_a_result_opens_its_row_on_the_city_page(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        search(page, "빅데이터")
        page.get_by_role("link", name="의료빅데이터 플랫폼 구축").click()
        page.wait_for_url("**/city/daegu.html#programme-medical-big-data-platform")
        assert page.locator(":target").get_attribute("id") == "programme-medical-big-data-platform"
        guard.check()


def test_search_is_usable_by_keyboard_alone(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "search-query":
                break
        else:
            pytest.fail("Tab never reached the search box")
        page.keyboard.type("홍수")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#search-results a') !== null")
        page.keyboard.press("Tab")  # the button
        page.keyboard.press("Tab")  # the first result
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == "국가하천 스마트 홍수관리시스템"
        guard.check()


def test_the_status_line_is_a_polite_live_region_and_counts_the_results(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        status = page.locator("#search-status")
        assert status.get_attribute("role") == "status"
        assert status.get_attribute("aria-live") == "polite"
        search(page, "없는말입니다")
        assert status.text_content() == "‘없는말입니다’에 맞는 도시·분야·사업·목표가 없습니다."
        assert page.locator("#search-results li").count() == 0
        guard.check()


def test_every_kind_is_labelled_from_the_page(browser, site_server, built_site):
    index = read_index_script((built_site / "search-index.js").read_bytes())
    labels = {"city": "도시", "pillar": "분야", "programme": "사업", "target": "목표"}
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        for kind in KINDS:
            entry = next(e for e in index["entries"] if KINDS[e[0]] == kind)
            results = search(page, entry[2])
            assert f"{labels[kind]} · {index['cities'][entry[1]]}" in [r["meta"] for r in results]
        guard.check()


def test_without_javascript_the_form_is_hidden_and_the_page_says_why(browser, site_server):
    with guarded_page(browser, site_server.url, java_script_enabled=False) as (page, guard):
        page.goto(site_server.url + "index.html")
        assert not page.locator("#site-search").is_visible()
        said = page.locator("noscript p")
        assert said.is_visible()
        assert said.text_content() == SEARCH_WORDING["noscript"]
        guard.check()


def test_an_index_that_does_not_load_is_said_in_the_status_line(browser, site_server):
    context = browser.new_context()
    try:
        context.route("**/search-index.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(site_server.url + "index.html")
        page.get_by_label(SEARCH_WORDING["label"]).fill("파주")
        page.get_by_label(SEARCH_WORDING["label"]).press("Enter")
        page.wait_for_function(
            "() => document.getElementById('search-status').textContent.includes('불러오지 못해')"
        )
    finally:
        context.close()


def test_the_index_loads_only_when_search_is_used(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_server.url + "index.html")
        page.wait_for_load_state("load")
        assert not any(u.endswith("/search-index.js") for u in requested)
        search(page, "파주")
        assert urljoin(site_server.url, "search-index.js") in requested
        guard.check()


def test_axe_finds_no_serious_violations_with_results_shown(browser, site_server):
    with guarded_page(browser, site_server.url, bypass_csp=True) as (page, guard):
        page.goto(site_server.url + "index.html")
        search(page, "빅데이터")
        page.add_script_tag(path=str(require_axe()))
        violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")[
            "violations"
        ]
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, "\n".join(
            f"- {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:5]]}" for v in serious
        )
        guard.check()


def test_results_are_ranked_whole_names_and_cities_first(browser, site_server, built_site):
    """The browser ranks as search.py does: the city for its name (with or without 시),
    the whole name before names that hold it, compounds found inside."""
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        names = [r["name"] for r in search(page, "빅데이터")]
        assert "의료빅데이터 플랫폼 구축" in names, names
        assert names == expected_names(built_site, "빅데이터")
        exact = search(page, "빅데이터 플랫폼 구축")
        assert exact[0]["name"] == "빅데이터 플랫폼 구축", exact[:3]
        for query, city in (
            ("의정부시", "의정부시"),
            ("의정부", "의정부시"),
            ("대구", "대구광역시"),
        ):
            first = search(page, query)[0]
            assert (first["name"], first["meta"]) == (city, f"도시 · {city}"), query
            assert not urlsplit(first["url"]).fragment, first  # the city page itself
        guard.check()
