"""Reads of the organisations: the filtered list and one organisation's page."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)

from ..models import (
    Activity,
    Facility,
    Neighbourhood,
    Organisation,
)
from .areas import active_in
from .places import _text_match


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
