"""Tier 1: `planpress validate` as a contributor and CI call it — exit codes and every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from planpress.cli import drop_pelican_summary, main

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "fixtures" / "valid"
INVALID = ROOT / "tests" / "fixtures" / "invalid"
GARBAGE = bytes(range(256)) * 4


def test_validate_exits_0_and_says_so_on_valid_data(capsys):
    assert main(["validate", str(VALID)]) == 0
    out, err = capsys.readouterr()
    assert out == "데이터 패키지 1개를 검사했습니다. 문제가 없습니다.\n"
    assert err == ""


def test_validate_exits_1_with_one_report_on_stderr(capsys):
    assert main(["validate", str(INVALID / "type-error")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        'minimal/programmes.csv:2:budget_krw: "1,066억"은 원 단위 정수 형식이 아닙니다 '
        "(고치는 법: 원 단위 정수로 106600000000을 쓰세요) [type-error]\n"
        "문제 1건이 파일 1개에서 나왔습니다. 모두 고친 뒤 `make validate`로 다시 확인하세요.\n"
    )


def test_validate_speaks_english_when_asked(capsys):
    assert main(["validate", "--lang", "en", str(INVALID / "invalid-period")]) == 1
    assert capsys.readouterr().err == (
        "minimal/plans.csv:2:period_start: the start year 2025 is after the end year 2021 "
        "(fix: check whether period_start and period_end are swapped) [invalid-period]\n"
        "1 problem in 1 file. Fix them all, then run `make validate` again.\n"
    )


def test_validate_exits_2_when_the_data_folder_does_not_exist(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


@pytest.mark.parametrize("flag", [["--json"], ["--format", "json"]])
def test_validate_json_report_parses_and_lists_codes(capsys, flag):
    assert main(["validate", *flag, str(INVALID / "missing-resource")]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["packages"] == 1
    assert [(p["path"], p["row"], p["field"], p["code"]) for p in report["problems"]] == [
        ("minimal/datapackage.json", None, "resources", "missing-resource"),
    ]
    assert report["problems"][0]["message"] == '"targets" 자원이 resources에 없습니다'
    assert report["problems"][0]["hint"] == (
        '{"name": "targets", "path": "targets.csv"} 항목을 resources에 더하세요'
    )


def test_validate_json_report_of_valid_data_says_valid(capsys):
    assert main(["validate", "--json", str(VALID)]) == 0
    assert json.loads(capsys.readouterr().out) == {"packages": 1, "problems": [], "valid": True}


def test_validate_github_format_annotates_each_problem_on_its_line(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["validate", "--format", "github", "tests/fixtures/invalid/type-error"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "::error file=tests/fixtures/invalid/type-error/minimal/programmes.csv,line=2,"
        'title=type-error::budget_krw: "1,066억"은 원 단위 정수 형식이 아닙니다 — '
        "원 단위 정수로 106600000000을 쓰세요\n"
    )
    assert "[type-error]" in err  # people reading the log still get the plain report


def test_validate_github_format_leaves_out_line_for_whole_file_problems(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["validate", "--format", "github", "tests/fixtures/invalid/plan-count"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(
        "::error file=tests/fixtures/invalid/plan-count/minimal/plans.csv,title=plan-count::"
    )


def test_validate_github_format_puts_an_undecodable_file_on_its_first_bad_line(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["validate", "--format", "github", "tests/fixtures/invalid/not-utf8"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(
        "::error file=tests/fixtures/invalid/not-utf8/minimal/programmes.csv,line=2,title=not-utf8::"
    )


def test_validate_github_format_escapes_commas_and_newlines(tmp_path, capsys, minimal_csv):
    odd = tmp_path / "data" / "odd,name"
    shutil.copytree(VALID / "minimal", odd)
    (odd / "programmes.csv").write_text(
        minimal_csv("programmes").replace("신호와 주차 정보를 잇는다.", '"=1\n2"'),
        encoding="utf-8",
    )
    assert main(["validate", "--format", "github", str(tmp_path / "data")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith("::error file=") for line in lines)
    assert all("odd%2Cname/" in line and "odd,name" not in line.split("::")[1] for line in lines)
    # The newline inside the value is shown as \u000a: it can neither break the annotation
    # nor start a forged workflow command on the next line.
    assert any('"=1\\u000a2"' in line for line in lines)


# -- whatever is in the folder, a report and exit 1, never a traceback -------------------


def hostile(folder: Path, case: str) -> None:
    descriptor = folder / "datapackage.json"
    if case == "garbage descriptor":
        descriptor.write_bytes(GARBAGE)
    elif case == "utf-8 garbage descriptor":
        descriptor.write_text("}{ 이것은 JSON이 아닙니다", encoding="utf-8")
    elif case == "descriptor is a list":
        descriptor.write_text('[{"name": "minimal"}]', encoding="utf-8")
    elif case == "descriptor is a folder":
        descriptor.unlink()
        descriptor.mkdir()
    elif case == "garbage csvs":
        for csv in folder.glob("*.csv"):
            csv.write_bytes(GARBAGE)
    elif case == "folder named like a csv":
        (folder / "targets.csv").unlink()
        (folder / "targets.csv").mkdir()
    elif case.startswith("path "):
        path = case.removeprefix("path ")
        text = descriptor.read_text(encoding="utf-8")
        descriptor.write_text(
            text.replace('"path": "targets.csv"', json.dumps({"path": path})[1:-1]),
            encoding="utf-8",
        )
    else:
        raise AssertionError(case)


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("garbage descriptor", "not-utf8"),
        ("utf-8 garbage descriptor", "invalid-json"),
        ("descriptor is a list", "descriptor-error"),
        ("descriptor is a folder", "missing-descriptor"),
        ("garbage csvs", "not-utf8"),
        ("folder named like a csv", "missing-file"),
        ("path ../x.csv", "unsafe-path"),
        ("path https://x/y.csv", "unsafe-path"),
        ("path /etc/passwd", "unsafe-path"),
        ("path C:\\x.csv", "unsafe-path"),
        ("path sub/targets.csv", "unsafe-path"),
        ("path ", "unsafe-path"),
    ],
)
def test_validate_reports_hostile_package_without_a_traceback(tmp_path, capsys, case, code):
    data = tmp_path / "data"
    shutil.copytree(VALID / "minimal", data / "minimal")
    hostile(data / "minimal", case)
    assert main(["validate", "--lang", "en", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"[{code}]" in err
    assert "Traceback" not in err


# -- `planpress build`: Korean summary, Pelican's own warnings and errors still shown ---------


@pytest.mark.parametrize(
    ("log", "kept"),
    [
        ("Done: Processed 0 articles, 0 drafts in 1.02 seconds.\n", ""),
        (  # wrapped by Pelican's console at 80 columns
            "Done: Processed 0 articles, 0 drafts, 0 hidden articles, 3 pages, 0 hidden pages\n"
            "and 0 draft pages in 1.02 seconds.\n",
            "",
        ),
        (
            "[21:52:37] WARNING  Locale could not be set.   settings.py:643\n"
            "Done: Processed 3 pages in 0.90 seconds.\n",
            "[21:52:37] WARNING  Locale could not be set.   settings.py:643\n",
        ),
        ("[21:52:37] ERROR    Done: Processed is not our line\n",) * 2,
    ],
)
def test_drop_pelican_summary_removes_only_the_done_line(log, kept):
    assert drop_pelican_summary(log) == kept


def settings_file(folder: Path, extra: str) -> Path:
    path = folder / "settings.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        f"from pelicanconf import *  # noqa: F403\n{extra}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_build_prints_a_korean_summary_instead_of_pelicans_english_one(tmp_path, capfd):
    output = tmp_path / "output"
    assert main(["build", "--data", str(VALID), "--output", str(output), "--cache", ""]) == 0
    out = capfd.readouterr().out
    assert "Done" not in out
    pages = len(list(output.rglob("*.html")))
    files = len([p for p in output.rglob("*") if p.is_file()])
    assert out.splitlines()[-1] == (
        f"planpress: {output} 에 사이트를 만들었습니다 (HTML 쪽 {pages}개, 파일 모두 {files}개)."
    )


@pytest.mark.slow
def test_build_still_shows_pelicans_warnings(tmp_path, capfd):
    settings = settings_file(tmp_path, 'LOCALE = ("xx_XX.NOPE",)')
    output = tmp_path / "output"
    command = ["build", "--data", str(VALID), "--output", str(output), "--cache", ""]
    assert main([*command, "--settings", str(settings)]) == 0
    out = capfd.readouterr().out
    assert "WARNING" in out
    assert "Locale could not be set" in " ".join(out.split())


@pytest.mark.slow
def test_build_still_shows_pelicans_errors_and_keeps_the_old_output(tmp_path, capfd):
    settings = settings_file(tmp_path, 'THEME = "/nonexistent-theme"')
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("old", encoding="utf-8")
    command = ["build", "--data", str(VALID), "--output", str(output), "--cache", ""]
    assert main([*command, "--settings", str(settings)]) == 1
    out, err = capfd.readouterr()
    assert "Could not find the theme" in out
    assert err == "planpress: 빌드에 실패해 output 폴더를 그대로 두었습니다.\n"
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "old"


# -- `planpress build --public-url` (make publish): refused before anything is built ---------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "공개 주소(SITEURL)가 비어 있습니다. 사이트가 올라갈 주소를 주세요: "),
        ("example.org/plans", '공개 주소(SITEURL) "example.org/plans"는 쓸 수 없습니다. '),
    ],
)
def test_build_refuses_a_missing_or_malformed_public_url_and_leaves_output_alone(
    tmp_path, capfd, url, message
):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("old", encoding="utf-8")
    command = ["build", "--data", str(VALID), "--output", str(output), "--cache", ""]
    assert main([*command, "--public-url", url]) == 2
    out, err = capfd.readouterr()
    assert out == ""
    assert err.startswith(f"planpress: {message}")
    assert err.endswith("make publish SITEURL=https://example.org/plans\n")
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no staging folder either
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "old"


def test_github_annotation_of_a_total_spans_the_rows_that_add_up(capsys, monkeypatch):
    """Whichever pillar row a contributor edited, the annotation on pillars.csv covers it."""
    monkeypatch.chdir(ROOT)
    assert main(["validate", "--format", "github", "tests/fixtures/invalid/total-mismatch"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("::")[1] for line in lines] == [
        "error file=tests/fixtures/invalid/total-mismatch/minimal/pillars.csv,line=2,endLine=5,"
        "title=total-mismatch",
        "error file=tests/fixtures/invalid/total-mismatch/minimal/plans.csv,line=2,"
        "title=total-mismatch",
    ]


def test_validate_markdown_is_a_korean_table_for_a_job_summary(capsys):
    assert main(["validate", "--format", "markdown", str(INVALID / "type-error")]) == 1
    assert capsys.readouterr().out == (
        "### 데이터 검사\n\n"
        "문제 1건이 파일 1개에서 나왔습니다. 모두 고친 뒤 `make validate`로 다시 확인하세요.\n\n"
        "| 파일 | 행 | 열 | 문제 | 고치는 법 | 코드 |\n"
        "|---|---|---|---|---|---|\n"
        '| `minimal/programmes.csv` | 2 | `budget_krw` | "1,066억"은 원 단위 정수 형식이 아닙니다 '
        "| 원 단위 정수로 106600000000을 쓰세요 | `type-error` |\n"
    )


def test_validate_markdown_says_so_when_there_is_no_problem(capsys):
    assert main(["validate", "--format", "markdown", str(VALID)]) == 0
    assert capsys.readouterr().out == (
        "### 데이터 검사\n\n데이터 패키지 1개를 검사했습니다. 문제가 없습니다.\n"
    )
