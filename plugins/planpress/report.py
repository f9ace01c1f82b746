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
TABLE_HEADINGS = {
    "ko": ("데이터 검사", ("파일", "행", "열", "문제", "고치는 법", "코드")),
    "en": ("Data check", ("file", "row", "field", "problem", "fix", "code")),
}


def format_problem(problem: Problem, lang: str = "ko") -> str:
    """One line: `paju/programmes.csv:7:budget_krw: message (fix: hint) [code]`."""
    hint = problem.hint(lang)
    fix = f" ({HINT_WORD.get(lang, HINT_WORD['ko'])}: {hint})" if hint else ""
    return f"{problem.location}: {problem.message(lang)}{fix} [{problem.code}]"


def summarize(problems: Sequence[Problem], packages: int, lang: str = "ko") -> str:
    """The report's closing line: how many problems in how many files, or that there are none."""
    failed, passed = SUMMARY.get(lang, SUMMARY["ko"])
    if not problems:
        return passed.format(packages=packages, package_word=plural(packages, "package"))
    files = len({p.path for p in problems if "/" in p.path})  # not the data folder itself
    if lang == "en":
        where = f" in {files} {plural(files, 'file')}" if files else ""
    else:
        where = f"파일 {files}개에서 " if files else ""
    return failed.format(
        count=len(problems), where=where, problems=plural(len(problems), "problem")
    )


def format_text(problems: Sequence[Problem], packages: int, lang: str = "ko") -> str:
    lines = [format_problem(p, lang) for p in problems]
    lines.append(summarize(problems, packages, lang))
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


def escape_table_cell(text: str) -> str:
    """Text inside a Markdown table cell: a '|' or a line break would end the cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def format_markdown(problems: Sequence[Problem], packages: int, lang: str = "ko") -> str:
    """A summary table, for a CI job's summary page ($GITHUB_STEP_SUMMARY) or a comment."""
    title, columns = TABLE_HEADINGS.get(lang, TABLE_HEADINGS["ko"])
    if not problems:
        return f"### {title}\n\n{summarize(problems, packages, lang)}\n"
    lines = [
        f"### {title}",
        "",
        summarize(problems, packages, lang),
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for p in problems:
        cells = (
            f"`{p.path}`",
            "" if p.row is None else str(p.row),
            f"`{p.field}`" if p.field else "",
            p.message(lang),
            p.hint(lang),
            f"`{p.code}`",
        )
        lines.append("| " + " | ".join(escape_table_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


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
