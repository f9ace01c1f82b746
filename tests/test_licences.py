"""Tier 1: the data licence as the packages declare it, and how pages and READMEs word it."""

from __future__ import annotations

import pytest

from planpress.licences import Licence, common_licences, describe_licences, read_licences

CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
KOGL = {"name": "KOGL-Type1", "title": "공공누리 제1유형", "path": "https://www.kogl.or.kr/"}
ODBL = {"name": "ODbL-1.0"}


@pytest.mark.parametrize(
    ("entry", "label", "link"),
    [
        (CC_BY, "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.ko"),
        ({"name": "CC0-1.0"}, "CC0 1.0", None),
        (
            {"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0"},
            "CC BY-SA 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0",  # no folder slash: left as written
        ),
        (KOGL, "공공누리 제1유형", "https://www.kogl.or.kr/"),
        (ODBL, "ODbL-1.0", None),
    ],
)
def test_licence_label_and_link(entry, label, link):
    [licence] = read_licences([entry])
    assert (licence.label, licence.link) == (label, link)


@pytest.mark.parametrize("entry", [CC_BY, KOGL, ODBL])
def test_licence_as_descriptor_gives_back_the_declared_entry(entry):
    [licence] = read_licences([entry])
    assert licence.as_descriptor() == entry


@pytest.mark.parametrize(
    ("packages", "names"),
    [
        ([], []),
        ([[CC_BY]], ["CC-BY-4.0"]),
        ([[CC_BY, KOGL], [CC_BY]], ["CC-BY-4.0"]),  # one city's extra licence is not the site's
        ([[KOGL, CC_BY], [CC_BY, KOGL]], ["KOGL-Type1", "CC-BY-4.0"]),  # the first city's order
        ([[KOGL], [CC_BY]], []),
    ],
)
def test_common_licences_are_those_every_package_declares(packages, names):
    assert [licence.name for licence in common_licences(packages)] == names


def test_describe_licences_names_title_and_address():
    assert describe_licences(read_licences([CC_BY, KOGL, ODBL])) == (
        "CC BY 4.0(Creative Commons Attribution 4.0, https://creativecommons.org/licenses/by/4.0/), "
        "공공누리 제1유형(https://www.kogl.or.kr/), ODbL-1.0"
    )
    assert describe_licences([Licence("CC-BY-4.0")]) == "CC BY 4.0"
