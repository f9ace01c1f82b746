"""The only module that imports Pelican: turns the validated site into pages and downloads.

`generate_context` loads and validates (any problem stops the build with the one report);
`generate_output` writes pages through `writer.write_file` and downloads through
`write_download`. Nothing is kept at module level, so every run starts fresh. What the
pages say comes from `present.py`; this module only registers it with Jinja.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import Generator

from .addresses import canonical_url, edit_links
from .buildcache import (
    BuildCache,
    RememberedTemplate,
    hash_build_code,
    hash_settings,
    hash_shared_context,
    make_key,
)
from .catalog import describe_city_dataset, plan_site_files
from .check import check_data
from .downloads import RESOURCE_TITLES, Download, DownloadIndex, site_licences, write_downloads
from .licences import read_licences
from .model import City, Site, build_site
from .pool import fork_map
from .present import FILTERS, GLOBALS, OG_LOCALE, list_alternates, list_navigation, split_theme
from .report import format_text
from .search import build_index, render_index_script
from .settings import read_settings

logger = logging.getLogger(__name__)


class InvalidData(SystemExit):
    """Raised once, after the full report is printed: the build stops with exit status 1.

    A SystemExit, not an Exception: Pelican logs every Exception with its traceback, and bad
    data must never show a traceback — the report above says everything.
    """

    def __init__(self, message: str) -> None:
        super().__init__(1)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PlanpressGenerator(Generator):
    """City pages, theme pages, comparison, data page, home, and every download."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)
        self.env.globals.update(GLOBALS)
        self.env.globals["city_dataset"] = describe_city_dataset  # the city page's JSON-LD
        self.env.autoescape = True  # data text is untrusted, whatever JINJA_ENVIRONMENT says
        self.options = read_settings(self.settings, Path(self.path).parent)
        self.site: Site | None = None
        self.package_hashes: dict[str, str] = {}
        """Each city's package content hash (by folder = slug): its build cache key."""
        self.downloads = DownloadIndex((), self.options.addresses)

    def generate_context(self) -> None:
        checked = check_data(self.options.data_dir, self.options.cache_dir)
        if not checked.valid:
            sys.stderr.write(
                format_text(checked.problems, len(checked.packages), self.options.lang)
            )
            raise InvalidData(
                f"데이터 검사에서 문제 {len(checked.problems)}건이 나와 빌드를 멈췄습니다"
            )
        self.site = build_site(checked.packages, checked.schemas)
        for raw in checked.packages:
            for resource in raw.resources:
                # the model holds what the pages need; the downloads parse again, file by
                # file (RawResource.read_table), so the parsed rows of every city are not
                # held here nor in every process forked from here
                resource.let_go_table()
        self.package_hashes = {
            raw.folder: f"{checked.schemas.content_hash}-{raw.content_hash}"
            for raw in checked.packages
        }
        self.context["planpress_licences"] = site_licences(self.site)  # every page's footer
        self.context["planpress"] = self.site
        self.context["planpress_nav"] = list_navigation(self.options.addresses)
        # In the shared context, so Pelican's Markdown pages get them in their head too.
        self.context["planpress_alternates"] = list_alternates(
            self.options.addresses, self.options.public_url
        )
        self.context["og_locale"] = OG_LOCALE
        # In the shared context, so Pelican's Markdown pages get their canonical link too.
        self.context["canonical_url"] = partial(canonical_url, self.options.public_url)

    def page_context(self, **extra: Any) -> dict[str, Any]:
        site = self.site
        assert site is not None
        return {
            "site": site,
            "downloads": self.downloads,
            "licences": read_licences,  # a descriptor's `licenses` as records: label, link, title
            "city_path": self.options.city_path,
            "addresses": self.options.addresses,
            "resource_titles": RESOURCE_TITLES,
            "public_url": self.options.public_url,
            **extra,
        }

    def generate_output(self, writer: Any) -> None:
        if self.site is None:
            return
        relative = self.settings.get("RELATIVE_URLS", False)
        addresses = self.options.addresses
        cache_dir = self.options.build_cache_dir
        cache = BuildCache(cache_dir) if cache_dir else None
        made_by = ""
        if cache:
            templates = [Path(self.theme) / "templates"]
            templates += [Path(p) for p in self.settings.get("THEME_TEMPLATES_OVERRIDES", ())]
            made_by = make_key(hash_build_code(templates), hash_settings(self.settings))

        def city_key(slug: str, *more: str) -> str:
            return make_key(made_by, self.package_hashes[slug], *more)

        pages = [
            (addresses.home, "home", {"page_name": "home"}),
            (addresses.compare, "compare", {"page_name": "compare"}),
            (addresses.data, "data", {"page_name": "data"}),
        ]
        for city in self.site.cities:
            page = addresses.city_page(city.slug)
            edit = edit_links(
                self.options.repo_url,
                city.slug,
                city.name_ko,
                canonical_url(self.options.public_url, page) or page,
            )
            pages.append((page, "city", {"page_name": "city", "city": city, "edit": edit}))
        for group in self.site.programmes_by_theme():
            # a long theme goes on over several pages, so that no page grows with the country
            parts = split_theme(group, self.options.theme_page_rows)
            for part in parts:
                pages.append(
                    (
                        addresses.theme_page(group.theme_id, part.number),
                        "theme",
                        {"page_name": "theme", "group": group, "part": part, "parts": parts},
                    )
                )

        # Downloads first, written as they are made (their sizes are on the pages), then the
        # pages; both on every core, each file written by exactly one process.
        def write(download: Download) -> None:
            write_download(Path(self.output_path), addresses.download(download.path), download.data)

        def recall(city: City, make: Callable[[], Iterable[Download]]) -> Iterable[Download]:
            assert cache is not None
            return cache.recall_downloads(city_key(city.slug, "downloads"), make)

        def recall_parts(
            city: City, make: Callable[[], Mapping[str, bytes]]
        ) -> Mapping[str, bytes]:
            assert cache is not None
            return cache.recall_blobs(city_key(city.slug, "all-cities parts"), make)

        def remember(key: str, make: Callable[[], bytes]) -> bytes:
            assert cache is not None
            return cache.recall_bytes(make_key(made_by, key), make)

        self.downloads = DownloadIndex(
            write_downloads(
                self.site,
                write,
                public_url=self.options.public_url,
                addresses=self.options.addresses,
                recall=recall if cache else None,
                recall_parts=recall_parts if cache else None,
                remember=remember if cache else None,
            ),
            self.options.addresses,
        )
        shared = hash_shared_context(self.context) if cache else ""

        @pass_context
        def city_block(
            context: Any, city: City, what: str, make: Callable[..., Markup], *args: Any
        ) -> Markup:
            """A page's block about one city, kept by the city's data, `what` and the
            page's SITEURL (relative addresses differ with the page's folder)."""
            assert cache is not None
            key = city_key(city.slug, "block", what, str(context.get("SITEURL")))
            return Markup(cache.recall_text(key, lambda: str(make(*args))))

        if cache:
            self.env.globals["city_block"] = city_block

        def render(page: tuple[str, str, dict[str, Any]]) -> str | None:
            name, template, extra = page
            jinja_template = self.get_template(template)
            key = None
            if cache and template == "city":
                slug = extra["city"].slug
                city_files = repr(self.downloads.for_scope(slug))
                key = city_key(slug, "page", name, shared, city_files, repr(extra["edit"]))
                jinja_template = RememberedTemplate(jinja_template, cache, key)
            writer.write_file(
                name,
                jinja_template,
                self.context,
                relative_urls=relative,
                **self.page_context(**extra),
            )
            return key

        # The machine-readable files and the search index, after the downloads (they list
        # their sizes) and beside the pages, each in a task of its own.
        html_pages = [name for name, _, _ in pages]
        html_pages += [p.save_as for p in self.context.get("pages", ()) if p.save_as]

        def write_site_files() -> None:
            for path, data in plan_site_files(
                self.site, self.downloads, addresses, self.options.public_url, html_pages
            ):
                write_download(Path(self.output_path), path, data)

        def write_search_index() -> None:
            assert self.site is not None
            index = render_index_script(build_index(self.site, addresses))
            write_download(Path(self.output_path), addresses.search_index, index)

        tasks: list[Callable[[], str | None]] = [partial(render, page) for page in pages]
        tasks += [write_site_files, write_search_index]
        weights = [int(p[1] != "city") for p in pages] + [2, 2]  # the longest first
        page_keys = fork_map(run_task, tasks, weights=weights)
        if cache:
            # this build's entries: per city one page, its downloads and its all-cities parts;
            # the all-cities workbook and zip; each city's block on each theme page
            city_pages = sum(1 for key in page_keys if key)
            blocks = sum(len(extra["part"].cities) for _, kind, extra in pages if kind == "theme")
            cache.prune(2 * len(self.site.cities) + city_pages + 2 + blocks)


def run_task(task: Callable[[], str | None]) -> str | None:
    return task()


def write_download(output: Path, relative: str, data: bytes) -> None:
    """The one place that writes a download file."""
    target = output / relative
    if not target.resolve().is_relative_to(output.resolve()):
        raise ValueError(f"download path escapes the output folder: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)
    os.chmod(target, 0o644)
    logger.info('Writing "%s"', target)


def get_generators(_pelican: Any) -> type[PlanpressGenerator]:
    return PlanpressGenerator
