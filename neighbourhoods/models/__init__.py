"""The ground floor: geography, places, organisations, activities, agenda, teams."""

from core.history import track_history

from .activities import Activity, ActivitySchedule
from .agenda import SocialAgendaItem, SocialAgendaStatus
from .bookings import Booking, BookingKind, BookingSeries
from .facilities import (
    Facility,
    FacilityKind,
    OpeningException,
    OpeningHours,
    Room,
    Weekday,
)
from .geography import Buurt, District, Municipality, Neighbourhood, Population
from .organisations import Organisation, OrganisationKind, OrganisationRole
from .taxonomy import FacilityFunction, PolicyField, TargetGroup, Theme
from .teams import NeighbourhoodTeam, TeamMember

# Every table people edit keeps a trigger-written history (core/history.py).
track_history(
    Municipality,
    District,
    Neighbourhood,
    Buurt,
    Population,
    Facility,
    OpeningHours,
    OpeningException,
    Room,
    Organisation,
    TargetGroup,
    Theme,
    FacilityFunction,
    Activity,
    ActivitySchedule,
    SocialAgendaItem,
    BookingSeries,
    Booking,
    NeighbourhoodTeam,
    TeamMember,
)

__all__ = [
    "Activity",
    "ActivitySchedule",
    "Booking",
    "BookingKind",
    "BookingSeries",
    "Buurt",
    "District",
    "Facility",
    "FacilityFunction",
    "FacilityKind",
    "Municipality",
    "Neighbourhood",
    "NeighbourhoodTeam",
    "OpeningException",
    "OpeningHours",
    "Organisation",
    "OrganisationKind",
    "OrganisationRole",
    "PolicyField",
    "Population",
    "Room",
    "SocialAgendaItem",
    "SocialAgendaStatus",
    "TargetGroup",
    "TeamMember",
    "Theme",
    "Weekday",
]
