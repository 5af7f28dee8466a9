"""Public pages of the social map: neighbourhoods, places, activities, organisations,
search, open data and the accessibility statement."""

import hashlib
import json
from datetime import date
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.functional import Promise, cached_property
from django.utils.http import quote_etag
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from core import accessibility
from core import public_pages as page_cache
from core.links import url_for

from . import open_data, search, selectors
from .filters import (
    ActivityFilterForm,
    FacilityFilterForm,
    OrganisationFilterForm,
    PublicFilterForm,
)
from .models import Facility, Municipality, Neighbourhood, Organisation, Weekday
from .staffing import neighbourhood_teams

# When the accessibility statement was last reviewed, and when its journeys were
# last walked by hand; update them with the text.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 8)
ACCESSIBILITY_MANUAL_CHECK_DATE = date(2026, 12, 8)
# The first breadcrumb; the context keeps it apart from the admin's "Home" (Voorpagina).
HOME = pgettext_lazy("hoofdmenu", "Home")
# Wijken one page lists at most; a portal with more (many municipalities) lists the
# municipalities first, each linking to its own wijken.
NEIGHBOURHOODS_ON_ONE_PAGE = 300
# Rows per page of the lists.
PAGE_SIZE = 20
# What a neighbourhood page shows at most of each; links lead to the full lists.
NEIGHBOURHOOD_PLACES_SHOWN = 60
NEIGHBOURHOOD_ORGANISATIONS_SHOWN = 30
NEIGHBOURHOOD_ACTIVITIES_SHOWN = 20
# Results on the search page, over all sources together.
SEARCH_LIMIT = 30
SEARCH_MAX_LENGTH = 200
# Seconds a browser or proxy may reuse an open-data file before asking again.
OPEN_DATA_MAX_AGE = 3600


def first_rows(queryset, limit: int) -> tuple[list, bool]:
    """The first `limit` rows and whether there are more, in one query."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


class BreadcrumbsMixin:
    """Puts the trail from the home page to this page in the context, and what a map
    on the page needs (the configured tile layer)."""

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        """(label, url) pairs from home to the current page; the last is not linked."""
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("breadcrumbs", self.get_breadcrumbs())
        kwargs.setdefault("map_tile_url", settings.MAP_TILE_URL)
        kwargs.setdefault("map_tile_attribution", settings.MAP_TILE_ATTRIBUTION)
        kwargs.setdefault("map_label", _("Kaart van de plekken"))
        return super().get_context_data(**kwargs)


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


def municipality_index_items(municipalities: list) -> SafeString:
    """The <li>s of the municipality index (rows of selectors.municipality_index()),
    each linking to its wijken.

    Built here rather than in a template loop: a country's 342 municipalities took
    a third of the home page's time in five template lookups each.
    """
    list_url = reverse("neighbourhoods:neighbourhood-list")
    labels: dict[int, str] = {}  # the same few counts recur: translate each once
    items = []
    for municipality in municipalities:
        count = municipality.neighbourhood_count
        if count not in labels:
            labels[count] = ngettext("%(count)s wijk", "%(count)s wijken", count) % {
                "count": count
            }
        items.append(
            '<li class="utrecht-unordered-list__item"><a class="utrecht-link" '
            f'href="{list_url}?gemeente={escape(municipality.slug)}">'
            f"{escape(municipality.name)}</a> "
            f'<span class="portal-meta">{escape(labels[count])}</span></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 (every value is escaped above)


class HomeView(TemplateView):
    """The home page: municipalities and their neighbourhoods."""

    template_name = "neighbourhoods/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.update(neighbourhood_overview())
        kwargs.update(public_cache_context())
        return super().get_context_data(**kwargs)


def public_cache_context() -> dict[str, Any]:
    """What a template's `{% cache %}` fragment keys on: the data's version, the TTL."""
    return {
        "public_cache_version": page_cache.version(),
        "public_cache_timeout": page_cache.TIMEOUT,
    }


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
        kwargs.update(public_cache_context())
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
        kwargs["manual_check_date"] = ACCESSIBILITY_MANUAL_CHECK_DATE
        # What the accessibility tests check, from the values the tests themselves use.
        kwargs["axe_tags"] = accessibility.AXE_TAGS.values()
        kwargs["browser_checks"] = accessibility.BROWSER_CHECKS.values()
        kwargs["checked_widths"] = accessibility.CHECKED_WIDTHS
        # Where people report a problem; the municipality sets it per deployment.
        kwargs["contact_email"] = getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", "")
        return super().get_context_data(**kwargs)


class FilteredListMixin(BreadcrumbsMixin):
    """A list with a GET filter form whose values stay in the URL."""

    class paginator_class(Paginator):  # noqa: N801 (ListView's attribute name)
        """Counts the rows only as far as it needs to: up to `count_limit`, or up to
        the page asked for. An exact COUNT of 100,000 places (or of a filter that few
        places fail) reads them all; the heading then says "more than 1000".

        `more` tells whether there are rows beyond `count_floor`; `count` is then one
        more than that, so the page numbers lead on to the next page.
        """

        count_limit = 1000
        # No list comes near it; a page number beyond it is simply past the end
        # (404), where counting up to it would overflow PostgreSQL's LIMIT (bigint).
        count_ceiling = 10**9

        def page(self, number):
            try:
                wanted = int(number)
            except (TypeError, ValueError):
                wanted = 1
            self.count_floor = min(
                max(self.count_limit, wanted * self.per_page), self.count_ceiling
            )
            return super().page(number)

        @cached_property
        def count(self) -> int:
            floor = getattr(self, "count_floor", self.count_limit)
            self.count_floor = floor
            counted = self.object_list.order_by()[: floor + 1].count()
            self.more = counted > floor
            return counted

        @property
        def pages_floor(self) -> int:
            """The number of full pages below `count_floor`, for "of more than N"."""
            return self.count_floor // self.per_page

    form_class: type[PublicFilterForm]
    paginate_by = PAGE_SIZE

    def get_form(self) -> PublicFilterForm:
        if not hasattr(self, "_form"):
            self._form = self.form_class(self.request.GET)
        return self._form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = self.get_form()
        kwargs["form"] = form
        kwargs["active_filters"] = form.filters
        # The filters without the page, for links to other pages and sorts.
        query = self.request.GET.copy()
        query.pop("page", None)
        kwargs["filter_query"] = query.urlencode()
        return super().get_context_data(**kwargs)


def _shows_chosen_municipality(request: HttpRequest, filters: dict[str, Any]) -> None:
    """The places of one municipality or wijk are kept in the cache while other
    municipalities change (core.public_pages): all else such a list shows is
    shared (the municipalities of the select, target groups, themes, operators)."""
    gemeente, wijk = filters.get("gemeente"), filters.get("wijk")
    if gemeente is not None or wijk is not None:
        page_cache.shows_municipalities(
            request, gemeente and gemeente.pk, wijk and wijk.municipality_id
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


class ActivityListView(FilteredListMixin, ListView):
    """All current activities, with filters that combine."""

    template_name = "neighbourhoods/activity_list.html"
    context_object_name = "activities"
    form_class = ActivityFilterForm

    def get_queryset(self):
        form = self.get_form()
        activities = selectors.activity_list(
            filters=form.filters, today=timezone.localdate(), sort=form.sort
        )
        return selectors.activity_page_rows(activities)

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Activiteiten"), self.request.path),
        ]


class ActivityDetailView(BreadcrumbsMixin, DetailView):
    """One activity: when, where, for whom, cost, organiser."""

    template_name = "neighbourhoods/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        return selectors.activity_detail()

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Activiteiten"), reverse("neighbourhoods:activity-list")),
            (self.object.title, self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["report_error_url"] = report_error_url(
            self.object.title, self.request.build_absolute_uri()
        )
        return super().get_context_data(**kwargs)


class OrganisationListView(FilteredListMixin, ListView):
    """All organisations, formal and informal."""

    template_name = "neighbourhoods/organisation_list.html"
    context_object_name = "organisations"
    form_class = OrganisationFilterForm

    def get_queryset(self):
        return selectors.organisation_list(filters=self.get_form().filters)

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Organisaties"), self.request.path),
        ]


class OrganisationDetailView(BreadcrumbsMixin, DetailView):
    """One organisation with its places, neighbourhoods and activities."""

    template_name = "neighbourhoods/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return selectors.organisation_detail(today=timezone.localdate())

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Organisaties"), reverse("neighbourhoods:organisation-list")),
            (self.object.name, self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        organisation: Organisation = self.object
        places = {
            place.pk: place
            for place in [
                *organisation.operated_facilities.all(),
                *organisation.owned_facilities.all(),
            ]
        }
        kwargs["places"] = sorted(places.values(), key=lambda place: place.name)
        kwargs["report_error_url"] = report_error_url(
            organisation.name, self.request.build_absolute_uri()
        )
        return super().get_context_data(**kwargs)


class SearchView(BreadcrumbsMixin, TemplateView):
    """One Dutch full-text search over everything public, ranked."""

    template_name = "neighbourhoods/search.html"

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Zoeken"), self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        text = self.request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
        kwargs["outcome"] = search.search(text, limit=SEARCH_LIMIT)
        if text and not kwargs["outcome"].results:
            page_cache.not_shared(self.request)
        kwargs["q"] = text
        return super().get_context_data(**kwargs)


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


class OpenDataView(BreadcrumbsMixin, TemplateView):
    """The datasets, their fields and licence, with links to the downloads."""

    template_name = "neighbourhoods/open_data.html"

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Open data"), self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # With more than one municipality in the portal, a visitor may take the data
        # of one: each download link then carries ?gemeente=.
        municipalities = list(
            Municipality.objects.order_by("name").values("slug", "name")
        )
        chosen = municipality_from_query(self.request)
        kwargs["municipalities"] = municipalities if len(municipalities) > 1 else []
        kwargs["municipality"] = chosen
        kwargs["download_query"] = f"?gemeente={chosen.slug}" if chosen else ""
        kwargs["datasets"] = list(open_data.DATASETS.values())
        kwargs["licence_name"] = open_data.LICENCE_NAME
        kwargs["licence_url"] = open_data.LICENCE_URL
        kwargs["hsds_url"] = open_data.HSDS_URL
        return super().get_context_data(**kwargs)


class OpenDataDownloadView(View):
    """One dataset in one format, with an ETag so unchanged data is not sent again,
    and compressed (gzip) for every client that accepts it."""

    def get(self, request: HttpRequest, dataset: str, file_format: str) -> HttpResponse:
        chosen = open_data.DATASETS.get(dataset)
        if chosen is None or file_format not in chosen.formats:
            raise Http404(_("Deze dataset bestaat niet in dit formaat."))
        scope = request.GET.get("gemeente", "")
        base_url = request.build_absolute_uri("/").rstrip("/")
        gzipped = page_cache.accepts_gzip(request)

        def render() -> tuple[bytes, str, set[int] | None]:
            municipality = municipality_from_query(request)  # 404 if unknown
            content, content_type = open_data.render(
                chosen, file_format, base_url, municipality
            )
            return content, content_type, {municipality.pk} if municipality else None

        # One municipality's file changes only with that municipality's data. ("3"
        # is the layout of a stored file: one that changes it changes the key.)
        content, content_type, etag = page_cache.public_file(
            f"public:open-data:3:{chosen.slug}:{file_format}:{scope}:{base_url}",
            gzipped,
            render,
            OPEN_DATA_MAX_AGE,
        )
        etag = quote_etag(etag)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            patch_vary_headers(not_modified, ("Accept-Encoding",))
            return not_modified
        response = HttpResponse(content, content_type=content_type)
        if gzipped:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        response["ETag"] = etag
        name = f"{chosen.slug}-{scope}" if scope else chosen.slug
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        patch_cache_control(response, public=True, max_age=OPEN_DATA_MAX_AGE)
        return response


def municipality_from_query(request: HttpRequest) -> Municipality | None:
    """The municipality of ?gemeente= (None without it); 404 for an unknown one."""
    slug = request.GET.get("gemeente", "")
    if not slug:
        return None
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise Http404(_("Deze gemeente staat niet in het portaal."))
    return municipality


def geojson_response(request: HttpRequest, document: dict[str, Any]) -> HttpResponse:
    """GeoJSON with an ETag, so a map that asks again gets a 304."""
    content = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(content, content_type="application/geo+json")
    response["ETag"] = etag
    return response


def report_error_url(subject: str, page_url: str) -> str:
    """A mailto: link that names the page, for "Klopt er iets niet?"."""
    address = getattr(settings, "CORRECTIONS_EMAIL", "") or getattr(
        settings, "ACCESSIBILITY_CONTACT_EMAIL", ""
    )
    if not address:
        return ""
    query = urlencode(
        {
            "subject": _("Fout melden: %(subject)s") % {"subject": subject},
            "body": _("Pagina: %(url)s\n\nWat klopt er niet?\n") % {"url": page_url},
        },
        quote_via=quote,
    )
    return f"mailto:{address}?{query}"
