"""Horizontal bar charts drawn on the server as SVG: no script, no CDN.

A chart only draws; the numbers are in the data table the template puts beside each
chart, which is what screen readers read (the SVG is one labelled image).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from ..models.subsidies import euro

# Colours with at least 3:1 contrast against white (WCAG 1.4.11).
COLOURS = ("#154273", "#c15100", "#39870c", "#6b3fa0")
LABEL_WIDTH = 200
VALUE_WIDTH = 120
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 14
LEGEND_HEIGHT = 28
MAX_LABEL = 30


@dataclass
class Series:
    key: str
    label: str
    colour: str = ""


@dataclass
class Bar:
    series: Series
    value: Decimal
    text: str
    x: int
    y: int
    width: int
    height: int
    text_x: int
    text_y: int


@dataclass
class Group:
    label: str
    short_label: str
    label_y: int
    bars: list[Bar] = field(default_factory=list)


@dataclass
class LegendItem:
    series: Series
    x: int
    text_x: int


@dataclass
class BarChart:
    title: str
    description: str
    width: int
    height: int
    groups: list[Group]
    legend: list[LegendItem]
    legend_y: int
    axis_x: int

    @property
    def is_empty(self) -> bool:
        return not self.groups


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(
    *,
    title: str,
    description: str,
    rows: list[tuple[str, dict[str, Decimal | None]]],
    series: list[Series],
    width: int = 720,
    formatter=euro,
) -> BarChart:
    """Bars for each row (a group) and each series; values scale to the largest."""
    for index, item in enumerate(series):
        item.colour = item.colour or COLOURS[index % len(COLOURS)]
    values = [
        Decimal(value)
        for _label, row in rows
        for value in row.values()
        if value is not None
    ]
    largest = max(values, default=Decimal(0)) or Decimal(1)
    plot_width = width - LABEL_WIDTH - VALUE_WIDTH
    show_legend = len(series) > 1
    y = LEGEND_HEIGHT if show_legend else 4
    groups = []
    for label, row in rows:
        shown = [s for s in series if row.get(s.key) is not None]
        group_height = len(shown) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        group = Group(
            label=label, short_label=_short(label), label_y=y + group_height // 2 + 5
        )
        for item in shown:
            value = Decimal(row[item.key])
            bar_width = int(plot_width * value / largest)
            if value > 0:
                bar_width = max(bar_width, 1)
            group.bars.append(
                Bar(
                    series=item,
                    value=value,
                    text=formatter(value),
                    x=LABEL_WIDTH,
                    y=y,
                    width=bar_width,
                    height=BAR_HEIGHT,
                    text_x=LABEL_WIDTH + bar_width + 6,
                    text_y=y + BAR_HEIGHT - 3,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP - BAR_GAP
        groups.append(group)
    legend = []
    x = LABEL_WIDTH
    if show_legend:
        for item in series:
            legend.append(LegendItem(series=item, x=x, text_x=x + 20))
            x += 20 + 8 * len(item.label) + 24
    return BarChart(
        title=title,
        description=description,
        width=width,
        height=y + 4,
        groups=groups,
        legend=legend,
        legend_y=8,
        axis_x=LABEL_WIDTH,
    )


def percent(value: Decimal) -> str:
    return f"{value:.1f} %".replace(".", ",")
