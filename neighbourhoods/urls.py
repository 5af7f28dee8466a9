from django.urls import path

from . import views

app_name = "neighbourhoods"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("wijken/", views.NeighbourhoodListView.as_view(), name="neighbourhood-list"),
    path(
        "wijken/kaart.geojson",
        views.NeighbourhoodBoundariesView.as_view(),
        name="neighbourhood-boundaries",
    ),
    path(
        "wijken/<slug:slug>/",
        views.NeighbourhoodDetailView.as_view(),
        name="neighbourhood-detail",
    ),
    path(
        "wijken/<slug:slug>/grens.geojson",
        views.NeighbourhoodBoundaryView.as_view(),
        name="neighbourhood-boundary",
    ),
    path("plekken/", views.FacilityListView.as_view(), name="facility-list"),
    path(
        "plekken/kaart.geojson",
        views.FacilityPointsView.as_view(),
        name="facility-points",
    ),
    path(
        "plekken/<slug:slug>/",
        views.FacilityDetailView.as_view(),
        name="facility-detail",
    ),
    path("activiteiten/", views.ActivityListView.as_view(), name="activity-list"),
    path(
        "activiteiten/<int:pk>/",
        views.ActivityDetailView.as_view(),
        name="activity-detail",
    ),
    path(
        "organisaties/",
        views.OrganisationListView.as_view(),
        name="organisation-list",
    ),
    path(
        "organisaties/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("zoeken/", views.SearchView.as_view(), name="search"),
    path("open-data/", views.OpenDataView.as_view(), name="open-data"),
    path(
        "open-data/<slug:dataset>.<str:file_format>",
        views.OpenDataDownloadView.as_view(),
        name="open-data-download",
    ),
    path(
        "toegankelijkheid/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility",
    ),
]
