"""CONTRIBUTING.md's problem-code sections, written from the catalogue and the fixture packages.

The guide is written by people, except between its markers: there `planpress contributing`
writes one entry per code in `messages.CODES`, in catalogue order, each with the exact line
`planpress validate tests/fixtures/invalid/<code>` prints, so the guide shows what a
contributor will really read and cannot drift from the codes. `--check` (a test, pre-commit)
says when the committed guide differs from what this module would write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .load import SchemaSet, load_packages
from .messages import CODES
from .problems import Problem
from .report import format_problem
from .validate import validate_packages

LANGS = ("ko", "en")

WORDS = {
    "ko": {
        "example": "예 — `planpress validate {fixture}`의 출력:",
        "fix": "고치는 법",
        "untriggerable": "지금의 공통 스키마로는 데이터가 이 문제를 낼 수 없어 예시 패키지가 없습니다.",
    },
    "en": {
        "untriggerable": "no data can cause it with the shipped schemas",
        "fix": "fix",
    },
}

FIXTURE_LABEL = "tests/fixtures/invalid/{code}"


class GuideError(Exception):
    """The guide has no place for a generated section; the message says which marker is missing."""


def begin_marker(lang: str) -> str:
    return f"<!-- begin: problem codes ({lang}), written by `make contributing` -->"


def end_marker(lang: str) -> str:
    return f"<!-- end: problem codes ({lang}) -->"


def find_examples(fixtures: Path, schemas: SchemaSet) -> dict[str, list[Problem]]:
    """For each code, the problems of that code its fixture folder reports (none: no fixture)."""
    examples: dict[str, list[Problem]] = {}
    for code in CODES:
        folder = fixtures / code
        if not folder.is_dir():
            examples[code] = []
            continue
        problems = validate_packages(load_packages(folder), schemas, folder=folder.name)
        examples[code] = [p for p in problems if p.code == code]
    return examples


def write_section_ko(examples: Mapping[str, Sequence[Problem]]) -> str:
    words = WORDS["ko"]
    blocks = []
    for code, entry in CODES.items():
        lines = [f"### `{code}` — {entry.title_ko}", ""]
        found = examples.get(code, ())
        if found:
            fixture = FIXTURE_LABEL.format(code=code)
            lines += [words["example"].format(fixture=fixture), "", "```text"]
            lines.append(format_problem(found[0], "ko"))
            lines += ["```"]
        else:
            lines += [words["untriggerable"], "", f"{words['fix']}: {entry.hint_ko}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def write_section_en(examples: Mapping[str, Sequence[Problem]]) -> str:
    words = WORDS["en"]
    lines = ["```text"]
    for code, entry in CODES.items():
        found = examples.get(code, ())
        if found:
            lines.append(format_problem(found[0], "en"))
        else:
            lines.append(f"[{code}] ({words['untriggerable']}) ({words['fix']}: {entry.hint_en})")
    lines.append("```")
    return "\n".join(lines)


def write_sections(examples: Mapping[str, Sequence[Problem]]) -> dict[str, str]:
    return {"ko": write_section_ko(examples), "en": write_section_en(examples)}


def fill_guide(text: str, sections: Mapping[str, str]) -> str:
    """The guide with each generated section replaced; everything outside the markers kept."""
    for lang, section in sections.items():
        begin, end = begin_marker(lang), end_marker(lang)
        if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
            raise GuideError(f"{begin} … {end}")
        start, stop = text.index(begin), text.index(end) + len(end)
        text = f"{text[:start]}{begin}\n\n{section}\n\n{end}{text[stop:]}"
    return text
