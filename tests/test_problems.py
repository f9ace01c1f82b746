"""Meta-tests: every problem code is triggered by a fixture, documented, and renders whole."""

from __future__ import annotations

import copy
import dataclasses
import re
import string
from pathlib import Path

import pytest
from frictionless import errors

from planpress.load import load_package, load_packages
from planpress.problems import CODES, Problem
from planpress.records import read_table
from planpress.tabular import check_table_bytes, translate_error
from planpress.validate import validate_packages

ROOT = Path(__file__).resolve().parents[1]
INVALID = ROOT / "tests" / "fixtures" / "invalid"
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"
CONTRIBUTE = ROOT / "content" / "pages" / "contribute.md"


@pytest.fixture(scope="module")
def fixture_problems(schemas) -> dict[str, list[Problem]]:
    """The problems each fixture folder under tests/fixtures/invalid/ reports."""
    return {
        folder.name: validate_packages(load_packages(folder), schemas)
        for folder in sorted(INVALID.iterdir())
        if folder.is_dir()
    }


@pytest.fixture(scope="module")
def real_problems(fixture_problems, schemas) -> list[Problem]:
    """One problem per code, made by the real checks (two need a schema no package has)."""
    problems = [p for found in fixture_problems.values() for p in found]
    tables = copy.deepcopy(schemas.tables)
    field = next(f for f in tables["targets"]["fields"] if f["name"] == "indicator_ko")
    field["constraints"]["unique"] = True
    raw = load_package(MINIMAL)
    targets = (MINIMAL / "targets.csv").read_text(encoding="utf-8")
    twice = targets + targets.splitlines()[1].replace("ghg,", "ghg-2,", 1) + "\n"
    raw = dataclasses.replace(
        raw,
        resources=tuple(
            dataclasses.replace(r, data=twice.encode()) if r.name == "targets" else r
            for r in raw.resources
        ),
    )
    problems += check_table_bytes(raw, tables)
    row_error = errors.RowConstraintError(note="", cells=[], row_number=2)
    problems.append(translate_error("x/targets.csv", {}, read_table(b""), row_error))
    return problems


# Codes no data package can produce with the shipped schemas; test_real_checks_produce_every_problem_code
# still makes each of them from the real translator.
NOT_TRIGGERABLE_BY_DATA = {
    "unique-error": "no shipped schema has a unique constraint (duplicate IDs are primary-key)",
    "table-error": "fallback for frictionless error types a CSV cannot produce today",
}


@pytest.mark.parametrize("code", sorted(set(CODES) - set(NOT_TRIGGERABLE_BY_DATA)))
def test_every_problem_code_is_triggered_by_its_fixture_package(fixture_problems, code):
    assert code in fixture_problems, f"add tests/fixtures/invalid/{code}/<package>/"
    assert code in {p.code for p in fixture_problems[code]}


def test_every_fixture_folder_is_named_for_a_problem_code(fixture_problems):
    assert set(fixture_problems) <= set(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_is_documented_for_contributors(code):
    assert f"`{code}`" in CONTRIBUTE.read_text(encoding="utf-8")


def test_real_checks_produce_every_problem_code(real_problems):
    assert {p.code for p in real_problems} == set(CODES)


def template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_problem_renders_without_an_unfilled_placeholder(real_problems, lang):
    for problem in real_problems:
        code = CODES[problem.code]
        given = {name for name, _ in problem.params}
        if code.prepare is not None:  # wording derived from the values, in messages.py
            given |= set(code.prepare(dict(problem.params), lang))
        for part in ("message", "hint"):
            template = getattr(code, f"{part}_{lang}")
            missing = template_fields(template) - given
            assert not missing, f"{problem.code} {part}_{lang} is not given {missing}"
            text = problem.message(lang) if part == "message" else problem.hint(lang)
            assert not re.search(r"\{\w+(:[^{}]*)?\}", text), f"{problem.code}: {text}"
            assert not re.search(r"\((이|은|을|와|과|으)\)", text), f"{problem.code}: {text}"


@pytest.mark.parametrize("code", sorted(CODES))
def test_korean_and_english_templates_use_the_same_values(code):
    entry = CODES[code]
    for part in ("message", "hint"):
        ko = template_fields(getattr(entry, f"{part}_ko"))
        en = template_fields(getattr(entry, f"{part}_en"))
        assert ko == en, f"{code} {part}"


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_is_kebab_case_with_a_title(code):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
    assert CODES[code].title_ko


def test_an_undocumented_code_is_a_programming_error():
    with pytest.raises(KeyError):
        Problem.at("x/plans.csv", 2, "plan_id", "no-such-code")


def test_english_reports_carry_no_korean_beyond_quoted_data_and_amounts(real_problems):
    for problem in real_problems:
        for text in (problem.message("en"), problem.hint("en")):
            rest = re.sub(r'"[^"]*"', "", text)  # values quoted from the data
            rest = re.sub(r"\([^()]*원\)", "", rest)  # amounts shown the Korean way: (4억 원)
            rest = rest.replace("not 억", "").replace("1억 =", "")  # the unit being explained
            assert not re.search(r"[\uac00-\ud7a3\u1100-\u11ff]", rest), text
