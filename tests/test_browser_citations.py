"""Citations, permalinks and charts in a real browser: Chromium under the site's own CSP.

The copy button is cite.js's; it must copy the exact sentence on the page, say so in a
polite status line, work from the keyboard, and be absent (with the text still there)
when JavaScript is off.
"""

from __future__ import annotations

import pytest
from browser_support import browser, guarded_page, require_axe, site_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser", "site_server"]  # fixtures, imported for pytest

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
