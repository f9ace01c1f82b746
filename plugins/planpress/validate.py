"""Every rule the data must follow, as pure functions that yield problems.

`validate_package` depends only on one package's bytes and the shared schemas, so its
result can be cached by their content hashes; `validate_packages` adds the rules that
look across packages and returns every problem, sorted, once.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator

from .addresses import RESERVED_NAMES
from .amounts import format_krw
from .load import DESCRIPTOR, RESOURCE_NAMES, RawPackage, SchemaSet
from .problems import Problem
from .records import cast_row, decode_text, fields_of
from .tabular import check_tables

FORMULA_STARTS = ("=", "+", "-", "@")

TypedRows = dict[str, list[tuple[int, dict[str, Any]]]]
ValidationCache = Callable[[str, Callable[[], list[Problem]]], list[Problem]]


def validate_packages(
    raws: Iterable[RawPackage], schemas: SchemaSet, cache: ValidationCache | None = None
) -> list[Problem]:
    raws = list(raws)
    problems: list[Problem] = []
    for raw in raws:
        if cache is None:
            problems.extend(validate_package(raw, schemas))
        else:
            key = f"{schemas.content_hash}-{raw.content_hash}"
            problems.extend(cache(key, lambda raw=raw: validate_package(raw, schemas)))
    problems.extend(check_unique_names(raws))
    return sort_problems(problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    unique = {(p.sort_key, p.params): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.sort_key, p.params))


def validate_package(raw: RawPackage, schemas: SchemaSet) -> list[Problem]:
    problems = list(raw.problems)
    if raw.descriptor is None:
        return problems
    problems += check_descriptor(raw, schemas.profile)
    problems += check_name(raw)
    problems += check_resources_declared(raw)
    problems += check_text(raw, schemas.tables)
    problems += check_tables(raw, schemas.tables)
    typed = read_typed_rows(raw, schemas.tables)
    problems += check_plan_count(raw, typed)
    files = {r.name: f"{raw.folder}/{r.path}" for r in reversed(raw.resources)}  # first wins
    for rule in (check_themes, check_period, check_parent_cycle, check_totals, check_parts):
        problems += rule(typed, files, schemas)
    return problems


# -- descriptor ------------------------------------------------------------------------


def json_path(parts: Iterable[object]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe_schema_error(error: Any) -> tuple[str, str, str]:
    """(field, Korean detail, English detail) for one jsonschema error."""
    field = json_path(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = next((name for name in error.validator_value if name not in error.instance), "?")
        field = json_path([*error.absolute_path, missing])
        return field, f'"{missing}" 항목이 없습니다', f'"{missing}" is missing'
    if kind in ("const", "enum"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(f'"{a}"' for a in allowed)
        return field, f"허용된 값이 아닙니다(허용: {shown})", f"not an allowed value ({shown})"
    if kind == "type":
        return (
            field,
            f"{error.validator_value} 형식이어야 합니다",
            f"must be of type {error.validator_value}",
        )
    if kind == "pattern":
        return (
            field,
            f"모양이 맞지 않습니다({error.validator_value})",
            f"does not match {error.validator_value}",
        )
    if kind == "contains" and field == "licenses":
        return (
            field,
            "데이터 라이선스 CC-BY-4.0이 없습니다",
            "the data licence CC-BY-4.0 is missing",
        )
    if kind == "contains" and field == "contributors":
        return (
            field,
            'role이 "maintainer"인 관리자가 없습니다',
            'no contributor has role "maintainer"',
        )
    if (
        kind == "not"
        and error.absolute_path
        and isinstance(error.instance, dict)
        and "schema" in error.instance
    ):
        field = json_path([*error.absolute_path, "schema"])
        return (
            field,
            "자원마다 스키마를 따로 두지 않습니다. 공통 스키마가 자동으로 붙습니다",
            "resources do not carry their own schema; the shared one is attached",
        )
    if kind == "minItems" and error.validator_value > 1:
        count = error.validator_value
        return field, f"항목이 {count}개 이상 있어야 합니다", f"needs at least {count} entries"
    if kind in ("minItems", "minLength"):
        return field, "비어 있으면 안 됩니다", "must not be empty"
    if kind == "additionalProperties":
        return field, "정해지지 않은 항목이 있습니다", "has properties that are not allowed"
    return field, f"{kind} 규칙에 맞지 않습니다", error.message[:200]


def check_descriptor(raw: RawPackage, profile: dict[str, Any]) -> Iterator[Problem]:
    path = f"{raw.folder}/{DESCRIPTOR}"
    validator = Draft202012Validator(profile)
    try:
        errors = sorted(
            validator.iter_errors(raw.descriptor), key=lambda e: list(map(str, e.absolute_path))
        )
    except RecursionError:
        yield Problem.at(
            path,
            None,
            None,
            "descriptor-error",
            detail="너무 깊게 중첩됨",
            detail_en="nested too deep",
        )
        return
    for error in errors:
        field, detail, detail_en = describe_schema_error(error)
        yield Problem.at(
            path, None, field or None, "descriptor-error", detail=detail, detail_en=detail_en
        )
    yield from check_descriptor_text(path, raw.descriptor, [])


def check_descriptor_text(path: str, value: Any, where: list[object]) -> Iterator[Problem]:
    if isinstance(value, str) and unicodedata.normalize("NFC", value) != value:
        yield Problem.at(path, None, json_path(where) or None, "not-nfc", value=shorten(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from check_descriptor_text(path, item, [*where, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from check_descriptor_text(path, item, [*where, index])


def check_name(raw: RawPackage) -> Iterator[Problem]:
    name = raw.descriptor.get("name") if isinstance(raw.descriptor, dict) else None
    if raw.folder in RESERVED_NAMES:
        yield Problem.at(
            f"{raw.folder}/{DESCRIPTOR}", None, "name", "reserved-name", value=raw.folder
        )
    if isinstance(name, str) and name != raw.folder:
        yield Problem.at(
            f"{raw.folder}/{DESCRIPTOR}",
            None,
            "name",
            "name-mismatch",
            name=name,
            folder=raw.folder,
        )


def check_resources_declared(raw: RawPackage) -> Iterator[Problem]:
    path = f"{raw.folder}/{DESCRIPTOR}"
    names = Counter(r.name for r in raw.resources)
    for name in RESOURCE_NAMES:
        if names[name] == 0:
            yield Problem.at(path, None, "resources", "missing-resource", name=name)
    for name, count in names.items():
        if count > 1:
            yield Problem.at(path, None, "resources", "duplicate-name", value=name, other=path)


def check_unique_names(raws: list[RawPackage]) -> Iterator[Problem]:
    """Package names and plan IDs are unique across every package."""
    seen: dict[tuple[str, str], str] = {}
    for raw in raws:
        descriptor = raw.descriptor if isinstance(raw.descriptor, dict) else {}
        name = descriptor.get("name")
        if isinstance(name, str):
            where = f"{raw.folder}/{DESCRIPTOR}"
            if ("package", name) in seen:
                yield Problem.at(
                    where, None, "name", "duplicate-name", value=name, other=seen[("package", name)]
                )
            else:
                seen[("package", name)] = where
        plans = raw.resource("plans")
        if plans is None or plans.data is None:
            continue
        for row, cells in plans.table.rows:
            plan_id = cells.get("plan_id", "")
            where = f"{raw.folder}/{plans.path}"
            if not plan_id:
                continue
            if ("plan", plan_id) in seen and not seen[("plan", plan_id)].startswith(where):
                yield Problem.at(
                    where,
                    row,
                    "plan_id",
                    "duplicate-name",
                    value=plan_id,
                    other=seen[("plan", plan_id)],
                )
            else:
                seen.setdefault(("plan", plan_id), f"{where}:{row}")


# -- bytes and text ------------------------------------------------------------------


def shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def guess_legacy_encoding(data: bytes) -> tuple[str, str]:
    for encoding in ("cp949", "euc-kr"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any("\uac00" <= ch <= "\ud7a3" for ch in text):
            return " (CP949/EUC-KR로 저장된 것으로 보입니다)", " (it looks saved as CP949/EUC-KR)"
    return "", ""


def check_text(raw: RawPackage, tables: dict[str, dict[str, Any]]) -> Iterator[Problem]:
    """UTF-8 only, Hangul in NFC, and no cell a spreadsheet would run as a formula."""
    for resource in raw.resources:
        if resource.data is None:
            continue
        path = f"{raw.folder}/{resource.path}"
        if decode_text(resource.data) is None:
            guess, guess_en = guess_legacy_encoding(resource.data)
            yield Problem.at(path, None, None, "not-utf8", guess=guess, guess_en=guess_en)
            continue
        fields = fields_of(tables.get(resource.name, {}))
        table = resource.table
        for name in table.header:
            if unicodedata.normalize("NFC", name) != name:
                yield Problem.at(path, 1, name, "not-nfc", value=shorten(name))
        for row, cells in table.rows:
            for name, text in cells.items():
                if not text:
                    continue
                if unicodedata.normalize("NFC", text) != text:
                    yield Problem.at(path, row, name, "not-nfc", value=shorten(text))
                is_text = fields.get(name, {}).get("type", "string") == "string"
                if is_text and text.lstrip().startswith(FORMULA_STARTS):
                    yield Problem.at(
                        path,
                        row,
                        name,
                        "formula-injection",
                        value=shorten(text),
                        char=text.lstrip()[0],
                    )


# -- project rules over typed rows -------------------------------------------------------


def read_typed_rows(raw: RawPackage, tables: dict[str, dict[str, Any]]) -> TypedRows:
    typed: TypedRows = {name: [] for name in RESOURCE_NAMES}
    for resource in raw.resources:
        first = resource is raw.resource(resource.name)  # the entry the model reads
        if first and resource.name in tables and resource.data is not None:
            schema = tables[resource.name]
            typed[resource.name] = [
                (row, cast_row(schema, cells)) for row, cells in resource.table.aligned_rows
            ]
    return typed


def check_plan_count(raw: RawPackage, typed: TypedRows) -> Iterator[Problem]:
    """One package, one plan: pages, downloads and comparisons all assume it."""
    plans = raw.resource("plans")
    if plans is None or plans.data is None or decode_text(plans.data) is None:
        return  # already reported as missing or unreadable
    table = plans.table
    if not table.header:
        return
    if len(table.rows) != 1:
        yield Problem.at(
            f"{raw.folder}/{plans.path}", None, None, "plan-count", count=len(table.rows)
        )


def check_themes(typed: TypedRows, files: dict[str, str], schemas: SchemaSet) -> Iterator[Problem]:
    known = schemas.theme_ids
    for row, programme in typed["programmes"]:
        for theme in (programme.get("themes") or "").split(";"):
            if theme and theme not in known:
                yield Problem.at(
                    files["programmes"],
                    row,
                    "themes",
                    "unknown-theme",
                    value=theme,
                    known=", ".join(sorted(known)),
                )


def check_period(typed: TypedRows, files: dict[str, str], _schemas: SchemaSet) -> Iterator[Problem]:
    for row, plan in typed["plans"]:
        start, end = plan.get("period_start"), plan.get("period_end")
        if start is not None and end is not None and start > end:
            yield Problem.at(
                files["plans"], row, "period_start", "invalid-period", start=start, end=end
            )


def check_parent_cycle(
    typed: TypedRows, files: dict[str, str], _schemas: SchemaSet
) -> Iterator[Problem]:
    parents = {
        p["pillar_id"]: p.get("parent_id") for _, p in typed["pillars"] if p.get("pillar_id")
    }
    for row, pillar in typed["pillars"]:
        start, seen, current = pillar.get("pillar_id"), set(), pillar.get("parent_id")
        while current is not None and current not in seen:
            if current == start:
                yield Problem.at(files["pillars"], row, "parent_id", "parent-cycle", value=start)
                break
            seen.add(current)
            current = parents.get(current)


MEASURES = {
    # measure: (plans column, pillars column, programmes column, Korean word, English word, is money)
    "count": ("programme_count", "programme_count", None, "과제 수", "programme counts", False),
    "budget": ("total_budget_krw", "budget_krw", "budget_krw", "사업비", "budgets", True),
    "jobs": ("jobs_target", "jobs", "jobs", "일자리", "jobs", False),
}


def show(value: int, money: bool) -> str:
    return f"{value:,} ({format_krw(value)})" if money else f"{value:,}"


def check_totals(typed: TypedRows, files: dict[str, str], _schemas: SchemaSet) -> Iterator[Problem]:
    """Where every part of a declared total is declared, the parts add up to it."""
    pillars = typed["pillars"]
    for row, plan in typed["plans"]:
        top = [
            p
            for _, p in pillars
            if p.get("plan_id") == plan.get("plan_id") and p.get("parent_id") is None
        ]
        for plan_col, pillar_col, _, word, word_en, money in MEASURES.values():
            yield from check_total(
                files["plans"],
                row,
                plan_col,
                plan.get(plan_col),
                [p.get(pillar_col) for p in top],
                f"최상위 분야의 {word}",
                f"top-level pillars' {word_en}",
                money,
            )
    for row, parent in pillars:
        children = [
            p
            for _, p in pillars
            if parent.get("pillar_id") and p.get("parent_id") == parent["pillar_id"]
        ]
        for _, pillar_col, _, word, word_en, money in MEASURES.values():
            yield from check_total(
                files["pillars"],
                row,
                pillar_col,
                parent.get(pillar_col),
                [c.get(pillar_col) for c in children],
                f"하위 분야의 {word}",
                f"child pillars' {word_en}",
                money,
            )


def check_total(
    path: str,
    row: int,
    column: str,
    total: Any,
    parts: list[Any],
    label: str,
    label_en: str,
    money: bool,
) -> Iterator[Problem]:
    if total is None or not parts or any(p is None for p in parts):
        return
    if sum(parts) != total:
        yield Problem.at(
            path,
            row,
            column,
            "total-mismatch",
            parts_label=label,
            parts_label_en=label_en,
            parts_sum=show(sum(parts), money),
            total=show(total, money),
        )


def check_parts(typed: TypedRows, files: dict[str, str], _schemas: SchemaSet) -> Iterator[Problem]:
    """No part is larger than its whole: funding shares, listed programmes, child pillars."""
    for row, plan in typed["plans"]:
        yield from exceeds(
            files["plans"],
            row,
            "national_budget_krw",
            plan.get("national_budget_krw"),
            ("국비", "national funding"),
            plan.get("total_budget_krw"),
            ("총사업비", "the total budget"),
            True,
        )
    shares = (
        ("national_budget_krw", ("국비", "national funding")),
        ("provincial_budget_krw", ("광역 부담분", "the provincial share")),
        ("municipal_budget_krw", ("시·군비", "the municipal share")),
        ("private_budget_krw", ("민간 부담분", "the private share")),
    )
    for row, programme in typed["programmes"]:
        budget = programme.get("budget_krw")
        declared = [
            (col, programme.get(col)) for col, _ in shares if programme.get(col) is not None
        ]
        for col, word in shares:
            yield from exceeds(
                files["programmes"],
                row,
                col,
                programme.get(col),
                word,
                budget,
                ("총사업비", "the total budget"),
                True,
            )
        if (
            budget is not None
            and len(declared) == len(shares)
            and sum(v for _, v in declared) != budget
        ):
            yield Problem.at(
                files["programmes"],
                row,
                "budget_krw",
                "total-mismatch",
                parts_label="재원별 금액",
                parts_label_en="funding shares",
                parts_sum=show(sum(v for _, v in declared), True),
                total=show(budget, True),
            )
        elif budget is not None and len(declared) > 1 and sum(v for _, v in declared) > budget:
            yield Problem.at(
                files["programmes"],
                row,
                "budget_krw",
                "part-exceeds-total",
                part_label="재원별 금액의 합",
                part_label_en="the funding shares",
                part=show(sum(v for _, v in declared), True),
                total_label="총사업비",
                total_label_en="the total budget",
                total=show(budget, True),
            )
    yield from check_listed_within_declared(typed, files)


def exceeds(
    path: str,
    row: int,
    column: str,
    part: Any,
    part_label: tuple[str, str],
    total: Any,
    total_label: tuple[str, str],
    money: bool,
) -> Iterator[Problem]:
    if part is not None and total is not None and part > total:
        yield Problem.at(
            path,
            row,
            column,
            "part-exceeds-total",
            part_label=part_label[0],
            part_label_en=part_label[1],
            part=show(part, money),
            total_label=total_label[0],
            total_label_en=total_label[1],
            total=show(total, money),
        )


def check_listed_within_declared(typed: TypedRows, files: dict[str, str]) -> Iterator[Problem]:
    """What the rows list (programmes, child pillars) never exceeds what was declared above them."""
    pillars = [p for _, p in typed["pillars"]]
    children: dict[str | None, list[dict[str, Any]]] = {}
    for pillar in pillars:
        children.setdefault(pillar.get("parent_id"), []).append(pillar)

    def subtree(pillar_id: str) -> set[str]:
        found, todo = set(), [pillar_id]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            todo += [c["pillar_id"] for c in children.get(current, []) if c.get("pillar_id")]
        return found

    programmes = [p for _, p in typed["programmes"]]
    groups = [
        (
            files["plans"],
            row,
            plan,
            "plans",
            [p for p in programmes if p.get("plan_id") == plan.get("plan_id")],
            [
                p
                for p in pillars
                if p.get("plan_id") == plan.get("plan_id") and p.get("parent_id") is None
            ],
        )
        for row, plan in typed["plans"]
    ]
    for row, pillar in typed["pillars"]:
        if not pillar.get("pillar_id"):
            continue
        ids = subtree(pillar["pillar_id"])
        groups.append(
            (
                files["pillars"],
                row,
                pillar,
                "pillars",
                [p for p in programmes if p.get("pillar_id") in ids],
                children.get(pillar["pillar_id"], []),
            )
        )
    for path, row, whole, kind, listed, parts in groups:
        plan_cols = kind == "plans"
        for key, (plan_col, pillar_col, programme_col, word, word_en, money) in MEASURES.items():
            column = plan_col if plan_cols else pillar_col
            declared = whole.get(column)
            if declared is None:
                continue
            if key == "count":
                listed_value = len(listed)
                label, label_en = "목록에 실린 과제 수", "the listed programmes"
            else:
                values = [p.get(programme_col) for p in listed if p.get(programme_col) is not None]
                listed_value = sum(values)
                label = f"목록에 실린 과제의 {word} 합"
                label_en = f"the listed programmes' {word_en}"
            if listed_value > declared:
                yield Problem.at(
                    path,
                    row,
                    column,
                    "part-exceeds-total",
                    part_label=label,
                    part_label_en=label_en,
                    part=show(listed_value, money),
                    total_label=f"발표된 {word}",
                    total_label_en=f"the declared {word_en}",
                    total=show(declared, money),
                )
            known_parts = [p.get(pillar_col) for p in parts if p.get(pillar_col) is not None]
            if len(known_parts) < len(parts) and sum(known_parts) > declared:
                yield Problem.at(
                    path,
                    row,
                    column,
                    "part-exceeds-total",
                    part_label=f"하위 분야의 {word} 합",
                    part_label_en=f"child pillars' {word_en}",
                    part=show(sum(known_parts), money),
                    total_label=f"발표된 {word}",
                    total_label_en=f"the declared {word_en}",
                    total=show(declared, money),
                )
