"""Open data: the social map as CSV, JSON and GeoJSON, shaped after Open Referral
HSDS; the fields and ids, the rows, the GeoJSON features and the datasets."""

from .datasets import (
    DATASETS,
    Dataset,
    render,
)
from .features import (
    feature_collection,
    location_geojson,
    neighbourhood_feature,
    neighbourhood_geojson,
    place_feature,
    point,
)
from .fields import (
    BYDAY,
    HSDS_URL,
    ID_NAMESPACE,
    LICENCE_NAME,
    LICENCE_URL,
    LOCATION_FIELDS,
    NEIGHBOURHOOD_FIELDS,
    ORGANISATION_FIELDS,
    SERVICE_FIELDS,
    Field,
    hsds_id,
    hsds_number,
    hsds_time,
)
from .rows import (
    location_rows,
    neighbourhood_rows,
    neighbourhoods_of,
    organisation_rows,
    service_rows,
)

__all__ = [
    "ID_NAMESPACE",
    "LICENCE_NAME",
    "LICENCE_URL",
    "HSDS_URL",
    "BYDAY",
    "hsds_id",
    "hsds_number",
    "hsds_time",
    "Field",
    "ORGANISATION_FIELDS",
    "LOCATION_FIELDS",
    "SERVICE_FIELDS",
    "NEIGHBOURHOOD_FIELDS",
    "organisation_rows",
    "location_rows",
    "service_rows",
    "neighbourhoods_of",
    "neighbourhood_rows",
    "feature_collection",
    "point",
    "place_feature",
    "neighbourhood_feature",
    "location_geojson",
    "neighbourhood_geojson",
    "Dataset",
    "DATASETS",
    "render",
]
