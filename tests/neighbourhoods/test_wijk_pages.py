"""The wijk and place pages after their speed-up: the same links and figures, fewer
queries."""

from http import HTTPStatus

import pytest
from django.utils.html import escape

from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    NeighbourhoodFactory,
    NeighbourhoodTeamFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoomFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db

# The place page: the place with its hours, exceptions, activities and schedules (5),
# then its bookable rooms and their bookings (2): the occupancy reuses the hours.
PLACE_PAGE_QUERIES = 7
# The wijk page: the wijk, places, hearts, organisations, activities and schedules,
# the teams with their staffing (one query for both sections; two before), the
# rooms' occupancy (3) and the social agenda (2 here: it names no target groups).
WIJK_PAGE_QUERIES = 12


@pytest.fixture
def wijk():
    neighbourhood = NeighbourhoodFactory(name="Kruiskamp", slug="kruiskamp")
    operator = OrganisationFactory(name="Welzijn & Co", slug="welzijn-en-co")
    heart = FacilityFactory(
        neighbourhood=neighbourhood,
        municipality=neighbourhood.municipality,
        name="De Kruisboog",
        slug="de-kruisboog",
        is_heart=True,
        operator=operator,
        wheelchair_accessible=True,
    )
    FacilityFactory(
        neighbourhood=neighbourhood,
        municipality=neighbourhood.municipality,
        name="Buurtkamer",
        slug="buurtkamer",
    )
    active = OrganisationFactory(name="Buurtsport", slug="buurtsport")
    active.neighbourhoods.add(neighbourhood)
    return neighbourhood, heart, operator, active


def test_the_wijk_page_links_each_place_and_organisation_to_its_own_page(client, wijk):
    neighbourhood, heart, operator, active = wijk

    response = client.get(neighbourhood.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    # Built from a prefix once, not reversed per row: the same addresses.
    assert html.count(f'href="{heart.get_absolute_url()}"') == 2  # heart and card
    assert 'href="/plekken/buurtkamer/"' in html
    assert f'href="{active.get_absolute_url()}"' in html
    assert escape(f"Beheer: {operator.name}") in html
    assert "Kloppend hart" in html
    assert "Rolstoeltoegankelijk" in html


def test_the_place_page_runs_one_query_fewer(client, django_assert_num_queries):
    place = FacilityFactory()
    for weekday in range(5):
        OpeningHoursFactory(facility=place, weekday=weekday)
    OpeningExceptionFactory(facility=place)
    ActivityFactory(facility=place)
    for number in range(3):
        RoomFactory(facility=place, name=f"Zaal {number}")

    with django_assert_num_queries(PLACE_PAGE_QUERIES):
        response = client.get(place.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert "Bezetting van de ruimtes" in response.content.decode()


def test_the_wijk_page_reads_its_teams_once_for_both_sections(
    client, wijk, django_assert_num_queries
):
    neighbourhood, heart, _operator, _active = wijk
    team = NeighbourhoodTeamFactory(
        municipality=neighbourhood.municipality, name="Team Kruiskamp"
    )
    team.neighbourhoods.add(neighbourhood)
    TeamMemberFactory(team=team, role="Opbouwwerker")
    # Something in every section, so each of its queries runs.
    ActivityFactory(facility=heart)
    OpeningHoursFactory(facility=heart, weekday=0)
    RoomFactory(facility=heart)

    with django_assert_num_queries(WIJK_PAGE_QUERIES):
        response = client.get(neighbourhood.get_absolute_url())

    html = response.content.decode()
    assert html.count("Team Kruiskamp") == 2  # contact card and staffing table
    assert "Opbouwwerker" in html
    assert "wijkteam" in html and team.email in html
