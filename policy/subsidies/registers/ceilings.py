"""The ceiling check of a plan: committed grants per scheme and year against its ceiling."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from ...models import Grant
from ...models.subsidies import COMMITTED_STATUSES, ceiling_exceeded_message
from .plan import ImportPlan, RowError, RowPlan


def check_ceilings(plan: ImportPlan) -> None:
    """Adds an error where the committed grants of a scheme and year pass its ceiling."""
    schemes = {
        row.scheme.existing.pk: row.scheme.existing
        for row in plan.rows
        if row.scheme.existing is not None and row.scheme.existing.ceiling is not None
    }
    if not schemes:
        return
    totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for item in (
        Grant.objects.filter(scheme_id__in=schemes, status__in=COMMITTED_STATUSES)
        .values("scheme_id", "year")
        .annotate(total=Sum("amount_granted"))
    ):
        totals[(item["scheme_id"], item["year"])] = item["total"]
    last_row: dict[tuple[int, int], RowPlan] = {}
    for row in plan.rows:
        old = row.existing
        if old is not None and old.status in COMMITTED_STATUSES:
            totals[(old.scheme_id, old.year)] -= old.amount_granted or 0
        scheme = row.scheme.existing
        if scheme is None or scheme.pk not in schemes:
            continue
        if row.status in COMMITTED_STATUSES:
            totals[(scheme.pk, row.year)] += row.amount_granted or 0
            last_row[(scheme.pk, row.year)] = row
    for (scheme_id, year), total in totals.items():
        scheme = schemes.get(scheme_id)
        if (
            scheme is not None
            and total > scheme.ceiling
            and (scheme_id, year) in (last_row)
        ):
            plan.errors.append(
                RowError(
                    last_row[(scheme_id, year)].location,
                    ceiling_exceeded_message(scheme=scheme, year=year, total=total),
                )
            )
