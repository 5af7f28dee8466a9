"""Reads for the public pages; each runs a fixed number of queries, however many rows."""

from datetime import date

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from .models import (
    Activity,
    Facility,
    FacilityKind,
    Municipality,
    Neighbourhood,
    NeighbourhoodTeam,
    Organisation,
)


def municipality_list_with_neighbourhoods() -> QuerySet[Municipality]:
    """Municipalities with their neighbourhoods prefetched, district by district.

    Neighbourhoods come ordered by district name, those without a district last,
    so a template can group them with ``{% regroup … by district %}``.
    """
    # The boundaries are large GeoJSON and no list shows them.
    neighbourhoods = (
        Neighbourhood.objects.select_related("district")
        .defer("boundary")
        .order_by(F("district__name").asc(nulls_last=True), "name")
    )
    return Municipality.objects.order_by("name").prefetch_related(
        Prefetch("neighbourhoods", queryset=neighbourhoods)
    )


def neighbourhood_list() -> QuerySet[Neighbourhood]:
    """Neighbourhoods with what their page header shows (municipality, district)."""
    return Neighbourhood.objects.select_related("municipality", "district").defer(
        "boundary"
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
        .annotate(kind_order=kind_order)
        .order_by("kind_order", "-is_heart", "name")
    )


def neighbourhood_organisation_list(
    *, neighbourhood: Neighbourhood
) -> QuerySet[Organisation]:
    """The organisations that say they are active in a neighbourhood."""
    return neighbourhood.organisations.order_by("name")


def neighbourhood_activity_list(
    *, neighbourhood: Neighbourhood, today: date
) -> QuerySet[Activity]:
    """Published activities at the neighbourhood's places that have not ended."""
    return (
        Activity.objects.filter(
            facility__neighbourhood=neighbourhood,
            is_published=True,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("facility", "organisation")
        .prefetch_related("schedules")
        .order_by(F("starts_on").asc(nulls_first=True), "title")
    )


def neighbourhood_team_list(
    *, neighbourhood: Neighbourhood
) -> QuerySet[NeighbourhoodTeam]:
    """The neighbourhood teams that work in a neighbourhood."""
    return neighbourhood.teams.order_by("name")
