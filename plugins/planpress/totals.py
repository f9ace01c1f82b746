"""Totals reconciliation: declared figures against the parts that add up to them.

A plan declares totals (budget, jobs, programme count) and so may each pillar; the
parts are the top-level or child pillars, a programme's funding shares, and the listed
programmes. Two rules: where every part is declared, the parts add up to the whole
(`total-mismatch`, reported on both sides so the annotation lands where the data was
changed); and no part, nor any sum of known parts, is larger than its whole
(`part-exceeds-total`). Rules yield measures and numbers; the wording is in messages.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from .model import DECLARED_KINDS, counted_once
from .problems import Problem
from .rules import PackageRows


class Measure(NamedTuple):
    name: str
    """The measure's key in the message catalogue: count, budget, jobs."""
    plan_column: str
    pillar_column: str
    programme_column: str | None
    """None when programmes have no such figure (a programme is one of the count)."""


MEASURES = (
    Measure("count", "programme_count", "programme_count", None),
    Measure("budget", "total_budget_krw", "budget_krw", "budget_krw"),
    Measure("jobs", "jobs_target", "jobs", "jobs"),
)
SHARE_COLUMNS = (
    ("national", "national_budget_krw"),
    ("provincial", "provincial_budget_krw"),
    ("municipal", "municipal_budget_krw"),
    ("private", "private_budget_krw"),
)

Row = tuple[int, dict[str, Any]]
SUMMED = ("plans", "pillars", "programmes")
"""The tables whose figures are summed: a row of one left out (too few cells) would make every
sum over it a false mismatch, so the totals wait until that row is fixed."""


def check_totals(package: PackageRows) -> Iterator[Problem]:
    """Where every part of a declared total is declared, the parts add up to it."""
    if package.has_ragged_rows(*SUMMED):
        return
    files, pillars = package.files, package.typed["pillars"]
    for row, plan in package.typed["plans"]:
        top = [
            (r, p)
            for r, p in pillars
            if p.get("plan_id") == plan.get("plan_id") and p.get("parent_id") is None
        ]
        for measure in MEASURES:
            yield from check_sum(
                (files["plans"], row, measure.plan_column, plan.get(measure.plan_column)),
                (files["pillars"], measure.pillar_column, top),
                measure.name,
                "top-pillars",
            )
    for row, parent in pillars:
        if not parent.get("pillar_id"):
            continue
        children = [(r, p) for r, p in pillars if p.get("parent_id") == parent["pillar_id"]]
        for measure in MEASURES:
            column = measure.pillar_column
            yield from check_sum(
                (files["pillars"], row, column, parent.get(column)),
                (files["pillars"], column, children),
                measure.name,
                "child-pillars",
            )


def check_sum(
    whole: tuple[str, int, str, Any],
    parts: tuple[str, str, list[Row]],
    measure: str,
    kind: str,
) -> Iterator[Problem]:
    """One declared total against rows that each declare a part: both sides are named."""
    path, row, column, total = whole
    parts_path, parts_column, rows = parts
    values = [cells.get(parts_column) for _, cells in rows]
    if total is None or not rows or any(v is None for v in values):
        return
    added = sum(values)
    if added == total:
        return
    numbers = ",".join(str(r) for r, _ in rows)
    shared = {"measure": measure, "parts": kind, "parts_sum": added, "total": total}
    yield Problem.at(
        path, row, column, "total-mismatch", side="total", other=f"{parts_path}:{numbers}", **shared
    )
    yield Problem.at(
        parts_path,
        rows[0][0],
        parts_column,
        "total-mismatch",
        side="parts",
        other=f"{path}:{row}",
        end_row=rows[-1][0],  # an annotation spans every part, so it covers the edited row
        **shared,
    )


def check_shares(package: PackageRows) -> Iterator[Problem]:
    """A programme's funding shares never exceed its budget and, all four given, add up to it."""
    if package.has_ragged_rows(*SUMMED):
        return
    files = package.files
    for row, plan in package.typed["plans"]:
        yield from exceeds(
            (files["plans"], row, "national_budget_krw"),
            plan.get("national_budget_krw"),
            plan.get("total_budget_krw"),
            measure="budget",
            part_kind="national",
            total_kind="plan-budget",
        )
    for row, programme in package.typed["programmes"]:
        budget = programme.get("budget_krw")
        declared = [programme[c] for _, c in SHARE_COLUMNS if programme.get(c) is not None]
        for kind, column in SHARE_COLUMNS:
            yield from exceeds(
                (files["programmes"], row, column),
                programme.get(column),
                budget,
                measure="budget",
                part_kind=kind,
                total_kind="programme-budget",
            )
        if budget is None:
            continue
        if len(declared) == len(SHARE_COLUMNS) and sum(declared) != budget:
            yield Problem.at(
                files["programmes"],
                row,
                "budget_krw",
                "total-mismatch",
                measure="budget",
                parts="funding-shares",
                parts_sum=sum(declared),
                total=budget,
            )
        elif len(declared) > 1:
            yield from exceeds(
                (files["programmes"], row, "budget_krw"),
                sum(declared),
                budget,
                measure="budget",
                part_kind="shares-sum",
                total_kind="programme-budget",
            )


def once(rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    """The programme rows stating `column`, a sub-item left out when a task above it states the
    same figure: its money is part of its task's (`model.counted_once`)."""
    return counted_once(
        rows,
        lambda r: r.get(column),
        lambda r: r.get("programme_id"),
        lambda r: r.get("parent_programme_id"),
    )


def exceeds(where: tuple[str, int, str], part: Any, total: Any, **values: str) -> Iterator[Problem]:
    if part is not None and total is not None and part > total:
        path, row, column = where
        yield Problem.at(path, row, column, "part-exceeds-total", part=part, total=total, **values)


def check_listed_within_declared(package: PackageRows) -> Iterator[Problem]:
    """What the rows list (programmes, child pillars) never exceeds what was declared above them.

    The listed count is of the rows that are among the declared programmes (row_kind a
    declared task or a named example of one): an activity from a strategy's description is
    not one of the programmes a plan counts, so counting it would compare unlike with like."""
    if package.has_ragged_rows(*SUMMED):
        return
    files = package.files
    pillars = [p for _, p in package.typed["pillars"]]
    programmes = [p for _, p in package.typed["programmes"]]
    children: dict[str | None, list[dict[str, Any]]] = {}
    for pillar in pillars:
        children.setdefault(pillar.get("parent_id"), []).append(pillar)

    def subtree(pillar_id: str) -> set[str]:
        found, todo = set(), [pillar_id]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += [c["pillar_id"] for c in children.get(current, []) if c.get("pillar_id")]
        return found

    groups = []
    for row, plan in package.typed["plans"]:
        plan_id = plan.get("plan_id")
        listed = [p for p in programmes if p.get("plan_id") == plan_id]
        national = [p["national_budget_krw"] for p in once(listed, "national_budget_krw")]
        yield from exceeds(
            (files["plans"], row, "national_budget_krw"),
            sum(national),
            plan.get("national_budget_krw"),
            measure="national",
            part_kind="listed-programmes",
            total_kind="declared",
        )
        parts = [p for p in pillars if p.get("plan_id") == plan_id and p.get("parent_id") is None]
        groups.append((files["plans"], row, plan, True, listed, parts))
    for row, pillar in package.typed["pillars"]:
        if pillar.get("pillar_id"):
            ids = subtree(pillar["pillar_id"])
            listed = [p for p in programmes if p.get("pillar_id") in ids]
            groups.append(
                (
                    files["pillars"],
                    row,
                    pillar,
                    False,
                    listed,
                    children.get(pillar["pillar_id"], []),
                )
            )
    for path, row, whole, is_plan, listed, parts in groups:
        for measure in MEASURES:
            column = measure.plan_column if is_plan else measure.pillar_column
            declared = whole.get(column)
            if declared is None:
                continue
            if measure.programme_column is None:
                declared_rows = [p for p in listed if p.get("row_kind") in DECLARED_KINDS]
                listed_value, listed_kind = len(declared_rows), "listed-count"
            else:
                column_of = measure.programme_column
                listed_value = sum(p[column_of] for p in once(listed, column_of))
                listed_kind = "listed-programmes"
            yield from exceeds(
                (path, row, column),
                listed_value,
                declared,
                measure=measure.name,
                part_kind=listed_kind,
                total_kind="declared",
            )
            known = [p.get(measure.pillar_column) for p in parts]
            known = [v for v in known if v is not None]
            if len(known) < len(parts):
                yield from exceeds(
                    (path, row, column),
                    sum(known),
                    declared,
                    measure=measure.name,
                    part_kind="known-child-pillars",
                    total_kind="declared",
                )
