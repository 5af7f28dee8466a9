"""Columns and widgets the policy resources share: framework slugs, date ranges."""

from datetime import timedelta

from django.db.backends.postgresql.psycopg_any import DateRange
from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget, Widget

from core.spreadsheets import ScopedForeignKeyWidget, parse_dutch_date

from ..models import PolicyFramework


class DateRangeWidget(Widget):
    """A date range, both days included: 2010-03-01/2010-04-30 or 01-03-2010/30-04-2010."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        first, _separator, last = str(value).partition("/")
        # Stored the way PostgreSQL returns it, [first, day after last), so an
        # unchanged row compares equal and is skipped.
        day_after_last = parse_dutch_date(last) + timedelta(days=1)
        return DateRange(parse_dutch_date(first), day_after_last, "[)")

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        last = value.upper
        # PostgreSQL stores a date range as [first, day after last).
        if last is not None and not value.upper_inc:
            last -= timedelta(days=1)
        return f"{value.lower.isoformat()}/{last.isoformat()}"


def framework_field(attribute: str = "framework", *, readonly: bool = False) -> Field:
    """The framework column, by slug; read-only where it only scopes another column."""
    if readonly:
        return Field(attribute=attribute, column_name="framework", readonly=True)
    return Field(
        attribute=attribute,
        column_name="framework",
        widget=ForeignKeyWidget(PolicyFramework, field="slug"),
    )


def in_framework(model, field: str, scope_path: str = "framework__slug"):
    """A widget finding `model` by `field` within the row's framework."""
    return ScopedForeignKeyWidget(model, field=field, scope={scope_path: "framework"})
