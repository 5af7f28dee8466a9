"""Reads the admin's framework overview shares: goals against targets, agenda, money."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum

from .models import (
    AgendaItem,
    AgendaItemStatus,
    BudgetCategory,
    BudgetLine,
    Consultation,
    Goal,
    Indicator,
    Measurement,
    PolicyFramework,
)
from .progress import framework_state, roll_up, target_met

# Fills with at least 3:1 contrast on white (WCAG 1.4.11), one per category.
CATEGORY_FILLS = {
    BudgetCategory.BUILDINGS: "#0b4f8a",
    BudgetCategory.FUNCTIONS: "#a0461e",
    BudgetCategory.INITIATIVES: "#1b7045",
    BudgetCategory.OTHER: "#5a5a5a",
}
CHART_WIDTH = 640
CHART_HEIGHT = 260
CHART_LEFT = 110
CHART_BOTTOM = 30
CHART_TOP = 10


def with_latest_measurement(indicators):
    """Annotate `latest_value` and `latest_on`: the indicator's most recent measurement."""
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by(
        "-measured_on"
    )
    return indicators.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_on=Subquery(latest.values("measured_on")[:1]),
    )


def agenda_overdue_q(today: date) -> Q:
    """Agenda items past their date and not done."""
    return Q(due_on__lt=today) & ~Q(status=AgendaItemStatus.DONE)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


@dataclass
class BudgetChart:
    years: list[int]
    categories: list[tuple[str, str, str]]  # value, label, fill
    rows: list[dict]  # per year: year, amounts per category, total
    totals: dict[str, Decimal]
    grand_total: Decimal
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, Decimal]] = field(default_factory=list)
    year_labels: list[tuple[float, int]] = field(default_factory=list)
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = CHART_LEFT
    baseline: int = CHART_HEIGHT - CHART_BOTTOM


def budget_chart(framework: PolicyFramework) -> BudgetChart | None:
    """Budget per year, stacked by category, with the geometry of an SVG bar chart."""
    sums = (
        BudgetLine.objects.filter(framework=framework)
        .values("year", "category")
        .annotate(amount=Sum("amount"))
        .order_by("year", "category")
    )
    amounts: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in sums:
        amounts[row["year"]][row["category"]] = row["amount"]
    if not amounts:
        return None
    years = sorted(amounts)
    used = [c for c in BudgetCategory if any(c in amounts[y] for y in years)]
    categories = [(c.value, str(c.label), CATEGORY_FILLS[c]) for c in used]
    rows = []
    for year in years:
        cells = [amounts[year].get(c.value, Decimal(0)) for c in used]
        rows.append({"year": year, "amounts": cells, "total": sum(cells, Decimal(0))})
    totals = {
        c.value: sum((amounts[y].get(c.value, Decimal(0)) for y in years), Decimal(0))
        for c in used
    }
    chart = BudgetChart(
        years=years,
        categories=categories,
        rows=rows,
        totals=totals,
        grand_total=sum(totals.values(), Decimal(0)),
    )
    highest = max(row["total"] for row in rows) or Decimal(1)
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    plot_width = CHART_WIDTH - CHART_LEFT - 10
    slot = plot_width / len(years)
    bar_width = min(60.0, slot * 0.6)
    for index, row in enumerate(rows):
        x = CHART_LEFT + index * slot + (slot - bar_width) / 2
        top = float(chart.baseline)
        for (_value, label, fill), amount in zip(
            categories, row["amounts"], strict=True
        ):
            height = float(amount / highest) * plot_height
            top -= height
            chart.bars.append(
                Bar(
                    x=round(x, 1),
                    y=round(top, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                    fill=fill,
                    label=f"{row['year']} {label}",
                )
            )
        chart.year_labels.append((round(x + bar_width / 2, 1), row["year"]))
    for step in range(5):
        value = highest * step / 4
        y = chart.baseline - float(step / 4) * plot_height
        chart.ticks.append((round(y, 1), value.quantize(Decimal(1))))
    return chart


def framework_overview(framework: PolicyFramework, *, today: date) -> dict:
    """Everything the admin's overview page of one framework shows."""
    indicators = with_latest_measurement(Indicator.objects.all())
    goals = list(
        Goal.objects.filter(framework=framework)
        .select_related("track")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("number")
    )
    goal_rows = []
    for goal in goals:
        goal_rows.append(
            {
                "goal": goal,
                "indicators": [
                    {
                        "indicator": indicator,
                        "met": target_met(
                            indicator.latest_value,
                            indicator.target_value,
                            indicator.direction,
                        ),
                    }
                    for indicator in goal.indicators.all()
                ],
            }
        )
    by_track: dict = defaultdict(list)
    for goal in goals:
        by_track[goal.track].append(goal.status)
    tracks = [
        {"track": track, "state": roll_up(states), "goal_count": len(states)}
        for track, states in sorted(
            by_track.items(),
            key=lambda item: (item[0] is None, getattr(item[0], "number", 0)),
        )
    ]
    agenda_counts = AgendaItem.objects.filter(framework=framework).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=AgendaItemStatus.DONE)),
        in_progress=Count("pk", filter=Q(status=AgendaItemStatus.IN_PROGRESS)),
        overdue=Count("pk", filter=agenda_overdue_q(today)),
    )
    overdue_items = list(
        AgendaItem.objects.filter(framework=framework)
        .filter(agenda_overdue_q(today))
        .select_related("task_group")
        .order_by("due_on", "number")
    )
    topics: dict[str, dict] = {}
    for item in AgendaItem.objects.filter(framework=framework).order_by("number"):
        topic = topics.setdefault(
            item.topic, {"topic": item.topic, "total": 0, "done": 0}
        )
        topic["total"] += 1
        topic["done"] += item.status == AgendaItemStatus.DONE
    consultations = list(
        Consultation.objects.filter(framework=framework)
        .select_related("district")
        .order_by("held_on")
    )
    return {
        "state": framework_state(goals),
        "goals": goal_rows,
        "tracks": tracks,
        "agenda": agenda_counts,
        "agenda_topics": list(topics.values()),
        "overdue_items": overdue_items,
        "consultations": consultations,
        "consultations_reported": sum(
            1 for c in consultations if c.reported_to_council_on
        ),
        "budget": budget_chart(framework),
        "today": today,
    }
