"""Public pages of the social map: neighbourhoods, places, activities, organisations,
search, open data and the accessibility statement, by topic."""

from .activities import (
    ActivityDetailView,
    ActivityListView,
    OrganisationDetailView,
    OrganisationListView,
)
from .common import (
    HOME,
    OPEN_DATA_MAX_AGE,
    PAGE_SIZE,
    BreadcrumbsMixin,
    FilteredListMixin,
    first_rows,
    geojson_response,
    municipality_from_query,
    report_error_url,
)
from .neighbourhoods import (
    NEIGHBOURHOOD_ACTIVITIES_SHOWN,
    NEIGHBOURHOOD_ORGANISATIONS_SHOWN,
    NEIGHBOURHOOD_PLACES_SHOWN,
    NEIGHBOURHOODS_ON_ONE_PAGE,
    HomeView,
    NeighbourhoodBoundariesView,
    NeighbourhoodBoundaryView,
    NeighbourhoodDetailView,
    NeighbourhoodListView,
    municipality_index_items,
    neighbourhood_overview,
)
from .open_data import (
    OpenDataDownloadView,
    OpenDataView,
)
from .pages import (
    ACCESSIBILITY_MANUAL_CHECK_DATE,
    ACCESSIBILITY_STATEMENT_DATE,
    SEARCH_LIMIT,
    SEARCH_MAX_LENGTH,
    AccessibilityStatementView,
    SearchView,
)
from .places import (
    FacilityDetailView,
    FacilityListView,
    FacilityPointsView,
)

__all__ = [
    "HOME",
    "PAGE_SIZE",
    "OPEN_DATA_MAX_AGE",
    "first_rows",
    "BreadcrumbsMixin",
    "FilteredListMixin",
    "municipality_from_query",
    "geojson_response",
    "report_error_url",
    "NEIGHBOURHOODS_ON_ONE_PAGE",
    "NEIGHBOURHOOD_PLACES_SHOWN",
    "NEIGHBOURHOOD_ORGANISATIONS_SHOWN",
    "NEIGHBOURHOOD_ACTIVITIES_SHOWN",
    "neighbourhood_overview",
    "municipality_index_items",
    "HomeView",
    "NeighbourhoodListView",
    "NeighbourhoodDetailView",
    "NeighbourhoodBoundaryView",
    "NeighbourhoodBoundariesView",
    "FacilityListView",
    "FacilityPointsView",
    "FacilityDetailView",
    "ActivityListView",
    "ActivityDetailView",
    "OrganisationListView",
    "OrganisationDetailView",
    "ACCESSIBILITY_STATEMENT_DATE",
    "ACCESSIBILITY_MANUAL_CHECK_DATE",
    "SEARCH_LIMIT",
    "SEARCH_MAX_LENGTH",
    "AccessibilityStatementView",
    "SearchView",
    "OpenDataView",
    "OpenDataDownloadView",
]
