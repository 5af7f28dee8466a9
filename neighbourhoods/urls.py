from django.urls import path

from core.public_pages import public_page

from . import views
from .filters import ActivityFilterForm, FacilityFilterForm, OrganisationFilterForm

# The query parameters each page reads (core.public_pages.public_page).
GEMEENTE = ("gemeente",)
PLACES = (*FacilityFilterForm.base_fields, "page")
ACTIVITIES = (*ActivityFilterForm.base_fields, "page")
ORGANISATIONS = (*OrganisationFilterForm.base_fields, "page")

app_name = "neighbourhoods"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path(
        "wijken/",
        public_page(views.NeighbourhoodListView.as_view(), query=GEMEENTE),
        name="neighbourhood-list",
    ),
    path(
        "wijken/kaart.geojson",
        public_page(views.NeighbourhoodBoundariesView.as_view(), query=GEMEENTE),
        name="neighbourhood-boundaries",
    ),
    path(
        "wijken/<slug:slug>/",
        public_page(views.NeighbourhoodDetailView.as_view(), live=True),
        name="neighbourhood-detail",
    ),
    path(
        "wijken/<slug:slug>/grens.geojson",
        public_page(views.NeighbourhoodBoundaryView.as_view()),
        name="neighbourhood-boundary",
    ),
    path(
        "plekken/",
        public_page(views.FacilityListView.as_view(), live=True, query=PLACES),
        name="facility-list",
    ),
    path(
        "plekken/kaart.geojson",
        public_page(
            views.FacilityPointsView.as_view(),
            live=True,
            query=(*FacilityFilterForm.base_fields, "plek"),
        ),
        name="facility-points",
    ),
    path(
        "plekken/<slug:slug>/",
        public_page(views.FacilityDetailView.as_view(), live=True),
        name="facility-detail",
    ),
    path(
        "activiteiten/",
        public_page(views.ActivityListView.as_view(), query=ACTIVITIES),
        name="activity-list",
    ),
    path(
        "activiteiten/<int:pk>/",
        public_page(views.ActivityDetailView.as_view()),
        name="activity-detail",
    ),
    path(
        "organisaties/",
        public_page(views.OrganisationListView.as_view(), query=ORGANISATIONS),
        name="organisation-list",
    ),
    path(
        "organisaties/<slug:slug>/",
        public_page(views.OrganisationDetailView.as_view()),
        name="organisation-detail",
    ),
    path(
        "zoeken/", public_page(views.SearchView.as_view(), query=("q",)), name="search"
    ),
    path(
        "open-data/",
        public_page(views.OpenDataView.as_view(), query=GEMEENTE),
        name="open-data",
    ),
    path(
        "open-data/<slug:dataset>.<str:file_format>",
        views.OpenDataDownloadView.as_view(),
        name="open-data-download",
    ),
    path(
        "toegankelijkheid/",
        public_page(views.AccessibilityStatementView.as_view()),
        name="accessibility",
    ),
]
