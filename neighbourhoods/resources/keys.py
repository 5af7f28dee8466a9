"""Columns that name a related row by its natural key (a slug, a CBS code)."""

from import_export.fields import Field
from import_export.widgets import ForeignKeyWidget

from core.spreadsheets import StrictManyToManyWidget


def by_slug(model) -> ForeignKeyWidget:
    return ForeignKeyWidget(model, field="slug")


def by_cbs_code(model) -> ForeignKeyWidget:
    return ForeignKeyWidget(model, field="cbs_code")


def slug_list(name: str, model) -> Field:
    """A many-to-many column of slugs (e.g. "senioren;mantelzorgers")."""
    return Field(
        attribute=name,
        column_name=name,
        widget=StrictManyToManyWidget(model, field="slug"),
    )
