"""The places (facilities): the list, the points on the map, one place."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from core import public_pages as page_cache

from .. import open_data, selectors
from ..filters import (
    FacilityFilterForm,
)
from ..models import Facility, Weekday
from .common import (
    HOME,
    BreadcrumbsMixin,
    FilteredListMixin,
    _shows_chosen_municipality,
    geojson_response,
    report_error_url,
)


class FacilityListView(FilteredListMixin, ListView):
    """All places, with filters that combine, a map and a list."""

    template_name = "neighbourhoods/facility_list.html"
    context_object_name = "facilities"
    form_class = FacilityFilterForm

    def get_queryset(self):
        form = self.get_form()
        places = selectors.facility_list(
            filters=form.filters, moment=timezone.now(), sort=form.sort
        )
        return selectors.facility_page_rows(places)

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Plekken"), self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = context["filter_query"]
        points = reverse("neighbourhoods:facility-points")
        context["map_layers"] = [points + (f"?{query}" if query else "")]
        wijk = context["active_filters"].get("wijk")
        if wijk is not None:
            context["map_layers"].insert(
                0, reverse("neighbourhoods:neighbourhood-boundary", args=[wijk.slug])
            )
        _shows_chosen_municipality(self.request, context["active_filters"])
        now = timezone.now()
        for facility in context["facilities"]:
            # None when the hours are unknown: "closed" would then be a guess.
            facility.open_now = (
                facility.is_open_at(now) if facility.opening_hours.all() else None
            )
        return context


class FacilityPointsView(View):
    """The places of /plekken/ (same filters) as GeoJSON points for the map."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = FacilityFilterForm(request.GET)
        _shows_chosen_municipality(request, form.filters)
        places = selectors.facility_list(filters=form.filters, moment=timezone.now())
        if request.GET.get("plek"):
            places = places.filter(slug=request.GET["plek"])
        places = selectors.facility_points(places)
        document = open_data.feature_collection(
            [open_data.place_feature(place) for place in places]
        )
        found = document["features"]
        if not form.is_valid() or (request.GET.keys() & {"q", "plek"} and not found):
            page_cache.not_shared(request)
        return geojson_response(request, document)


class FacilityDetailView(BreadcrumbsMixin, DetailView):
    """One place: address, hours, accessibility, contact, rooms, activities, map."""

    template_name = "neighbourhoods/facility_detail.html"
    context_object_name = "facility"

    def get_queryset(self):
        return selectors.facility_detail()

    def get_object(self, queryset=None) -> Facility:
        # The place with all it prefetches, the same for everyone: cached by version.
        return page_cache.kept(
            f"plek:{self.kwargs['slug']}",
            lambda: super(FacilityDetailView, self).get_object(queryset),
        )

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Plekken"), reverse("neighbourhoods:facility-list")),
            (self.object.name, self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        facility: Facility = self.object
        page_cache.shows_municipalities(
            self.request,
            facility.municipality_id,
            facility.neighbourhood and facility.neighbourhood.municipality_id,
        )
        now = timezone.now()
        today = timezone.localdate()
        weekly: dict[int, list] = {}
        for hours in facility.opening_hours.all():
            weekly.setdefault(hours.weekday, []).append(hours)
        kwargs["week"] = [
            (day, label, weekly.get(day, [])) for day, label in Weekday.choices
        ]
        kwargs["week_has_hours"] = bool(weekly)
        kwargs["today"] = today.weekday()
        kwargs["is_open_now"] = facility.is_open_at(now)
        kwargs["map_label"] = _("Kaart met de ligging van %(name)s") % {
            "name": facility.name
        }
        kwargs["upcoming_exceptions"] = [
            exception
            for exception in facility.opening_exceptions.all()
            if exception.date >= today
        ][:5]
        kwargs["activities"] = [
            activity
            for activity in facility.activities.all()
            if activity.ends_on is None or activity.ends_on >= today
        ]
        if facility.latitude is not None and facility.longitude is not None:
            kwargs["map_layers"] = [
                reverse("neighbourhoods:facility-points") + f"?plek={facility.slug}"
            ]
        kwargs["report_error_url"] = report_error_url(
            facility.name, self.request.build_absolute_uri()
        )
        return super().get_context_data(**kwargs)
