"""Bar charts as inline SVG, drawn at build time: geometry only, no wording, no JavaScript.

`present.py` decides what a chart says (title, description, each bar's label and value as
the site writes it) and which figures it leaves out; this module only lays bars out. Every
coordinate is computed in integer tenths of a unit, so the same chart is the same bytes on
every machine. Colours are presentation attributes (the CSP forbids inline `style`); each
passes WCAG contrast against the white page: bars 3:1 for graphics, text 4.5:1.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

WIDTH = 400
"""The viewBox width; the SVG scales to its container (site.css)."""
BAR_FILL = "#0b50d0"
"""The site's primary blue: 6.9:1 against white."""
TEXT_FILL = "#1e2124"
AXIS_STROKE = "#464c53"
LABEL_SIZE = 15
VALUE_SIZE = 14
BAR_HEIGHT = 18
VALUE_ROOM = 110
"""Room kept right of the longest bar for its value ("6조 577억 원")."""
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_text: str
    """The value as the page writes it (present.py's 억/조 or 개), drawn beside the bar."""


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    """Unique on its page; the title and description take ids from it."""
    title: str
    description: str
    bars: tuple[Bar, ...]
    label_width: int = 0
    """0: each label on its own line above its bar (long names); else a column this wide."""


def tenths(value: int) -> str:
    """Integer tenths of a unit as an SVG number: 1234 → "123.4", 50 → "5"."""
    whole, tenth = divmod(value, 10)
    return f"{whole}.{tenth}" if tenth else f"{whole}"


def bar_tenths(value: int, largest: int, length: int) -> int:
    """A bar's length in tenths on the chart's one scale: the largest value fills `length`."""
    if largest <= 0 or value <= 0:
        return 0
    return value * length * 10 // largest


def render_bar_chart(chart: BarChart) -> Markup:
    """One measure as horizontal bars on one scale, each labelled in text with its value."""
    above = chart.label_width == 0
    bar_x = 0 if above else chart.label_width + GAP
    length = WIDTH - bar_x - VALUE_ROOM
    row = (LABEL_SIZE + 6 + BAR_HEIGHT + 12) if above else (BAR_HEIGHT + 14)
    height = row * len(chart.bars) + 4
    largest = max((bar.value for bar in chart.bars), default=0)
    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img"'
            ' viewBox="0 0 {} {}" width="{}" height="{}" aria-labelledby="{} {}">'
        ).format(WIDTH, height, WIDTH, height, title_id, desc_id),
        Markup('<title id="{}">{}</title>').format(title_id, chart.title),
        Markup('<desc id="{}">{}</desc>').format(desc_id, chart.description),
    ]
    for index, bar in enumerate(chart.bars):
        top = row * index + 2
        bar_top = top + LABEL_SIZE + 6 if above else top + 4
        label_x, label_y = (0, top + LABEL_SIZE) if above else (chart.label_width, bar_top + 14)
        anchor = "start" if above else "end"
        size = bar_tenths(bar.value, largest, length)
        parts.append(
            Markup(
                '<g class="chart-bar">'
                '<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="{}" fill="{}" class="chart-value">{}</text>'
                "</g>"
            ).format(
                label_x,
                label_y,
                anchor,
                LABEL_SIZE,
                TEXT_FILL,
                bar.label,
                bar_x,
                bar_top,
                tenths(size),
                BAR_HEIGHT,
                BAR_FILL,
                tenths(bar_x * 10 + size + GAP * 10),
                bar_top + 14,
                VALUE_SIZE,
                TEXT_FILL,
                bar.value_text,
            )
        )
    if not above:  # the baseline the bars grow from, right of the label column
        parts.append(
            Markup(
                '<line x1="{0}" y1="0" x2="{0}" y2="{1}" stroke="{2}" stroke-width="1"/>'
            ).format(bar_x, height, AXIS_STROKE)
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
