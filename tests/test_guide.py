"""CONTRIBUTING.md: its problem codes are what `make contributing` writes from the catalogue."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from planpress.cli import main
from planpress.guide import (
    GuideError,
    begin_marker,
    end_marker,
    fill_guide,
    find_examples,
    write_sections,
)
from planpress.messages import CODES

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "CONTRIBUTING.md"
PAGE = ROOT / "content" / "pages" / "contribute.md"
FIXTURES = ROOT / "tests" / "fixtures" / "invalid"


@pytest.fixture(scope="module")
def sections(schemas) -> dict[str, str]:
    return write_sections(find_examples(FIXTURES, schemas))


def section(text: str, lang: str) -> str:
    return text.split(begin_marker(lang), 1)[1].split(end_marker(lang), 1)[0]


def test_contributing_md_is_what_make_contributing_writes(sections):
    text = GUIDE.read_text(encoding="utf-8")
    assert fill_guide(text, sections) == text, "run `make contributing` and commit CONTRIBUTING.md"


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_has_its_entry_in_both_languages(code):
    text = GUIDE.read_text(encoding="utf-8")
    assert f"### `{code}` — {CODES[code].title_ko}\n" in section(text, "ko")
    assert f"[{code}]" in section(text, "en")


def test_the_entries_follow_the_catalogue_order():
    headings = re.findall(r"^### `([a-z0-9-]+)`", section(GUIDE.read_text("utf-8"), "ko"), re.M)
    assert headings == list(CODES)


def test_an_example_is_the_exact_line_the_validator_prints_for_its_fixture():
    text = GUIDE.read_text(encoding="utf-8")
    assert (
        "예 — `planpress validate tests/fixtures/invalid/type-error`의 출력:\n\n```text\n"
        'minimal/programmes.csv:2:budget_krw: "1,066억"은 원 단위 정수 형식이 아닙니다 '
        "(고치는 법: 원 단위 정수로 106600000000을 쓰세요) [type-error]\n```"
    ) in section(text, "ko")
    assert (
        'minimal/programmes.csv:2:budget_krw: "1,066억" is not a whole number of won '
        "(fix: write 106600000000, a whole number of won) [type-error]\n"
    ) in section(text, "en")


def test_a_code_no_data_can_cause_says_so_and_gives_its_fix(sections):
    assert not (FIXTURES / "unique-error").exists()
    entry = sections["ko"].split("### `unique-error`", 1)[1].split("###", 1)[0]
    assert "예시 패키지가 없습니다" in entry
    assert f"고치는 법: {CODES['unique-error'].hint_ko}" in entry


def test_fill_guide_keeps_everything_outside_the_markers():
    text = f"위\n{begin_marker('ko')}\n옛 내용\n{end_marker('ko')}\n아래\n"
    assert fill_guide(text, {"ko": "새 내용"}) == (
        f"위\n{begin_marker('ko')}\n\n새 내용\n\n{end_marker('ko')}\n아래\n"
    )


def test_a_guide_without_its_markers_is_refused():
    with pytest.raises(GuideError):
        fill_guide("표시가 없는 안내서\n", {"ko": "x"})


def test_contributing_check_refuses_a_stale_guide_and_writes_nothing(tmp_path, capsys):
    fixtures = tmp_path / "fixtures"  # one fixture: every other code loses its example
    shutil.copytree(FIXTURES / "type-error", fixtures / "type-error")
    guide = tmp_path / "CONTRIBUTING.md"
    text = GUIDE.read_text(encoding="utf-8")
    guide.write_text(text, encoding="utf-8")
    args = ["contributing", "--guide", str(guide), "--fixtures", str(fixtures)]
    assert main([*args, "--check"]) == 1
    assert "make contributing으로 다시 쓰고 커밋하세요" in capsys.readouterr().err
    assert guide.read_text(encoding="utf-8") == text
    assert main(args) == 0
    written = guide.read_text(encoding="utf-8")
    assert "[type-error]" in section(written, "ko")
    entry = section(written, "ko").split("### `missing-descriptor`", 1)[1].split("###", 1)[0]
    assert "예시 패키지가 없습니다" in entry
    assert main([*args, "--check"]) == 0


def test_the_guide_and_the_site_page_point_to_each_other():
    guide, page = GUIDE.read_text(encoding="utf-8"), PAGE.read_text(encoding="utf-8")
    assert "](content/pages/contribute.md)" in guide  # the data-writing rules live there only
    assert "`CONTRIBUTING.md`" in page


def test_the_site_pages_code_table_names_each_code_as_the_catalogue_does():
    """The page summarises each code in its own words, under the catalogue's title."""
    page = PAGE.read_text("utf-8")
    codes_section = page.split("\n## 오류 코드\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ([^|]+?) \|", codes_section, re.M)
    assert sorted(code for code, _ in rows) == sorted(CODES)
    assert {code: title for code, title in rows} == {c: e.title_ko for c, e in CODES.items()}


def edit_rows_step(lang: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    if lang == "ko":
        return text.split("## 행 고치기\n", 1)[1].split("\n## ", 1)[0]
    return text.split("- **Edit rows**", 1)[1].split("\n- **", 1)[0]


def test_the_edit_rows_step_s_example_passes_the_history_rule(tmp_path, validate):
    """Doing what "행 고치기" says (raise version, set updated, add history first) to a package
    at an older version gives no problem: the guide teaches what `history-order` accepts. (The
    minimal fixture, at 1.0.0, stays older than the example while the real data moves on.)"""
    slug = "minimal"
    example = re.search(r"```json\n(.*?)```", edit_rows_step("ko"), re.S).group(1)
    edit = json.loads("{" + example.strip().rstrip(",") + "]}")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / slug, data / slug)
    path = data / slug / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert descriptor["version"] < edit["version"]  # the example raises today's version
    descriptor.update(
        version=edit["version"],
        updated=edit["updated"],
        history=edit["history"] + descriptor["history"],
    )
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    assert [(p.field, p.code) for p in validate(data)] == []
    # left at the old version, the same entry is refused
    descriptor["version"] = "1.0.0"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    assert ("history[0].version", "history-order") in [(p.field, p.code) for p in validate(data)]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_edit_rows_step_says_version_updated_and_history_in_both_languages(lang):
    step = edit_rows_step(lang)
    for word in ("`version`", "`updated`", "`history`", "`history-order`", '"version": "1.2.1"'):
        assert word in step, (lang, word)
