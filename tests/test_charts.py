"""Tier 1: build-time SVG bar charts — geometry, accessibility hooks, contrast, same bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from planpress.charts import (
    AXIS_STROKE,
    BAR_FILL,
    TEXT_FILL,
    Bar,
    BarChart,
    bar_tenths,
    render_bar_chart,
    tenths,
)

SVG = "{http://www.w3.org/2000/svg}"
CHART = BarChart(
    "chart-x",
    "Budget <by> pillar",
    "a & b",
    (Bar("A", 9800000000, "98"), Bar("B", 84000000000, "840"), Bar("C <i>", 0, "0")),
)


def parse(chart: BarChart) -> ET.Element:
    return ET.fromstring(str(render_bar_chart(chart)))


@pytest.mark.parametrize("label_width", [0, 120])
def test_a_chart_is_an_image_named_by_its_title_and_description(label_width) -> None:
    svg = parse(BarChart(**{**CHART.__dict__, "label_width": label_width}))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert svg.find(f"{SVG}title").get("id") == "chart-x-title"
    assert svg.find(f"{SVG}title").text == "Budget <by> pillar"  # escaped in, read back as text
    assert svg.find(f"{SVG}desc").get("id") == "chart-x-desc"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["A", "98", "B", "840", "C <i>", "0"]  # every label and value as text
    assert not [e for e in svg.iter() if e.get("style")], "the CSP forbids inline style"


def test_bars_share_one_scale_the_largest_filling_the_length() -> None:
    widths = [float(r.get("width")) for r in parse(CHART).iter(f"{SVG}rect")]
    assert widths[1] == 290  # 400 - 110 of room for the value
    assert widths[0] == pytest.approx(290 * 98 / 840, abs=0.1)
    assert widths[2] == 0  # a stated 0 is a bar of no length, and still labelled
    assert bar_tenths(5, 0, 100) == 0
    assert [tenths(v) for v in (1234, 50, 0)] == ["123.4", "5", "0"]


def test_a_chart_is_the_same_bytes_every_time() -> None:
    assert render_bar_chart(CHART) == render_bar_chart(BarChart(**CHART.__dict__))


def relative_luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize(("colour", "needed"), [(BAR_FILL, 3), (AXIS_STROKE, 3), (TEXT_FILL, 4.5)])
def test_chart_colours_meet_wcag_contrast_on_white(colour, needed) -> None:
    ratio = 1.05 / (relative_luminance(colour) + 0.05)
    assert ratio >= needed, f"{colour}: {ratio:.2f}:1"
