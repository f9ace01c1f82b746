"""The one module that calls frictionless, and translates its errors into `Problem`s.

frictionless's wording changes between releases, so only its error *types* and positions
cross this boundary; our messages are built from our own templates.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import unicodedata
import warnings
from collections.abc import Iterator
from typing import Any

from .amounts import UNKNOWN_WORDS, parse_korean_amount, parse_korean_count
from .load import RawPackage
from .messages import CHOICES_SHOWN
from .problems import Problem
from .records import CELL_LIMIT, Table, cast_value, decode_text, suggest_iso_date
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


ERROR_LIMIT = 1000
"""frictionless stops collecting a resource's errors here; the report then says it was capped."""
STRICT_TYPES = ("integer", "number", "year", "date", "boolean")


def check_tables(package: PackageRows) -> Iterator[Problem]:
    """Frictionless validation of every readable resource: types, constraints, keys."""
    yield from check_table_bytes(package.raw, package.schemas.tables)


def trusted_header(table: Table, schema: dict[str, Any]) -> bool:
    """The header names the schema's columns in order, and the file was read to its end."""
    return table.error is None and list(table.header) == [
        f["name"] for f in schema.get("fields", [])
    ]


def check_table_bytes(
    raw: RawPackage, tables: dict[str, dict[str, Any]], fast_references: bool = True
) -> Iterator[Problem]:
    """Frictionless checks the rows exactly as `records.read_table` read them (one reader):
    it is handed the parsed records, never the bytes to read again its own way.

    `fast_references`: foreign keys are first looked up as sets here (frictionless spends
    most of its time on them); only a package where one is not found, or where frictionless
    finds any other error, is checked again with frictionless's own foreign-key pass, so
    every report is the one the full check gives (tests/test_tabular.py proves it).
    """
    files = {r.name: f"{raw.folder}/{r.path}" for r in reversed(raw.resources)}
    parsed: dict[str, Table] = {}
    for resource in raw.resources:
        # Check the entry the model reads (the first of a name), and report at its path.
        first = resource is raw.resource(resource.name)
        usable = resource.data is not None and decode_text(resource.data) is not None
        if not (first and usable and resource.name in tables):
            continue
        table = resource.table
        if table.error is not None:
            yield read_error_problem(files[resource.name], table)
            continue
        if not table.header:
            yield Problem.at(files[resource.name], None, None, "source-error", detail="empty")
            continue
        parsed[resource.name] = table
    if not parsed:
        return
    checked: dict[str, dict[str, Any]] = {}
    for name in parsed:
        schema = copy.deepcopy(tables[name])
        schema["foreignKeys"] = [
            fk
            for fk in schema.get("foreignKeys", [])
            # A reference to a table whose header cannot be trusted would only cascade.
            if (fk["reference"]["resource"] or name) in parsed
            and trusted_header(
                parsed[fk["reference"]["resource"] or name],
                tables[fk["reference"]["resource"] or name],
            )
        ]
        checked[name] = schema
    try:
        tasks = None
        if fast_references and references_resolve(parsed, checked):
            if rows_certainly_valid(parsed, checked):
                # Every cell passes frictionless's own cell readers, keys are unique and
                # found, no row is blank: frictionless would find nothing.
                tasks = [(name, []) for name in parsed]
            else:
                # Every reference is found: frictionless checks the rest without its slow
                # foreign-key pass, unless it finds anything at all, when the full run decides.
                without = {name: {**schema, "foreignKeys": []} for name, schema in checked.items()}
                tasks = run_frictionless(parsed, without)
                if any(errors for _, errors in tasks):
                    tasks = None
        if tasks is None:
            tasks = run_frictionless(parsed, checked)
    except Exception as error:  # frictionless itself failed: say so for each file, never raise
        for name in parsed:
            yield Problem.at(files[name], None, None, "source-error", detail=type(error).__name__)
        return
    for name, errors in tasks:
        table, schema = parsed[name], tables[name]
        if not trusted_header(table, schema):
            # A missing or misplaced column shifts every cell: report the header once, in
            # our own words, and skip the row checks that would only cascade from it.
            yield from check_header(files[name], table, schema)
            continue
        # A blank row is one problem: "delete it", not also "give it an ID" (primary-key).
        blank = {e.row_number for e in errors if e.type == "blank-row"}
        reported = set()
        translated = []
        ragged_reported = set()
        for error in errors:
            row = getattr(error, "row_number", None)
            if error.type != "blank-row" and row in blank:
                continue
            if row in table.ragged:
                # its cells are shifted: "too few/many cells" is the one problem, said once
                if error.type not in ("missing-cell", "extra-cell") or row in ragged_reported:
                    continue
                ragged_reported.add(row)
            reported.add((row, getattr(error, "field_name", None)))
            translated.append(translate_error(files[name], schema, table, error, parsed))
        # A row's name in an id cell ("디지털 뉴딜") is one slip: the foreign key names the id
        # to write, so the id's pattern is not also reported for that cell.
        named = {
            (p.row, p.field)
            for p in translated
            if p.code == "foreign-key" and dict(p.params).get("named")
        }
        yield from (
            p
            for p in translated
            if not (p.code == "constraint-error" and (p.row, p.field) in named)
        )
        if len(errors) >= ERROR_LIMIT:
            yield Problem.at(files[name], None, None, "too-many-problems", count=ERROR_LIMIT)
        else:
            yield from check_strict_cells(files[name], table, schema, reported)


def run_frictionless(
    parsed: dict[str, Table], schemas: dict[str, dict[str, Any]]
) -> list[tuple[str, list[Any]]]:
    """frictionless's errors per resource, for the records as read."""
    from frictionless import Package, Resource, Schema  # heavy import, kept local

    resources = [
        Resource(
            name=name,
            data=[list(table.header), *(list(record) for record in table.records)],
            schema=Schema.from_descriptor(schemas[name]),
        )
        for name, table in parsed.items()
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = Package(resources=resources).validate(limit_errors=ERROR_LIMIT)
    return [(task.name, list(task.errors)) for task in report.tasks]


CELL_READERS: dict[str, list[Any] | None] = {}
"""Per schema (its JSON text): frictionless's own cell reader of each field, or None when the
schema is one the shortcut leaves to frictionless. Built once per process: building them is
most of what frictionless spends on a valid package."""


def cell_readers(schema: dict[str, Any]) -> list[Any] | None:
    key = json.dumps(schema, sort_keys=True)
    if key not in CELL_READERS:
        CELL_READERS[key] = make_cell_readers(schema)
    return CELL_READERS[key]


def make_cell_readers(schema: dict[str, Any]) -> list[Any] | None:
    """frictionless's cell reader per field (type, format, missing values, cell constraints),
    if frictionless accepts the schema and every constraint is one a cell reader checks."""
    from frictionless import Schema

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            built = Schema.from_descriptor(copy.deepcopy(schema))
            built.to_descriptor(validate=True)
    except Exception:
        return None
    kinds = {f.name: f.type for f in built.fields}
    if any(kinds.get(name) != "string" for name in built.primary_key):
        return None  # typed keys may collide where their texts do not
    for field in built.fields:
        if set(field.constraints) - set(field.supported_constraints) or field.constraints.get(
            "unique"
        ):
            return None
    return [field.create_cell_reader() for field in built.fields]


def rows_certainly_valid(parsed: dict[str, Table], schemas: dict[str, dict[str, Any]]) -> bool:
    """frictionless would report nothing for these tables, foreign keys aside
    (`references_resolve` decides those): every cell passes the field's own frictionless cell
    reader, no row is blank, every primary key is complete and unique. False is only "not
    sure": frictionless then decides. Headers must be trusted and rows whole."""
    for name, schema in schemas.items():
        table = parsed[name]
        readers = cell_readers(schema)
        if readers is None or not trusted_header(table, schema) or table.ragged:
            return False
        width = len(readers)
        header = list(table.header)
        key = schema.get("primaryKey", [])
        key_at = [header.index(f) for f in ([key] if isinstance(key, str) else key)]
        keys = set()
        for record in table.records:
            if len(record) != width or not any(record):
                return False  # a short, long or blank row: frictionless reports it
            for reader, cell in zip(readers, record, strict=True):
                if reader(cell)[1]:
                    return False
            if key_at:
                key = tuple(record[i] for i in key_at)
                if "" in key or key in keys:
                    return False
                keys.add(key)
    return True


def references_resolve(parsed: dict[str, Table], schemas: dict[str, dict[str, Any]]) -> bool:
    """Every non-empty foreign key names a row of its table, by exact text (string keys, whole
    rows, trusted headers only: anything else is left to frictionless)."""
    for name, schema in schemas.items():
        if schema.get("missingValues", [""]) != [""] or not trusted_header(parsed[name], schema):
            return False
        if parsed[name].ragged:
            return False
    for name, schema in schemas.items():
        table = parsed[name]
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or name
            own = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            ref = fk["reference"]["fields"]
            ref = ref if isinstance(ref, list) else [ref]
            kinds = {f["name"]: f.get("type", "string") for f in schema["fields"]}
            ref_kinds = {f["name"]: f.get("type", "string") for f in schemas[target]["fields"]}
            if any(kinds.get(f) != "string" for f in own) or any(
                ref_kinds.get(f) != "string" for f in ref
            ):
                return False
            header, ref_header = list(table.header), list(parsed[target].header)
            if not set(own) <= set(header) or not set(ref) <= set(ref_header):
                return False
            at = [header.index(f) for f in own]
            ref_at = [ref_header.index(f) for f in ref]
            known = {cells_at(record, ref_at) for record in parsed[target].records}
            for record in table.records:
                value = cells_at(record, at)
                if all(v == "" for v in value):
                    continue
                if any(v == "" for v in value) or value not in known:
                    return False
    return True


def cells_at(record: tuple[str, ...], indexes: list[int]) -> tuple[str, ...]:
    return tuple(record[i] if i < len(record) else "" for i in indexes)


def check_header(path: str, table: Table, schema: dict[str, Any]) -> Iterator[Problem]:
    """The header against the schema's columns, each cause once: a misnamed column is one
    incorrect-label (not one per column after it), a deleted one one missing-label."""
    expected = [f["name"] for f in schema.get("fields", [])]
    header = list(table.header)
    present = set(header)
    accounted: set[str] = set()  # expected names a header problem already speaks for
    seen: set[str] = set()
    found: list[Problem] = []
    for index, label in enumerate(header):
        at = expected[index] if index < len(expected) else None
        takes = at if at is not None and at not in present else None
        if not label.strip():
            found.append(Problem.at(path, 1, at, "blank-label", value="", expected=at or ""))
        elif label in seen:
            found.append(
                Problem.at(path, 1, at or label, "duplicate-label", value=label, expected=at or "")
            )
        elif label not in expected and takes is not None:
            found.append(Problem.at(path, 1, at, "incorrect-label", value=label, expected=at))
        elif label not in expected:
            found.append(Problem.at(path, 1, label, "extra-label", value=label, expected=""))
            continue
        else:
            seen.add(label)
            continue
        seen.add(label)
        if takes is not None:
            accounted.add(takes)
    for name in expected:
        if name not in present and name not in accounted:
            found.append(Problem.at(path, 1, name, "missing-label", value=name, expected=name))
    if not found and header != expected:  # every name there, in another order
        index = next(i for i, (a, b) in enumerate(zip(header, expected, strict=False)) if a != b)
        found.append(
            Problem.at(
                path,
                1,
                expected[index],
                "incorrect-label",
                value=header[index],
                expected=expected[index],
            )
        )
    yield from found


def check_strict_cells(
    path: str, table: Table, schema: dict[str, Any], reported: set[tuple[int | None, str | None]]
) -> Iterator[Problem]:
    """One grammar for numbers, dates and booleans: what frictionless accepts but the publisher
    would not read the same way (" 20", "+20", "2_000", full-width digits) is a type-error."""
    required = [
        f["name"]
        for f in schema.get("fields", [])
        if f.get("type", "string") == "string" and (f.get("constraints") or {}).get("required")
    ]
    fields = [f for f in schema.get("fields", []) if f.get("type") in STRICT_TYPES]
    for row, cells in table.aligned_rows:
        for name in required:
            text = cells.get(name, "")
            if text and not text.strip() and (row, name) not in reported:
                # frictionless counts " " as a value; a reader sees an empty name
                yield Problem.at(
                    path, row, name, "constraint-error", value=text, constraint="required", limit=""
                )
        for field in fields:
            text = cells.get(field["name"], "")
            if text and (row, field["name"]) not in reported and cast_value(field, text) is None:
                problem = type_problem(path, row, field["name"], field, text)
                yield Problem.at(
                    problem.path,
                    problem.row,
                    problem.field,
                    problem.code,
                    **dict(problem.params),
                    grammar="strict",
                )


def read_error_problem(path: str, table: Table) -> Problem:
    """Why a CSV could not be read to its end, at the row where reading stopped."""
    error = table.error
    assert error is not None
    if error.kind == "cell-too-large":
        return Problem.at(path, error.row, None, "cell-too-large", limit=CELL_LIMIT)
    return Problem.at(path, error.row, None, "malformed-csv", detail=error.detail)


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
    cell = cells.get(field, "") if row and field else ""  # the cell as the one reader read it
    if code == "type-error":
        return type_problem(path, row, field, fields.get(field or "", {}), cell)
    if code == "constraint-error":
        return constraint_problem(path, row, field, fields.get(field or "", {}), error, cell)
    if code == "unique-error":
        return Problem.at(path, row, field, code, value=getattr(error, "cell", ""))
    if code == "primary-key":
        keys = schema.get("primaryKey", [])
        value = [cells.get(k, "") for k in keys]
        first = next(
            (
                n
                for n, other in table.rows
                if n < (row or 0) and [other.get(k, "") for k in keys] == value
            ),
            None,
        )
        extra = {"first_row": first} if first is not None and any(value) else {}
        return Problem.at(path, row, ",".join(keys) or None, code, value=", ".join(value), **extra)
    if code == "foreign-key":
        return foreign_key_problem(path, row, schema, cells, error, tables or {})
    if code in ("missing-cell", "extra-cell") and row and 2 <= row < len(table.records) + 2:
        found = len(table.records[row - 2])
        return Problem.at(path, row, field, code, found=found, expected=len(table.header))
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
    if kind == "date":
        day = suggest_iso_date(value) if len(value) <= 100 else None
        if day is not None and day != value:
            extra["day"] = day
    if kind == "integer" and definition.get("unit") != "KRW" and not extra and len(value) <= 100:
        count = parse_korean_count(value)
        if count is not None and str(count) != value:
            extra["digits"] = count  # a count with its counter word: see parse_korean_count
    if kind == "integer" and definition.get("unit") == "KRW":
        kind = "krw"
        won = parse_korean_amount(value) if len(value) <= 100 else None
        if won is not None and not extra:
            extra["won"] = won
    if value.strip() in UNKNOWN_WORDS:
        extra = {"unknown": "yes"}  # a word for "not known": the cell should be empty
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
    named = named_row_id(value, reference, tables.get(target)) if reference else ""
    found = difflib.get_close_matches(value, choices, n=1, cutoff=0.6) if value else []
    extra = {"named": named, "kind": target} if named else {}
    if not named and value.strip() != value and value.strip() in choices:
        named = value.strip()  # "digital ": the id with a space around it
        extra = {"named": named, "kind": "spaces"}
    if not named and value.lower() != value and value.lower() in choices:
        named = value.lower()  # "Digital": ids are lower case
        extra = {"named": named, "kind": "case"}
    return Problem.at(
        path,
        row,
        ",".join(names) or None,
        "foreign-key",
        value=value,
        target=f"{target}.csv",
        nearest=named or (found[0] if found else ""),
        choices=",".join(choices) if len(choices) <= CHOICES_SHOWN else "",
        **extra,
    )


NAME_COLUMNS = ("name_ko", "title_ko", "title", "name_en", "title_en")
"""The columns that name a row for people: an id cell holding one of them is a common slip."""


def named_row_id(value: str, reference: dict[str, Any], table: Table | None) -> str:
    """The id of the one row whose name is `value` ("디지털 뉴딜" → "digital"), else ""."""
    fields = reference["fields"]
    if table is None or not isinstance(fields, str) or not value.strip():
        return ""
    wanted = squash(value)
    ids = {
        cells.get(fields, "")
        for _, cells in table.rows
        if any(squash(cells.get(column, "")) == wanted for column in NAME_COLUMNS)
    } - {""}
    return ids.pop() if len(ids) == 1 else ""


def squash(name: str) -> str:
    """A name as compared with another: spacing and letter case aside (디지털 뉴딜 = 디지털뉴딜)."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def constraint_problem(
    path: str,
    row: int | None,
    field: str | None,
    definition: dict[str, Any],
    error: Any,
    cell: str = "",
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
    if isinstance(limit, list):
        limit = ", ".join(map(str, limit))
    elif isinstance(limit, int) and not isinstance(limit, bool):
        limit = f"{limit:,}"
    else:
        limit = str(limit)
    return Problem.at(
        path,
        row,
        field,
        "constraint-error",
        value=cell,
        constraint=name or "?",
        limit="" if name in ("required", "uri") else limit,
    )


KNOWN_CONSTRAINTS = ("required", "pattern", "minimum", "maximum", "enum")
