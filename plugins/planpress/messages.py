"""The message catalogue: every word a problem report says, in Korean and English.

Rules yield a code and structured values (`measure="budget"`, `total="147500000000"`);
this module alone turns them into sentences. A template field may carry a spec:
`{value:"}` quotes the value, `{value:은}` adds the particle chosen from the word it
follows (`44가`, `43과`), `{value:"은}` does both (`"2조"는`). Derived wording — labels
of measures, amounts shown the Korean way, type names and their hints — is computed by
the code's `prepare` function from the values, so a rule never holds a sentence.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Mapping
from typing import NamedTuple

from .amounts import format_krw
from .particles import particle

Params = dict[str, str]
Prepare = Callable[[Params, str], Params]

PLACEHOLDER = "(채우세요)"
"""What an older `make new-city` wrote where the contributor had to write a text; a package that
still holds it is not finished (`unfilled-placeholder`)."""

EXCERPT_LIMIT = 60
"""A value from the data is shown at most this long in a report."""


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """A value as a report may show it: control and direction characters made visible, cut short."""
    shown = "".join(f"\\u{ord(ch):04x}" if is_invisible(ch) else ch for ch in text[: limit * 2])
    return shown if len(shown) <= limit and len(text) <= limit * 2 else shown[: limit - 1] + "…"


def is_invisible(char: str) -> bool:
    """Control, format (bidi, zero-width) and separator characters other than a space."""
    return char != " " and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs")


class MessageFormatter(string.Formatter):
    """`str.format` with quotes and Korean particles as format specs; a missing value is ""."""

    def get_value(self, key: int | str, args: object, kwargs: Mapping[str, str]) -> str:
        return kwargs.get(str(key), "")

    def format_field(self, value: object, format_spec: str) -> str:
        text = str(value)
        quoted = format_spec.startswith('"')
        name = format_spec[1:] if quoted else format_spec
        if quoted and not text:
            text = shown = "빈 칸"  # an empty cell is named, not shown as ""
        else:
            shown = f'"{text}"' if quoted else text
        return shown + particle(text, name) if name else shown


FORMATTER = MessageFormatter()


class Code(NamedTuple):
    """One documented problem code: what it means and how to fix it, in two languages."""

    title_ko: str
    message_ko: str
    hint_ko: str
    message_en: str
    hint_en: str
    prepare: Prepare | None = None
    """Derives wording (labels, amounts, type names) from the rule's values, per language."""

    def render(self, part: str, lang: str, params: Mapping[str, str]) -> str:
        lang = "en" if lang == "en" else "ko"
        values = {name: excerpt(value) for name, value in params.items()}
        if self.prepare is not None:
            values.update(self.prepare(dict(params), lang))
        # A template that does not render is a bug: tests render every code in both languages.
        return FORMATTER.vformat(getattr(self, f"{part}_{lang}"), (), values)


# -- vocabulary: words the templates and prepare functions share ---------------------------

MEASURES = {
    # measure: (Korean word, English word, is money)
    "count": ("과제 수", "programme count", False),
    "budget": ("사업비", "budget", True),
    "jobs": ("일자리", "jobs", False),
    "national": ("국비", "national funding", True),
}
SHARES = {
    "national": ("국비", "national funding"),
    "provincial": ("광역 부담분", "the provincial share"),
    "municipal": ("시·군비", "the municipal share"),
    "private": ("민간 부담분", "the private share"),
    "shares-sum": ("재원별 금액의 합", "the funding shares"),
}


def amount(value: str, measure: str, lang: str) -> str:
    """A figure as a report shows it: money also the Korean way, counts with separators."""
    try:
        number = int(value)
    except ValueError:
        return excerpt(value)
    if MEASURES.get(measure, ("", "", False))[2]:
        exact = f"{number:,}원" if lang == "ko" else f"{number:,} won"
        return (
            f"{format_krw(number)}({exact})" if lang == "ko" else f"{exact} ({format_krw(number)})"
        )
    return f"{number:,}"


def measure_word(measure: str, lang: str) -> str:
    ko, en, _ = MEASURES.get(measure, (measure, measure, False))
    return en if lang == "en" else ko


PLURALS = {"programme count": "programme counts", "budget": "budgets"}


def parts_label(parts: str, measure: str, lang: str) -> str:
    word = measure_word(measure, lang)
    if lang == "en":
        word = PLURALS.get(word, word)
    labels = {
        "top-pillars": ("최상위 분야의 {w}", "top-level pillars' {w}"),
        "child-pillars": ("하위 분야의 {w}", "child pillars' {w}"),
        "known-child-pillars": ("밝혀진 하위 분야의 {w} 합", "the known child pillars' {w}"),
        "funding-shares": ("재원별 금액", "funding shares"),
        "listed-programmes": ("목록에 실린 과제의 {w} 합", "the listed programmes' {w}"),
        "listed-count": ("목록에 실린 과제 수", "the listed programmes"),
    }
    if parts in SHARES:
        return SHARES[parts][lang == "en"]
    ko, en = labels.get(parts, (parts, parts))
    return (en if lang == "en" else ko).format(w=word)


def total_label(total: str, measure: str, lang: str) -> str:
    if total == "programme-budget":
        return "the total budget" if lang == "en" else "총사업비"
    if total == "plan-budget":
        return "the total budget" if lang == "en" else "발표된 총사업비"
    word = measure_word(measure, lang)
    return f"the declared {word}" if lang == "en" else f"발표된 {word}"


def rows_text(rows: str, lang: str) -> str:
    """'pillars.csv:2,3,4' → 'pillars.csv 2·3·4행' / 'pillars.csv rows 2, 3, 4'."""
    path, _, numbers = rows.rpartition(":")
    listed = [n for n in numbers.split(",") if n]
    if not path or not listed:
        return rows
    if lang == "en":
        return f"{path} row{'s' if len(listed) > 1 else ''} {', '.join(listed)}"
    return f"{path} {'·'.join(listed)}행"


def prepare_approximate(params: Params, lang: str) -> Params:
    """A name that is no numeric column, or a numeric column left empty on the row."""
    value = excerpt(params.get("value", ""))
    empty = params.get("kind") == "empty"
    if lang == "en":
        message = (
            f'"{value}" is marked approximate but is empty on this row'
            if empty
            else f'"{value}" is not a numeric column of this table'
        )
    else:
        said = FORMATTER.format('{value:"은}', value=value)
        message = (
            f"{said} 어림수로 표시했지만 이 행에서 빈 칸입니다"
            if empty
            else f"{said} 이 표의 수치 열이 아닙니다"
        )
    return {"message": message, "known": ", ".join(params.get("choices", "").split(","))}


STATUS_WORDS = {"secured": "확보", "planned": "계획"}


def prepare_status(params: Params, lang: str) -> Params:
    """A funding status said of an empty amount: which status, which column to empty."""
    value = excerpt(params.get("value", ""))
    amount = params.get("amount_column", "")
    status_column = (
        "budget_status"
        if amount in ("budget_krw", "total_budget_krw")
        else "national_budget_status"
    )
    if lang == "en":
        return {"status": f'"{value}" is marked but', "status_column": status_column}
    word = STATUS_WORDS.get(value, value)
    return {
        "status": f"‘{word}’{particle(word, '으로')} 표시했는데",
        "status_column": status_column,
    }


def prepare_total(params: Params, lang: str) -> Params:
    measure = params.get("measure", "")
    money = MEASURES.get(measure, ("", "", False))[2]
    other = params.get("other", "")
    side = params.get("side", "")
    if not other:
        where = ""
    elif lang == "en":
        where = (
            f" (added rows: {rows_text(other, lang)})"
            if side == "total"
            else f" (declared in {rows_text(other, lang)})"
        )
    else:
        where = (
            f" (더한 행: {rows_text(other, lang)})"
            if side == "total"
            else f" (발표 합계: {rows_text(other, lang)})"
        )
    return {
        "parts_label": parts_label(params.get("parts", ""), measure, lang),
        "parts_sum": amount(params.get("parts_sum", ""), measure, lang),
        "total": amount(params.get("total", ""), measure, lang),
        "where": where,
        "unit_hint": unit_hint(money, lang),
    }


def prepare_exceeds(params: Params, lang: str) -> Params:
    measure = params.get("measure", "")
    money = MEASURES.get(measure, ("", "", False))[2]
    return {
        "part_label": parts_label(params.get("part_kind", ""), measure, lang),
        "part": amount(params.get("part", ""), measure, lang),
        "total_label": total_label(params.get("total_kind", ""), measure, lang),
        "total": amount(params.get("total", ""), measure, lang),
        "unit_hint": unit_hint(money, lang),
    }


def unit_hint(money: bool, lang: str) -> str:
    if money:
        return (
            "check the unit (won, not 억) and the digits"
            if lang == "en"
            else "단위(원, 억 원)와 자릿수를 확인하세요"
        )
    return (
        "check the digits against the source"
        if lang == "en"
        else "출처와 견주어 자릿수를 확인하세요"
    )


def suggestion_text(params: Params, lang: str) -> str:
    """'— did you mean "digital"?' and, when the choices are few, all of them."""
    nearest = params.get("nearest", "")
    choices = [c for c in params.get("choices", "").split(",") if c]
    text = ""
    if nearest:
        text = f' — did you mean "{nearest}"?' if lang == "en" else f' — 혹시 "{nearest}"?'
    if choices and len(choices) <= CHOICES_SHOWN:
        listed = ", ".join(choices)
        text += f" (valid: {listed})" if lang == "en" else f" (쓸 수 있는 값: {listed})"
    return text


CHOICES_SHOWN = 12
"""Valid ids are listed in the message when there are at most this many."""


REPEAT_WORDS = {
    # (lang, the first row is known): the primary-key message
    ("ko", True): 'ID {value:"이} {first_row}행의 ID와 겹칩니다',
    ("ko", False): 'ID {value:"이} 비었거나 다른 행과 겹칩니다',
    ("en", True): 'ID "{value}" repeats row {first_row}\'s',
    ("en", False): 'ID "{value}" is empty or repeats another row\'s',
}


def prepare_repeat(params: Params, lang: str) -> Params:
    """primary-key: which row the ID repeats, when the rule found it (`first_row`)."""
    values = {name: excerpt(value) for name, value in params.items()}
    template = REPEAT_WORDS[(lang, bool(params.get("first_row")))]
    return {"repeat": FORMATTER.vformat(template, (), values)}


def prepare_suggestion(params: Params, lang: str) -> Params:
    return {"suggestion": suggestion_text(params, lang)}


ROW_KINDS = {
    # referenced resource: (Korean word, English word) for "… is a pillar's name"
    "pillars": ("분야", "pillar"),
    "programmes": ("과제", "programme"),
    "plans": ("계획", "plan"),
    "sources": ("출처", "source"),
}


def prepare_reference(params: Params, lang: str) -> Params:
    """A foreign key's suggestion, and its hint: the id to write when the cell holds a name."""
    target, named, value = (
        params.get("target", ""),
        params.get("named", ""),
        params.get("value", ""),
    )
    en = lang == "en"
    if named and params.get("kind") == "spaces":
        hint = (
            f'remove the spaces around it: "{named}"'
            if en
            else f'ID 앞뒤의 공백을 지우고 "{named}"{particle(named, "를")} 쓰세요'
        )
    elif named and params.get("kind") == "case":
        hint = (
            f'IDs are lower case: write "{named}"'
            if en
            else f'ID는 영문 소문자로 씁니다: "{named}"{particle(named, "를")} 쓰세요'
        )
    elif named:
        ko, en_word = ROW_KINDS.get(params.get("kind", ""), ("행", "row"))
        shown = excerpt(value)
        hint = (
            f'"{shown}" is a {en_word}\'s name; write its ID "{named}"'
            if en
            else f'"{shown}"{particle(value, "은")} {ko} 이름입니다. ID "{named}"{particle(named, "를")} 쓰세요'
        )
    else:
        hint = (
            f"add that row to {target} or fix the spelling"
            if en
            else f"{target}에 그 ID의 행을 더하거나 철자를 맞추세요"
        )
    return {"suggestion": suggestion_text(params, lang), "reference_hint": hint}


TYPE_WORDS = {
    # type: (Korean word, English word, Korean hint, English hint)
    "integer": (
        "정수",
        "a whole number",
        "쉼표나 단위 없이 숫자만 쓰세요",
        "write digits only, no commas or units",
    ),
    "number": (
        "숫자",
        "a number",
        "쉼표나 단위 없이 숫자만 쓰세요",
        "write digits only, no commas or units",
    ),
    "date": (
        "날짜(YYYY-MM-DD)",
        "a date (YYYY-MM-DD)",
        "2021-03-16처럼 쓰세요. 모르면 비우세요",
        "write like 2021-03-16; leave empty if unknown",
    ),
    "year": ("연도", "a year", "2025처럼 네 자리로 쓰세요", "write four digits, like 2025"),
    "boolean": (
        "true/false",
        "true/false",
        "소문자 true 또는 false로 쓰세요(Excel이 TRUE/FALSE로 바꾸었을 수 있습니다)",
        "write lowercase true or false (Excel may have changed it to TRUE/FALSE)",
    ),
    # a string field only fails its type through its format (sources.csv's url)
    "uri": (
        "주소(URL)",
        "a URL",
        "https://로 시작하는 전체 주소를 쓰세요. 모르면 비우세요",
        "write the full address starting with https://; leave empty if unknown",
    ),
    "krw": (
        "원 단위 정수",
        "a whole number of won",
        "원 단위 정수로 쓰세요(1억 원 = 100000000)",
        "write a whole number of won (1억 = 100000000)",
    ),
}
EXPONENT_HINT = (
    "Excel이 큰 수를 지수 형식(예: 2.00E+10)으로 바꾸며 자릿수가 사라졌을 수 있습니다. "
    "출처의 정확한 값을 숫자만으로 다시 쓰고, 열 서식을 ‘텍스트’로 두세요",
    "Excel turned a large number into exponent form (like 2.00E+10) and may have dropped "
    "digits; write the exact value from the source in digits and format the column as text",
)


STRICT_HINTS = {
    # what frictionless would read but planpress publishes only in one plain form
    "integer": (
        "0-9 숫자만 쓰세요: 앞뒤 공백, +, _, 전각 숫자(１２３), 탭은 쓸 수 없습니다",
        "write ASCII digits 0-9 only: no spaces around, no +, no _, no full-width digits, no tab",
    ),
    "krw": (
        "원 단위 정수를 0-9 숫자만으로 쓰세요: 앞뒤 공백, +, _, 전각 숫자(１２３)는 쓸 수 없습니다",
        "write the whole number of won in ASCII digits 0-9 only: no spaces around, no +, no _, no full-width digits",
    ),
    "number": (
        "0-9 숫자와 소수점만 쓰세요(예: 15 또는 2.5): 앞뒤 공백, +, _, 지수, 전각 숫자는 쓸 수 없고, 정수 부분은 16자리까지, 유효 숫자는 15자리까지입니다(JSON에서 값이 바뀌지 않도록)",
        "write ASCII digits and a decimal point only (e.g. 15 or 2.5): no spaces, +, _, exponent or full-width digits; at most 16 digits before the point and 15 significant digits, so JSON keeps the value",
    ),
    "year": ("2025처럼 0-9 숫자 네 자리로 쓰세요", "write four ASCII digits, like 2025"),
    "date": (
        "2021-03-16처럼 쓰세요(0-9 숫자와 하이픈만)",
        "write like 2021-03-16 (ASCII digits and hyphens only)",
    ),
    "boolean": ("소문자 true 또는 false만 쓰세요", "write lowercase true or false only"),
}


def prepare_type(params: Params, lang: str) -> Params:
    kind = params.get("type", "")
    word_ko, word_en, hint_ko, hint_en = TYPE_WORDS.get(kind, (kind, kind, "", ""))
    en = lang == "en"
    hint = hint_en if en else hint_ko
    if params.get("unknown"):
        hint = (
            "leave the cell empty when the source does not give it (not -, 0 or a word); say why in notes"
            if en
            else "출처에 없는 값이면 칸을 비워 두세요(-, 0, ‘미정’ 같은 말을 쓰지 않습니다). 까닭은 notes에 적으세요"
        )
    elif params.get("exponent"):
        hint = EXPONENT_HINT[en]
    elif params.get("day"):
        day = params["day"]
        hint = f"write {day}" if en else f"{day}{particle(day, '으로')} 쓰세요"
    elif params.get("digits"):
        digits = params["digits"]
        hint = (
            f"write {digits}, digits only"
            if en
            else f"단위 없이 숫자만, {digits}{particle(digits, '을')} 쓰세요"
        )
    elif params.get("grammar") == "strict":
        hint = STRICT_HINTS.get(kind, STRICT_HINTS["integer"])[en]
    elif params.get("won"):
        won = params["won"]
        hint = (
            f"write {won}, a whole number of won"
            if en
            else f"원 단위 정수로 {won}{particle(won, '을')} 쓰세요"
        )
    return {"type": word_en if en else word_ko, "type_hint": hint}


CONSTRAINT_WORDS = {
    "required": (
        "값이 꼭 있어야 함",
        "이 칸은 비울 수 없습니다",
        "a value is required",
        "this cell cannot be empty",
    ),
    "pattern": (
        "정해진 모양({limit})",
        "ID는 영문 소문자, 숫자, 하이픈(-)만 씁니다. 예: smart-traffic",
        "must match {limit}",
        "IDs use lowercase letters, digits and hyphens, e.g. smart-traffic",
    ),
    "uri": (
        "http:// 또는 https://로 시작하는 주소",
        "https://로 시작하는 전체 주소를 쓰세요. 모르면 비우세요",
        "an address starting with http:// or https://",
        "write a full address starting with https://, or leave it empty",
    ),
    "minimum": (
        "{limit} 이상",
        "음수는 쓸 수 없습니다. 모르는 값은 비우세요",
        "at least {limit}",
        "no negative numbers; leave unknown values empty",
    ),
    "maximum": (
        "{limit} 이하",
        "출처의 수치를 다시 보세요. 이만큼 큰 값은 자릿수나 단위(원, 억 원)를 잘못 쓴 것일 때가 많습니다",
        "at most {limit}",
        "recheck the figure in the source: a value this large usually means extra digits or the wrong unit",
    ),
    "enum": (
        "허용된 값 {limit} 가운데 하나",
        "허용된 값 가운데 하나를 그대로 쓰세요",
        "one of {limit}",
        "write one of the allowed values exactly",
    ),
}


ENUM_WORDS = {
    # a Korean word written where a code is allowed → that code (targets.csv's unit)
    "명": "persons",
    "개": "jobs",
    "일자리": "jobs",
    "톤": "t",
    "퍼센트": "%",
    "프로": "%",
}


def prepare_constraint(params: Params, lang: str) -> Params:
    name = params.get("constraint", "")
    words = CONSTRAINT_WORDS.get(name)
    en = lang == "en"
    code = ENUM_WORDS.get(params.get("value", "").strip())
    if name == "enum" and code and code in params.get("limit", "").split(", "):
        label_ko, _, label_en, _ = CONSTRAINT_WORDS["enum"]
        value = params.get("value", "").strip()
        return {
            "constraint": (label_en if en else label_ko).format(limit=params.get("limit", "")),
            "constraint_hint": (
                f'write the code "{code}" for "{value}"'
                if en
                else f'"{value}"{particle(value, "은")} 코드 "{code}"{particle(code, "로")} 쓰세요'
            ),
        }
    if words is None:
        return {
            "constraint": name or "?",
            "constraint_hint": "see the schema" if en else "스키마 설명을 보세요",
        }
    label_ko, hint_ko, label_en, hint_en = words
    limit = params.get("limit", "")
    return {
        "constraint": (label_en if en else label_ko).format(limit=limit),
        "constraint_hint": hint_en if en else hint_ko,
    }


def prepare_descriptor(params: Params, lang: str) -> Params:
    """The profile rule that failed, in words: `kind` is the JSON Schema keyword."""
    kind = params.get("kind", "")
    value = params.get("expected", "")
    en = lang == "en"
    details = {
        "required": (f'"{value}" 항목이 없습니다', f'"{value}" is missing'),
        "enum": (f"허용된 값이 아닙니다(허용: {value})", f"not an allowed value ({value})"),
        "type": (f"{value} 형식이어야 합니다", f"must be of type {value}"),
        "pattern": (f"모양이 맞지 않습니다({value})", f"does not match {value}"),
        "licence": (
            "데이터 라이선스 CC-BY-4.0이 없습니다",
            "the data licence CC-BY-4.0 is missing",
        ),
        "maintainer": (
            'role이 "maintainer"인 관리자가 없습니다',
            'no contributor has role "maintainer"',
        ),
        "min-items": (f"항목이 {value}개 이상 있어야 합니다", f"needs at least {value} entries"),
        "empty": ("비어 있으면 안 됩니다", "must not be empty"),
        "extra": ("정해지지 않은 항목이 있습니다", "has properties that are not allowed"),
        "too-deep": ("너무 깊게 중첩됨", "nested too deep"),
        "date": (
            f"{value}{particle(value, '은')} 달력에 없는 날짜입니다",
            f"{value} is not a day of the calendar",
        ),
    }
    ko, english = details.get(kind, (f"{kind} 규칙에 맞지 않습니다", f"breaks the {kind} rule"))
    return {"detail": english if en else ko}


def prepare_history(params: Params, lang: str) -> Params:
    """Which order of the history is broken: `kind` says which comparison failed."""
    kind = params.get("kind", "")
    value, expected = params.get("value", ""), params.get("expected", "")
    details = {
        "version": (
            f"판 {value}{particle(value, '이')} 위 항목의 {expected}보다 낮지 않습니다",
            f"version {value} is not lower than {expected} above it",
        ),
        "date": (
            f"날짜 {value}{particle(value, '이')} 위 항목의 {expected}보다 늦습니다",
            f"date {value} is later than {expected} above it",
        ),
        "newest-version": (
            f"맨 앞 항목의 판 {value}{particle(value, '이')} 패키지 version {expected}{particle(expected, '와')} 다릅니다",
            f"the first entry's version {value} is not the package's version {expected}",
        ),
        "missing-entry": (
            f"새 판 {value}({expected})의 항목이 history 맨 앞에 없습니다. "
            f'맨 앞에 이 항목을 더하세요: {{"version": "{value}", "date": "{expected}", "changes_ko": "바꾼 점"}}',
            f"history has no entry for the new version {value} ({expected}) first; "
            f'add {{"version": "{value}", "date": "{expected}", "changes_ko": "…"}} at its start',
        ),
        "newest-date": (
            f"맨 앞 항목의 날짜 {value}{particle(value, '이')} 패키지 updated {expected}{particle(expected, '와')} 다릅니다",
            f"the first entry's date {value} is not the package's updated {expected}",
        ),
    }
    ko, english = details.get(kind, (f"{kind} 순서가 맞지 않습니다", f"{kind} is out of order"))
    return {"detail": english if lang == "en" else ko}


JSON_ERRORS = {
    # Python's json messages, in Korean (the English report keeps Python's words)
    "Expecting value": "값이 와야 합니다",
    "Expecting property name enclosed in double quotes": "큰따옴표로 감싼 항목 이름이 와야 합니다",
    "Expecting ',' delimiter": "쉼표(,)가 와야 합니다",
    "Expecting ':' delimiter": "쌍점(:)이 와야 합니다",
    "Extra data": "JSON이 끝난 뒤에 다른 내용이 있습니다",
    "Unterminated string starting at": "문자열의 큰따옴표가 닫히지 않았습니다",
    "Invalid control character at": "문자열 안에 제어 문자가 있습니다",
    "Invalid \\escape": "잘못된 역슬래시(\\) 이스케이프가 있습니다",
}


def prepare_json(params: Params, lang: str) -> Params:
    kind = params.get("kind", "")
    en = lang == "en"
    if kind == "duplicate-key":
        key = excerpt(params.get("value", ""))
        return {"detail": f'"{key}" appears twice' if en else f'"{key}" 항목이 두 번 있습니다'}
    if kind == "too-deep":
        limit = params.get("limit", "")
        if limit:
            return {
                "detail": f"nested deeper than {limit} levels"
                if en
                else f"{limit}단계보다 깊게 중첩됨"
            }
        return {"detail": "nested too deep" if en else "너무 깊게 중첩됨"}
    if kind == "not-a-number":
        value = excerpt(params.get("value", ""))
        return {
            "detail": f"{value} is not a JSON number; write a plain number or leave it out"
            if en
            else f"{value}{particle(value, '은')} JSON 숫자가 아닙니다. 보통의 숫자로 쓰거나 빼세요"
        }
    if kind == "number-too-long":
        return {"detail": "a number is too long" if en else "숫자가 너무 깁니다"}
    line, column = params.get("line", "?"), params.get("column", "?")
    where = f"line {line} column {column}" if en else f"{line}행 {column}열"
    error = params.get("error", "")
    said = error if en else JSON_ERRORS.get(error, error)
    return {"detail": f"{excerpt(said)} ({where})"}


def prepare_utf8(params: Params, lang: str) -> Params:
    if params.get("legacy") != "cp949":
        return {"guess": ""}
    return {
        "guess": " (it looks saved as CP949/EUC-KR)"
        if lang == "en"
        else " (CP949/EUC-KR로 저장된 것으로 보입니다)"
    }


def schema_drift_detail(params: Params, lang: str) -> str:
    value, expected = excerpt(params.get("value", "")), params.get("expected", "")
    kind, en = params.get("kind", ""), lang == "en"
    if kind == "name":
        if en:
            return f'the schema file is named "{value}"; it must be "{expected}"'
        return f'스키마 파일 이름이 "{value}"입니다. "{expected}"여야 합니다'
    if kind == "unreadable":
        return (
            f"{value} cannot be read as JSON"
            if en
            else f"{value}{particle(value, '을')} JSON으로 읽을 수 없습니다"
        )
    columns = params.get("columns", "")
    if en:
        tail = f" (columns that differ: {columns})" if columns else ""
        return f"{value} is not the same as the shared schema{tail}"
    tail = f"(다른 열: {columns})" if columns else ""
    return f"{value}{particle(value, '이')} 공통 스키마와 다릅니다{tail}"


def prepare_place(params: Params, lang: str) -> Params:
    city, province = excerpt(params.get("city", "")), excerpt(params.get("province", ""))
    if not province or province == city:
        return {"place": city}
    return {"place": f"{city} ({province})" if lang == "en" else f"{city}({province})"}


def prepare_source(params: Params, lang: str) -> Params:
    return {"detail": excerpt(params.get("detail", ""))}


# The one list of problem codes. The contributing guide documents each of them and the
# test suite triggers each with a fixture; both are checked by tests/test_problems.py.
CODES: dict[str, Code] = {
    # -- the data folder ------------------------------------------------------------
    "no-packages": Code(
        "데이터 패키지 없음",
        '데이터 폴더 {value:"}에 도시 패키지가 하나도 없습니다. 실을 것이 없어 사이트를 만들지 않습니다',
        "도시마다 하위 폴더(예: datapackage/paju/)에 datapackage.json과 CSV를 두세요. 폴더 경로가 맞는지도 확인하세요",
        'the data folder "{value}" holds no city package: there is nothing to publish',
        "put each city in a sub-folder (e.g. datapackage/paju/) with its datapackage.json and CSVs; check the folder path",
    ),
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
        "cannot be read as JSON: {detail}",
        "check commas, quotes and brackets (paste it into a JSON checker to see where)",
        prepare_json,
    ),
    "descriptor-error": Code(
        "datapackage.json 형식 오류",
        "datapackage.json이 planpress 형식에 맞지 않습니다: {detail}",
        "plugins/planpress/schemas/datapackage.profile.json의 설명을 보고 고치세요",
        "datapackage.json does not follow the planpress profile: {detail}",
        "see plugins/planpress/schemas/datapackage.profile.json",
        prepare_descriptor,
    ),
    "history-order": Code(
        "변경 내력 순서 오류",
        "{detail}",
        "history에는 최신 판을 맨 앞에 쓰고, 아래 항목일수록 version은 낮게, date는 같거나 이른 날로 쓰세요. 맨 앞 항목은 패키지의 version·updated와 같아야 합니다",
        "{detail}",
        "list history newest first, each entry an older version on the same day or earlier; the first entry is the package's version and updated",
        prepare_history,
    ),
    "name-mismatch": Code(
        "패키지 이름과 폴더 이름이 다름",
        'name이 {name:"}인데 폴더 이름은 {folder:"}입니다',
        'datapackage.json의 name을 {folder:"으로} 바꾸거나 폴더 이름을 맞추세요',
        'name is "{name}" but the folder is "{folder}"',
        'set name to "{folder}" in datapackage.json, or rename the folder',
    ),
    "reserved-name": Code(
        "쓸 수 없는 폴더 이름",
        '{value:"은} 사이트 전체용 내려받기 폴더 이름이라 도시 폴더 이름으로 쓸 수 없습니다',
        "도시 영문 이름으로 폴더와 name을 바꾸세요(예: suwon)",
        '"{value}" names a site-wide downloads folder and cannot be a city folder',
        "rename the folder and its name to the city's English name (e.g. suwon)",
    ),
    "duplicate-name": Code(
        "이름 중복",
        '{value:"은} {other}에서 이미 쓰고 있습니다',
        "도시 폴더마다 서로 다른 이름과 계획 ID를 쓰세요",
        '"{value}" is already used in {other}',
        "every package needs its own name and its own plan IDs",
    ),
    "duplicate-city": Code(
        "같은 지방자치단체의 패키지가 둘",
        "{place}의 패키지가 {folder} 폴더와 {other} 폴더에 둘 있습니다. 지방자치단체 하나에 패키지는 하나입니다",
        "한 폴더만 남기세요. 서로 다른 곳이라면 도시 이름(city.name_ko)과 광역 이름(province.name_ko)이 맞는지 확인하세요",
        '"{place}" has two packages, the folders {folder} and {other}; one local government has one package',
        "keep one folder; if they are different places, check city.name_ko and province.name_ko",
        prepare_place,
    ),
    "unsafe-path": Code(
        "허용되지 않는 파일 경로",
        '{value:"은} 패키지 폴더 안의 CSV 파일 이름이 아닙니다',
        'URL, 절대 경로, 하위 폴더, ".."를 쓰지 말고 "programmes.csv"처럼 파일 이름만 쓰세요',
        '"{value}" is not the name of a CSV file inside the package folder',
        'no URLs, absolute paths, subfolders or "..": write only a file name like "programmes.csv"',
    ),
    "symlink": Code(
        "심볼릭 링크",
        '{value:"은} 심볼릭 링크입니다. planpress는 링크를 따라가지 않습니다(데이터 폴더 밖의 파일이 실릴 수 있기 때문입니다)',
        "링크 대신 진짜 파일이나 폴더를 두세요(예: cp -L로 복사)",
        '"{value}" is a symbolic link; planpress never follows one (it could publish files from outside the data folder)',
        "put the real file or folder there instead (e.g. copy it with cp -L)",
    ),
    "schema-drift": Code(
        "스키마 사본이 공통 스키마와 다름",
        "{detail}",
        "`make schemas`를 실행하면 공통 스키마(plugins/planpress/schemas/)가 모든 패키지에 다시 복사됩니다. 열을 바꾸려면 공통 스키마를 고치자고 제안하세요",
        "{detail}",
        "run `make schemas` to copy the shared schemas (plugins/planpress/schemas/) into every package again; to change a column, propose a change to the shared schema",
        lambda params, lang: {"detail": schema_drift_detail(params, lang)},
    ),
    "missing-resource": Code(
        "필수 자원 없음",
        '{name:"} 자원이 resources에 없습니다',
        '{{"name": "{name}", "path": "{name}.csv"}} 항목을 resources에 더하세요',
        'resources has no "{name}" resource',
        'add {{"name": "{name}", "path": "{name}.csv"}} to resources',
    ),
    "missing-file": Code(
        "파일 없음",
        "resources가 가리키는 파일 {value:을} 찾을 수 없습니다",
        "파일 이름의 철자와 대소문자를 확인하세요",
        "the file {value} named in resources does not exist",
        "check the spelling and case of the file name",
    ),
    # -- bytes and text -------------------------------------------------------------
    "not-utf8": Code(
        "UTF-8이 아님",
        "파일이 UTF-8이 아닙니다{guess}",
        "Excel이라면 '다른 이름으로 저장 → CSV UTF-8(쉼표로 분리)'로, 메모장이라면 인코딩을 UTF-8로 골라 다시 저장하세요",
        "the file is not UTF-8{guess}",
        "re-save as UTF-8: in Excel 'Save As → CSV UTF-8 (Comma delimited)'",
        prepare_utf8,
    ),
    "not-nfc": Code(
        "한글이 NFC가 아님",
        '{value:"}의 한글이 자모로 풀려 있습니다(NFD)',
        "macOS에서 복사한 글자일 수 있습니다. 글자를 다시 입력하거나 NFC로 정규화해 저장하세요",
        'the Hangul in "{value}" is decomposed (NFD)',
        "text copied on macOS can be decomposed; retype it or normalise the file to NFC",
    ),
    "invisible-character": Code(
        "보이지 않는 문자",
        '{position}번째 글자가 보이지 않는 제어 문자 {char}입니다: {value:"}',
        "그 글자를 지우세요. 다른 문서에서 복사할 때 딸려 오곤 합니다(탭은 공백으로). 줄바꿈 말고는 제어 문자, 글자 방향을 바꾸는 문자, 폭 없는 공백을 쓸 수 없습니다",
        'character {position} is the invisible control character {char}: "{value}"',
        "delete it; such characters come along when text is copied from other documents (write a space for a tab). Apart from a line break, no control, text-direction or zero-width character is allowed",
    ),
    "formula-injection": Code(
        "수식으로 시작하는 셀",
        '{value:"은} {char:으로} 시작해 스프레드시트가 수식으로 실행할 수 있습니다',
        "첫 글자를 바꾸어 쓰세요(예: '-'로 시작하는 목록은 '·'로). 수치는 숫자만 쓰세요",
        '"{value}" starts with {char}, which a spreadsheet may run as a formula',
        "reword so the cell does not start with = + - @",
    ),
    "cell-too-large": Code(
        "너무 큰 칸",
        "이 행에 {limit}자보다 긴 칸이 있어 파일을 더 읽지 않았습니다",
        "칸 하나에는 요약이나 비고만 씁니다. 긴 글은 출처 문서로 두고 sources.csv에 주소를 적으세요. 따옴표가 닫히지 않아 뒤의 내용이 한 칸으로 합쳐졌을 수도 있습니다",
        "a cell in this row is longer than {limit} characters, so the file was not read further",
        "a cell holds a summary or a note; keep long text in the source document and cite it in sources.csv. An unclosed quote can also merge the rest of the file into one cell",
        lambda params, lang: {"limit": amount(params.get("limit", ""), "count", lang)},
    ),
    "malformed-csv": Code(
        "CSV 문법 오류",
        "이 행에서 CSV를 더 읽을 수 없습니다: 따옴표가 닫히지 않았거나, 닫는 따옴표 뒤에 글자가 있습니다",
        '큰따옴표로 감싼 값은 큰따옴표로 닫고 바로 쉼표나 줄바꿈이 오게 하세요. 값 안의 큰따옴표는 두 번("") 씁니다',
        "the CSV cannot be read past this row: a quote is not closed, or text follows a closing quote",
        'close a quoted value with a quote followed by a comma or a line break; write a quote inside a value twice ("")',
    ),
    "unfilled-placeholder": Code(
        "채우지 않은 칸",
        '{value:"}에 채울 자리 표시 "(채우세요)"가 남아 있습니다',
        '{column} 칸의 "(채우세요)"를 지우고 출처(기사·문서)에 적힌 그대로 쓰세요. 출처에 없고 비워도 되는 칸이면 비우세요',
        '"{value}" still holds the placeholder "(채우세요)" (fill in)',
        'replace "(채우세요)" in {column} with the text as the source gives it; leave the cell empty if the source does not say and it may be empty',
    ),
    "too-many-problems": Code(
        "문제가 너무 많음",
        "이 파일에서 문제가 {count}건을 넘어 더 세지 않았습니다. 위의 수는 실제보다 적습니다",
        "머리행과 구분자(쉼표)부터 확인하세요. 파일 전체가 어긋났을 때 흔히 생깁니다",
        "this file has more than {count} problems; counting stopped there, so the totals above are lower than the real ones",
        "check the header and the delimiter (comma) first: this usually means the whole file is off",
    ),
    # -- frictionless's table checks, reused where the meaning is the same ------------
    "type-error": Code(
        "형식 오류",
        '{value:"은} {type} 형식이 아닙니다',
        "{type_hint}",
        '"{value}" is not {type}',
        "{type_hint}",
        prepare_type,
    ),
    "constraint-error": Code(
        "제약 위반",
        '{value:"이} 열의 제약을 어깁니다: {constraint}',
        "{constraint_hint}",
        '"{value}" breaks the column constraint: {constraint}',
        "{constraint_hint}",
        prepare_constraint,
    ),
    "unique-error": Code(
        "중복 값",
        '{value:"이} 이 열에서 이미 나왔습니다',
        "이 열의 값은 행마다 달라야 합니다",
        '"{value}" already appears in this column',
        "values in this column must differ from row to row",
    ),
    "primary-key": Code(
        "ID 중복 또는 빈 ID",
        "{repeat}",
        "행마다 서로 다른 ID를 쓰세요",
        "{repeat}",
        "give every row its own ID",
        prepare_repeat,
    ),
    "foreign-key": Code(
        "가리키는 행 없음",
        '{value:"}에 해당하는 행이 {target}에 없습니다{suggestion}',
        "{reference_hint}",
        'no row "{value}" in {target}{suggestion}',
        "{reference_hint}",
        prepare_reference,
    ),
    "missing-cell": Code(
        "칸 부족",
        "이 행에 칸이 모자랍니다(머리행 {expected}칸, 이 행 {found}칸; 이 열부터 없음)",
        "쉼표 수가 머리행과 같은지 확인하세요. 빈 값도 쉼표로 자리를 남깁니다",
        "this row has too few cells ({found} of the header's {expected}; missing from this column)",
        "each row needs as many commas as the header; an empty value still needs its comma",
    ),
    "extra-cell": Code(
        "칸 초과",
        "이 행에 머리행보다 칸이 많습니다(머리행 {expected}칸, 이 행 {found}칸)",
        "쉼표가 든 값은 큰따옴표로 감싸세요",
        "this row has more cells than the header ({found}, the header {expected})",
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
        '머리행에 {value:"} 열이 두 번 있습니다',
        "같은 이름의 열을 하나만 남기세요",
        'the header has "{value}" twice',
        "keep one column of that name",
    ),
    "extra-label": Code(
        "스키마에 없는 열",
        '{value:"} 열은 스키마에 없습니다',
        "열을 지우거나, 새 열이 필요하면 스키마를 바꾸자고 제안하세요",
        'the column "{value}" is not in the schema',
        "remove the column, or propose a schema change",
    ),
    "missing-label": Code(
        "빠진 열",
        '{value:"} 열이 머리행에 없습니다',
        "스키마의 열을 모두 같은 순서로 두세요. 값을 모르면 열은 두고 칸을 비우세요",
        'the header lacks the column "{value}"',
        "keep every schema column in order; leave cells empty when unknown",
    ),
    "incorrect-label": Code(
        "열 이름이 다름",
        '{value:"} 자리에는 {expected:"} 열이 와야 합니다',
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
        prepare_source,
    ),
    "table-error": Code(
        "표 오류",
        "표 검사에서 문제가 나왔습니다({detail})",
        "이 행의 값을 스키마 설명과 견주어 보세요",
        "the table check found a problem ({detail})",
        "compare this row's values with the schema",
        prepare_source,
    ),
    # -- project rules --------------------------------------------------------------
    "unknown-theme": Code(
        "알 수 없는 주제 코드",
        '{value:"은} 주제 어휘에 없습니다{suggestion}',
        "plugins/planpress/schemas/themes.csv의 theme_id 가운데서 고르세요: {known}",
        '"{value}" is not in the theme vocabulary{suggestion}',
        "choose a theme_id from plugins/planpress/schemas/themes.csv: {known}",
        lambda params, lang: {
            "suggestion": suggestion_text({"nearest": params.get("nearest", "")}, lang),
            "known": ", ".join(params.get("choices", "").split(",")),
        },
    ),
    "total-mismatch": Code(
        "합계 불일치",
        "{parts_label}의 합 {parts_sum:이} 발표된 합계 {total:과} 다릅니다{where}",
        "출처를 다시 보고 어느 수치가 맞는지 확인하세요. 출처 자체가 어긋나면 값을 비우고 notes에 적으세요",
        "{parts_label} add up to {parts_sum}, not the declared total {total}{where}",
        "recheck the source; if the source itself disagrees, leave one empty and explain in notes",
        prepare_total,
    ),
    "part-exceeds-total": Code(
        "부분이 전체보다 큼",
        "{part_label} {part:이} {total_label} {total}보다 큽니다",
        "{unit_hint}",
        "{part_label} {part} is larger than {total_label} {total}",
        "{unit_hint}",
        prepare_exceeds,
    ),
    "parent-cycle": Code(
        "상위 분야 순환",
        "상위 분야를 따라가면 {value:으로} 되돌아옵니다",
        "parent_id가 자기 자신이나 하위 분야를 가리키지 않게 하세요",
        "following parent_id leads back to {value}",
        "parent_id must not point to the pillar itself or one of its children",
    ),
    "plan-count": Code(
        "계획 수 오류",
        "plans.csv에 계획이 {count}행 있습니다. 한 패키지에는 계획이 꼭 하나 있어야 합니다",
        "계획 하나를 한 행에 쓰세요. 지방자치단체 하나에 패키지 하나, 계획 하나입니다(한 도시의 여러 계획은 아직 싣지 않습니다)",
        "plans.csv has {count} plan rows; a package holds exactly one plan",
        "write the plan on one row: one local government, one package, one plan (several plans of a city are not supported yet)",
    ),
    "unknown-approximate": Code(
        "어림수 표시 오류",
        "{message}",
        "approximate에는 출처가 어림수로 밝힌 수치 열의 이름만, 그 칸을 채운 뒤 쓰세요: {known}",
        "{message}",
        "list in approximate only numeric columns whose stated value the source gives as approximate, each filled: {known}",
        prepare_approximate,
    ),
    "programme-cycle": Code(
        "상위 과제 순환",
        "상위 과제를 따라가면 {value:으로} 되돌아옵니다",
        "parent_programme_id가 자기 자신이나 자기 세부 사업을 가리키지 않게 하세요",
        "following parent_programme_id leads back to {value}",
        "parent_programme_id must not point to the programme itself or one of its sub-items",
    ),
    "invalid-period": Code(
        "기간 순서 오류",
        "시작 연도 {start:이} 종료 연도 {end}보다 늦습니다",
        "{start_column}와 {end_column}가 바뀌지 않았는지 확인하세요",
        "the start year {start} is after the end year {end}",
        "check whether {start_column} and {end_column} are swapped",
        lambda params, lang: {
            "start_column": params.get("start_column") or "period_start",
            "end_column": params.get("end_column") or "period_end",
        },
    ),
    "status-without-amount": Code(
        "금액 없는 재원 상태",
        "{status} {amount_column} 칸이 비어 있습니다",
        "{amount_column}에 출처가 밝힌 금액을 적거나, 금액이 없으면 {status_column:을} 비우세요",
        "{status} {amount_column} is empty",
        "write the amount the source states in {amount_column}, or leave {status_column} empty",
        prepare_status,
    ),
    "target-owner": Code(
        "목표의 주인이 둘",
        '목표가 분야 {pillar:"와} 과제 {programme:"를} 함께 가리킵니다',
        "목표의 주인은 하나입니다: 과제의 목표면 pillar_id를, 분야의 목표면 programme_id를 비우세요",
        'the target points to both pillar "{pillar}" and programme "{programme}"',
        "a target has one owner: leave pillar_id empty for a programme's target, programme_id for a pillar's",
    ),
    "qualitative-target": Code(
        "목표값과 단위 불일치",
        "{message}",
        "수치 목표면 value와 unit을 모두 적고, 수치 없는 정성 목표면 둘 다 비우세요",
        "{message}",
        "a numeric target has both value and unit; a qualitative target has neither",
        lambda params, lang: {
            "message": (
                f'"{params.get("value", "")}" has no {params.get("missing", "")}'
                if lang == "en"
                else (
                    f"목표값 {params.get('value', '')}에 단위(unit)가 없습니다"
                    if params.get("missing") == "unit"
                    else f"단위 {params.get('value', '')}만 있고 목표값(value)이 없습니다"
                )
            )
        },
    ),
}
