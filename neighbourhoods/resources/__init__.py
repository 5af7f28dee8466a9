"""Spreadsheet import and export (django-import-export) of the social map and its
geography; the generic machinery is in ``core.spreadsheets``."""

from .geography import (
    BuurtResource,
    DistrictResource,
    MunicipalityResource,
    NeighbourhoodResource,
    PopulationResource,
)
from .social_map import (
    ActivityResource,
    BookingResource,
    FacilityResource,
    NeighbourhoodTeamResource,
    OpeningHoursResource,
    OrganisationResource,
    RoomResource,
    SocialAgendaItemResource,
    TargetGroupResource,
    TeamMemberResource,
    ThemeResource,
)

__all__ = [
    "ActivityResource",
    "BookingResource",
    "BuurtResource",
    "DistrictResource",
    "FacilityResource",
    "MunicipalityResource",
    "NeighbourhoodResource",
    "NeighbourhoodTeamResource",
    "OpeningHoursResource",
    "OrganisationResource",
    "PopulationResource",
    "RoomResource",
    "SocialAgendaItemResource",
    "TargetGroupResource",
    "TeamMemberResource",
    "ThemeResource",
]
