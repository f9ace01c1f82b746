"""Tier 1: the public address given to `make publish`, and the canonical address of each page."""

from __future__ import annotations

import pytest

from planpress.addresses import canonical_url, check_public_url, edit_links
from planpress.particles import particle

EXAMPLE = "make publish SITEURL=https://example.org/plans"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/plans",
        "https://example.org/plans/",
        "http://localhost:8000",
        "https://예시.kr/계획",
    ],
)
def test_check_public_url_accepts_a_plain_http_address(url):
    assert check_public_url(url) is None


@pytest.mark.parametrize("url", ["", "   "])
def test_check_public_url_asks_for_the_address_when_it_is_missing(url):
    assert check_public_url(url) == (
        f"공개 주소(SITEURL)가 비어 있습니다. 사이트가 올라갈 주소를 주세요: {EXAMPLE}"
    )


@pytest.mark.parametrize(
    "url",
    [
        "example.org/plans",
        "ftp://example.org/plans",
        "https://",
        "https:///plans",
        "https://example.org/plans?x=1",
        "https://example.org/plans#top",
        "https://user:secret@example.org/plans",
        "https://example.org:port/plans",
        "https://example.org/my plans",
        "https://example.org/plans\n",
        "javascript:alert(1)",
    ],
)
def test_check_public_url_refuses_anything_but_an_http_folder_address(url):
    assert check_public_url(url) == (
        f'공개 주소(SITEURL) "{url}"{particle(url, "은")} 쓸 수 없습니다. http:// 또는 https://로 시작하고 '
        f"?나 #이 없는 폴더 주소를 주세요: {EXAMPLE}"
    )


@pytest.mark.parametrize(
    ("public_url", "output_file", "canonical"),
    [
        ("https://example.org/plans", "index.html", "https://example.org/plans/"),
        ("https://example.org/plans/", "index.html", "https://example.org/plans/"),
        ("https://example.org", "index.html", "https://example.org/"),
        ("https://example.org/plans", "city/paju.html", "https://example.org/plans/city/paju.html"),
        ("https://example.org/plans", "compare.html", "https://example.org/plans/compare.html"),
        (
            "https://example.org/plans",
            "pages/about.html",
            "https://example.org/plans/pages/about.html",
        ),
        ("https://example.org/plans", "guide/index.html", "https://example.org/plans/guide/"),
        ("https://example.org/plans", "myindex.html", "https://example.org/plans/myindex.html"),
        ("", "index.html", ""),
        ("", "city/paju.html", ""),
    ],
)
def test_canonical_url_names_the_home_page_by_its_folder(public_url, output_file, canonical):
    assert canonical_url(public_url, output_file) == canonical


def test_edit_links_point_to_the_data_folder_and_a_filled_in_issue_form():
    from urllib.parse import parse_qs, urlsplit

    links = edit_links(
        "https://github.com/org/planpress/", "paju", "파주시", "https://example.org/city/paju.html"
    )
    assert links is not None
    assert links.data_folder == "https://github.com/org/planpress/tree/main/datapackage/paju"
    parts = urlsplit(links.report_issue)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        "/org/planpress/issues/new",
    )
    query = parse_qs(parts.query)
    assert query["title"] == ["파주시 데이터에 틀린 곳이 있습니다"]
    assert query["body"][0].startswith(
        "도시: 파주시 (paju)\n페이지: https://example.org/city/paju.html\n"
        "데이터: https://github.com/org/planpress/tree/main/datapackage/paju\n"
    )
    assert " " not in links.report_issue and "\n" not in links.report_issue  # URL-encoded
    assert "&" in parts.query and "%ED%8C%8C" in parts.query  # 파, as UTF-8 bytes


@pytest.mark.parametrize("repo_url", ["", "  "])
def test_edit_links_are_none_without_a_repository(repo_url):
    assert edit_links(repo_url, "paju", "파주시", "city/paju.html") is None


def test_edit_links_drop_a_trailing_dot_git():
    links = edit_links("https://github.com/org/planpress.git", "a", "가시", "city/a.html")
    assert links is not None and links.data_folder.startswith(
        "https://github.com/org/planpress/tree/"
    )
