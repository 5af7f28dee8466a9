"""The ground floor's sources of the site-wide search (core.search): places,
activities and organisations, registered from NeighbourhoodsConfig.ready()."""

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import url_for
from core.search import (
    SearchResult,
    SearchSource,
    choice_match,
    ranked,
    register,
    register_terms,
    summary_line,
    term_ids,
    word_match,
)

from .models import (
    Activity,
    Facility,
    FacilityFunction,
    Organisation,
    TargetGroup,
    Theme,
)


def facility_search(query: SearchQuery, limit: int) -> list[SearchResult]:
    places = ranked(
        Facility.objects.select_related("neighbourhood").only(
            "name", "slug", "kind", "description", "neighbourhood__name"
        ),
        query,
        limit,
        terms=term_ids("plekken", query),
    )
    place_url = url_for("neighbourhoods:facility-detail", "slug")
    return [
        SearchResult(
            title=place.name,
            url=place_url(place.slug),
            kind=_("Plek"),
            rank=place.rank,
            summary=summary_line(
                str(place.get_kind_display()),
                place.neighbourhood.name if place.neighbourhood else "",
                place.description,
            ),
        )
        for place in places
    ]


def activity_search(query: SearchQuery, limit: int) -> list[SearchResult]:
    today = timezone.localdate()
    activities = ranked(
        Activity.objects.public()
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("organisation")
        .only("title", "description", "organisation__name"),
        query,
        limit,
        terms=term_ids("activiteiten", query),
    )
    activity_url = url_for("neighbourhoods:activity-detail", "pk")
    return [
        SearchResult(
            title=activity.title,
            url=activity_url(activity.pk),
            kind=_("Activiteit"),
            rank=activity.rank,
            summary=summary_line(activity.organisation.name, activity.description),
        )
        for activity in activities
    ]


def organisation_search(query: SearchQuery, limit: int) -> list[SearchResult]:
    organisations = ranked(
        Organisation.objects.only("name", "slug", "kind", "description"),
        query,
        limit,
        terms=term_ids("organisaties", query),
    )
    organisation_url = url_for("neighbourhoods:organisation-detail", "slug")
    return [
        SearchResult(
            title=organisation.name,
            url=organisation_url(organisation.slug),
            kind=_("Organisatie"),
            rank=organisation.rank,
            summary=summary_line(
                str(organisation.get_kind_display()), organisation.description
            ),
        )
        for organisation in organisations
    ]


def _facility_terms(query: SearchQuery) -> list:
    return [
        choice_match(Facility, "kind", query),
        word_match(Facility.functions, FacilityFunction, query),
        word_match(Facility.target_groups, TargetGroup, query),
        word_match(Facility.themes, Theme, query),
    ]


def _activity_terms(query: SearchQuery) -> list:
    return [
        word_match(Activity.target_groups, TargetGroup, query),
        word_match(Activity.themes, Theme, query),
    ]


def _organisation_terms(query: SearchQuery) -> list:
    return [choice_match(Organisation, "kind", query)]


def register_sources() -> None:
    """Register places, activities and organisations with the site-wide search."""
    register_terms("plekken", _facility_terms)
    register_terms("activiteiten", _activity_terms)
    register_terms("organisaties", _organisation_terms)
    register(
        SearchSource(
            key="plekken",
            label=_("Plekken"),
            search=facility_search,
            order=10,
            list_url=lambda: reverse("neighbourhoods:facility-list"),
        )
    )
    register(
        SearchSource(
            key="activiteiten",
            label=_("Activiteiten"),
            search=activity_search,
            order=20,
            list_url=lambda: reverse("neighbourhoods:activity-list"),
        )
    )
    register(
        SearchSource(
            key="organisaties",
            label=_("Organisaties"),
            search=organisation_search,
            order=30,
            list_url=lambda: reverse("neighbourhoods:organisation-list"),
        )
    )
