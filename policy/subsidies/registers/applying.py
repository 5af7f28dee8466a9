"""Writing a plan without errors in one transaction, with bulk statements."""

from collections.abc import Iterable

from django.db import connection, transaction

from neighbourhoods.models import (
    Municipality,
    Organisation,
    Theme,
)

from ...models import (
    Grant,
    PolicyFramework,
    SchemeKind,
    SubsidyScheme,
)
from ...models.subsidies import (
    COMMITTED_STATUSES,
)
from .plan import (
    Action,
    ImportPlan,
)
from .planning import (
    plan_import,
)
from .reading import (
    RegisterTable,
)

BATCH_SIZE = 1000


class RegisterImportError(ValueError):
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__("\n".join(str(error) for error in plan.errors))


GRANT_FIELDS = (
    "scheme",
    "organisation",
    "theme",
    "year",
    "last_year",
    "purpose",
    "status",
    "amount_requested",
    "amount_granted",
    "amount_settled",
    "periodicity",
    "funding_department",
    "neighbourhood",
    "decided_on",
)


@transaction.atomic
def apply_import(plan: ImportPlan) -> ImportPlan:
    """Write a plan without errors: all rows or none."""
    if not plan.is_valid:
        raise RegisterImportError(plan)
    municipality = plan.municipality

    new_themes = plan.new_themes
    Theme.objects.bulk_create(
        [Theme(name=theme.name, slug=theme.slug) for theme in new_themes],
        batch_size=BATCH_SIZE,
    )
    # bulk_create fills in the primary keys on PostgreSQL.
    created_themes = Theme.objects.filter(slug__in=[t.slug for t in new_themes])
    by_slug = {theme.slug: theme for theme in created_themes} if new_themes else {}
    for theme in new_themes:
        theme.instance = by_slug[theme.slug]

    new_organisations = plan.new_organisations
    granted_to = {
        id(row.recipient) for row in plan.rows if row.status in COMMITTED_STATUSES
    }
    organisations = [
        Organisation(
            name=organisation.name,
            slug=organisation.slug,
            kind=organisation.kind,
            kvk_number=organisation.kvk_number,
            municipality=municipality,
            is_subsidised=id(organisation) in granted_to,
        )
        for organisation in new_organisations
    ]
    Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
    for planned, instance in zip(new_organisations, organisations, strict=True):
        planned.instance = instance

    new_schemes = plan.new_schemes
    schemes = [
        SubsidyScheme(
            name=scheme.name,
            slug=scheme.slug,
            municipality=municipality,
            framework=plan.framework,
            kind=scheme.kinds.most_common(1)[0][0]
            if scheme.kinds
            else SchemeKind.YEARLY,
            category=scheme.category,
        )
        for scheme in new_schemes
    ]
    SubsidyScheme.objects.bulk_create(schemes, batch_size=BATCH_SIZE)
    for planned, instance in zip(new_schemes, schemes, strict=True):
        planned.instance = instance

    to_create: list[Grant] = []
    to_update: list[Grant] = []
    for row in plan.rows:
        if row.action == Action.UNCHANGED:
            continue
        grant = (
            row.existing if row.existing is not None else Grant(reference=row.reference)
        )
        grant.scheme = row.scheme.existing or row.scheme.instance
        grant.organisation = row.recipient.existing or row.recipient.instance
        grant.theme = (
            (row.theme.existing or row.theme.instance)
            if row.theme is not None
            else None
        )
        grant.year = row.year
        grant.last_year = row.last_year
        grant.purpose = row.purpose
        grant.status = row.status
        grant.amount_requested = row.amount_requested
        grant.amount_granted = row.amount_granted
        grant.periodicity = row.periodicity
        grant.funding_department = row.funding_department
        if "settled" in plan.mapping or row.existing is None:
            grant.amount_settled = row.amount_settled
        if "neighbourhood" in plan.mapping or row.existing is None:
            grant.neighbourhood = row.neighbourhood
        if "decided_on" in plan.mapping or row.existing is None:
            grant.decided_on = row.decided_on
        (to_update if row.existing is not None else to_create).append(grant)
    Grant.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    _bulk_update(to_update, GRANT_FIELDS)
    return plan


def _bulk_update(grants: list[Grant], field_names: Iterable[str]) -> None:
    """UPDATE … FROM (VALUES …): one statement per batch whose cost grows with the
    rows. (Django's bulk_update writes a CASE with a branch per row for every column,
    which PostgreSQL evaluates per row: quadratic, minutes for 30,000 rows.)"""
    if not grants:
        return
    fields = [Grant._meta.get_field(name) for name in field_names]
    pk = Grant._meta.pk
    columns = [pk, *fields]
    quote = connection.ops.quote_name
    table = quote(Grant._meta.db_table)
    row_sql = (
        "(" + ", ".join(f"%s::{f.cast_db_type(connection)}" for f in columns) + ")"
    )
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    names = ", ".join(quote(f.column) for f in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(grants), BATCH_SIZE):
            batch = grants[start : start + BATCH_SIZE]
            params = [
                field.get_db_prep_save(getattr(grant, field.attname), connection)
                for grant in batch
                for field in columns
            ]
            cursor.execute(
                f"UPDATE {table} AS g SET {assignments} "  # noqa: S608 (names only)
                f"FROM (VALUES {', '.join([row_sql] * len(batch))}) AS v({names}) "
                f"WHERE g.{quote(pk.column)} = v.{quote(pk.column)}",
                params,
            )


def import_register(
    table: RegisterTable,
    *,
    municipality: Municipality,
    framework: PolicyFramework | None = None,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan and, unless a dry run, write; raises RegisterImportError on any bad row."""
    plan = plan_import(table, municipality=municipality, framework=framework)
    if not plan.is_valid:
        raise RegisterImportError(plan)
    if not dry_run:
        apply_import(plan)
    return plan
