"""Every address the site publishes, in one place: pages, downloads and the names they reserve.

Pages and downloads are addressed by paths relative to the output folder, with forward
slashes. Templates, the downloads registry, the generator and the validator's
reserved-name rule all ask this module, so a folder is renamed here or nowhere.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from .particles import particle

HOME_PAGE = "index.html"
COMPARE_PAGE = "compare.html"
DATA_PAGE = "data.html"
CATALOG_FILE = "catalog.jsonld"
"""The DCAT catalog of every city's dataset, at the site's root."""
FEED_FILE = "feed.xml"
"""The Atom feed of data updates, one entry per package version."""
SITEMAP_FILE = "sitemap.xml"
"""Every HTML page's public address; written only when the site has one."""
SEARCH_INDEX = "search-index.js"
"""The home page's search index (search.py), a script so it also loads from disk."""

ALL_SCOPE = "all"
"""Folder (and zip) of the all-cities downloads: `data/all/…`, `data/all.zip`."""
SCHEMAS_FOLDER = "schemas"
"""Folder of the shared Table Schemas, the descriptor profile and the theme vocabulary."""

RESERVED_NAMES = frozenset({ALL_SCOPE, SCHEMAS_FOLDER})
"""Names under the downloads folder that belong to the whole site, so no city may take them."""

PUBLISH_EXAMPLE = "make publish SITEURL=https://example.org/plans"


def check_public_url(url: str) -> str | None:
    """What is wrong with the public address given to `make publish`, in Korean; None if nothing.

    The address only feeds canonical links and citations, so a typo would be published
    silently on every page: refuse anything but a plain http(s) address of a folder.
    """
    if not url.strip():
        return (
            f"공개 주소(SITEURL)가 비어 있습니다. 사이트가 올라갈 주소를 주세요: {PUBLISH_EXAMPLE}"
        )
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, port_ok = None, False
    if (
        parts is None
        or not port_ok
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
        or any(c.isspace() or ord(c) < 32 for c in url)
    ):
        return (
            f'공개 주소(SITEURL) "{url}"{particle(url, "은")} 쓸 수 없습니다. http:// 또는 https://로 시작하고 '
            f"?나 #이 없는 폴더 주소를 주세요: {PUBLISH_EXAMPLE}"
        )
    return None


def canonical_url(public_url: str, output_file: str) -> str:
    """A page's public address, or "" when the site has none; a folder's index is the folder.

    `index.html` is cited as `https://example.org/plans/`, the address people share,
    not `…/plans/index.html`; every other page keeps its file name.
    """
    if not public_url:
        return ""
    base = public_url.rstrip("/")
    if output_file == HOME_PAGE or output_file.endswith(f"/{HOME_PAGE}"):
        return f"{base}/{output_file.removesuffix(HOME_PAGE)}"
    return f"{base}/{output_file}"


def link_between(public_url: str, from_file: str, target: str) -> str:
    """How a file written at `from_file` names `target` (both under the output folder).

    The public address when the site has one (machine-readable files are read out of
    context: a catalog harvester, a search engine); otherwise a path relative to
    `from_file`'s folder, so the site still works under a subpath and from disk.
    """
    if public_url:
        return canonical_url(public_url, target)
    return posixpath.relpath(target, posixpath.dirname(from_file) or ".")


REPOSITORY_DATA_FOLDER = "datapackage"
"""Where the packages are in the source repository (whatever folder a build reads)."""
REPOSITORY_BRANCH = "main"


@dataclass(frozen=True)
class EditLinks:
    """Where a reader fixes a city's data, and where they report what is wrong."""

    data_folder: str
    """The package's folder on GitHub: `…/tree/main/datapackage/<slug>`."""
    report_issue: str
    """A new-issue form with the title and body filled in: `…/issues/new?title=…&body=…`."""


def edit_links(repo_url: str, slug: str, city_name: str, page_address: str) -> EditLinks | None:
    """The two links of a city page, or None when the site names no repository.

    `page_address` is the page's public address when the site has one, else its path, so
    an issue says which page the reader was on.
    """
    if not repo_url.strip():
        return None
    base = repo_url.strip().rstrip("/").removesuffix(".git")
    folder = f"{base}/tree/{REPOSITORY_BRANCH}/{REPOSITORY_DATA_FOLDER}/{slug}"
    title = f"{city_name} 데이터에 틀린 곳이 있습니다"
    body = (
        f"도시: {city_name} ({slug})\n"
        f"페이지: {page_address}\n"
        f"데이터: {folder}\n\n"
        "어디가 틀렸고 바른 값은 무엇인지, 그 근거(기사·문서 주소)를 적어 주세요.\n"
    )
    query = urlencode({"title": title, "body": body}, quote_via=quote)
    return EditLinks(folder, f"{base}/issues/new?{query}")


@dataclass(frozen=True)
class Addresses:
    """Paths under the output folder; the folders come from settings."""

    city_path: str = "city"
    downloads_path: str = "data"
    theme_path: str = "themes"

    # -- pages ---------------------------------------------------------------------
    home: str = HOME_PAGE
    compare: str = COMPARE_PAGE
    data: str = DATA_PAGE
    catalog: str = CATALOG_FILE
    feed: str = FEED_FILE
    sitemap: str = SITEMAP_FILE
    search_index: str = SEARCH_INDEX
    search_anchor: str = "search"
    """The home page's search section; the main menu links to it from every page."""

    def city_page(self, slug: str) -> str:
        return f"{self.city_path}/{slug}.html"

    def theme_page(self, theme_id: str, part: int = 1) -> str:
        """A theme's page; a theme too long for one page goes on in parts 2, 3…
        (`themes/jobs.2.html`: a dot, which no theme id has, so no part is another theme)."""
        suffix = "" if part == 1 else f".{part}"
        return f"{self.theme_path}/{theme_id}{suffix}.html"

    def programme_link(self, slug: str, programme_id: str) -> str:
        return f"{self.city_page(slug)}#{programme_anchor(programme_id)}"

    def search_link(self) -> str:
        return f"{self.home}#{self.search_anchor}"

    def row_link(self, slug: str, anchor: str) -> str:
        """A row of a city page (an anchor from the functions below), or the page itself."""
        return f"{self.city_page(slug)}#{anchor}" if anchor else self.city_page(slug)

    # -- downloads -----------------------------------------------------------------
    def download(self, path: str) -> str:
        """A download's path under the output folder, from its path under the downloads folder."""
        return f"{self.downloads_path}/{path}"


def scope_file(scope: str, name: str) -> str:
    """A file of a scope (a city slug or ALL_SCOPE) under the downloads folder."""
    return f"{scope}/{name}"


def scope_zip(scope: str) -> str:
    """The zip of a scope under the downloads folder: `paju.zip`, `all.zip`."""
    return f"{scope}.zip"


def scope_workbook(scope: str) -> str:
    """The Excel workbook of a scope under the downloads folder: `paju.xlsx`, `all.xlsx`."""
    return f"{scope}.xlsx"


def scope_csl(scope: str) -> str:
    """The scope's dataset as a CSL-JSON citation under the downloads folder: `paju.csl.json`."""
    return f"{scope}.csl.json"


def scope_bibtex(scope: str) -> str:
    """The scope's dataset as a BibTeX entry under the downloads folder: `paju.bib`."""
    return f"{scope}.bib"


def schema_file(name: str) -> str:
    return f"{SCHEMAS_FOLDER}/{name}"


def download_filename(path: str) -> str:
    """The name a browser saves a download as (`download=`), still saying whose it is.

    `paju/programmes.csv` → `paju-programmes.csv`; a site-wide file is planpress's own:
    `all/plans.csv` → `planpress-all-plans.csv`, `all.zip` → `planpress-all.zip`, `all.xlsx`
    → `planpress-all.xlsx`, `all.bib` → `planpress-all.bib`.
    """
    flat = path.replace("/", "-")
    folder = path.split("/", 1)[0].split(".", 1)[0]
    return f"planpress-{flat}" if folder in RESERVED_NAMES else flat


def programme_anchor(programme_id: str) -> str:
    return f"programme-{programme_id}"


def pillar_anchor(pillar_id: str) -> str:
    return f"pillar-{pillar_id}"


def target_anchor(target_id: str) -> str:
    return f"target-{target_id}"


def version_anchor(version: str) -> str:
    """A version's entry in a city page's history: `#version-1.1.0`."""
    return f"version-{version}"


def source_anchor(source_id: str) -> str:
    return f"source-{source_id}"
