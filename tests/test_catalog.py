"""catalog.py: citations, the schema.org Dataset, the DCAT catalog, the sitemap and the feed,
as pure functions over the minimal fixture (the real site's files are read in test_site.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from planpress.addresses import Addresses
from planpress.catalog import (
    describe_catalog,
    describe_city_dataset,
    escape_bibtex,
    render_bibtex,
    render_csl_json,
    render_feed,
    render_sitemap,
    temporal_coverage,
)
from planpress.check import check_data
from planpress.downloads import DownloadIndex, plan_downloads
from planpress.model import build_site
from planpress.present import render_json_ld

FIXTURES = Path(__file__).parent / "fixtures"

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC = "https://example.org/plans"


@pytest.fixture(scope="module")
def site():
    checked = check_data(FIXTURES / "valid")
    assert checked.problems == []
    return build_site(checked.packages, checked.schemas)


def index(site, public_url=""):
    return DownloadIndex(plan_downloads(site, None, public_url, Addresses()), Addresses())


def descriptor_of(site, public_url=""):
    files = {d.path: d for d in index(site, public_url)}
    return json.loads(files["minimal/datapackage.json"].data)


# -- citations ---------------------------------------------------------------------------------


def test_csl_json_is_one_dataset_item_with_the_version_and_the_data_s_day(site):
    files = {d.path: d.data for d in index(site, PUBLIC)}
    [item] = json.loads(files["minimal.csl.json"])
    assert item == {
        "id": "planpress-minimal-1.0.0",
        "type": "dataset",
        "title": "최소 예시시 뉴딜",
        "author": [{"literal": "planpress 편집팀"}],
        "publisher": "planpress",
        "version": "1.0.0",
        "language": "ko",
        "abstract": "검사기 시험용 최소 패키지",
        "issued": {"date-parts": [[2026, 11, 22]]},
        "URL": f"{PUBLIC}/city/minimal.html",
        "note": "원 출처: 홍길동, 「예시시, 뉴딜 추진」, 예시신문(2021-03-16)",
    }
    # the all-cities dataset cites the data page, under its own key
    [every] = json.loads(files["all.csl.json"])
    assert (every["id"], every["URL"]) == ("planpress-all-1.0.0", f"{PUBLIC}/data.html")
    assert every["note"] == "원 출처: [예시시] 홍길동, 「예시시, 뉴딜 추진」, 예시신문(2021-03-16)"
    assert files["all.bib"].startswith(b"@dataset{planpress-all-1.0.0,\n")


def test_citation_files_hold_no_access_date_a_build_could_change(site):
    """Only the reader knows when they read the data: no `accessed`/`urldate`, and the
    files are the same bytes whatever day they are built."""
    files = {d.path: d.data for d in index(site, PUBLIC)}
    for path in ("minimal.csl.json", "all.csl.json"):
        assert "accessed" not in json.loads(files[path])[0], path
    for path in ("minimal.bib", "all.bib"):
        assert b"urldate" not in files[path], path


def test_citations_name_no_address_when_the_site_has_none(site):
    files = {d.path: d.data for d in index(site)}
    assert "URL" not in json.loads(files["minimal.csl.json"])[0]
    assert b"url =" not in files["minimal.bib"]


def test_bibtex_is_one_dataset_entry_with_a_braced_corporate_author(site):
    files = {d.path: d.data for d in index(site, PUBLIC)}
    assert files["minimal.bib"].decode() == (
        "@dataset{planpress-minimal-1.0.0,\n"
        "  title = {최소 예시시 뉴딜},\n"
        "  author = {{planpress 편집팀}},\n"
        "  publisher = {planpress},\n"
        "  version = {1.0.0},\n"
        "  langid = {korean},\n"
        "  date = {2026-11-22},\n"
        "  year = {2026},\n"
        f"  url = {{{PUBLIC}/city/minimal.html}},\n"
        "  note = {원 출처: 홍길동, 「예시시, 뉴딜 추진」, 예시신문(2021-03-16)}\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("50% & {R&D}", "50\\% \\& \\{R\\&D\\}"),
        ("a_b #1 $2", "a\\_b \\#1 \\$2"),
        ("back\\slash ~ ^", "back\\textbackslash{}slash \\textasciitilde{} \\textasciicircum{}"),
        ("줄\n바꿈", "줄 바꿈"),
    ],
)
def test_bibtex_escapes_what_tex_would_read_as_commands(text, escaped):
    assert escape_bibtex(text) == escaped


def test_a_hostile_title_cannot_break_the_bibtex_entry(site):
    descriptor = {**descriptor_of(site), "title": "}, note = {injected"}
    text = render_bibtex(descriptor, "").decode()
    assert "title = {\\}, note = \\{injected}," in text
    assert text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}")
    assert json.loads(render_csl_json(descriptor, ""))[0]["title"] == descriptor["title"]


# -- schema.org Dataset ---------------------------------------------------------------------


def test_city_dataset_has_the_required_fields_and_every_download_relative_to_its_page(site):
    city = site.cities[0]
    files = index(site)
    dataset = describe_city_dataset(city, files, Addresses(), "", "인용문")
    assert dataset["@type"] == "Dataset"
    assert (dataset["inLanguage"], dataset["license"], dataset["version"]) == (
        "ko",
        ["https://creativecommons.org/licenses/by/4.0/"],
        "1.0.0",
    )
    assert dataset["spatialCoverage"]["containedInPlace"]["name"] == "예시도"
    assert dataset["dateModified"] == "2026-11-22"
    assert dataset["url"] == "minimal.html"
    contents = [d["contentUrl"] for d in dataset["distribution"]]
    assert contents == [f"../{files.href(d)}" for d in files.for_scope("minimal")]
    assert {"text/csv", "application/json", "application/zip"} <= {
        d["encodingFormat"] for d in dataset["distribution"]
    }


def test_city_dataset_links_are_absolute_under_a_public_address(site):
    dataset = describe_city_dataset(site.cities[0], index(site), Addresses(), PUBLIC, "")
    assert dataset["url"] == f"{PUBLIC}/city/minimal.html"
    assert all(d["contentUrl"].startswith(f"{PUBLIC}/data/") for d in dataset["distribution"])


def test_temporal_coverage_is_the_plan_period_or_its_announced_day(site):
    city = site.cities[0]
    assert temporal_coverage(city) == "2021"
    plan = city.plan

    def with_plan(**changes):
        return replace(city, plans=(replace(plan, **changes),))

    assert temporal_coverage(with_plan(period_start=2021, period_end=2025)) == "2021/2025"
    assert temporal_coverage(with_plan(period_start=None, period_end=2025)) == "../2025"
    announced = with_plan(period_start=None, period_end=None)
    assert temporal_coverage(announced) == plan.announced.isoformat()


def test_json_ld_cannot_close_its_script_element():
    text = render_json_ld({"name": "</script><script>alert(1)</script> & <!--"})
    assert "</" not in text and "<!--" not in text and "&" not in text.replace("\\u0026", "")
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}


# -- DCAT ------------------------------------------------------------------------------------


def test_catalog_has_one_dataset_per_city_with_dcat_fields(site):
    catalog = describe_catalog(site, index(site), Addresses(), "")
    assert catalog["@type"] == "dcat:Catalog"
    [dataset] = catalog["dcat:dataset"]
    for key in (
        "dct:title",
        "dct:description",
        "dct:license",
        "dct:spatial",
        "dct:temporal",
        "dct:issued",
        "dct:modified",
        "dct:language",
        "dcat:distribution",
    ):
        assert dataset[key], key
    assert dataset["@id"] == "city/minimal.html"
    first = dataset["dcat:distribution"][0]
    assert first["dcat:downloadURL"] == {"@id": "data/minimal/plans.csv"}
    assert first["dcat:mediaType"] == {
        "@id": "https://www.iana.org/assignments/media-types/text/csv"
    }


# -- sitemap ---------------------------------------------------------------------------------


def test_no_sitemap_without_a_public_address():
    assert render_sitemap([("index.html", "2026-11-22")], "") is None


def test_sitemap_lists_absolute_addresses_with_their_data_day():
    data = render_sitemap([("index.html", "2026-12-01"), ("city/a.html", "2026-11-22")], PUBLIC)
    root = ET.fromstring(data)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    found = [(u.findtext(f"{ns}loc"), u.findtext(f"{ns}lastmod")) for u in root]
    assert found == [(f"{PUBLIC}/city/a.html", "2026-11-22"), (f"{PUBLIC}/", "2026-12-01")]


# -- the feed --------------------------------------------------------------------------------


def test_feed_has_an_entry_per_version_with_a_stable_id_and_the_data_s_day(site):
    first, again = render_feed(site, Addresses(), ""), render_feed(site, Addresses(), "")
    assert first == again
    root = ET.fromstring(first)
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "예시시 데이터 1.0.0 (2026-11-22)"
    assert entry.findtext(f"{ATOM}updated") == "2026-11-22T00:00:00+09:00"
    assert entry.findtext(f"{ATOM}summary") == "첫 공개."
    assert entry.find(f"{ATOM}link").get("href") == "city/minimal.html#version-1.0.0"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.findtext(f"{ATOM}id"))
    assert root.findtext(f"{ATOM}updated") == "2026-11-22T00:00:00+09:00"
    public = ET.fromstring(render_feed(site, Addresses(), PUBLIC))
    assert public.find(f"{ATOM}entry").findtext(f"{ATOM}id") == entry.findtext(f"{ATOM}id")
