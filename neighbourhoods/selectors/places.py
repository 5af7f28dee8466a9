"""Reads of the places (facilities): the filtered list with full-text search, a page of
rows and one place's page.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.db.models.functions import JSONObject

from ..models import (
    Activity,
    Facility,
    OpeningException,
    OpeningHours,
    Room,
)
from .map_layers import facility_linked_names


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
