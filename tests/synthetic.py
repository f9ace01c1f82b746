"""Synthetic national data: N valid packages in planpress's exact format, for `make bench`.

`python tests/synthetic.py OUT --cities 243 --programmes 200 --seed 1` writes OUT/<slug>/
for each city. Deterministic by seed (two runs give the same bytes). Every column comes
from the shared Table Schemas (`plugins/planpress/schemas/*.json`): keys and foreign keys
from `primaryKey`/`foreignKeys`, values from each field's type and constraints; only the
columns the project rules give a meaning (totals.py's measures and funding shares,
`parent_id`, `themes`, the period years) are filled to reconcile, and only when the schema
has them. Never published: it lives under tests/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from planpress.load import DESCRIPTOR, RESOURCE_NAMES, SchemaSet, load_schema_set  # noqa: E402
from planpress.scaffold import PROVINCES_EN, format_csv, scaffold_files  # noqa: E402
from planpress.schemacopies import write_schema_copies  # noqa: E402
from planpress.totals import MEASURES, SHARE_COLUMNS  # noqa: E402

SYLLABLES = "가나다라마바사아자차카타파하강남동서산천원주해성광영진양금"
WORDS = (
    "디지털",
    "그린",
    "탄소중립",
    "일자리",
    "돌봄",
    "청년",
    "스마트",
    "에너지",
    "도시재생",
    "공원",
    "교통",
    "안전",
    "문화",
    "관광",
    "농업",
    "해양",
)
TODAY = dt.date(2026, 11, 1)
YEARS = (2021, 2025)
"""The period a plan covers: year fields of a row get these in order (start ≤ end)."""


def korean_text(rng: random.Random, words: int = 3) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + " 사업"


def city_names(count: int) -> list[tuple[str, str]]:
    """(city name, province name): unique pairs, spread over the seventeen provinces."""
    provinces = sorted(PROVINCES_EN)
    names = []
    for index in range(count):
        first, second = divmod(index, len(SYLLABLES))
        stem = SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second]
        suffix = "시군구"[index % 3]
        names.append((f"{stem}{index // len(SYLLABLES) ** 2 or ''}{suffix}", provinces[index % 17]))
    return names


def generic_value(field: dict[str, Any], rng: random.Random, years: list[int]) -> str:
    """A valid cell for a field, from its type, format and constraints."""
    kind = field.get("type", "string")
    constraints = field.get("constraints") or {}
    required = constraints.get("required", False)
    if not required and (constraints.get("pattern") or rng.random() < 0.2):
        return ""  # an optional code (e.g. `approximate`) is not invented: it names other columns
    if "enum" in constraints:
        return str(rng.choice(constraints["enum"]))
    if kind == "integer":
        low = constraints.get("minimum", 0)
        high = min(constraints.get("maximum", 10**6), 10**6)
        return str(rng.randint(low, high))
    if kind == "number":
        return str(rng.randint(1, 10000))
    if kind == "year":
        years.append(YEARS[min(len(years), 1)])
        return str(years[-1])
    if kind == "boolean":
        return rng.choice(("true", "false"))
    if kind == "date":
        return (TODAY - dt.timedelta(days=rng.randint(30, 900))).isoformat()
    if field.get("format") == "uri":
        return f"https://example.org/news/{rng.randint(1, 10**6)}"
    if field["name"].endswith("_en"):
        return "Synthetic " + rng.choice(("plan", "programme", "strategy"))
    return korean_text(rng)


def order_resources(tables: dict[str, dict[str, Any]]) -> list[str]:
    """Resources after every resource their foreign keys point to."""
    done: list[str] = []
    while len(done) < len(tables):
        for name in RESOURCE_NAMES:
            targets = {
                fk["reference"]["resource"]
                for fk in tables[name].get("foreignKeys", [])
                if fk["reference"]["resource"] not in ("", name)
            }
            if name not in done and targets <= set(done):
                done.append(name)
    return done


def fk_fields(schema: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Column → (resource, column) it refers to; "" resource is the table itself."""
    found = {}
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        refs = fk["reference"]["fields"]
        refs = refs if isinstance(refs, list) else [refs]
        for own, ref in zip(fields, refs, strict=True):
            found[own] = (fk["reference"]["resource"], ref)
    return found


def make_rows(
    slug: str, rng: random.Random, schemas: SchemaSet, programmes: int
) -> dict[str, list[dict[str, str]]]:
    tables = schemas.tables
    themes = sorted(schemas.theme_ids)
    counts = {"plans": 1, "sources": 3, "pillars": max(2, programmes // 20)}
    counts["programmes"] = programmes
    counts["targets"] = max(1, programmes // 10)
    rows: dict[str, list[dict[str, str]]] = {}
    for name in order_resources(tables):
        schema = tables[name]
        keys = schema.get("primaryKey", [])
        keys = [keys] if isinstance(keys, str) else keys
        refs = fk_fields(schema)
        rows[name] = []
        for index in range(counts.get(name, 1)):
            row, years = {}, []
            for field in schema["fields"]:
                column = field["name"]
                if column in keys:
                    row[column] = f"{slug}-{name}-{index + 1}"
                elif column in refs and refs[column][0] not in ("", name):
                    target, ref = refs[column]
                    row[column] = rng.choice(rows[target])[ref]
                elif column in refs:
                    row[column] = ""  # a reference to its own table: nested below
                elif column == "themes":
                    row[column] = ";".join(sorted(rng.sample(themes, rng.randint(0, 2))))
                else:
                    row[column] = generic_value(field, rng, years)
            rows[name].append(row)
    reconcile(rows, rng)
    return rows


def reconcile(rows: dict[str, list[dict[str, str]]], rng: random.Random) -> None:
    """Nest some pillars, hang programmes on leaf pillars, and make every declared total the
    sum of its parts (a part whose figure is unknown leaves the whole larger than the rest)."""
    pillars, programmes = rows.get("pillars", []), rows.get("programmes", [])
    if not pillars or "parent_id" not in pillars[0]:
        return
    tops = pillars[: max(1, len(pillars) // 3)]
    for pillar in pillars[len(tops) :]:
        pillar["parent_id"] = rng.choice(tops)["pillar_id"] if rng.random() < 0.7 else ""
    parents = {p["parent_id"] for p in pillars}
    leaves = [p for p in pillars if p["pillar_id"] not in parents]
    for programme in programmes:
        if "pillar_id" in programme:
            programme["pillar_id"] = rng.choice(leaves)["pillar_id"]
        budget = rng.randrange(10**8, 10**11, 10**6) if rng.random() > 0.1 else None
        for measure in MEASURES:
            if measure.programme_column in programme:
                value = budget if measure.name == "budget" else rng.randint(0, 500)
                programme[measure.programme_column] = "" if value is None else str(value)
        shares = [c for _, c in SHARE_COLUMNS if c in programme]
        for column in shares:
            programme[column] = ""
        if budget is not None and shares and rng.random() < 0.8:
            cuts = sorted(rng.randrange(0, budget, 10**6) for _ in shares[1:])
            parts = [b - a for a, b in zip([0, *cuts], [*cuts, budget], strict=True)]
            given = shares if rng.random() < 0.6 else shares[: rng.randint(1, len(shares) - 1)]
            for column, part in zip(shares, parts, strict=True):
                programme[column] = str(part) if column in given else ""
    by_id = {p["pillar_id"]: p for p in pillars}
    children: dict[str, list[dict[str, str]]] = {}
    for pillar in pillars:
        children.setdefault(pillar["parent_id"], []).append(pillar)
    for measure in MEASURES:
        for pillar in sorted(pillars, key=lambda p: p["parent_id"] == ""):  # leaves first
            if measure.pillar_column not in pillar:
                continue
            if pillar["pillar_id"] in children:
                parts = [c.get(measure.pillar_column, "") for c in children[pillar["pillar_id"]]]
            else:
                listed = [p for p in programmes if p.get("pillar_id") == pillar["pillar_id"]]
                if measure.programme_column is None:
                    parts = ["1"] * len(listed)
                else:
                    parts = [p.get(measure.programme_column, "") for p in listed]
                    parts += ["" if any(v == "" for v in parts) else "0"]
            known = sum(int(v) for v in parts if v)
            unknown = sum(1 for v in parts if v == "")
            extra = rng.randrange(10**7, 10**9, 10**6) if unknown else 0
            pillar[measure.pillar_column] = str(known + extra)
        for plan in rows.get("plans", []):
            if measure.plan_column in plan:
                top = [p for p in pillars if p["parent_id"] == ""]
                plan[measure.plan_column] = str(
                    sum(int(p.get(measure.pillar_column) or 0) for p in top)
                )
    for plan in rows.get("plans", []):
        share = SHARE_COLUMNS[0][1]
        if share in plan:
            plan[share] = str(sum(int(p.get(share) or 0) for p in programmes))
    assert all(p["parent_id"] in by_id or p["parent_id"] == "" for p in pillars)
    keep_consistent(rows, rng)


STATUS_AMOUNTS = (
    ("budget_status", ("budget_krw", "total_budget_krw")),
    ("national_budget_status", ("national_budget_krw",)),
)


def keep_consistent(rows: dict[str, list[dict[str, str]]], rng: random.Random) -> None:
    """What the row rules ask of cells the generator filled one by one: a funding status only
    beside its amount, one owner per target, and a value with its unit or neither."""
    for name in ("plans", "programmes"):
        for row in rows.get(name, []):
            for status, amounts in STATUS_AMOUNTS:
                amount = next((a for a in amounts if a in row), None)
                if status in row and (amount is None or row[amount] == ""):
                    row[status] = ""
    for target in rows.get("targets", []):
        if target.get("pillar_id") and target.get("programme_id"):
            target["pillar_id" if rng.random() < 0.5 else "programme_id"] = ""
        if (
            "value" in target
            and "unit" in target
            and (target["value"] == "") != (target["unit"] == "")
        ):
            target["value"] = target["value"] or "100"
            target["unit"] = target["unit"] or "%"


def write_national(out: Path, cities: int, programmes: int, seed: int = 1) -> list[Path]:
    """Write `cities` packages into `out`; the package folders, in order."""
    schemas = load_schema_set()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    folders = []
    for index, (name, province) in enumerate(city_names(cities)):
        slug = f"synthetic-{index + 1:03d}"
        files = scaffold_files(
            slug, name, province, TODAY, schemas, plan_ko="정책 계획", source_title="보도자료"
        )
        descriptor = json.loads(files[DESCRIPTOR])
        descriptor["title"] = f"{name} 정책 계획"
        descriptor["description"] = f"{name}의 합성 정책 계획 ({korean_text(rng)})"
        descriptor["sources"] = [{"title": f"{name} 보도자료"}]
        descriptor["contributors"] = [{"title": "planpress 합성 데이터", "role": "maintainer"}]
        descriptor["version"] = "1.0.0"
        descriptor["history"][0]["version"] = "1.0.0"
        rows = make_rows(slug, rng, schemas, programmes)
        folder = out / slug
        folder.mkdir(exist_ok=True)
        (folder / DESCRIPTOR).write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for resource in RESOURCE_NAMES:
            header = [f["name"] for f in schemas.tables[resource]["fields"]]
            (folder / f"{resource}.csv").write_bytes(format_csv(header, rows[resource]))
        folders.append(folder)
    write_schema_copies(out)  # as `planpress schemas` writes them
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cities", type=int, default=243)
    parser.add_argument("--programmes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_national(args.out, args.cities, args.programmes, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
