"""`make bench`'s render reference: a plain Jinja2 script, no planpress, no cache, no checks.

`python tests/bench_plain_render.py DATA OUT` reads every package's CSVs with the csv
module and renders one page per city with one template holding what the city page shows
(the plan's facts, the pillar, programme and target tables, the sources), into OUT.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from jinja2 import Environment

PAGE = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>{{ d.city.name_ko }} — {{ d.title }}</title>
<link rel="stylesheet" href="../theme/css/site.css"></head><body><main>
<h1>{{ d.city.name_ko }} <span lang="en">{{ d.city.name_en }}</span></h1>
<p>{{ d.province.name_ko }} · 데이터 버전 {{ d.version }} · 최종 수정 {{ d.updated }}</p>
<p>{{ d.description }}</p>
{% for plan in t.plans %}<section><h2>{{ plan.title_ko }}</h2><dl>
<dt>발표일</dt><dd>{{ plan.announced }}</dd>
<dt>계획 기간</dt><dd>{{ plan.period_start }}–{{ plan.period_end }}</dd>
<dt>비전</dt><dd>{{ plan.vision_ko or '알 수 없음' }}</dd>
<dt>총사업비</dt><dd>{{ plan.total_budget_krw|krw }}</dd>
<dt>국비</dt><dd>{{ plan.national_budget_krw|krw }}</dd>
<dt>일자리 목표</dt><dd>{{ plan.jobs_target }}</dd></dl>
{% if plan.notes %}<p>{{ plan.notes }}</p>{% endif %}</section>{% endfor %}
<table><caption>전략·분야</caption><thead><tr><th>분야</th><th>설명</th><th>과제 수</th>
<th>예산</th><th>일자리</th><th>출처</th></tr></thead><tbody>
{% for r in t.pillars %}<tr id="{{ r.pillar_id }}"><th>{{ r.name_ko }}</th>
<td>{{ r.description_ko }}</td><td>{{ r.programme_count }}</td><td>{{ r.budget_krw|krw }}</td>
<td>{{ r.jobs }}</td><td><a href="#{{ r.source_id }}">{{ r.source_id }}</a></td></tr>
{% endfor %}</tbody></table>
<table><caption>과제</caption><thead><tr><th>과제</th><th>요약</th><th>분야</th><th>예산</th>
<th>국비</th><th>도비</th><th>시군비</th><th>민자</th><th>일자리</th><th>기간</th><th>주제</th>
<th>출처</th></tr></thead><tbody>
{% for r in t.programmes %}<tr id="{{ r.programme_id }}"><th>{{ r.name_ko }}</th>
<td>{{ r.summary_ko }}</td>
<td><a href="#{{ r.pillar_id }}">{{ pillar_names.get(r.pillar_id, '') }}</a></td>
<td>{{ r.budget_krw|krw }}</td><td>{{ r.national_budget_krw|krw }}</td>
<td>{{ r.provincial_budget_krw|krw }}</td><td>{{ r.municipal_budget_krw|krw }}</td>
<td>{{ r.private_budget_krw|krw }}</td><td>{{ r.jobs }}</td>
<td>{{ r.start_year }}–{{ r.end_year }}</td>
<td>{% for theme in r.themes.split(';') if theme %}<span class="tag">{{ theme }}</span>
{% endfor %}</td><td><a href="#{{ r.source_id }}">{{ r.source_id }}</a></td></tr>
{% endfor %}</tbody></table>
<table><caption>목표</caption><thead><tr><th>지표</th><th>값</th><th>단위</th><th>연도</th>
<th>출처</th></tr></thead><tbody>
{% for r in t.targets %}<tr id="{{ r.target_id }}"><th>{{ r.indicator_ko }}</th>
<td>{{ r.value }}</td><td>{{ r.unit }}</td><td>{{ r.target_year }}</td>
<td><a href="#{{ r.source_id }}">{{ r.source_id }}</a></td></tr>
{% endfor %}</tbody></table>
<ol>{% for r in t.sources %}<li id="{{ r.source_id }}">{{ r.publisher }} {{ r.title }}
{{ r.published }} {% if r.url %}<a href="{{ r.url }}">{{ r.url }}</a>{% endif %}</li>
{% endfor %}</ol>
</main></body></html>
"""
TABLES = ("plans", "pillars", "programmes", "targets", "sources")


def krw(value: str) -> str:
    return f"{int(value):,}원" if value else "알 수 없음"


def main(data: Path, out: Path) -> None:
    env = Environment(autoescape=True)
    env.filters["krw"] = krw
    page = env.from_string(PAGE)
    out.mkdir(parents=True, exist_ok=True)
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
        tables = {}
        for name in TABLES:
            with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
                tables[name] = list(csv.DictReader(handle))
        pillar_names = {r["pillar_id"]: r["name_ko"] for r in tables["pillars"]}
        html = page.render(d=descriptor, t=tables, pillar_names=pillar_names)
        (out / f"{folder.name}.html").write_text(html, "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
