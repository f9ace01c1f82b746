"""Problems formatted for people, for machines and for CI annotations — one function each."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .problems import Problem

SUMMARY = {
    "ko": (
        "문제 {count}건이 {where}나왔습니다. 모두 고친 뒤 `make validate`로 다시 확인하세요.",
        "데이터 패키지 {packages}개를 검사했습니다. 문제가 없습니다.",
    ),
    "en": (
        "{count} {problems}{where}. Fix them all, then run `make validate` again.",
        "Checked {packages} data {package_word}. No problems.",
    ),
}


def plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


HINT_WORD = {"ko": "고치는 법", "en": "fix"}


def format_problem(problem: Problem, lang: str = "ko") -> str:
    """One line: `paju/programmes.csv:7:budget_krw: message (fix: hint) [code]`."""
    hint = problem.hint(lang)
    fix = f" ({HINT_WORD.get(lang, HINT_WORD['ko'])}: {hint})" if hint else ""
    return f"{problem.location}: {problem.message(lang)}{fix} [{problem.code}]"


def format_text(problems: Sequence[Problem], packages: int, lang: str = "ko") -> str:
    failed, passed = SUMMARY.get(lang, SUMMARY["ko"])
    if not problems:
        return passed.format(packages=packages, package_word=plural(packages, "package")) + "\n"
    lines = [format_problem(p, lang) for p in problems]
    files = len({p.path for p in problems if "/" in p.path})  # not the data folder itself
    if lang == "en":
        where = f" in {files} {plural(files, 'file')}" if files else ""
    else:
        where = f"파일 {files}개에서 " if files else ""
    lines.append(
        failed.format(count=len(problems), where=where, problems=plural(len(problems), "problem"))
    )
    return "\n".join(lines) + "\n"


def format_json(problems: Sequence[Problem], packages: int, lang: str = "ko") -> str:
    document = {
        "valid": not problems,
        "packages": packages,
        "problems": [
            {
                "path": p.path,
                "row": p.row,
                "field": p.field,
                "code": p.code,
                "message": p.message(lang),
                "hint": p.hint(lang),
            }
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def escape_annotation(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file=, title=) also ends at ',' and '::', so those are escaped too."""
    return escape_annotation(text).replace(":", "%3A").replace(",", "%2C")


def format_github(
    problems: Sequence[Problem], data_prefix: str = "datapackage", lang: str = "ko"
) -> str:
    """GitHub Actions workflow commands, so a pull request shows each problem on its line."""
    lines = []
    for p in problems:
        props = [f"file={escape_property(data_prefix.rstrip('/') + '/' + p.path)}"]
        if p.row is not None:
            props.append(f"line={p.row}")
            end = dict(p.params).get("end_row", "")
            if end.isdigit() and int(end) > p.row:
                props.append(f"endLine={end}")  # the problem spans rows, e.g. parts of a total
        props.append(f"title={p.code}")
        where = f"{p.field}: " if p.field else ""
        lines.append(
            f"::error {','.join(props)}::{escape_annotation(where + p.message(lang) + ' — ' + p.hint(lang))}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
