"""The one module that calls frictionless, and translates its errors into `Problem`s.

frictionless's wording changes between releases, so only its error *types* and positions
cross this boundary; our messages are built from our own templates.
"""

from __future__ import annotations

import copy
import re
import warnings
from collections.abc import Iterator
from typing import Any

from .amounts import parse_korean_amount
from .load import RawPackage
from .problems import Problem
from .records import Table, decode_text

SAME_CODE = {
    "type-error",
    "constraint-error",
    "unique-error",
    "primary-key",
    "foreign-key",
    "missing-cell",
    "extra-cell",
    "blank-row",
    "blank-label",
    "duplicate-label",
    "extra-label",
    "missing-label",
    "incorrect-label",
}
LABEL_CODES = {"blank-label", "duplicate-label", "extra-label", "missing-label", "incorrect-label"}

EXCEL_EXPONENT = re.compile(r"^-?[0-9]+(\.[0-9]+)?[eE]\+?[0-9]+$")
TYPE_WORDS = {
    # type: (Korean word, English word, Korean hint, English hint)
    "integer": (
        "정수",
        "whole number",
        "쉼표나 단위 없이 숫자만 쓰세요",
        "write digits only, no commas or units",
    ),
    "number": (
        "숫자",
        "number",
        "쉼표나 단위 없이 숫자만 쓰세요",
        "write digits only, no commas or units",
    ),
    "date": (
        "날짜(YYYY-MM-DD)",
        "date (YYYY-MM-DD)",
        "2021-03-16처럼 쓰세요. 모르면 비우세요",
        "write like 2021-03-16; leave empty if unknown",
    ),
    "year": ("연도", "year", "2025처럼 네 자리로 쓰세요", "write four digits, like 2025"),
    "boolean": (
        "true/false",
        "true/false",
        "소문자 true 또는 false로 쓰세요(Excel이 TRUE/FALSE로 바꾸었을 수 있습니다)",
        "write lowercase true or false (Excel may have changed it to TRUE/FALSE)",
    ),
    # a string field only fails its type through its format (sources.csv's url)
    "uri": (
        "주소(URL)",
        "URL",
        "https://로 시작하는 전체 주소를 쓰세요. 모르면 비우세요",
        "write the full address starting with https://; leave empty if unknown",
    ),
}


def check_tables(raw: RawPackage, tables: dict[str, dict[str, Any]]) -> Iterator[Problem]:
    """Frictionless validation of every readable resource: types, constraints, keys."""
    from frictionless import Package, Resource, Schema, formats  # heavy import, kept local

    readable: dict[str, bytes] = {}
    for resource in raw.resources:
        # Check the entry the model reads (the first of a name), and report at its path.
        first = resource is raw.resource(resource.name)
        usable = resource.data is not None and decode_text(resource.data) is not None
        if first and usable and resource.name in tables:
            readable[resource.name] = resource.data
    if not readable:
        return
    files = {r.name: f"{raw.folder}/{r.path}" for r in reversed(raw.resources)}
    parsed = {name: raw.resource(name).table for name in readable}
    frictionless_resources = []
    for name, data in readable.items():
        schema = copy.deepcopy(tables[name])
        schema["foreignKeys"] = [
            fk
            for fk in schema.get("foreignKeys", [])
            if fk["reference"]["resource"] in ("", *readable)
        ]
        frictionless_resources.append(
            Resource(
                name=name,
                data=data,
                format="csv",
                encoding="utf-8",
                # Read exactly as records.read_table does; frictionless would otherwise
                # sniff tabs, semicolons or ", " and pass a file the model misreads.
                control=formats.CsvControl(delimiter=",", quote_char='"', skip_initial_space=False),
                schema=Schema.from_descriptor(schema),
            )
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = Package(resources=frictionless_resources).validate()
        tasks = [(task.name, list(task.errors)) for task in report.tasks]
    except Exception as error:
        for name in readable:
            yield Problem.at(files[name], None, None, "source-error", detail=type(error).__name__)
        return
    for name, errors in tasks:
        # A blank row is one problem: "delete it", not also "give it an ID" (primary-key).
        blank = {e.row_number for e in errors if e.type == "blank-row"}
        for error in errors:
            if error.type != "blank-row" and getattr(error, "row_number", None) in blank:
                continue
            yield translate_error(files[name], tables[name], parsed[name], error)
    for name, table in parsed.items():
        # frictionless strips spaces around header labels; records.read_table does not.
        expected = [f["name"] for f in tables[name].get("fields", [])]
        for label, field in zip(table.header, expected, strict=False):
            if label != field and label.strip() == field:
                yield Problem.at(
                    files[name], 1, field, "incorrect-label", value=label, expected=field
                )


def translate_error(path: str, schema: dict[str, Any], table: Table, error: Any) -> Problem:
    code = error.type
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None) or None
    fields = {f["name"]: f for f in schema.get("fields", [])}
    cells = dict(table.rows).get(row, {}) if row else {}
    if code in LABEL_CODES:
        label = getattr(error, "label", "") or ""
        expected = getattr(error, "field_name", "") or ""
        value = expected if code == "missing-label" else label
        return Problem.at(path, 1, expected or label or None, code, value=value, expected=expected)
    if code == "type-error":
        kind = fields.get(field or "", {}).get("type", "string")
        if kind == "string":
            kind = fields.get(field or "", {}).get("format", kind)
        word, word_en, hint_ko, hint_en = TYPE_WORDS.get(kind, (kind, kind, "", ""))
        value = getattr(error, "cell", "")
        if kind in ("integer", "number") and EXCEL_EXPONENT.match(value):
            hint_ko = (
                "Excel이 큰 수를 지수 형식(예: 2.00E+10)으로 바꾸며 자릿수가 사라졌을 수 있습니다. "
                "출처의 정확한 값을 숫자만으로 다시 쓰고, 열 서식을 ‘텍스트’로 두세요"
            )
            hint_en = (
                "Excel turned a large number into exponent form (like 2.00E+10) and may have dropped "
                "digits; write the exact value from the source in digits and format the column as text"
            )
        elif kind == "integer" and fields.get(field or "", {}).get("unit") == "KRW":
            word, word_en = "원 단위 정수", "whole number of won"
            won = parse_korean_amount(value) if len(value) <= 100 else None
            if won is not None:
                hint_ko = f"원 단위 정수로 {won}을(를) 쓰세요"
                hint_en = f"write {won}, a whole number of won"
            else:
                hint_ko = "원 단위 정수로 쓰세요(1억 원 = 100000000)"
                hint_en = "write a whole number of won (1억 = 100000000)"
        return Problem.at(
            path,
            row,
            field,
            code,
            value=value,
            type=word,
            type_en=word_en,
            type_hint=hint_ko,
            type_hint_en=hint_en,
        )
    if code == "constraint-error":
        return constraint_problem(path, row, field, fields.get(field or "", {}), error)
    if code == "unique-error":
        return Problem.at(path, row, field, code, value=getattr(error, "cell", ""))
    if code == "primary-key":
        keys = schema.get("primaryKey", [])
        value = ", ".join(cells.get(k, "") for k in keys) or '""'
        return Problem.at(path, row, ",".join(keys) or None, code, value=f'"{value}"')
    if code == "foreign-key":
        names = list(getattr(error, "field_names", None) or [])
        target = next(
            (
                fk["reference"]["resource"] or path.rsplit("/", 1)[-1].removesuffix(".csv")
                for fk in schema.get("foreignKeys", [])
                if ([fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]) == names
            ),
            "?",
        )
        value = ", ".join(cells.get(n, "") for n in names)
        return Problem.at(
            path, row, ",".join(names) or None, code, value=value, target=f"{target}.csv"
        )
    if code in SAME_CODE:
        return Problem.at(path, row, field, code)
    if code in ("source-error", "encoding-error", "format-error", "scheme-error"):
        return Problem.at(path, None, None, "source-error", detail=code)
    return Problem.at(path, row, field, "table-error", detail=code)


CONSTRAINT_WORDS = {
    "required": (
        "값이 꼭 있어야 함",
        "이 칸은 비울 수 없습니다",
        "a value is required",
        "this cell cannot be empty",
    ),
    "pattern": (
        "정해진 모양({pattern})",
        "ID는 영문 소문자, 숫자, 하이픈(-)만 씁니다. 예: smart-traffic",
        "must match {pattern}",
        "IDs use lowercase letters, digits and hyphens, e.g. smart-traffic",
    ),
    "minimum": (
        "{minimum} 이상",
        "음수는 쓸 수 없습니다. 모르는 값은 비우세요",
        "at least {minimum}",
        "no negative numbers; leave unknown values empty",
    ),
    "enum": (
        "허용된 값 {enum} 가운데 하나",
        "허용된 값 가운데 하나를 그대로 쓰세요",
        "one of {enum}",
        "write one of the allowed values exactly",
    ),
}


def constraint_problem(
    path: str, row: int | None, field: str | None, definition: dict[str, Any], error: Any
) -> Problem:
    constraints = definition.get("constraints", {})
    note = getattr(error, "note", "") or ""
    name = next((c for c in CONSTRAINT_WORDS if f'"{c}"' in note), None)
    if name is None:
        name = next((c for c in constraints if c in note), "required" if "required" in note else "")
    words = CONSTRAINT_WORDS.get(name)
    value = getattr(error, "cell", "")
    if words is None:
        return Problem.at(
            path,
            row,
            field,
            "constraint-error",
            value=value,
            constraint=name or "?",
            constraint_en=name or "?",
            constraint_hint="스키마 설명을 보세요",
            constraint_hint_en="see the schema",
        )
    if name == "pattern" and definition.get("format") == "uri":
        words = (
            "http:// 또는 https://로 시작하는 주소",
            "https://로 시작하는 전체 주소를 쓰세요. 모르면 비우세요",
            "an address starting with http:// or https://",
            "write a full address starting with https://, or leave it empty",
        )
    detail = {k: ", ".join(v) if isinstance(v, list) else v for k, v in constraints.items()}
    label_ko, hint_ko, label_en, hint_en = (w.format(**detail) if "{" in w else w for w in words)
    return Problem.at(
        path,
        row,
        field,
        "constraint-error",
        value=value,
        constraint=label_ko,
        constraint_hint=hint_ko,
        constraint_en=label_en,
        constraint_hint_en=hint_en,
    )
