"""Problems found in data, as data.

Every check yields `Problem`s; nothing in the core raises for bad data. A problem has
a stable kebab-case `code` (frictionless's where the meaning is the same, our own for
project rules), a position a person can find in an editor (header = row 1) and the
values its message template needs. Wording lives in `CODES` only, in Korean and English,
so tests can assert codes and a wording change is a deliberate one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Problem:
    path: str
    """File the problem is in, relative to the data folder: `paju/programmes.csv`."""
    row: int | None
    """1-based row; the header is row 1. None when the problem is about the whole file."""
    field: str | None
    """Column (CSV) or JSON path (descriptor) the problem is in, when there is one."""
    code: str
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """Values for the message template, as sorted (name, text) pairs."""

    @classmethod
    def at(
        cls, path: str, row: int | None, field: str | None, code: str, **params: object
    ) -> Problem:
        if code not in CODES:
            raise KeyError(f"undocumented problem code {code!r}")  # a programming error
        return cls(path, row, field, code, tuple(sorted((k, str(v)) for k, v in params.items())))

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.row or 0, self.field or "", self.code)

    @property
    def location(self) -> str:
        parts = [self.path]
        if self.row is not None:
            parts.append(str(self.row))
        if self.field:
            parts.append(self.field)
        return ":".join(parts)

    def message(self, lang: str = "ko") -> str:
        return CODES[self.code].render("message", lang, dict(self.params))

    def hint(self, lang: str = "ko") -> str:
        return CODES[self.code].render("hint", lang, dict(self.params))


class Code(NamedTuple):
    """One documented problem code: what it means and how to fix it, in two languages."""

    title_ko: str
    message_ko: str
    hint_ko: str
    message_en: str
    hint_en: str

    def render(self, part: str, lang: str, params: dict[str, str]) -> str:
        template = getattr(self, f"{part}_{'en' if lang == 'en' else 'ko'}")
        try:
            return template.format_map(_Params(params))
        except (IndexError, ValueError):
            return template


class _Params(dict):
    """Template values; an English value not given falls back to the Korean one."""

    def __missing__(self, key: str) -> str:
        return self[key.removesuffix("_en")] if key.endswith("_en") else ""


# The one list of problem codes. The contributing guide documents each of them and the
# test suite triggers each with a fixture; both are checked by tests/test_problems.py.
CODES: dict[str, Code] = {
    # -- files and descriptors ------------------------------------------------------
    "missing-descriptor": Code(
        "datapackage.json 없음",
        "이 폴더에 datapackage.json이 없습니다",
        "다른 도시 폴더의 datapackage.json을 복사해 이 도시에 맞게 고치세요",
        "this folder has no datapackage.json",
        "copy datapackage.json from another city's folder and adapt it",
    ),
    "invalid-json": Code(
        "JSON 문법 오류",
        "JSON으로 읽을 수 없습니다: {detail}",
        "쉼표, 따옴표, 괄호 짝을 확인하세요 (JSON 검사기에 붙여 넣어 보면 위치가 보입니다)",
        "cannot be read as JSON: {detail_en}",
        "check commas, quotes and brackets (paste it into a JSON checker to see where)",
    ),
    "descriptor-error": Code(
        "datapackage.json 형식 오류",
        "datapackage.json이 planpress 형식에 맞지 않습니다: {detail}",
        "plugins/planpress/schemas/datapackage.profile.json의 설명을 보고 고치세요",
        "datapackage.json does not follow the planpress profile: {detail_en}",
        "see plugins/planpress/schemas/datapackage.profile.json",
    ),
    "name-mismatch": Code(
        "패키지 이름과 폴더 이름이 다름",
        'name이 "{name}"인데 폴더 이름은 "{folder}"입니다',
        'datapackage.json의 name을 "{folder}"(으)로 바꾸거나 폴더 이름을 맞추세요',
        'name is "{name}" but the folder is "{folder}"',
        'set name to "{folder}" in datapackage.json, or rename the folder',
    ),
    "reserved-name": Code(
        "쓸 수 없는 폴더 이름",
        '"{value}"은(는) 사이트 전체용 내려받기 폴더 이름이라 도시 폴더 이름으로 쓸 수 없습니다',
        "도시 영문 이름으로 폴더와 name을 바꾸세요(예: suwon)",
        '"{value}" names a site-wide downloads folder and cannot be a city folder',
        "rename the folder and its name to the city's English name (e.g. suwon)",
    ),
    "duplicate-name": Code(
        "이름 중복",
        '"{value}"은(는) {other}에서 이미 쓰고 있습니다',
        "도시 폴더마다 서로 다른 이름과 계획 ID를 쓰세요",
        '"{value}" is already used in {other}',
        "every package needs its own name and its own plan IDs",
    ),
    "unsafe-path": Code(
        "허용되지 않는 파일 경로",
        '"{value}"은(는) 패키지 폴더 안의 CSV 파일 이름이 아닙니다',
        'URL, 절대 경로, 하위 폴더, ".."를 쓰지 말고 "programmes.csv"처럼 파일 이름만 쓰세요',
        '"{value}" is not the name of a CSV file inside the package folder',
        'no URLs, absolute paths, subfolders or "..": write only a file name like "programmes.csv"',
    ),
    "missing-resource": Code(
        "필수 자원 없음",
        '"{name}" 자원이 resources에 없습니다',
        '{{"name": "{name}", "path": "{name}.csv"}} 항목을 resources에 더하세요',
        'resources has no "{name}" resource',
        'add {{"name": "{name}", "path": "{name}.csv"}} to resources',
    ),
    "missing-file": Code(
        "파일 없음",
        "resources가 가리키는 파일 {value}을(를) 찾을 수 없습니다",
        "파일 이름의 철자와 대소문자를 확인하세요",
        "the file {value} named in resources does not exist",
        "check the spelling and case of the file name",
    ),
    # -- bytes and text -------------------------------------------------------------
    "not-utf8": Code(
        "UTF-8이 아님",
        "파일이 UTF-8이 아닙니다{guess}",
        "Excel이라면 '다른 이름으로 저장 → CSV UTF-8(쉼표로 분리)'로, 메모장이라면 인코딩을 UTF-8로 골라 다시 저장하세요",
        "the file is not UTF-8{guess_en}",
        "re-save as UTF-8: in Excel 'Save As → CSV UTF-8 (Comma delimited)'",
    ),
    "not-nfc": Code(
        "한글이 NFC가 아님",
        '"{value}"의 한글이 자모로 풀려 있습니다(NFD)',
        "macOS에서 복사한 글자일 수 있습니다. 글자를 다시 입력하거나 NFC로 정규화해 저장하세요",
        'the Hangul in "{value}" is decomposed (NFD)',
        "text copied on macOS can be decomposed; retype it or normalise the file to NFC",
    ),
    "formula-injection": Code(
        "수식으로 시작하는 셀",
        '"{value}"은(는) {char}(으)로 시작해 스프레드시트가 수식으로 실행할 수 있습니다',
        "첫 글자를 바꾸어 쓰세요(예: '-'로 시작하는 목록은 '·'로). 수치는 숫자만 쓰세요",
        '"{value}" starts with {char}, which a spreadsheet may run as a formula',
        "reword so the cell does not start with = + - @",
    ),
    # -- frictionless's table checks, reused where the meaning is the same ------------
    "type-error": Code(
        "형식 오류",
        '"{value}"은(는) {type} 형식이 아닙니다',
        "{type_hint}",
        '"{value}" is not of type {type_en}',
        "{type_hint_en}",
    ),
    "constraint-error": Code(
        "제약 위반",
        '"{value}"이(가) 열의 제약을 어깁니다: {constraint}',
        "{constraint_hint}",
        '"{value}" breaks the column constraint: {constraint_en}',
        "{constraint_hint_en}",
    ),
    "unique-error": Code(
        "중복 값",
        '"{value}"이(가) 이 열에서 이미 나왔습니다',
        "이 열의 값은 행마다 달라야 합니다",
        '"{value}" already appears in this column',
        "values in this column must differ from row to row",
    ),
    "primary-key": Code(
        "ID 중복 또는 빈 ID",
        "ID {value}이(가) 비었거나 다른 행과 겹칩니다",
        "행마다 서로 다른 ID를 쓰세요",
        "ID {value} is empty or repeats another row's",
        "give every row its own ID",
    ),
    "foreign-key": Code(
        "가리키는 행 없음",
        '"{value}"에 해당하는 행이 {target}에 없습니다',
        "{target}에 그 ID의 행을 더하거나 철자를 맞추세요",
        'no row "{value}" in {target}',
        "add that row to {target} or fix the spelling",
    ),
    "missing-cell": Code(
        "칸 부족",
        "이 행에 칸이 모자랍니다",
        "쉼표 수가 머리행과 같은지 확인하세요. 빈 값도 쉼표로 자리를 남깁니다",
        "this row has too few cells",
        "each row needs as many commas as the header; an empty value still needs its comma",
    ),
    "extra-cell": Code(
        "칸 초과",
        "이 행에 머리행보다 칸이 많습니다",
        "쉼표가 든 값은 큰따옴표로 감싸세요",
        "this row has more cells than the header",
        "wrap values that contain commas in double quotes",
    ),
    "blank-row": Code(
        "빈 행",
        "빈 행입니다",
        "빈 행을 지우세요",
        "the row is blank",
        "delete the blank row",
    ),
    "blank-label": Code(
        "빈 열 이름",
        "머리행에 이름이 빈 열이 있습니다",
        "머리행은 스키마의 열 이름과 순서를 그대로 따라야 합니다",
        "the header has a column without a name",
        "the header must list the schema's column names in order",
    ),
    "duplicate-label": Code(
        "열 이름 중복",
        '머리행에 "{value}" 열이 두 번 있습니다',
        "같은 이름의 열을 하나만 남기세요",
        'the header has "{value}" twice',
        "keep one column of that name",
    ),
    "extra-label": Code(
        "스키마에 없는 열",
        '"{value}" 열은 스키마에 없습니다',
        "열을 지우거나, 새 열이 필요하면 스키마를 바꾸자고 제안하세요",
        'the column "{value}" is not in the schema',
        "remove the column, or propose a schema change",
    ),
    "missing-label": Code(
        "빠진 열",
        '"{value}" 열이 머리행에 없습니다',
        "스키마의 열을 모두 같은 순서로 두세요. 값을 모르면 열은 두고 칸을 비우세요",
        'the header lacks the column "{value}"',
        "keep every schema column in order; leave cells empty when unknown",
    ),
    "incorrect-label": Code(
        "열 이름이 다름",
        '"{value}" 자리에는 "{expected}" 열이 와야 합니다',
        "머리행의 열 이름과 순서를 스키마와 맞추세요",
        'expected the column "{expected}" where "{value}" is',
        "make the header's names and order match the schema",
    ),
    "source-error": Code(
        "표로 읽을 수 없음",
        "파일을 표로 읽을 수 없습니다: {detail}",
        "빈 파일이 아닌지, 쉼표로 구분한 CSV인지 확인하세요",
        "the file cannot be read as a table: {detail}",
        "check that the file is a non-empty comma-separated CSV",
    ),
    "table-error": Code(
        "표 오류",
        "표 검사에서 문제가 나왔습니다({detail})",
        "이 행의 값을 스키마 설명과 견주어 보세요",
        "the table check found a problem ({detail})",
        "compare this row's values with the schema",
    ),
    # -- project rules --------------------------------------------------------------
    "unknown-theme": Code(
        "알 수 없는 주제 코드",
        '"{value}"은(는) 주제 어휘에 없습니다',
        "plugins/planpress/schemas/themes.csv의 theme_id 가운데서 고르세요: {known}",
        '"{value}" is not in the theme vocabulary',
        "choose a theme_id from plugins/planpress/schemas/themes.csv: {known}",
    ),
    "total-mismatch": Code(
        "합계 불일치",
        "{parts_label}의 합 {parts_sum}이(가) 발표된 합계 {total}와(과) 다릅니다",
        "출처를 다시 보고 어느 수치가 맞는지 확인하세요. 출처 자체가 어긋나면 값을 비우고 notes에 적으세요",
        "{parts_label_en} add up to {parts_sum}, not the declared total {total}",
        "recheck the source; if the source itself disagrees, leave one empty and explain in notes",
    ),
    "part-exceeds-total": Code(
        "부분이 전체보다 큼",
        "{part_label} {part}이(가) {total_label} {total}보다 큽니다",
        "단위(원, 억 원)와 자릿수를 확인하세요",
        "{part_label_en} {part} is larger than {total_label_en} {total}",
        "check the unit (won, not 억) and the digits",
    ),
    "parent-cycle": Code(
        "상위 분야 순환",
        "상위 분야를 따라가면 {value}(으)로 되돌아옵니다",
        "parent_id가 자기 자신이나 하위 분야를 가리키지 않게 하세요",
        "following parent_id leads back to {value}",
        "parent_id must not point to the pillar itself or one of its children",
    ),
    "plan-count": Code(
        "계획 수 오류",
        "plans.csv에 계획이 {count}행 있습니다. 한 패키지에는 계획이 꼭 하나 있어야 합니다",
        "계획 하나를 한 행에 쓰세요. 같은 도시의 다른 계획은 새 폴더(예: paju-2022)로 나누세요",
        "plans.csv has {count} plan rows; a package holds exactly one plan",
        "write the plan on one row; put another plan of the same city in a new folder (e.g. paju-2022)",
    ),
    "invalid-period": Code(
        "기간 순서 오류",
        "시작 연도 {start}이(가) 종료 연도 {end}보다 늦습니다",
        "period_start와 period_end가 바뀌지 않았는지 확인하세요",
        "the start year {start} is after the end year {end}",
        "check whether period_start and period_end are swapped",
    ),
}
