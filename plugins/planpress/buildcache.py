"""Each city's rendered page and download files, kept by content hash between builds.

A build asks the cache for a city's files under a key made of everything those files are
made from: the package's bytes (`RawPackage.content_hash`), the shared schemas, planpress's
own code and templates (`hash_build_code`), the Pelican settings (`hash_settings`) and, for
the page, the site-wide facts every page shows (`hash_shared_context`) and the city's own
download list (their sizes are on the page). A key that is found gives the stored bytes; one
that is not makes the files and stores them. So after one city is edited, only that city's
files are made again, and the site is byte for byte the one a cold build makes.

The all-cities tables (CSV, JSON, Excel CSV, the flat table) are joined from each city's
rows as each format writes them (`downloads.city_parts`), kept under the city's key like its
own files; the all-cities workbook and zip are kept under a hash of what they are made from
(`downloads.hash_all_inputs`, the zip's members). A theme page is made of each city's rows
of the theme, a block (`present.render_city_block`) kept under the city's key, the theme and
the page's SITEURL; the rest of the pages about all cities (home, comparison, data, a theme
page's heading) are made every time.

The rule that keeps this true: a city's page and downloads read only their city, the
schemas, the settings, the shared context named in `hash_shared_context` and their own
downloads. A template that shows more on a city page (another city's figures, say) must
add it to the key here.

Entries are folders `<folder>/<key>/` holding `manifest.json` and one file per stored
item, written to a temporary folder and renamed into place, so a killed build leaves no
half entry (a broken or unreadable entry is made again, never trusted). Entries a build
did not use are pruned beyond `ENTRY_SPARE`, least recently used first.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, fields
from importlib import metadata
from pathlib import Path
from typing import Any

from .downloads import Download

BUILD_CACHE_FORMAT = "1"
ENTRY_SPARE = 256
"""Most entries kept beyond those the last build used (another data folder's, an older
version's): a full national set is about 1.5 MB an entry."""
BUILD_LIBRARIES = ("pelican", "jinja2", "markupsafe", "xlsxwriter")
UNSTABLE_SETTINGS = frozenset({"OUTPUT_PATH", "PLANPRESS_CACHE_DIR", "PLANPRESS_BUILD_CACHE"})
"""Settings that name where a build writes, not what: the staging folder changes every build."""
MANIFEST = "manifest.json"
DOWNLOAD_FIELDS = tuple(f.name for f in fields(Download) if f.name not in ("data", "written"))


def hash_build_code(templates: Iterable[Path]) -> str:
    """planpress's modules and schemas, the given template folders and the libraries that
    render: a changed template or rule never answers from an old entry."""
    digest = hashlib.sha256(BUILD_CACHE_FORMAT.encode())
    here = Path(__file__).parent
    folders = [here, *templates]
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    for library in BUILD_LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}".encode())
    return digest.hexdigest()


def describe_setting(value: Any) -> Any:
    """A stable text for what json cannot write: no memory address ever reaches a key."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, Path):
        return str(value)
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    module = getattr(value, "__module__", None)
    if name:
        return f"{module}.{name}"
    return type(value).__qualname__


def hash_settings(settings: Mapping[str, Any]) -> str:
    stable = {k: v for k, v in settings.items() if k not in UNSTABLE_SETTINGS}
    text = json.dumps(stable, sort_keys=True, default=describe_setting, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def hash_shared_context(context: Mapping[str, Any]) -> str:
    """What every page shows about the whole site: footer licences and last update, the menu
    (planpress's and Pelican's own pages), the head's alternates."""
    site = context.get("planpress")
    pages = [(p.title, p.url, p.save_as) for p in context.get("pages", ())]
    facts = (
        repr(context.get("planpress_licences")),
        repr(getattr(site, "updated", None)),
        repr(context.get("planpress_nav")),
        repr(context.get("planpress_alternates")),
        repr(pages),
    )
    return hashlib.sha256("\0".join(facts).encode()).hexdigest()


def make_key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


class BuildCache:
    """Stored items (name → bytes) by key, in one folder; every failure is only a miss."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def read(self, key: str) -> tuple[Any, list[bytes]] | None:
        entry = self.folder / key
        try:
            manifest = json.loads((entry / MANIFEST).read_text("utf-8"))
            blobs = [(entry / str(i)).read_bytes() for i in range(manifest["count"])]
            if [len(b) for b in blobs] != manifest["sizes"]:
                return None
            os.utime(entry)  # recently used: kept by prune
            return manifest["meta"], blobs
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, meta: Any, blobs: list[bytes]) -> None:
        entry = self.folder / key
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(prefix=".new-", dir=self.folder))
            for index, blob in enumerate(blobs):
                (temporary / str(index)).write_bytes(blob)
            manifest = {"count": len(blobs), "sizes": [len(b) for b in blobs], "meta": meta}
            (temporary / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
            try:
                temporary.rename(entry)
            except OSError:  # another process stored the same key first: same bytes
                shutil.rmtree(temporary, ignore_errors=True)
        except OSError:
            pass  # a cache that cannot be written only costs the next build time

    def recall_downloads(self, key: str, make: Callable[[], Iterable[Download]]) -> list[Download]:
        """The downloads stored under `key`, or those `make` makes (then stored)."""
        found = self.read(key)
        if found is not None:
            meta, blobs = found
            try:
                return [Download(data=b, **m) for m, b in zip(meta, blobs, strict=True)]
            except (TypeError, ValueError):
                pass
        made = list(make())
        meta = [{k: v for k, v in asdict(d).items() if k in DOWNLOAD_FIELDS} for d in made]
        self.store(key, meta, [d.data for d in made])
        return made

    def read_manifest(self, key: str) -> dict[str, Any] | None:
        try:
            manifest = json.loads((self.folder / key / MANIFEST).read_text("utf-8"))
            if not isinstance(manifest, dict) or len(manifest["sizes"]) != manifest["count"]:
                return None
            os.utime(self.folder / key)  # recently used: kept by prune
            return manifest
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def recall_blobs(
        self, key: str, make: Callable[[], Mapping[str, bytes]]
    ) -> Mapping[str, bytes]:
        """Named bytes stored under `key`, or those `make` makes (then stored), each read
        from its file only when asked for: a build joining every city's parts holds one at a
        time. A stored file found broken or gone is made again, never trusted."""
        manifest = self.read_manifest(key)
        if manifest is None or not isinstance(manifest["meta"], list):
            made = dict(make())
            self.store(key, list(made), list(made.values()))
            manifest = self.read_manifest(key)
            if manifest is None:  # a cache that cannot be written: the bytes as made
                return made
        return StoredBlobs(self.folder / key, manifest, make)

    def recall_bytes(self, key: str, make: Callable[[], bytes]) -> bytes:
        found = self.read(key)
        if found is not None and len(found[1]) == 1:
            return found[1][0]
        data = make()
        self.store(key, None, [data])
        return data

    def recall_text(self, key: str, make: Callable[[], str]) -> str:
        found = self.read(key)
        if found is not None and len(found[1]) == 1:
            try:
                return found[1][0].decode("utf-8")
            except UnicodeDecodeError:
                pass
        text = make()
        self.store(key, None, [text.encode("utf-8")])
        return text

    def prune(self, used: int) -> None:
        """Remove entries left half-written an hour ago (a killed build's), and all but the
        `used` most recently used (this build's) and `ENTRY_SPARE` more."""
        try:
            now = time.time()
            entries = sorted(
                ((p.stat().st_mtime, p) for p in self.folder.iterdir() if p.is_dir()),
                reverse=True,
            )
            half = [p for used, p in entries if p.name.startswith(".new-") and now - used > 3600]
            whole = [p for _, p in entries if not p.name.startswith(".new-")]
            for entry in half + whole[used + ENTRY_SPARE :]:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


class StoredBlobs(Mapping[str, bytes]):
    """One entry's named files, each read when asked for (`BuildCache.recall_blobs`)."""

    def __init__(
        self, entry: Path, manifest: dict[str, Any], make: Callable[[], Mapping[str, bytes]]
    ) -> None:
        self.entry = entry
        self.names = [str(name) for name in manifest["meta"]]
        self.sizes = manifest["sizes"]
        self.make = make
        self.made: Mapping[str, bytes] | None = None

    def __getitem__(self, name: str) -> bytes:
        try:
            index = self.names.index(name)
        except ValueError:
            raise KeyError(name) from None
        try:
            blob = (self.entry / str(index)).read_bytes()
            if len(blob) == self.sizes[index]:
                return blob
        except (OSError, IndexError):
            pass
        if self.made is None:
            self.made = dict(self.make())
        return self.made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


class RememberedTemplate:
    """A Jinja template whose output for one key is kept: what `writer.write_file` renders
    through, so a page from the cache is written (and signalled) like any other."""

    def __init__(self, template: Any, cache: BuildCache, key: str) -> None:
        self.template = template
        self.cache = cache
        self.key = key

    def render(self, context: Mapping[str, Any]) -> str:
        return self.cache.recall_text(self.key, lambda: self.template.render(context))
