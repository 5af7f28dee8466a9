"""Reads for the public pages; each runs a fixed number of queries, however many rows.

By topic: ``areas`` (municipalities, neighbourhoods), ``places``, ``activities``,
``organisations`` and ``map_layers``.
"""

from .activities import (
    activity_detail,
    activity_list,
    activity_page_rows,
)
from .areas import (
    active_in,
    municipality_index,
    municipality_list_with_neighbourhoods,
    neighbourhood_activity_list,
    neighbourhood_facility_list,
    neighbourhood_list,
    neighbourhood_organisation_list,
    with_neighbourhoods,
)
from .map_layers import (
    facility_linked_names,
    facility_points,
    neighbourhood_boundaries,
)
from .organisations import (
    organisation_detail,
    organisation_list,
)
from .places import (
    facility_detail,
    facility_list,
    facility_page_rows,
    text_query,
)

__all__ = [
    "active_in",
    "activity_detail",
    "activity_list",
    "activity_page_rows",
    "facility_detail",
    "facility_linked_names",
    "facility_list",
    "facility_page_rows",
    "facility_points",
    "municipality_index",
    "municipality_list_with_neighbourhoods",
    "neighbourhood_activity_list",
    "neighbourhood_boundaries",
    "neighbourhood_facility_list",
    "neighbourhood_list",
    "neighbourhood_organisation_list",
    "organisation_detail",
    "organisation_list",
    "text_query",
    "with_neighbourhoods",
]
