"""Figures for the public pages: occupancy, the social agenda and the teams.

Each tag renders a self-contained section from templates/neighbourhoods/includes/,
with a data table beside every figure and no personal data (rooms, kinds of use,
organisations and roles, never people or what a booking is for).

    {% load neighbourhood_figures %}
    {% facility_occupancy facility %}
    {% neighbourhood_occupancy neighbourhood %}
    {% social_agenda neighbourhood %}
    {% neighbourhood_team neighbourhood [figures] %}
"""

from datetime import date

from django import template
from django.utils import timezone

from .. import occupancy, staffing
from .. import social_agenda as agenda
from ..models import Facility, Neighbourhood, Room

register = template.Library()


def _period(start: date | None, end: date | None) -> tuple[date, date]:
    if start and end:
        return start, end
    return occupancy.four_weeks_from(timezone.localdate())


@register.inclusion_tag("neighbourhoods/includes/occupancy_facility.html")
def facility_occupancy(
    facility: Facility, start: date | None = None, end: date | None = None
) -> dict:
    """Occupancy of a facility's rooms, per room and per kind of use (three queries;
    two when the place's page has loaded its opening hours and exceptions)."""
    start, end = _period(start, end)
    loaded = getattr(facility, "_prefetched_objects_cache", {})
    hours = (
        {facility.pk: occupancy.facility_hours(facility)}
        if "opening_hours" in loaded and "opening_exceptions" in loaded
        else None
    )
    report = occupancy.occupancy(
        rooms=Room.objects.filter(facility=facility), start=start, end=end, hours=hours
    )
    return {"facility": facility, "report": report, "rows": report.rooms}


@register.inclusion_tag("neighbourhoods/includes/occupancy_neighbourhood.html")
def neighbourhood_occupancy(
    neighbourhood: Neighbourhood, start: date | None = None, end: date | None = None
) -> dict:
    """Occupancy of the rooms in a neighbourhood's places, per place (three queries)."""
    start, end = _period(start, end)
    report = occupancy.occupancy(
        rooms=Room.objects.filter(facility__neighbourhood=neighbourhood),
        start=start,
        end=end,
    )
    return {"neighbourhood": neighbourhood, "report": report, "rows": report.facilities}


@register.inclusion_tag("neighbourhoods/includes/agenda_social.html")
def social_agenda(neighbourhood: Neighbourhood) -> dict:
    """The open agenda items with the white spots and overlaps they show."""
    analysis = agenda.gap_analysis(
        neighbourhood=neighbourhood, today=timezone.localdate()
    )
    return {"neighbourhood": neighbourhood, "analysis": analysis}


@register.inclusion_tag("neighbourhoods/includes/team_staffing.html")
def neighbourhood_team(
    neighbourhood: Neighbourhood, figures: list[staffing.TeamFigure] | None = None
) -> dict:
    """The neighbourhood's teams, planned against staffed fte (one query, none when
    the page passes the figures it already has)."""
    if figures is None:
        figures = staffing.neighbourhood_teams(
            neighbourhood=neighbourhood, on=timezone.localdate()
        )
    return {"neighbourhood": neighbourhood, "figures": figures}


@register.filter
def percent_width(value) -> str:
    """A percentage clamped to 0..100, for the width of a bar in an SVG figure."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    return f"{min(max(number, 0.0), 100.0):.1f}"
