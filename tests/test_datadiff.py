"""`planpress diff`: what a change does to the data, on real temporary git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from planpress.cli import main
from planpress.datadiff import (
    diff_sides,
    format_diff_markdown,
    header_changes,
    read_side,
    show_change,
    show_value,
)
from planpress.load import load_schema_set

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"

pytestmark = pytest.mark.slow  # real git repositories, the validator run on both sides


@pytest.fixture(autouse=True)
def needs_git() -> None:
    """A missing tool fails the tests with the fix, never skips them."""
    assert shutil.which("git"), "git is missing: apt-get install git"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the real data, committed on branch main."""
    folder = tmp_path / "repo"
    shutil.copytree(ROOT / "datapackage", folder / "datapackage")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "data")
    return folder


def run_diff(repo: Path, capsys, *args: str) -> tuple[int, str, str]:
    status = main(["diff", *args, "--data", str(repo / "datapackage")])
    out, err = capsys.readouterr()
    return status, out, err


PAJU = "datapackage/paju/programmes.csv"
VIDEO = "intelligent-video-control,paju-newdeal-2021,digital,,지능형 영상관제시스템 구축,영상관제에 인공지능을 결합해 관제 체계를 지능화한다.,,"


def test_a_changed_budget_shows_old_and_new_value_under_the_programmes_name(repo, capsys):
    edit(repo / PAJU, VIDEO + ",", VIDEO[:-1] + "2500000000,,")
    git(repo, "commit", "-qam", "budget")
    status, out, err = run_diff(repo, capsys, "main~1", "main")
    assert (status, err) == (0, "")
    assert (
        "paju/programmes.csv\n"
        "  ~ 2행 intelligent-video-control (지능형 영상관제시스템 구축)\n"
        "      budget_krw: (빈 칸) → 2500000000 (25억 원)\n"
    ) in out
    assert out.startswith("데이터 변경: main~1 → main\n")


def test_a_changed_declared_total_is_called_out_with_its_amount(repo, capsys):
    edit(repo / "datapackage/paju/plans.csv", ",106600000000,", ",106700000000,")
    status, out, _ = run_diff(repo, capsys, "main")  # against the working tree
    assert status == 0
    assert "데이터 변경: main → 작업 트리" in out
    assert (
        "발표 합계가 바뀜:\n"
        "  paju paju-newdeal-2021 total_budget_krw: 106600000000 (1,066억 원) → "
        "106700000000 (1,067억 원)\n"
    ) in out
    # the declared total no longer matches its parts? paju's parts are unknown, so no problem
    assert "새로 생긴 문제" not in out


def test_an_added_and_a_removed_row_are_named_by_key_and_label(repo, capsys):
    path = repo / PAJU
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = lines.pop(2)  # jingsu-bot
    lines.append(
        "new-thing,paju-newdeal-2021,digital,,새 과제,새 과제를 한다.,,,,,,,,,,false,digital,paju-2021-03-16-article,\n"
    )
    path.write_text("".join(lines), encoding="utf-8")
    git(repo, "commit", "-qam", "rows")
    status, out, _ = run_diff(repo, capsys, "main~1", "main", "--json")
    assert status == 0
    report = json.loads(out)
    (resource,) = report["resources"]
    assert resource["path"] == "paju/programmes.csv"
    assert [(r["key"], r["label"]) for r in resource["added"]] == [("new-thing", "새 과제")]
    assert [(r["key"], r["label"]) for r in resource["removed"]] == [
        (removed.split(",")[0], "징수봇")
    ]
    assert resource["changed"] == []  # rows below the removed one moved up, nothing changed


def test_a_renamed_column_is_one_header_change_not_every_row_changed(repo, capsys):
    edit(repo / PAJU, ",source_id,notes\n", ",source_id,remarks\n")
    git(repo, "commit", "-qam", "rename")
    status, out, _ = run_diff(repo, capsys, "main~1", "main", "--json")
    assert status == 0
    report = json.loads(out)
    (resource,) = report["resources"]
    assert resource["renamed"] == [["notes", "remarks"]]
    assert resource["header_changed"] is True
    assert (resource["added"], resource["removed"], resource["changed"]) == ([], [], [])
    # the validator sees the wrong header: the problem appears, and says where
    assert [(p["path"], p["code"]) for p in report["problems_appeared"]] == [
        ("paju/programmes.csv", "incorrect-label")
    ]


def test_a_problem_fixed_by_the_change_is_listed_as_gone(repo, capsys):
    edit(repo / PAJU, VIDEO + ",", VIDEO[:-1] + "1억,,")  # the budget cell, same cell count
    git(repo, "commit", "-qam", "broken")
    edit(repo / PAJU, VIDEO[:-1] + "1억,,", VIDEO[:-1] + "100000000,,")
    git(repo, "commit", "-qam", "fixed")
    status, out, _ = run_diff(repo, capsys, "main~1", "main")
    assert status == 0
    assert "없어진 문제 1건:\n  paju/programmes.csv:2:budget_krw:" in out
    assert "[type-error]" in out


def test_each_revision_is_judged_by_its_own_shared_schemas(repo, capsys, monkeypatch):
    import planpress.cli
    from planpress.schemacopies import write_schema_copies

    schemas = repo / "plugins" / "planpress" / "schemas"
    shutil.copytree(ROOT / "plugins" / "planpress" / "schemas", schemas)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "schemas")
    monkeypatch.setattr(planpress.cli, "SCHEMA_DIR", schemas)
    edit(schemas / "programmes.json", '"title": "행의 종류"', '"title": "행의 종류(새 판)"')
    write_schema_copies(repo / "datapackage", schemas)
    git(repo, "commit", "-qam", "a newer schema, copied into every package")
    status, out, _ = run_diff(repo, capsys, "main~1", "main", "--json")
    assert status == 0
    report = json.loads(out)
    # the older packages match the older schemas: no schema-drift "gone" with the change
    assert (report["problems_appeared"], report["problems_resolved"]) == ([], [])


def test_a_long_note_shows_the_part_that_changed_in_context():
    before = "가" * 100 + " 옛 문장. " + "나" * 100
    after = "가" * 100 + " 새 문장. " + "나" * 100
    old, new = show_change(before, after, False)
    # the changed letter with 20 characters of what is the same on each side, cut with …
    assert old == "…" + "가" * 19 + " 옛 문장. " + "나" * 15 + "…"
    assert new == old.replace("옛", "새")
    assert show_change("짧은 글", "짧은 말", False) == ("짧은 글", "짧은 말")
    assert show_change("", "가" * 100, False) == ("(빈 칸)", "가" * 100)


def test_a_new_package_and_a_removed_one_are_listed(repo, capsys):
    shutil.copytree(repo / "datapackage/paju", repo / "datapackage/paju2")
    shutil.rmtree(repo / "datapackage/jeonju")
    status, out, _ = run_diff(repo, capsys, "main")
    assert status == 0
    assert "새 패키지: paju2\n" in out and "지운 패키지: jeonju\n" in out
    assert "[duplicate-city]" in out  # paju2 repeats paju: a new problem
    # their rows are listed and counted: a reviewer sees what a new package holds
    assert "paju2/programmes.csv\n  + 2행 intelligent-video-control (지능형 영상관제" in out
    assert "jeonju/programmes.csv\n  - " in out
    added = sum(1 for line in out.splitlines() if line.startswith("  + "))
    assert f"행 {added}개 추가" in out and added > 16


def test_markdown_is_a_table_a_pull_request_comment_can_show(repo, capsys):
    edit(repo / PAJU, VIDEO + ",", VIDEO[:-1] + "2500000000,,")
    status, out, _ = run_diff(repo, capsys, "main", "--format", "markdown")
    assert status == 0
    assert out.startswith("### 데이터 변경: main → 작업 트리\n")
    assert "#### `paju/programmes.csv`" in out
    assert (
        "| 2행 intelligent-video-control (지능형 영상관제시스템 구축) | `budget_krw` | (빈 칸) | "
        "2500000000 (25억 원) |"
    ) in out


def test_two_plain_folders_need_no_git(tmp_path, capsys):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINIMAL, old / "minimal")
    shutil.copytree(MINIMAL, new / "minimal")
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == f"데이터 변경: {old} → {new}\n데이터 변경이 없습니다.\n"


def test_a_revision_without_the_data_folder_makes_every_package_new(repo, capsys):
    git(repo, "commit", "-q", "--allow-empty", "-m", "empty")
    git(repo, "checkout", "-q", "--orphan", "bare")
    git(repo, "rm", "-rqf", "datapackage")
    git(repo, "commit", "-q", "--allow-empty", "-m", "no data")
    status, out, _ = run_diff(repo, capsys, "bare", "main")
    assert status == 0
    assert "새 패키지: daegu, gyeongju, jeonju, paju, uijeongbu\n" in out
    assert "없어진 문제 1건:" in out and "[no-packages]" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["no-such-branch"], '"no-such-branch"라는 git 리비전(브랜치, 태그, 커밋)이 없습니다'),
        (["main", "nope"], '"nope"라는 git 리비전'),
    ],
)
def test_an_unknown_revision_is_one_korean_line_and_exit_1(repo, capsys, args, says):
    status, out, err = run_diff(repo, capsys, *args)
    assert (status, out) == (1, "")
    assert err.startswith("planpress: ") and says in err and err.endswith(".\n")
    assert len(err.splitlines()) == 1


def test_outside_a_git_repository_it_says_how_to_compare_folders(tmp_path, capsys):
    shutil.copytree(MINIMAL, tmp_path / "data" / "minimal")
    assert main(["diff", "main", "--data", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "git 저장소 안에 있지 않습니다" in err and "planpress diff 지난폴더 새폴더" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (("a", "b", "c"), ("a", "x", "c"), ((("b", "x"),), (), (), False)),
        (("a", "b"), ("a", "b", "c"), ((), ("c",), (), False)),
        (("a", "b", "c"), ("a", "c"), ((), (), ("b",), False)),
        (("a", "b", "c"), ("a", "c", "b"), ((), (), (), True)),
    ],
)
def test_header_changes_tell_rename_add_remove_and_reorder(old, new, expected):
    assert header_changes(old, new) == expected


@pytest.mark.parametrize(
    ("text", "money", "shown"),
    [
        ("", True, "(빈 칸)"),
        ("0", True, "0 (0원)"),
        ("4736500000000", True, "4736500000000 (4조 7,365억 원)"),
        ("1,066억", True, "1,066억"),
        ("12", False, "12"),
    ],
)
def test_show_value_keeps_empty_apart_from_zero_and_adds_eok(text, money, shown):
    assert show_value(text, money) == shown


def test_a_pipe_in_a_cell_does_not_break_the_markdown_table(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINIMAL, old / "minimal")
    shutil.copytree(MINIMAL, new / "minimal")
    path = new / "minimal" / "programmes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[3] = "가|나"
    lines[1] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")
    schemas = load_schema_set()
    text = format_diff_markdown(diff_sides(read_side(old, schemas), read_side(new, schemas)), "t")
    assert "가\\|나" in text


def test_make_diff_compares_the_working_tree_with_base(repo):
    edit(repo / PAJU, VIDEO + ",", VIDEO[:-1] + "2500000000,,")
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "diff",
            "BASE=main",
            f"DATA={repo / 'datapackage'}",
            "FORMAT=markdown",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "| `budget_krw` | (빈 칸) | 2500000000 (25억 원) |" in result.stdout


def test_one_folder_alone_is_not_taken_for_a_revision_silently(repo, tmp_path, capsys):
    old = tmp_path / "old"
    shutil.copytree(MINIMAL, old / "minimal")
    status, out, err = run_diff(repo, capsys, str(old))
    assert (status, out) == (1, "")
    assert f"폴더 둘을 견주려면 두 폴더를 모두 주세요: planpress diff {old} 새폴더" in err


def test_a_clone_without_a_local_main_compares_with_origin_s_main(repo, tmp_path, capsys):
    """`make diff` in a fresh clone of a contributor's branch: only origin/main exists."""
    git(repo, "checkout", "-q", "-b", "work")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--branch", "work", str(repo), str(clone)], check=True)
    programmes = clone / "datapackage" / "paju" / "programmes.csv"
    programmes.write_text(programmes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    status, out, err = run_diff(clone, capsys, "main")
    assert status == 0, err
    assert out.startswith("데이터 변경: main → 작업 트리\n")
