"""The only module that imports Pelican: turns the validated site into pages and downloads.

`generate_context` loads and validates (any problem stops the build with the one report);
`generate_output` writes pages through `writer.write_file` and downloads through
`write_download`. Nothing is kept at module level, so every run starts fresh.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from .addresses import canonical_url
from .amounts import format_count, format_krw
from .check import check_data
from .downloads import RESOURCE_TITLES, DownloadIndex, plan_downloads, site_licences
from .licences import read_licences
from .model import Site, build_site
from .report import format_text
from .settings import read_settings

logger = logging.getLogger(__name__)

UNKNOWN = "공개되지 않음"
UNIT_WORDS = {"jobs": "개", "persons": "명", "t": "톤", "%": "%"}
UNIT_LABELS = {"KRW": "원", "jobs": "일자리 수(개)", "programmes": "과제 수(개)"}
TYPE_WORDS = {
    "string": "문자열",
    "integer": "정수",
    "number": "숫자",
    "date": "날짜",
    "year": "연도",
    "boolean": "참/거짓",
}


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


def render_krw(won: int | None) -> Markup:
    """Korean-style money with the exact won kept in the markup."""
    if won is None:
        return Markup('<span class="unknown">{}</span>').format(UNKNOWN)
    exact = f"{won:,}원"
    return Markup(
        '<data class="krw" value="{}" title="{}">{}<span class="visually-hidden"> ({})</span></data>'
    ).format(won, exact, format_krw(won), exact)


def render_count(value: int | float | None, unit: str = "") -> Markup:
    if value is None:
        return Markup('<span class="unknown">{}</span>').format(UNKNOWN)
    return Markup('<data value="{}">{}</data>').format(value, format_count(value, unit))


def render_target_value(value: int | float | None, unit: str) -> Markup:
    return render_count(value, UNIT_WORDS.get(unit, unit))


def render_date(value: Any) -> Markup:
    if value is None:
        return Markup('<span class="unknown">날짜 없음</span>').format()
    return Markup('<time datetime="{0}">{0}</time>').format(value.isoformat())


def render_period(start: int | None, end: int | None) -> Markup:
    """Plan period in words; a missing end of the range is said, not shown as '?'."""
    if start is None and end is None:
        return Markup('<span class="unknown">{}</span>').format(UNKNOWN)
    if start is not None and end is not None:
        return (
            Markup("{}년").format(start) if start == end else Markup("{}–{}년").format(start, end)
        )
    if end is not None:
        return Markup('{}년까지 <span class="muted">(시작 연도 미상)</span>').format(end)
    return Markup('{}년부터 <span class="muted">(종료 연도 미상)</span>').format(start)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size:,} B"
    kilobytes = round(size / 1024, 1)  # round first, so 1,048,575 B is "1.0 MB", not "1,024.0 KB"
    if kilobytes < 1024:
        return f"{kilobytes:,.1f} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


FILTERS = {
    "krw": render_krw,
    "krw_text": format_krw,
    "count": render_count,
    "target_value": render_target_value,
    "date": render_date,
    "size": format_size,
}
GLOBALS = {"period": render_period}


class PlanpressGenerator(Generator):
    """City pages, comparison, data page, home, and every download."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)
        self.env.globals.update(GLOBALS)
        self.env.autoescape = True  # data text is untrusted, whatever JINJA_ENVIRONMENT says
        self.options = read_settings(self.settings, Path(self.path).parent)
        self.site: Site | None = None
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
        self.downloads = DownloadIndex(plan_downloads(self.site), self.options.addresses)
        self.context["planpress_licences"] = site_licences(self.site)  # every page's footer
        self.context["planpress"] = self.site
        self.context["planpress_nav"] = [
            ("index.html", "도시 목록"),
            ("compare.html", "도시 비교"),
            ("data.html", "데이터 내려받기"),
        ]
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
            "resource_titles": RESOURCE_TITLES,
            "unit_words": UNIT_WORDS,
            "public_url": self.options.public_url,
            "type_words": TYPE_WORDS,
            "unit_labels": UNIT_LABELS,
            **extra,
        }

    def generate_output(self, writer: Any) -> None:
        if self.site is None:
            return
        relative = self.settings.get("RELATIVE_URLS", False)
        pages = [
            ("index.html", "home", {"page_name": "home"}),
            ("compare.html", "compare", {"page_name": "compare"}),
            ("data.html", "data", {"page_name": "data"}),
        ]
        for city in self.site.cities:
            pages.append(
                (
                    f"{self.options.city_path}/{city.slug}.html",
                    "city",
                    {"page_name": "city", "city": city},
                )
            )
        for name, template, extra in pages:
            writer.write_file(
                name,
                self.get_template(template),
                self.context,
                relative_urls=relative,
                **self.page_context(**extra),
            )
        for download in self.downloads:
            write_download(
                Path(self.output_path),
                self.downloads.href(download),
                download.data,
            )


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
