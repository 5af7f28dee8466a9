"""Changelists of tables with hundreds of thousands of rows, at country scale.

Counting every row of a table of millions takes longer than the page itself, and the
admin counts twice: once for the paginator, once for "(n in total)". An admin with
`LargeTableAdminMixin`

- never counts the whole table for the second figure (``show_full_result_count``);
- counts an unfiltered list only up to `EstimatedCountPaginator.exact_up_to` rows;
  beyond that it takes the planner's row estimate of the table (``pg_class.reltuples``,
  kept up to date by autovacuum), so page links and "select all" stay about right;
- is given an ``ordering`` of its own table's columns that an index serves (the
  models' default ordering often follows a foreign key to another table's name,
  which sorts every row of the join before the first page can be shown);
- counts related rows with `count_of` (per row shown) rather than a joined Count.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property


def count_of(queryset, to_parent: str):
    """How many rows of `queryset` point at each listed row through `to_parent`.

    A correlated subquery runs only for the rows of the page shown, where a joined
    ``Count`` groups the whole joined table before the first row can be shown.
    """
    counted = (
        queryset.filter(**{to_parent: OuterRef("pk")})
        .order_by()
        .values(to_parent)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(
        Subquery(counted, output_field=IntegerField()),
        Value(0),
        output_field=IntegerField(),
    )


def table_estimate(model, using: str) -> int:
    """The planner's estimate of the number of rows of `model`'s table (-1: unknown)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connections[using].ops.quote_name(model._meta.db_table)],
        )
        row = cursor.fetchone()
    return -1 if row is None or row[0] is None else int(row[0])


class EstimatedCountPaginator(Paginator):
    """Exact up to `exact_up_to` rows; an unfiltered list of a larger table is estimated.

    The exact count reads at most ``exact_up_to + 1`` rows (``COUNT(*)`` over a
    ``LIMIT``), so it stays cheap however large the table is. A filtered list is
    counted exactly, as before.
    """

    exact_up_to = 10_000
    # Whether `count` is the planner's estimate; the changelist then says "about"
    # (templates/admin/pagination.html).
    estimated = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        query = queryset.query
        if query.where or query.combinator or query.distinct or query.is_sliced:
            return super().count
        # Unfiltered: every row of the table is in the list (joins only label rows).
        bound = self.exact_up_to + 1
        rows = queryset.model._base_manager.using(queryset.db).order_by()
        counted = rows.values("pk")[:bound].count()
        if counted < bound:
            return counted
        self.estimated = True
        return max(table_estimate(queryset.model, queryset.db), bound)


class LargeTableAdminMixin:
    """For the ModelAdmin of a table with (many) more rows than a page shows."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
