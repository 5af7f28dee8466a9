"""Public pages of the social map: home, neighbourhoods, accessibility statement."""

from datetime import date
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import DetailView, ListView, TemplateView

from . import selectors
from .models import Neighbourhood

# When the accessibility statement was last reviewed; update it with the text.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 22)
# The first breadcrumb; the context keeps it apart from the admin's "Home" (Voorpagina).
HOME = pgettext_lazy("hoofdmenu", "Home")


class BreadcrumbsMixin:
    """Puts the trail from the home page to this page in the context."""

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        """(label, url) pairs from home to the current page; the last is not linked."""
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("breadcrumbs", self.get_breadcrumbs())
        return super().get_context_data(**kwargs)


class HomeView(TemplateView):
    """The home page: municipalities and their neighbourhoods."""

    template_name = "neighbourhoods/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["municipalities"] = selectors.municipality_list_with_neighbourhoods()
        return super().get_context_data(**kwargs)


class NeighbourhoodListView(BreadcrumbsMixin, ListView):
    """All neighbourhoods, grouped by municipality and district."""

    template_name = "neighbourhoods/neighbourhood_list.html"
    context_object_name = "municipalities"

    def get_queryset(self):
        return selectors.municipality_list_with_neighbourhoods()

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Wijken"), self.request.path),
        ]


class NeighbourhoodDetailView(BreadcrumbsMixin, DetailView):
    """One neighbourhood's social map: places, organisations, activities, teams."""

    template_name = "neighbourhoods/neighbourhood_detail.html"
    context_object_name = "neighbourhood"

    def get_queryset(self):
        return selectors.neighbourhood_list()

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Wijken"), reverse("neighbourhoods:neighbourhood-list")),
            (self.object.name, self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        neighbourhood: Neighbourhood = self.object
        kwargs.update(
            facilities=selectors.neighbourhood_facility_list(
                neighbourhood=neighbourhood
            ),
            organisations=selectors.neighbourhood_organisation_list(
                neighbourhood=neighbourhood
            ),
            activities=selectors.neighbourhood_activity_list(
                neighbourhood=neighbourhood, today=timezone.localdate()
            ),
            teams=selectors.neighbourhood_team_list(neighbourhood=neighbourhood),
        )
        return super().get_context_data(**kwargs)


class AccessibilityStatementView(BreadcrumbsMixin, TemplateView):
    """The accessibility statement (toegankelijkheidsverklaring)."""

    template_name = "neighbourhoods/accessibility.html"

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Toegankelijkheid"), self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["statement_date"] = ACCESSIBILITY_STATEMENT_DATE
        # Where people report a problem; the municipality sets it per deployment.
        kwargs["contact_email"] = getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", "")
        return super().get_context_data(**kwargs)
