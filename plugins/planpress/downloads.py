"""Every download, as one registry: formats × resources × scopes, then each scope's package files.

A `Format` (CSV, JSON) says how a resource's bytes are made for a `Scope` — one city, all
cities, and later one theme; `PACKAGE_FILES` (datapackage.json, README.md, the zip) describe
or bundle a whole scope. `plan_downloads(site)` crosses them into the complete list of
published files: the generator writes that list with one helper, and `DownloadIndex` answers
the templates from the same list, so a link can never point to a file that was not written
and a format added to `FORMATS` reaches every scope, the zips and the pages without a
template edit. Paths come from `addresses`.

CSV downloads of a city are the source files' bytes; JSON is `sort_keys`, `ensure_ascii=False`,
with a trailing newline; zips have fixed timestamps and sorted entries.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, TypeVar, overload

from .addresses import (
    ALL_SCOPE,
    Addresses,
    canonical_url,
    download_filename,
    schema_file,
    scope_bibtex,
    scope_csl,
    scope_file,
    scope_workbook,
    scope_zip,
)
from .catalog import citation_key, render_bibtex, render_csl_json
from .licences import Licence, common_licences, describe_licences, read_licences
from .load import RESOURCE_NAMES, SchemaSet
from .model import City, Site, typed_rows
from .particles import attach
from .pool import fork_map
from .present import UNKNOWN, describe_source
from .workbook import Column, Sheet, render_workbook

RESOURCE_TITLES = {
    "plans": "계획",
    "pillars": "전략·분야",
    "programmes": "과제·사업",
    "targets": "목표",
    "sources": "출처",
    "programmes-flat": "과제 종합표",
}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ALL_TITLE = "모든 도시"
THEMES_FILE = "themes.csv"
FLAT = "programmes-flat"
"""The all-cities programmes table a person reads without joining: names beside every id."""
PILLAR_PATH_SEPARATOR = " › "


# -- what is published ----------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    path: str
    """Path under the downloads folder, with forward slashes: `paju/programmes.csv`."""
    data: bytes
    kind: str
    """The registry key that made it: a format (`csv`, `json`), a package file
    (`datapackage`, `readme`, `zip`) or `schema`."""
    label: str
    """Link text where the table is already named: `CSV`, `datapackage.json`, `ZIP`."""
    title: str
    """The file said in full: `과제·사업 (CSV)`, `전체 패키지 (ZIP)`."""
    about: str
    """Words a screen reader hears after the link text, naming scope and table: `파주시 과제·사업`."""
    media_type: str
    note: str = ""
    """What the file is, in a few Korean words (README file lists, the data page)."""
    scope: str | None = None
    """The scope's key (a city's slug, or ALL_SCOPE); None for site-wide files (schemas)."""
    resource: str | None = None
    in_zip: bool = False
    written: int | None = None
    """Set by `write_downloads`: the file is on disk with this many bytes, and `data` is empty."""

    @property
    def size(self) -> int:
        return len(self.data) if self.written is None else self.written

    @property
    def name(self) -> str:
        """The file's own name, without its folder: `programmes.csv`."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def filename(self) -> str:
        """The name a browser saves it as: `paju-programmes.csv`."""
        return download_filename(self.path)


def to_json_bytes(value: Any) -> bytes:
    records = records_json(value)
    if records is not None:
        return records
    return (
        json.dumps(
            value,
            ensure_ascii=False,
            sort_keys=True,
            indent=2,
            default=json_default,
            allow_nan=False,  # NaN and Infinity are not JSON; validation never lets one through
        )
        + "\n"
    ).encode()


ENCODE_STRING = json.encoder.encode_basestring  # the C encoder's own, when built with it


def records_json(value: Any) -> bytes | None:
    """What `to_json_bytes` writes (`json.dumps(value, indent=2, sort_keys=True,
    ensure_ascii=False)` and a newline), for a list (or `Rows`) of flat records (string keys;
    text, whole numbers, finite floats, booleans, None, dates), written here because json's
    indented output has no C speed-up; each record encoded as it is made and added to one
    buffer, so only the file's bytes are held. None for anything else."""
    if type(value) is not list and not isinstance(value, Rows):
        return None
    out = io.BytesIO()
    out.write(b"[")
    first = True
    for record in value:
        encoded = encode_record(record)
        if encoded is None:
            return None
        out.write(b"\n" if first else b",\n")
        first = False
        out.write(encoded)
    out.write(b"]\n" if first else b"\n]\n")
    return out.getvalue()


def encode_record(record: Any) -> bytes | None:
    """One flat record as `records_json` writes it inside the list (indented by two), or None
    when it is not one it writes."""
    if type(record) is not dict:
        return None
    if not record:
        return b"  {}"
    items = []
    for key in sorted(record):
        if type(key) is not str:
            return None
        cell = json_scalar(record[key])
        if cell is None:
            return None
        items.append(f"    {ENCODE_STRING(key)}: {cell}")
    return ("  {\n" + ",\n".join(items) + "\n  }").encode()


def join_records_json(parts: Iterable[bytes]) -> bytes:
    """What `records_json` writes for the records of every part, one after another: each
    part is records already encoded (`encode_record`) and joined by `,\\n`, or empty."""
    out = io.BytesIO()
    for part in parts:
        if part:
            out.write(b",\n" if out.tell() else b"[\n")
            out.write(part)
    out.write(b"\n]\n" if out.tell() else b"[]\n")
    return out.getvalue()


def join_bytes(start: bytes, parts: Iterable[bytes]) -> bytes:
    """`start` and every part, one after another, each let go once it is in the buffer."""
    out = io.BytesIO()
    out.write(start)
    for part in parts:
        out.write(part)
    return out.getvalue()


def json_scalar(value: Any) -> str | None:
    kind = type(value)
    if kind is str:
        return ENCODE_STRING(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return float.__repr__(value) if math.isfinite(value) else None
    if kind is dt.date:
        return ENCODE_STRING(value.isoformat())
    return None


def json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# -- scopes ---------------------------------------------------------------------------


Row = TypeVar("Row")


class Rows(Sequence[Row]):
    """A table's rows made again each time they are read, never held: the all-cities tables
    are views of every city's rows, which the site holds already. Indexing makes rows up to
    the one asked for; the writers only iterate and count."""

    def __init__(self, make: Callable[[], Iterable[Row]]) -> None:
        self.make = make
        self.length: int | None = None

    def __iter__(self) -> Iterator[Row]:
        return iter(self.make())

    def __len__(self) -> int:
        if self.length is None:
            self.length = sum(1 for _ in self.make())  # counted once, when first asked
        return self.length

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        return tuple(self)[index]


@dataclass(frozen=True)
class ScopeTable:
    """One resource as a scope publishes it."""

    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    """Every cell as the source file writes it, in header order."""
    records: Sequence[dict[str, Any]]
    """The same rows with typed values (numbers, dates, None for empty)."""
    source: bytes | None = None
    """The source file itself, when the scope publishes one city's file untouched."""
    parts: Mapping[str, Sequence[bytes]] | None = None
    """By format key: each city's rows as that format writes them (`Format.part`), in site
    order, when the all-cities table is joined from parts kept in the build cache."""


@dataclass(frozen=True)
class Scope:
    """Rows published together as one package: one city, all cities (later: one theme)."""

    key: str
    """Its folder and zip under the downloads folder: a city's slug, or ALL_SCOPE."""
    title: str
    """Whose rows these are, in Korean: `파주시`, `모든 도시`."""
    tables: dict[str, ScopeTable] = field(compare=False)
    descriptor: dict[str, Any] = field(compare=False)
    """The published datapackage.json, valid on its own (schemas inlined)."""
    summary: tuple[str, ...] = ()
    """The README's opening lines, under its heading."""
    footnotes: tuple[str, ...] = ()
    """The README's closing lines."""
    vocabulary: bytes = b""
    """The theme vocabulary (themes.csv) the `themes` column's codes come from."""
    address: str = ""
    """The public address of the scope's page (a city's page, the data page), or "" when the
    site has none: what its citations link to."""
    sources: tuple[str, ...] = ()
    """The articles its rows were copied from, as every citation describes them
    (present.describe_source)."""
    content_key: str = ""
    """A hash of everything its tables and descriptor are made from (`hash_all_inputs`), when
    its largest files may be answered from a build cache (`remember`)."""
    remember: Remember | None = field(default=None, compare=False)
    """`remember(key, make)`: the bytes kept under a content key, or `make()` (then kept)."""


def field_names(schemas: SchemaSet, name: str) -> tuple[str, ...]:
    return tuple(f["name"] for f in schemas.tables[name]["fields"])


def city_scope(city: City, schemas: SchemaSet, address: str = "") -> Scope:
    tables = {}
    for name in RESOURCE_NAMES:
        header = field_names(schemas, name)
        resource = city.raw.resource(name)
        table = resource.read_table() if resource is not None else None
        rows = table.rows if table is not None else ()
        tables[name] = ScopeTable(
            header,
            tuple(tuple(cells.get(h, "") for h in header) for _, cells in rows),
            tuple(typed_rows(city.raw, schemas, name, table)),
            resource.data if resource is not None else None,
        )
    return Scope(
        city.slug,
        city.name_ko,
        tables,
        publish_descriptor(city, schemas),
        summary=(
            f"{city.name_ko}({city.name_en}, {city.province_ko})의 정책 계획 데이터 패키지입니다.",
        ),
        footnotes=(f"계획: {city.plan.title_ko}",) if city.plan is not None else (),
        vocabulary=schemas.themes_bytes,
        address=address,
        sources=tuple(describe_source(s) for s in city.sources),
    )


def all_city_rows(city: City, name: str, header: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """One city's rows of an all-cities table (not the flat one): its slug, then its cells."""
    resource = city.raw.resource(name)
    for _, cells in resource.read_table().rows if resource is not None else ():
        yield (city.slug, *(cells.get(h, "") for h in header))


def all_city_records(site: Site, city: City, name: str) -> Iterator[dict[str, Any]]:
    for record in typed_rows(city.raw, site.schemas, name):
        yield {"city": city.slug, **record}


def all_scope(
    site: Site,
    address: str = "",
    parts: Sequence[Mapping[str, bytes]] | None = None,
    remember: Remember | None = None,
) -> Scope:
    """Every city's rows, resource by resource, behind a leading `city` column.

    `parts`: each city's `city_parts`, in site order, to join the tables' files from;
    `remember`: a build cache for the workbook and the zip (by `hash_all_inputs`)."""
    tables = {}
    for name in RESOURCE_NAMES:
        header = field_names(site.schemas, name)

        def rows(name: str = name, header: tuple[str, ...] = header) -> Iterator[tuple[str, ...]]:
            for city in site.cities:
                yield from all_city_rows(city, name, header)

        def records(name: str = name) -> Iterator[dict[str, Any]]:
            for city in site.cities:
                yield from all_city_records(site, city, name)

        tables[name] = ScopeTable(("city", *header), Rows(rows), Rows(records))
    tables[FLAT] = flat_programmes(site)
    if parts is not None:
        tables = {
            name: replace(table, parts=gather_parts(parts, name)) for name, table in tables.items()
        }
    scope = Scope(
        ALL_SCOPE,
        ALL_TITLE,
        tables,
        all_descriptor(site),
        summary=(
            f"{ALL_TITLE}({', '.join(c.name_ko for c in site.cities)})의 정책 계획 데이터를 "
            "표별로 합친 패키지입니다.",
            "표마다 맨 앞의 city 열이 도시(데이터 패키지 이름)를 가리키며, "
            "다른 열의 ID는 이 열과 함께 써야 유일합니다.",
        ),
        footnotes=tuple(
            f"계획: {c.name_ko} — {c.plan.title_ko}" for c in site.cities if c.plan is not None
        ),
        vocabulary=site.schemas.themes_bytes,
        address=address,
        sources=tuple(
            f"[{c.name_ko}] {describe_source(s)}" for c in site.cities for s in c.sources
        ),
        remember=remember,
    )
    if remember is not None:
        scope = replace(scope, content_key=hash_all_inputs(site, scope))
    return scope


PART_SEPARATOR = "\0"


def city_parts(site: Site, city: City) -> dict[str, bytes]:
    """One city's rows of every all-cities table, as each format that joins parts writes
    them (`Format.part`), by `<table>\\0<format key>`: what the build cache keeps per city so
    that the all-cities files are joined, not made again, after one city is edited."""
    tables = {}
    for name in RESOURCE_NAMES:
        header = field_names(site.schemas, name)
        tables[name] = ScopeTable(
            ("city", *header),
            tuple(all_city_rows(city, name, header)),
            tuple(all_city_records(site, city, name)),
        )
    flat_header = tuple(f["name"] for f in flat_fields(site.schemas))
    flat = tuple(flat_city_programmes(site, city, flat_header))
    tables[FLAT] = ScopeTable(
        flat_header, tuple(row for row, _ in flat), tuple(record for _, record in flat)
    )
    made = {}
    for name, table in tables.items():
        for fmt in FORMATS:
            if fmt.part is not None:
                part = fmt.part(table)
                if part is not None:
                    made[f"{name}{PART_SEPARATOR}{fmt.key}"] = part
    return made


def gather_parts(parts: Sequence[Mapping[str, bytes]], name: str) -> dict[str, Rows[bytes]]:
    """One table's parts by format, every city's in order, each read as it is joined (a
    cache's parts are files); a format some city has no part for (a record JSON cannot write
    as a flat record) is made whole instead."""
    gathered = {}
    for fmt in FORMATS:
        key = f"{name}{PART_SEPARATOR}{fmt.key}"
        if fmt.part is not None and all(key in city for city in parts):
            gathered[fmt.key] = Rows(lambda key=key: (city[key] for city in parts))
    return gathered


def hash_all_inputs(site: Site, scope: Scope) -> str:
    """Everything the all-cities tables and package files are made from: the shared schemas,
    the scope's descriptor and words, and each city's slug, names and resource files (bytes),
    in site order. Not the rest of a city's descriptor (its description, say): an edit there
    leaves the all-cities workbook and zip as they were."""
    digest = hashlib.sha256(site.schemas.content_hash.encode())
    digest.update(to_json_bytes(scope.descriptor))
    words = (scope.key, scope.title, scope.summary, scope.footnotes, scope.sources)
    digest.update(repr(words).encode())
    for city in site.cities:
        digest.update(repr((city.slug, city.name_ko, city.name_en, city.province_ko)).encode())
        for name in RESOURCE_NAMES:
            resource = city.raw.resource(name)
            data = resource.data if resource is not None else None
            digest.update(f"\0{name}\0{-1 if data is None else len(data)}\0".encode())
            digest.update(data or b"")
    return digest.hexdigest()


def flat_programmes(site: Site) -> ScopeTable:
    """One row per programme of every city, with the city, plan, pillar and theme names on it.

    Every cell the programmes or plans file has is its source cell; the added names come
    from the package descriptor, the pillars and the theme vocabulary.
    """
    header = tuple(f["name"] for f in flat_fields(site.schemas))

    def pairs() -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
        for city in site.cities:
            yield from flat_city_programmes(site, city, header)

    return ScopeTable(
        header,
        Rows(lambda: (row for row, _ in pairs())),
        Rows(lambda: (record for _, record in pairs())),
    )


def flat_city_programmes(
    site: Site, city: City, header: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """One city's rows of the flat programmes table, each as (cells, record)."""
    plans = {p.plan_id: p for p in city.plans}
    plan_cells = {}
    plans_resource = city.raw.resource("plans")
    for _, cells in plans_resource.read_table().rows if plans_resource is not None else ():
        plan_cells[cells.get("plan_id", "")] = cells
    resource = city.raw.resource("programmes")
    table = resource.read_table() if resource is not None else None
    source_rows = table.rows if table is not None else ()
    typed = typed_rows(city.raw, site.schemas, "programmes", table)
    for (_, cells), record in zip(source_rows, typed, strict=True):
        plan = plans.get(record["plan_id"])
        pillars = plan.pillar_path(record["pillar_id"]) if plan is not None else ()
        themes = [t for t in (record["themes"] or "").split(";") if t]
        added = {
            "city": city.slug,
            "city_name_ko": city.name_ko,
            "province_ko": city.province_ko,
            "plan_title_ko": plan.title_ko if plan is not None else None,
            "announced": plan.announced if plan is not None else None,
            "pillar_name_ko": PILLAR_PATH_SEPARATOR.join(p.name_ko for p in pillars) or None,
            "theme_names_ko": ";".join(site.theme_name(t) for t in themes) or None,
        }
        plan_row = plan_cells.get(cells.get("plan_id", ""), {})
        source = {
            **cells,
            "plan_title_ko": plan_row.get("title_ko", ""),
            "announced": plan_row.get("announced", ""),
        }
        yield (
            tuple(source[h] if h in source else added[h] or "" for h in header),
            {h: added[h] if h in added else record[h] for h in header},
        )


def flat_fields(schemas: SchemaSet) -> list[dict[str, Any]]:
    """The flat table's columns: the programmes' own, with their schema, and the names added."""
    programmes = {f["name"]: f for f in schemas.tables["programmes"]["fields"]}
    plans = {f["name"]: f for f in schemas.tables["plans"]["fields"]}

    def text(name: str, title: str, description: str, required: bool = False) -> dict[str, Any]:
        added: dict[str, Any] = {
            "name": name,
            "title": title,
            "type": "string",
            "description": description,
        }
        if required:
            added["constraints"] = {"required": True}
        return added

    fields = [
        CITY_FIELD,
        text("city_name_ko", "도시 이름", "도시의 한국어 이름.", required=True),
        text("province_ko", "광역자치단체", "도시가 속한 광역자치단체(시·도)의 한국어 이름.", True),
        programmes["plan_id"],
        {**plans["title_ko"], "name": "plan_title_ko"},
        plans["announced"],
        programmes["pillar_id"],
        text(
            "pillar_name_ko",
            "분야 이름",
            f"과제가 속한 분야의 이름. 하위 분야는 상위 분야부터 '{PILLAR_PATH_SEPARATOR.strip()}'로 "
            "이음. 분야가 없으면 빈칸.",
        ),
        *(
            programmes[name]
            for name in (
                "programme_id",
                "parent_programme_id",
                "name_ko",
                "summary_ko",
                "budget_krw",
                "budget_status",
                "national_budget_krw",
                "national_budget_status",
                "provincial_budget_krw",
                "municipal_budget_krw",
                "private_budget_krw",
                "jobs",
                "approximate",
                "start_year",
                "end_year",
                "flagship",
                "row_kind",
                "competitive_grant",
                "themes",
            )
        ),
        text(
            "theme_names_ko",
            "주제 이름",
            "themes 열의 코드마다 주제 어휘(themes.csv)의 한국어 이름을 같은 순서로 세미콜론(;)으로 이음.",
        ),
        programmes["source_id"],
        programmes["notes"],  # the caveats a figure needs travel with it
    ]
    return copy.deepcopy(fields)


def flat_schema(schemas: SchemaSet) -> dict[str, Any]:
    """The flat table's Table Schema: each row is one programme of the all-cities package."""
    keyed = [(["city", "plan_id"], "plans"), (["city", "source_id"], "sources")]
    return {
        "fields": flat_fields(schemas),
        "primaryKey": ["city", "programme_id"],
        "foreignKeys": [
            {"fields": fields, "reference": {"resource": resource, "fields": fields}}
            for fields, resource in [(["city", "programme_id"], "programmes"), *keyed]
        ],
    }


def plan_scopes(
    site: Site, public_url: str = "", addresses: Addresses | None = None
) -> tuple[Scope, ...]:
    """Every scope the site publishes: each city, then all cities together.

    With a public address, each scope knows its page's (a city's page; the data page for
    all cities), for the citations.
    """
    addresses = Addresses() if addresses is None else addresses
    return (
        *(
            city_scope(
                city, site.schemas, canonical_url(public_url, addresses.city_page(city.slug))
            )
            for city in site.cities
        ),
        all_scope(site, canonical_url(public_url, addresses.data)),
    )


# -- descriptors ----------------------------------------------------------------------


def publish_descriptor(city: City, schemas: SchemaSet) -> dict[str, Any]:
    """The city's datapackage.json with the shared schemas inlined: valid on its own."""
    descriptor = copy.deepcopy(city.raw.descriptor)
    resources = []
    for entry in descriptor["resources"]:
        if entry.get("name") not in schemas.tables:
            continue
        published = {k: v for k, v in entry.items() if k != "schema"}
        published["path"] = CSV.file_name(entry["name"])
        published.setdefault("title", RESOURCE_TITLES[entry["name"]])
        published["schema"] = copy.deepcopy(schemas.tables[entry["name"]])
        resources.append(published)
    descriptor["resources"] = resources
    return descriptor


def all_descriptor(site: Site) -> dict[str, Any]:
    return {
        "name": "planpress-all",
        "title": "planpress: 지방자치단체 정책 계획 (전체 도시)",
        "description": "planpress가 공개하는 모든 도시의 계획 데이터를 자원별로 합친 패키지. city 열이 도시를 가리킴.",
        "profile": "tabular-data-package",
        "licenses": [licence.as_descriptor() for licence in site_licences(site)],
        "version": max(
            (c.version for c in site.cities),
            key=lambda v: tuple(int(p) for p in v.split(".")),
            default="0.0.0",
        ),
        "updated": site.updated,
        "sources": [
            {"title": f"[{c.name_ko}] {describe_source(s)}"} for c in site.cities for s in c.sources
        ],
        "contributors": [{"title": "planpress 편집팀", "role": "maintainer"}],
        "resources": [
            {
                "name": name,
                "path": CSV.file_name(name),
                "title": RESOURCE_TITLES[name],
                "profile": "tabular-data-resource",
                "format": CSV.extension,
                "mediatype": CSV.media_type,
                "encoding": "utf-8",
                "schema": combine_schema(site.schemas.tables[name]),
            }
            for name in RESOURCE_NAMES
        ]
        + [
            {
                "name": FLAT,
                "path": CSV.file_name(FLAT),
                "title": RESOURCE_TITLES[FLAT],
                "description": "모든 도시의 과제를 한 표에: 과제마다 도시 이름, 광역자치단체, "
                "계획 이름과 발표일, 분야 이름, 주제 이름을 함께 적음. 값은 programmes·plans 표와 같음.",
                "profile": "tabular-data-resource",
                "format": CSV.extension,
                "mediatype": CSV.media_type,
                "encoding": "utf-8",
                "schema": flat_schema(site.schemas),
            }
        ],
    }


def site_licences(site: Site) -> tuple[Licence, ...]:
    """The licences every city shares: what the whole site, and the all-cities package, may claim."""
    return common_licences(city.licenses for city in site.cities)


CITY_FIELD = {
    "name": "city",
    "title": "도시",
    "type": "string",
    "description": "데이터 패키지(도시) 이름. 다른 열의 ID는 도시 안에서만 유일하므로 이 열과 함께 씀.",
    "constraints": {"required": True},
}


def combine_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A resource's schema for all cities at once: a leading `city` column joins every key."""
    combined = copy.deepcopy(schema)
    combined["fields"] = [copy.deepcopy(CITY_FIELD), *combined["fields"]]
    combined["primaryKey"] = ["city", *combined.get("primaryKey", [])]
    required = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")}
    foreign_keys = []
    for fk in combined.get("foreignKeys", []):
        fields = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        if not set(fields) <= required:
            # A composite key with an empty part (a top-level pillar's parent_id) cannot be
            # checked by Table Schema; each city's own package keeps that foreign key.
            continue
        ref = fk["reference"]
        ref_fields = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        foreign_keys.append(
            {
                "fields": ["city", *fields],
                "reference": {"resource": ref["resource"], "fields": ["city", *ref_fields]},
            }
        )
    combined["foreignKeys"] = foreign_keys
    return combined


# -- formats: how a resource's bytes are made -----------------------------------------


@dataclass(frozen=True)
class Format:
    """One way to publish a resource; every format is made for every resource of every scope."""

    key: str
    extension: str
    media_type: str
    label: str
    """Link text: `CSV`."""
    note: str
    """What sets it apart, in a few Korean words: `원본 파일 그대로`."""
    render: Callable[[Scope, str], bytes]
    """The bytes of one resource (by name) of a scope."""
    in_zip: bool
    """Whether the scope's zip carries it beside datapackage.json."""
    help: str = ""
    """A tip shown beside the downloads (how to open the file), or empty."""
    part: Callable[[ScopeTable], bytes | None] | None = None
    """The rows of a table without what comes before or after them (header, brackets), so
    that the parts of every city, joined by `join`, are the all-cities file byte for byte;
    None when the format cannot be joined (or for one row it cannot write)."""
    join: Callable[[ScopeTable, Sequence[bytes]], bytes] | None = None

    def file_name(self, resource: str) -> str:
        return f"{resource}.{self.extension}"


def render_csv(scope: Scope, name: str) -> bytes:
    """A city's source file byte for byte; a combined table written from the source cells."""
    table = scope.tables[name]
    if table.source is not None:
        return table.source
    return write_csv_bytes(table, "\n")


def write_csv_bytes(
    table: ScopeTable,
    line_end: str,
    start: bytes = b"",
    rows: Iterable[Sequence[str]] | None = None,
    header: bool = True,
) -> bytes:
    """The table as UTF-8 CSV after `start`, encoded as it is written: only the bytes held.
    `rows`: the table's rows as some format writes them (default: as they are); without
    `header`, the rows alone (a part of a file, `Format.part`)."""
    buffer = io.BytesIO()
    buffer.write(start)
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator=line_end)
    if header:
        writer.writerow(table.header)
    writer.writerows(table.rows if rows is None else rows)
    text.flush()
    data = buffer.getvalue()
    text.detach()
    return data


def csv_part(table: ScopeTable) -> bytes:
    return write_csv_bytes(table, "\n", header=False)


def join_csv(table: ScopeTable, parts: Sequence[bytes]) -> bytes:
    return join_bytes(write_csv_bytes(table, "\n", rows=()), parts)


def render_json(scope: Scope, name: str) -> bytes:
    records = scope.tables[name].records
    return records_json(records) or to_json_bytes(list(records))


def json_part(table: ScopeTable) -> bytes | None:
    encoded = [encode_record(record) for record in table.records]
    if any(record is None for record in encoded):
        return None
    return b",\n".join(record for record in encoded if record is not None)


def join_json(_table: ScopeTable, parts: Sequence[bytes]) -> bytes:
    return join_records_json(parts)


UTF8_BOM = b"\xef\xbb\xbf"


MONEY_SUFFIX = "_krw"
"""The columns in won: an Excel CSV writes their digits grouped."""
PLAIN_INTEGER = re.compile(r"-?[0-9]+")


def group_won(cell: str) -> str:
    """`106600000000` → `106,600,000,000`: Excel's General format shows a number of more than
    eleven digits as `1.066E+11`; grouped, Excel reads the same number with a thousands format."""
    return f"{int(cell):,}" if PLAIN_INTEGER.fullmatch(cell) else cell


def render_excel_csv(scope: Scope, name: str) -> bytes:
    """The plain CSV's rows for a double-click in Korean Excel: UTF-8 with a BOM, CRLF line ends,
    won amounts with their digits grouped (`group_won`).

    Without the BOM Excel reads UTF-8 as the ANSI code page (CP949) and Hangul turns to
    mojibake. Every other cell is the source's, written again; a won amount is the same number.
    """
    return write_csv_bytes(scope.tables[name], "\r\n", UTF8_BOM, group_money(scope.tables[name]))


def group_money(table: ScopeTable) -> Iterator[list[str]]:
    """The table's rows with their won amounts grouped (`group_won`)."""
    money = [i for i, column in enumerate(table.header) if column.endswith(MONEY_SUFFIX)]
    for row in table.rows:
        cells = list(row)
        for i in money:
            if i < len(cells):
                cells[i] = group_won(cells[i])
        yield cells


def excel_csv_part(table: ScopeTable) -> bytes:
    return write_csv_bytes(table, "\r\n", rows=group_money(table), header=False)


def join_excel_csv(table: ScopeTable, parts: Sequence[bytes]) -> bytes:
    return join_bytes(write_csv_bytes(table, "\r\n", UTF8_BOM, rows=()), parts)


CSV = Format(
    key="csv",
    extension="csv",
    media_type="text/csv",
    label="CSV",
    note="원본 파일 그대로",
    render=render_csv,
    in_zip=True,
    part=csv_part,
    join=join_csv,
    help=(
        "CSV는 UTF-8입니다. Excel에서는 ‘데이터 → 텍스트/CSV에서’로 열고 파일 원본을 "
        "‘65001: 유니코드(UTF-8)’로 고르면 한글이 깨지지 않습니다."
    ),
)
JSON = Format(
    key="json",
    extension="json",
    media_type="application/json",
    label="JSON",
    note="형식이 붙은 레코드",
    render=render_json,
    in_zip=False,
    part=json_part,
    join=join_json,
)
EXCEL_CSV = Format(
    key="excel-csv",
    extension="excel.csv",
    media_type="text/csv",
    label="엑셀용 CSV",
    note="엑셀에서 바로 열기",
    render=render_excel_csv,
    part=excel_csv_part,
    join=join_excel_csv,
    # Not in the zip: the zip is the Frictionless package its datapackage.json describes,
    # and a second copy of every table there would only make it a choice to get wrong.
    in_zip=False,
    help=(
        "엑셀용 CSV: 엑셀에서 바로 열기 — 한글이 깨지지 않습니다(원본과 같은 행, UTF-8 BOM과 CRLF)."
        " 금액은 1.066E+11처럼 바뀌지 않도록 천 단위 쉼표를 넣었습니다."
    ),
)
FORMATS: tuple[Format, ...] = (CSV, JSON, EXCEL_CSV)
CITATION_KINDS = ("csl", "bibtex")
"""The package files that cite the scope's dataset."""
"""Every resource format, in the order pages list them. Add one here and it is published."""


def join_phrases(phrases: Sequence[str]) -> str:
    """Korean list: `A`, `A와 B`, `A, B와 C` (과 or 와 chosen from the word it follows)."""
    if len(phrases) < 2:
        return "".join(phrases)
    return ", ".join([*phrases[:-2], f"{attach(phrases[-2], '와')} {phrases[-1]}"])


def describe_formats(formats: Sequence[Format]) -> str:
    """The formats as a Korean phrase ending in 으로/로: `CSV(원본 파일 그대로)와 JSON(…)으로`."""
    listed = join_phrases([f"{f.label}({f.note})" if f.note else f.label for f in formats])
    return attach(listed, "로") if listed else listed


# -- package files: what describes or bundles a whole scope ---------------------------


@dataclass(frozen=True)
class PackageFile:
    """A file about a whole scope; made after the scope's resource files, in registry order."""

    key: str
    label: str
    title: str
    note: str
    media_type: str
    path: Callable[[str], str]
    """Its path under the downloads folder, from the scope's key."""
    render: Callable[[Scope, Sequence[Download]], bytes]
    """Its bytes, from the scope and the zip's members made before it."""
    in_zip: bool
    published: bool
    """False for a file that exists only inside the zip (README.md)."""
    describe: Callable[[Sequence[Download]], str] | None = None
    """Its note from the zip's members made before it, when the note depends on them."""


def vocabulary_path(scope: str) -> str:
    return scope_file(scope, "themes.csv")


def render_vocabulary(scope: Scope, _members: Sequence[Download]) -> bytes:
    return scope.vocabulary


def datapackage_path(scope: str) -> str:
    return scope_file(scope, "datapackage.json")


def readme_path(scope: str) -> str:
    return scope_file(scope, "README.md")


def render_datapackage(scope: Scope, _members: Sequence[Download]) -> bytes:
    return to_json_bytes(scope.descriptor)


def render_readme(scope: Scope, members: Sequence[Download]) -> bytes:
    """The zip's README: what the package is, its licence, how to read it, and its files."""
    descriptor = scope.descriptor
    licences = describe_licences(read_licences(descriptor["licenses"]))
    sources = next((m.name for m in members if m.resource == "sources"), None)
    lines = [f"# {descriptor['title']}", "", *scope.summary]
    lines.append(
        "planpress가 공개 기사에서 옮겨 적고 검사한 데이터이며, "
        + (f"출처는 {sources}에 있습니다." if sources else "출처는 패키지 설명에 있습니다.")
    )
    lines += [
        "",
        f"- 버전: {descriptor['version']} (최종 수정 {descriptor['updated']})",
        f"- 라이선스: 데이터 {licences} — 인용할 때 'planpress'와 원 출처를 밝혀 주세요.",
        *([f"- 원 출처: {'; '.join(scope.sources)}"] if scope.sources else []),
        f"- 인용 키: {citation_key(descriptor)} (CSL-JSON, BibTeX 파일과 같음)",
        f"- 금액은 원(KRW) 단위 정수입니다(1억 원 = 100000000). 빈칸은 '{UNKNOWN}'이며 0이 아닙니다.",
        "- 발표된 수치(계획이 밝힌 총액·과제 수)와 목록에 실린 행의 합은 다를 수 있습니다.",
        "",
        "## 파일",
        "",
    ]
    # the package's description first, then the tables in resource order
    for member in sorted(members, key=lambda m: m.resource is not None):
        lines.append(f"- {member.name} — {member.note}")
    if scope.footnotes:
        lines += ["", *scope.footnotes]
    return ("\n".join(lines) + "\n").encode()


def render_xlsx(scope: Scope, _members: Sequence[Download]) -> bytes:
    """Every table of the scope as a sheet, after a 읽어보기 sheet saying what they are."""
    if scope.remember is not None and scope.content_key:
        return scope.remember(f"xlsx-{scope.content_key}", lambda: make_xlsx(scope))
    return make_xlsx(scope)


def make_xlsx(scope: Scope) -> bytes:
    descriptor = scope.descriptor
    fields = {
        r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in descriptor["resources"]
    }
    sheets = [
        Sheet(
            RESOURCE_TITLES[name],
            CSV.file_name(name),
            tuple(
                Column.from_field(fields.get(name, {}).get(h, {"name": h})) for h in table.header
            ),
            table.rows,
            table.records,
        )
        for name, table in scope.tables.items()
    ]
    licences = describe_licences(read_licences(descriptor["licenses"]))
    sources = list(scope.sources)
    about = [
        *(("설명" if i == 0 else "", line) for i, line in enumerate(scope.summary)),
        ("도시", scope.title),
        *(("출처" if i == 0 else "", line) for i, line in enumerate(sources)),
        ("라이선스", f"데이터 {licences} — 인용할 때 'planpress'와 원 출처를 밝혀 주세요."),
        ("버전", descriptor["version"]),
        ("최종 수정", descriptor["updated"] or ""),
        ("금액", "원(KRW) 단위 숫자입니다(1억 원 = 100,000,000). 그대로 더하고 나눌 수 있습니다."),
        ("빈칸", f"출처가 밝히지 않은 값({UNKNOWN})이며 0이 아닙니다."),
        ("날짜·ID", "CSV와 같은 글자 그대로입니다(날짜는 YYYY-MM-DD)."),
        *(("", line) for line in scope.footnotes),
    ]
    return render_workbook(descriptor["title"], about, sheets, workbook_created(descriptor))


def workbook_created(descriptor: dict[str, Any]) -> dt.datetime:
    """The workbook's one date: the data's `updated` day, so two builds give the same bytes."""
    try:
        day = dt.date.fromisoformat(str(descriptor.get("updated") or "")[:10])
    except ValueError:
        day = dt.date(*ZIP_TIME[:3])
    return dt.datetime.combine(day, dt.time())


def render_csl(scope: Scope, _members: Sequence[Download]) -> bytes:
    return render_csl_json(scope.descriptor, scope.address, scope.sources)


def render_bib(scope: Scope, _members: Sequence[Download]) -> bytes:
    return render_bibtex(scope.descriptor, scope.address, scope.sources)


def render_zip(scope: Scope, members: Sequence[Download]) -> bytes:
    files = {member.path: member.data for member in members}
    if scope.remember is None:
        return zip_files(files)
    digest = hashlib.sha256(b"zip")
    for path in sorted(files):
        digest.update(f"\0{path}\0{len(files[path])}\0".encode())
        digest.update(hashlib.sha256(files[path]).digest())
    return scope.remember(f"zip-{digest.hexdigest()}", lambda: zip_files(files))


def describe_zip(members: Sequence[Download]) -> str:
    """`datapackage.json, README.md와 CSV 표 5개를 한 파일로 묶은 것`."""
    tables: dict[str, int] = {}
    for member in members:
        if member.resource is not None:
            tables[member.label] = tables.get(member.label, 0) + 1
    parts = [m.name for m in members if m.resource is None]
    parts += [f"{label} 표 {count}개" for label, count in tables.items()]
    return f"{attach(join_phrases(parts), '을')} 한 파일로 묶은 것"


def zip_files(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


PACKAGE_FILES: tuple[PackageFile, ...] = (
    PackageFile(
        key="datapackage",
        label="datapackage.json",
        title="datapackage.json",
        note="패키지 설명과 표 스키마(Frictionless Data Package)",
        media_type="application/json",
        path=datapackage_path,
        render=render_datapackage,
        in_zip=True,
        published=True,
    ),
    PackageFile(
        key="vocabulary",
        label="themes.csv",
        title="주제 어휘 (themes.csv)",
        note="과제의 themes 열에 쓰는 주제 코드와 그 이름·뜻",
        media_type="text/csv",
        path=vocabulary_path,
        render=render_vocabulary,
        in_zip=True,
        published=False,  # published once for the site, under schemas/
    ),
    PackageFile(
        key="readme",
        label="README.md",
        title="안내 (README.md)",
        note="이 패키지의 안내",
        media_type="text/markdown",
        path=readme_path,
        render=render_readme,
        in_zip=True,
        published=False,
    ),
    PackageFile(
        key="zip",
        label="ZIP",
        title="전체 패키지 (ZIP)",
        note="패키지를 한 파일로 묶은 것",
        media_type="application/zip",
        path=scope_zip,
        render=render_zip,
        in_zip=False,
        published=True,
        describe=describe_zip,
    ),
    PackageFile(
        key="xlsx",
        label="XLSX",
        title="엑셀 통합 문서 (XLSX)",
        note="표마다 시트 하나, 첫 시트 ‘읽어보기’에 출처·라이선스·열 사전 — 엑셀에서 바로 열기",
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        path=scope_workbook,
        render=render_xlsx,
        # Not in the zip: the zip is the Frictionless package, and the workbook is made from
        # the same tables; a reader takes one or the other.
        in_zip=False,
        published=True,
    ),
    PackageFile(
        key="csl",
        label="CSL-JSON",
        title="인용 정보 (CSL-JSON)",
        note="Zotero·Pandoc 같은 문헌 관리 도구로 가져오는 인용 정보(데이터셋)",
        media_type="application/vnd.citationstyles.csl+json",
        path=scope_csl,
        render=render_csl,
        in_zip=False,
        published=True,
    ),
    PackageFile(
        key="bibtex",
        label="BibTeX",
        title="인용 정보 (BibTeX)",
        note="LaTeX(biblatex)에 넣는 인용 정보(@dataset)",
        media_type="application/x-bibtex",
        path=scope_bibtex,
        render=render_bib,
        in_zip=False,
        published=True,
    ),
)
"""Files about a whole scope, made in this order: each sees the zip members made before it."""


# -- crossing the registry ------------------------------------------------------------


def resource_download(scope: Scope, fmt: Format, name: str) -> Download:
    title = RESOURCE_TITLES[name]
    table = scope.tables[name]
    parts = table.parts.get(fmt.key) if table.parts is not None else None
    if parts is not None and fmt.join is not None:
        data = fmt.join(table, parts)
    else:
        data = fmt.render(scope, name)
    return Download(
        path=scope_file(scope.key, fmt.file_name(name)),
        data=data,
        kind=fmt.key,
        label=fmt.label,
        title=f"{title} ({fmt.label})",
        about=f"{scope.title} {title}",
        media_type=fmt.media_type,
        note=title,
        scope=scope.key,
        resource=name,
        in_zip=fmt.in_zip,
    )


def scope_downloads(scope: Scope, formats: Sequence[Format] | None = None) -> list[Download]:
    """One scope's files: every resource in every format, then its package files.

    Unpublished package files (README.md) are made for the zip and left out of the list.
    """
    return list(iter_scope_downloads(scope, formats))


def iter_scope_downloads(
    scope: Scope,
    formats: Sequence[Format] | None = None,
    package_files: Sequence[PackageFile] | None = None,
) -> Iterator[Download]:
    """`scope_downloads` one file at a time, as each is made: only the zip's members are kept
    until the zip is made, so a caller that writes each file and lets it go holds little."""
    formats = FORMATS if formats is None else formats
    members = []
    for name in scope.tables:
        for fmt in formats:
            made = resource_download(scope, fmt, name)
            if made.in_zip:
                members.append(made)
            yield made
    for package_file in PACKAGE_FILES if package_files is None else package_files:
        made = Download(
            path=package_file.path(scope.key),
            data=package_file.render(scope, tuple(members)),
            kind=package_file.key,
            label=package_file.label,
            title=package_file.title,
            about=scope.title,
            media_type=package_file.media_type,
            note=package_file.describe(members) if package_file.describe else package_file.note,
            scope=scope.key,
            in_zip=package_file.in_zip,
        )
        if made.in_zip:
            members.append(made)
        if package_file.published:
            yield made


def schema_downloads(schemas: SchemaSet) -> list[Download]:
    """The shared contract, published as it is: schemas, the descriptor profile, the themes."""
    files = [
        Download(
            path=schema_file(JSON.file_name(name)),
            data=to_json_bytes(schema),
            kind="schema",
            label=JSON.file_name(name),
            title=f"{RESOURCE_TITLES[name]} 스키마",
            about=f"{RESOURCE_TITLES[name]} 스키마",
            media_type=JSON.media_type,
            resource=name,
        )
        for name, schema in schemas.tables.items()
    ]
    files.append(
        Download(
            path=schema_file("datapackage.profile.json"),
            data=to_json_bytes(schemas.profile),
            kind="schema",
            label="datapackage.profile.json",
            title="패키지 프로파일",
            about="패키지 프로파일",
            media_type=JSON.media_type,
        )
    )
    files.append(
        Download(
            path=schema_file(THEMES_FILE),
            data=schemas.themes_bytes,
            kind="schema",
            label=THEMES_FILE,
            title="주제 어휘 (CSV)",
            about="주제 어휘",
            media_type=CSV.media_type,
        )
    )
    return files


def plan_downloads(
    site: Site,
    formats: Sequence[Format] | None = None,
    public_url: str = "",
    addresses: Addresses | None = None,
) -> list[Download]:
    """Every published file: formats × resources × scopes, each scope's package files, schemas."""
    scopes = plan_scopes(site, public_url, addresses)
    files = [d for scope in scopes for d in scope_downloads(scope, formats)]
    files += schema_downloads(site.schemas)
    return files


def write_downloads(
    site: Site,
    write: Callable[[Download], None],
    workers: int | None = None,
    public_url: str = "",
    addresses: Addresses | None = None,
    recall: Recall | None = None,
    recall_parts: RecallParts | None = None,
    remember: Remember | None = None,
) -> list[Download]:
    """`plan_downloads`, each file handed to `write` as soon as its scope is made and then kept
    only as its size (`written`): the bytes of all scopes are never held at once, and the
    scopes are made on every core (`fork_map`). Same files, same bytes, same order.

    `recall(city, make)`, when given, answers a city's files from a cache (`buildcache`) or
    calls `make`; `recall_parts(city, make)` the same for the city's rows of the all-cities
    tables (`city_parts`), which those tables are then joined from; `remember(key, make)`
    the all-cities workbook and zip by what they are made from. The schemas are made every
    time."""
    # Each scope is made in the process that writes it (the order of `plan_scopes`: every
    # city, then all cities), so no process holds more than its own scopes' rows. The
    # all-cities workbook, the largest single file, is made by a task of its own, so that it
    # runs beside the rest of the all-cities files rather than after them.
    apart = tuple(f for f in PACKAGE_FILES if f.key in SEPARATE_PACKAGE_FILES)
    rest = tuple(f for f in PACKAGE_FILES if f not in apart)
    if PACKAGE_FILES[len(rest) :] != apart:
        apart, rest = (), PACKAGE_FILES  # made apart only when they come last anyway
    addresses = Addresses() if addresses is None else addresses
    data_page = canonical_url(public_url, addresses.data)
    tasks: list[tuple[City | None, bool]] = [(city, False) for city in site.cities]
    tasks += [(None, False)] + ([(None, True)] if apart else [])

    def make(task: tuple[City | None, bool]) -> list[Download]:
        city, separate = task
        if city is not None:
            page = canonical_url(public_url, addresses.city_page(city.slug))

            def make_city() -> Iterable[Download]:
                return iter_scope_downloads(city_scope(city, site.schemas, page))

            made = make_city() if recall is None else recall(city, make_city)
        elif separate:
            made = iter_scope_downloads(all_scope(site, data_page, remember=remember), (), apart)
        else:
            parts = None
            if recall_parts is not None:
                parts = [
                    recall_parts(city, partial(city_parts, site, city)) for city in site.cities
                ]
            scope = all_scope(site, data_page, parts, remember)
            made = iter_scope_downloads(scope, None, rest)
        return [kept_as_written(d, write) for d in made]

    weights = [len(city.programmes) if city else len(tasks) * 1000 for city, _ in tasks]
    files = [d for made in fork_map(make, tasks, workers, weights) for d in made]
    return files + [kept_as_written(d, write) for d in schema_downloads(site.schemas)]


Recall = Callable[[City, Callable[[], Iterable[Download]]], Iterable[Download]]
"""A city's downloads from a cache, or from the function it is given (then kept)."""
RecallParts = Callable[[City, Callable[[], dict[str, bytes]]], Mapping[str, bytes]]
"""A city's `city_parts` from a cache, or from the function it is given (then kept)."""
Remember = Callable[[str, Callable[[], bytes]], bytes]
"""The bytes a cache keeps under a content key, or those the function makes (then kept)."""

SEPARATE_PACKAGE_FILES = ("xlsx",)
"""Package files `write_downloads` makes for all cities in a task of their own: they read the
scope's tables, never the files made before them (`describe` None, members unused)."""


def kept_as_written(download: Download, write: Callable[[Download], None]) -> Download:
    write(download)
    return replace(download, data=b"", written=len(download.data))


# -- what templates ask ---------------------------------------------------------------


class DownloadIndex:
    """The templates' view of the downloads: every answer comes from the list that is written.

    Scopes are named by key: a city's slug, or `all_cities`.
    """

    all_cities = ALL_SCOPE

    def __init__(
        self,
        files: Iterable[Download],
        addresses: Addresses,
        formats: Sequence[Format] | None = None,
    ) -> None:
        self.files = tuple(files)
        self.addresses = addresses
        self.formats = tuple(FORMATS if formats is None else formats)
        self.by_path = {d.path: d for d in self.files}
        scopes = dict.fromkeys(d.scope for d in self.files if d.scope)
        self.resources = tuple(
            name
            for name in dict.fromkeys(d.resource for d in self.files if d.scope and d.resource)
            if all(self.resource_links(scope, name) for scope in scopes)
        )
        """The resources every scope publishes, in registry order: the columns of download tables."""

    def __iter__(self) -> Iterator[Download]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def href(self, download: Download) -> str:
        """The download's path under the output folder, for `{{ SITEURL }}/…`."""
        return self.addresses.download(download.path)

    def for_scope(self, scope: str) -> list[Download]:
        """Every published file of a scope: its resources in every format, then package files."""
        return [d for d in self.files if d.scope == scope]

    def resource_links(self, scope: str, resource: str) -> list[Download]:
        """One resource of a scope, once per format, in registry order."""
        return [d for d in self.for_scope(scope) if d.resource == resource]

    def resources_of(self, scope: str) -> tuple[str, ...]:
        """Every resource a scope publishes, in registry order: the shared ones and its own."""
        return tuple(dict.fromkeys(d.resource for d in self.for_scope(scope) if d.resource))

    def citation_files(self, scope: str) -> list[Download]:
        """A scope's dataset as citation files: CSL-JSON, BibTeX."""
        return [d for d in self.for_scope(scope) if d.kind in CITATION_KINDS]

    def package_files(self, scope: str) -> list[Download]:
        """A scope's datapackage.json and zip."""
        return [d for d in self.for_scope(scope) if d.resource is None]

    def schemas(self) -> list[Download]:
        return [d for d in self.files if d.kind == "schema"]

    def theme_vocabulary(self) -> Download:
        return self.by_path[schema_file(THEMES_FILE)]

    @property
    def package_files_phrase(self) -> str:
        """`datapackage.json, 전체 패키지 (ZIP)와 엑셀 통합 문서 (XLSX)가`: what each scope has."""
        listed = join_phrases([f.title for f in PACKAGE_FILES if f.published])
        return attach(listed, "가") if listed else listed

    @property
    def formats_phrase(self) -> str:
        """`CSV(원본 파일 그대로)와 JSON(형식이 붙은 레코드)으로`, for a sentence about every table."""
        return describe_formats(self.formats)
