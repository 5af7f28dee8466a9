"""Reads the subsidy pages share: the public register and the budget dashboard."""

from .dashboard import (
    CategoryFigures,
    Dashboard,
    NeighbourhoodFigures,
    YearFigures,
    budget_dashboard,
    dashboard_years,
    overdue_reports,
    per_inhabitant,
)
from .register import (
    SUMMED_TOTALS_FILTERS,
    filter_grants,
    grant_totals,
    grant_years,
    label_register_rows,
    public_grant_list,
    register_page_rows,
    register_totals,
)

__all__ = [
    "SUMMED_TOTALS_FILTERS",
    "CategoryFigures",
    "Dashboard",
    "NeighbourhoodFigures",
    "YearFigures",
    "budget_dashboard",
    "dashboard_years",
    "filter_grants",
    "grant_totals",
    "grant_years",
    "label_register_rows",
    "overdue_reports",
    "per_inhabitant",
    "public_grant_list",
    "register_page_rows",
    "register_totals",
]
