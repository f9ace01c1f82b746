"""`planpress validate`, `planpress build` and `planpress devserver`: the command-line shell around the core."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from .addresses import check_public_url
from .check import check_data
from .devserver import run_devserver
from .load import SCHEMA_DIR
from .report import format_github, format_json, format_text

PROJECT = Path(__file__).resolve().parents[2]
PELICAN_SUMMARY = re.compile(r"^Done: Processed .*? seconds\.\n?", re.MULTILINE | re.DOTALL)
"""Pelican's English closing line, printed (and wrapped) by its console whatever the log level."""


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
    output.add_argument("--format", choices=("text", "json", "github"), default="text")
    validate.add_argument(
        "--cache", default=None, help="folder for cached results (by content hash)"
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

    args = parser.parse_args(argv)
    if args.command == "validate":
        return run_validate(Path(args.data), args.format or "text", args.lang, args.cache)
    if args.command == "devserver":
        data, output, settings = Path(args.data), Path(args.output), Path(args.settings)
        return run_devserver(
            watched_paths(data, settings),
            output.resolve(),
            partial(run_build, data, output, settings, args.lang, args.cache),
            port=args.port,
            interval=args.interval,
        )
    return run_build(
        Path(args.data),
        Path(args.output),
        Path(args.settings),
        args.lang,
        args.cache,
        public_url=args.public_url,
    )


def watched_paths(data: Path, settings: Path) -> list[Path]:
    """Everything a build reads: the data, the shared schemas, content/, the theme, the settings."""
    return [data, SCHEMA_DIR, PROJECT / "content", PROJECT / "theme", settings]


def run_validate(data: Path, fmt: str, lang: str, cache: str | None) -> int:
    if not data.is_dir():
        sys.stderr.write(f"planpress: 데이터 폴더가 없습니다: {data}\n")
        return 2
    checked = check_data(data, Path(cache) if cache else None)
    count = len(checked.packages)
    if fmt == "json":
        sys.stdout.write(format_json(checked.problems, count, lang))
    elif fmt == "github":
        sys.stdout.write(format_github(checked.problems, relative_prefix(data), lang))
        sys.stderr.write(format_text(checked.problems, count, lang))
    else:
        stream = sys.stderr if checked.problems else sys.stdout
        stream.write(format_text(checked.problems, count, lang))
    return 1 if checked.problems else 0


def relative_prefix(data: Path) -> str:
    try:
        return str(data.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(data)


def run_build(
    data: Path,
    output: Path,
    settings: Path,
    lang: str,
    cache: str,
    *,
    public_url: str | None = None,
) -> int:
    """Validate, build into a fresh folder beside `output`, then swap it in.

    Bad data, or any Pelican failure, leaves the previous `output/` exactly as it was.
    `public_url`, when given (by `make publish`), must be an http(s) address.
    """
    if public_url is not None:
        problem = check_public_url(public_url)
        if problem:
            sys.stderr.write(f"planpress: {problem}\n")
            return 2
    status = run_validate(data, "text", lang, cache)
    if status:
        return status
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
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
    # Pelican logs warnings and errors to stdout; pass them on, without its "Done: …" line.
    result = subprocess.run(
        command, cwd=PROJECT, env=env, check=False, stdout=subprocess.PIPE, encoding="utf-8"
    )
    sys.stdout.write(drop_pelican_summary(result.stdout))
    sys.stdout.flush()
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        sys.stderr.write("planpress: 빌드에 실패해 output 폴더를 그대로 두었습니다.\n")
        return 1
    old = output.with_name(f".{output.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    staging_mode = 0o755
    output.chmod(staging_mode)
    print(f"planpress: {output} 에 사이트를 만들었습니다 ({describe_output(output)}).")
    return 0


def drop_pelican_summary(text: str) -> str:
    """Pelican's log without its English summary line; our own Korean one replaces it."""
    return PELICAN_SUMMARY.sub("", text)


def describe_output(output: Path) -> str:
    files = [p for p in output.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    return f"HTML 쪽 {pages}개, 파일 모두 {len(files)}개"


if __name__ == "__main__":
    raise SystemExit(main())
