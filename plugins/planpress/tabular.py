"""The one module that calls frictionless, and translates its errors into `Problem`s.

frictionless's wording changes between releases, so only its error *types* and positions
cross this boundary; our messages are built from our own templates.
"""

from __future__ import annotations

import copy
import difflib
import re
import warnings
from collections.abc import Iterator
from typing import Any

from .amounts import parse_korean_amount
from .load import RawPackage
from .messages import CHOICES_SHOWN
from .problems import Problem
from .records import Table, decode_text
from .rules import PackageRows

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


def check_tables(package: PackageRows) -> Iterator[Problem]:
    """Frictionless validation of every readable resource: types, constraints, keys."""
    yield from check_table_bytes(package.raw, package.schemas.tables)


def check_table_bytes(raw: RawPackage, tables: dict[str, dict[str, Any]]) -> Iterator[Problem]:
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
            yield translate_error(files[name], tables[name], parsed[name], error, parsed)
    for name, table in parsed.items():
        # frictionless strips spaces around header labels; records.read_table does not.
        expected = [f["name"] for f in tables[name].get("fields", [])]
        for label, field in zip(table.header, expected, strict=False):
            if label != field and label.strip() == field:
                yield Problem.at(
                    files[name], 1, field, "incorrect-label", value=label, expected=field
                )


def translate_error(
    path: str,
    schema: dict[str, Any],
    table: Table,
    error: Any,
    tables: dict[str, Table] | None = None,
) -> Problem:
    """One frictionless error as our Problem: its type and position, our structured values."""
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
        return type_problem(
            path, row, field, fields.get(field or "", {}), getattr(error, "cell", "")
        )
    if code == "constraint-error":
        return constraint_problem(path, row, field, fields.get(field or "", {}), error)
    if code == "unique-error":
        return Problem.at(path, row, field, code, value=getattr(error, "cell", ""))
    if code == "primary-key":
        keys = schema.get("primaryKey", [])
        return Problem.at(
            path, row, ",".join(keys) or None, code, value=", ".join(cells.get(k, "") for k in keys)
        )
    if code == "foreign-key":
        return foreign_key_problem(path, row, schema, cells, error, tables or {})
    if code in SAME_CODE:
        return Problem.at(path, row, field, code)
    if code in ("source-error", "encoding-error", "format-error", "scheme-error"):
        return Problem.at(path, None, None, "source-error", detail=code)
    return Problem.at(path, row, field, "table-error", detail=code)


def type_problem(
    path: str, row: int | None, field: str | None, definition: dict[str, Any], value: str
) -> Problem:
    kind = definition.get("type", "string")
    if kind == "string":
        kind = definition.get("format", kind)
    extra: dict[str, object] = {}
    if kind in ("integer", "number") and EXCEL_EXPONENT.match(value):
        extra["exponent"] = "yes"
    if kind == "integer" and definition.get("unit") == "KRW":
        kind = "krw"
        won = parse_korean_amount(value) if len(value) <= 100 else None
        if won is not None and not extra:
            extra["won"] = won
    return Problem.at(path, row, field, "type-error", value=value, type=kind, **extra)


def foreign_key_problem(
    path: str,
    row: int | None,
    schema: dict[str, Any],
    cells: dict[str, str],
    error: Any,
    tables: dict[str, Table],
) -> Problem:
    """The missing reference, and the nearest valid id of the resource it points to."""
    names = list(getattr(error, "field_names", None) or [])
    own = path.rsplit("/", 1)[-1].removesuffix(".csv")
    reference = next(
        (
            fk["reference"]
            for fk in schema.get("foreignKeys", [])
            if ([fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]) == names
        ),
        None,
    )
    target = (reference or {}).get("resource") or own if reference else "?"
    value = ", ".join(cells.get(n, "") for n in names)
    choices: list[str] = []
    if reference is not None and target in tables:
        ref_fields = reference["fields"]
        ref_fields = [ref_fields] if isinstance(ref_fields, str) else ref_fields
        choices = sorted(
            {", ".join(r.get(f, "") for f in ref_fields) for _, r in tables[target].rows} - {""}
        )
    found = difflib.get_close_matches(value, choices, n=1, cutoff=0.6) if value else []
    return Problem.at(
        path,
        row,
        ",".join(names) or None,
        "foreign-key",
        value=value,
        target=f"{target}.csv",
        nearest=found[0] if found else "",
        choices=",".join(choices) if len(choices) <= CHOICES_SHOWN else "",
    )


def constraint_problem(
    path: str, row: int | None, field: str | None, definition: dict[str, Any], error: Any
) -> Problem:
    """Which constraint the cell breaks, and its limit (the pattern, minimum or allowed values)."""
    constraints = definition.get("constraints", {})
    note = getattr(error, "note", "") or ""
    name = next((c for c in KNOWN_CONSTRAINTS if f'"{c}"' in note), None)
    if name is None:
        name = next((c for c in constraints if c in note), "required" if "required" in note else "")
    if name == "pattern" and definition.get("format") == "uri":
        name = "uri"
    limit = constraints.get(name, "")
    limit = ", ".join(map(str, limit)) if isinstance(limit, list) else str(limit)
    return Problem.at(
        path,
        row,
        field,
        "constraint-error",
        value=getattr(error, "cell", ""),
        constraint=name or "?",
        limit="" if name in ("required", "uri") else limit,
    )


KNOWN_CONSTRAINTS = ("required", "pattern", "minimum", "enum")
