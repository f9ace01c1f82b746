"""What the site says: labels, Jinja filters and editorial sentences, as plain functions.

No Pelican here — `generator.py` registers FILTERS and GLOBALS with Jinja, and templates
only lay out what these functions return. Every function that embeds markup returns
`Markup` and escapes every data value (data text is untrusted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from .addresses import Addresses
from .amounts import format_count, format_krw
from .model import City, Pillar, Plan, Programme, Source, Tally, ThemeProgrammes
from .particles import attach, particle

UNKNOWN = "출처에 없음"
"""What an empty cell says: the source does not state the figure. It is not 0, and it is not
a figure the city withheld (that would be WITHHELD)."""
UNKNOWN_PREDICATE = "출처에 없습니다"
"""UNKNOWN at the end of a sentence: "분야별 사업비는 출처에 없습니다"."""
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
DEFAULT_PROGRAMME_WORD = "과제"
"""What the site calls a programme; a plan's own word (사업, 추진과제) is shown beside it."""


# -- navigation -----------------------------------------------------------------------


def list_navigation(addresses: Addresses) -> list[tuple[str, str]]:
    """The site's own pages in the main menu, as (address, label)."""
    return [
        (addresses.home, "도시 목록"),
        (addresses.compare, "도시 비교"),
        (addresses.data, "데이터 내려받기"),
    ]


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


def render_krw(won: int | None) -> Markup:
    """Korean-style money with the exact won kept in the markup."""
    if won is None:
        return render_unknown()
    exact = f"{won:,}원"
    return Markup(
        '<data class="krw" value="{}" title="{}">{}<span class="visually-hidden"> ({})</span></data>'
    ).format(won, exact, format_krw(won), exact)


APPROXIMATE_WORD = "약"
APPROXIMATE_TITLE = "출처가 어림수로 밝힌 값"


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


def list_funding(programme: Programme) -> list[tuple[str, int]]:
    """The stated parts of a programme's funding as (label, won); empty when none is stated."""
    parts = [(label, getattr(programme, column)) for column, label in FUNDING_LABELS]
    return [(label, won) for label, won in parts if won is not None]


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


def render_listed_budget(plan: Plan) -> Markup | None:
    """What the listed programmes' stated budgets add up to; None when none states one."""
    stated, listed = len(plan.programmes_with_budget), len(plan.programmes)
    if plan.listed_budget_sum is None:
        return None
    if stated == listed:
        return Markup("목록에 실린 과제 {}개의 사업비를 모두 더하면 {}입니다.").format(
            listed, render_krw(plan.listed_budget_sum)
        )
    return Markup(
        "목록에 실린 과제 {}개 가운데 사업비가 알려진 {}개의 합은 {}입니다."
        " 나머지 {}개 과제의 사업비는 {}."
    ).format(listed, stated, render_krw(plan.listed_budget_sum), listed - stated, UNKNOWN_PREDICATE)


def list_reconciliation(plan: Plan) -> list[Markup]:
    """The sentences of "발표 수치와 목록 맞춰 보기", in the order a reader checks them."""
    sentences = [render_listed_count(plan)]
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
                render_krw(plan.listed_national_sum) + "만",
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
        parts.append(Markup("값: {}").format(", ".join(map(str, constraints["enum"]))))
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
    sources = []
    for source in city.sources:
        text = f"{source.publisher or '발행처 ' + UNKNOWN}, "
        text += f"「{source.title}」" if source.title else f"제목 {UNKNOWN}"
        if source.published:
            text += f"({source.published.isoformat()})"
        sources.append(text)
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


FILTERS = {
    "krw": render_krw,
    "krw_text": format_krw_text,
    "count": render_count,
    "target_value": render_target_value,
    "date": render_date,
    "size": format_size,
}
GLOBALS = {
    "period": render_period,
    "programme_period": render_programme_period,
    "source": render_source,
    "citation": format_citation,
    "source_addresses": describe_source_addresses,
    "constraints": describe_constraints,
    "unknown": render_unknown,
    "unknown_legend": render_unknown_legend,
    "year": render_year,
    "pillar_path": render_pillar_path,
    "parent_programme": render_parent_programme,
    "funding": list_funding,
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
}
