"""The GeoJSON of the open data and of the map: places and neighbourhoods."""

from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from ..models import (
    FacilityKind,
    Municipality,
    Neighbourhood,
)
from .rows import location_rows, neighbourhood_rows, neighbourhoods_of


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def point(longitude: Any, latitude: Any) -> dict[str, Any]:
    """GeoJSON positions are [longitude, latitude] (RFC 7946)."""
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


def place_feature(place: Mapping[str, Any]) -> dict[str, Any]:
    """A map marker from selectors.facility_points()."""
    street = " ".join(p for p in (place["street"], place["house_number"]) if p)
    town = " ".join(p for p in (place["postcode"], place["city"]) if p)
    return {
        "type": "Feature",
        "id": place["slug"],
        "geometry": point(place["longitude"], place["latitude"]),
        "properties": {
            "name": place["name"],
            "kind": str(FacilityKind(place["kind"]).label),
            "is_heart": place["is_heart"],
            "address": ", ".join(p for p in (street, town) if p),
            "url": reverse("neighbourhoods:facility-detail", args=[place["slug"]]),
        },
    }


def neighbourhood_feature(wijk: Neighbourhood) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": wijk.cbs_code,
        "geometry": wijk.boundary,
        "properties": {
            "name": wijk.name,
            "cbs_code": wijk.cbs_code,
            "url": wijk.get_absolute_url(),
        },
    }


def location_geojson(
    base_url: str, municipality: Municipality | None = None
) -> dict[str, Any]:
    """All places with coordinates; the properties are the CSV's columns."""
    return feature_collection(
        [
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": point(row["longitude"], row["latitude"]),
                "properties": row,
            }
            for row in location_rows(base_url, municipality)
            if row["latitude"] is not None and row["longitude"] is not None
        ]
    )


def neighbourhood_geojson(
    base_url: str, municipality: Municipality | None = None
) -> dict[str, Any]:
    boundaries = dict(
        neighbourhoods_of(municipality)
        .filter(boundary__isnull=False)
        .values_list("cbs_code", "boundary")
    )
    return feature_collection(
        [
            {
                "type": "Feature",
                "id": row["cbs_code"],
                "geometry": boundaries[row["cbs_code"]],
                "properties": row,
            }
            for row in neighbourhood_rows(base_url, municipality)
            if row["cbs_code"] in boundaries
        ]
    )


# DATASETS
