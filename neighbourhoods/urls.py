from django.urls import path

from . import views

app_name = "neighbourhoods"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("wijken/", views.NeighbourhoodListView.as_view(), name="neighbourhood-list"),
    path(
        "wijken/<slug:slug>/",
        views.NeighbourhoodDetailView.as_view(),
        name="neighbourhood-detail",
    ),
    path(
        "toegankelijkheid/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility",
    ),
]
