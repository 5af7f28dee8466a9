"""Horizontal bar charts drawn on the server as SVG: no script, no CDN.

A chart only draws; the numbers are in the data table the template puts beside each
chart, which is what screen readers read (the SVG is one labelled image).

Each chart comes in two drawings: a wide one with the labels beside the bars, and a
stacked one (`BarChart.narrow`) with each label above its bars. An SVG scales with
its box, so the wide drawing on a phone would shrink its text to a few pixels; the
stylesheet (static/css/charts.css) shows the stacked one there instead, drawn at about
the width of a phone so its text stays at its size.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ..models.subsidies import euro

# Colours with at least 3:1 contrast against white (WCAG 1.4.11).
COLOURS = ("#154273", "#c15100", "#39870c", "#6b3fa0")
LABEL_WIDTH = 200
VALUE_WIDTH = 120
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 14
LEGEND_HEIGHT = 28
# Characters of a label that fit its room at 13 units in a wide sans-serif (about 8
# units a character): beside the bars (LABEL_WIDTH) or on its own line when stacked.
MAX_LABEL = 24
MAX_STACKED_LABEL = 36
# The stacked drawing: about the width of a phone's screen in CSS pixels, so that it
# is shown at roughly its own scale there; the label line sits above the bars.
NARROW_WIDTH = 300
LABEL_LINE = 18
LEGEND_LINE = 20


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
    y: int


@dataclass
class BarChart:
    title: str
    description: str
    width: int
    height: int
    groups: list[Group]
    legend: list[LegendItem]
    axis_x: int
    # The id its title and description take ("<id>-title"), unique on the page.
    chart_id: str = "grafiek"
    # Labels above the bars rather than beside them.
    stacked: bool = False
    # The same chart drawn stacked, for narrow screens.
    narrow: "BarChart | None" = None

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def svg(self) -> SafeString:
        """The chart as an SVG image labelled by its title and description.

        Built here rather than in a template loop: a chart has a rect and a text per
        bar, and a template renders each coordinate in several steps.
        """
        chart_id = self.chart_id
        drawing = "stacked" if self.stacked else "wide"
        parts = [
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'class="portal-chart__image portal-chart__image--{drawing}" '
            f'viewBox="0 0 {int(self.width)} {int(self.height)}" role="img" '
            f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
            'font-family="inherit" font-size="13">',
            f'<title id="{escape(chart_id)}-title">{escape(self.title)}</title>',
            f'<desc id="{escape(chart_id)}-desc">{escape(self.description)} '
            f"{escape(gettext('De cijfers staan in de tabel bij deze grafiek.'))}"
            "</desc>",
        ]
        for item in self.legend:
            parts.append(
                f'<rect x="{int(item.x)}" y="{int(item.y)}" width="14" '
                f'height="14" fill="{escape(item.series.colour)}"/>'
                f'<text x="{int(item.text_x)}" y="{int(item.y) + 12}" '
                f'fill="#1a1a1a">{escape(item.series.label)}</text>'
            )
        if not self.stacked:
            parts.append(
                f'<line x1="{int(self.axis_x)}" x2="{int(self.axis_x)}" y1="0" '
                f'y2="{int(self.height)}" stroke="#595959" stroke-width="1"/>'
            )
        for group in self.groups:
            label_x, anchor = (0, "start") if self.stacked else (self.axis_x - 8, "end")
            parts.append(
                f'<text x="{int(label_x)}" y="{int(group.label_y)}" '
                f'text-anchor="{anchor}" fill="#1a1a1a">'
                f"{escape(group.short_label)}</text>"
            )
            for bar in group.bars:
                parts.append(
                    f'<rect x="{int(bar.x)}" y="{int(bar.y)}" width="{int(bar.width)}" '
                    f'height="{int(bar.height)}" fill="{escape(bar.series.colour)}"/>'
                    f'<text x="{int(bar.text_x)}" y="{int(bar.text_y)}" '
                    f'fill="#1a1a1a">{escape(bar.text)}</text>'
                )
        parts.append("</svg>")
        return mark_safe("".join(parts))


def _short(label: str, *, room: int = MAX_LABEL) -> str:
    return label if len(label) <= room else label[: room - 1] + "…"


def bar_chart(
    *,
    title: str,
    description: str,
    rows: list[tuple[str, dict[str, Decimal | None]]],
    series: list[Series],
    width: int = 720,
    formatter=euro,
    chart_id: str = "grafiek",
    stacked: bool = False,
) -> BarChart:
    """Bars for each row (a group) and each series; values scale to the largest.

    The chart carries its stacked drawing in `narrow` (unless it is that drawing).
    """
    for index, item in enumerate(series):
        item.colour = item.colour or COLOURS[index % len(COLOURS)]
    values = [
        Decimal(value)
        for _label, row in rows
        for value in row.values()
        if value is not None
    ]
    largest = max(values, default=Decimal(0)) or Decimal(1)
    label_width = 0 if stacked else LABEL_WIDTH
    plot_width = width - label_width - VALUE_WIDTH
    legend = _legend(series, start=label_width, width=width) if len(series) > 1 else []
    y = legend[-1].y + LEGEND_HEIGHT - 8 if legend else 4
    groups = []
    for label, row in rows:
        shown = [s for s in series if row.get(s.key) is not None]
        group_height = len(shown) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        if stacked:
            label_y = y + LABEL_LINE - 5
            y += LABEL_LINE
        else:
            label_y = y + group_height // 2 + 5
        room = MAX_STACKED_LABEL if stacked else MAX_LABEL
        group = Group(
            label=label, short_label=_short(label, room=room), label_y=label_y
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
                    x=label_width,
                    y=y,
                    width=bar_width,
                    height=BAR_HEIGHT,
                    text_x=label_width + bar_width + 6,
                    text_y=y + BAR_HEIGHT - 3,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP - BAR_GAP
        groups.append(group)
    chart = BarChart(
        title=title,
        description=description,
        width=width,
        height=y + 4,
        groups=groups,
        legend=legend,
        axis_x=label_width,
        chart_id=chart_id,
        stacked=stacked,
    )
    if not stacked:
        chart.narrow = bar_chart(
            title=title,
            description=description,
            rows=rows,
            series=series,
            width=NARROW_WIDTH,
            formatter=formatter,
            chart_id=f"{chart_id}-smal",
            stacked=True,
        )
    return chart


def _legend(series: list[Series], *, start: int, width: int) -> list[LegendItem]:
    """A swatch and a name per series, on as many lines as the width needs."""
    legend = []
    x, y = start, 8
    for item in series:
        item_width = 20 + 8 * len(item.label)
        if x > start and x + item_width > width:
            x, y = start, y + LEGEND_LINE
        legend.append(LegendItem(series=item, x=x, text_x=x + 20, y=y))
        x += item_width + 24
    return legend


def percent(value: Decimal) -> str:
    return f"{value:.1f} %".replace(".", ",")
