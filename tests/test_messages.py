"""Tier 1: the message catalogue words structured values, and every rule is in the rulebook."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import planpress.tabular
import planpress.totals
import planpress.validate
from planpress.messages import CODES, EXCERPT_LIMIT, excerpt
from planpress.problems import Problem
from planpress.report import format_problem

INVALID = Path(__file__).parent / "fixtures" / "invalid"
RULE_MODULES = (planpress.validate, planpress.totals, planpress.tabular)


def test_every_check_function_is_in_the_rulebook():
    """A newcomer reads validate.RULEBOOK to see every rule; none runs from elsewhere."""
    rulebook = set(planpress.validate.RULEBOOK)
    helpers = {
        "check_descriptor_text",
        "check_sum",
        "check_table_bytes",
        "check_strict_cells",
        "check_header",
        "check_invisible",
        "check_descriptor_dates",
    }  # called by rules
    for module in RULE_MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("check_") and function.__module__ == module.__name__:
                assert function in rulebook or name in helpers, f"{module.__name__}.{name}"


def test_every_package_rule_takes_one_package_and_every_site_rule_the_packages():
    for rule in planpress.validate.PACKAGE_RULES:
        assert list(inspect.signature(rule).parameters) == ["package"], rule.__name__
    for rule in planpress.validate.SITE_RULES:
        assert list(inspect.signature(rule).parameters) == ["raws"], rule.__name__


def test_rules_hold_no_sentences():
    """Wording lives only in messages.py: no rule module holds Hangul outside its docstrings."""
    for module in (*RULE_MODULES, planpress.validate):
        source = inspect.getsource(module)
        code_lines = [
            line for line in source.splitlines() if not line.strip().startswith(("#", '"""'))
        ]
        body = "\n".join(code_lines)
        for doc in [inspect.getdoc(module) or ""]:
            body = body.replace(doc, "")
        hangul = [line for line in code_lines if any("가" <= ch <= "힣" for ch in line)]
        assert hangul == [], f"{module.__name__}: {hangul[:3]}"


def test_no_template_uses_a_both_forms_particle():
    for code, entry in CODES.items():
        for text in (entry.message_ko, entry.hint_ko):
            for both in ("이(가)", "은(는)", "을(를)", "와(과)", "(으)로"):
                assert both not in text, f"{code}: {text}"


def test_a_long_value_is_shown_as_a_short_excerpt():
    problem = Problem.at("x/programmes.csv", 2, "name_ko", "not-nfc", value="가" * 5000)
    message = problem.message()
    assert len(message) < 200
    assert "…" in message


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\u202e", "\u200b", "\n", "\r"])
def test_control_and_direction_characters_are_made_visible_in_reports(char):
    problem = Problem.at("x/programmes.csv", 2, "name_ko", "not-nfc", value=f"a{char}[31mb")
    line = format_problem(problem)
    assert char not in line
    assert f"\\u{ord(char):04x}" in line


def test_excerpt_keeps_short_plain_values_whole():
    assert excerpt("스마트 교통체계(ITS) 구축") == "스마트 교통체계(ITS) 구축"
    assert len(excerpt("x" * 1000)) == EXCERPT_LIMIT


def test_none_never_reaches_a_message():
    problem = Problem.at("x/datapackage.json", None, "resources[0].path", "unsafe-path", value=None)
    assert "None" not in problem.message() + problem.message("en")


# -- what a contributor reads, for the new rules ------------------------------------------


def test_an_empty_data_folder_is_nothing_to_publish(validate, tmp_path):
    (tmp_path / "empty").mkdir()
    [problem] = validate(tmp_path / "empty")
    assert format_problem(problem).startswith(
        'empty: 데이터 폴더 "empty"에 도시 패키지가 하나도 없습니다. 실을 것이 없어'
    )


def test_a_second_package_of_one_city_names_both_folders(validate):
    [problem] = validate(INVALID / "duplicate-city")
    assert problem.message() == (
        "예시시(예시도)의 패키지가 minimal-copy 폴더와 minimal 폴더에 둘 있습니다. "
        "지방자치단체 하나에 패키지는 하나입니다"
    )


def test_a_copied_city_with_new_name_and_plan_id_is_refused(make_package, compact, minimal_csv):
    """The first real use: paju copied to paju2 with a new plan id listed 파주시 twice."""
    paju = {"name_ko": "파주시", "name_en": "Paju"}
    make_package("paju", descriptor_patch=lambda d: d["city"].update(paju))
    renamed = {
        name: minimal_csv(name).replace("example-plan", "paju2-plan")
        for name in ("plans", "pillars", "programmes", "targets")
    }
    data = make_package("paju2", descriptor_patch=lambda d: d["city"].update(paju), **renamed)
    assert compact(data) == [("paju2/datapackage.json", None, "city.name_ko", "duplicate-city")]


def test_a_misspelt_pillar_suggests_the_nearest_and_lists_the_few_valid_ones(
    make_package, validate, minimal_csv
):
    typo = minimal_csv("programmes").replace("example-plan,digital,", "example-plan,digitall,", 1)
    [problem] = validate(make_package(programmes=typo))
    assert problem.code == "foreign-key"
    assert problem.message().startswith(
        '"digitall"에 해당하는 행이 pillars.csv에 없습니다 — 혹시 "digital"? (쓸 수 있는 값: '
    )
    assert 'did you mean "digital"?' in problem.message("en")


def test_approximate_on_a_filled_numeric_column_passes(make_package, validate, minimal_csv):
    good = minimal_csv("programmes").replace(
        "120000000,,,,,,,,,true", "120000000,,,,,50,jobs,,,true"
    )
    # the jobs listed exceed the plan's declared 10: that rule, not the flag, speaks
    assert [p.code for p in validate(make_package(programmes=good))] == ["part-exceeds-total"]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (",jobs,", '"jobs"는 어림수로 표시했지만 이 행에서 빈 칸입니다'),
        (",name_ko,", '"name_ko"는 이 표의 수치 열이 아닙니다'),
    ],
)
def test_approximate_names_a_filled_numeric_column_only(
    make_package, validate, minimal_csv, cells, message
):
    """A flag on an empty figure, or on a column that is not numeric, is refused, and the
    hint lists the columns it may name."""
    bad = minimal_csv("programmes").replace(
        "120000000,,,,,,,,,true", f"120000000,,,,,{cells},,true"
    )
    [problem] = validate(make_package(programmes=bad))
    assert (problem.row, problem.field, problem.code) == (2, "approximate", "unknown-approximate")
    assert problem.message() == message
    assert "budget_krw, national_budget_krw" in problem.hint()


def test_a_programme_period_that_ends_before_it_starts_is_refused(
    make_package, validate, minimal_csv
):
    swapped = minimal_csv("programmes").replace(",,,,,,true,", ",,,,2024,2021,true,", 1)
    [problem] = validate(make_package(programmes=swapped))
    assert (problem.path, problem.row, problem.field, problem.code) == (
        "minimal/programmes.csv",
        2,
        "start_year",
        "invalid-period",
    )
    assert problem.message() == "시작 연도 2024가 종료 연도 2021보다 늦습니다"
    assert problem.hint() == "start_year와 end_year가 바뀌지 않았는지 확인하세요"


def test_a_misspelt_theme_suggests_the_nearest(make_package, validate, minimal_csv):
    typo = minimal_csv("programmes").replace("digital;transport", "digitall;transport")
    [problem] = validate(make_package(programmes=typo))
    assert problem.message() == '"digitall"은 주제 어휘에 없습니다 — 혹시 "digital"?'


def test_a_jobs_total_is_not_checked_in_won(make_package, validate, minimal_csv):
    """Hints fit the measure: jobs and counts are not money."""
    jobs = minimal_csv("programmes").replace("120000000,,,,,,,,,true", "120000000,,,,,50,,,,true")
    [problem] = validate(make_package(programmes=jobs))
    assert (problem.path, problem.field, problem.code) == (
        "minimal/plans.csv",
        "jobs_target",
        "part-exceeds-total",
    )
    assert problem.message() == "목록에 실린 과제의 일자리 합 50이 발표된 일자리 10보다 큽니다"
    assert problem.hint() == "출처와 견주어 자릿수를 확인하세요"
    assert "won" not in problem.hint("en")
