"""`planpress new-city`: a new package that validates at once, or a Korean refusal and nothing written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from planpress.check import check_data
from planpress.cli import main
from planpress.load import load_schema_set
from planpress.scaffold import admin_level, refuse_new_city, scaffold_files

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ("--plan", "수원형 뉴딜 종합계획", "--source", "수원시, 수원형 뉴딜 발표")
"""The plan's name and the source's title, as a contributor reads them off the article."""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the real data folder, so a new city is checked against the real cities."""
    folder = tmp_path / "datapackage"
    shutil.copytree(ROOT / "datapackage", folder)
    return folder


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def new_suwon(data: Path) -> int:
    """`planpress new-city suwon` as README's example gives it, into `data`; its exit status."""
    return main(
        [
            "new-city",
            "suwon",
            "--name",
            "수원시",
            "--province",
            "경기도",
            *TEXTS,
            "--data",
            str(data),
        ]
    )


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_new_city_beside_the_real_data_validates_at_once(data, capsys):
    assert new_suwon(data) == 0
    out = capsys.readouterr().out
    assert "datapackage/suwon/" in out and "make validate" in out and "풀 리퀘스트" in out
    checked = check_data(data)
    assert [(p.path, p.row, p.field, p.code) for p in checked.problems] == []
    assert len(checked.packages) == 6
    descriptor = json.loads((data / "suwon" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["city"] == {"name_ko": "수원시", "name_en": "Suwon"}
    assert descriptor["province"] == {"name_ko": "경기도", "name_en": "Gyeonggi-do"}
    assert descriptor["version"] == "0.1.0"
    assert descriptor["updated"] == dt.date.today().isoformat()
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert [c["role"] for c in descriptor["contributors"]] == ["maintainer"]


def test_new_city_writes_every_csv_with_its_schema_header_and_leaves_figures_empty(data):
    assert new_suwon(data) == 0
    schemas = load_schema_set()
    for resource, schema in schemas.tables.items():
        header = (data / "suwon" / f"{resource}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(f["name"] for f in schema["fields"])
    (plan,) = rows(data / "suwon" / "plans.csv")
    assert plan["plan_id"] == "suwon-plan" and plan["source_id"] == "suwon-source"
    assert [
        plan[c]
        for c in ("total_budget_krw", "national_budget_krw", "jobs_target", "programme_count")
    ] == ["", "", "", ""]
    (source,) = rows(data / "suwon" / "sources.csv")
    assert source["source_id"] == "suwon-source"
    assert rows(data / "suwon" / "programmes.csv") == []


def test_new_city_without_province_is_a_metropolitan_city_that_validates(tmp_path):
    assert main(["new-city", "ulsan", "--name", "울산광역시", *TEXTS, "--data", str(tmp_path)]) == 0
    descriptor = json.loads((tmp_path / "ulsan" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["province"] == {"name_ko": "울산광역시", "name_en": "Ulsan"}
    assert descriptor["admin_level"] == "metropolitan-city"
    assert check_data(tmp_path).problems == []


@pytest.mark.parametrize(
    ("slug", "name", "province", "says"),
    [
        ("paju", "파주2시", "경기도", "datapackage/paju 폴더가 이미 있습니다"),
        ("Suwon", "수원시", "경기도", '폴더 이름 "Suwon"은 쓸 수 없습니다'),
        ("suwon_", "수원시", "경기도", "영문 소문자·숫자와 가운데 하이픈만"),
        ("all", "수원시", "경기도", "사이트 전체 내려받기 폴더(all, schemas)"),
        (
            "paju-again",
            "파주시",
            "경기도",
            "경기도 파주시의 패키지가 이미 ",
        ),
        ("daegu2", "대구광역시", "", "대구광역시의 패키지가 이미 "),
        ("suwon", "수원시", "경기", '광역 이름(PROVINCE) "경기"를 모릅니다'),
        ("suwon", "수원시", "", "수원시는 광역시·특별시가 아닙니다. 속한 광역을 주세요"),
        ("suwon", "", "경기도", "도시 이름(NAME)이 비었거나"),
    ],
)
def test_new_city_refuses_with_a_korean_message_and_writes_nothing(
    data, capsys, slug, name, province, says
):
    before = tree(data)
    assert (
        main(
            ["new-city", slug, "--name", name, "--province", province, *TEXTS, "--data", str(data)]
        )
        == 1
    )
    out, err = capsys.readouterr()
    assert says in err
    assert err.endswith("planpress: 아무 파일도 만들지 않았습니다.\n")
    assert out == ""
    assert tree(data) == before


def test_new_city_without_a_name_is_refused_in_korean_not_by_argparse(data, capsys):
    before = tree(data)
    assert main(["new-city", "suwon", "--data", str(data)]) == 1
    assert "도시 이름(NAME)이 비었거나" in capsys.readouterr().err
    assert tree(data) == before


def test_new_city_refuses_a_missing_data_folder(tmp_path, capsys):
    assert (
        main(["new-city", "suwon", "--name", "수원시", *TEXTS, "--data", str(tmp_path / "nowhere")])
        == 1
    )
    assert "데이터 폴더가 없습니다" in capsys.readouterr().err


def test_a_city_already_held_names_the_folder_that_holds_it():
    from planpress.load import load_packages

    packages = load_packages(ROOT / "datapackage")
    assert refuse_new_city("paju2", "파주시", "경기도", packages, [], load_schema_set()) == [
        "경기도 파주시의 패키지가 이미 datapackage/paju에 있습니다. "
        "지방자치단체 하나에 패키지는 하나입니다: 그 폴더를 고치세요"
    ]
    assert refuse_new_city("daegu2", "대구광역시", None, packages, [], load_schema_set()) == [
        "대구광역시의 패키지가 이미 datapackage/daegu에 있습니다. "
        "지방자치단체 하나에 패키지는 하나입니다: 그 폴더를 고치세요"
    ]


def test_refuse_new_city_reports_every_reason_at_once():
    schemas = load_schema_set()
    assert len(refuse_new_city("Bad Slug", "", "경기", [], [], schemas)) == 3


@pytest.mark.parametrize(
    ("name", "province", "level"),
    [
        ("대구광역시", None, "metropolitan-city"),
        ("수원시", "경기도", "city"),
        ("해남군", "전라남도", "county"),
        ("중구", "서울특별시", "district"),
    ],
)
def test_admin_level_follows_the_name(name, province, level):
    assert admin_level(name, province) == level


def test_scaffold_names_are_nfc_and_the_descriptor_ends_in_a_newline():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "수원시")
    files = scaffold_files(
        "suwon",
        decomposed,
        "경기도",
        dt.date(2026, 12, 1),
        load_schema_set(),
        plan_ko="수원형 뉴딜",
        source_title="기사",
    )
    text = files["datapackage.json"].decode()
    assert '"name_ko": "수원시"' in text and text.endswith("}\n")
    assert '"updated": "2026-12-01"' in text


def test_make_new_city_passes_its_arguments(data):
    import subprocess

    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "new-city",
            "SLUG=suwon",
            "NAME=수원시",
            "PROVINCE=경기도",
            "PLAN=수원형 뉴딜 종합계획",
            """SOURCE=수원시 "스마트 뉴딜" 시동 '1천억' 투입""",
            f"DATA={data}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (plan,) = rows(data / "suwon" / "plans.csv")
    assert plan["title_ko"] == "수원형 뉴딜 종합계획"
    (source,) = rows(data / "suwon" / "sources.csv")
    assert source["title"] == """수원시 "스마트 뉴딜" 시동 '1천억' 투입"""  # quotes pass unchanged


def test_the_scaffold_holds_no_placeholder_and_says_what_the_arguments_gave(data):
    assert new_suwon(data) == 0
    for file in (data / "suwon").iterdir():
        assert "(채우세요)" not in file.read_text(encoding="utf-8"), file.name
    descriptor = json.loads((data / "suwon" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "수원시 수원형 뉴딜 종합계획"
    assert descriptor["sources"] == [{"title": "수원시, 수원형 뉴딜 발표"}]
    assert descriptor["contributors"] == [{"title": "planpress 편집팀", "role": "maintainer"}]
    (plan,) = rows(data / "suwon" / "plans.csv")
    assert plan["title_ko"] == "수원형 뉴딜 종합계획"


@pytest.mark.parametrize(
    ("texts", "says"),
    [
        (("--source", "기사"), "계획 이름(PLAN)이 비었거나"),
        (("--plan", "수원형 뉴딜"), "출처 제목(SOURCE)이 비었거나"),
        (("--plan", "=HYPERLINK()", "--source", "기사"), "수식으로 읽을 수 있습니다"),
        (("--plan", "(채우세요)", "--source", "기사"), "(채우세요) 대신 기사에 적힌 이름을 쓰세요"),
    ],
)
def test_new_city_without_the_plan_s_name_or_the_source_s_title_is_refused(
    data, capsys, texts, says
):
    """Only the article gives them: asked for, not left as a placeholder that would validate."""
    before = tree(data)
    assert main(["new-city", "suwon", "--name", "수원시", *texts, "--data", str(data)]) == 1
    assert says in capsys.readouterr().err
    assert tree(data) == before
