"""Reads of municipalities and their neighbourhoods, and of what is found or active in
one neighbourhood.
"""

from datetime import date
from typing import Any

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
from django.db.models.functions import Coalesce

from ..models import (
    Activity,
    Facility,
    FacilityKind,
    Municipality,
    Neighbourhood,
    Organisation,
)
from .places import _linked


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
    # Counted per municipality from the wijken's municipality index, which reads less
    # than a join and GROUP BY of every wijk.
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
