"""The pre-commit hooks, run for real in a copy of the repository: offline, and in Korean."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = ROOT / ".venv" / "bin" / "pre-commit"
CONFIG = ROOT / ".pre-commit-config.yaml"


def test_every_hook_is_local_and_runs_a_tool_from_the_venv():
    """No hook repository to clone and no environment to build: it works offline."""
    config = YAML(typ="safe").load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert [h["id"] for h in hooks] == [
        "validate",
        "ruff-check",
        "ruff-format",
        "workflow-schema",
        "actionlint",
        "contributing",
    ]
    for hook in hooks:
        assert hook["language"] == "unsupported", hook["id"]
        tool = hook["entry"].split()[0]
        assert tool.startswith(".venv/bin/"), hook["id"]
        assert (ROOT / tool).exists(), f"{tool} is missing: run `make venv`"


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The working tree's files (tracked and new, not ignored) committed in a fresh repository."""
    assert PRE_COMMIT.exists(), f"{PRE_COMMIT} is missing: run `make venv`"
    assert shutil.which("git"), "git is missing: apt-get install git"
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "repo"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    for args in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "-m", "copy"],
    ):
        done = run(args, repo, env)
        assert done.returncode == 0, done.stderr
    return repo, env


@pytest.mark.slow
def test_pre_commit_run_all_files_passes_on_the_repository(clone):
    repo, env = clone
    result = run([str(PRE_COMMIT), "run", "--all-files"], repo, env)
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in ("planpress validate", "ruff check", "actionlint", "CONTRIBUTING.md"):
        assert hook in result.stdout


@pytest.mark.slow
def test_a_commit_with_a_broken_csv_is_refused_with_the_korean_message(clone):
    repo, env = clone
    installed = run([str(PRE_COMMIT), "install"], repo, env)
    assert installed.returncode == 0, installed.stderr
    programmes = repo / "datapackage" / "paju" / "programmes.csv"
    text = programmes.read_text(encoding="utf-8")
    broken = text.replace("지능화한다.,,", '지능화한다.,"1,066억",', 1)
    assert broken != text
    programmes.write_text(broken, encoding="utf-8")
    run(["git", "add", str(programmes)], repo, env)
    result = run(["git", "commit", "-m", "budget as written in the article"], repo, env)
    assert result.returncode != 0
    assert (
        'paju/programmes.csv:2:budget_krw: "1,066억"은 원 단위 정수 형식이 아닙니다 '
        "(고치는 법: 원 단위 정수로 106600000000을 쓰세요) [type-error]"
    ) in result.stdout + result.stderr  # git shows a hook's output on stderr
    log = run(["git", "log", "--oneline"], repo, env).stdout.splitlines()
    assert len(log) == 1  # nothing was committed


# -- `planpress validate --staged`: what the commit will hold, not the working tree ---------

MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal"
BROKEN_BUDGET = (",200000000,,120000000,", ',"1,066억",,120000000,')
STAGED_LINE = 'second/programmes.csv:2:budget_krw: "1,066억"은 원 단위 정수 형식이 아닙니다'


@pytest.fixture
def repo(tmp_path) -> tuple[Path, dict[str, str]]:
    """A git repository with two valid packages committed: minimal and second."""
    folder = tmp_path / "repo"
    data = folder / "datapackage"
    shutil.copytree(MINIMAL, data / "minimal")
    shutil.copytree(MINIMAL, data / "second")
    descriptor = data / "second" / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8").replace('"minimal"', '"second"', 1)
    descriptor.write_text(text.replace("예시시", "둘째시"), encoding="utf-8")
    for name in ("plans", "pillars", "programmes", "targets", "sources"):
        csv_file = data / "second" / f"{name}.csv"
        renamed = csv_file.read_text(encoding="utf-8").replace("example-", "second-")
        csv_file.write_text(renamed, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    for args in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"]):
        assert run(args, folder, env).returncode == 0
    done = run(["git", "commit", "-q", "-m", "two cities"], folder, env)
    assert done.returncode == 0, done.stderr
    return folder, env


def validate_staged(folder: Path) -> subprocess.CompletedProcess[str]:
    planpress = ROOT / ".venv" / "bin" / "planpress"
    return run([str(planpress), "validate", "--staged", "datapackage"], folder, dict(os.environ))


def break_budget(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert BROKEN_BUDGET[0] in text
    path.write_text(text.replace(*BROKEN_BUDGET), encoding="utf-8")


def test_the_repository_s_packages_are_valid_as_committed(repo):
    folder, _ = repo
    planpress = ROOT / ".venv" / "bin" / "planpress"
    done = run([str(planpress), "validate", "datapackage"], folder, dict(os.environ))
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_staged_mistake_fails_though_the_working_tree_is_fixed(repo):
    folder, env = repo
    programmes = folder / "datapackage" / "second" / "programmes.csv"
    good = programmes.read_text(encoding="utf-8")
    break_budget(programmes)
    assert run(["git", "add", str(programmes)], folder, env).returncode == 0
    programmes.write_text(good, encoding="utf-8")  # fixed, but the fix is not staged
    done = validate_staged(folder)
    assert done.returncode == 1
    assert STAGED_LINE in done.stderr


def test_a_staged_fix_passes_though_the_working_tree_is_broken(repo):
    folder, env = repo
    programmes = folder / "datapackage" / "second" / "programmes.csv"
    fixed = programmes.read_text(encoding="utf-8").replace("스마트 교통체계", "스마트 교통 체계")
    programmes.write_text(fixed, encoding="utf-8")
    assert run(["git", "add", str(programmes)], folder, env).returncode == 0
    break_budget(programmes)  # broken again, not staged: not what is committed
    done = validate_staged(folder)
    assert done.returncode == 0, done.stderr
    assert "데이터 패키지 1개를 검사했습니다" in done.stdout


def test_an_untracked_broken_package_does_not_block_a_commit_of_another(repo):
    folder, env = repo
    (folder / "datapackage" / "third").mkdir()
    (folder / "datapackage" / "third" / "datapackage.json").write_text("{", encoding="utf-8")
    programmes = folder / "datapackage" / "second" / "programmes.csv"
    fixed = programmes.read_text(encoding="utf-8").replace("스마트 교통체계", "스마트 교통 체계")
    programmes.write_text(fixed, encoding="utf-8")
    assert run(["git", "add", str(programmes)], folder, env).returncode == 0
    done = validate_staged(folder)
    assert done.returncode == 0, done.stderr


def test_only_the_changed_packages_are_checked_and_a_staged_new_one_is(repo):
    folder, env = repo
    minimal = folder / "datapackage" / "minimal" / "programmes.csv"
    break_budget(minimal)  # committed broken, bypassing the hook: not this commit's change
    assert run(["git", "commit", "-qam", "broken", "--no-verify"], folder, env).returncode == 0
    shutil.copytree(folder / "datapackage" / "second", folder / "datapackage" / "third")
    assert run(["git", "add", "datapackage/third"], folder, env).returncode == 0
    done = validate_staged(folder)
    assert done.returncode == 1
    problems = [
        line for line in done.stderr.splitlines() if line.startswith(("minimal", "third", "second"))
    ]
    # third repeats second's city and plan id (site rules see every package); minimal's
    # unchanged budget is not checked again
    assert problems and all("minimal/" not in line for line in problems), done.stderr
    assert any("[duplicate-city]" in line for line in problems)


@pytest.mark.slow
def test_the_hook_checks_what_is_committed_not_the_working_tree(repo, tmp_path):
    """Through the real hook: an untracked broken package does not block a good commit (the
    working tree's check refused it); a staged mistake with an unstaged fix is refused."""
    folder, env = repo
    env = {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    shutil.copy2(CONFIG, folder / CONFIG.name)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    (folder / ".gitignore").write_text(".venv\n", encoding="utf-8")
    assert run(["git", "add", CONFIG.name, ".gitignore"], folder, env).returncode == 0
    assert run(["git", "commit", "-qm", "hooks", "--no-verify"], folder, env).returncode == 0
    assert run([str(PRE_COMMIT), "install"], folder, env).returncode == 0
    (folder / "datapackage" / "third").mkdir()
    (folder / "datapackage" / "third" / "datapackage.json").write_text("{", encoding="utf-8")
    programmes = folder / "datapackage" / "second" / "programmes.csv"
    good = programmes.read_text(encoding="utf-8").replace("스마트 교통체계", "스마트 교통 체계")
    programmes.write_text(good, encoding="utf-8")
    assert run(["git", "add", str(programmes)], folder, env).returncode == 0
    done = run(["git", "commit", "-m", "a good edit beside a city not yet added"], folder, env)
    assert done.returncode == 0, done.stdout + done.stderr
    break_budget(programmes)
    assert run(["git", "add", str(programmes)], folder, env).returncode == 0
    programmes.write_text(good, encoding="utf-8")
    done = run(["git", "commit", "-m", "the fix was not staged"], folder, env)
    assert done.returncode != 0
    assert STAGED_LINE in done.stdout + done.stderr
