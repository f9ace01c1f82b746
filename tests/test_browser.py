"""The built site in a real browser: Chromium through Playwright, served under a subpath.

Every test runs under the site's own Content-Security-Policy, except the axe-core audit,
which needs `bypass_csp` to inject its script and so gets a context of its own. A Guard
fails the test on any failed request, any answer >= 400, any request leaving the site and
any console error or uncaught exception.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from browser_support import (
    ARTIFACTS,
    DATA,
    PROJECT,
    city_slugs,
    file_url,
    guarded_page,
    html_pages,
    require_axe,
    serve_site,
)
from bs4 import BeautifulSoup

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = ARTIFACTS / "screenshots"
RESOURCES = ("pillars", "programmes", "targets")

# One page of each kind; the city and the theme are filled in from the data (see
# `sort_city` and `largest_theme`).
PAGE_TYPES = {
    "home": "index.html",
    "city": None,
    "compare": "compare.html",
    "theme": None,
    "data": "data.html",
    "content": "pages/methodology.html",
}

# JavaScript evaluated in the page ------------------------------------------------------

COLUMN_VALUES = """([tableId, col]) => Array.from(
    document.querySelectorAll('#' + tableId + ' tbody tr'),
    row => row.cells[col].getAttribute('data-sort'))"""

COLUMN_INDEX = """([tableId, heading]) => Array.from(
    document.querySelectorAll('#' + tableId + ' thead th'))
    .findIndex(th => th.textContent.trim().startsWith(heading))"""

VISIBLE_ROW_IDS = """tableId => Array.from(
    document.querySelectorAll('#' + tableId + ' tbody tr'))
    .filter(row => !row.hidden && row.getClientRects().length > 0).map(row => row.id)"""

ACTIVE = """() => {
    const el = document.activeElement;
    return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
            href: el.getAttribute('href'), text: el.textContent.trim().slice(0, 40),
            label: el.getAttribute('aria-labelledby')};
}"""

OVERFLOWING = """() => {
    const width = window.innerWidth;
    return Array.from(document.querySelectorAll('body *'))
        .filter(el => el.getBoundingClientRect().right > width + 0.5
                      && (!el.closest('.table-scroll')
                          || ['absolute', 'fixed'].includes(getComputedStyle(el).position)))
        .slice(0, 10)
        .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                   + (el.className ? '.' + String(el.className).replace(/ /g, '.') : '')
                   + ' right=' + Math.round(el.getBoundingClientRect().right));
}"""

BUDGET = "총사업비"


def expected_sort(values: list[str], ascending: bool) -> list[str]:
    """What tables.js promises: numbers in order, unknown (empty) values always last."""
    known = sorted((v for v in values if v != ""), key=float, reverse=not ascending)
    return known + [v for v in values if v == ""]


@pytest.fixture(scope="module")
def sort_city(built_site: Path) -> str:
    """The city whose programme table best exercises sorting: most known budgets, unsorted."""

    def known_budgets(slug: str) -> list[str]:
        soup = BeautifulSoup(
            (built_site / "city" / f"{slug}.html").read_text("utf-8"), "html.parser"
        )
        rows = soup.select("#programmes-table tbody tr")
        return [c["data-sort"] for r in rows for c in r.select("td.num")[:1] if c["data-sort"]]

    candidates = [
        (len(set(values)), slug)
        for slug in city_slugs()
        if (values := known_budgets(slug)) != expected_sort(values, True)
    ]
    assert candidates, "no city has an unsorted programme table with known budgets to sort"
    return max(candidates)[1]


def theme_counts() -> Counter[str]:
    """How many programmes of the real data carry each theme."""
    return Counter(
        theme
        for slug in city_slugs()
        for row in csv.DictReader(io.StringIO((DATA / slug / "programmes.csv").read_text("utf-8")))
        for theme in row["themes"].split(";")
        if theme
    )


def largest_theme() -> str:
    """The theme page with the most rows: the one most likely to overflow or fail an audit."""
    counts = theme_counts()
    return max(sorted(counts), key=counts.__getitem__)


def page_path(kind: str, sort_city: str) -> str:
    if kind == "theme":
        return f"themes/{largest_theme()}.html"
    return PAGE_TYPES[kind] or f"city/{sort_city}.html"


def budget_column(page) -> int:
    col = page.evaluate(COLUMN_INDEX, ["programmes-table", BUDGET])
    assert col >= 0, f"no {BUDGET} column in the programmes table"
    return col


# Every page --------------------------------------------------------------------------------


def test_every_page_opens_cleanly_under_a_subpath(browser, site_server, built_site):
    pages = html_pages(built_site)
    expected = {"index.html", "compare.html", "data.html"}
    expected |= {f"city/{slug}.html" for slug in city_slugs()}
    expected |= {f"themes/{theme}.html" for theme in theme_counts()}
    assert expected <= set(pages), f"pages missing from the build: {expected - set(pages)}"
    markdown = sorted((PROJECT / "content" / "pages").glob("*.md"))
    built_pages = [p for p in pages if p.startswith("pages/")]
    assert len(built_pages) == len(markdown), f"Markdown pages {markdown} built as {built_pages}"
    with guarded_page(browser, site_server.url) as (page, guard):
        for path in pages:
            response = page.goto(site_server.url + path)
            assert response is not None and response.ok, path
            assert page.title().strip(), f"{path} has no title"
            assert page.locator("h1").count() == 1, f"{path} should have exactly one h1"
            assert page.locator("main#main").count() == 1, path
            assert page.evaluate("document.styleSheets.length") >= 1, path
            for table in page.locator("table[data-sortable]").all():
                assert table.locator("thead button.sort-button").count() > 0, (
                    f"{path}: tables.js did not run (CSP blocking it?)"
                )
            guard.check(path)


def test_the_guard_records_each_kind_of_failure(browser, site_server):
    """Guards every test here: a Guard that records nothing would let them all pass."""
    with guarded_page(browser, site_server.url, bypass_csp=True) as (page, guard):
        page.goto(site_server.url + "index.html")
        page.evaluate(
            """async () => {
                await fetch('no-such-file.csv');
                const img = document.createElement('img');
                img.src = 'https://example.org/pixel.png';
                document.body.append(img);
                console.error('boom');
                setTimeout(() => { throw new Error('uncaught'); }, 0);
                await new Promise(resolve => setTimeout(resolve, 300));
            }"""
        )
        page.wait_for_timeout(200)
        found = "\n".join(guard.problems)
        guard.problems = []
    for expected in (
        "HTTP 404: " + site_server.url + "no-such-file.csv",
        "left the site: GET https://example.org/pixel.png",
        "console error: boom",
        "pageerror: uncaught",
    ):
        assert expected in found, f"{expected!r} not recorded in:\n{found}"


def test_the_content_security_policy_is_enforced(browser, site_server, sort_city):
    """The functional tests prove the site works with its CSP on; this proves the CSP is on."""
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + f"city/{sort_city}.html")
        blocked = page.evaluate(
            """() => new Promise(resolve => {
                document.addEventListener('securitypolicyviolation',
                    event => resolve(event.violatedDirective), {once: true});
                const script = document.createElement('script');
                script.textContent = 'window.inlineRan = true';
                document.head.appendChild(script);
                setTimeout(() => resolve(window.inlineRan ? 'ran' : 'no event'), 2000);
            })"""
        )
        assert blocked.startswith("script-src"), f"inline script was not blocked: {blocked}"
        guard.problems = [p for p in guard.problems if "Content Security Policy" not in p]


# Following links ---------------------------------------------------------------------------


def test_nav_and_city_links_lead_where_they_say(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "index.html")
        first_city = page.locator("#cities tbody tr th a").first
        name = first_city.inner_text().strip()
        first_city.click()
        page.wait_for_url(re.compile(r"/plans/city/[a-z0-9-]+\.html$"))
        assert name in page.locator("h1").inner_text()

        nav = page.get_by_role("navigation", name="주 메뉴")
        for label, path in [
            ("도시 비교", "compare.html"),
            ("데이터 내려받기", "data.html"),
            ("수치를 읽는 법", "pages/methodology.html"),
            ("도시 목록", "index.html"),
        ]:
            nav.get_by_role("link", name=label, exact=True).click()
            page.wait_for_url(site_server.url + path)
            current = nav.locator("a[aria-current=page]")
            assert current.count() == 1 and current.inner_text().strip() == label, path

        page.goto(site_server.url + "compare.html")
        theme = page.locator("#themes-table tbody th a").first
        name = theme.inner_text().strip()
        theme.click()
        page.wait_for_url(re.compile(r"/plans/themes/[a-z0-9-]+\.html$"))
        assert name in page.locator("h1").inner_text()
        link = page.locator("#theme-table tbody th a").first
        anchor = link.get_attribute("href").split("#")[1]
        link.click()
        page.wait_for_url(re.compile(rf"/plans/city/[a-z0-9-]+\.html#{re.escape(anchor)}$"))
        assert page.locator(f"[id='{anchor}']").count() == 1
        guard.check()


# Sorting and filtering (CSP on) ---------------------------------------------------------


def test_sorting_programmes_by_budget_follows_the_data_sort_values(browser, site_server, sort_city):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + f"city/{sort_city}.html")
        col = budget_column(page)
        header = page.locator("#programmes-table thead th").nth(col)
        before = page.evaluate(COLUMN_VALUES, ["programmes-table", col])

        header.get_by_role("button").click()
        ascending = page.evaluate(COLUMN_VALUES, ["programmes-table", col])
        assert header.get_attribute("aria-sort") == "ascending"
        assert ascending != before, "clicking the header did not reorder the rows"
        assert ascending == expected_sort(before, ascending=True)

        header.get_by_role("button").click()
        descending = page.evaluate(COLUMN_VALUES, ["programmes-table", col])
        assert header.get_attribute("aria-sort") == "descending"
        assert descending == expected_sort(before, ascending=False)
        guard.check()


def test_sorting_a_column_under_a_group_header_sorts_that_column(browser, site_server):
    """The compare table has two header rows; each sort button must sort its own column."""
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "compare.html")
        buttons = page.locator("#compare-table thead button.sort-button")
        columns = page.locator("#compare-table tbody tr").first.locator("th, td")
        assert buttons.count() == columns.count(), (
            "a column of the compare table has no sort button"
        )
        col = 4  # 도시, 발표일, 계획 기간, 총사업비 › 발표, 총사업비 › 분야별 합
        header = page.locator("#compare-table thead th", has_text="분야별 합")
        before = page.evaluate(COLUMN_VALUES, ["compare-table", col])
        header.get_by_role("button").click()
        after = page.evaluate(COLUMN_VALUES, ["compare-table", col])
        assert header.get_attribute("aria-sort") == "ascending"
        assert after == expected_sort(before, ascending=True) and after != before
        guard.check()


def test_filtering_programmes_shows_only_matching_rows_and_counts_them(
    browser, site_server, built_site, sort_city
):
    html = (built_site / "city" / f"{sort_city}.html").read_text("utf-8")
    rows = BeautifulSoup(html, "html.parser").select("#programmes-table tbody tr")
    texts = {row["id"]: row.get_text().lower() for row in rows}
    tags = sorted({t.get_text() for row in rows for t in row.select(".tag")})
    # a theme that some rows have and some do not
    word = next(t for t in tags if 0 < sum(t.lower() in x for x in texts.values()) < len(rows))
    matching = [rid for rid, text in texts.items() if word.lower() in text]

    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + f"city/{sort_city}.html")
        box = page.get_by_role("searchbox", name=re.compile("과제 검색"))
        count = page.locator("#programmes-table-count")
        assert count.inner_text() == f"{len(rows)}개 중 {len(rows)}개 표시"

        box.fill(word)
        assert page.evaluate(VISIBLE_ROW_IDS, "programmes-table") == matching
        assert count.inner_text() == f"{len(rows)}개 중 {len(matching)}개 표시"

        box.fill("없는검색어 zzz")
        assert page.evaluate(VISIBLE_ROW_IDS, "programmes-table") == []
        assert count.inner_text() == f"검색 결과가 없습니다 ({len(rows)}개 중 0개)"

        box.fill("")
        assert len(page.evaluate(VISIBLE_ROW_IDS, "programmes-table")) == len(rows)
        guard.check()


# Downloads -------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES)
def test_csv_download_is_the_source_file(browser, site_server, sort_city, resource):
    with guarded_page(browser, site_server.url, accept_downloads=True) as (page, guard):
        page.goto(site_server.url + f"city/{sort_city}.html")
        link = page.locator(f"a[href$='/{sort_city}/{resource}.csv']").first
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.failure() is None
        assert (
            download.suggested_filename == f"{sort_city}-{resource}.csv"
        )  # says which city, not just programmes.csv
        got = Path(download.path()).read_bytes()
        assert got == (DATA / sort_city / f"{resource}.csv").read_bytes()
        guard.check()


# Keyboard only ---------------------------------------------------------------------------


def test_keyboard_walk_skip_link_nav_and_sorting(browser, site_server, sort_city):
    url = site_server.url + f"city/{sort_city}.html"
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(url)
        header_links = page.eval_on_selector_all(
            ".site-header a", "links => links.map(a => a.getAttribute('href'))"
        )

        page.keyboard.press("Tab")
        first = page.evaluate(ACTIVE)
        assert "skip-link" in first["cls"], f"first Tab should reach the skip link, got {first}"
        box = page.locator(".skip-link").bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0, "focused skip link is off screen"

        walked = []
        for _ in header_links:
            page.keyboard.press("Tab")
            walked.append(page.evaluate(ACTIVE)["href"])
        assert walked == header_links, "Tab does not reach the header links in order"

        page.goto(url)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")

        def tab_until(predicate, what: str, limit: int = 300) -> dict:
            for _ in range(limit):
                page.keyboard.press("Tab")
                active = page.evaluate(ACTIVE)
                if predicate(active):
                    return active
            pytest.fail(f"{limit} Tabs from main never reached {what}")

        tab_until(lambda a: a["label"] == "programmes-caption", "the programmes table region")
        col = budget_column(page)
        before = page.evaluate(COLUMN_VALUES, ["programmes-table", col])
        tab_until(
            lambda a: a["tag"] == "button" and a["text"].startswith(BUDGET),
            f"the {BUDGET} sort button",
        )
        page.keyboard.press("Enter")
        after = page.evaluate(COLUMN_VALUES, ["programmes-table", col])
        assert after == expected_sort(before, ascending=True)
        header = page.locator("#programmes-table thead th").nth(col)
        assert header.get_attribute("aria-sort") == "ascending"
        guard.check()


# Accessibility (axe-core; its own context with bypass_csp) ------------------------------


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(require_axe()))
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]


def test_axe_is_injected_and_reports_a_known_violation(browser, site_server):
    """Guards the audit below: a button without a name must come back as critical."""
    with guarded_page(browser, site_server.url, bypass_csp=True) as (page, _guard):
        page.goto(site_server.url + "index.html")
        page.evaluate("document.querySelector('main').append(document.createElement('button'))")
        found = {(v["id"], v["impact"]) for v in run_axe(page)}
        assert ("button-name", "critical") in found, found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_serious_violations(browser, site_server, sort_city, kind, viewport):
    path = page_path(kind, sort_city)
    options = {"bypass_csp": True, "viewport": viewport}
    with guarded_page(browser, site_server.url, **options) as (page, guard):
        page.goto(site_server.url + path)
        serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}\n"
            + "\n".join(f"    {n['target']}: {n['failureSummary']}" for n in v["nodes"][:8])
            for v in serious
        )
        assert not serious, f"axe-core on {path}:\n{report}"
        guard.check(path)


# Screenshots and phones ------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots_of_every_page_type(browser, site_server, sort_city, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with guarded_page(browser, site_server.url, viewport=viewport) as (page, guard):
        for kind in PAGE_TYPES:
            page.goto(site_server.url + page_path(kind, sort_city))
            shot = SCREENSHOTS / f"{kind}-{viewport['width']}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 1000, shot
        guard.check()


def test_compare_table_fits_a_desktop_screen_without_scrolling_sideways(browser, site_server):
    with guarded_page(browser, site_server.url, viewport=DESKTOP) as (page, guard):
        page.goto(site_server.url + "compare.html")
        box = page.locator(".table-scroll", has=page.locator("#compare-table"))
        scroll, client = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert scroll <= client, f"compare table scrolls inside its box: {scroll} > {client}"
        cut = page.evaluate(
            """() => { const box = document.querySelector('#compare-table').closest('.table-scroll')
                          .getBoundingClientRect();
                       return Array.from(document.querySelectorAll('#compare-table th, #compare-table td'))
                           .filter(c => c.getBoundingClientRect().right > box.right + 0.5)
                           .map(c => c.textContent.trim()); }"""
        )
        assert cut == [], f"cells cut off at the right edge: {cut}"
        guard.check()


def test_no_page_scrolls_sideways_on_a_phone(browser, site_server, built_site):
    wide = {}
    with guarded_page(browser, site_server.url, viewport=PHONE) as (page, guard):
        for path in html_pages(built_site):
            page.goto(site_server.url + path)
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                wide[path] = f"scrollWidth {scroll} > {inner}: {page.evaluate(OVERFLOWING)}"
        guard.check()
    assert not wide, "pages scroll sideways at 375px:\n" + "\n".join(
        f"{k}: {v}" for k, v in wide.items()
    )


# Opened from disk ------------------------------------------------------------------------


def test_site_works_opened_from_disk(browser, built_site, sort_city):
    root = file_url(built_site) + "/"
    with guarded_page(browser, root) as (page, guard):
        for path in ("index.html", f"city/{sort_city}.html"):
            page.goto(root + path)
            font = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert "Noto Sans KR" in font, f"{path}: site.css not applied (font {font!r})"
            assert page.locator(".skip-link").evaluate("a => getComputedStyle(a).position") == (
                "absolute"
            )
            guard.check(path)

        col = budget_column(page)
        before = page.evaluate(COLUMN_VALUES, ["programmes-table", col])
        page.locator("#programmes-table thead th").nth(col).get_by_role("button").click()
        after = page.evaluate(COLUMN_VALUES, ["programmes-table", col])
        assert after == expected_sort(before, ascending=True), "sorting does not work from disk"

        page.locator(".site-header nav a", has_text="도시 비교").click()
        page.wait_for_url(root + "compare.html")
        guard.check()


# Citations, permalinks and charts --------------------------------------------------------
# The copy button is cite.js's: it must copy the exact sentence on the page, say so in a
# polite status line, work from the keyboard, and be absent (the text still there) when
# JavaScript is off.

ITS = "programme-its"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


def grant_clipboard(page, site_server) -> None:
    origin = site_server.url.split("/plans/")[0]
    page.context.grant_permissions(CLIPBOARD, origin=origin)


def test_the_copy_button_copies_the_citation_and_says_so(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        grant_clipboard(page, site_server)
        page.goto(site_server.url + "city/paju.html")
        citation = page.locator("#citation")
        button = page.get_by_role("button", name="파주시 데이터 인용문 복사", exact=True)
        assert button.inner_text() == "인용문 복사"
        button.click()
        status = page.locator("#citation + .copy-tools [role=status]")
        status.filter(has_text="복사했습니다").wait_for()
        assert status.get_attribute("aria-live") == "polite"
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == citation.inner_text().strip()
        assert copied.startswith("planpress, 「파주시")
        guard.check()


def test_a_row_citation_is_reached_opened_and_copied_with_the_keyboard(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        grant_clipboard(page, site_server)
        page.goto(site_server.url + "city/paju.html")
        row = page.locator(f"#{ITS}")
        summary = row.locator("details.row-cite summary")
        summary.focus()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        assert row.locator("details.row-cite").get_attribute("open") is not None
        citation = row.locator(".citation")
        assert citation.is_visible()
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert name == "스마트 교통체계(ITS) 구축 인용문 복사"
        page.keyboard.press("Enter")
        row.locator("[role=status]").filter(has_text="복사했습니다").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == citation.inner_text().strip()
        assert copied.startswith(
            "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준, 스마트 교통체계(ITS) 구축"
            " 총사업비 200억 원(국비 120억 원) — planpress 데이터 "
        )
        guard.check()


def test_without_javascript_the_citations_are_there_and_no_button_is(browser, site_server):
    with guarded_page(browser, site_server.url, java_script_enabled=False) as (page, guard):
        page.goto(site_server.url + "city/paju.html")
        assert page.locator("#citation").is_visible()
        assert page.locator("#cite-paju-newdeal-2021").is_visible()
        assert page.locator("button").count() == 0
        row = page.locator(f"#{ITS}")
        row.locator("details.row-cite summary").click()  # <details> opens without script
        assert row.locator(".citation").is_visible()
        assert "국비 120억 원" in row.locator(".citation").inner_text()
        guard.check()


def test_a_permalink_lands_on_its_row_and_marks_it(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + f"city/paju.html#{ITS}")
        assert page.evaluate("document.querySelector(':target').id") == ITS
        marker = page.evaluate(
            f"getComputedStyle(document.querySelector('#{ITS} > th'), '::before').content"
        )
        assert "바로 온 행" in marker, marker  # said in words, not by colour alone
        top = page.locator(f"#{ITS}").bounding_box()["y"]
        assert 0 <= top < 800, f"the row is not in view after the jump (y={top})"
        page.goto(site_server.url + "city/paju.html")
        page.locator("#programme-jingsu-bot > th a").click()
        page.wait_for_url(site_server.url + "city/paju.html#programme-jingsu-bot")
        assert page.evaluate("document.querySelector(':target').id") == "programme-jingsu-bot"
        guard.check()


def test_the_programme_filter_does_not_search_the_folded_citations(browser, site_server):
    with guarded_page(browser, site_server.url) as (page, guard):
        page.goto(site_server.url + "city/paju.html")
        page.get_by_role("searchbox").fill("planpress")  # in every citation, in no cell
        assert (
            page.locator("#programmes-table-count").inner_text().startswith("검색 결과가 없습니다")
        )
        guard.check()


@pytest.mark.parametrize("path", ["city/paju.html", "city/uijeongbu.html", "compare.html"])
def test_axe_finds_nothing_serious_with_citations_open_and_charts_drawn(browser, site_server, path):
    with guarded_page(browser, site_server.url, bypass_csp=True) as (page, guard):
        page.goto(site_server.url + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.add_script_tag(path=str(require_axe()))
        violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [
            (v["id"], [n["target"] for n in v["nodes"][:5]])
            for v in violations["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], serious
        guard.check(path)


def test_the_copy_button_answers_when_the_site_is_opened_from_disk(browser, built_site):
    """From file:// the clipboard may be refused: the button copies or says how to copy."""
    root = file_url(built_site) + "/"
    with guarded_page(browser, root) as (page, guard):
        page.goto(root + "city/paju.html")
        page.get_by_role("button", name="파주시 데이터 인용문 복사", exact=True).click()
        status = page.locator("#citation + .copy-tools [role=status]")
        status.filter(has_text=re.compile("복사했습니다|복사하지 못했습니다")).wait_for()
        guard.check()


# Citations on a phone: what a reader copies must be seen whole -----------------------------

PUBLIC_URL = "https://planpress.example.org/plans"
"""A published site's citations end with the row's full address: the longest they get."""

CITATION_FIT = """() => {
  const fits = [];
  document.querySelectorAll('details.row-cite').forEach(d => { d.open = true; });
  for (const box of document.querySelectorAll('.citation')) {
    const tools = box.nextElementSibling;
    const scroller = box.closest('.table-scroll');
    let left = 0, right = window.innerWidth;
    if (scroller) {
      // scroll the table so the citation starts just right of the sticky first column
      const sticky = box.closest('tr').cells[0];
      scroller.scrollLeft = 0;
      const start = box.getBoundingClientRect().left - sticky.getBoundingClientRect().right;
      scroller.scrollLeft = Math.max(0, start - 4);
      left = sticky.getBoundingClientRect().right;
      right = scroller.getBoundingClientRect().right;
    }
    for (const element of [box, tools && tools.querySelector('.copy-button')]) {
      if (!element) continue;
      const r = element.getBoundingClientRect();
      fits.push([box.id, element.className, r.left >= left - 1 && r.right <= right + 1,
                 Math.round(r.left), Math.round(r.right), Math.round(left), Math.round(right)]);
    }
  }
  return [fits, document.documentElement.scrollWidth, window.innerWidth];
}"""


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built as `make publish` builds it: citations carry full addresses."""
    import subprocess
    import sys

    output = tmp_path_factory.mktemp("published") / "output"
    command = [sys.executable, "-m", "planpress", "build", "--output", str(output)]
    command += ["--settings", str(PROJECT / "publishconf.py"), "--public-url", PUBLIC_URL]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def published_server(published_site: Path):
    with serve_site(published_site) as server:
        yield server


@pytest.mark.parametrize("slug", city_slugs())
def test_every_citation_and_its_copy_button_fit_a_phone(browser, published_server, slug):
    """At 375 px each citation and its copy button are seen whole: the page's own within the
    screen, a row's beside the sticky first column once its table is scrolled to it; the page
    never scrolls sideways, with every row citation open."""
    with guarded_page(browser, published_server.url, viewport=PHONE) as (page, guard):
        page.goto(published_server.url + f"city/{slug}.html")
        fits, scroll, inner = page.evaluate(CITATION_FIT)
        assert len(fits) > 4
        assert [f for f in fits if not f[2]] == []
        assert scroll <= inner
        assert PUBLIC_URL in page.locator(".row-cite .citation").first.text_content()
        guard.check()


STICKY_ON_TOP = """id => {
  const table = document.getElementById(id);
  const scroller = table.closest('.table-scroll');
  scroller.scrollIntoView();
  scroller.scrollLeft = scroller.scrollWidth;  // as far right as it goes
  const hidden = [];
  const rows = [table.tHead.rows[0], ...table.tBodies[0].rows].filter(r => !r.hidden);
  for (const row of rows) {
    const first = row.cells[0];
    const r = first.getBoundingClientRect();
    if (r.left < scroller.getBoundingClientRect().left - 1) {
      hidden.push([row.rowIndex, 'scrolled away']);
      continue;
    }
    for (const [fx, fy] of [[0.1, 0.5], [0.5, 0.2], [0.9, 0.5], [0.5, 0.9]]) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      if (y < 0 || y >= window.innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (!first.contains(hit)) hidden.push([row.rowIndex, hit && hit.tagName, hit && hit.className]);
    }
  }
  return [scroller.scrollLeft, hidden];
}"""


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("city/daegu.html", "programmes-table"),
        ("city/daegu.html#programme-medical-big-data-platform", "programmes-table"),
        ("city/daegu.html", "targets-table"),
        ("city/uijeongbu.html", "pillars-table"),
        ("compare.html", "compare-table"),
    ],
)
def test_the_sticky_first_column_and_its_header_stay_on_top_when_scrolled(
    browser, site_server, path, table
):
    """Scrolled all the way right, every row's first cell and the header's is still what a
    reader sees at its place: nothing else is painted over it."""
    with guarded_page(browser, site_server.url, viewport=PHONE) as (page, guard):
        page.goto(site_server.url + path)
        scrolled, hidden = page.evaluate(STICKY_ON_TOP, table)
        assert scrolled > 0, f"{table} does not scroll at 375px"
        assert hidden == [], (path, table, hidden[:5])
        guard.check()
