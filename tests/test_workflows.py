"""The GitHub workflows: valid against GitHub's workflow schema, pinned, and doing what they say."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
CHECKER = ROOT / ".venv" / "bin" / "check-jsonschema"
ACTIONLINT = ROOT / ".venv" / "bin" / "actionlint"


@pytest.fixture(autouse=True)
def needs_checkers() -> None:
    """A missing tool fails the tests with the fix, never skips them."""
    for tool in (CHECKER, ACTIONLINT):
        assert tool.exists(), f"{tool} is missing: run `make venv`"


def check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECKER), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def load(name: str) -> dict:
    return YAML(typ="safe").load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def test_the_workflows_pass_githubs_workflow_schema():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pr.yml"]
    result = check(*files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "broken",
    [
        "on: push\njobs:\n  a:\n    steps:\n      - run: make\n",  # no runs-on
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: make\n",
        "on: pull_requests\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
    ],
)
def test_a_broken_workflow_fails_the_check(tmp_path, broken):
    path = tmp_path / "broken.yml"
    path.write_text(broken, encoding="utf-8")
    result = check(path)
    assert result.returncode == 1
    assert "Schema validation errors were encountered." in result.stdout


def test_every_action_is_an_official_one_pinned_by_version():
    used = [s["uses"] for name in ("pr.yml", "pages.yml") for s in steps(load(name)) if "uses" in s]
    assert used
    assert [u for u in used if not re.fullmatch(r"actions/[a-z-]+@v[0-9]+(\.[0-9]+)*", u)] == []


def test_pull_requests_are_annotated_summarised_diffed_and_built():
    workflow = load("pr.yml")
    assert "pull_request" in workflow["on"]
    commands = runs(workflow)
    assert "make venv" in commands
    assert "planpress validate --format github" in commands
    assert 'validate --format markdown >> "$GITHUB_STEP_SUMMARY"' in commands
    assert 'planpress diff "origin/$BASE_REF" "" --format markdown > data-diff.md' in commands
    assert 'cat data-diff.md >> "$GITHUB_STEP_SUMMARY"' in commands
    assert "make html" in commands
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in steps(workflow)
        if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"site": "output/", "data-diff": "data-diff.md"}
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there to diff against


def test_pushes_to_main_publish_to_github_pages_at_the_pages_address():
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert 'make publish SITEURL="$SITE_URL" REPO_URL="$REPOSITORY_URL"' in runs(workflow)
    build = next(s for s in steps(workflow) if s.get("name") == "Build")
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    used = [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]
    assert used[-3:] == [
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_no_expression_is_spliced_into_a_shell_command():
    """`${{ … }}` inside `run:` is script injection; values go through `env:` instead."""
    for name in ("pr.yml", "pages.yml"):
        assert "${{" not in runs(load(name)), name


def test_the_workflows_pass_actionlint():
    """Expressions, step outputs, runner labels, action inputs and runtimes: what no schema sees."""
    files = sorted(map(str, WORKFLOWS.glob("*.yml")))
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", "-shellcheck=", "-pyflakes=", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


SOUND_STEPS = "    steps:\n      - uses: actions/checkout@v6\n"


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        # both pass GitHub's workflow schema; only actionlint sees what is wrong
        (
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
            + SOUND_STEPS
            + '      - run: echo "$V"\n        env:\n          V: ${{ steps.nope.outputs.y }}\n',
            'property "nope" is not defined',
        ),
        (
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-lates\n" + SOUND_STEPS,
            'label "ubuntu-lates" is unknown',
        ),
    ],
)
def test_make_lint_refuses_a_workflow_only_actionlint_finds_wrong(tmp_path, broken, said):
    path = tmp_path / "broken.yml"
    path.write_text(broken, encoding="utf-8")
    assert check(path).returncode == 0  # the schema alone lets it through
    result = subprocess.run(
        ["make", "-s", "lint", f"WORKFLOWS={path}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert said in result.stdout


def test_the_diff_is_one_comment_updated_by_a_job_that_runs_no_pull_request_code():
    workflow = load("pr.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["check"]
    comment = workflow["jobs"]["comment"]
    assert comment["permissions"] == {"pull-requests": "write"}  # the only write, here only
    assert comment["needs"] == "check"
    # a fork's token is read-only: the job is skipped there, and never fails the run
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]
    used = [s.get("uses", "").split("@")[0] for s in comment["steps"]]
    assert used == ["actions/download-artifact", "actions/github-script"]
    assert all(s["continue-on-error"] is True for s in comment["steps"])
    script = comment["steps"][1]["with"]["script"]
    marker = re.search(r'const marker = "(<!-- [^"]+ -->)"', script)
    assert marker
    assert "c.body.startsWith(marker)" in script
    assert "updateComment" in script
    assert "createComment" in script
    assert "${{" not in script  # the script reads the diff from its file, never from an expression


HARNESS = """
const fs = require("fs");
const script = fs.readFileSync(process.argv[2], "utf8");
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const calls = [];
const comments = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const record = (name) => async (args) => { calls.push([name, args]); };
const github = {
  paginate: async (method, args) => { calls.push(["list", args]); return comments; },
  rest: { issues: {
    listComments: "listComments",
    updateComment: record("update"),
    createComment: record("create"),
  } },
};
const context = { repo: { owner: "org", repo: "planpress" }, issue: { number: 7 } };
const core = { info: (message) => calls.push(["info", message]) };
new AsyncFunction("require", "github", "context", "core", script)(require, github, context, core)
  .then(() => console.log(JSON.stringify(calls)));
"""


def post_comment(tmp_path: Path, diff: str, comments: list[dict]) -> list:
    """Run the comment step's script under Node with a stand-in GitHub client; the calls made."""
    node = shutil.which("node")
    assert node, "node is missing: apt-get install nodejs (make test installs it)"
    script = load("pr.yml")["jobs"]["comment"]["steps"][1]["with"]["script"]
    (tmp_path / "script.js").write_text(script, encoding="utf-8")
    (tmp_path / "harness.js").write_text(HARNESS, encoding="utf-8")
    (tmp_path / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    (tmp_path / "data-diff.md").write_text(diff, encoding="utf-8")
    result = subprocess.run(
        [node, "harness.js", "script.js", "comments.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def marker() -> str:
    script = load("pr.yml")["jobs"]["comment"]["steps"][1]["with"]["script"]
    return re.search(r'const marker = "(<!-- [^"]+ -->)"', script).group(1)


@pytest.mark.slow
def test_the_first_push_creates_the_comment(tmp_path):
    calls = post_comment(tmp_path, "## 데이터 변경\n", [])
    assert [name for name, _ in calls] == ["list", "create"]
    created = calls[1][1]
    assert created["issue_number"] == 7
    assert created["body"] == f"{marker()}\n## 데이터 변경\n"


@pytest.mark.slow
def test_a_later_push_updates_the_bots_comment_and_leaves_peoples_alone(tmp_path):
    comments = [
        {"id": 1, "user": {"type": "User"}, "body": f"{marker()}\nquoted by a person"},
        {"id": 2, "user": {"type": "Bot"}, "body": "another bot"},
        {"id": 3, "user": {"type": "Bot"}, "body": f"{marker()}\nthe old diff"},
    ]
    calls = post_comment(tmp_path, "새 diff\n", comments)
    assert [name for name, _ in calls] == ["list", "update"]
    assert calls[1][1]["comment_id"] == 3
    assert calls[1][1]["body"] == f"{marker()}\n새 diff\n"


@pytest.mark.slow
def test_a_long_diff_is_cut_below_githubs_comment_limit_and_says_where_the_rest_is(tmp_path):
    calls = post_comment(tmp_path, "가" * 70000, [])
    body = calls[1][1]["body"]
    assert len(body) < 65536
    assert body.endswith("(잘렸습니다: 전체는 검사 작업의 요약에 있습니다)\n")


@pytest.mark.slow
def test_an_empty_diff_posts_nothing(tmp_path):
    calls = post_comment(tmp_path, "\n", [])
    assert [name for name, _ in calls] == ["info"]
