"""What the site says: labels, Jinja filters and editorial sentences, as plain functions.

No Pelican here — `generator.py` registers FILTERS and GLOBALS with Jinja, and templates
only lay out what these functions return. Every function that embeds markup returns
`Markup` and escapes every data value (data text is untrusted).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from markupsafe import Markup

from .addresses import SEARCH_INDEX, Addresses, version_anchor
from .amounts import format_count, format_krw
from .charts import Bar, BarChart, render_bar_chart
from .model import (
    DECLARED_KINDS,
    ROW_KINDS,
    Change,
    City,
    Pillar,
    Plan,
    Programme,
    Share,
    Source,
    Tally,
    Target,
    ThemeProgrammes,
)
from .particles import attach, particle
from .search import INDEX_GLOBAL

UNKNOWN = "출처에 없음"
"""What an empty cell says: the source does not state the figure. It is not 0, and it is not
a figure the city withheld (that would be WITHHELD)."""
UNKNOWN_PREDICATE = "출처에 없습니다"
"""UNKNOWN at the end of a sentence: "분야별 사업비는 출처에 없습니다"."""
UNKNOWN_CAUSE = "출처에 없어"
"""UNKNOWN as the reason of a clause: "국비가 출처에 없어 계산하지 않았습니다"."""
WITHHELD = "비공개"
"""Reserved for a source that says a figure is withheld. The data cannot say so yet, so no
page shows it; the legend explains the difference."""

UNIT_WORDS = {"jobs": "개", "persons": "명", "t": "톤", "%": "%"}
"""Korean counter word for each target unit in `targets.csv`."""
UNIT_LABELS = {"KRW": "원", "jobs": "일자리 수(개)", "programmes": "과제 수(개)"}
"""How the data dictionary names each schema unit."""
TYPE_WORDS = {
    "string": "문자열",
    "integer": "정수",
    "number": "숫자",
    "date": "날짜",
    "year": "연도",
    "boolean": "참/거짓",
}
"""How the data dictionary names each Table Schema type."""
FUNDING_LABELS = (
    ("national_budget_krw", "국비"),
    ("provincial_budget_krw", "광역"),
    ("municipal_budget_krw", "시·군비"),
    ("private_budget_krw", "민간"),
)
"""The parts of a programme's funding, in the order a budget table lists them."""
ROW_KIND_LABELS = {
    "declared-task": "발표 과제",
    "named-example": "예시로 든 사업",
    "headline-task": "따로 센 대표과제",
    "activity": "설명 속 활동",
}
"""What a programmes row is in its source (row_kind), as the pages say it."""
ROW_KIND_HELP = {
    "declared-task": "계획이 발표한 과제로 출처가 이름을 든 것",
    "named-example": "발표한 과제 가운데 출처가 예로 든 것",
    "headline-task": "계획이 발표한 과제 수와 다른 단위로 따로 센 대표과제로, 그 수에 드는지 출처가 밝히지 않은 것",
    "activity": "전략·과제를 설명하는 문장에 나온 활동으로, 발표한 과제 가운데 어느 것인지 출처가 밝히지 않은 것",
}
UNCOUNTED_KIND_SHORT = {"headline-task": "대표과제", "activity": "활동"}
"""The kinds of row coverage leaves out, as the comparison's narrow cell names them."""
FUNDING_STATUS_LABELS = {"secured": "확보", "planned": "계획"}
"""budget_status and national_budget_status: what the source says the money is."""
GRANT_LABELS = {"selected": "공모 선정", "applied": "공모 참여"}
"""competitive_grant: a competitive grant (공모) the source says the programme won or entered."""
QUALITATIVE_TARGET = "정성 목표"
"""A target the source states without a number: shown as such, never charted nor summed."""
VALUE_LABELS = {
    "row_kind": ROW_KIND_LABELS,
    "budget_status": FUNDING_STATUS_LABELS,
    "national_budget_status": FUNDING_STATUS_LABELS,
    "competitive_grant": GRANT_LABELS,
}
"""The data dictionary's words for each value of a fixed list, by column."""
DEFAULT_PROGRAMME_WORD = "과제"
"""What the site calls a programme; a plan's own word (사업, 추진과제) is shown beside it."""


# -- navigation -----------------------------------------------------------------------


def list_navigation(addresses: Addresses) -> list[tuple[str, str]]:
    """The site's own pages in the main menu, as (address, label)."""
    return [
        (addresses.home, "도시 목록"),
        (addresses.compare, "도시 비교"),
        (addresses.data, "데이터 내려받기"),
        (addresses.search_link(), SEARCH_WORDING["heading"]),
    ]


# -- search ---------------------------------------------------------------------------

SEARCH_KIND_LABELS = {"city": "도시", "pillar": "분야", "programme": "사업", "target": "목표"}
"""What each kind of search result is called (search.KINDS), shown beside its city."""

SEARCH_RESULT_LIMIT = 50
"""Results listed at once; the count says how many more there are."""

SEARCH_WORDING = {
    "heading": "찾기",
    "label": "도시·분야·사업·목표에서 찾기",
    "hint": "낱말의 일부만 써도 찾습니다. 예: 파주, 빅데이터, 인공지능, 홍수",
    "button": "찾기",
    "noscript": (
        "검색은 자바스크립트가 켜져 있어야 작동합니다. 아래 도시 목록에서 도시를 골라 "
        "그 페이지의 표에서 찾아 주세요."
    ),
}
"""The search form's own words, written into the page."""

SEARCH_MESSAGES = {
    "count": "‘{query}’ 검색 결과 {count}개",
    "none": "‘{query}’에 맞는 도시·분야·사업·목표가 없습니다.",
    "more": "앞의 {shown}개만 보입니다. 낱말을 더 써서 좁혀 보세요.",
    "loading": "검색 색인을 불러오는 중입니다…",
    "failed": (
        f"검색 색인({SEARCH_INDEX})을 불러오지 못해 검색할 수 없습니다. "
        "아래 도시 목록에서 도시를 골라 주세요."
    ),
}
"""What search.js says in the status line, given to it as the form's data attributes
({query}, {count}, {shown} are filled in by the script)."""


# -- values ---------------------------------------------------------------------------


def render_unknown() -> Markup:
    """An empty cell, marked so it never reads as 0."""
    return Markup('<span class="unknown">{}</span>').format(UNKNOWN)


def render_unknown_legend() -> Markup:
    """What an empty figure means, and what it does not: said beside every money note."""
    return Markup(
        "‘{}’{} 출처가 밝히지 않은 값입니다. 0이 아니며, 시가 숨긴 값이라는 뜻도 아닙니다."
        " ‘{}’{} 출처가 그 수치를 공개하지 않는다고 밝힌 경우에만 쓰는 말이며,"
        " 지금 실린 데이터에는 그런 값이 없습니다."
    ).format(render_unknown(), particle(UNKNOWN, "은"), WITHHELD, particle(WITHHELD, "은"))


def format_krw_text(won: int | None) -> str:
    """Money as plain text (no markup), for attributes and plain sentences."""
    return UNKNOWN if won is None else format_krw(won)


APPROXIMATE_WORD = "약"
APPROXIMATE_TITLE = "출처가 어림수로 밝힌 값"
APPROXIMATE_SUM_TITLE = "출처가 어림수로 밝힌 값이 들어 있는 합"


def format_krw_approx(won: int, approximate: bool = False) -> str:
    """Money as words; a figure (or a sum holding one) the source gives as approximate reads
    "약 390억 원"."""
    shown = format_krw(won)
    return f"{APPROXIMATE_WORD} {shown}" if approximate else shown


def render_krw(won: int | None, approximate: bool = False, why: str = APPROXIMATE_TITLE) -> Markup:
    """Korean-style money with the exact won kept in the markup; "약" when `approximate`,
    and `why` in its title (a figure given roughly, or a sum that holds one)."""
    if won is None:
        return render_unknown()
    exact = f"{won:,}원"
    title = f"{exact} ({why})" if approximate else exact
    css = "krw approximate" if approximate else "krw"
    return Markup(
        '<data class="{}" value="{}" title="{}">{}<span class="visually-hidden"> ({})</span></data>'
    ).format(css, won, title, format_krw_approx(won, approximate), exact)


def format_count_text(value: int | float, unit: str = "", approximate: bool = False) -> str:
    """A count as words; one the source gives as approximate reads "약 9,300개"."""
    shown = format_count(value, unit)
    return f"{APPROXIMATE_WORD} {shown}" if approximate else shown


def render_count(value: int | float | None, unit: str = "", approximate: bool = False) -> Markup:
    """A count; the exact number the source states stays in `value` even when approximate."""
    if value is None:
        return render_unknown()
    if approximate:
        return Markup('<data value="{}" class="approximate" title="{}">{}</data>').format(
            value, APPROXIMATE_TITLE, format_count_text(value, unit, approximate)
        )
    return Markup('<data value="{}">{}</data>').format(value, format_count(value, unit))


def render_target_value(value: int | float | None, unit: str, approximate: bool = False) -> Markup:
    return render_count(value, UNIT_WORDS.get(unit, unit), approximate)


def render_date(value: dt.date | None) -> Markup:
    if value is None:
        return render_unknown()
    return Markup('<time datetime="{0}">{0}</time>').format(value.isoformat())


def render_period(start: int | None, end: int | None) -> Markup:
    """Plan period in words; a missing end of the range is said, not shown as '?'."""
    if start is None and end is None:
        return render_unknown()
    if start is not None and end is not None:
        return (
            Markup("{}년").format(start) if start == end else Markup("{}–{}년").format(start, end)
        )
    if end is not None:
        return Markup('{}년까지 <span class="muted">(시작 연도 미상)</span>').format(end)
    return Markup('{}년부터 <span class="muted">(종료 연도 미상)</span>').format(start)


def render_programme_period(programme: Programme) -> Markup:
    """A programme's years beside its budget ("2021년까지"); nothing when the source gives none."""
    if programme.start_year is None and programme.end_year is None:
        return Markup("")
    period = render_period(programme.start_year, programme.end_year)
    return Markup('<span class="programme-period">{}</span>').format(period)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size:,} B"
    kilobytes = round(size / 1024, 1)  # round first, so 1,048,575 B is "1.0 MB", not "1,024.0 KB"
    if kilobytes < 1024:
        return f"{kilobytes:,.1f} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


# -- programmes -------------------------------------------------------------------------


def render_pillar_path(plan: Plan, pillar_id: str | None) -> Markup:
    """Where a programme sits: "산업뉴딜 › 디지털 융합", or unknown when the source does not say."""
    path = plan.pillar_path(pillar_id)
    if not path:
        return render_unknown()
    return Markup(" › ").join(Markup("{}").format(p.name_ko) for p in path)


def render_parent_programme(plan: Plan, programme: Programme) -> Markup:
    """Under a sub-item's name, the task it belongs to, linked; nothing for a task."""
    parent = plan.programme(programme.parent_programme_id)
    if parent is None:
        return Markup("")
    return Markup('<span class="parent-note"><a href="#{}">{}</a>의 세부 사업</span>').format(
        parent.anchor, parent.name_ko
    )


def list_funding(programme: Programme) -> list[tuple[str, int, bool]]:
    """The stated parts of a programme's funding as (label, won, approximate); empty when
    none is stated. 국비 carries its status when the source gives one ("국비 (확보)")."""
    parts = [
        (label, getattr(programme, column), column in programme.approximate)
        for column, label in FUNDING_LABELS
    ]
    status = FUNDING_STATUS_LABELS.get(programme.national_budget_status or "")
    return [
        (f"{label} ({status})" if status and label == "국비" else label, won, approximate)
        for label, won, approximate in parts
        if won is not None
    ]


def render_programme_budget(programme: Programme) -> Markup:
    """A programme's budget cell: the amount ("약" when approximate) and its status."""
    return render_krw(programme.budget_krw, "budget_krw" in programme.approximate) + (
        render_funding_status(programme.budget_status)
    )


def render_funding_status(status: str | None) -> Markup:
    """Beside an amount, what the source says it is: "(확보)" or "(계획)"; nothing if unsaid."""
    label = FUNDING_STATUS_LABELS.get(status or "")
    if label is None:
        return Markup("")
    return Markup(' <span class="funding-status funding-{}">({})</span>').format(status, label)


def render_programme_kind(programme: Programme) -> Markup:
    """Under a programme's name: what kind of row it is, and a grant it won, as tags."""
    tags = [
        Markup('<span class="tag row-kind row-kind-{}" title="{}">{}</span>').format(
            programme.row_kind,
            ROW_KIND_HELP.get(programme.row_kind, ""),
            ROW_KIND_LABELS.get(programme.row_kind, programme.row_kind),
        )
    ]
    grant = GRANT_LABELS.get(programme.competitive_grant or "")
    if grant:
        tags.append(Markup('<span class="tag grant">{}</span>').format(grant))
    return Markup('<span class="row-tags">{}</span>').format(Markup(" ").join(tags))


def render_target_owner(plan: Plan, target: Target) -> Markup:
    """Whose target it is: a programme (linked), a pillar, or the plan as a whole."""
    programme = plan.programme(target.programme_id)
    if programme is not None:
        return Markup('과제 <a href="#{}">{}</a>').format(programme.anchor, programme.name_ko)
    pillar = plan.pillar(target.pillar_id)
    if pillar is not None:
        return Markup('분야 <a href="#{}">{}</a>').format(pillar.anchor, pillar.name_ko)
    return Markup("계획 전체")


def render_target(target: Target) -> Markup:
    """A target's value, or "정성 목표" for one the source states without a number."""
    if target.value is None:
        return Markup('<span class="qualitative">{}</span>').format(QUALITATIVE_TARGET)
    return render_target_value(target.value, target.unit or "", "value" in target.approximate)


def render_year(year: int | None) -> Markup:
    return render_unknown() if year is None else Markup("{}년").format(year)


def render_programme_count(plan: Plan) -> Markup:
    """The declared number of programmes, with the plan's own word for them when it differs."""
    shown = render_count(plan.programme_count, "개")
    word = plan.programme_unit_ko
    if plan.programme_count is None or not word or word == DEFAULT_PROGRAMME_WORD:
        return shown
    return Markup('{} <span class="muted">(출처의 표현: {})</span>').format(shown, word)


# -- declared figures beside listed rows --------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """What a tally counts: its label in a sentence and how its values are shown."""

    label: str
    unit: str = ""
    money: bool = False

    def render(self, value: int) -> Markup:
        return render_krw(value) if self.money else render_count(value, self.unit)

    def render_with(self, value: int, name: str) -> Markup:
        """The value followed by particle `name`, chosen from how the value is read."""
        said = format_krw(value) if self.money else format_count(value, self.unit)
        return self.render(value) + particle(said, name)


MEASURES = {
    "count": Measure("과제 수", "개"),
    "budget": Measure("사업비", money=True),
    "jobs": Measure("일자리", "개"),
}
"""The measures of `Plan.tally`, by the same keys."""


def render_tally(tally: Tally, measure: str, parts_word: str = "분야") -> Markup:
    """A declared figure beside the sum of its parts, in one true sentence for every case."""
    m = MEASURES[measure]
    label, parts = m.label, f"{parts_word}별"
    declared, total, known = tally.declared, tally.parts_total, tally.parts_known
    if total == 0:
        if declared is None:
            return Markup("{} {}.").format(attach(label, "는"), UNKNOWN_PREDICATE)
        return Markup("발표된 전체 {}: {}.").format(label, m.render(declared))
    if tally.parts_sum is not None:
        summed = tally.parts_sum
        if declared is None:
            return Markup("{} {}의 합은 {}이지만, 전체 {} 발표되지 않았습니다.").format(
                parts, label, m.render(summed), attach(label, "는")
            )
        if tally.agrees:
            return Markup("{} {} 더하면 {}입니다. 발표된 전체 {} 같습니다.").format(
                parts, attach(label, "를"), m.render(summed), attach(label, "와")
            )
        return Markup("{} {} 더하면 {} 발표된 전체 {} {} 다릅니다.").format(
            parts,
            attach(label, "를"),
            m.render_with(summed, "으로") + ",",
            label,
            m.render_with(declared, "와"),
        )
    some = Markup("{} {}개 중 {}개만 밝혀졌").format(parts_word, total, known)
    if declared is not None:
        head = Markup("발표된 전체 {}: {}.").format(label, m.render(declared))
        if known:
            return Markup("{} {} {} {}습니다.").format(head, parts, attach(label, "는"), some)
        return Markup("{} {} {} {}.").format(head, parts, attach(label, "는"), UNKNOWN_PREDICATE)
    if known:
        return Markup("{} {} {}고, 전체 {} 발표되지 않았습니다.").format(
            parts, attach(label, "는"), some, attach(label, "는")
        )
    return Markup("{} 전체도 {}로도 {}.").format(attach(label, "는"), parts, UNKNOWN_PREDICATE)


CHILD_MEASURES = ("count", "budget")
"""What the line under the pillar table adds up for a pillar's sub-pillars."""


def render_child_tally(plan: Plan, pillar: Pillar) -> Markup:
    """What a parent pillar's sub-pillars add up to, against what the pillar declares."""
    total = len(plan.children(pillar.pillar_id))
    clauses = [Markup("{}의 하위 분야 {}개:").format(pillar.name_ko, total)]
    for measure in CHILD_MEASURES:
        m = MEASURES[measure]
        tally = plan.tally(measure, pillar)
        label = m.label
        if tally.parts_sum is not None and tally.declared is None:
            clause = Markup("{} 더하면 {}입니다.").format(
                attach(label, "를"), m.render(tally.parts_sum)
            )
        elif tally.parts_sum is not None and tally.agrees:
            clause = Markup("{} 더하면 {}이고, {}의 발표 {} 같습니다.").format(
                attach(label, "를"), m.render(tally.parts_sum), pillar.name_ko, attach(label, "와")
            )
        elif tally.parts_sum is not None and tally.declared is not None:
            clause = Markup("{} 더하면 {} {}의 발표 {} {} 다릅니다.").format(
                attach(label, "를"),
                m.render_with(tally.parts_sum, "으로") + ",",
                pillar.name_ko,
                label,
                m.render_with(tally.declared, "와"),
            )
        elif tally.parts_known:
            clause = Markup("{} {}개 중 {}개만 밝혀졌습니다.").format(
                attach(label, "는"), total, tally.parts_known
            )
        else:
            clause = Markup("하위 분야별 {} {}.").format(attach(label, "는"), UNKNOWN_PREDICATE)
        clauses.append(clause)
    return Markup(" ").join(clauses)


def list_child_tallies(plan: Plan) -> list[Markup]:
    """One line per pillar that has sub-pillars, in pillar order."""
    return [render_child_tally(plan, p) for p in plan.pillars if plan.children(p.pillar_id)]


def render_listed_count(plan: Plan) -> Markup:
    """The declared number of programmes beside the number this page lists."""
    listed = attach(f"{len(plan.programmes)}개", "가")
    if plan.programme_count is None:
        return Markup(
            "전체 과제 수는 발표되지 않았고, 출처에 나온 과제 {} 이 목록에 실렸습니다."
        ).format(listed)
    declared = render_count(plan.programme_count, "개") + particle(
        format_count(plan.programme_count, "개"), "를"
    )
    return Markup(
        "계획은 {} {} 발표했고, 이 목록에는 출처에 나온 과제 {} 실렸습니다."
        " 목록의 행이 발표된 개수와 하나씩 맞아떨어지지는 않을 수 있습니다(비고 참고)."
    ).format(plan.programme_unit_ko or DEFAULT_PROGRAMME_WORD, declared, listed)


@dataclass(frozen=True)
class Coverage:
    """How many of the plan's declared programmes the list holds, by what kind each row is."""

    declared: int | None
    by_kind: dict[str, int]

    @property
    def listed(self) -> int:
        """Rows that are among the declared programmes: declared tasks and named examples."""
        return self.by_kind.get("declared-task", 0) + self.by_kind.get("named-example", 0)

    @property
    def share(self) -> float | None:
        if not self.declared:
            return None
        return self.listed / self.declared


def count_coverage(plan: Plan) -> Coverage:
    return Coverage(plan.programme_count, {k: len(plan.rows_of_kind(k)) for k in ROW_KINDS})


def uncounted_kinds(coverage: Coverage) -> list[str]:
    """The kinds of listed row coverage cannot count (not known to be among the declared
    programmes), in the pages' order, leaving out kinds with no row."""
    return [k for k in ROW_KINDS if k not in DECLARED_KINDS and coverage.by_kind.get(k)]


def format_percent(share: float) -> str:
    """A share as a whole percent, never rounded up to 100 or down to 0 while it is not."""
    percent = round(share * 100)
    if percent == 100 and share < 1:
        return "99% 남짓"
    if percent == 0 and share > 0:
        return "1% 미만"
    return f"{percent}%"


def describe_kinds(coverage: Coverage) -> str:
    """Which kinds the listed rows are: "예시로 든 사업", or each kind with its count."""
    kinds = [k for k in ("declared-task", "named-example") if coverage.by_kind.get(k)]
    if len(kinds) == 1:
        return ROW_KIND_LABELS[kinds[0]]
    return ", ".join(f"{ROW_KIND_LABELS[k]} {coverage.by_kind[k]}개" for k in kinds)


COMPUTED_NOTE = "planpress가 목록의 행을 세어 계산한 값"


def render_coverage(plan: Plan) -> Markup:
    """The listed-vs-declared coverage figure, computed, with the kinds of rows it counts and
    the activities it leaves out (they cannot be matched to a declared programme)."""
    coverage = count_coverage(plan)
    word = plan.programme_unit_ko or DEFAULT_PROGRAMME_WORD
    uncounted = uncounted_kinds(coverage)
    if coverage.declared is None:
        head = Markup("발표한 {} 수가 출처에 없어 목록이 얼마나 담았는지 셀 수 없습니다.").format(
            word
        )
        if coverage.listed:
            head += Markup(" 목록에는 {}가 있습니다.").format(
                ", ".join(
                    f"{ROW_KIND_LABELS[k]} {coverage.by_kind[k]}개"
                    for k in ("declared-task", "named-example")
                    if coverage.by_kind.get(k)
                )
            )
    elif coverage.listed:
        head = Markup("발표한 {} {}개 가운데 {}개({})가 목록에 있습니다 ({}).").format(
            word,
            coverage.declared,
            coverage.listed,
            format_percent(coverage.share or 0),
            describe_kinds(coverage),
        )
    else:
        head = Markup("발표한 {} {}개 가운데 목록에 이름이 있다고 확인되는 것은 없습니다.").format(
            word, coverage.declared
        )
    if uncounted:
        head += Markup(
            " 목록의 {}는 발표한 {} 가운데 어느 것인지 출처가 밝히지 않아 세지 않았습니다."
        ).format(
            ", ".join(f"{ROW_KIND_LABELS[k]} {coverage.by_kind[k]}개" for k in uncounted), word
        )
    return head + Markup(' <span class="computed">({})</span>').format(COMPUTED_NOTE)


NONE_CONFIRMED = "확인된 것 없음"
"""A coverage with no row known to be among the declared programmes, while some rows are of a
kind it cannot count: not 0%, which would say the list holds none of them."""


def coverage_share(plan: Plan) -> float | None:
    """The coverage as a fraction, for sorting the comparison; None without a declared count
    or when none is confirmed but some rows could not be counted (NONE_CONFIRMED)."""
    coverage = count_coverage(plan)
    if coverage.listed == 0 and uncounted_kinds(coverage):
        return None
    return coverage.share


def render_coverage_cell(plan: Plan) -> Markup:
    """The comparison's coverage cell: "43개 중 16개 (37%)" and the kinds it counts."""
    coverage = count_coverage(plan)
    if coverage.declared is None:
        return render_unknown()  # the declared count; the header says which figure it is
    uncounted = uncounted_kinds(coverage)
    if coverage.listed == 0 and uncounted:
        # none confirmed is not "0%": the rows it could not count may be among the declared
        cell = Markup("{}<br>{}개 중").format(NONE_CONFIRMED, coverage.declared)
    else:
        cell = Markup("{}<br>{}개 중 {}개").format(
            format_percent(coverage.share or 0), coverage.declared, coverage.listed
        )
    notes = [describe_kinds(coverage)] if coverage.listed else []
    if uncounted:
        notes.append(
            "·".join(f"{UNCOUNTED_KIND_SHORT[k]} {coverage.by_kind[k]}개" for k in uncounted)
            + " 제외"
        )
    if notes:
        cell += Markup('<br><span class="muted">{}</span>').format("; ".join(notes))
    return cell


def render_listed_budget(plan: Plan) -> Markup | None:
    """What the listed programmes' stated budgets add up to; None when none states one. A
    sub-item whose task states a budget is known, but counted once, inside its task's."""
    if plan.listed_budget_sum is None:
        return None
    listed = len(plan.programmes)
    known = sum(1 for p in plan.programmes if p.budget_krw is not None)
    inside = known - len(plan.programmes_with_budget)
    total = render_listed_sum(plan, "budget_krw")
    if known == listed:
        said = Markup("목록에 실린 과제 {}개의 사업비를 모두 더하면 {}입니다.").format(
            listed, total
        )
    else:
        said = Markup("목록에 실린 과제 {}개 가운데 사업비가 알려진 {}개의 합은 {}입니다.").format(
            listed, known, total
        )
    if inside:
        said += Markup(
            " 하위 과제 {}개의 사업비는 상위 과제의 사업비에 들어 있어 한 번만 셌습니다."
        ).format(inside)
    if known < listed:
        said += Markup(" 나머지 {}개 과제의 사업비는 {}.").format(listed - known, UNKNOWN_PREDICATE)
    return said


LISTED_SUMS = {"budget_krw": "listed_budget_sum", "national_budget_krw": "listed_national_sum"}
"""The plan's listed sum of each programme money column."""


def render_listed_sum(plan: Plan, column: str) -> Markup:
    """The listed programmes' sum of `column`, "약" when it adds an approximate figure."""
    approximate = plan.listed_sum_approximate(column)
    return render_krw(getattr(plan, LISTED_SUMS[column]), approximate, APPROXIMATE_SUM_TITLE)


def list_reconciliation(plan: Plan) -> list[Markup]:
    """The sentences of "발표 수치와 목록 맞춰 보기", in the order a reader checks them."""
    sentences = [render_listed_count(plan), render_coverage(plan)]
    sentences += [render_tally(plan.tally(measure), measure) for measure in MEASURES]
    listed_budget = render_listed_budget(plan)
    if listed_budget is not None:
        sentences.append(listed_budget)
    return sentences


# -- the comparison -----------------------------------------------------------------------


def render_pillar_budget_sum(plan: Plan) -> Markup:
    """The compare table's "sum of pillar budgets" cell: the sum, or how much of it is known."""
    tally = plan.tally("budget")
    if tally.parts_sum is not None:
        return render_krw(tally.parts_sum)
    if tally.parts_known:
        return Markup('<span class="unknown">분야 {}곳 중 {}곳만 출처에 있음</span>').format(
            tally.parts_total, tally.parts_known
        )
    return render_unknown()


def render_listed_national_note(cities: Iterable[City]) -> Markup:
    """Why the listed national funding is not a plan's national total, with this data's cases.

    Names each city whose listed programmes state national funding for only some of them.
    """
    note = Markup(
        "국비의 ‘목록 과제 합’은 목록에 실린 과제 가운데 국비가 알려진 것만 더한 값으로,"
        " 계획 전체의 국비가 아닙니다."
    )
    cases = []
    for city in sorted(cities, key=lambda c: c.name_ko):
        plan = city.plan
        if plan is None or plan.listed_national_sum is None:
            continue
        stated, listed = plan.programmes_with_national, len(plan.programmes)
        if len(stated) == listed:
            continue
        names = Markup(", ").join(Markup("‘{}’").format(p.name_ko) for p in stated)
        if len(stated) == 1:
            which = Markup("{}의 국비").format(names)
        elif len(stated) <= NAMED_AT_MOST:
            which = Markup("{} {}개의 국비 합").format(names, len(stated))
        else:
            which = Markup("{}개의 국비 합").format(len(stated))
        cases.append(
            Markup("{} 과제 {}개 가운데 {} {}").format(
                attach(city.name_ko, "는"),
                listed,
                which,
                render_listed_sum(plan, "national_budget_krw") + "만",
            )
        )
    if not cases:
        return note
    return Markup("{} {} 알려져 있습니다.").format(note, Markup(", ").join(cases))


NAMED_AT_MOST = 3
"""The note names the programmes of a city when there are at most this many."""


# -- themes -------------------------------------------------------------------------------


def render_theme_caption(group: ThemeProgrammes) -> Markup:
    """The caption of a theme page's table: which theme, how many programmes, how many cities."""
    return Markup("주제 ‘{}’의 과제 {}개 (도시 {}곳)").format(
        group.theme["name_ko"], len(group.found), len(group.cities)
    )


def render_theme_summary(group: ThemeProgrammes) -> Markup:
    """Which cities' programmes carry the theme: by name while the list stays readable."""
    count = len(group.found)
    if len(group.cities) > CITIES_NAMED_AT_MOST:
        return Markup("도시 {}곳의 과제 {}개에 이 주제를 붙였습니다.").format(
            len(group.cities), count
        )
    cities = Markup(", ").join(Markup("{}").format(c.name_ko) for c in group.cities)
    return Markup("{}의 과제 {}개에 이 주제를 붙였습니다.").format(cities, count)


CITIES_NAMED_AT_MOST = 5
"""A theme page names its cities when there are at most this many, and counts them otherwise."""


# -- computed figures ---------------------------------------------------------------------

SHARE_FORMULA = "계산값: 국비 ÷ 총사업비"
"""How every computed 국비 비중 is labelled: it is our arithmetic, not a figure the plan states."""
SHARE_ROUNDING = "소수점 둘째 자리에서 반올림"


def format_share(share: Share) -> str:
    """A share as text: "45.3%", or "약 45.3%" when either figure is approximate."""
    shown = f"{share.percent}%"
    return f"{APPROXIMATE_WORD} {shown}" if share.approximate else shown


def describe_share_inputs(share: Share) -> str:
    """The computation with its two figures: "계산값: 국비 ÷ 총사업비 = 483억 원 ÷ 1,066억 원"."""
    return f"{SHARE_FORMULA} = {format_krw(share.part)} ÷ {format_krw(share.whole)}"


def render_share_value(share: Share) -> Markup:
    return Markup('<data class="computed" value="{}" title="{}">{}</data>').format(
        share.percent, describe_share_inputs(share), format_share(share)
    )


def describe_missing_share(national: int | None, total: int | None) -> str:
    """Why no share is shown: which of the two figures the source does not state."""
    missing = [label for label, won in (("국비", national), ("총사업비", total)) if won is None]
    if not missing:
        return "총사업비가 0원이어서 계산하지 않았습니다"
    said = attach(missing[0], "와") + " " + missing[1] if len(missing) == 2 else missing[0]
    return f"{attach(said, '가')} {UNKNOWN_CAUSE} 계산하지 않았습니다"


def render_national_share(plan: Plan) -> Markup:
    """The plan's 국비 비중, labelled as computed with its two figures, or why there is none."""
    share = plan.national_share
    if share is None:
        reason = describe_missing_share(plan.national_budget_krw, plan.total_budget_krw)
        return Markup('{} <span class="muted computed-note">({})</span>').format(
            render_unknown(), reason
        )
    return Markup('{} <span class="muted computed-note">({}, {})</span>').format(
        render_share_value(share), describe_share_inputs(share), SHARE_ROUNDING
    )


def render_share_cell(plan: Plan) -> Markup:
    """The comparison's 국비 비중 cell: the share (its figures stay for screen readers)."""
    share = plan.national_share
    if share is None:
        return render_unknown()
    return Markup('{}<span class="visually-hidden"> ({})</span>').format(
        render_share_value(share), describe_share_inputs(share)
    )


def render_programme_share(programme: Programme) -> Markup:
    """Under a programme's funding, its 국비 비중 when the source states both figures."""
    share = programme.national_share
    if share is None:
        return Markup("")
    return Markup(
        '<span class="programme-share">국비 비중 {} <span class="muted">({})</span></span>'
    ).format(render_share_value(share), SHARE_FORMULA)


def describe_share_method() -> str:
    """The note under the comparison: what the share column is and how it is rounded."""
    return (
        f"국비 비중은 계획이 발표한 국비를 발표한 총사업비로 나눈 계산값으로, {SHARE_ROUNDING}했습니다."
        f" 두 수치 가운데 하나라도 출처에 없으면 계산하지 않고 ‘{UNKNOWN}’으로 적습니다."
    )


# -- citations ----------------------------------------------------------------------------
# A citation says only what the source states: what it leaves empty is left out of the
# sentence, never written as UNKNOWN (a pasted "출처에 없음" reads as a claim of the article).

SOURCE_WORD = "기사"
"""What every source is: an article the data was copied from."""


def describe_source(source: Source | None) -> str:
    """The one description of a source that every citation uses (the page's sentences, the
    CSL-JSON and BibTeX notes, the workbooks' 읽어보기, the all-cities descriptor):
    "유희환, 「제목」, 발행처(2021-03-16), https://…".

    Author, title, publisher, date and address each only when the source row states them; an
    untitled article is named by its publisher ("한국Q뉴스 기사")."""
    if source is None:
        return f"출처 {SOURCE_WORD}"
    parts = [source.author] if source.author else []
    if source.title:
        parts.append(f"「{source.title}」")
        if source.publisher:
            parts.append(source.publisher)
    else:
        parts.append(f"{source.publisher} {SOURCE_WORD}" if source.publisher else SOURCE_WORD)
    text = ", ".join(parts)
    if source.published:
        text += f"({source.published.isoformat()})"
    return f"{text}, {source.url}" if source.url else text


def format_years(start: int | None, end: int | None) -> str:
    """A period as a citation says it: "2021년까지", "2021년부터", "2021–2025년", or ""."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"{end}년까지"
    if end is None:
        return f"{start}년부터"
    return f"{start}년" if start == end else f"{start}–{end}년"


def format_plan_basis(city: City, plan: Plan, basis: bool = True) -> str:
    """Where a figure comes from: "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준";
    without `basis` (nothing is cited from it) the plan alone."""
    when = f"({plan.announced.isoformat()} 발표)" if plan.announced else ""
    return f"{city.name_ko} {plan.title_ko}{when}" + (" 기준" if basis else "")


def format_data_version(city: City) -> str:
    """Which data a citation read: "planpress 데이터 1.1.0(2026-12-01 수정)"."""
    return f"planpress 데이터 {city.version}({city.updated} 수정)"


def format_source_short(source: Source | None) -> str:
    """The article a row was taken from, as a citation ends: "출처: 유희환, 「제목」(2021-03-16)"."""
    return f"출처: {describe_source(source)}"


def format_money(won: int, approximate: bool) -> str:
    """An amount in a citation: "약 390억 원" when the source gives it approximately."""
    return format_krw_approx(won, approximate)


def format_programme_figures(programme: Programme) -> str:
    """A programme's stated money and jobs as a citation says them, the programme's years
    first ("2021년까지 총사업비 390억 원"); "" when the source states none."""
    p = programme
    period = format_years(p.start_year, p.end_year)
    approx = p.approximate
    figures = []
    if p.budget_krw is not None:
        text = f"총사업비 {format_money(p.budget_krw, 'budget_krw' in approx)}"
        if p.national_budget_krw is not None:
            text += f"(국비 {format_money(p.national_budget_krw, 'national_budget_krw' in approx)})"
        figures.append(text)
    elif p.national_budget_krw is not None:
        figures.append(
            f"국비 {format_money(p.national_budget_krw, 'national_budget_krw' in approx)}"
        )
    if p.jobs is not None:
        figures.append(f"일자리 {format_count_text(p.jobs, '개', 'jobs' in approx)}")
    if not figures:  # years without a figure: still what the source says of the programme
        return f"({period})" if period else ""
    said = ", ".join(figures)
    return f"{period} {said}" if period else said


def format_programme_citation(city: City, plan: Plan, programme: Programme, address: str) -> str:
    """The sentence to paste when citing one programme row.

    "파주시 파주형 뉴딜 세부 실행계획(2021-03-16 발표) 기준, 스마트 교통체계(ITS) 구축
    총사업비 200억 원(국비 120억 원) — planpress 데이터 1.1.0(2026-12-01 수정). 출처: …".
    A row without figures is cited by its name. `address` is the row's public address, or ""
    when the site has none.
    """
    figures = format_programme_figures(programme)
    head = f"{format_plan_basis(city, plan)}, {programme.name_ko}"
    if figures:
        head += f" {figures}"
    version = format_data_version(city) + (f", {address}" if address else "")
    return f"{head} — {version}. {format_source_short(city.source(programme.source_id))}."


def format_plan_figures(plan: Plan) -> str:
    """A plan's declared headline figures as a citation says them; "" when it declares none.
    The jobs target is dated by the plan's end year ("2025년까지 일자리 목표 110,000개")."""
    figures = []
    if plan.total_budget_krw is not None:
        text = f"총사업비 {format_krw(plan.total_budget_krw)}"
        if plan.national_budget_krw is not None:
            text += f"(국비 {format_krw(plan.national_budget_krw)})"
        figures.append(text)
    elif plan.national_budget_krw is not None:
        figures.append(f"국비 {format_krw(plan.national_budget_krw)}")
    if plan.jobs_target is not None:
        until = f"{plan.period_end}년까지 " if plan.period_end is not None else ""
        figures.append(f"{until}일자리 목표 {format_count(plan.jobs_target, '개')}")
    if plan.programme_count is not None:
        word = plan.programme_unit_ko or DEFAULT_PROGRAMME_WORD
        figures.append(f"{word} {format_count(plan.programme_count, '개')}")
    return ", ".join(figures)


def format_plan_citation(city: City, plan: Plan, address: str) -> str:
    """The sentence to paste when citing a plan's declared figures from its city page."""
    figures = format_plan_figures(plan)
    head = format_plan_basis(city, plan, bool(figures)) + (f", {figures}" if figures else "")
    version = format_data_version(city) + (f", {address}" if address else "")
    return f"{head} — {version}. {format_source_short(city.source(plan.source_id))}."


def format_target_figure(target: Target) -> str:
    """A target as a citation says it: "2025년까지 온실가스 감축 목표 2,500,000톤"."""
    until = f"{target.target_year}년까지 " if target.target_year is not None else ""
    if target.value is None:
        return f"{until}{target.indicator_ko}({QUALITATIVE_TARGET})"
    value = format_count_text(
        target.value,
        UNIT_WORDS.get(target.unit or "", target.unit or ""),
        "value" in target.approximate,
    )
    return f"{until}{target.indicator_ko} 목표 {value}"


def format_target_citation(city: City, plan: Plan, target: Target, address: str) -> str:
    """The sentence to paste when citing one target row."""
    head = f"{format_plan_basis(city, plan)}, {format_target_figure(target)}"
    version = format_data_version(city) + (f", {address}" if address else "")
    return f"{head} — {version}. {format_source_short(city.source(target.source_id))}."


# -- charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartFigure:
    """A chart with what its figure says around it: the table it draws from, what it leaves out."""

    chart_id: str
    svg: Markup
    title: str
    table_id: str
    table_label: str
    left_out: str
    """The names not drawn because their figure is not in the source, in one sentence; or ""."""


def describe_bars(bars: Iterable[Bar]) -> str:
    return ", ".join(f"{bar.label} {bar.value_text}" for bar in bars)


def describe_left_out(what: str, kind: str, names: list[str]) -> str:
    """ "사업비가 출처에 없어 막대를 그리지 않은 분야: 가, 나": never a zero bar for an unknown."""
    if not names:
        return ""
    return f"{attach(what, '가')} {UNKNOWN_CAUSE} 막대를 그리지 않은 {kind}: {', '.join(names)}"


def make_chart(
    chart_id: str,
    title: str,
    bars: list[Bar],
    table: tuple[str, str],
    left_out: str,
    label_width: int = 0,
) -> ChartFigure:
    description = f"{describe_bars(bars)}. 막대는 모두 같은 눈금입니다."
    if left_out:
        description += f" {left_out}."
    chart = BarChart(chart_id, title, description, tuple(bars), label_width)
    return ChartFigure(chart_id, render_bar_chart(chart), title, table[0], table[1], left_out)


def build_pillar_budget_chart(city: City, plan: Plan) -> ChartFigure | None:
    """Budget by top-level pillar as the plan declares it; None when no pillar declares one."""
    pillars = plan.top_pillars
    known = [p for p in pillars if p.budget_krw is not None]
    if not known:
        return None
    bars = [
        Bar(p.name_ko, p.budget_krw, format_krw(p.budget_krw))
        for p in known
        if p.budget_krw is not None
    ]
    missing = [p.name_ko for p in pillars if p.budget_krw is None]
    return make_chart(
        f"chart-pillar-budget-{plan.plan_id}",
        f"{city.name_ko} {plan.title_ko}의 분야별 사업비(발표)",
        bars,
        ("pillars-table", "전략·분야 표"),
        describe_left_out("사업비", "분야", missing),
    )


def describe_no_pillar_chart() -> str:
    return f"분야별 사업비가 {UNKNOWN_CAUSE} 그래프를 그리지 않았습니다."


DECLARED_CHARTS = (
    ("total_budget_krw", "총사업비", True, "chart-declared-budget"),
    ("jobs_target", "일자리 목표", False, "chart-declared-jobs"),
)
"""The comparison's charts of declared figures: column, label, money?, id. One measure each."""


def build_declared_charts(cities: Iterable[City]) -> list[ChartFigure]:
    """Each declared figure of the cities side by side; cities that did not disclose it are named."""
    ordered = [c for c in sorted(cities, key=lambda c: c.name_ko) if c.plan is not None]
    figures = []
    for column, label, money, chart_id in DECLARED_CHARTS:
        bars, missing = [], []
        for city in ordered:
            value = getattr(city.plan, column)
            if value is None:
                missing.append(city.name_ko)
                continue
            shown = format_krw(value) if money else format_count(value, "개")
            bars.append(Bar(city.name_ko, value, shown))
        if not bars:
            continue
        figures.append(
            make_chart(
                chart_id,
                f"도시별 {label}(발표)",
                bars,
                ("compare-table", "도시별 발표 수치 표"),
                describe_left_out(label, "도시", missing),
                label_width=110,
            )
        )
    return figures


def build_theme_chart(groups: list[ThemeProgrammes]) -> ChartFigure | None:
    """How many listed programmes carry each theme, in the order of the theme table."""
    if not groups:
        return None
    bars = [Bar(g.theme["name_ko"], len(g.found), f"{len(g.found)}개") for g in groups]
    return make_chart(
        "chart-themes",
        "주제별 과제 수(목록에 실린 과제)",
        bars,
        ("themes-table", "주제별 과제 표"),
        "",
        label_width=140,
    )


@dataclass(frozen=True)
class ThemePart:
    """One page of a theme: whole cities, in site order."""

    number: int
    """1 for the theme's own page (`themes/<id>.html`), then 2, 3…"""
    rows: tuple[tuple[City, Programme], ...]

    @property
    def first_city(self) -> City:
        return self.rows[0][0]

    @property
    def last_city(self) -> City:
        return self.rows[-1][0]

    @property
    def cities(self) -> tuple[tuple[City, tuple[Programme, ...]], ...]:
        """The page's rows city by city: each city with its programmes of the theme, in
        order (a page never splits a city, so these are all of them)."""
        blocks: list[tuple[City, list[Programme]]] = []
        for city, programme in self.rows:
            if not blocks or blocks[-1][0] is not city:
                blocks.append((city, []))
            blocks[-1][1].append(programme)
        return tuple((city, tuple(programmes)) for city, programmes in blocks)


def split_theme(group: ThemeProgrammes, limit: int) -> list[ThemePart]:
    """The theme's rows as pages of at most `limit` rows, never splitting a city (a city with
    more rows than `limit` has a page of its own): every row on exactly one page, in order."""
    by_city: list[list[tuple[City, Programme]]] = []
    for city, programme in group.found:
        if not by_city or by_city[-1][0][0] is not city:
            by_city.append([])
        by_city[-1].append((city, programme))
    pages: list[list[tuple[City, Programme]]] = []
    for rows in by_city:
        if pages and len(pages[-1]) + len(rows) <= limit:
            pages[-1] += rows
        else:
            pages.append(list(rows))
    return [ThemePart(number, tuple(rows)) for number, rows in enumerate(pages, 1)]


def render_theme_part(part: ThemePart) -> Markup:
    """A page in a theme's list of pages: `2쪽 (고양시–광명시)`."""
    first, last = part.first_city.name_ko, part.last_city.name_ko
    cities = first if first == last else f"{first}–{last}"
    return Markup("{}쪽 ({})").format(part.number, cities)


def render_theme_part_of(part: ThemePart, count: int) -> Markup:
    """`전체 3쪽 가운데 2쪽`: where a page stands among the theme's pages."""
    return Markup("전체 {}쪽 가운데 {}쪽").format(count, part.number)


# -- what generator.py registers with Jinja --------------------------------------------


def describe_constraints(field: dict, schema: dict, resource: str) -> Markup:
    """A column's constraints in words for the data dictionary: 필수, 형식, range, values, key."""
    constraints = field.get("constraints") or {}
    parts: list[Markup] = []
    if constraints.get("required"):
        parts.append(Markup("필수"))
    if constraints.get("pattern"):
        parts.append(Markup('형식 <code class="pattern">{}</code>').format(constraints["pattern"]))
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        parts.append(Markup("{} 이상 {} 이하").format(f"{low:,}", f"{high:,}"))
    elif low is not None:
        parts.append(Markup("{} 이상").format(f"{low:,}"))
    elif high is not None:
        parts.append(Markup("{} 이하").format(f"{high:,}"))
    if constraints.get("enum"):
        words = VALUE_LABELS.get(field["name"], {})
        values = [f"{v}({words[v]})" if v in words else str(v) for v in constraints["enum"]]
        parts.append(Markup("값: {}").format(", ".join(values)))
    for key in schema.get("foreignKeys") or []:
        if key["fields"] == field["name"]:
            target = key["reference"]["resource"] or resource
            parts.append(Markup("→ {}.{}").format(target, key["reference"]["fields"]))
    return Markup(" · ").join(parts)


def render_source(source: Source) -> Markup:
    """One source as the sources list shows it: title, publisher, author, dates, link, notes.

    What the source row leaves empty is said once, in the site's one wording."""
    title = (
        Markup("<cite>{}</cite>").format(source.title)
        if source.title
        else Markup("제목 {}").format(render_unknown())
    )
    parts = [title]
    if source.publisher:
        parts.append(Markup("{}").format(source.publisher))
    if source.author:
        parts.append(Markup("글쓴이 {}").format(source.author))
    parts.append(Markup("발행일 {}").format(render_date(source.published)))
    text = Markup(", ").join(parts) + Markup(".")
    if source.url:
        text += Markup(' <a href="{}" rel="noopener noreferrer">원문</a>.').format(source.url)
    text += Markup(" 열람 {}.").format(render_date(source.accessed))
    if source.notes:
        text += Markup('<br><span class="muted">{}</span>').format(source.notes)
    return text


def format_citation(city: City, address: str, licences: Iterable[str]) -> str:
    """The sentence to paste when citing a city's data: dataset, version, address, licence,
    and the sources it was taken from."""
    head = f"planpress, 「{city.title}」, 데이터 버전 {city.version}({city.updated})"
    if address:
        head += f", {address}"
    labels = ", ".join(licences)
    if labels:
        head += f", {labels}"
    sources = [describe_source(source) for source in city.sources]
    return f"{head}. 원 출처: {'; '.join(sources)}." if sources else f"{head}."


def describe_source_addresses(cities: Iterable[City]) -> str:
    """Whether every source has its address, said as the home page says it."""
    sources = [s for c in cities for s in c.sources]
    missing = sum(1 for s in sources if not s.url)
    if not missing:
        return ""
    if missing == len(sources):
        return "(출처 기사의 원문 주소는 아직 확인하지 못했습니다)"
    return f"(출처 {len(sources)}건 가운데 {missing}건은 원문 주소를 아직 확인하지 못했습니다)"


# -- machine-readable descriptions and the change history -------------------------------

PUBLISHER = "planpress"
"""Who publishes every dataset: the name citations, JSON-LD and the catalog give."""
CATALOG_TITLE = "planpress 데이터 카탈로그"
CATALOG_DESCRIPTION = (
    "지방자치단체의 정책 계획(비전, 전략 분야, 과제, 예산, 목표)을 공개 기사에서 옮겨 적고 "
    "검사한 도시별 데이터 패키지 목록"
)
FEED_TITLE = "planpress 데이터 업데이트"
FEED_SUBTITLE = "도시별 정책 계획 데이터의 새 판과 바뀐 내용"
CATALOG_LINK_TITLE = "데이터 카탈로그 (DCAT, JSON-LD)"
FEED_LINK_TITLE = "데이터 업데이트 피드 (Atom)"
OG_LOCALE = "ko_KR"
NO_HISTORY = "이 패키지는 변경 내력(history)을 아직 적지 않았습니다."


class Alternate(NamedTuple):
    """A site-wide machine-readable file: what every page's head and the data page link."""

    path: str
    media_type: str
    title: str
    note: str
    """What it holds, in a sentence of the data page."""
    in_head: bool = True
    """Linked from every page's head as `rel="alternate"` (not the sitemap)."""


def list_alternates(addresses: Addresses, public_url: str = "") -> list[Alternate]:
    """The catalog and the feed; the sitemap too when the site has a public address (it is
    only written then)."""
    found = [
        Alternate(
            addresses.catalog,
            "application/ld+json",
            CATALOG_LINK_TITLE,
            "모든 도시 데이터셋의 카탈로그(DCAT, JSON-LD): 도시마다 라이선스, 지역, 기간, 버전과 "
            "내려받을 파일 주소. 도시 페이지에는 같은 내용이 schema.org Dataset으로 들어 있습니다.",
        ),
        Alternate(
            addresses.feed,
            "application/atom+xml",
            FEED_LINK_TITLE,
            "데이터 업데이트 피드(Atom): 도시 데이터의 판마다 항목 하나, 바뀐 내용과 함께.",
        ),
    ]
    if public_url:
        found.append(
            Alternate(
                addresses.sitemap,
                "application/xml",
                "사이트맵",
                "모든 쪽의 공개 주소와 그 데이터의 최종 수정일(사이트맵).",
                in_head=False,
            )
        )
    return found


def describe_dataset(city: City) -> str:
    """A dataset description when the descriptor has none."""
    return f"{city.place_ko}의 정책 계획 데이터: 전략 분야, 과제, 예산, 목표와 출처"


def describe_change(changes_ko: str | None, version: str) -> str:
    """What a version changed; a package without a history says only which version it is."""
    return changes_ko or f"데이터 {version}판입니다(바뀐 내용 기록 없음)."


def title_change(city: City, change: Change) -> str:
    """A feed entry's title: `파주시 데이터 1.1.0 (2026-12-01)`."""
    return f"{city.name_ko} 데이터 {change.version} ({change.date})"


def render_json_ld(value: object) -> Markup:
    """JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` as \\u
    escapes (still the same JSON), so no value can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


FILTERS = {
    "krw": render_krw,
    "krw_text": format_krw_text,
    "count": render_count,
    "target_value": render_target_value,
    "date": render_date,
    "size": format_size,
    "json_ld": render_json_ld,
}


def render_city_block(_city: City, _what: str, make: Callable[..., Markup], *args: Any) -> Markup:
    """A page's block about one city (`make(*args)`, a macro), `what` naming which: a build
    with a cache answers it from there, by the city's data and `what` (generator.py), so
    the block must show only that city's data."""
    return make(*args)


GLOBALS = {
    "city_block": render_city_block,
    "period": render_period,
    "programme_period": render_programme_period,
    "source": render_source,
    "citation": format_citation,
    "plan_citation": format_plan_citation,
    "programme_citation": format_programme_citation,
    "target_citation": format_target_citation,
    "national_share": render_national_share,
    "share_cell": render_share_cell,
    "programme_share": render_programme_share,
    "share_method": describe_share_method,
    "pillar_budget_chart": build_pillar_budget_chart,
    "no_pillar_chart": describe_no_pillar_chart,
    "declared_charts": build_declared_charts,
    "theme_chart": build_theme_chart,
    "source_addresses": describe_source_addresses,
    "constraints": describe_constraints,
    "unknown": render_unknown,
    "unknown_legend": render_unknown_legend,
    "year": render_year,
    "pillar_path": render_pillar_path,
    "parent_programme": render_parent_programme,
    "funding": list_funding,
    "funding_status": render_funding_status,
    "programme_budget": render_programme_budget,
    "listed_sum": render_listed_sum,
    "programme_kind": render_programme_kind,
    "target_owner": render_target_owner,
    "target": render_target,
    "coverage": render_coverage,
    "coverage_cell": render_coverage_cell,
    "coverage_share": coverage_share,
    "programme_count": render_programme_count,
    "reconciliation": list_reconciliation,
    "child_tallies": list_child_tallies,
    "pillar_budget_sum": render_pillar_budget_sum,
    "listed_national_note": render_listed_national_note,
    "theme_caption": render_theme_caption,
    "theme_part": render_theme_part,
    "theme_part_of": render_theme_part_of,
    "theme_summary": render_theme_summary,
    "unit_words": UNIT_WORDS,
    "unit_labels": UNIT_LABELS,
    "type_words": TYPE_WORDS,
    "version_anchor": version_anchor,
    "no_history": NO_HISTORY,
    "search_wording": SEARCH_WORDING,
    "search_messages": SEARCH_MESSAGES,
    "search_kind_labels": SEARCH_KIND_LABELS,
    "search_result_limit": SEARCH_RESULT_LIMIT,
    "search_index_global": INDEX_GLOBAL,
}
