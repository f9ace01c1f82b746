"""Every download, as a registry of formats producing exact, deterministic bytes.

`plan_downloads(site)` returns the complete list of files (path under the downloads
folder → bytes); the generator writes them with one helper and the data page lists them
from the same list, so a link can never point to a file that was not written.
CSV downloads are the source files' bytes; JSON is `sort_keys`, `ensure_ascii=False`,
with a trailing newline; zips have fixed timestamps and sorted entries.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .load import RESOURCE_NAMES, RawPackage, SchemaSet
from .model import City, Site, typed_rows
from .present import UNKNOWN

RESOURCE_TITLES = {
    "plans": "계획",
    "pillars": "전략·분야",
    "programmes": "과제·사업",
    "targets": "목표",
    "sources": "출처",
}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Download:
    path: str
    """Path under the downloads folder, with forward slashes: `paju/programmes.csv`."""
    data: bytes
    label: str
    kind: str
    """The format's registry key: csv, json, datapackage, zip, schema."""
    city: str | None = None
    resource: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)


def to_json_bytes(value: Any) -> bytes:
    return (
        json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2, default=json_default) + "\n"
    ).encode()


def json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# The format registry: one function per format, each turning a city's resource into bytes.
RESOURCE_FORMATS: dict[str, Callable[[RawPackage, SchemaSet, str], bytes]] = {
    "csv": lambda raw, _schemas, name: raw.resource(name).data,  # the source bytes, untouched
    "json": lambda raw, schemas, name: to_json_bytes(typed_rows(raw, schemas, name)),
}


def publish_descriptor(city: City, schemas: SchemaSet) -> dict[str, Any]:
    """The city's datapackage.json with the shared schemas inlined: valid on its own."""
    descriptor = copy.deepcopy(city.raw.descriptor)
    resources = []
    for entry in descriptor["resources"]:
        if entry.get("name") not in schemas.tables:
            continue
        published = {k: v for k, v in entry.items() if k != "schema"}
        published["path"] = f"{entry['name']}.csv"
        published.setdefault("title", RESOURCE_TITLES[entry["name"]])
        published["schema"] = copy.deepcopy(schemas.tables[entry["name"]])
        resources.append(published)
    descriptor["resources"] = resources
    return descriptor


def combine_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A resource's schema for all cities at once: a leading `city` column joins every key."""
    combined = copy.deepcopy(schema)
    city_field = {
        "name": "city",
        "title": "도시",
        "type": "string",
        "description": "데이터 패키지(도시) 이름. 다른 열의 ID는 도시 안에서만 유일하므로 이 열과 함께 씀.",
        "constraints": {"required": True},
    }
    combined["fields"] = [city_field, *combined["fields"]]
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


def combine_csv(site: Site, name: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [f["name"] for f in site.schemas.tables[name]["fields"]]
    writer.writerow(["city", *header])
    for city in site.cities:
        resource = city.raw.resource(name)
        for _, cells in resource.table.rows if resource else ():
            writer.writerow([city.slug, *(cells.get(h, "") for h in header)])
    return out.getvalue().encode()


def combine_json(site: Site, name: str) -> bytes:
    rows = []
    for city in site.cities:
        for record in typed_rows(city.raw, site.schemas, name):
            rows.append({"city": city.slug, **record})
    return to_json_bytes(rows)


def render_readme(city: City) -> bytes:
    plan = city.plan
    lines = [
        f"# {city.title}",
        "",
        f"{city.name_ko}({city.name_en}, {city.province_ko})의 정책 계획 데이터 패키지입니다.",
        "planpress가 공개 기사에서 옮겨 적고 검사한 데이터이며, 출처는 sources.csv에 있습니다.",
        "",
        f"- 버전: {city.version} (최종 수정 {city.updated})",
        "- 라이선스: 데이터 CC-BY-4.0 — 인용할 때 'planpress'와 원 출처를 밝혀 주세요.",
        f"- 금액은 원(KRW) 단위 정수입니다(1억 원 = 100000000). 빈칸은 '{UNKNOWN}'이며 0이 아닙니다.",
        "- 발표된 수치(계획이 밝힌 총액·과제 수)와 목록에 실린 행의 합은 다를 수 있습니다.",
        "",
        "## 파일",
        "",
        "- datapackage.json — 패키지 설명과 표 스키마(Frictionless Data Package)",
    ]
    lines += [f"- {name}.csv — {RESOURCE_TITLES[name]}" for name in RESOURCE_NAMES]
    if plan is not None:
        lines += ["", f"계획: {plan.title_ko}"]
    return ("\n".join(lines) + "\n").encode()


def zip_files(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def city_downloads(city: City, schemas: SchemaSet) -> list[Download]:
    files: list[Download] = []
    for name in RESOURCE_NAMES:
        for kind, render in RESOURCE_FORMATS.items():
            files.append(
                Download(
                    f"{city.slug}/{name}.{kind}",
                    render(city.raw, schemas, name),
                    f"{RESOURCE_TITLES[name]} ({kind.upper()})",
                    kind,
                    city.slug,
                    name,
                )
            )
    descriptor = to_json_bytes(publish_descriptor(city, schemas))
    files.append(
        Download(
            f"{city.slug}/datapackage.json",
            descriptor,
            "datapackage.json",
            "datapackage",
            city.slug,
        )
    )
    bundle = {f"{city.slug}/{d.path.split('/', 1)[1]}": d.data for d in files if d.kind == "csv"}
    bundle[f"{city.slug}/datapackage.json"] = descriptor
    bundle[f"{city.slug}/README.md"] = render_readme(city)
    files.append(
        Download(f"{city.slug}.zip", zip_files(bundle), "전체 패키지 (ZIP)", "zip", city.slug)
    )
    return files


def all_city_downloads(site: Site) -> list[Download]:
    files: list[Download] = []
    for name in RESOURCE_NAMES:
        files.append(
            Download(
                f"all/{name}.csv",
                combine_csv(site, name),
                f"{RESOURCE_TITLES[name]} (CSV)",
                "csv",
                None,
                name,
            )
        )
        files.append(
            Download(
                f"all/{name}.json",
                combine_json(site, name),
                f"{RESOURCE_TITLES[name]} (JSON)",
                "json",
                None,
                name,
            )
        )
    descriptor = {
        "name": "planpress-all",
        "title": "planpress: 지방자치단체 정책 계획 (전체 도시)",
        "description": "planpress가 공개하는 모든 도시의 계획 데이터를 자원별로 합친 패키지. city 열이 도시를 가리킴.",
        "profile": "tabular-data-package",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "version": max(
            (c.version for c in site.cities),
            key=lambda v: tuple(int(p) for p in v.split(".")),
            default="0.0.0",
        ),
        "updated": site.updated,
        "sources": [
            {"title": s.title or f"{s.publisher or c.name_ko} 기사 (제목 없음)"}
            for c in site.cities
            for s in c.sources
        ],
        "contributors": [{"title": "planpress 편집팀", "role": "maintainer"}],
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "title": RESOURCE_TITLES[name],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": combine_schema(site.schemas.tables[name]),
            }
            for name in RESOURCE_NAMES
        ],
    }
    files.append(
        Download(
            "all/datapackage.json", to_json_bytes(descriptor), "datapackage.json", "datapackage"
        )
    )
    return files


def schema_downloads(schemas: SchemaSet) -> list[Download]:
    files = [
        Download(
            f"schemas/{name}.json",
            to_json_bytes(schema),
            f"{RESOURCE_TITLES[name]} 스키마",
            "schema",
            None,
            name,
        )
        for name, schema in schemas.tables.items()
    ]
    files.append(
        Download(
            "schemas/datapackage.profile.json",
            to_json_bytes(schemas.profile),
            "패키지 프로파일",
            "schema",
        )
    )
    files.append(Download("schemas/themes.csv", schemas.themes_bytes, "주제 어휘 (CSV)", "schema"))
    return files


def plan_downloads(site: Site) -> list[Download]:
    files = [d for city in site.cities for d in city_downloads(city, site.schemas)]
    files += all_city_downloads(site)
    files += schema_downloads(site.schemas)
    return files
