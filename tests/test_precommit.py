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
