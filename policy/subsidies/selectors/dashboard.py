"""The budget dashboard: per year, category and wijk, budget against grants and cuts.

The dashboard runs a fixed number of queries whatever the number of grants (tests
assert it).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum

from neighbourhoods.models import Municipality, Population

from ...models import (
    BudgetCategory,
    BudgetLine,
    Cut,
    Grant,
    GrantReport,
    GrantStatus,
    PolicyFramework,
)
from ...models.subsidies import COMMITTED_STATUSES

ZERO = Decimal(0)
CENT = Decimal("0.01")


def per_inhabitant(amount: Decimal | None, inhabitants: int | None) -> Decimal | None:
    """Euro per inhabitant, to the cent; None without a population."""
    if amount is None or not inhabitants:
        return None
    return (Decimal(amount) / Decimal(inhabitants)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


@dataclass
class YearFigures:
    year: int
    budget: Decimal = ZERO
    granted: Decimal = ZERO
    settled: Decimal = ZERO
    cuts: Decimal = ZERO
    cuts_to_find: Decimal = ZERO

    @property
    def share_granted(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.granted / self.budget * 100).quantize(Decimal("0.1"))


@dataclass
class CategoryFigures:
    category: str
    label: str
    budget: Decimal = ZERO
    granted: Decimal = ZERO
    share: Decimal | None = None


@dataclass
class NeighbourhoodFigures:
    name: str
    cbs_code: str
    granted: Decimal
    grants: int
    inhabitants: int | None
    population_year: int | None
    per_inhabitant: Decimal | None


@dataclass
class Dashboard:
    municipality: Municipality
    framework: PolicyFramework | None
    year: int | None
    years: list[YearFigures] = field(default_factory=list)
    categories: list[CategoryFigures] = field(default_factory=list)
    neighbourhoods: list[NeighbourhoodFigures] = field(default_factory=list)
    top_recipients: list[dict] = field(default_factory=list)
    inhabitants: int | None = None
    population_year: int | None = None

    @property
    def current(self) -> YearFigures | None:
        return next((y for y in self.years if y.year == self.year), None)

    @property
    def granted_per_inhabitant(self) -> Decimal | None:
        current = self.current
        return per_inhabitant(current.granted if current else None, self.inhabitants)

    @property
    def total_cuts(self) -> Decimal:
        return sum((y.cuts for y in self.years), ZERO)

    @property
    def total_cuts_to_find(self) -> Decimal:
        return sum((y.cuts_to_find for y in self.years), ZERO)


def _dashboard_rows(*, public: bool) -> tuple[QuerySet, QuerySet, QuerySet]:
    """Grants, budget lines and cuts: what a citizen may see, or all (the admin)."""
    if public:
        return Grant.objects.public(), BudgetLine.objects.public(), Cut.objects.public()
    return Grant.objects.all(), BudgetLine.objects.all(), Cut.objects.all()


def dashboard_years(
    municipality: Municipality, framework=None, *, public: bool = True
) -> list[int]:
    """The years with grants, budget lines or cuts, newest first (one UNION query)."""
    grants, lines, cuts = _dashboard_rows(public=public)
    grants = grants.filter(scheme__municipality=municipality)
    lines = lines.filter(framework__municipality=municipality)
    cuts = cuts.filter(framework__municipality=municipality)
    if framework is not None:
        grants = grants.filter(scheme__framework=framework)
        lines = lines.filter(framework=framework)
        cuts = cuts.filter(framework=framework)
    years = (
        grants.order_by()
        .values_list("year", flat=True)
        .union(
            lines.order_by().values_list("year", flat=True),
            cuts.order_by().values_list("year", flat=True),
        )
    )
    return sorted(years, reverse=True)


def _population(rows, year: int | None) -> tuple[int | None, int | None]:
    """The inhabitants of the latest year up to `year`, else of the earliest after."""
    rows = sorted(rows, key=lambda r: r[0])
    if not rows:
        return None, None
    if year is None:
        return rows[-1][1], rows[-1][0]
    before = [r for r in rows if r[0] <= year]
    chosen = before[-1] if before else rows[0]
    return chosen[1], chosen[0]


def budget_dashboard(
    municipality: Municipality,
    *,
    year: int | None,
    framework: PolicyFramework | None = None,
    top: int = 10,
    public: bool = True,
) -> Dashboard:
    dashboard = Dashboard(municipality, framework, year)
    grants, lines, cuts = _dashboard_rows(public=public)
    grants = grants.filter(scheme__municipality=municipality).order_by()
    lines = lines.filter(framework__municipality=municipality).order_by()
    cuts = cuts.filter(framework__municipality=municipality).order_by()
    if framework is not None:
        grants = grants.filter(scheme__framework=framework)
        lines = lines.filter(framework=framework)
        cuts = cuts.filter(framework=framework)
    committed = grants.filter(status__in=COMMITTED_STATUSES)

    # Budget vs granted vs settled, and cuts, over the years, and the share of
    # building exploitation, functions and initiatives in the year: three queries,
    # the budget and the grants grouped by year and category at once.
    by_year: dict[int, YearFigures] = {}

    def figures(y: int) -> YearFigures:
        return by_year.setdefault(y, YearFigures(y))

    categories = {
        c.value: CategoryFigures(c.value, str(c.label)) for c in BudgetCategory
    }
    for row in lines.values("year", "category").annotate(total=Sum("amount")):
        figures(row["year"]).budget += row["total"]
        if row["year"] == year:
            categories[row["category"]].budget = row["total"]
    granted_by_year: dict[int, list] = {}
    for row in grants.values("year", "scheme__category").annotate(
        granted=Sum("amount_granted", filter=Q(status__in=COMMITTED_STATUSES)),
        settled=Sum("amount_settled", filter=Q(status=GrantStatus.SETTLED)),
    ):
        sums = granted_by_year.setdefault(row["year"], [None, None])
        if row["granted"] is not None:
            sums[0] = (sums[0] or ZERO) + row["granted"]
            if row["year"] == year:
                categories[row["scheme__category"]].granted = row["granted"]
        if row["settled"] is not None:
            sums[1] = (sums[1] or ZERO) + row["settled"]
    for y, (granted, settled) in granted_by_year.items():
        if granted is not None or settled is not None:
            figures(y).granted = granted or ZERO
            figures(y).settled = settled or ZERO
    for row in cuts.values("year").annotate(
        total=Sum("amount"), to_find=Sum("amount", filter=Q(is_realised=False))
    ):
        figures(row["year"]).cuts = row["total"]
        figures(row["year"]).cuts_to_find = row["to_find"] or ZERO
    dashboard.years = [by_year[y] for y in sorted(by_year)]

    total_granted = sum((c.granted for c in categories.values()), ZERO)
    for category in categories.values():
        if total_granted:
            category.share = (category.granted / total_granted * 100).quantize(
                Decimal("0.1")
            )
    dashboard.categories = [c for c in categories.values() if c.budget or c.granted]

    # Per neighbourhood and per inhabitant: two queries.
    populations = defaultdict(list)
    for row in (
        Population.objects.filter(municipality=municipality)
        .order_by()
        .values_list("neighbourhood_id", "year", "inhabitants")
    ):
        populations[row[0]].append((row[1], row[2]))
    dashboard.inhabitants, dashboard.population_year = _population(
        populations.get(None, []), year
    )
    if year is not None:
        for row in (
            committed.filter(year=year, neighbourhood__isnull=False)
            .values(
                "neighbourhood_id", "neighbourhood__name", "neighbourhood__cbs_code"
            )
            .annotate(total=Sum("amount_granted"), count=Count("pk"))
            .order_by("-total", "neighbourhood__name")
        ):
            inhabitants, population_year = _population(
                populations.get(row["neighbourhood_id"], []), year
            )
            dashboard.neighbourhoods.append(
                NeighbourhoodFigures(
                    name=row["neighbourhood__name"],
                    cbs_code=row["neighbourhood__cbs_code"],
                    granted=row["total"],
                    grants=row["count"],
                    inhabitants=inhabitants,
                    population_year=population_year,
                    per_inhabitant=per_inhabitant(row["total"], inhabitants),
                )
            )

        # Top recipients: one query.
        dashboard.top_recipients = list(
            committed.filter(year=year)
            .values("organisation__name", "organisation__slug")
            .annotate(total=Sum("amount_granted"), count=Count("pk"))
            .order_by("-total", "organisation__name")[:top]
        )
    return dashboard


def overdue_reports(municipality: Municipality | None = None) -> QuerySet[GrantReport]:
    """Reporting duties past their due date and not received, oldest first."""
    reports = GrantReport.objects.overdue().select_related(
        "grant__organisation", "grant__scheme"
    )
    if municipality is not None:
        reports = reports.filter(grant__scheme__municipality=municipality)
    return reports.order_by("due_on", "pk")
