"""Reads the subsidy pages share: the public register and the budget dashboard.

Every figure is one aggregate query; the dashboard runs a fixed number of queries
whatever the number of grants (tests assert it).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum

from neighbourhoods.models import Municipality, Neighbourhood, Population

from ..models import (
    BudgetCategory,
    BudgetLine,
    Cut,
    Grant,
    GrantReport,
    GrantStatus,
    PolicyFramework,
)
from ..models.subsidies import COMMITTED_STATUSES, PUBLIC_GRANT_STATUSES

ZERO = Decimal(0)
CENT = Decimal("0.01")


def per_inhabitant(amount: Decimal | None, inhabitants: int | None) -> Decimal | None:
    """Euro per inhabitant, to the cent; None without a population."""
    if amount is None or not inhabitants:
        return None
    return (Decimal(amount) / Decimal(inhabitants)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


# THE PUBLIC REGISTER
# ------------------------------------------------------------------------------


def public_grant_list() -> QuerySet[Grant]:
    return (
        Grant.objects.public()
        .select_related(
            "scheme__municipality",
            "scheme__framework",
            "organisation",
            "theme",
            "neighbourhood",
        )
        # Largest amounts first; a decision without an amount (refused, withdrawn)
        # after them, not before as PostgreSQL puts NULLs by default.
        .order_by(
            "-year",
            F("amount_granted").desc(nulls_last=True),
            "organisation__name",
            "pk",
        )
    )


def register_page_rows(grants: QuerySet[Grant]) -> QuerySet[dict]:
    """The register's rows as the page shows them: flat dicts of only the columns it
    prints (the downloads use ``public_grant_list`` in full).

    Municipality and theme names are not joined: the filter form has read every
    municipality with schemes and every theme with grants already
    (``label_register_rows`` adds them). The six-table join took 6-9 ms to plan at
    country scale; this query plans and runs in about 1 ms."""
    return grants.select_related(None).values(
        "pk",
        "year",
        "last_year",
        "purpose",
        "status",
        "amount_requested",
        "amount_granted",
        "amount_settled",
        "theme_id",
        scheme_name=F("scheme__name"),
        municipality_id=F("scheme__municipality_id"),
        organisation_name=F("organisation__name"),
        # A subquery, not a join: PostgreSQL evaluates it for the page's rows only,
        # after sorting, and plans the query faster (about 1 ms less in all).
        neighbourhood_name=Subquery(
            Neighbourhood.objects.filter(pk=OuterRef("neighbourhood_id"))
            .order_by()
            .values("name")
        ),
    )


def label_register_rows(
    rows, *, municipality_names: dict[int, str], theme_names: dict[int, str]
) -> list[dict]:
    """The page's rows with their municipality's and theme's name, status label and
    years ("2024" or "2024–2026"): text the template prints as it is."""
    status_labels = {value: str(label) for value, label in GrantStatus.choices}
    labelled = []
    for row in rows:
        row["municipality_name"] = municipality_names.get(row["municipality_id"], "")
        row["theme_name"] = theme_names.get(row["theme_id"], "")
        row["status_label"] = status_labels[row["status"]]
        row["years"] = (
            f"{row['year']}–{row['last_year']}"
            if row["last_year"]
            else str(row["year"])
        )
        labelled.append(row)
    return labelled


def _summed_rows_of(municipality: Municipality | None) -> tuple[str, list]:
    """The WHERE clause for policy_granttotal's rows of a municipality, or of the
    whole country (municipality_id NULL)."""
    if municipality is None:
        return "municipality_id IS NULL", []
    return "municipality_id = %s", [municipality.pk]


def grant_years(municipality: Municipality | None = None) -> list[int]:
    """The years with grants (of any status), newest first: from the summed totals
    (migration 0007), a few hundred rows, not a DISTINCT over the grants."""
    where, params = _summed_rows_of(municipality)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT year FROM policy_granttotal "  # noqa: S608 (no input)
            f"WHERE {where} ORDER BY year DESC",
            params,
        )
        return [row[0] for row in cursor.fetchall()]


def filter_grants(
    grants: QuerySet[Grant],
    *,
    municipality=None,
    year=None,
    scheme=None,
    theme=None,
    organisation: str = "",
    neighbourhood=None,
    framework=None,
) -> QuerySet[Grant]:
    if municipality is not None:
        grants = grants.filter(scheme__municipality=municipality)
    if year:
        grants = grants.filter(year=year)
    if scheme is not None:
        grants = grants.filter(scheme=scheme)
    if theme is not None:
        grants = grants.filter(theme=theme)
    if organisation:
        grants = grants.filter(
            Q(organisation__name__icontains=organisation)
            | Q(organisation__kvk_number=organisation)
        )
    if neighbourhood is not None:
        grants = grants.filter(neighbourhood=neighbourhood)
    if framework is not None:
        grants = grants.filter(scheme__framework=framework)
    return grants


def grant_totals(grants: QuerySet[Grant]) -> dict:
    """Count and sums of a filtered register, in one query."""
    committed = Q(status__in=COMMITTED_STATUSES)
    return grants.order_by().aggregate(
        count=Count("pk"),
        granted_count=Count("pk", filter=committed),
        requested=Sum("amount_requested"),
        granted=Sum("amount_granted", filter=committed),
        settled=Sum("amount_settled", filter=Q(status=GrantStatus.SETTLED)),
    )


# The filters the summed totals answer. Any other one narrows the register to a
# framework, scheme, wijk or organisation: a few hundred grants at most, summed
# directly through their indexes.
SUMMED_TOTALS_FILTERS = frozenset({"municipality", "year", "theme"})


def register_totals(filters: dict) -> dict:
    """``grant_totals`` of the public register with these ``filter_grants`` filters,
    in one query: from policy_granttotal (kept exact by the triggers of migration
    0007) less the decisions that are not public (``Grant.objects.hidden_decisions``,
    a few under concept frameworks) when the filters allow, else from the grants."""
    used = {name for name, value in filters.items() if value}
    if not used <= SUMMED_TOTALS_FILTERS:
        return grant_totals(filter_grants(public_grant_list(), **filters))
    where, params = _summed_rows_of(filters.get("municipality"))
    conditions = [where, "status = ANY(%s)"]
    params.append([str(status) for status in PUBLIC_GRANT_STATUSES])
    if filters.get("year"):
        conditions.append("year = %s")
        params.append(filters["year"])
    if filters.get("theme") is not None:
        conditions.append("theme_id = %s")
        params.append(filters["theme"].pk)
    hidden_sql, hidden_params = (
        filter_grants(Grant.objects.hidden_decisions(), **filters)
        .order_by()
        .values("status", "amount_requested", "amount_granted", "amount_settled")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        # Per status (four rows at most), combined below; each hidden decision
        # counts against its status's summed row, as the triggers count it in.
        cursor.execute(
            "SELECT status, sum(grants), sum(requested_grants), sum(requested), "
            "sum(granted), sum(settled) FROM ("
            "SELECT status, grants, requested_grants, requested, granted, settled "
            "FROM policy_granttotal "  # noqa: S608
            f"WHERE {' AND '.join(conditions)} "
            "UNION ALL SELECT hidden.status, -1, "
            "-(hidden.amount_requested IS NOT NULL)::integer, "
            "-coalesce(hidden.amount_requested, 0), "
            "-coalesce(hidden.amount_granted, 0), "
            "-coalesce(hidden.amount_settled, 0) "
            f"FROM ({hidden_sql}) AS hidden"
            ") AS totals GROUP BY status",
            [*params, *hidden_params],
        )
        per_status = [row for row in cursor.fetchall() if row[1]]
    totals = {
        "count": 0,
        "granted_count": 0,
        "requested": None,
        "granted": None,
        "settled": None,
    }
    for status, grants, requested_grants, requested, granted, settled in per_status:
        totals["count"] += grants
        # Without a single amount requested the sum is unknown, as SUM over the
        # grants says, not zero.
        if requested_grants:
            totals["requested"] = (totals["requested"] or 0) + requested
        if status in COMMITTED_STATUSES:
            totals["granted_count"] += grants
            totals["granted"] = (totals["granted"] or 0) + granted
        if status == GrantStatus.SETTLED:
            totals["settled"] = settled
    return totals


# THE BUDGET DASHBOARD
# ------------------------------------------------------------------------------


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
