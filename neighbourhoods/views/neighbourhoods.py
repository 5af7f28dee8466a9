"""The home page, the list of neighbourhoods, one neighbourhood and its boundaries."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, TemplateView

from core import public_pages as page_cache
from core.links import url_for

from .. import open_data, selectors
from ..models import Municipality, Neighbourhood
from ..staffing import neighbourhood_teams
from .common import (
    HOME,
    BreadcrumbsMixin,
    first_rows,
    geojson_response,
)

# Wijken one page lists at most; a portal with more (many municipalities) lists the
# municipalities first, each linking to its own wijken.
NEIGHBOURHOODS_ON_ONE_PAGE = 300
# What a neighbourhood page shows at most of each; links lead to the full lists.
NEIGHBOURHOOD_PLACES_SHOWN = 60
NEIGHBOURHOOD_ORGANISATIONS_SHOWN = 30
NEIGHBOURHOOD_ACTIVITIES_SHOWN = 20


def neighbourhood_overview(municipality_slug: str = "") -> dict[str, Any]:
    """What the home page and /wijken/ list: every wijk by municipality and district,
    or, when the portal holds more wijken than one page shows, the municipalities,
    each linking to its own wijken (``?gemeente=``); one municipality's wijken when
    it is chosen (404 for an unknown one)."""
    if municipality_slug:
        municipalities = selectors.municipality_list_with_neighbourhoods().filter(
            slug=municipality_slug
        )
        chosen = municipalities.first()
        if chosen is None:
            raise Http404(_("Deze gemeente staat niet in het portaal."))
        return {"municipalities": [chosen], "chosen_municipality": chosen}
    index = list(selectors.municipality_index())
    if sum(municipality.neighbourhood_count for municipality in index) > (
        NEIGHBOURHOODS_ON_ONE_PAGE
    ):
        return {"municipality_index": municipality_index_items(index)}
    # Few enough to list every wijk: the municipalities with only what the list
    # shows, and their wijken in one more query.
    municipalities = [Municipality(pk=m.pk, slug=m.slug, name=m.name) for m in index]
    return {"municipalities": selectors.with_neighbourhoods(municipalities)}


def municipality_index_items(municipalities: list) -> list[dict[str, str]]:
    """The items of the municipality index (rows of selectors.municipality_index()),
    each linking to its wijken; the same few counts recur, so each is translated
    once (a country lists hundreds of municipalities)."""
    labels: dict[int, str] = {}
    items = []
    for municipality in municipalities:
        count = municipality.neighbourhood_count
        if count not in labels:
            labels[count] = ngettext("%(count)s wijk", "%(count)s wijken", count) % {
                "count": count
            }
        items.append(
            {
                "slug": municipality.slug,
                "name": municipality.name,
                "label": labels[count],
            }
        )
    return items


class HomeView(TemplateView):
    """The home page: municipalities and their neighbourhoods."""

    template_name = "neighbourhoods/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.update(neighbourhood_overview())
        return super().get_context_data(**kwargs)


class NeighbourhoodListView(BreadcrumbsMixin, TemplateView):
    """All neighbourhoods, grouped by municipality and district; with many
    municipalities first the municipality (``?gemeente=``)."""

    template_name = "neighbourhoods/neighbourhood_list.html"

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        trail = [
            (HOME, reverse("neighbourhoods:home")),
            (_("Wijken"), self.request.path),
        ]
        chosen = self.overview.get("chosen_municipality")
        if chosen is not None:
            trail.append((chosen.name, self.request.get_full_path()))
        return trail

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.overview = neighbourhood_overview(self.request.GET.get("gemeente", ""))
        kwargs.update(self.overview)
        return super().get_context_data(**kwargs)


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
        # The same for every visitor: kept in the cache until the data changes.
        kwargs.update(
            page_cache.kept(
                f"wijk:{self.object.pk}:{timezone.localdate().isoformat()}",
                self.sections,
            )
        )
        page_cache.shows_municipalities(self.request, self.object.municipality_id)
        kwargs["map_label"] = _("Kaart van %(name)s met de grens en de plekken") % {
            "name": self.object.name
        }
        return super().get_context_data(**kwargs)

    # The columns the cards and the table show; the rest of these wide rows (and
    # their JSON) cost more to load than the page takes to render.
    FACILITY_FIELDS = (
        *("name", "slug", "kind", "is_heart", "wheelchair_accessible"),
        *("street", "house_number", "postcode", "city", "operator__name"),
        "operator__slug",
    )
    ORGANISATION_FIELDS = ("name", "slug", "kind", "roles", "is_formal", "website")
    ACTIVITY_FIELDS = (
        *("title", "cost", "cost_note", "starts_on", "ends_on"),
        *("facility__name", "facility__slug", "organisation__name"),
        "organisation__slug",
    )

    def sections(self) -> dict[str, Any]:
        """Places, hearts, organisations, activities and teams, evaluated."""
        neighbourhood: Neighbourhood = self.object
        kwargs: dict[str, Any] = {}
        team_figures = neighbourhood_teams(
            neighbourhood=neighbourhood, on=timezone.localdate()
        )
        places = selectors.neighbourhood_facility_list(
            neighbourhood=neighbourhood
        ).only(*self.FACILITY_FIELDS)
        # A page shows a bounded number of each; the lists behind the links show all.
        facilities, kwargs["more_facilities"] = first_rows(
            places, NEIGHBOURHOOD_PLACES_SHOWN
        )
        organisations, kwargs["more_organisations"] = first_rows(
            selectors.neighbourhood_organisation_list(neighbourhood=neighbourhood).only(
                *self.ORGANISATION_FIELDS
            ),
            NEIGHBOURHOOD_ORGANISATIONS_SHOWN,
        )
        activities, kwargs["more_activities"] = first_rows(
            selectors.neighbourhood_activity_list(
                neighbourhood=neighbourhood, today=timezone.localdate()
            ).only(*self.ACTIVITY_FIELDS),
            NEIGHBOURHOOD_ACTIVITIES_SHOWN,
        )
        if neighbourhood.has_boundary or facilities:
            kwargs["map_layers"] = [
                reverse(
                    "neighbourhoods:neighbourhood-boundary", args=[neighbourhood.slug]
                ),
                reverse("neighbourhoods:facility-points")
                + f"?wijk={neighbourhood.slug}",
            ]
        # Links to up to 60 places and 30 organisations, without a reverse() each.
        hearts = list(places.filter(is_heart=True))
        place_url = url_for("neighbourhoods:facility-detail", "slug")
        for heart in hearts:
            heart.url = place_url(heart.slug)
        organisation_url = url_for("neighbourhoods:organisation-detail", "slug")
        for organisation in organisations:
            organisation.url = organisation_url(organisation.slug)
        kwargs.update(
            facilities=facilities,
            hearts=hearts,
            organisations=organisations,
            activities=activities,
            # The teams with their staffing, in one query for both sections.
            team_figures=team_figures,
            teams=[figure.team for figure in team_figures],
        )
        return kwargs


class NeighbourhoodBoundaryView(View):
    """One neighbourhood's boundary as a GeoJSON FeatureCollection."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        wijk = get_object_or_404(selectors.neighbourhood_boundaries(), slug=slug)
        document = open_data.feature_collection([open_data.neighbourhood_feature(wijk)])
        return geojson_response(request, document)


class NeighbourhoodBoundariesView(View):
    """All neighbourhood boundaries (?gemeente=slug for one municipality)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        municipality = None
        if request.GET.get("gemeente"):
            municipality = get_object_or_404(Municipality, slug=request.GET["gemeente"])
        document = open_data.feature_collection(
            [
                open_data.neighbourhood_feature(wijk)
                for wijk in selectors.neighbourhood_boundaries(
                    municipality=municipality
                )
            ]
        )
        return geojson_response(request, document)
