"""What a change does to the data, as a reviewer reads it: `planpress diff main`.

Pure over two loaded data folders (`Side`): packages added and removed; per resource the
rows added, removed and changed, matched by the Table Schema's primary key, each changed
cell before → after (money also in 억/조); a renamed or moved column is one header change,
not every row changed; the declared totals that moved; the problems that appear or
disappear. Three formats — text for a terminal, Markdown for a pull-request comment,
JSON — each one function, like report.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .amounts import format_krw
from .load import RESOURCE_NAMES, RawPackage, RawResource, SchemaSet, load_packages
from .problems import Problem
from .records import cast_value, fields_of
from .report import escape_table_cell as escape_cell
from .report import format_problem
from .validate import validate_packages

DECLARED_TOTALS = ("total_budget_krw", "national_budget_krw", "jobs_target", "programme_count")
"""The plan's announced figures: a change to one of them is called out on its own."""
LABEL_COLUMNS = ("name_ko", "title_ko", "indicator_ko", "title")
"""The column that names a row for a reader, the first one a resource has."""
EMPTY = "(빈 칸)"


@dataclass(frozen=True)
class Side:
    """One revision of the data: its packages, schemas and every problem the validator finds."""

    packages: tuple[RawPackage, ...]
    schemas: SchemaSet
    problems: tuple[Problem, ...]


def read_side(root: Path, schemas: SchemaSet) -> Side:
    packages = load_packages(root)
    problems = validate_packages(packages, schemas, folder=root.name or str(root))
    return Side(tuple(packages), schemas, tuple(problems))


@dataclass(frozen=True)
class CellChange:
    column: str
    before: str
    after: str
    money: bool = False
    """`unit: KRW` in the schema: shown in 억/조 too."""


@dataclass(frozen=True)
class RowRef:
    key: str
    """The primary key's values joined by '/', or `row N` when a side has no key column."""
    label: str
    """What the row is called (name_ko, title_ko…), or "" when it has no such column."""
    row: int
    """Row number on the side it is in (header = 1): the new side, or the old for a removed row."""


@dataclass(frozen=True)
class RowChange:
    row: RowRef
    cells: tuple[CellChange, ...]


@dataclass(frozen=True)
class ResourceDiff:
    path: str
    """`paju/programmes.csv`, as problems name files."""
    renamed: tuple[tuple[str, str], ...] = ()
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    reordered: bool = False
    added: tuple[RowRef, ...] = ()
    removed: tuple[RowRef, ...] = ()
    changed: tuple[RowChange, ...] = ()

    @property
    def header_changed(self) -> bool:
        return bool(self.renamed or self.columns_added or self.columns_removed or self.reordered)

    @property
    def empty(self) -> bool:
        return not (self.header_changed or self.added or self.removed or self.changed)


@dataclass(frozen=True)
class TotalChange:
    package: str
    plan: str
    column: str
    before: str
    after: str
    money: bool = False


@dataclass(frozen=True)
class DataDiff:
    packages_added: tuple[str, ...] = ()
    packages_removed: tuple[str, ...] = ()
    resources: tuple[ResourceDiff, ...] = ()
    totals: tuple[TotalChange, ...] = ()
    problems_appeared: tuple[Problem, ...] = ()
    problems_resolved: tuple[Problem, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (
            self.packages_added
            or self.packages_removed
            or self.resources
            or self.totals
            or self.problems_appeared
            or self.problems_resolved
        )


def diff_sides(old: Side, new: Side) -> DataDiff:
    before = {p.folder: p for p in old.packages}
    after = {p.folder: p for p in new.packages}
    resources: list[ResourceDiff] = []
    totals: list[TotalChange] = []
    # a new or removed package's rows are listed too: all added, or all removed
    for folder in sorted(before.keys() | after.keys()):
        for name in RESOURCE_NAMES:
            a = before[folder].resource(name) if folder in before else None
            b = after[folder].resource(name) if folder in after else None
            if a is None and b is None:
                continue
            schema = new.schemas.tables.get(name) or old.schemas.tables[name]
            result = diff_resource(folder, name, a, b, schema)
            if not result.empty:
                resources.append(result)
            if name == "plans":
                totals += moved_totals(folder, result)
    return DataDiff(
        packages_added=tuple(sorted(after.keys() - before.keys())),
        packages_removed=tuple(sorted(before.keys() - after.keys())),
        resources=tuple(resources),
        totals=tuple(totals),
        problems_appeared=tuple(unmatched(new.problems, old.problems)),
        problems_resolved=tuple(unmatched(old.problems, new.problems)),
    )


def problem_key(problem: Problem) -> tuple[Any, ...]:
    """A problem without its row: one that only moved down with an inserted row is the same."""
    return (problem.path, problem.field, problem.code, problem.params)


def unmatched(these: Iterable[Problem], those: Iterable[Problem]) -> list[Problem]:
    known = {problem_key(p) for p in those}
    return [p for p in these if problem_key(p) not in known]


def header_changes(
    old: Sequence[str], new: Sequence[str]
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...], bool]:
    """(renamed, added, removed, reordered): a column gone and another come in its place is renamed."""
    gone = [c for c in old if c not in new]
    came = [c for c in new if c not in old]
    renamed = []
    for index, column in enumerate(old):
        if column in gone and index < len(new) and new[index] in came:
            renamed.append((column, new[index]))
    added = tuple(c for c in came if c not in {r[1] for r in renamed})
    removed = tuple(c for c in gone if c not in {r[0] for r in renamed})
    kept_old = [c for c in old if c in new]
    kept_new = [c for c in new if c in old]
    return tuple(renamed), added, removed, kept_old != kept_new


def diff_resource(
    folder: str,
    name: str,
    old: RawResource | None,
    new: RawResource | None,
    schema: dict[str, Any],
) -> ResourceDiff:
    path = f"{folder}/{(new or old).path}"  # type: ignore[union-attr]
    old_table = old.table if old is not None else None
    new_table = new.table if new is not None else None
    old_header = old_table.header if old_table else ()
    new_header = new_table.header if new_table else ()
    if old_table is None or new_table is None:
        # a resource (or package) new or gone as a whole: its rows, not its header, are the news
        renamed, added_cols, removed_cols, reordered = (), (), (), False
    else:
        renamed, added_cols, removed_cols, reordered = header_changes(old_header, new_header)
    fields = fields_of(schema)
    keys = [k for k in schema.get("primaryKey", []) if isinstance(k, str)]
    if isinstance(schema.get("primaryKey"), str):
        keys = [schema["primaryKey"]]
    by_key = bool(keys) and all(
        (old_table is None or k in old_header) and (new_table is None or k in new_header)
        for k in keys
    )
    old_rows = index_rows(old_table.rows if old_table else (), keys if by_key else [])
    new_rows = index_rows(new_table.rows if new_table else (), keys if by_key else [])
    # a renamed column is compared under its new name: its values are not all "changed"
    columns = [(c, c) for c in new_header if c in old_header] + list(renamed)
    changed = []
    for key in [k for k in new_rows if k in old_rows]:
        (_, a), (row, b) = old_rows[key], new_rows[key]
        cells = tuple(
            CellChange(c, a.get(was, ""), b.get(c, ""), fields.get(c, {}).get("unit") == "KRW")
            for was, c in columns
            if a.get(was, "") != b.get(c, "")
        )
        if cells:
            changed.append(RowChange(RowRef(key, label_of(b), row), cells))
    return ResourceDiff(
        path=path,
        renamed=renamed,
        columns_added=added_cols,
        columns_removed=removed_cols,
        reordered=reordered,
        added=tuple(
            RowRef(k, label_of(c), n) for k, (n, c) in new_rows.items() if k not in old_rows
        ),
        removed=tuple(
            RowRef(k, label_of(c), n) for k, (n, c) in old_rows.items() if k not in new_rows
        ),
        changed=tuple(changed),
    )


def index_rows(
    rows: Iterable[tuple[int, dict[str, str]]], keys: Sequence[str]
) -> dict[str, tuple[int, dict[str, str]]]:
    """Rows by primary key; by position (`row N`) without one. A repeated key keeps its first row
    (the validator reports the duplicate)."""
    indexed: dict[str, tuple[int, dict[str, str]]] = {}
    for number, cells in rows:
        key = "/".join(cells.get(k, "") for k in keys) if keys else f"row {number}"
        indexed.setdefault(key, (number, cells))
    return indexed


def label_of(cells: dict[str, str]) -> str:
    return next((cells[c] for c in LABEL_COLUMNS if cells.get(c)), "")


def moved_totals(folder: str, plans: ResourceDiff) -> list[TotalChange]:
    return [
        TotalChange(folder, change.row.key, cell.column, cell.before, cell.after, cell.money)
        for change in plans.changed
        for cell in change.cells
        if cell.column in DECLARED_TOTALS
    ]


# -- formats -----------------------------------------------------------------------------


def show_value(text: str, money: bool) -> str:
    """A cell as a reviewer reads it: empty said so, money also in 억/조."""
    if text == "":
        return EMPTY
    if money:
        won = cast_value({"type": "integer"}, text)
        if isinstance(won, int):
            return f"{text} ({format_krw(won)})"
    return text


LONG_TEXT = 80
"""A changed text cell longer than this is shown as the part that changed, in context."""
CONTEXT = 20
"""Characters kept on each side of the changed part."""
ELLIPSIS = "…"


def show_change(before: str, after: str, money: bool) -> tuple[str, str]:
    """A changed cell's two sides as a reviewer reads them: a long text (a note) cut to the
    part that changed with a little context on each side, so one changed sentence in a
    paragraph is seen; every other cell whole (`show_value`). JSON keeps both whole."""
    if money or not before or not after or max(len(before), len(after)) <= LONG_TEXT:
        return show_value(before, money), show_value(after, money)
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while (
        end < min(len(before), len(after)) - start
        and before[len(before) - 1 - end] == after[len(after) - 1 - end]
    ):
        end += 1
    head = max(0, start - CONTEXT)

    def cut(text: str) -> str:
        tail = len(text) - max(0, end - CONTEXT)
        shown = text[head:tail]
        return (ELLIPSIS if head else "") + shown + (ELLIPSIS if tail < len(text) else "")

    return cut(before), cut(after)


def show_row(ref: RowRef) -> str:
    return f"{ref.key} ({ref.label})" if ref.label else ref.key


def describe_header(resource: ResourceDiff) -> list[str]:
    lines = [f"열 이름 바뀜: {a} → {b}" for a, b in resource.renamed]
    if resource.columns_added:
        lines.append("더한 열: " + ", ".join(resource.columns_added))
    if resource.columns_removed:
        lines.append("지운 열: " + ", ".join(resource.columns_removed))
    if resource.reordered:
        lines.append("열 순서가 바뀜")
    return lines


def summary_line(diff: DataDiff) -> str:
    if diff.empty:
        return "데이터 변경이 없습니다."
    added = sum(len(r.added) for r in diff.resources)
    removed = sum(len(r.removed) for r in diff.resources)
    changed = sum(len(r.changed) for r in diff.resources)
    return (
        f"패키지 {len(diff.packages_added)}개 추가, {len(diff.packages_removed)}개 삭제; "
        f"행 {added}개 추가, {removed}개 삭제, {changed}개 바뀜; "
        f"문제 {len(diff.problems_appeared)}건 생김, {len(diff.problems_resolved)}건 없어짐."
    )


def format_diff_text(diff: DataDiff, title: str) -> str:
    lines = [f"데이터 변경: {title}", summary_line(diff)]
    if diff.packages_added:
        lines.append("새 패키지: " + ", ".join(diff.packages_added))
    if diff.packages_removed:
        lines.append("지운 패키지: " + ", ".join(diff.packages_removed))
    for resource in diff.resources:
        lines.append("")
        lines.append(resource.path)
        lines += [f"  {line}" for line in describe_header(resource)]
        for ref in resource.added:
            lines.append(f"  + {ref.row}행 {show_row(ref)}")
        for ref in resource.removed:
            lines.append(f"  - {show_row(ref)} (지난 {ref.row}행)")
        for change in resource.changed:
            lines.append(f"  ~ {change.row.row}행 {show_row(change.row)}")
            for cell in change.cells:
                before, after = show_change(cell.before, cell.after, cell.money)
                lines.append(f"      {cell.column}: {before} → {after}")
    if diff.totals:
        lines += ["", "발표 합계가 바뀜:"]
        for total in diff.totals:
            lines.append(
                f"  {total.package} {total.plan} {total.column}: "
                f"{show_value(total.before, total.money)} → {show_value(total.after, total.money)}"
            )
    for heading, problems in (
        ("새로 생긴 문제", diff.problems_appeared),
        ("없어진 문제", diff.problems_resolved),
    ):
        if problems:
            lines += ["", f"{heading} {len(problems)}건:"]
            lines += [f"  {format_problem(p)}" for p in problems]
    return "\n".join(lines) + "\n"


def format_diff_markdown(diff: DataDiff, title: str) -> str:
    lines = [f"### 데이터 변경: {escape_cell(title)}", "", summary_line(diff)]
    if diff.packages_added:
        lines += ["", "**새 패키지:** " + ", ".join(f"`{p}`" for p in diff.packages_added)]
    if diff.packages_removed:
        lines += ["", "**지운 패키지:** " + ", ".join(f"`{p}`" for p in diff.packages_removed)]
    for resource in diff.resources:
        lines += ["", f"#### `{resource.path}`", ""]
        lines += [f"- {line}" for line in describe_header(resource)]
        lines += [f"- 더한 행: {escape_cell(show_row(r))} ({r.row}행)" for r in resource.added]
        lines += [f"- 지운 행: {escape_cell(show_row(r))}" for r in resource.removed]
        if resource.changed:
            if resource.header_changed or resource.added or resource.removed:
                lines.append("")
            lines += ["| 행 | 열 | 전 | 후 |", "|---|---|---|---|"]
            for change in resource.changed:
                where = escape_cell(f"{change.row.row}행 {show_row(change.row)}")
                for cell in change.cells:
                    before, after = show_change(cell.before, cell.after, cell.money)
                    lines.append(
                        f"| {where} | `{cell.column}` | {escape_cell(before)} "
                        f"| {escape_cell(after)} |"
                    )
    if diff.totals:
        lines += [
            "",
            "#### 발표 합계가 바뀜",
            "",
            "| 패키지 | 계획 | 열 | 전 | 후 |",
            "|---|---|---|---|---|",
        ]
        for total in diff.totals:
            lines.append(
                f"| `{total.package}` | `{total.plan}` | `{total.column}` | "
                f"{escape_cell(show_value(total.before, total.money))} | "
                f"{escape_cell(show_value(total.after, total.money))} |"
            )
    for heading, problems in (
        ("새로 생긴 문제", diff.problems_appeared),
        ("없어진 문제", diff.problems_resolved),
    ):
        if problems:
            lines += ["", f"#### {heading} {len(problems)}건", ""]
            lines += [f"- {escape_cell(format_problem(p))}" for p in problems]
    return "\n".join(lines) + "\n"


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path,
        "row": problem.row,
        "field": problem.field,
        "code": problem.code,
        "message": problem.message("ko"),
    }


def format_diff_json(diff: DataDiff, title: str) -> str:
    document = {
        "title": title,
        "changed": not diff.empty,
        "packages_added": list(diff.packages_added),
        "packages_removed": list(diff.packages_removed),
        "resources": [{**asdict(r), "header_changed": r.header_changed} for r in diff.resources],
        "totals": [asdict(t) for t in diff.totals],
        "problems_appeared": [problem_json(p) for p in diff.problems_appeared],
        "problems_resolved": [problem_json(p) for p in diff.problems_resolved],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


FORMATS = {"text": format_diff_text, "markdown": format_diff_markdown, "json": format_diff_json}
