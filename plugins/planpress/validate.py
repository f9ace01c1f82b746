"""Every rule the data must follow, as pure functions that yield problems.

`RULEBOOK` below lists them all, in the order they run: a newcomer reads the whole
rulebook there. `validate_package` depends only on one package's bytes and the shared
schemas, so its result can be cached by their content hashes; `validate_packages` adds
the rules that look across packages and returns every problem, sorted, once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from typing import Any

from jsonschema import Draft202012Validator

from .addresses import RESERVED_NAMES
from .load import DESCRIPTOR, RESOURCE_NAMES, RawPackage, SchemaSet
from .messages import PLACEHOLDER
from .problems import Problem
from .records import decode_text, fields_of
from .rules import PackageRows, PackageRule, SiteRule, field_names
from .schemacopies import schema_copy_name
from .tabular import check_tables
from .totals import check_listed_within_declared, check_shares, check_totals

FORMULA_STARTS = ("=", "+", "-", "@")

ValidationCache = Callable[[str, Callable[[], list[Problem]]], list[Problem]]


def validate_packages(
    raws: Iterable[RawPackage],
    schemas: SchemaSet,
    cache: ValidationCache | None = None,
    folder: str = ".",
    workers: int | None = None,
    only: Collection[str] | None = None,
) -> list[Problem]:
    """Every problem of every package, and of the packages together, sorted, each once.

    `folder` names the data folder in the one problem a folder with no package gets.
    Packages the cache does not answer are validated on `workers` processes (default: the
    cores this process may use); the result is the same as one after another. With `only`
    (package folder names), the rules of one package run on those packages alone; the rules
    across packages still see every package (a changed one may repeat an unchanged one's city).
    """
    everything = list(raws)
    raws = everything if only is None else [raw for raw in everything if raw.folder in only]
    results: list[list[Problem] | None] = [None] * len(raws)
    keys = [f"{schemas.content_hash}-{raw.content_hash}" for raw in raws]
    if cache is not None:
        for index, key in enumerate(keys):
            with contextlib.suppress(CacheMiss):
                results[index] = cache(key, raise_miss)
    missing = [index for index, result in enumerate(results) if result is None]
    computed = validate_each([raws[i] for i in missing], schemas, workers)
    for index, problems in zip(missing, computed, strict=True):
        results[index] = problems if cache is None else cache(keys[index], lambda p=problems: p)
    problems = [problem for result in results for problem in result or []]
    if not everything:
        problems.append(Problem.at(folder, None, None, "no-packages", value=folder))
    for rule in SITE_RULES:
        problems.extend(rule(everything))
    return sort_problems(problems)


class CacheMiss(Exception):
    """Raised by `raise_miss` so a cache lookup computes nothing: the work is done in parallel."""


def raise_miss() -> list[Problem]:
    raise CacheMiss


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def validate_each(
    raws: Sequence[RawPackage], schemas: SchemaSet, workers: int | None = None
) -> list[list[Problem]]:
    """`validate_package` of each, in order; one process per core when there is more than one
    package and more than one core (frictionless is pure Python: threads would not help)."""
    workers = min(workers or available_cores(), len(raws))
    if workers <= 1:
        return [validate_package(raw, schemas) for raw in raws]
    import frictionless  # noqa: F401  imported once here, inherited by forked workers

    chunk = max(1, len(raws) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(validate_package, raws, [schemas] * len(raws), chunksize=chunk))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    unique = {(p.sort_key, p.params): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.sort_key, p.params))


def validate_package(raw: RawPackage, schemas: SchemaSet) -> list[Problem]:
    problems = list(raw.problems)
    if raw.descriptor is None:
        return problems
    package = PackageRows(raw, schemas)
    for rule in PACKAGE_RULES:
        problems += rule(package)
    return problems


# -- descriptor ------------------------------------------------------------------------


def json_path(parts: Iterable[object]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe_schema_error(error: Any) -> tuple[str, str, str]:
    """(field, kind, expected) for one jsonschema error: structured, worded in messages.py."""
    field = json_path(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = next((name for name in error.validator_value if name not in error.instance), "?")
        return json_path([*error.absolute_path, missing]), "required", missing
    if kind in ("const", "enum"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return field, "enum", ", ".join(f'"{a}"' for a in allowed)
    if kind in ("type", "pattern"):
        return field, kind, str(error.validator_value)
    if kind == "contains" and field == "licenses":
        return field, "licence", ""
    if kind == "contains" and field == "contributors":
        return field, "maintainer", ""
    if kind == "minItems" and error.validator_value > 1:
        return field, "min-items", str(error.validator_value)
    if kind in ("minItems", "minLength"):
        return field, "empty", ""
    if kind == "additionalProperties":
        return field, "extra", ""
    return field, str(kind), ""


def check_descriptor(package: PackageRows) -> Iterator[Problem]:
    """The descriptor follows the planpress profile (JSON Schema), and its text is NFC."""
    path = package.descriptor_path
    validator = Draft202012Validator(package.schemas.profile)
    try:
        errors = sorted(
            validator.iter_errors(package.raw.descriptor),
            key=lambda e: list(map(str, e.absolute_path)),
        )
    except RecursionError:
        yield Problem.at(path, None, None, "descriptor-error", kind="too-deep")
        return
    for error in errors:
        field, kind, expected = describe_schema_error(error)
        yield Problem.at(
            path, None, field or None, "descriptor-error", kind=kind, expected=expected
        )
    yield from check_descriptor_dates(path, package.raw.descriptor)
    yield from check_descriptor_text(path, package.raw.descriptor, [])


DESCRIPTOR_DATES = ("updated",)


def check_descriptor_dates(path: str, descriptor: Any) -> Iterator[Problem]:
    """A date of the right shape is also a day of the calendar (not 2026-02-30)."""
    if not isinstance(descriptor, dict):
        return
    for key in DESCRIPTOR_DATES:
        value = descriptor.get(key)
        if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                yield Problem.at(path, None, key, "descriptor-error", kind="date", expected=value)


def is_calendar_day(value: Any) -> bool:
    """A YYYY-MM-DD day of the calendar; anything else is the profile's or the date rule's."""
    try:
        return isinstance(value, str) and len(value) == 10 and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def is_version(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", value) is not None


def parse_version(value: str) -> tuple[int, ...]:
    return tuple(int(part) for part in value.split("."))


def check_history(package: PackageRows) -> Iterator[Problem]:
    """The descriptor's `history` runs newest first: each entry an older version on the same
    day or earlier than the one above it, and the newest entry is the package's own
    `version` and `updated`. Its shape is the profile's (descriptor-error); this rule only
    reads a history whose every entry has that shape."""
    path = package.descriptor_path
    descriptor = package.raw.descriptor
    history = descriptor.get("history") if isinstance(descriptor, dict) else None
    if not isinstance(history, list) or not history:
        return
    entries = []
    for entry in history:
        if not isinstance(entry, dict):
            return
        version, date = entry.get("version"), entry.get("date")
        if not is_version(version):
            return
        try:
            day = dt.date.fromisoformat(date) if isinstance(date, str) and len(date) == 10 else None
        except ValueError:
            yield Problem.at(
                path,
                None,
                f"history[{len(entries)}].date",
                "descriptor-error",
                kind="date",
                expected=date,
            )
            return
        if day is None:
            return
        entries.append((version, date))
    for index, ((version, date), (older, older_date)) in enumerate(pairwise(entries)):
        if parse_version(older) >= parse_version(version):
            yield Problem.at(
                path,
                None,
                f"history[{index + 1}].version",
                "history-order",
                kind="version",
                value=older,
                expected=version,
            )
        elif older_date > date:
            yield Problem.at(
                path,
                None,
                f"history[{index + 1}].date",
                "history-order",
                kind="date",
                value=older_date,
                expected=date,
            )
    newest_version, newest_date = entries[0]
    version, updated = descriptor.get("version"), descriptor.get("updated")
    if (
        is_version(version)
        and is_calendar_day(updated)
        and parse_version(version) > parse_version(newest_version)
        and updated > newest_date
    ):
        # version and updated were raised and the entry saying so not written: one problem
        yield Problem.at(
            path,
            None,
            "history[0]",
            "history-order",
            kind="missing-entry",
            value=version,
            expected=updated,
        )
        return
    if newest_version != descriptor.get("version") and is_version(descriptor.get("version")):
        yield Problem.at(
            path,
            None,
            "history[0].version",
            "history-order",
            kind="newest-version",
            value=newest_version,
            expected=str(descriptor.get("version")),
        )
    if newest_date != descriptor.get("updated") and is_calendar_day(descriptor.get("updated")):
        yield Problem.at(
            path,
            None,
            "history[0].date",
            "history-order",
            kind="newest-date",
            value=newest_date,
            expected=str(descriptor.get("updated")),
        )


def check_descriptor_text(path: str, value: Any, where: list[object]) -> Iterator[Problem]:
    if isinstance(value, str):
        field = json_path(where) or None
        if unicodedata.normalize("NFC", value) != value:
            yield Problem.at(path, None, field, "not-nfc", value=value)
        multiline = bool(where) and where[-1] == "description"
        yield from check_invisible(
            path, None, field, value, LINE_BREAK if multiline else frozenset()
        )
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from check_descriptor_text(path, item, [*where, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from check_descriptor_text(path, item, [*where, index])


def check_name(package: PackageRows) -> Iterator[Problem]:
    """The folder is the package's name, and not one the site keeps for itself."""
    raw = package.raw
    name = raw.descriptor.get("name") if isinstance(raw.descriptor, dict) else None
    if raw.folder in RESERVED_NAMES:
        yield Problem.at(package.descriptor_path, None, "name", "reserved-name", value=raw.folder)
    if isinstance(name, str) and name != raw.folder:
        yield Problem.at(
            package.descriptor_path, None, "name", "name-mismatch", name=name, folder=raw.folder
        )


def check_resources_declared(package: PackageRows) -> Iterator[Problem]:
    """Each of the five resources is declared exactly once."""
    path = package.descriptor_path
    names = Counter(r.name for r in package.raw.resources)
    for name in RESOURCE_NAMES:
        if names[name] == 0:
            yield Problem.at(path, None, "resources", "missing-resource", name=name)
    for name, count in names.items():
        if count > 1:
            yield Problem.at(path, None, "resources", "duplicate-name", value=name, other=path)


def check_schema_copies(package: PackageRows) -> Iterator[Problem]:
    """Each resource names its own schema file, and the file is the shared schema exactly:
    the package is self-describing (`frictionless validate datapackage.json` works on a copy
    taken anywhere) and no copy drifts from what planpress checks and publishes."""
    raw = package.raw
    for index, resource in enumerate(raw.resources):
        shared = package.schemas.tables.get(resource.name)
        if shared is None or resource.schema_path is None:
            continue  # an unknown resource, or no schema named: the profile says so
        expected = schema_copy_name(resource.name)
        where = f"resources[{index}].schema"
        if resource.schema_path != expected:
            yield Problem.at(
                package.descriptor_path,
                None,
                where,
                "schema-drift",
                kind="name",
                value=resource.schema_path,
                expected=expected,
            )
            continue
        path = f"{raw.folder}/{expected}"
        if resource.schema_data is None:
            yield Problem.at(package.descriptor_path, None, where, "missing-file", value=expected)
            continue
        try:
            copy = json.loads(resource.schema_data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            yield Problem.at(path, None, None, "schema-drift", kind="unreadable", value=expected)
            continue
        if copy != shared:
            changed = differing_columns(shared, copy)
            yield Problem.at(
                path,
                None,
                None,
                "schema-drift",
                kind="differs",
                value=expected,
                columns=",".join(str(c) for c in changed if c),
            )


def differing_columns(shared: dict[str, Any], copy: Any) -> list[str]:
    """The columns whose definition a schema copy changed, added or lost."""
    if not isinstance(copy, dict) or not isinstance(copy.get("fields"), list):
        return []
    mine = {f["name"]: f for f in shared.get("fields", [])}
    theirs = {
        f["name"]: f
        for f in copy["fields"]
        if isinstance(f, dict) and isinstance(f.get("name"), str)
    }
    return sorted(n for n in mine.keys() | theirs.keys() if mine.get(n) != theirs.get(n))


# -- bytes and text ------------------------------------------------------------------


def guess_legacy_encoding(data: bytes) -> str:
    """ "cp949" when the bytes read as Korean in CP949/EUC-KR, else ""."""
    for encoding in ("cp949", "euc-kr"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any("\uac00" <= ch <= "\ud7a3" for ch in text):
            return "cp949"
    return ""


def check_text(package: PackageRows) -> Iterator[Problem]:
    """UTF-8 only, Hangul in NFC, and no cell a spreadsheet would run as a formula."""
    raw = package.raw
    for resource in raw.resources:
        if resource.data is None:
            continue
        path = f"{raw.folder}/{resource.path}"
        if decode_text(resource.data) is None:
            error = resource.table.error
            yield Problem.at(
                path,
                error.row if error else None,
                None,
                "not-utf8",
                legacy=guess_legacy_encoding(resource.data),
            )
            continue
        schema = package.schemas.tables.get(resource.name, {})
        fields = fields_of(schema)
        table = resource.table
        if resource.name in package.schemas.tables and list(table.header) != field_names(schema):
            continue  # the header is reported once (tabular.py); its cells cannot be placed
        for name in table.header:
            if unicodedata.normalize("NFC", name) != name:
                yield Problem.at(path, 1, name, "not-nfc", value=name)
        for row, cells in table.rows:
            for name, text in cells.items():
                if not text:
                    continue
                if not unicodedata.is_normalized("NFC", text):
                    yield Problem.at(path, row, name, "not-nfc", value=text)
                yield from check_invisible(
                    path, row, name, text, allowed_controls(fields.get(name))
                )
                is_text = fields.get(name, {}).get("type", "string") == "string"
                if is_text and text.lstrip().startswith(FORMULA_STARTS):
                    yield Problem.at(
                        path, row, name, "formula-injection", value=text, char=text.lstrip()[0]
                    )


INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co"})
"""Control, format (bidi, zero-width, soft hyphen, tags, BOM), line and paragraph separators
and private-use characters: none is text a reader can see."""
LINE_BREAK = frozenset("\n")


def allowed_controls(field: dict[str, Any] | None) -> frozenset[str]:
    """A line break is text only in a free-text column (no pattern, no format): in an id, a
    date or an address it would slip past the pattern (`$` matches before a final newline)."""
    if field is None or field.get("type", "string") != "string":
        return frozenset()
    if field.get("format") or (field.get("constraints") or {}).get("pattern"):
        return frozenset()
    return LINE_BREAK


def check_invisible(
    path: str,
    row: int | None,
    field: str | None,
    text: str,
    allowed: frozenset[str] = frozenset(),
) -> Iterator[Problem]:
    """Invisible characters: they can reorder what a reader sees, hide text from a search or
    steer a terminal. The first one in a cell is named by its code point and position."""
    if text.isprintable():
        return  # Python's printable excludes every category above: most cells end here
    for position, char in enumerate(text, start=1):
        if char not in allowed and unicodedata.category(char) in INVISIBLE_CATEGORIES:
            yield Problem.at(
                path,
                row,
                field,
                "invisible-character",
                value=text,
                char=f"U+{ord(char):04X}",
                position=position,
            )
            return


# -- project rules over typed rows -------------------------------------------------------


def check_plan_count(package: PackageRows) -> Iterator[Problem]:
    """One package, one plan: pages, downloads and comparisons all assume it."""
    plans = package.raw.resource("plans")
    if plans is None or plans.data is None or decode_text(plans.data) is None:
        return  # already reported as missing or unreadable
    table = plans.table
    if table.header and len(table.rows) != 1:
        yield Problem.at(
            f"{package.raw.folder}/{plans.path}", None, None, "plan-count", count=len(table.rows)
        )


def nearest(value: str, choices: Iterable[str]) -> str:
    """The closest valid id to a misspelt one ("digitall" → "digital"), or ""."""
    found = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else ""


def nearest_theme(value: str, themes: Sequence[dict[str, str]]) -> str:
    """The theme a contributor meant: by its code ("digitall") or its name ("디지털")."""
    by_name = {t["name_ko"]: t["theme_id"] for t in themes}
    by_name.update({t["name_en"].lower(): t["theme_id"] for t in themes if t.get("name_en")})
    if value.strip().lower() in by_name:
        return by_name[value.strip().lower()]
    code = nearest(value, [t["theme_id"] for t in themes])
    return code or by_name.get(nearest(value, list(by_name)), "")


def check_themes(package: PackageRows) -> Iterator[Problem]:
    """Every theme code of a programme is in the shared vocabulary."""
    known = package.schemas.theme_ids
    for row, programme in package.typed["programmes"]:
        for theme in (programme.get("themes") or "").split(";"):
            if theme not in known and (theme or programme.get("themes")):
                yield Problem.at(
                    package.files["programmes"],
                    row,
                    "themes",
                    "unknown-theme",
                    value=theme,
                    nearest=nearest_theme(theme, package.schemas.themes),
                    choices=",".join(sorted(known)),
                )


PERIOD_COLUMNS = (("plans", "period_start", "period_end"), ("programmes", "start_year", "end_year"))


def check_period(package: PackageRows) -> Iterator[Problem]:
    """A plan's period, and a programme's, does not end before it starts."""
    for name, start_column, end_column in PERIOD_COLUMNS:
        for row, record in package.typed[name]:
            start, end = record.get(start_column), record.get(end_column)
            if start is not None and end is not None and start > end:
                yield Problem.at(
                    package.files[name],
                    row,
                    start_column,
                    "invalid-period",
                    start=start,
                    end=end,
                    start_column=start_column,
                    end_column=end_column,
                )


APPROXIMATE_TABLES = ("programmes", "targets")
NUMERIC_TYPES = frozenset({"integer", "number"})


def check_approximate(package: PackageRows) -> Iterator[Problem]:
    """`approximate` names only this table's numeric columns, each filled on the row: the
    flag says the source gave that stated number as approximate, never that it is unknown."""
    for name in APPROXIMATE_TABLES:
        fields = package.schemas.tables[name].get("fields", [])
        numeric = [f["name"] for f in fields if f.get("type") in NUMERIC_TYPES]
        empty = empty_cells(package, name)
        for row, record in package.typed[name]:
            for column in (record.get("approximate") or "").split(";"):
                if not column:
                    continue
                kind = "unknown" if column not in numeric else "empty"
                if kind == "empty" and column not in empty.get(row, ()):
                    continue  # filled: a value of the wrong type is the cell's type-error alone
                yield Problem.at(
                    package.files[name],
                    row,
                    "approximate",
                    "unknown-approximate",
                    value=column,
                    kind=kind,
                    choices=",".join(numeric),
                )


STATUS_COLUMNS = (
    ("plans", "budget_status", "total_budget_krw"),
    ("plans", "national_budget_status", "national_budget_krw"),
    ("programmes", "budget_status", "budget_krw"),
    ("programmes", "national_budget_status", "national_budget_krw"),
)
"""Each funding status column and the amount it is the status of."""


def empty_cells(package: PackageRows, name: str) -> dict[int, frozenset[str]]:
    """Row number → the columns whose cell is empty in the file (not merely untypable: a
    cell that fails its type is reported as such and must not also read as left empty)."""
    resource = package.raw.resource(name)
    if resource is None or not package.typed[name]:
        return {}
    return {
        row: frozenset(c for c, text in cells.items() if text == "")
        for row, cells in resource.table.aligned_rows
    }


def check_funding_status(package: PackageRows) -> Iterator[Problem]:
    """A funding status (secured, planned) is said of a stated amount: on an empty amount it
    would claim money the source never gave."""
    for name, status_column, amount_column in STATUS_COLUMNS:
        empty = empty_cells(package, name)
        for row, record in package.typed[name]:
            status = record.get(status_column)
            if status is not None and amount_column in empty.get(row, ()):
                yield Problem.at(
                    package.files[name],
                    row,
                    status_column,
                    "status-without-amount",
                    value=status,
                    amount_column=amount_column,
                )


def check_target_owner(package: PackageRows) -> Iterator[Problem]:
    """A target belongs to one owner: its plan, one pillar or one programme. (Each reference
    exists: pillar_id and programme_id are foreign keys.)"""
    for row, target in package.typed["targets"]:
        pillar, programme = target.get("pillar_id"), target.get("programme_id")
        if pillar is not None and programme is not None:
            yield Problem.at(
                package.files["targets"],
                row,
                "programme_id",
                "target-owner",
                pillar=pillar,
                programme=programme,
            )


def check_qualitative_target(package: PackageRows) -> Iterator[Problem]:
    """A target has both a value and its unit, or neither (a qualitative target, which pages
    show as such and never chart or sum): a lone unit or a bare number is half a figure."""
    empty = empty_cells(package, "targets")
    for row, target in package.typed["targets"]:
        blank = empty.get(row, frozenset()) & {"value", "unit"}
        if len(blank) == 1:
            (missing,) = blank
            given = target.get("unit" if missing == "value" else "value")
            if given is None:
                continue  # the given cell is not of its type: reported as such
            yield Problem.at(
                package.files["targets"],
                row,
                missing,
                "qualitative-target",
                value=str(given),
                missing=missing,
            )


CYCLES = (
    ("pillars", "pillar_id", "parent_id", "parent-cycle"),
    ("programmes", "programme_id", "parent_programme_id", "programme-cycle"),
)


def check_parent_cycle(package: PackageRows) -> Iterator[Problem]:
    """Following parent_id from any pillar, or parent_programme_id from any programme, ends
    at a top-level row, never back at itself. (A parent is in the same plan: it is a row of
    the same file, the file has one plan (plan-count) and plan_id is a foreign key.)"""
    for name, key, parent, code in CYCLES:
        rows = package.typed[name]
        parents = {r[key]: r.get(parent) for _, r in rows if r.get(key)}
        for row, record in rows:
            start, seen, current = record.get(key), set(), record.get(parent)
            while current is not None and current not in seen:
                if current == start:
                    yield Problem.at(package.files[name], row, parent, code, value=start)
                    break
                seen.add(current)
                current = parents.get(current)


# -- rules across packages ---------------------------------------------------------------


def check_unique_names(raws: Sequence[RawPackage]) -> Iterator[Problem]:
    """Plan IDs are unique across every package. (Package names need no check of their own:
    each must equal its folder's name — name-mismatch — and folder names are unique.)"""
    seen: dict[tuple[str, str], str] = {}
    for raw in raws:
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


def city_of(raw: RawPackage) -> tuple[str, str] | None:
    """(city name, province name) from a descriptor, when both are plain text."""
    descriptor = raw.descriptor if isinstance(raw.descriptor, dict) else {}
    city, province = descriptor.get("city"), descriptor.get("province")
    names = [part.get("name_ko") if isinstance(part, dict) else None for part in (city, province)]
    if all(isinstance(n, str) and n for n in names):
        return names[0], names[1]
    return None


def check_one_package_per_city(raws: Sequence[RawPackage]) -> Iterator[Problem]:
    """One local government (its name within its province) has one package."""
    first: dict[tuple[str, str], str] = {}
    for raw in raws:
        key = city_of(raw)
        if key is None:
            continue
        if key in first:
            yield Problem.at(
                f"{raw.folder}/{DESCRIPTOR}",
                None,
                "city.name_ko",
                "duplicate-city",
                city=key[0],
                province=key[1],
                folder=raw.folder,
                other=first[key],
            )
        else:
            first[key] = raw.folder


def check_placeholders(package: PackageRows) -> Iterator[Problem]:
    """No "(채우세요)" left anywhere: in a descriptor field or in any cell of any table."""
    yield from placeholders_in(package.descriptor_path, package.raw.descriptor, [])
    for resource in package.raw.resources:
        if resource.data is None or decode_text(resource.data) is None:
            continue  # not-utf8 is reported; its cells cannot be read
        path = f"{package.raw.folder}/{resource.path}"
        for row, cells in resource.table.rows:
            for name, text in cells.items():
                if PLACEHOLDER in text:
                    yield Problem.at(
                        path, row, name, "unfilled-placeholder", value=text, column=name
                    )


def placeholders_in(path: str, value: Any, where: list[object]) -> Iterator[Problem]:
    if isinstance(value, str) and PLACEHOLDER in value:
        field = json_path(where)
        yield Problem.at(path, None, field, "unfilled-placeholder", value=value, column=field)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from placeholders_in(path, item, [*where, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from placeholders_in(path, item, [*where, index])


# -- the rulebook ------------------------------------------------------------------------

PACKAGE_RULES: tuple[PackageRule, ...] = (
    check_descriptor,  # descriptor-error, not-nfc
    check_history,  # history-order
    check_name,  # reserved-name, name-mismatch
    check_resources_declared,  # missing-resource, duplicate-name
    check_schema_copies,  # schema-drift, missing-file
    check_text,  # not-utf8, not-nfc, formula-injection
    check_placeholders,  # unfilled-placeholder
    check_tables,  # frictionless: types, constraints, keys, labels (tabular.py)
    check_plan_count,  # plan-count
    check_themes,  # unknown-theme
    check_period,  # invalid-period
    check_parent_cycle,  # parent-cycle, programme-cycle
    check_approximate,  # unknown-approximate
    check_funding_status,  # status-without-amount
    check_target_owner,  # target-owner
    check_qualitative_target,  # qualitative-target
    check_totals,  # total-mismatch (totals.py)
    check_shares,  # part-exceeds-total, total-mismatch for funding shares (totals.py)
    check_listed_within_declared,  # part-exceeds-total for listed rows (totals.py)
)
"""Rules over one package, in the order they run; each yields problems, none raises."""

SITE_RULES: tuple[SiteRule, ...] = (
    check_unique_names,  # duplicate-name across packages
    check_one_package_per_city,  # duplicate-city
)
"""Rules over all packages together (an empty folder is `no-packages`, in validate_packages)."""

RULEBOOK = (*PACKAGE_RULES, *SITE_RULES)
