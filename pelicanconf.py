"""Pelican settings for planpress. Paths come from this file's folder, not the working directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

AUTHOR = "planpress"
SITENAME = "planpress"
SITESUBTITLE = "지방자치단체 정책 계획 공개 데이터"
SITEURL = ""
PATH = str(ROOT / "content")
THEME = str(ROOT / "theme")
TIMEZONE = "Asia/Seoul"
DEFAULT_LANG = "ko"
LOCALE = ("C.UTF-8",)

PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = ["planpress"]

# Relative links everywhere: output/ works at a domain root, under a subpath and from disk.
RELATIVE_URLS = True

# planpress settings (documented in README.md, declared in plugins/planpress/settings.py)
PLANPRESS_BASE_DIR = str(ROOT)
PLANPRESS_DATA_DIR = str(ROOT / "datapackage")

# Only Markdown pages come from content/; the planpress generator writes index.html.
DIRECT_TEMPLATES: list[str] = []
ARTICLE_PATHS: list[str] = []
PAGE_PATHS = ["pages"]
PAGE_URL = "pages/{slug}.html"
PAGE_SAVE_AS = "pages/{slug}.html"
STATIC_PATHS: list[str] = []
THEME_STATIC_DIR = "theme"
for _kind in (
    "ARTICLE",
    "ARTICLE_LANG",
    "PAGE_LANG",
    "DRAFT",
    "DRAFT_LANG",
    "DRAFT_PAGE",
    "DRAFT_PAGE_LANG",
    "CATEGORY",
    "TAG",
    "AUTHOR",
    "CATEGORIES",
    "TAGS",
    "AUTHORS",
    "ARCHIVES",
    "YEAR_ARCHIVE",
    "MONTH_ARCHIVE",
    "DAY_ARCHIVE",
):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
SUMMARY_MAX_LENGTH = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# Escape every value by default: data text is untrusted. Markdown page bodies are marked |safe.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": [],
}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
PLANPRESS_PUBLIC_URL = ""  # set by publishconf.py from SITEURL
