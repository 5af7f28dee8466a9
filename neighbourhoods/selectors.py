"""Reads for the public pages; each runs a fixed number of queries, however many rows."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.db.models.functions import Coalesce, JSONObject

from .models import (
    Activity,
    ActivitySchedule,
    Facility,
    FacilityKind,
    Municipality,
    Neighbourhood,
    OpeningException,
    OpeningHours,
    Organisation,
    Room,
)


def _neighbourhoods_by_district() -> Prefetch:
    # The boundaries are large GeoJSON and no list shows them.
    neighbourhoods = (
        Neighbourhood.objects.select_related("district")
        .defer("boundary")
        .order_by(F("district__name").asc(nulls_last=True), "name")
    )
    return Prefetch("neighbourhoods", queryset=neighbourhoods)


def municipality_list_with_neighbourhoods() -> QuerySet[Municipality]:
    """Municipalities with their neighbourhoods prefetched, district by district.

    Neighbourhoods come ordered by district name, those without a district last,
    so a template can group them with ``{% regroup … by district %}``.
    """
    return Municipality.objects.order_by("name").prefetch_related(
        _neighbourhoods_by_district()
    )


def with_neighbourhoods(municipalities: list[Municipality]) -> list[Municipality]:
    """The same, for municipalities already read (one query for all their wijken)."""
    prefetch_related_objects(municipalities, _neighbourhoods_by_district())
    return municipalities


def municipality_index() -> QuerySet:
    """(pk, slug, name, neighbourhood_count) of every municipality by name, in one
    query; rows, not model instances: a country has 342 of them."""
    # Counted per municipality from the wijken's municipality index (1.0 ms), not as
    # a join and GROUP BY of every wijk (2.5 ms).
    wijken = (
        Neighbourhood.objects.filter(municipality=OuterRef("pk"))
        .order_by()
        .values("municipality")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        Municipality.objects.order_by("name")
        .annotate(
            neighbourhood_count=Coalesce(
                Subquery(wijken), 0, output_field=IntegerField()
            )
        )
        .values_list("pk", "slug", "name", "neighbourhood_count", named=True)
    )


def neighbourhood_list() -> QuerySet[Neighbourhood]:
    """Neighbourhoods with what their page header shows (municipality, district).

    The boundary itself is left out (it is large); `has_boundary` says if there is one.
    """
    return (
        Neighbourhood.objects.select_related("municipality", "district")
        .defer("boundary")
        .annotate(
            has_boundary=ExpressionWrapper(
                Q(boundary__isnull=False), output_field=BooleanField()
            )
        )
    )


def neighbourhood_facility_list(*, neighbourhood: Neighbourhood) -> QuerySet[Facility]:
    """The places in a neighbourhood, kind by kind in the order of FacilityKind.

    Within a kind the heart of the neighbourhood comes first, then by name.
    """
    kind_order = Case(
        *(
            When(kind=kind, then=Value(position))
            for position, kind in enumerate(FacilityKind.values)
        ),
        default=Value(len(FacilityKind.values)),
        output_field=IntegerField(),
    )
    return (
        Facility.objects.filter(neighbourhood=neighbourhood)
        .select_related("operator")
        .defer("search_vector", "operator__search_vector")
        .annotate(kind_order=kind_order)
        .order_by("kind_order", "-is_heart", "name")
    )


def active_in(neighbourhood: Any) -> Q:
    """Organisations active in a neighbourhood: those that say so, and those that
    own, run or offer an activity at one of its places."""
    places = Facility.objects.filter(neighbourhood=neighbourhood)
    return (
        Q(_linked(Organisation.neighbourhoods, neighbourhood))
        | Q(Exists(places.filter(operator=OuterRef("pk"))))
        | Q(Exists(places.filter(owner=OuterRef("pk"))))
        | Q(
            Exists(
                Activity.objects.filter(
                    organisation=OuterRef("pk"), facility__neighbourhood=neighbourhood
                )
            )
        )
    )


def neighbourhood_organisation_list(
    *, neighbourhood: Neighbourhood
) -> QuerySet[Organisation]:
    """The organisations active in a neighbourhood (see active_in)."""
    return (
        Organisation.objects.filter(active_in(neighbourhood))
        .defer("search_vector")
        .order_by("name", "pk")
    )


def neighbourhood_activity_list(
    *, neighbourhood: Neighbourhood, today: date
) -> QuerySet[Activity]:
    """Published activities at the neighbourhood's places that have not ended."""
    return (
        Activity.objects.public()
        .filter(facility__neighbourhood=neighbourhood)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("facility", "organisation")
        .defer(
            "search_vector", "facility__search_vector", "organisation__search_vector"
        )
        .prefetch_related("schedules")
        .order_by(F("starts_on").asc(nulls_first=True), "title")
    )


# PLACES, ACTIVITIES, ORGANISATIONS: LISTS WITH FILTERS
# ------------------------------------------------------------------------------


def text_query(text: str) -> SearchQuery:
    """A Dutch full-text query as people type it: words, "a phrase", -without."""
    return SearchQuery(text, config="dutch", search_type="websearch")


def _text_match(text: str, name_field: str) -> Q:
    """Full-text match, or part of the name ("buurt" finds "Buurtkamer")."""
    return Q(search_vector=text_query(text)) | Q(**{f"{name_field}__icontains": text})


def _linked(relation: ManyToManyDescriptor, value: Any) -> Exists:
    """Rows linked to `value` through a many-to-many; EXISTS never repeats a row."""
    field = relation.rel.field
    if relation.reverse:
        source, target = field.m2m_reverse_field_name(), field.m2m_field_name()
    else:
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    return Exists(
        relation.through.objects.filter(**{source: OuterRef("pk"), target: value})
    )


def facility_list(
    *, filters: Mapping[str, Any], moment: datetime, sort: str = ""
) -> QuerySet[Facility]:
    """Places matching the filters of /plekken/ (filters.FacilityFilterForm).

    `moment` is when "nu open" is asked, an aware datetime; Facility.objects.open_at
    reads the hours in Amsterdam time, with holidays and exceptions.
    """
    places = Facility.objects.select_related(
        "municipality", "neighbourhood", "operator"
    ).defer("search_vector", "neighbourhood__boundary", "operator__search_vector")
    if filters.get("gemeente"):
        places = places.filter(municipality=filters["gemeente"])
    if filters.get("wijk"):
        places = places.filter(neighbourhood=filters["wijk"])
    if filters.get("soort"):
        places = places.filter(kind=filters["soort"])
    if filters.get("functie"):
        places = places.filter(_linked(Facility.functions, filters["functie"]))
    if filters.get("doelgroep"):
        places = places.filter(_linked(Facility.target_groups, filters["doelgroep"]))
    if filters.get("thema"):
        places = places.filter(_linked(Facility.themes, filters["thema"]))
    if filters.get("toegankelijk"):
        places = places.filter(wheelchair_accessible=True)
    if filters.get("nu_open"):
        places = places.open_at(moment)
    if filters.get("q"):
        places = places.filter(_text_match(filters["q"], "name"))
    order = {
        "wijk": (F("neighbourhood__name").asc(nulls_last=True), "name", "pk"),
        "soort": ("kind", "-is_heart", "name", "pk"),
    }.get(sort, ("name", "pk"))
    return places.order_by(*order)


def facility_page_rows(places: QuerySet[Facility]) -> QuerySet[Facility]:
    """What a list row shows besides the place itself: target groups and hours.

    The hours in their own order: the models' default ("facility" first) would join
    the places again to sort on their names.
    """
    return places.prefetch_related(
        "target_groups",
        Prefetch(
            "opening_hours",
            queryset=OpeningHours.objects.order_by("weekday", "opens"),
        ),
        Prefetch(
            "opening_exceptions", queryset=OpeningException.objects.order_by("date")
        ),
    )


def facility_detail() -> QuerySet[Facility]:
    """Places with everything their page shows, in a fixed number of queries."""
    activities = (
        Activity.objects.public()
        .select_related("organisation")
        .defer("search_vector", "organisation__search_vector")
        .prefetch_related("schedules")
        .order_by("title")
    )
    return (
        Facility.objects.select_related(
            "municipality", "neighbourhood", "owner", "operator"
        )
        .defer(
            "search_vector",
            "neighbourhood__boundary",
            "owner__search_vector",
            "operator__search_vector",
        )
        # The page shows only the names of functions, target groups and themes:
        # arrays in the place's own row instead of three more queries.
        .annotate(
            function_names=facility_linked_names(Facility.functions),
            target_group_names=facility_linked_names(Facility.target_groups),
            theme_names=facility_linked_names(Facility.themes),
            # What the page lists of each room, as dicts: one query fewer.
            room_list=ArraySubquery(
                Room.objects.filter(facility=OuterRef("pk"))
                .order_by("name", "pk")
                .values(
                    json=JSONObject(
                        name="name",
                        capacity="capacity",
                        area_m2="area_m2",
                        is_bookable="is_bookable",
                    )
                )
            ),
        )
        .prefetch_related(
            Prefetch(
                "opening_hours",
                queryset=OpeningHours.objects.order_by("weekday", "opens"),
            ),
            Prefetch(
                "opening_exceptions",
                queryset=OpeningException.objects.order_by("date"),
            ),
            Prefetch("activities", queryset=activities),
        )
    )


def activity_list(
    *, filters: Mapping[str, Any], today: date, sort: str = ""
) -> QuerySet[Activity]:
    """Published activities that have not ended, with the filters of /activiteiten/."""
    activities = (
        Activity.objects.public()
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("organisation", "facility", "facility__neighbourhood")
        .defer(
            "search_vector",
            "organisation__search_vector",
            "facility__search_vector",
            "facility__neighbourhood__boundary",
        )
    )
    if filters.get("gemeente"):
        activities = activities.filter(
            Q(facility__municipality=filters["gemeente"])
            | Q(facility__isnull=True, organisation__municipality=filters["gemeente"])
        )
    if filters.get("wijk"):
        activities = activities.filter(facility__neighbourhood=filters["wijk"])
    if filters.get("doelgroep"):
        activities = activities.filter(
            _linked(Activity.target_groups, filters["doelgroep"])
        )
    if filters.get("thema"):
        activities = activities.filter(_linked(Activity.themes, filters["thema"]))
    if filters.get("dag") is not None:
        activities = activities.filter(
            Exists(
                ActivitySchedule.objects.filter(
                    activity=OuterRef("pk"), weekday=filters["dag"]
                )
            )
        )
    if filters.get("kosten") == "gratis":
        activities = activities.filter(cost=0)
    elif filters.get("kosten") == "betaald":
        activities = activities.filter(cost__gt=0)
    if filters.get("q"):
        activities = activities.filter(_text_match(filters["q"], "title"))
    order = {
        "start": (F("starts_on").asc(nulls_first=True), "title", "pk"),
        "kosten": ("cost", "title", "pk"),
    }.get(sort, ("title", "pk"))
    return activities.order_by(*order)


def activity_page_rows(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """What a list row shows besides the activity: its times and target groups."""
    return activities.prefetch_related("schedules", "target_groups")


def activity_detail() -> QuerySet[Activity]:
    """Published activities with everything their page shows."""
    return (
        Activity.objects.public()
        .select_related(
            "organisation",
            "facility",
            "facility__neighbourhood",
            "facility__municipality",
        )
        .defer(
            "search_vector",
            "organisation__search_vector",
            "facility__search_vector",
            "facility__neighbourhood__boundary",
        )
        .prefetch_related("schedules", "target_groups", "themes")
    )


def organisation_list(*, filters: Mapping[str, Any]) -> QuerySet[Organisation]:
    """Organisations with the filters of /organisaties/, by name."""
    organisations = Organisation.objects.select_related("municipality").defer(
        "search_vector"
    )
    if filters.get("gemeente"):
        organisations = organisations.filter(municipality=filters["gemeente"])
    if filters.get("wijk"):
        organisations = organisations.filter(active_in(filters["wijk"]))
    if filters.get("soort"):
        organisations = organisations.filter(kind=filters["soort"])
    if filters.get("vorm"):
        organisations = organisations.filter(is_formal=filters["vorm"] == "formeel")
    if filters.get("q"):
        organisations = organisations.filter(_text_match(filters["q"], "name"))
    return organisations.order_by("name", "pk")


def organisation_detail(*, today: date) -> QuerySet[Organisation]:
    """Organisations with their places, neighbourhoods and current activities."""
    places = (
        Facility.objects.select_related("neighbourhood")
        .defer("search_vector", "neighbourhood__boundary")
        .order_by("name")
    )
    activities = (
        Activity.objects.public()
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("facility")
        .defer("search_vector", "facility__search_vector")
        .prefetch_related("schedules")
        .order_by("title")
    )
    return (
        Organisation.objects.select_related("municipality")
        .defer("search_vector")
        .prefetch_related(
            Prefetch("operated_facilities", queryset=places),
            Prefetch("owned_facilities", queryset=places),
            Prefetch(
                "neighbourhoods",
                queryset=Neighbourhood.objects.defer("boundary").order_by("name"),
            ),
            Prefetch("activities", queryset=activities),
        )
    )


# MAP LAYERS
# ------------------------------------------------------------------------------


def facility_points(places: QuerySet[Facility]) -> QuerySet:
    """Only what a map marker needs, as dicts, for places that have coordinates."""
    return (
        places.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related(None)
        .values(
            "name",
            "slug",
            "kind",
            "is_heart",
            "latitude",
            "longitude",
            "street",
            "house_number",
            "postcode",
            "city",
        )
    )


def neighbourhood_boundaries(
    *, municipality: Municipality | None = None
) -> QuerySet[Neighbourhood]:
    """Neighbourhoods with a boundary, for the map layer of wijken."""
    neighbourhoods = Neighbourhood.objects.filter(boundary__isnull=False)
    if municipality is not None:
        neighbourhoods = neighbourhoods.filter(municipality=municipality)
    return neighbourhoods.only("name", "slug", "cbs_code", "boundary").order_by("name")


def facility_linked_names(relation: ManyToManyDescriptor) -> ArraySubquery:
    """The names of the rows a place links to through a many-to-many, by name."""
    field = relation.rel.field
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    return ArraySubquery(
        relation.through.objects.filter(**{source: OuterRef("pk")})
        .order_by(f"{target}__name")
        .values(f"{target}__name")
    )
