"""The build cache: a build that answers from it is byte for byte a cold build."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic import write_national

from planpress.buildcache import BuildCache, hash_settings
from planpress.downloads import Download

pytestmark = pytest.mark.slow  # four whole builds

ROOT = Path(__file__).resolve().parents[1]


def build(data: Path, output: Path, cache: str, settings: Path = ROOT / "pelicanconf.py") -> None:
    command = [sys.executable, "-m", "planpress", "build", "--data", str(data)]
    command += ["--output", str(output), "--settings", str(settings), "--cache", cache]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def site_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def entries(cache: Path) -> set[str]:
    return {p.name for p in (cache / "build").iterdir()}


def theme_blocks(output: Path, slug: str | None = None) -> int:
    """How many cities' blocks (or the one city's) the theme pages hold: one cache entry each."""
    found = 0
    for page in (output / "themes").glob("*.html"):
        html = page.read_text("utf-8")
        slugs = {s for s in re.findall(r'href="\.\./city/([^"/]+)\.html#programme-', html)}
        found += len(slugs) if slug is None else slug in slugs
    return found


def edit_description(package: Path, text: str) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    descriptor["description"] = text
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")


def test_a_build_after_editing_one_city_remakes_only_it_and_is_a_cold_build_byte_for_byte(
    tmp_path,
):
    data = tmp_path / "data"
    write_national(data, cities=4, programmes=15, seed=3)
    cache = tmp_path / "cache"
    build(data, tmp_path / "first", str(cache))
    before = entries(cache)
    # a page, the downloads and the all-cities parts of each city; the all-cities workbook, zip;
    # each city's block on each theme page
    assert theme_blocks(tmp_path / "first") > 4
    assert len(before) == 3 * 4 + 2 + theme_blocks(tmp_path / "first")

    edited = sorted(p for p in data.iterdir() if p.is_dir())[1]
    edit_description(edited, "고친 설명: 캐시가 이 도시만 다시 만듭니다")
    build(data, tmp_path / "incremental", str(cache))
    made_again = entries(cache) - before
    # only the edited city's page, downloads, parts and theme blocks: its description is in no
    # all-cities table, so the all-cities workbook and zip are answered from the cache
    assert len(made_again) == 3 + theme_blocks(tmp_path / "first", edited.name)

    build(data, tmp_path / "cold", "")
    incremental, cold = site_files(tmp_path / "incremental"), site_files(tmp_path / "cold")
    assert sorted(incremental) == sorted(cold)
    assert [name for name in cold if incremental[name] != cold[name]] == []
    page = incremental[f"city/{edited.name}.html"].decode()
    assert "고친 설명: 캐시가 이 도시만 다시 만듭니다" in page


def test_a_build_after_editing_one_row_joins_the_all_cities_files_from_parts_like_a_cold_one(
    tmp_path,
):
    data = tmp_path / "data"
    write_national(data, cities=3, programmes=12, seed=5)
    cache = tmp_path / "cache"
    build(data, tmp_path / "first", str(cache))
    before = entries(cache)

    edited = sorted(p for p in data.iterdir() if p.is_dir())[-1]
    programmes = edited / "programmes.csv"
    rows = list(csv.reader(io.StringIO(programmes.read_text("utf-8"), newline="")))
    themed = next(row for row in rows[1:] if row[rows[0].index("themes")])  # on a theme page
    themed[rows[0].index("name_ko")] = '고친 과제 이름, 쉼표와 "따옴표"'
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    programmes.write_text(out.getvalue(), "utf-8")
    build(data, tmp_path / "incremental", str(cache))
    # the edited city's page, downloads, parts and theme blocks; the all-cities workbook, zip
    made_again = len(entries(cache) - before)
    assert made_again == 5 + theme_blocks(tmp_path / "first", edited.name)

    build(data, tmp_path / "cold", "")
    incremental, cold = site_files(tmp_path / "incremental"), site_files(tmp_path / "cold")
    assert sorted(incremental) == sorted(cold)
    assert [name for name in cold if incremental[name] != cold[name]] == []
    for name in ("programmes.csv", "programmes.json", "programmes.excel.csv"):
        assert "고친 과제 이름" in incremental[f"data/all/{name}"].decode("utf-8-sig")
    assert "고친 과제 이름" in incremental["data/all/programmes-flat.csv"].decode()
    themes = [
        p
        for p in incremental
        if p.startswith("themes/") and "고친 과제 이름" in incremental[p].decode()
    ]
    assert themes and themes == [
        p for p in cold if p.startswith("themes/") and "고친 과제 이름" in cold[p].decode()
    ]


def test_a_changed_template_is_never_answered_from_the_cache(tmp_path):
    data = tmp_path / "data"
    write_national(data, cities=2, programmes=5, seed=4)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text("utf-8") + f"\nTHEME = {str(theme)!r}\n", "utf-8"
    )
    cache = tmp_path / "cache"
    build(data, tmp_path / "first", str(cache), settings)
    city_template = theme / "templates" / "city.html"
    city_template.write_text(
        city_template.read_text("utf-8").replace("<h1>", "<h1 data-changed>"), "utf-8"
    )
    build(data, tmp_path / "second", str(cache), settings)
    pages = sorted((tmp_path / "second" / "city").glob("*.html"))
    assert len(pages) == 2
    assert all("<h1 data-changed>" in p.read_text("utf-8") for p in pages)


def test_a_broken_entry_is_made_again_not_trusted(tmp_path):
    cache = BuildCache(tmp_path)
    made = [Download("a/b.csv", b"x,y\n", "csv", "CSV", "b", "a b", "text/csv", scope="a")]
    assert cache.recall_downloads("k", lambda: made) == made
    (tmp_path / "k" / "0").write_bytes(b"truncated")
    again = [Download("a/b.csv", b"x,z\n", "csv", "CSV", "b", "a b", "text/csv", scope="a")]
    assert cache.recall_downloads("k", lambda: again) == again  # sizes disagree: a miss
    assert cache.recall_text("t", lambda: "쪽") == "쪽"
    assert cache.recall_blobs("p", lambda: {"a": b"1", "b": b""}) == {"a": b"1", "b": b""}
    assert cache.recall_blobs("p", lambda: {}) == {"a": b"1", "b": b""}
    (tmp_path / "p" / "0").write_bytes(b"12")  # one file broken: that name is made again
    assert cache.recall_blobs("p", lambda: {"a": b"3", "b": b""})["a"] == b"3"
    assert cache.recall_bytes("z", lambda: b"zip") == b"zip"
    (tmp_path / "z" / "0").write_bytes(b"zi")
    assert cache.recall_bytes("z", lambda: b"zap") == b"zap"
    assert cache.recall_text("t", lambda: "다른 쪽") == "쪽"


def test_the_settings_key_ignores_where_the_build_writes_and_no_memory_address_enters_it():
    one = {"OUTPUT_PATH": "/tmp/.output-abc", "SITENAME": "x", "F": print, "S": {"b", "a"}}
    two = {"OUTPUT_PATH": "/tmp/.output-xyz", "SITENAME": "x", "F": print, "S": {"a", "b"}}
    assert hash_settings(one) == hash_settings(two)
    assert hash_settings(one) != hash_settings({**one, "SITENAME": "y"})
