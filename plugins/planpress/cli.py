"""`planpress validate | build | devserver | new-city | diff | schemas | contributing`: the shell around the core."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack, suppress
from functools import partial
from pathlib import Path

from .addresses import check_public_url
from .check import CheckedData, check_data
from .datadiff import FORMATS, diff_sides, read_side
from .devserver import run_devserver
from .guide import GuideError, fill_guide, find_examples, write_sections
from .load import SCHEMA_DIR, SchemaSet, load_packages, load_schema_set
from .report import format_github, format_json, format_markdown, format_text
from .revisions import (
    RevisionError,
    export_index,
    export_revision,
    find_repository,
    staged_folders,
    staged_paths,
)
from .scaffold import next_steps, refuse_new_city, refuse_texts, scaffold_files
from .schemacopies import write_schema_copies
from .swap import (
    SITE_MODE,
    OutputBusy,
    describe_errno,
    describe_os_error,
    find_leftovers,
    lock_output,
    lock_path,
    make_staging,
    old_path,
    recover_output,
    remove_tree,
    swap_in,
)

PROJECT = Path(__file__).resolve().parents[2]
PELICAN_SUMMARY = re.compile(r"^Done: Processed .*? seconds\.\n?", re.MULTILINE | re.DOTALL)
"""Pelican's English closing line, printed (and wrapped) by its console whatever the log level."""
PELICAN_ERRNO = re.compile(r"\[Errno\s+(\d+)\]")
"""How Python writes an OSError's number (`[Errno 28] No space left on device`) in Pelican's log."""
KEPT = "output 폴더는 그대로 두었습니다."
EXIT_BUSY = 2
"""Another build holds the lock: refused before anything is read or written, like a bad SITEURL."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planpress", description="planpress data tools")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser(
        "validate", help="check every data package; exit 1 on any problem"
    )
    validate.add_argument(
        "data", nargs="?", default=str(PROJECT / "datapackage"), help="folder of packages"
    )
    validate.add_argument("--lang", choices=("ko", "en"), default="ko", help="message language")
    output = validate.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_const", const="json", dest="format", help="JSON report"
    )
    output.add_argument("--format", choices=("text", "json", "github", "markdown"), default="text")
    validate.add_argument(
        "--cache", default=None, help="folder for cached results (by content hash)"
    )
    validate.add_argument(
        "--staged",
        action="store_true",
        help="check what git will commit: the staged files of the packages the commit changes",
    )

    build = commands.add_parser("build", help="validate, then build the site atomically")
    build.add_argument("--data", default=str(PROJECT / "datapackage"))
    build.add_argument("--output", default=str(PROJECT / "output"))
    build.add_argument("--settings", default=str(PROJECT / "pelicanconf.py"))
    build.add_argument("--lang", choices=("ko", "en"), default="ko")
    build.add_argument("--cache", default=str(PROJECT / ".cache" / "planpress"))
    build.add_argument(
        "--public-url",
        default=None,
        help="public address for canonical links (make publish SITEURL=…); required when given",
    )

    devserver = commands.add_parser(
        "devserver",
        help="serve output/ on 127.0.0.1 and rebuild when the data, schemas, content, theme or settings change",
    )
    devserver.add_argument("--data", default=str(PROJECT / "datapackage"))
    devserver.add_argument("--output", default=str(PROJECT / "output"))
    devserver.add_argument("--settings", default=str(PROJECT / "pelicanconf.py"))
    devserver.add_argument("--lang", choices=("ko", "en"), default="ko")
    devserver.add_argument("--cache", default=str(PROJECT / ".cache" / "planpress"))
    devserver.add_argument("--port", type=int, default=8000)
    devserver.add_argument("--interval", type=float, default=0.5, help="seconds between polls")

    schemas = commands.add_parser(
        "schemas", help="copy the shared Table Schemas into every package (self-describing)"
    )
    schemas.add_argument("data", nargs="?", default=str(PROJECT / "datapackage"))

    new_city = commands.add_parser(
        "new-city", help="write datapackage/<slug>/: a package that validates, ready to fill"
    )
    new_city.add_argument("slug", help="folder name: lower-case letters, digits, hyphens")
    new_city.add_argument("--name", default="", help="city name in Korean, e.g. 수원시")
    new_city.add_argument(
        "--province", default=None, help="province in Korean, e.g. 경기도; none for 광역시"
    )
    new_city.add_argument("--plan", default="", help="the plan's name as the source writes it")
    new_city.add_argument(
        "--source", default="", help="the source's title (article or document) as it is written"
    )
    new_city.add_argument("--data", default=str(PROJECT / "datapackage"))

    diff = commands.add_parser(
        "diff",
        help="what the data changes between two git revisions or two folders",
    )
    diff.add_argument("base", nargs="?", default="main", help="git revision, or the old folder")
    diff.add_argument(
        "head",
        nargs="?",
        default="",
        help="git revision, or the new folder; empty: the working tree",
    )
    diff.add_argument(
        "--data", default=str(PROJECT / "datapackage"), help="data folder in the repository"
    )
    diff_output = diff.add_mutually_exclusive_group()
    diff_output.add_argument("--json", action="store_const", const="json", dest="format")
    diff_output.add_argument("--format", choices=tuple(FORMATS), default="text")

    contributing = commands.add_parser(
        "contributing",
        help="rewrite CONTRIBUTING.md's problem-code sections from the catalogue and fixtures",
    )
    contributing.add_argument("--guide", default=str(PROJECT / "CONTRIBUTING.md"))
    contributing.add_argument("--fixtures", default=str(PROJECT / "tests" / "fixtures" / "invalid"))
    contributing.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the guide is not current"
    )

    args = parser.parse_args(argv)
    if args.command == "contributing":
        return run_contributing(Path(args.guide), Path(args.fixtures), check=args.check)
    if args.command == "schemas":
        return run_schemas(Path(args.data))
    if args.command == "diff":
        return run_diff(args.base, args.head, Path(args.data), args.format or "text")
    if args.command == "new-city":
        return run_new_city(
            Path(args.data), args.slug, args.name, args.province or None, args.plan, args.source
        )
    if args.command == "validate" and args.staged:
        return run_validate_staged(Path(args.data), args.format or "text", args.lang)
    if args.command == "validate":
        return run_validate(Path(args.data), args.format or "text", args.lang, args.cache)
    if args.command == "devserver":
        data, output, settings = Path(args.data), Path(args.output), Path(args.settings)
        return run_devserver(
            watched_paths(data, settings),
            output.resolve(),
            partial(run_build, data, output, settings, args.lang, args.cache, wait=True),
            port=args.port,
            interval=args.interval,
        )
    try:
        return run_build(
            Path(args.data),
            Path(args.output),
            Path(args.settings),
            args.lang,
            args.cache,
            public_url=args.public_url,
        )
    except KeyboardInterrupt:  # Ctrl-C: the staging folder is gone and the lock released
        sys.stderr.write("\nplanpress: 빌드를 멈췄습니다.\n")
        return 130


def watched_paths(data: Path, settings: Path) -> list[Path]:
    """Everything a build reads: the data, the shared schemas, content/, the theme, the settings."""
    return [data, SCHEMA_DIR, PROJECT / "content", PROJECT / "theme", settings]


def run_contributing(guide: Path, fixtures: Path, *, check: bool) -> int:
    """Write (or with `check`, compare) the guide's problem-code sections; say so in Korean."""
    for needed in (guide, fixtures):
        if not needed.exists():
            sys.stderr.write(f"planpress: 찾을 수 없습니다: {needed}\n")
            return 2
    text = guide.read_text(encoding="utf-8")
    try:
        current = fill_guide(text, write_sections(find_examples(fixtures, load_schema_set())))
    except GuideError as missing:
        sys.stderr.write(
            f"planpress: {guide.name}에 생성 구역 표시가 없거나 둘 이상입니다: {missing}\n"
        )
        return 2
    if current == text:
        print(f"planpress: {guide.name}의 오류 코드 설명이 코드와 같습니다.")
        return 0
    if check:
        sys.stderr.write(
            f"planpress: {guide.name}의 오류 코드 설명이 코드와 다릅니다. "
            "make contributing으로 다시 쓰고 커밋하세요.\n"
        )
        return 1
    guide.write_text(current, encoding="utf-8")
    print(f"planpress: {guide.name}의 오류 코드 설명을 다시 썼습니다.")
    return 0


def run_schemas(data: Path) -> int:
    """Write each package's schema copies; say in Korean what changed."""
    if not data.is_dir():
        sys.stderr.write(f"planpress: 데이터 폴더가 없습니다: {data}\n")
        return 2
    written = write_schema_copies(data)
    for path in written:
        print(f"planpress: {path.relative_to(data)} 파일을 썼습니다.")
    print(
        f"planpress: 스키마 사본 {len(written)}개를 고쳐 썼습니다."
        if written
        else "planpress: 모든 패키지의 스키마 사본이 공통 스키마와 같습니다."
    )
    return 0


def run_validate(data: Path, fmt: str, lang: str, cache: str | None) -> int:
    if not data.is_dir():
        sys.stderr.write(f"planpress: 데이터 폴더가 없습니다: {data}\n")
        return 2
    return report_checked(check_data(data, Path(cache) if cache else None), data, fmt, lang)


def run_validate_staged(data: Path, fmt: str, lang: str) -> int:
    """pre-commit: the packages the commit changes, as staged (not as in the working tree).

    The index's data folder is written to a temporary folder and checked there, so an
    unstaged fix does not hide a staged mistake, an unstaged mistake or an untracked file does
    not block a good commit, and unchanged packages are not checked again (only the rules
    across packages see them). A change to the shared schemas checks every package.
    """
    try:
        repo = find_repository(existing_parent(data))
        try:
            data_path = data.resolve().relative_to(repo.resolve()).as_posix()
        except ValueError:
            raise RevisionError(f"데이터 폴더({data})가 git 저장소({repo}) 밖에 있습니다") from None
        with tempfile.TemporaryDirectory(prefix="planpress-staged-") as scratch:
            changed: set[str] | None = staged_folders(repo, data_path)
            shared = SCHEMA_DIR.resolve()
            if shared.is_relative_to(repo.resolve()) and staged_paths(
                repo, shared.relative_to(repo.resolve()).as_posix()
            ):
                changed = None  # the shared schemas change: every package is checked
            staged = export_index(repo, data_path, Path(scratch))
            checked = check_data(staged, only=changed)
            return report_checked(checked, data, fmt, lang)
    except RevisionError as error:
        sys.stderr.write(f"planpress: {error}.\n")
        return 2


def report_checked(checked: CheckedData, data: Path, fmt: str, lang: str) -> int:
    count = len(checked.packages)
    if fmt == "json":
        sys.stdout.write(format_json(checked.problems, count, lang))
    elif fmt == "markdown":
        sys.stdout.write(format_markdown(checked.problems, count, lang))
    elif fmt == "github":
        sys.stdout.write(format_github(checked.problems, relative_prefix(data), lang))
        sys.stderr.write(format_text(checked.problems, count, lang))
    else:
        stream = sys.stderr if checked.problems else sys.stdout
        stream.write(format_text(checked.problems, count, lang))
    return 1 if checked.problems else 0


def run_new_city(
    data: Path, slug: str, name: str, province: str | None, plan: str = "", source: str = ""
) -> int:
    """Scaffold one package, or say why not (exit 1) and write nothing."""
    if not data.is_dir():
        sys.stderr.write(f"planpress: 데이터 폴더가 없습니다: {data}\n")
        return 1
    schemas = load_schema_set()
    try:
        taken = [entry.name for entry in data.iterdir()]
    except OSError as error:
        sys.stderr.write(
            f"planpress: 데이터 폴더({data})를 읽을 수 없습니다: {describe_os_error(error)}\n"
        )
        return 1
    reasons = refuse_new_city(
        slug, name, province, load_packages(data), taken, schemas, relative_prefix(data)
    ) + refuse_texts(plan, source)
    if reasons:
        for reason in reasons:
            sys.stderr.write(f"planpress: {reason}.\n")
        sys.stderr.write("planpress: 아무 파일도 만들지 않았습니다.\n")
        return 1
    files = scaffold_files(
        slug, name, province, dt.date.today(), schemas, plan_ko=plan, source_title=source
    )
    staging = data / f".new-{slug}"
    try:
        if staging.exists():
            remove_tree(staging)
        staging.mkdir()
        for file_name, content in files.items():
            (staging / file_name).write_bytes(content)
        staging.rename(data / slug)
    except OSError as error:
        with suppress(OSError):
            remove_tree(staging)
        sys.stderr.write(
            f"planpress: {data / slug} 폴더를 만들 수 없습니다: {describe_os_error(error)}. "
            "아무 파일도 남기지 않았습니다.\n"
        )
        return 1
    sys.stdout.write(next_steps(slug, relative_prefix(data)))
    return 0


def run_diff(base: str, head: str, data: Path, fmt: str) -> int:
    """Two folders when both arguments are folders; otherwise two git revisions of `data`."""
    schemas = load_schema_set()
    if base and head and Path(base).is_dir() and Path(head).is_dir():
        old, new = read_side(Path(base), schemas), read_side(Path(head), schemas)
        title = f"{base} → {head}"
    else:
        try:
            with tempfile.TemporaryDirectory(prefix="planpress-diff-") as scratch:
                repo = find_repository(existing_parent(data))
                try:
                    data_path = data.resolve().relative_to(repo.resolve()).as_posix()
                except ValueError:
                    raise RevisionError(
                        f"데이터 폴더({data})가 git 저장소({repo}) 밖에 있습니다"
                    ) from None
                old = read_side(
                    export_revision(repo, base, data_path, Path(scratch) / "base"),
                    schemas_at(repo, base, Path(scratch) / "base-schemas", schemas),
                )
                if head:
                    new_root = export_revision(repo, head, data_path, Path(scratch) / "head")
                    new_schemas = schemas_at(repo, head, Path(scratch) / "head-schemas", schemas)
                else:
                    new_root, new_schemas = repo / data_path, schemas
                new = read_side(new_root, new_schemas)
        except RevisionError as error:
            folders = [name for name in (base, head) if name and Path(name).is_dir()]
            hint = (
                f" 폴더 둘을 견주려면 두 폴더를 모두 주세요: planpress diff {base} 새폴더"
                if folders
                else ""
            )
            sys.stderr.write(f"planpress: {error}.{hint}\n")
            return 1
        title = f"{base} → {head or '작업 트리'}"
    sys.stdout.write(FORMATS[fmt](diff_sides(old, new), title))
    return 0


def schemas_at(repo: Path, revision: str, into: Path, current: SchemaSet) -> SchemaSet:
    """The shared schemas as they are at `revision`, so each side is judged by its own rules
    (an older package's schema copies match its own revision's schemas, not today's); today's
    when the revision has none that load (planpress installed apart from the data, or an older
    layout)."""
    try:
        folder = SCHEMA_DIR.resolve().relative_to(repo.resolve()).as_posix()
        return load_schema_set(export_revision(repo, revision, folder, into))
    except (ValueError, OSError, KeyError, RevisionError):
        return current


def existing_parent(path: Path) -> Path:
    path = path.resolve()
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return path


def relative_prefix(data: Path) -> str:
    try:
        return str(data.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(data)


def check_output_place(data: Path, output: Path) -> str:
    """Why `output` cannot take the site, or "": the build swaps a new folder in for it, so
    it must be neither the data, nor around it, nor inside it, nor an existing file."""
    if output == data or data.is_relative_to(output):
        return f"출력 폴더({output})에 데이터 폴더({data})가 들어 있어, 빌드하면 데이터가 지워집니다. 다른 출력 폴더를 고르세요."
    if output.is_relative_to(data):
        return f"출력 폴더({output})가 데이터 폴더({data}) 안에 있습니다. 데이터 폴더 밖의 출력 폴더를 고르세요."
    if output.exists() and not output.is_dir():
        return f"출력 폴더 자리({output})에 폴더가 아닌 파일이 있습니다. 지우거나 다른 출력 폴더를 고르세요."
    return ""


def run_build(
    data: Path,
    output: Path,
    settings: Path,
    lang: str,
    cache: str,
    *,
    public_url: str | None = None,
    wait: bool = False,
) -> int:
    """Validate, build into a fresh folder beside `output`, then swap it in.

    Bad data, any Pelican failure and any file-system error leave the previous `output/`
    exactly as it was, with a Korean message and exit 1; never a traceback. One build at a
    time per output folder: another one running is refused (exit 2), or, with `wait` (the
    devserver), waited for. `public_url`, when given (by `make publish`), must be an
    http(s) address.
    """
    if public_url is not None:
        problem = check_public_url(public_url)
        if problem:
            sys.stderr.write(f"planpress: {problem}\n")
            return 2
    output = output.resolve()
    clash = check_output_place(data.resolve(), output)
    if clash:
        sys.stderr.write(f"planpress: {clash} output 폴더는 그대로 두었습니다.\n")
        return 2
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return report_fault(f"출력 폴더를 둘 폴더({output.parent})를 만들 수 없습니다", error)
    with ExitStack() as held:
        try:
            try:
                held.enter_context(lock_output(output))
            except OutputBusy as busy:
                running = f"다른 빌드가 진행 중입니다({output}, 잠금 파일 {busy.lock})"
                if not wait:
                    sys.stderr.write(
                        f"planpress: {running}. 그 빌드가 끝나면 다시 실행하세요. {KEPT}\n"
                    )
                    return EXIT_BUSY
                print(f"planpress: {running}. 끝나기를 기다렸다가 빌드합니다.", flush=True)
                held.enter_context(lock_output(output, block=True))
        except OSError as error:
            return report_fault(f"잠금 파일({lock_path(output)})을 만들 수 없습니다", error)
        return build_locked(data, output, settings, lang, cache, public_url)


def build_locked(
    data: Path, output: Path, settings: Path, lang: str, cache: str, public_url: str | None
) -> int:
    """The build, holding the output's lock: no other build owns anything beside `output`."""
    old = old_path(output)
    try:
        if recover_output(output):
            print(
                f"planpress: 지난 빌드가 사이트를 바꾸다 멈춰서, {old}에 남은 지난 사이트를 "
                f"출력 폴더({output})로 되돌렸습니다."
            )
    except OSError as error:
        return report_fault(
            f"지난 빌드가 남긴 폴더({old})를 출력 폴더({output})로 되돌릴 수 없습니다",
            error,
            kept=f"지난 사이트는 {old}에 그대로 두었습니다.",
        )
    try:
        leftovers = find_leftovers(output)
    except OSError as error:
        return report_fault(f"출력 폴더를 둔 폴더({output.parent})를 읽을 수 없습니다", error)
    for leftover in leftovers:
        try:
            remove_tree(leftover)
        except OSError as error:
            return report_fault(f"지난 빌드가 남긴 임시 폴더({leftover})를 지울 수 없습니다", error)
    with ExitStack() as held:
        build_cache = bool(cache)
        if not cache:
            # No cache asked for: one for this build only, so Pelican's process finds every
            # package validated a moment ago (by content hash) instead of validating twice.
            # If no temporary folder can be made, Pelican's process validates again.
            with suppress(OSError):
                cache = held.enter_context(
                    tempfile.TemporaryDirectory(
                        prefix="planpress-cache-", ignore_cleanup_errors=True
                    )
                )
        status = run_validate(data, "text", lang, cache)
        if status:
            return status
        try:
            staging = make_staging(output)
        except OSError as error:
            return report_fault(f"출력 폴더 {output} 옆에 임시 폴더를 만들 수 없습니다", error)
        try:
            return build_into(staging, data, output, settings, cache, public_url, build_cache)
        finally:
            # a failed build's staging folder, or after an exchange the previous site; if it
            # cannot go now, the next build removes it (find_leftovers)
            with suppress(OSError):
                if os.path.lexists(staging):
                    remove_tree(staging)


def build_into(
    staging: Path,
    data: Path,
    output: Path,
    settings: Path,
    cache: str,
    public_url: str | None,
    build_cache: bool = True,
) -> int:
    try:
        result = run_pelican(data, staging, settings, cache, public_url, build_cache)
    except OSError as error:
        return report_fault(f"Pelican({sys.executable} -m pelican)을 실행할 수 없습니다", error)
    sys.stdout.write(tidy_pelican_log(result.stdout))
    sys.stdout.flush()
    if result.returncode != 0:
        cause = pelican_cause(result.stdout)
        sys.stderr.write(
            "planpress: 빌드에 실패해 output 폴더를 그대로 두었습니다."
            + (f" 원인: {cause}." if cause else "")
            + "\n"
        )
        return 1
    try:
        staging.chmod(SITE_MODE)
    except OSError as error:
        return report_fault(f"임시 폴더 {staging}의 권한을 바꿀 수 없습니다", error)
    try:
        previous = swap_in(staging, output)
    except OSError as error:
        return report_fault(f"출력 폴더({output})를 새 사이트로 바꿀 수 없습니다", error)
    if previous is not None:
        try:
            remove_tree(previous)
        except OSError as error:
            sys.stderr.write(
                f"planpress: 지난 사이트({previous})를 지울 수 없습니다: "
                f"{describe_os_error(error)}. 다음 빌드가 다시 지웁니다.\n"
            )
    print(f"planpress: {output} 에 사이트를 만들었습니다 ({describe_output(output)}).")
    return 0


def run_pelican(
    data: Path,
    staging: Path,
    settings: Path,
    cache: str,
    public_url: str | None,
    build_cache: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Pelican into `staging`, its log (warnings and errors go to stdout) captured.

    Without `build_cache` (a cache folder for this build only) no rendered files are kept."""
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(PROJECT / "content"),
        "--settings",
        str(settings),
        "--output",
        str(staging),
        "--fatal",
        "errors",
        "--extra-settings",
        f"PLANPRESS_DATA_DIR={json.dumps(str(data.resolve()))}",
        f"PLANPRESS_CACHE_DIR={json.dumps(str(Path(cache).resolve()) if cache else '')}",
        "DELETE_OUTPUT_DIRECTORY=false",
        f"PLANPRESS_BUILD_CACHE={json.dumps(build_cache)}",
    ]
    if public_url is not None:
        command.append(f"PLANPRESS_PUBLIC_URL={json.dumps(public_url.rstrip('/'))}")
    env = dict(
        os.environ,
        PYTHONHASHSEED="0",
        SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "0"),
        PYTHONIOENCODING="utf-8",
        COLUMNS=str(shutil.get_terminal_size().columns),  # Pelican's log keeps the terminal width
    )
    return subprocess.run(
        command, cwd=PROJECT, env=env, check=False, stdout=subprocess.PIPE, encoding="utf-8"
    )


def report_fault(what: str, error: OSError, *, kept: str | None = None) -> int:
    """One Korean line for a file-system error: what could not be done, why, what was kept."""
    sys.stderr.write(f"planpress: {what}: {describe_os_error(error)}. {kept or KEPT}\n")
    return 1


def tidy_pelican_log(text: str) -> str:
    return drop_pelican_traceback(drop_pelican_summary(text))


def pelican_cause(log: str) -> str | None:
    """The cause of Pelican's failure in Korean, when it was a file-system error."""
    codes = PELICAN_ERRNO.findall(log)
    return describe_errno(int(codes[-1])) if codes else None


def drop_pelican_traceback(text: str) -> str:
    """Pelican's log without the Python frames it prints under a fatal error.

    Pelican logs what stopped it with `exc_info=True`; its one-line error (`CRITICAL
    OSError: [Errno 28] No space left on device: …`) stays, and the traceback, which its
    console indents under that record, goes until the next record starts further left.
    """
    kept: list[str] = []
    depth: int | None = None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if depth is not None and (indent >= depth or not line.strip()):
            continue
        depth = None
        if line.lstrip(" ").startswith("Traceback (most recent call last):"):
            depth = indent
            continue
        kept.append(line)
    return "".join(kept)


def drop_pelican_summary(text: str) -> str:
    """Pelican's log without its English summary line; our own Korean one replaces it."""
    return PELICAN_SUMMARY.sub("", text)


def describe_output(output: Path) -> str:
    files = [p for p in output.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    return f"HTML 쪽 {pages}개, 파일 모두 {len(files)}개"


if __name__ == "__main__":
    raise SystemExit(main())
