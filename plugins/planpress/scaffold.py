"""A new city's package, ready to fill: `make new-city SLUG=suwon NAME=수원시 PROVINCE=경기도`.

Pure: `refuse_new_city` and `refuse_texts` say in Korean why a city cannot be added
(nothing is written then), `scaffold_files` returns every file as bytes. The package passes
`planpress validate` as made, so a contributor starts from green and each edit is checked
against a working package. Unknown figures are left empty, never 0.

It holds no placeholder text: the two texts only the source can give, the plan's name and
the source's title, are arguments (PLAN=, SOURCE=), and everything else is derived or left
empty. A placeholder would have to pass validation to keep the scaffold green, and so could
be published; instead validation refuses any "(채우세요)" left in a package
(`unfilled-placeholder`, e.g. from a scaffold made before this).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping

from .addresses import RESERVED_NAMES
from .load import DESCRIPTOR, RESOURCE_NAMES, RawPackage, SchemaSet
from .messages import PLACEHOLDER
from .particles import particle
from .schemacopies import schema_copy_name
from .validate import FORMULA_STARTS, city_of

VERSION = "0.1.0"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
MAINTAINER = "planpress 편집팀"
"""Who maintains a new package, as every package in the repository says; a contributor may add
themselves to `contributors` with the role "contributor"."""
FIRST_CHANGE = "첫 작성: make new-city로 만든 빈 패키지."

PROVINCES_EN = {
    "서울특별시": "Seoul",
    "부산광역시": "Busan",
    "대구광역시": "Daegu",
    "인천광역시": "Incheon",
    "광주광역시": "Gwangju",
    "대전광역시": "Daejeon",
    "울산광역시": "Ulsan",
    "세종특별자치시": "Sejong",
    "경기도": "Gyeonggi-do",
    "강원특별자치도": "Gangwon State",
    "충청북도": "Chungcheongbuk-do",
    "충청남도": "Chungcheongnam-do",
    "전북특별자치도": "Jeonbuk State",
    "전라남도": "Jeollanam-do",
    "경상북도": "Gyeongsangbuk-do",
    "경상남도": "Gyeongsangnam-do",
    "제주특별자치도": "Jeju",
}
"""The seventeen regional governments, with the English names the existing packages use."""


def clean_name(text: str) -> str:
    """A Korean name as the validator wants it: NFC, no surrounding spaces."""
    return unicodedata.normalize("NFC", text.strip())


def english_name(slug: str) -> str:
    """`uijeongbu` → `Uijeongbu`, `haenam-gun` → `Haenam-Gun`: a start the contributor may correct."""
    return "-".join(part.capitalize() for part in slug.split("-"))


def refuse_new_city(
    slug: str,
    name_ko: str,
    province_ko: str | None,
    packages: Iterable[RawPackage],
    folders: Iterable[str],
    schemas: SchemaSet,
    data_label: str = "datapackage",
) -> list[str]:
    """Every reason, in Korean, why this city cannot be scaffolded; empty when it can.

    `folders` are the names already taken in the data folder (any entry, not only packages);
    `packages` are the loaded packages whose cities a new one must not repeat.
    """
    reasons: list[str] = []
    pattern = schemas.profile["properties"]["name"]["pattern"]
    if not re.fullmatch(pattern, slug):
        reasons.append(
            f'폴더 이름 "{slug}"{particle(slug, "은")} 쓸 수 없습니다. 영문 소문자·숫자와 '
            "가운데 하이픈만 씁니다(예: suwon, haenam-gun)"
        )
    elif slug in RESERVED_NAMES:
        names = ", ".join(sorted(RESERVED_NAMES))
        reasons.append(
            f'폴더 이름 "{slug}"{particle(slug, "은")} 사이트 전체 내려받기 폴더({names})라 '
            "쓸 수 없습니다. 도시 영문 이름을 쓰세요"
        )
    elif slug in set(folders):
        reasons.append(
            f"{data_label}/{slug} 폴더가 이미 있습니다. 그 폴더를 고치거나 다른 이름을 쓰세요"
        )
    name = clean_name(name_ko)
    if not name or not name.isprintable():
        reasons.append(
            "도시 이름(NAME)이 비었거나 보이지 않는 문자가 들어 있습니다. 예: NAME=수원시"
        )
    if province_ko is not None and clean_name(province_ko) not in PROVINCES_EN:
        reasons.append(
            f'광역 이름(PROVINCE) "{province_ko}"{particle(province_ko, "을")} 모릅니다. '
            f"다음 가운데 하나를 쓰세요: {', '.join(PROVINCES_EN)}. 광역시·특별시 자체라면 "
            "PROVINCE를 비우세요"
        )
    elif name and province_ko is None and name not in PROVINCES_EN:
        # without PROVINCE the package would say the city is a 광역시 itself
        reasons.append(
            f"{name}{particle(name, '은')} 광역시·특별시가 아닙니다. 속한 광역을 주세요. "
            f"예: PROVINCE=경기도 (다음 가운데 하나: {', '.join(PROVINCES_EN)})"
        )
    elif name:
        city = (name, clean_name(province_ko) if province_ko else name)
        place = name if city[1] == name else f"{city[1]} {name}"
        for raw in packages:
            if city_of(raw) == city:
                reasons.append(
                    f"{place}의 패키지가 이미 {data_label}/{raw.folder}에 있습니다. "
                    "지방자치단체 하나에 패키지는 하나입니다: 그 폴더를 고치세요"
                )
    return reasons


def refuse_texts(plan_ko: str, source_title: str) -> list[str]:
    """Why the plan's name or the source's title cannot be written as given; empty when both can."""
    reasons = []
    for text, what, example in (
        (plan_ko, "계획 이름(PLAN)", "PLAN='수원형 뉴딜 종합계획'"),
        (
            source_title,
            "출처 제목(SOURCE)",
            "SOURCE='수원시, 수원형 뉴딜 발표' — 제목이 없으면 매체와 날짜",
        ),
    ):
        cleaned = clean_name(text)
        if not cleaned or not cleaned.isprintable():
            reasons.append(
                f"{what}이 비었거나 보이지 않는 문자가 들어 있습니다. 기사에 적힌 대로 쓰세요. "
                f"예: {example}"
            )
        elif cleaned.startswith(FORMULA_STARTS):
            reasons.append(
                f'{what} "{cleaned}"{particle(cleaned, "은")} {cleaned[0]}로 시작해 스프레드시트가 '
                "수식으로 읽을 수 있습니다. 첫 글자를 바꾸어 쓰세요"
            )
        elif PLACEHOLDER in cleaned:
            reasons.append(f"{what}에 {PLACEHOLDER} 대신 기사에 적힌 이름을 쓰세요")
    return reasons


def admin_level(name_ko: str, province_ko: str | None) -> str:
    """Without a province the city is a regional government itself (대구광역시)."""
    if not province_ko:
        return "metropolitan-city"
    if name_ko.endswith("군"):
        return "county"
    if name_ko.endswith("구"):
        return "district"
    return "city"


def scaffold_files(
    slug: str,
    name_ko: str,
    province_ko: str | None,
    today: dt.date,
    schemas: SchemaSet,
    *,
    plan_ko: str,
    source_title: str,
) -> dict[str, bytes]:
    """File name → bytes of a package that validates as made: one plan and one source to fill."""
    name = clean_name(name_ko)
    plan, source = clean_name(plan_ko), clean_name(source_title)
    province = clean_name(province_ko) if province_ko else name
    province_en = PROVINCES_EN.get(province, english_name(slug))
    plan_id, source_id = f"{slug}-plan", f"{slug}-source"
    descriptor = {
        "name": slug,
        "title": f"{name} {plan}",
        "profile": "tabular-data-package",
        "city": {"name_ko": name, "name_en": english_name(slug)},
        "province": {"name_ko": province, "name_en": province_en},
        "admin_level": admin_level(name, province_ko),
        "keywords": [name] if province == name else [name, province],
        "licenses": [LICENCE],
        "sources": [{"title": source}],
        "contributors": [{"title": MAINTAINER, "role": "maintainer"}],
        "version": VERSION,
        "updated": today.isoformat(),
        "history": [{"version": VERSION, "date": today.isoformat(), "changes_ko": FIRST_CHANGE}],
        "resources": [
            {
                "name": resource,
                "path": f"{resource}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema_copy_name(resource),
            }
            for resource in RESOURCE_NAMES
        ],
    }
    rows: dict[str, list[Mapping[str, str]]] = {
        "plans": [
            {
                "plan_id": plan_id,
                "title_ko": plan,
                "source_id": source_id,
            }
        ],
        "sources": [
            {
                "source_id": source_id,
                "title": source,
                "accessed": today.isoformat(),
            }
        ],
    }
    files = {DESCRIPTOR: (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode()}
    for resource in RESOURCE_NAMES:
        header = [field["name"] for field in schemas.tables[resource]["fields"]]
        files[f"{resource}.csv"] = format_csv(header, rows.get(resource, []))
        # its own copy of the shared schema, as `make schemas` writes it: self-describing
        schema = json.dumps(schemas.tables[resource], ensure_ascii=False, indent=2) + "\n"
        files[schema_copy_name(resource)] = schema.encode()
    return files


def format_csv(header: list[str], rows: Iterable[Mapping[str, str]]) -> bytes:
    """The schema's header and the rows; a column a row does not name stays empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode()


def next_steps(slug: str, data_label: str) -> str:
    """What to do after `make new-city`, in Korean."""
    folder = f"{data_label}/{slug}"
    return (
        f"{folder}/ 에 새 도시 패키지를 만들었습니다. 지금 그대로 검사를 통과합니다.\n"
        "기사를 보며 다음 순서로 채우세요:\n"
        f"  1. {folder}/sources.csv: 출처 한 행의 발행처(publisher), 쓴 사람(author), "
        "발행일(published, 2021-03-16처럼), 주소(url).\n"
        f"  2. {folder}/plans.csv: 발표일, 기간, 비전, 발표된 총사업비·일자리·과제 수.\n"
        f"  3. {folder}/pillars.csv, programmes.csv, targets.csv: 분야, 과제, 수치 목표.\n"
        "     모르는 값은 비워 두세요. 0을 쓰지 마세요.\n"
        f"  4. {folder}/datapackage.json: 영문 이름(name_en)을 확인하세요.\n"
        "  5. make validate 로 검사하고, 통과하면 풀 리퀘스트를 여세요.\n"
        "열마다 뜻과 형식: content/pages/contribute.md (사이트의 ‘고치고 더하기’)\n"
    )
