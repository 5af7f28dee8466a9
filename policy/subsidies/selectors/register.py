"""The public register of subsidies: its rows, filters, years and totals.

Every figure is one aggregate query.
"""

from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum

from neighbourhoods.models import Municipality, Neighbourhood

from ...models import (
    Grant,
    GrantStatus,
)
from ...models.subsidies import COMMITTED_STATUSES, PUBLIC_GRANT_STATUSES


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
    (``label_register_rows`` adds them), which keeps the query cheap to plan."""
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
        # after sorting, and the query plans faster.
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
