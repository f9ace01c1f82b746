"""Tier 1: every rule, on tiny named fixture packages and on one-off packages built inline."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from planpress.report import format_problem

INVALID = Path(__file__).parent / "fixtures" / "invalid"
VALID = Path(__file__).parent / "fixtures" / "valid"

DESCRIPTOR = "minimal/datapackage.json"
PLANS = "minimal/plans.csv"
PILLARS = "minimal/pillars.csv"
PROGRAMMES = "minimal/programmes.csv"
TARGETS = "minimal/targets.csv"

# What `planpress validate tests/fixtures/invalid/<code>` reports, exactly. Each fixture
# is the minimal package with one thing changed.
EXPECTED = {
    "missing-descriptor": [(DESCRIPTOR, None, None, "missing-descriptor")],
    "invalid-json": [(DESCRIPTOR, 20, None, "invalid-json")],
    "descriptor-error": [(DESCRIPTOR, None, "version", "descriptor-error")],
    "history-order": [(DESCRIPTOR, None, "history[0].version", "history-order")],
    "name-mismatch": [(DESCRIPTOR, None, "name", "name-mismatch")],
    "duplicate-name": [("second/plans.csv", 2, "plan_id", "duplicate-name")],
    "duplicate-city": [("minimal-copy/datapackage.json", None, "city.name_ko", "duplicate-city")],
    "no-packages": [("no-packages", None, None, "no-packages")],
    "reserved-name": [("all/datapackage.json", None, "name", "reserved-name")],
    "unsafe-path": [(DESCRIPTOR, None, "resources[3].path", "unsafe-path")],
    "missing-resource": [(DESCRIPTOR, None, "resources", "missing-resource")],
    "missing-file": [(DESCRIPTOR, None, "resources[3].path", "missing-file")],
    "plan-count": [("minimal/plans.csv", None, None, "plan-count")],
    "not-utf8": [(PROGRAMMES, 2, None, "not-utf8")],
    "not-nfc": [(PROGRAMMES, 3, "name_ko", "not-nfc")],
    "formula-injection": [(PROGRAMMES, 2, "summary_ko", "formula-injection")],
    "type-error": [(PROGRAMMES, 2, "budget_krw", "type-error")],
    "constraint-error": [(TARGETS, 2, "unit", "constraint-error")],
    "primary-key": [(TARGETS, 3, "target_id", "primary-key")],
    "foreign-key": [(PROGRAMMES, 3, "pillar_id", "foreign-key")],
    "missing-cell": [(TARGETS, 2, "notes", "missing-cell")],
    "extra-cell": [(TARGETS, 2, None, "extra-cell")],
    "blank-row": [(TARGETS, 2, None, "blank-row")],
    "blank-label": [(TARGETS, 1, "notes", "blank-label")],
    "duplicate-label": [(TARGETS, 1, "notes", "duplicate-label")],
    "extra-label": [(TARGETS, 1, "extra", "extra-label")],
    "missing-label": [(TARGETS, 1, "notes", "missing-label")],
    "incorrect-label": [(TARGETS, 1, "notes", "incorrect-label")],
    "source-error": [(TARGETS, None, None, "source-error")],
    "unknown-theme": [(PROGRAMMES, 2, "themes", "unknown-theme")],
    "total-mismatch": [
        (PILLARS, 2, "programme_count", "total-mismatch"),
        (PLANS, 2, "programme_count", "total-mismatch"),
    ],
    "part-exceeds-total": [(PLANS, 2, "national_budget_krw", "part-exceeds-total")],
    "parent-cycle": [(PILLARS, 4, "parent_id", "parent-cycle")],
    "invalid-period": [(PLANS, 2, "period_start", "invalid-period")],
    "unknown-approximate": [(PROGRAMMES, 2, "approximate", "unknown-approximate")],
    "programme-cycle": [(PROGRAMMES, 2, "parent_programme_id", "programme-cycle")],
    "status-without-amount": [(PROGRAMMES, 3, "budget_status", "status-without-amount")],
    "target-owner": [(TARGETS, 2, "programme_id", "target-owner")],
    "qualitative-target": [(TARGETS, 2, "value", "qualitative-target")],
    "cell-too-large": [(TARGETS, 2, None, "cell-too-large")],
    "symlink": [(TARGETS, None, None, "symlink")],
    "schema-drift": [("minimal/targets.schema.json", None, None, "schema-drift")],
    "invisible-character": [(PROGRAMMES, 2, "summary_ko", "invisible-character")],
    "malformed-csv": [(TARGETS, 2, None, "malformed-csv")],
    "unfilled-placeholder": [("minimal/sources.csv", 2, "publisher", "unfilled-placeholder")],
    # 1,000 type errors, and then a word that frictionless stopped counting there
    "too-many-problems": [(TARGETS, None, None, "too-many-problems")]
    + [(TARGETS, row, "value", "type-error") for row in range(2, 1002)],
}

FIXTURE_CODES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def lines(problems, lang="ko"):
    return [format_problem(p, lang) for p in problems]


# -- the named fixtures ------------------------------------------------------------------


def test_valid_minimal_package_has_no_problems(compact):
    assert compact(VALID) == []


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_fixture_package_reports_exactly_its_code(compact, code):
    assert compact(INVALID / code) == EXPECTED[code]


def test_every_fixture_folder_has_its_expected_report():
    assert sorted(EXPECTED) == FIXTURE_CODES


# -- the exact words a contributor reads ---------------------------------------------------


def test_validate_suggests_exact_won_for_korean_money_words(validate):
    [problem] = validate(INVALID / "type-error")
    assert format_problem(problem) == (
        'minimal/programmes.csv:2:budget_krw: "1,066억"은 원 단위 정수 형식이 아닙니다 '
        "(고치는 법: 원 단위 정수로 106600000000을 쓰세요) [type-error]"
    )
    assert format_problem(problem, "en") == (
        'minimal/programmes.csv:2:budget_krw: "1,066억" is not a whole number of won '
        "(fix: write 106600000000, a whole number of won) [type-error]"
    )


def test_validate_refuses_cp949_file_with_hint(validate):
    [problem] = validate(INVALID / "not-utf8")
    assert format_problem(problem) == (
        "minimal/programmes.csv:2: 파일이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것으로 보입니다) "
        "(고치는 법: Excel이라면 '다른 이름으로 저장 → CSV UTF-8(쉼표로 분리)'로, "
        "메모장이라면 인코딩을 UTF-8로 골라 다시 저장하세요) [not-utf8]"
    )
    assert format_problem(problem, "en") == (
        "minimal/programmes.csv:2: the file is not UTF-8 (it looks saved as CP949/EUC-KR) "
        "(fix: re-save as UTF-8: in Excel 'Save As → CSV UTF-8 (Comma delimited)') [not-utf8]"
    )


def test_validate_refuses_cell_a_spreadsheet_would_run_as_formula(validate):
    [problem] = validate(INVALID / "formula-injection")
    assert format_problem(problem) == (
        'minimal/programmes.csv:2:summary_ko: "=HYPERLINK("https://example.com")"는 '
        "=로 시작해 스프레드시트가 수식으로 실행할 수 있습니다 "
        "(고치는 법: 첫 글자를 바꾸어 쓰세요(예: '-'로 시작하는 목록은 '·'로). "
        "수치는 숫자만 쓰세요) [formula-injection]"
    )
    assert format_problem(problem, "en") == (
        'minimal/programmes.csv:2:summary_ko: "=HYPERLINK("https://example.com")" starts '
        "with =, which a spreadsheet may run as a formula "
        "(fix: reword so the cell does not start with = + - @) [formula-injection]"
    )


def test_validate_reports_pillar_counts_adding_up_to_42_against_declared_43(validate):
    """Paju-like: 14 + 14 + 4 + 10 top-level programmes against a declared 43. Both sides are
    named, so a pull-request annotation lands on pillars.csv when that is the file edited."""
    pillars, plans = validate(INVALID / "total-mismatch")
    fix = (
        "(고치는 법: 출처를 다시 보고 어느 수치가 맞는지 확인하세요. 출처 자체가 어긋나면 "
        "값을 비우고 notes에 적으세요) [total-mismatch]"
    )
    assert format_problem(plans) == (
        "minimal/plans.csv:2:programme_count: 최상위 분야의 과제 수의 합 42가 발표된 합계 "
        f"43과 다릅니다 (더한 행: minimal/pillars.csv 2·3·4·5행) {fix}"
    )
    assert format_problem(pillars) == (
        "minimal/pillars.csv:2:programme_count: 최상위 분야의 과제 수의 합 42가 발표된 합계 "
        f"43과 다릅니다 (발표 합계: minimal/plans.csv 2행) {fix}"
    )
    assert format_problem(plans, "en") == (
        "minimal/plans.csv:2:programme_count: top-level pillars' programme counts add up "
        "to 42, not the declared total 43 (added rows: minimal/pillars.csv rows 2, 3, 4, 5) "
        "(fix: recheck the source; if the source itself disagrees, leave one empty and "
        "explain in notes) [total-mismatch]"
    )


def test_validate_shows_money_both_exact_and_the_korean_way(validate):
    [problem] = validate(INVALID / "part-exceeds-total")
    assert format_problem(problem) == (
        "minimal/plans.csv:2:national_budget_krw: 국비 4억 원(400,000,000원)이 "
        "발표된 총사업비 3억 원(300,000,000원)보다 큽니다 "
        "(고치는 법: 단위(원, 억 원)와 자릿수를 확인하세요) [part-exceeds-total]"
    )
    assert format_problem(problem, "en") == (
        "minimal/plans.csv:2:national_budget_krw: national funding 400,000,000 won (4억 원) "
        "is larger than the total budget 300,000,000 won (3억 원) "
        "(fix: check the unit (won, not 억) and the digits) [part-exceeds-total]"
    )


def test_validate_names_the_package_that_already_uses_a_plan_id(validate):
    [problem] = validate(INVALID / "duplicate-name")
    assert format_problem(problem) == (
        'second/plans.csv:2:plan_id: "example-plan"은 minimal/plans.csv:2에서 이미 '
        "쓰고 있습니다 (고치는 법: 도시 폴더마다 서로 다른 이름과 계획 ID를 쓰세요) "
        "[duplicate-name]"
    )


def test_validate_points_at_the_json_line_in_both_languages(validate):
    [problem] = validate(INVALID / "invalid-json")
    assert problem.message() == "JSON으로 읽을 수 없습니다: 값이 와야 합니다 (20행 3열)"
    assert problem.message("en") == "cannot be read as JSON: Expecting value (line 20 column 3)"


def test_validate_lists_the_theme_vocabulary_in_the_hint(validate, schemas):
    [problem] = validate(INVALID / "unknown-theme")
    assert problem.message("en") == '"spaceflight" is not in the theme vocabulary'
    assert problem.message() == '"spaceflight"는 주제 어휘에 없습니다'
    assert problem.hint("en") == (
        "choose a theme_id from plugins/planpress/schemas/themes.csv: "
        + ", ".join(sorted(schemas.theme_ids))
    )


# -- all problems, all packages, one report -------------------------------------------


def test_validate_reports_every_problem_of_every_broken_package_together(
    make_package, compact, minimal_csv
):
    make_package("alpha", programmes=minimal_csv("programmes").encode("cp949"))
    data = make_package(
        "beta",
        programmes=minimal_csv("programmes").replace("digital;transport", "digital;spaceflight"),
        plans=minimal_csv("plans").replace(",2021,2021,", ",2025,2021,"),
    )
    assert compact(data) == [
        ("alpha/programmes.csv", 2, None, "not-utf8"),
        ("beta/plans.csv", 2, "period_start", "invalid-period"),
        ("beta/plans.csv", 2, "plan_id", "duplicate-name"),
        ("beta/programmes.csv", 2, "themes", "unknown-theme"),
    ]


def test_a_row_cut_short_is_one_problem_that_says_how_many_cells_it_has(
    make_package, minimal_csv, validate
):
    lines = minimal_csv("programmes").splitlines()
    lines[1] = ",".join(lines[1].split(",")[:5])  # 18 cells missing: one problem, not 18
    problems = validate(make_package(programmes="\n".join(lines) + "\n"))
    assert [(p.row, p.field, p.code) for p in problems] == [(2, "summary_ko", "missing-cell")]
    said = format_problem(problems[0])
    assert "이 행 5칸" in said and "머리행 23칸" in said


def test_a_repeated_id_names_the_row_it_repeats(make_package, minimal_csv, validate):
    lines = minimal_csv("programmes").splitlines()
    problems = validate(make_package(programmes="\n".join([*lines, lines[1]]) + "\n"))
    repeat = [p for p in problems if p.code == "primary-key"]
    assert len(repeat) == 1 and repeat[0].row == len(lines) + 1
    assert (
        format_problem(repeat[0])
        .split(": ", 1)[1]
        .startswith(
            'ID "smart-traffic"이 2행의 ID와 겹칩니다'  # 트래픽이
        )
    )
    assert "repeats row 2's" in format_problem(repeat[0], "en")


def test_validate_refuses_package_name_used_by_another_folder(make_package, compact):
    make_package("alpha")
    data = make_package("beta", descriptor_patch={"name": "alpha"})
    # One cause, one problem: the name differs from its folder (and folders are unique).
    assert compact(data) == [
        ("beta/datapackage.json", None, "name", "name-mismatch"),
        ("beta/plans.csv", 2, "plan_id", "duplicate-name"),
    ]


def test_validate_refuses_plan_id_reused_across_packages(make_package, validate):
    make_package("alpha")
    data = make_package("beta")
    [problem] = validate(data)
    assert (problem.path, problem.row, problem.field, problem.code) == (
        "beta/plans.csv",
        2,
        "plan_id",
        "duplicate-name",
    )
    assert problem.message("en") == '"example-plan" is already used in alpha/plans.csv:2'


def test_validate_refuses_two_resources_with_one_name(make_package, compact):
    data = make_package(
        descriptor_patch=lambda d: d["resources"].append(
            {"name": "plans", "path": "plans.csv", "schema": "plans.schema.json"}
        )
    )
    assert compact(data) == [(DESCRIPTOR, None, "resources", "duplicate-name")]


# -- project rules, one-off -------------------------------------------------------------


def test_validate_checks_funding_shares_add_up_to_the_programme_budget(
    make_package, validate, minimal_csv
):
    shares = minimal_csv("programmes").replace(
        ",200000000,,120000000,,,,,", ",200000000,,120000000,,50000000,20000000,20000000,"
    )
    [problem] = validate(make_package(programmes=shares))
    assert format_problem(problem) == (
        "minimal/programmes.csv:2:budget_krw: 재원별 금액의 합 2억 1,000만 원(210,000,000원)이 "
        "발표된 합계 2억 원(200,000,000원)과 다릅니다 (고치는 법: 출처를 다시 보고 어느 "
        "수치가 맞는지 확인하세요. 출처 자체가 어긋나면 값을 비우고 notes에 적으세요) "
        "[total-mismatch]"
    )


def test_validate_refuses_declared_shares_larger_than_the_budget(
    make_package, compact, minimal_csv
):
    shares = minimal_csv("programmes").replace(
        ",200000000,,120000000,,,,,", ",200000000,,120000000,,50000000,50000000,,"
    )
    assert compact(make_package(programmes=shares)) == [
        (PROGRAMMES, 2, "budget_krw", "part-exceeds-total")
    ]


def test_validate_refuses_listed_programmes_costing_more_than_their_pillar(
    make_package, validate, minimal_csv
):
    dearer = minimal_csv("programmes").replace(",200000000,,120000000,", ",250000000,,120000000,")
    [problem] = validate(make_package(programmes=dearer))
    assert (problem.path, problem.row, problem.field, problem.code) == (
        PILLARS,
        2,
        "budget_krw",
        "part-exceeds-total",
    )
    assert problem.message("en") == (
        "the listed programmes' budgets 250,000,000 won (2억 5,000만 원) is larger than "
        "the declared budget 200,000,000 won (2억 원)"
    )
    assert problem.message() == (
        "목록에 실린 과제의 사업비 합 2억 5,000만 원(250,000,000원)이 "
        "발표된 사업비 2억 원(200,000,000원)보다 큽니다"
    )


def test_validate_checks_child_pillars_add_up_to_their_parent(make_package, compact, minimal_csv):
    child = "sub,example-plan,digital,하위 분야,,,1,,,example-article,\n"
    # The parent row (2) declares the total; its children (rows 4 and 6) are the parts: the
    # second problem is on the first of them and lists both.
    assert compact(make_package(pillars=minimal_csv("pillars") + child)) == [
        (PILLARS, 2, "programme_count", "total-mismatch"),
        (PILLARS, 4, "programme_count", "total-mismatch"),
    ]


def test_validate_refuses_a_dash_list_in_a_text_cell(make_package, compact, minimal_csv):
    bullet = minimal_csv("programmes").replace("신호와 주차 정보를 잇는다.", "- 신호 연계")
    assert compact(make_package(programmes=bullet)) == [
        (PROGRAMMES, 2, "summary_ko", "formula-injection")
    ]


def test_validate_does_not_mistake_a_number_for_a_formula(make_package, compact, minimal_csv):
    # "-5" in a number column is a value, not a formula (targets.value allows negatives).
    negative = minimal_csv("targets").replace(",2500000,", ",-5,")
    assert compact(make_package(targets=negative)) == []


def test_validate_refuses_decomposed_hangul_in_the_descriptor(make_package, compact):
    data = make_package(descriptor_patch={"title": unicodedata.normalize("NFD", "예시 뉴딜")})
    assert compact(data) == [(DESCRIPTOR, None, "title", "not-nfc")]


def test_validate_refuses_a_descriptor_that_is_a_json_list(make_package, compact):
    data = make_package(datapackage="[1, 2]")
    assert compact(data) == [(DESCRIPTOR, None, None, "descriptor-error")]  # one cause, once


@pytest.mark.parametrize("text", ["null", "\n null \n", "42", '"x"'])
def test_a_descriptor_that_is_not_an_object_is_refused(make_package, compact, text):
    """Found by the probe: `null` validated, and the build then crashed."""
    assert compact(make_package(datapackage=text)) == [(DESCRIPTOR, None, None, "descriptor-error")]


def test_a_key_written_twice_in_the_descriptor_is_refused(make_package, validate):
    """Found by the probe: the first title silently disappeared from the published file."""
    [problem] = validate(
        make_package(datapackage='{"name": "minimal", "title": "a", "title": "b"}')
    )
    assert (problem.code, dict(problem.params)["kind"]) == ("invalid-json", "duplicate-key")
    assert problem.message() == "JSON으로 읽을 수 없습니다: " + '"title" 항목이 두 번 있습니다'


# -- reading exactly what the model will read ------------------------------------------


def test_validate_accepts_a_byte_order_mark_and_windows_line_ends(
    make_package, compact, minimal_csv
):
    data = make_package(
        programmes=b"\xef\xbb\xbf" + minimal_csv("programmes").encode(),
        targets=minimal_csv("targets").replace("\n", "\r\n"),
    )
    assert compact(data) == []


def test_validate_refuses_tab_separated_file_instead_of_sniffing_it(
    make_package, compact, minimal_csv
):
    # frictionless would sniff the delimiter; the one reader does not, and reads one column.
    # The header is reported; the rows, whose cells cannot be placed, are not.
    tabs = minimal_csv("targets").replace(",", "\t")
    problems = compact(make_package(targets=tabs))
    assert (TARGETS, 1, "target_id", "incorrect-label") in problems
    assert {code for *_, code in problems} == {"incorrect-label", "missing-label"}
    assert {row for _, row, *_ in problems} == {1}


def test_a_missing_column_is_reported_once_without_cascading(make_package, compact, minimal_csv):
    """The first real use: one deleted column gave 82 problems, some of them false."""
    lines = minimal_csv("programmes").splitlines()
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != 2) for line in lines]
    problems = compact(make_package(programmes="\n".join(cut) + "\n"))
    assert problems == [(PROGRAMMES, 1, "pillar_id", "missing-label")]


def test_validate_refuses_spaces_around_header_names(make_package, validate, minimal_csv):
    header, row = minimal_csv("targets").splitlines()
    data = make_package(targets=header.replace(",notes", ",notes ") + "\n" + row + "\n")
    [problem] = validate(data)
    assert format_problem(problem, "en") == (
        'minimal/targets.csv:1:notes: expected the column "notes" where "notes " is '
        "(fix: make the header's names and order match the schema) [incorrect-label]"
    )


def test_validate_reports_a_blank_row_once_not_also_as_an_empty_id(
    make_package, validate, minimal_csv
):
    header, row = minimal_csv("targets").splitlines()
    [problem] = validate(make_package(targets=f"{header}\n{row}\n,,,,,,,,\n"))
    assert format_problem(problem) == (
        "minimal/targets.csv:3: 빈 행입니다 (고치는 법: 빈 행을 지우세요) [blank-row]"
    )


def test_validate_explains_a_source_url_that_is_not_a_url(make_package, validate, minimal_csv):
    sources = minimal_csv("sources").replace(
        "홍길동,2021-03-16,,", "홍길동,2021-03-16,example.com,"
    )
    [problem] = validate(make_package(sources=sources))
    assert format_problem(problem) == (
        'minimal/sources.csv:2:url: "example.com"은 주소(URL) 형식이 아닙니다 '
        "(고치는 법: https://로 시작하는 전체 주소를 쓰세요. 모르면 비우세요) [type-error]"
    )


def test_validate_refuses_a_javascript_url(make_package, compact, minimal_csv):
    sources = minimal_csv("sources").replace(
        "홍길동,2021-03-16,,", "홍길동,2021-03-16,javascript:alert(1),"
    )
    assert ("minimal/sources.csv", 2, "url", "constraint-error") in compact(
        make_package(sources=sources)
    )


def test_validate_refuses_a_resource_that_is_a_symlink_out_of_the_package(
    make_package, compact, tmp_path
):
    outside = tmp_path / "secret.csv"
    outside.write_text("password\nhunter2\n", encoding="utf-8")
    data = make_package(remove=("targets.csv",))
    (data / "minimal" / "targets.csv").symlink_to(outside)
    assert compact(data) == [("minimal/targets.csv", None, None, "symlink")]


def test_validate_refuses_a_symlinked_package_folder_without_reading_it(
    make_package, validate, tmp_path
):
    """The first real use: a symlinked folder was published as a city."""
    data = make_package()
    elsewhere = tmp_path / "elsewhere"
    (data / "minimal").rename(elsewhere)
    (data / "minimal").symlink_to(elsewhere, target_is_directory=True)
    assert [(p.path, p.code) for p in validate(data)] == [("minimal", "symlink")]


def test_validate_never_follows_a_symlinked_descriptor_nor_echoes_its_content(
    make_package, validate, tmp_path
):
    secret = tmp_path / "secret.json"
    secret.write_text('{"password": "hunter2"', encoding="utf-8")
    data = make_package()
    (data / "minimal" / "datapackage.json").unlink()
    (data / "minimal" / "datapackage.json").symlink_to(secret)
    problems = validate(data)
    assert [(p.path, p.code) for p in problems] == [("minimal/datapackage.json", "symlink")]
    assert "hunter2" not in "".join(p.message() + p.message("en") for p in problems)


def test_validate_refuses_any_symlink_in_a_package_folder(make_package, compact, tmp_path):
    data = make_package()
    (data / "minimal" / "notes.txt").symlink_to("/etc/hostname")
    assert compact(data) == [("minimal/notes.txt", None, None, "symlink")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"name": "minimal", "x": NaN}', "not-a-number"),
        ('{"name": "minimal", "x": Infinity}', "not-a-number"),
        ('{"name": "minimal", "x": -Infinity}', "not-a-number"),
        ('{"name": "minimal", "x": 1e400}', "not-a-number"),
        ('{"x": ' + "[" * 40 + "]" * 40 + "}", "too-deep"),
        ("[" * 600 + "]" * 600, "too-deep"),
        ("[" * 100000 + "]" * 100000, "too-deep"),
    ],
)
def test_validate_refuses_what_json_cannot_carry_or_nests_too_deep(
    make_package, validate, text, kind
):
    """NaN and 1e400 were republished as invalid JSON; 500 levels crashed the build."""
    [problem] = validate(make_package(datapackage=text))
    assert (problem.code, dict(problem.params)["kind"]) == ("invalid-json", kind)


def test_validate_reports_an_integer_too_long_to_read_without_crashing(
    make_package, validate, minimal_csv
):
    huge = "9" * 5000
    programmes = minimal_csv("programmes").replace(",200000000,,120000000,", f",{huge},,120000000,")
    [problem] = validate(make_package(programmes=programmes))
    assert (problem.row, problem.field, problem.code) == (2, "budget_krw", "type-error")
    assert problem.hint() == "원 단위 정수로 쓰세요(1억 원 = 100000000)"


def test_validate_reports_a_descriptor_number_too_long_to_read(make_package, validate):
    # json.loads raises ValueError (not JSONDecodeError) past 4300 digits.
    [problem] = validate(make_package(datapackage='{"version": ' + "9" * 5000 + "}"))
    assert (problem.path, problem.code) == (DESCRIPTOR, "invalid-json")
    assert problem.message("en") == "cannot be read as JSON: a number is too long"


def test_validate_reports_a_resource_entry_that_is_not_an_object(make_package, compact):
    # Found by hypothesis: `"schema" in 1` used to raise TypeError while describing the error.
    data = make_package(descriptor_patch=lambda d: d["resources"].__setitem__(3, 1))
    assert compact(data) == [
        (DESCRIPTOR, None, "resources", "missing-resource"),
        (DESCRIPTOR, None, "resources[3]", "descriptor-error"),
    ]


def test_validate_checks_and_reports_the_first_of_two_resources_with_one_name(
    make_package, compact, minimal_csv
):
    # The model reads the first "plans" entry, so that is the file checked and named.
    data = make_package(
        descriptor_patch=lambda d: d["resources"].append(
            {"name": "plans", "path": "later.csv", "schema": "plans.schema.json"}
        ),
        plans=minimal_csv("plans").replace(",2021,2021,", ",2025,2021,"),
        later=minimal_csv("plans"),
    )
    assert compact(data) == [
        (DESCRIPTOR, None, "resources", "duplicate-name"),
        (PLANS, 2, "period_start", "invalid-period"),
    ]


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x07", "\t", "\r", "\u202e", "\u2066", "\u200b", "\ufeff"]
)
def test_validate_refuses_control_bidi_and_zero_width_characters_in_cells(
    make_package, validate, minimal_csv, char
):
    text = minimal_csv("programmes").replace("신호와 주차", f'"신호와{char}주차', 1)
    text = text.replace("잇는다.,", '잇는다.",', 1)
    [problem] = validate(make_package(programmes=text))
    assert (problem.field, problem.code) == ("summary_ko", "invisible-character")
    assert f"U+{ord(char):04X}" in problem.message()
    assert char not in problem.message() + problem.message("en")


def test_a_line_break_inside_a_quoted_cell_is_text(make_package, compact, minimal_csv):
    text = minimal_csv("programmes").replace(
        "신호와 주차 정보를 잇는다.", '"신호와 주차\n정보를 잇는다."'
    )
    assert compact(make_package(programmes=text)) == []


def test_validate_refuses_control_characters_in_the_descriptor(make_package, compact):
    data = make_package(descriptor_patch={"title": "예시\u202e 뉴딜"})
    assert compact(data) == [(DESCRIPTOR, None, "title", "invisible-character")]


def test_validate_refuses_a_day_that_is_not_in_the_calendar(make_package, validate):
    [problem] = validate(make_package(descriptor_patch={"updated": "2026-02-30"}))
    assert (problem.field, problem.code) == ("updated", "descriptor-error")
    assert problem.message().endswith("2026-02-30은 달력에 없는 날짜입니다")


@pytest.mark.parametrize(
    ("column", "value"),
    [("budget_krw", "9" * 30), ("budget_krw", "1000000000000001"), ("jobs", "10000001")],
)
def test_validate_refuses_implausible_money_and_counts(
    make_package, validate, minimal_csv, column, value
):
    """A 30-digit budget with no total to check it against was published as "…경…원"."""
    header, *rows = minimal_csv("programmes").splitlines()
    cells = rows[0].split(",")
    cells[header.split(",").index(column)] = value
    if column == "budget_krw":
        cells[header.split(",").index("national_budget_krw")] = ""
    text = "\n".join([header, ",".join(cells), *rows[1:]]) + "\n"
    problems = [
        p
        for p in validate(make_package(programmes=text))
        if (p.path, p.field) == (PROGRAMMES, column)
    ]
    assert [(p.code, dict(p.params)["constraint"]) for p in problems][:1] == [
        ("constraint-error", "maximum")
    ]
    assert "이하" in problems[0].message()


def test_every_package_in_the_repository_is_self_describing():
    """What any Frictionless user runs first on a clone passes: each package names its own
    schema files, identical to the shared schemas (the constraints and foreign keys are real)."""
    from frictionless import validate as frictionless_validate

    root = Path(__file__).resolve().parents[1] / "datapackage"
    reports = {
        folder.name: frictionless_validate(str(folder / "datapackage.json"))
        for folder in sorted(root.iterdir())
        if (folder / "datapackage.json").is_file()
    }
    assert {name: report.valid for name, report in reports.items()} == dict.fromkeys(reports, True)


def test_a_schema_copy_that_drifted_is_named_with_its_columns(make_package, validate):
    data = make_package()
    copy = data / "minimal" / "targets.schema.json"
    schema = json.loads(copy.read_text("utf-8"))
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "notes"]
    copy.write_text(json.dumps(schema), "utf-8")
    [problem] = validate(data)
    assert (problem.path, problem.code) == ("minimal/targets.schema.json", "schema-drift")
    assert problem.message() == "targets.schema.json이 공통 스키마와 다릅니다(다른 열: notes)"


def test_make_schemas_writes_copies_that_validate(tmp_path, make_package, compact):
    from planpress.schemacopies import write_schema_copies

    data = make_package()
    folder = data / "minimal"
    (folder / "plans.schema.json").unlink()
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    for entry in descriptor["resources"]:
        entry.pop("schema")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    assert compact(data) != []
    written = write_schema_copies(data)
    assert sorted(p.name for p in written) == ["datapackage.json", "plans.schema.json"]
    assert compact(data) == []
    assert write_schema_copies(data) == []  # a second run has nothing to do


@pytest.mark.parametrize(
    "char", ["\u00ad", "\u180e", "\u2028", "\u2029", "\ufff9", "\U000e0041", "\ue000"]
)
def test_validate_refuses_every_invisible_kind_of_character(
    make_package, compact, minimal_csv, char
):
    """Found by the probe: soft hyphen, separators, tags and private use passed."""
    text = minimal_csv("programmes").replace("신호와 주차", f"신호와{char}주차", 1)
    assert compact(make_package(programmes=text)) == [
        (PROGRAMMES, 2, "summary_ko", "invisible-character")
    ]


def test_a_line_break_cannot_slip_past_an_id_pattern(make_package, compact, minimal_csv):
    """Found by the probe: "smart-traffic\\n" matched the id pattern and broke every anchor."""
    text = minimal_csv("programmes").replace("smart-traffic,", '"smart-traffic\n",', 1)
    assert (PROGRAMMES, 2, "programme_id", "invisible-character") in compact(
        make_package(programmes=text)
    )


def test_a_line_break_cannot_slip_past_the_descriptor_patterns(make_package, compact):
    data = make_package(descriptor_patch={"updated": "2026-01-01\n", "version": "1.0.0\n"})
    assert [(f, c) for _, _, f, c in compact(data)] == [
        ("updated", "invisible-character"),
        ("version", "invisible-character"),
    ]


def test_listed_national_funding_never_exceeds_the_plans(make_package, validate, minimal_csv):
    """Found by the probe: a programme's 국비 above the plan's declared 국비 was accepted."""
    dearer = minimal_csv("programmes").replace(",200000000,,120000000,", ",200000000,,150000000,")
    plans = minimal_csv("plans").replace(",300000000,,150000000,", ",300000000,,140000000,")
    [problem] = validate(make_package(programmes=dearer, plans=plans))
    assert (problem.path, problem.field, problem.code) == (
        PLANS,
        "national_budget_krw",
        "part-exceeds-total",
    )
    assert problem.message() == (
        "목록에 실린 과제의 국비 합 1억 5,000만 원(150,000,000원)이 "
        "발표된 국비 1억 4,000만 원(140,000,000원)보다 큽니다"
    )


def history(*entries: tuple[str, str]) -> dict:
    """A descriptor patch: `history` from (version, date) pairs, newest first."""
    return {"history": [{"version": v, "date": d, "changes_ko": "바뀐 점."} for v, d in entries]}


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ((("1.0.0", "2026-11-22"), ("0.9.0", "2026-11-01")), []),
        ((("1.0.0", "2026-11-22"), ("1.0.0", "2026-11-01")), [("history[1].version", "version")]),
        ((("1.0.0", "2026-11-22"), ("1.2.0", "2026-11-01")), [("history[1].version", "version")]),
        ((("1.0.0", "2026-11-22"), ("0.9.0", "2026-11-23")), [("history[1].date", "date")]),
        ((("1.0.0", "2026-11-21"),), [("history[0].date", "newest-date")]),
        (
            (("1.0.10", "2026-11-22"), ("1.0.9", "2026-11-22")),
            [("history[0].version", "newest-version")],
        ),
    ],
)
def test_history_runs_newest_first_and_starts_at_the_package_version(
    make_package, validate, entries, expected
):
    problems = validate(make_package(descriptor_patch=history(*entries)))
    assert [(p.field, p.code, dict(p.params)["kind"]) for p in problems] == [
        (field, "history-order", kind) for field, kind in expected
    ]


def test_history_order_is_said_in_korean_with_both_versions(make_package, validate):
    [problem] = validate(
        make_package(descriptor_patch=history(("1.0.0", "2026-11-22"), ("1.0.0", "2026-11-01")))
    )
    assert problem.message() == "판 1.0.0이 위 항목의 1.0.0보다 낮지 않습니다"


def test_a_history_entry_of_the_wrong_shape_is_the_profile_s_error(make_package, compact):
    patch = {"history": [{"version": "1.0.0", "date": "2026-11-22"}]}
    assert compact(make_package(descriptor_patch=patch)) == [
        (DESCRIPTOR, None, "history[0].changes_ko", "descriptor-error")
    ]


# -- data model 1.2 ------------------------------------------------------------------------


def test_a_row_kind_outside_the_list_is_refused_with_the_allowed_values(
    make_package, validate, minimal_csv
):
    typo = minimal_csv("programmes").replace(",true,declared-task,", ",true,declared,", 1)
    [problem] = validate(make_package(programmes=typo))
    assert (problem.row, problem.field, problem.code) == (2, "row_kind", "constraint-error")
    assert "declared-task" in problem.message() and "activity" in problem.message()


def test_a_row_kind_is_required(make_package, compact, minimal_csv):
    blank = minimal_csv("programmes").replace(",true,declared-task,", ",true,,", 1)
    assert compact(make_package(programmes=blank)) == [
        (PROGRAMMES, 2, "row_kind", "constraint-error")
    ]


def test_a_funding_status_outside_the_list_is_refused(make_package, compact, minimal_csv):
    odd = minimal_csv("programmes").replace(",200000000,,", ",200000000,confirmed,", 1)
    assert compact(make_package(programmes=odd)) == [
        (PROGRAMMES, 2, "budget_status", "constraint-error")
    ]


def test_a_funding_status_beside_its_amount_passes(make_package, compact, minimal_csv):
    stated = minimal_csv("programmes").replace(
        ",200000000,,120000000,,", ",200000000,planned,120000000,secured,", 1
    )
    plans = minimal_csv("plans").replace(
        ",300000000,,150000000,,", ",300000000,planned,150000000,secured,"
    )
    assert compact(make_package(programmes=stated, plans=plans)) == []


def test_a_plan_status_without_its_amount_is_refused(make_package, compact, minimal_csv):
    plans = minimal_csv("plans").replace(",300000000,,150000000,,", ",,,150000000,,")
    plans = plans.replace(",,,150000000,,", ",,secured,150000000,,")
    assert (PLANS, 2, "budget_status", "status-without-amount") in compact(
        make_package(plans=plans)
    )


@pytest.mark.parametrize(
    ("owner", "expected"),
    [("no-such", [(TARGETS, 2, "programme_id", "foreign-key")]), ("green-roof", [])],
)
def test_a_target_of_a_programme_must_name_an_existing_one(
    make_package, compact, minimal_csv, owner, expected
):
    targets = minimal_csv("targets").replace("ghg,example-plan,,,", f"ghg,example-plan,,{owner},")
    assert compact(make_package(targets=targets)) == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [(",,,,", []), (",2500000,,2025,", [(TARGETS, 2, "unit", "qualitative-target")])],
    ids=["qualitative", "bare-number"],
)
def test_a_qualitative_target_has_neither_value_nor_unit(
    make_package, compact, minimal_csv, cells, expected
):
    targets = minimal_csv("targets").replace(",2500000,t,2025,", cells)
    assert compact(make_package(targets=targets)) == expected


def test_an_untypable_value_is_a_type_error_and_not_also_half_a_target(
    make_package, compact, minimal_csv
):
    wrong = minimal_csv("targets").replace(",2500000,t,", ",250만,t,")
    assert compact(make_package(targets=wrong)) == [(TARGETS, 2, "value", "type-error")]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("activity", []), ("named-example", [(PILLARS, 2, "programme_count", "part-exceeds-total")])],
)
def test_the_listed_count_counts_only_rows_among_the_declared_programmes(
    make_package, compact, minimal_csv, kind, expected
):
    """A pillar that declares one programme may list an activity beside it; a second declared
    task or named example is one too many."""
    pillars = minimal_csv("pillars").replace(",,3,200000000,", ",,1,200000000,")
    plans = minimal_csv("plans").replace(",10,5,과제,", ",10,3,과제,")
    extra = f"data-hub,example-plan,digital,,데이터 허브,,,,,,,,,,,,,false,{kind},,digital,example-article,\n"
    programmes = minimal_csv("programmes") + extra
    assert compact(make_package(pillars=pillars, plans=plans, programmes=programmes)) == expected


def test_a_sub_item_s_money_is_counted_once_inside_its_task_s(make_package, compact, minimal_csv):
    """A task states 2억 (국비 1.2억) and its sub-item 1.5억 (국비 1억), part of it: the listed
    sums stay within the plan's 3억 (국비 1.5억) and the pillar's 2억; adding both would report
    three false part-exceeds-total problems."""
    sub_item = (
        "traffic-signal,example-plan,digital,smart-traffic,신호 연동,,150000000,,100000000,"
        ",,,,,,,,false,activity,,digital,example-article,\n"
    )
    assert compact(make_package(programmes=minimal_csv("programmes") + sub_item)) == []


def test_a_row_without_a_task_above_it_counts_its_own_money(make_package, compact, minimal_csv):
    alone = (
        "traffic-signal,example-plan,digital,,신호 연동,,250000000,,,"
        ",,,,,,,,false,activity,,digital,example-article,\n"
    )
    assert (PILLARS, 2, "budget_krw", "part-exceeds-total") in compact(
        make_package(programmes=minimal_csv("programmes") + alone)
    )


def test_an_approximate_cell_of_the_wrong_type_is_reported_once_as_its_type_error(
    make_package, validate, minimal_csv
):
    """ "200억" listed in approximate is one mistake, the type; it is not also "left empty"."""
    programmes = minimal_csv("programmes").replace(
        "200000000,,120000000,,,,,,,", "200억,,120000000,,,,,,budget_krw,"
    )
    [problem] = validate(make_package(programmes=programmes))
    assert (problem.row, problem.field, problem.code) == (2, "budget_krw", "type-error")
    assert "20000000000을 쓰세요" in format_problem(problem)


@pytest.mark.parametrize(
    "written",
    [
        "2021.3.16",
        "2021. 3. 16.",
        "2021/03/16",
        "2021년 3월 16일",
        "2021-3-16",
        "２０２１-０３-１６",
    ],
)
def test_a_date_written_another_way_gets_the_exact_day_to_write(
    make_package, validate, minimal_csv, written
):
    sources = minimal_csv("sources").replace(",2021-03-16,", f",{written},")
    [problem] = validate(make_package(sources=sources))
    assert (problem.path, problem.row, problem.field, problem.code) == (
        "minimal/sources.csv",
        2,
        "published",
        "type-error",
    )
    assert format_problem(problem).startswith(f'minimal/sources.csv:2:published: "{written}"')
    assert format_problem(problem).endswith("(고치는 법: 2021-03-16으로 쓰세요) [type-error]")
    assert format_problem(problem, "en").endswith("(fix: write 2021-03-16) [type-error]")


def test_a_date_that_is_no_day_keeps_the_general_date_hint(make_package, validate, minimal_csv):
    sources = minimal_csv("sources").replace(",2021-03-16,", ",2021.2.30,")
    [problem] = validate(make_package(sources=sources))
    assert "2021-03-16처럼 쓰세요. 모르면 비우세요" in format_problem(problem)


def test_a_pillar_s_name_in_pillar_id_is_one_problem_naming_the_id_to_write(
    make_package, validate, minimal_csv
):
    programmes = minimal_csv("programmes").replace(",green,,옥상 녹화,", ",그린 뉴딜,,옥상 녹화,")
    [problem] = validate(make_package(programmes=programmes))
    assert (problem.row, problem.field, problem.code) == (3, "pillar_id", "foreign-key")
    assert problem.hint() == '"그린 뉴딜"은 분야 이름입니다. ID "green"을 쓰세요'
    assert problem.hint("en") == '"그린 뉴딜" is a pillar\'s name; write its ID "green"'


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("그린뉴딜", '"그린뉴딜"은 분야 이름입니다. ID "green"을 쓰세요'),  # spacing aside
        ("Green", 'ID는 영문 소문자로 씁니다: "green"을 쓰세요'),
    ],
)
def test_a_name_spaced_otherwise_or_a_capitalised_id_is_one_problem_naming_the_id(
    make_package, validate, minimal_csv, written, hint
):
    programmes = minimal_csv("programmes").replace(",green,,옥상 녹화,", f",{written},,옥상 녹화,")
    [problem] = validate(make_package(programmes=programmes))
    assert (problem.row, problem.field, problem.code, problem.hint()) == (
        3,
        "pillar_id",
        "foreign-key",
        hint,
    )


def test_a_programme_s_name_in_a_target_s_programme_id_names_the_programme_id(
    make_package, validate, minimal_csv
):
    targets = minimal_csv("targets").replace(
        "ghg,example-plan,,,", "ghg,example-plan,,스마트 교통체계,"
    )
    problems = validate(make_package(targets=targets))
    assert [(p.row, p.field, p.code) for p in problems] == [(2, "programme_id", "foreign-key")]
    assert problems[0].hint() == '"스마트 교통체계"는 과제 이름입니다. ID "smart-traffic"을 쓰세요'


def test_a_package_scaffolded_with_placeholders_is_refused_at_each_one(
    make_package, validate, minimal_csv
):
    """What an older `make new-city` wrote: every "(채우세요)" left is named where it is."""

    def patch(descriptor):
        descriptor["title"] = "예시시 정책 계획 (채우세요)"
        descriptor["contributors"] = [{"title": "관리자 이름 (채우세요)", "role": "maintainer"}]

    plans = minimal_csv("plans").replace(",예시형 뉴딜,", ",예시시 계획 이름 (채우세요),")
    problems = validate(make_package(descriptor_patch=patch, plans=plans))
    assert [(p.path, p.row, p.field, p.code) for p in problems] == [
        (DESCRIPTOR, None, "contributors[0].title", "unfilled-placeholder"),
        (DESCRIPTOR, None, "title", "unfilled-placeholder"),
        (PLANS, 2, "title_ko", "unfilled-placeholder"),
    ]
    assert format_problem(problems[2]) == (
        'minimal/plans.csv:2:title_ko: "예시시 계획 이름 (채우세요)"에 채울 자리 표시 "(채우세요)"가 '
        '남아 있습니다 (고치는 법: title_ko 칸의 "(채우세요)"를 지우고 출처(기사·문서)에 적힌 그대로 '
        "쓰세요. 출처에 없고 비워도 되는 칸이면 비우세요) [unfilled-placeholder]"
    )


@pytest.mark.parametrize(
    ("written", "digits"),
    [("43개", "43"), ("9,897명", "9897"), ("9천897", "9897"), ("11개 과제", "11")],
)
def test_a_count_written_with_its_counter_word_gets_the_number_to_write(
    make_package, validate, minimal_csv, written, digits
):
    plans = minimal_csv("plans").replace(",10,5,과제,", f',10,"{written}",과제,')
    [problem] = validate(make_package(plans=plans))
    assert (problem.field, problem.code) == ("programme_count", "type-error")
    assert problem.hint().startswith(f"단위 없이 숫자만, {digits}")


def test_an_approximate_count_gets_no_number_suggested(make_package, validate, minimal_csv):
    plans = minimal_csv("plans").replace(",10,5,과제,", ",9천300여명,5,과제,")
    [problem] = validate(make_package(plans=plans))
    assert problem.hint() == "쉼표나 단위 없이 숫자만 쓰세요"


def test_a_row_short_of_cells_is_one_problem_and_no_false_total(make_package, compact, minimal_csv):
    """Two cells dropped from a pillar: one "too few cells" at the first, and the totals wait
    (the row's figures are unknown, so the pillars would falsely fail to add up)."""
    lines = minimal_csv("pillars").splitlines()
    lines[2] = lines[2].rsplit(",", 2)[0]
    pillars = "\n".join(lines) + "\n"
    assert compact(make_package(pillars=pillars)) == [(PILLARS, 3, "source_id", "missing-cell")]


@pytest.mark.parametrize(("word", "code"), [("명", "persons"), ("톤", "t"), ("개", "jobs")])
def test_a_korean_unit_word_is_told_the_unit_code_to_write(
    make_package, validate, minimal_csv, word, code
):
    targets = minimal_csv("targets").replace(",2500000,t,", f",2500000,{word},")
    [problem] = validate(make_package(targets=targets))
    assert (problem.field, problem.code) == ("unit", "constraint-error")
    assert f'코드 "{code}"' in problem.hint() and problem.hint().endswith("쓰세요")


def test_a_raised_version_without_its_history_entry_is_one_problem_giving_the_entry(
    make_package, validate
):
    def raise_version(descriptor):
        descriptor["version"] = "1.0.1"
        descriptor["updated"] = "2026-12-05"

    [problem] = validate(make_package(descriptor_patch=raise_version))
    assert (problem.field, problem.code) == ("history[0]", "history-order")
    assert problem.message() == (
        "새 판 1.0.1(2026-12-05)의 항목이 history 맨 앞에 없습니다. 맨 앞에 이 항목을 더하세요: "
        '{"version": "1.0.1", "date": "2026-12-05", "changes_ko": "바꾼 점"}'
    )


def test_an_id_with_a_space_around_it_is_one_problem_saying_to_remove_it(
    make_package, validate, minimal_csv
):
    programmes = minimal_csv("programmes").replace(",green,,옥상 녹화,", ",green ,,옥상 녹화,")
    [problem] = validate(make_package(programmes=programmes))
    assert (problem.row, problem.field, problem.code) == (3, "pillar_id", "foreign-key")
    assert problem.hint() == 'ID 앞뒤의 공백을 지우고 "green"을 쓰세요'


@pytest.mark.parametrize("word", ["-", "미정", "N/A", "?"])
def test_a_word_for_unknown_in_a_figure_is_told_to_leave_the_cell_empty(
    make_package, validate, minimal_csv, word
):
    programmes = minimal_csv("programmes").replace(",200000000,,", f",{word},,", 1)
    [problem] = validate(make_package(programmes=programmes))
    assert (problem.field, problem.code) == ("budget_krw", "type-error")
    assert "원 단위 정수 형식이 아닙니다" in problem.message()
    assert problem.hint().startswith("출처에 없는 값이면 칸을 비워 두세요")
