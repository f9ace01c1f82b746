"""planpress's Pelican settings, declared once as data and read once into a frozen object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from .addresses import Addresses


class Setting(NamedTuple):
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "PLANPRESS_BASE_DIR",
        None,
        "Folder that relative planpress paths are read from; pelicanconf.py sets it to its own folder. Default: the parent of the content folder.",
    ),
    Setting(
        "PLANPRESS_DATA_DIR",
        "datapackage",
        "Folder of data packages, one sub-folder per city. Relative paths are read from the folder of pelicanconf.py.",
    ),
    Setting(
        "PLANPRESS_DOWNLOADS_PATH",
        "data",
        "Folder under the output where every download (CSV, JSON, datapackage.json, ZIP) is written.",
    ),
    Setting(
        "PLANPRESS_CITY_PATH",
        "city",
        "Folder under the output for the city pages (`city/<slug>.html`).",
    ),
    Setting(
        "PLANPRESS_THEME_PATH",
        "themes",
        "Folder under the output for the theme pages (`themes/<theme_id>.html`).",
    ),
    Setting(
        "PLANPRESS_THEME_PAGE_ROWS",
        1000,
        "Most programmes one theme page lists (about 570 KB); a theme with more continues on `themes/<theme_id>.2.html` and on, whole cities per page.",
    ),
    Setting(
        "PLANPRESS_LANG", "ko", "Language of the problem report when data is invalid: `ko` or `en`."
    ),
    Setting(
        "PLANPRESS_CACHE_DIR",
        ".cache/planpress",
        "Folder for validation results cached by content hash; empty to disable.",
    ),
    Setting(
        "PLANPRESS_BUILD_CACHE",
        True,
        "Keep each city's rendered page and downloads under `<PLANPRESS_CACHE_DIR>/build` by content hash, so that a build after editing one city makes only that city's files (and the pages about all cities) again. `planpress build --cache ''` turns it off.",
    ),
    Setting(
        "PLANPRESS_PUBLIC_URL",
        "",
        "Public address of the site (e.g. `https://example.org/plans`), used only for canonical links; links stay relative. Set by `make publish SITEURL=…`.",
    ),
    Setting(
        "PLANPRESS_REPO_URL",
        "",
        "Source repository on GitHub (e.g. `https://github.com/org/planpress`): each city page then links to its data folder (이 데이터 고치기) and to a new-issue form (틀린 곳 알리기). Empty: no such links.",
    ),
)


@dataclass(frozen=True)
class PlanpressSettings:
    data_dir: Path
    downloads_path: str
    city_path: str
    theme_path: str
    lang: str
    cache_dir: Path | None
    public_url: str
    repo_url: str = ""
    theme_page_rows: int = 1000
    build_cache: bool = True

    @property
    def build_cache_dir(self) -> Path | None:
        """Where rendered city files are kept (`buildcache`), or None: no cache."""
        return self.cache_dir / "build" if self.cache_dir and self.build_cache else None

    @property
    def addresses(self) -> Addresses:
        return Addresses(
            city_path=self.city_path,
            downloads_path=self.downloads_path,
            theme_path=self.theme_path,
        )


def read_settings(pelican_settings: dict[str, Any], fallback_base: Path) -> PlanpressSettings:
    """Read our settings without touching Pelican's dict; relative paths are resolved from the base."""
    values = {s.name: pelican_settings.get(s.name, s.default) for s in SETTINGS}
    base = Path(values["PLANPRESS_BASE_DIR"] or fallback_base)
    data_dir = Path(values["PLANPRESS_DATA_DIR"])
    cache = values["PLANPRESS_CACHE_DIR"]
    return PlanpressSettings(
        data_dir=data_dir if data_dir.is_absolute() else base / data_dir,
        downloads_path=str(values["PLANPRESS_DOWNLOADS_PATH"]).strip("/"),
        city_path=str(values["PLANPRESS_CITY_PATH"]).strip("/"),
        theme_path=str(values["PLANPRESS_THEME_PATH"]).strip("/"),
        lang=values["PLANPRESS_LANG"],
        cache_dir=(Path(cache) if Path(cache).is_absolute() else base / cache) if cache else None,
        public_url=str(values["PLANPRESS_PUBLIC_URL"] or "").rstrip("/"),
        repo_url=str(values["PLANPRESS_REPO_URL"] or "").strip(),
        theme_page_rows=max(1, int(values["PLANPRESS_THEME_PAGE_ROWS"])),
        build_cache=bool(values["PLANPRESS_BUILD_CACHE"]),
    )
