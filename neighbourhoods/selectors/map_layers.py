"""Reads for the map: markers of places, the neighbourhoods' boundaries and the names
linked to a place.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    OuterRef,
    QuerySet,
)
from django.db.models.fields.related_descriptors import ManyToManyDescriptor

from ..models import (
    Facility,
    Municipality,
    Neighbourhood,
)


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
