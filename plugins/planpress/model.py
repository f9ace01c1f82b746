"""Typed, immutable records built from validated packages: what templates and downloads read.

Nothing here opens files or formats text. Declared figures (what a plan announced) and
listed figures (what can be counted or summed from rows) are kept apart; `Tally` puts
them side by side so a page never repeats a headline its parts contradict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple, TypeVar

from .addresses import pillar_anchor, programme_anchor, source_anchor, target_anchor
from .load import RESOURCE_NAMES, RawPackage, SchemaSet
from .records import Table, cast_row

R = TypeVar("R")

ROW_KINDS = ("declared-task", "named-example", "headline-task", "activity")
"""What a programmes row is in its source, in the order pages list them (the schema's enum)."""
DECLARED_KINDS = frozenset({"declared-task", "named-example"})
"""The kinds of row that are among the programmes a plan declares (its programme_count)."""


def counted_once(
    rows: Sequence[R],
    value: Callable[[R], Any],
    key: Callable[[R], str | None],
    parent: Callable[[R], str | None],
) -> list[R]:
    """The rows whose figure (`value`) is stated and counted once: a sub-item's figure is part
    of its task's when the task (or any task above it) states the same figure, so a sum of
    listed rows never adds a task and its sub-items twice."""
    by_id = {key(r): r for r in rows if key(r)}

    def stated_above(row: R) -> bool:
        seen: set[str] = set()
        current = parent(row)
        while current and current not in seen:  # a cycle is reported by its own rule
            seen.add(current)
            above = by_id.get(current)
            if above is None:
                return False
            if value(above) is not None:
                return True
            current = parent(above)
        return False

    return [r for r in rows if value(r) is not None and not stated_above(r)]


def once(programmes: Sequence[Programme], column: str) -> list[Programme]:
    """`counted_once` for programmes and one of their figure columns."""
    return counted_once(
        programmes,
        lambda p: getattr(p, column),
        lambda p: p.programme_id,
        lambda p: p.parent_programme_id,
    )


@dataclass(frozen=True)
class Source:
    source_id: str
    publisher: str | None
    title: str | None
    author: str | None
    published: dt.date | None
    url: str | None
    accessed: dt.date
    notes: str | None

    @property
    def anchor(self) -> str:
        return source_anchor(self.source_id)


@dataclass(frozen=True)
class Target:
    target_id: str
    plan_id: str
    pillar_id: str | None
    programme_id: str | None
    """The programme whose target this is; at most one of pillar and programme is given."""
    indicator_ko: str
    value: int | float | None
    """None for a qualitative target ("대기질 전국 최고 수준"): never charted nor summed."""
    unit: str | None
    target_year: int | None
    approximate: tuple[str, ...]
    """Numeric columns whose value the source gives as approximate ("15% 정도")."""
    source_id: str
    notes: str | None

    @property
    def anchor(self) -> str:
        return target_anchor(self.target_id)

    @property
    def qualitative(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Programme:
    programme_id: str
    plan_id: str
    pillar_id: str | None
    parent_programme_id: str | None
    name_ko: str
    summary_ko: str | None
    budget_krw: int | None
    budget_status: str | None
    """"secured" or "planned" where the source says which the budget is; else None."""
    national_budget_krw: int | None
    national_budget_status: str | None
    provincial_budget_krw: int | None
    municipal_budget_krw: int | None
    private_budget_krw: int | None
    jobs: int | None
    approximate: tuple[str, ...]
    """Numeric columns whose value the source gives as approximate ("9천300여명")."""
    start_year: int | None
    end_year: int | None
    flagship: bool
    row_kind: str
    """declared-task, named-example, headline-task or activity: what the row is in the source."""
    competitive_grant: str | None
    """"selected" when the source says a competitive grant (공모) chose it, "applied" when it
    only says the city applied; else None."""
    themes: tuple[str, ...]
    source_id: str
    notes: str | None
    depth: int = 0
    """0 for a task, 1 for a sub-item the source lists under it, and so on."""

    @property
    def anchor(self) -> str:
        return programme_anchor(self.programme_id)

    @property
    def national_share(self) -> Share | None:
        """국비 비중 of the programme's own budget; approximate when either figure is."""
        approximate = bool({"budget_krw", "national_budget_krw"} & set(self.approximate))
        return compute_share(self.national_budget_krw, self.budget_krw, approximate)


@dataclass(frozen=True)
class Pillar:
    pillar_id: str
    plan_id: str
    parent_id: str | None
    name_ko: str
    name_en: str | None
    description_ko: str | None
    programme_count: int | None
    budget_krw: int | None
    jobs: int | None
    source_id: str
    notes: str | None
    depth: int = 0

    @property
    def anchor(self) -> str:
        return pillar_anchor(self.pillar_id)


SHARE_STEP = Decimal("0.1")
"""A computed share is a percentage to one decimal, rounded half up (45.25 → 45.3)."""


@dataclass(frozen=True)
class Share:
    """A part as a percentage of a whole, both figures as the source states them.

    Computed, never declared: pages label it as a calculation and name its two figures.
    """

    part: int
    whole: int
    percent: Decimal
    """`part / whole × 100`, rounded half up to one decimal (SHARE_STEP)."""
    approximate: bool
    """Either figure is one the source gives as approximate, so the share is too."""


def compute_share(part: int | None, whole: int | None, approximate: bool = False) -> Share | None:
    """`part` as a percentage of `whole`; None when the source does not state both figures.

    A missing figure is never guessed or taken as 0, and a whole of 0 has no share.
    """
    if part is None or whole is None or whole <= 0:
        return None
    percent = (Decimal(part) * 100 / Decimal(whole)).quantize(SHARE_STEP, rounding=ROUND_HALF_UP)
    return Share(part, whole, percent, approximate)


@dataclass(frozen=True)
class Tally:
    """A declared figure beside the sum of its declared parts and the count of listed rows."""

    declared: int | None
    parts_sum: int | None
    """Sum of the parts' declared figures; None unless every part declares one."""
    parts_known: int
    parts_total: int

    @property
    def agrees(self) -> bool | None:
        if self.declared is None or self.parts_sum is None:
            return None
        return self.declared == self.parts_sum


@dataclass(frozen=True)
class Plan:
    plan_id: str
    title_ko: str
    title_en: str | None
    announced: dt.date | None
    occasion_ko: str | None
    period_start: int | None
    period_end: int | None
    vision_ko: str | None
    total_budget_krw: int | None
    budget_status: str | None
    national_budget_krw: int | None
    national_budget_status: str | None
    jobs_target: int | None
    programme_count: int | None
    programme_unit_ko: str | None
    source_id: str
    notes: str | None
    pillars: tuple[Pillar, ...] = ()
    """Every pillar of the plan, depth-first in file order (parents before children)."""
    programmes: tuple[Programme, ...] = ()
    targets: tuple[Target, ...] = ()

    @property
    def national_share(self) -> Share | None:
        """국비 비중: the declared national funding as a share of the declared total."""
        return compute_share(self.national_budget_krw, self.total_budget_krw)

    @property
    def top_pillars(self) -> tuple[Pillar, ...]:
        return tuple(p for p in self.pillars if p.parent_id is None)

    def children(self, pillar_id: str) -> tuple[Pillar, ...]:
        return tuple(p for p in self.pillars if p.parent_id == pillar_id)

    def pillar(self, pillar_id: str | None) -> Pillar | None:
        return next((p for p in self.pillars if p.pillar_id == pillar_id), None)

    def programme(self, programme_id: str | None) -> Programme | None:
        return next((p for p in self.programmes if p.programme_id == programme_id), None)

    def pillar_path(self, pillar_id: str | None) -> tuple[Pillar, ...]:
        """The pillar and its ancestors, outermost first."""
        path: list[Pillar] = []
        current = self.pillar(pillar_id)
        while current is not None and current not in path:
            path.insert(0, current)
            current = self.pillar(current.parent_id)
        return tuple(path)

    def programmes_under(self, pillar_id: str) -> tuple[Programme, ...]:
        ids = {pillar_id}
        for pillar in self.pillars:  # parents come first, so one pass finds every descendant
            if pillar.parent_id in ids:
                ids.add(pillar.pillar_id)
        return tuple(p for p in self.programmes if p.pillar_id in ids)

    def tally(self, measure: str, pillar: Pillar | None = None) -> Tally:
        """Declared figure of the plan (or a pillar) against the sum of its child pillars."""
        column = {"count": "programme_count", "budget": "budget_krw", "jobs": "jobs"}[measure]
        if pillar is None:
            declared = {
                "count": self.programme_count,
                "budget": self.total_budget_krw,
                "jobs": self.jobs_target,
            }[measure]
            parts = self.top_pillars
        else:
            declared = getattr(pillar, column)
            parts = self.children(pillar.pillar_id)
        values = [getattr(p, column) for p in parts]
        known = [v for v in values if v is not None]
        parts_sum = sum(known) if parts and len(known) == len(values) else None
        return Tally(declared, parts_sum, len(known), len(values))

    @property
    def declared_rows(self) -> tuple[Programme, ...]:
        """The listed rows that are among the plan's declared programmes: declared tasks and
        the examples the source names of them. Activities from a description are not: the
        source does not say which declared programme, if any, each belongs to."""
        return tuple(p for p in self.programmes if p.row_kind in DECLARED_KINDS)

    @property
    def numeric_targets(self) -> tuple[Target, ...]:
        """The targets with a figure: the only ones a chart or a sum may use."""
        return tuple(t for t in self.targets if not t.qualitative)

    def rows_of_kind(self, kind: str) -> tuple[Programme, ...]:
        return tuple(p for p in self.programmes if p.row_kind == kind)

    @property
    def programmes_with_budget(self) -> tuple[Programme, ...]:
        """The listed programmes whose source states a budget, counted once: a sub-item whose
        task states a budget is part of that budget (`counted_once`)."""
        return tuple(once(self.programmes, "budget_krw"))

    @property
    def programmes_with_national(self) -> tuple[Programme, ...]:
        """The listed programmes whose source states their national funding, counted once."""
        return tuple(once(self.programmes, "national_budget_krw"))

    @property
    def listed_budget_sum(self) -> int | None:
        values = [p.budget_krw for p in self.programmes_with_budget]
        return sum(v for v in values if v is not None) if values else None

    @property
    def listed_national_sum(self) -> int | None:
        """National funding of the listed programmes that state it; not the plan's total."""
        values = [p.national_budget_krw for p in self.programmes_with_national]
        return sum(v for v in values if v is not None) if values else None

    def listed_sum_approximate(self, column: str) -> bool:
        """Whether the listed sum of `column` (`budget_krw`, `national_budget_krw`) adds a
        figure the source gives as approximate: then the sum is approximate too ("약")."""
        return any(column in p.approximate for p in once(self.programmes, column))

    @property
    def listed_budget_approximate(self) -> bool:
        return self.listed_sum_approximate("budget_krw")

    @property
    def listed_national_approximate(self) -> bool:
        return self.listed_sum_approximate("national_budget_krw")


@dataclass(frozen=True)
class Change:
    """One version of a package's data, as its descriptor's `history` records it."""

    version: str
    date: str
    """The day this version was published (YYYY-MM-DD)."""
    changes_ko: str


@dataclass(frozen=True)
class City:
    slug: str
    title: str
    description: str | None
    name_ko: str
    name_en: str
    province_ko: str
    province_en: str
    admin_level: str | None
    version: str
    updated: str
    licenses: tuple[dict[str, Any], ...]
    contributors: tuple[dict[str, Any], ...]
    keywords: tuple[str, ...]
    plans: tuple[Plan, ...]
    sources: tuple[Source, ...]
    raw: RawPackage = field(repr=False, compare=False)
    history: tuple[Change, ...] = ()
    """Newest first; empty when the descriptor keeps no history."""

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.source_id == source_id), None)

    @property
    def place_ko(self) -> str:
        """The city with its province, "파주시(경기도)"; a metropolitan city that is its own
        province once, "대구광역시"."""
        if not self.province_ko or self.province_ko == self.name_ko:
            return self.name_ko
        return f"{self.name_ko}({self.province_ko})"

    @property
    def programmes(self) -> tuple[Programme, ...]:
        return tuple(p for plan in self.plans for p in plan.programmes)

    @property
    def plan(self) -> Plan | None:
        return self.plans[0] if self.plans else None


class ThemeProgrammes(NamedTuple):
    """One theme of the vocabulary and the (city, programme) pairs that carry it, city by city."""

    theme: dict[str, str]
    found: list[tuple[City, Programme]]

    @property
    def theme_id(self) -> str:
        return self.theme["theme_id"]

    @property
    def cities(self) -> tuple[City, ...]:
        """The cities with a programme of this theme, each once, in site order."""
        return tuple({city.slug: city for city, _ in self.found}.values())


@dataclass(frozen=True)
class Site:
    cities: tuple[City, ...]
    schemas: SchemaSet = field(repr=False, compare=False)

    @property
    def updated(self) -> str | None:
        return max((c.updated for c in self.cities), default=None)

    def programmes_by_theme(self) -> list[ThemeProgrammes]:
        """Each vocabulary theme with the programmes of every city that carry it (empty themes left out)."""
        grouped = []
        for theme in self.schemas.themes:
            found = [
                (c, p) for c in self.cities for p in c.programmes if theme["theme_id"] in p.themes
            ]
            if found:
                grouped.append(ThemeProgrammes(theme, found))
        return grouped

    def theme_name(self, theme_id: str) -> str:
        return next(
            (t["name_ko"] for t in self.schemas.themes if t["theme_id"] == theme_id), theme_id
        )


# -- building -------------------------------------------------------------------------


def typed_rows(
    raw: RawPackage, schemas: SchemaSet, name: str, table: Table | None = None
) -> list[dict[str, Any]]:
    """A resource's rows typed by its schema; from `table` when the caller has it parsed."""
    resource = raw.resource(name)
    if resource is None or resource.data is None:
        return []
    schema = schemas.tables[name]
    table = resource.read_table() if table is None else table
    return [cast_row(schema, cells) for _, cells in table.rows]


def split_list(cell: str | None) -> tuple[str, ...]:
    """A `;`-separated cell as its items; an empty cell is no items."""
    return tuple(item for item in (cell or "").split(";") if item)


def order_programmes(rows: list[dict[str, Any]]) -> tuple[Programme, ...]:
    """Tasks in file order, each followed by its sub-items (depth-first), each knowing its depth."""
    by_parent: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        by_parent.setdefault(row["parent_programme_id"], []).append(row)
    ordered: list[Programme] = []

    def visit(parent: str | None, depth: int) -> None:
        for row in by_parent.get(parent, []):
            ordered.append(Programme(**row, depth=depth))
            visit(row["programme_id"], depth + 1)

    visit(None, 0)
    return tuple(ordered)


def order_pillars(rows: list[dict[str, Any]]) -> tuple[Pillar, ...]:
    """Depth-first in file order, each pillar knowing its depth."""
    by_parent: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        by_parent.setdefault(row["parent_id"], []).append(row)
    ordered: list[Pillar] = []

    def visit(parent: str | None, depth: int) -> None:
        for row in by_parent.get(parent, []):
            ordered.append(Pillar(**row, depth=depth))
            visit(row["pillar_id"], depth + 1)

    visit(None, 0)
    return tuple(ordered)


def build_city(raw: RawPackage, schemas: SchemaSet) -> City:
    """Build a city from a package that has passed validation."""
    rows = {name: typed_rows(raw, schemas, name) for name in RESOURCE_NAMES}
    plans = []
    for plan_row in rows["plans"]:
        plan_id = plan_row["plan_id"]
        pillars = order_pillars([r for r in rows["pillars"] if r["plan_id"] == plan_id])
        programmes = order_programmes(
            [
                {
                    **r,
                    "themes": split_list(r["themes"]),
                    "approximate": split_list(r["approximate"]),
                }
                for r in rows["programmes"]
                if r["plan_id"] == plan_id
            ]
        )
        targets = tuple(
            Target(**{**r, "approximate": split_list(r["approximate"])})
            for r in rows["targets"]
            if r["plan_id"] == plan_id
        )
        plans.append(Plan(**plan_row, pillars=pillars, programmes=programmes, targets=targets))
    d = raw.descriptor
    return City(
        slug=raw.folder,
        title=d["title"],
        description=d.get("description"),
        name_ko=d["city"]["name_ko"],
        name_en=d["city"]["name_en"],
        province_ko=d["province"]["name_ko"],
        province_en=d["province"]["name_en"],
        admin_level=d.get("admin_level"),
        version=d["version"],
        updated=d["updated"],
        licenses=tuple(d["licenses"]),
        contributors=tuple(d["contributors"]),
        keywords=tuple(d.get("keywords", ())),
        plans=tuple(plans),
        sources=tuple(Source(**r) for r in rows["sources"]),
        raw=raw,
        history=tuple(Change(**entry) for entry in d.get("history", ())),
    )


def build_site(raws: list[RawPackage], schemas: SchemaSet) -> Site:
    return Site(
        tuple(build_city(raw, schemas) for raw in sorted(raws, key=lambda r: r.folder)), schemas
    )
