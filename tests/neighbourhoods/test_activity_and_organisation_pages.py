"""/activiteiten/ and /organisaties/: filters, detail pages and what they link to."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from neighbourhoods.models import OpeningHours, Weekday
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    ActivityFactory,
    ActivityScheduleFactory,
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    RoomFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ACTIVITIES = reverse("neighbourhoods:activity-list")
ORGANISATIONS = reverse("neighbourhoods:organisation-list")


def titles(response) -> list[str]:
    return [activity.title for activity in response.context["activities"]]


@pytest.fixture
def offer():
    amersfoort = MunicipalityFactory(name="Amersfoort", slug="amersfoort")
    vathorst = NeighbourhoodFactory(
        municipality=amersfoort, name="Vathorst", slug="vathorst"
    )
    elsewhere = NeighbourhoodFactory(municipality=amersfoort, slug="elders")
    seniors = TargetGroupFactory(name="Senioren", slug="senioren")
    carers = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    de_schoor = OrganisationFactory(
        name="De Schoor", slug="de-schoor", municipality=amersfoort
    )
    de_schoor.neighbourhoods.add(vathorst)
    buurtvaders = OrganisationFactory(
        name="Buurtvaders", slug="buurtvaders", informal=True, municipality=amersfoort
    )
    de_bron = FacilityFactory(
        name="De Bron",
        municipality=amersfoort,
        neighbourhood=vathorst,
        operator=de_schoor,
    )
    RoomFactory(facility=de_bron, name="Grote zaal", capacity=40)
    coffee = ActivityFactory(
        title="Koffieochtend",
        # Fixed texts: a generated paragraph could hold the word searched for below.
        description="Samen een kop koffie drinken en bijpraten.",
        organisation=de_schoor,
        facility=de_bron,
        free=True,
    )
    coffee.target_groups.add(seniors)
    coffee.themes.add(carers)
    ActivityScheduleFactory(
        activity=coffee, weekday=Weekday.TUESDAY, starts_at=time(10), ends_at=time(12)
    )
    dinner = ActivityFactory(
        title="Buurtmaaltijd",
        description="Eens per week samen eten met de buren.",
        organisation=buurtvaders,
        facility=FacilityFactory(municipality=amersfoort, neighbourhood=elsewhere),
        cost=Decimal("4.50"),
    )
    ActivityScheduleFactory(activity=dinner, weekday=Weekday.FRIDAY)
    # Ended before 1 December 2026, the day the place page is looked at.
    today = min(timezone.localdate(), date(2026, 12, 1))
    ActivityFactory(
        title="Afgelopen cursus",
        organisation=de_schoor,
        facility=de_bron,
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=1),
    )
    ActivityFactory(
        title="Nog niet gepubliceerd",
        organisation=de_schoor,
        facility=de_bron,
        is_published=False,
    )
    return {"coffee": coffee, "de_schoor": de_schoor, "de_bron": de_bron}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Buurtmaaltijd", "Koffieochtend"]),
        ("wijk=vathorst", ["Koffieochtend"]),
        ("gemeente=amersfoort", ["Buurtmaaltijd", "Koffieochtend"]),
        ("doelgroep=senioren", ["Koffieochtend"]),
        ("thema=mantelzorg", ["Koffieochtend"]),
        (f"dag={Weekday.TUESDAY}", ["Koffieochtend"]),
        (f"dag={Weekday.FRIDAY}", ["Buurtmaaltijd"]),
        (f"dag={Weekday.SUNDAY}", []),
        ("kosten=gratis", ["Koffieochtend"]),
        ("kosten=betaald", ["Buurtmaaltijd"]),
        ("q=koffie", ["Koffieochtend"]),
        (f"kosten=gratis&dag={Weekday.TUESDAY}&doelgroep=senioren", ["Koffieochtend"]),
        (f"kosten=betaald&dag={Weekday.TUESDAY}", []),
        ("sorteer=kosten", ["Koffieochtend", "Buurtmaaltijd"]),
    ],
)
def test_activity_filters_combine_and_hide_ended_and_unpublished(
    client, offer, query, expected
):
    response = client.get(f"{ACTIVITIES}?{query}")

    assert response.status_code == HTTPStatus.OK
    assert titles(response) == expected


def test_activity_list_shows_count_schedule_cost_and_links(client, offer):
    response = client.get(ACTIVITIES)

    assertContains(response, "2 activiteiten gevonden")
    assertContains(response, "Dinsdag 10:00–12:00")
    assertContains(response, "Gratis")
    assertContains(response, "€ 4,50")
    assertContains(response, f'href="{offer["coffee"].get_absolute_url()}"')


def test_activity_page_names_when_where_cost_organiser_and_target_groups(client, offer):
    response = client.get(offer["coffee"].get_absolute_url())

    assertContains(response, "Koffieochtend</h1>")
    assertContains(response, "Dinsdag 10:00–12:00")
    assertContains(response, f'href="{offer["de_bron"].get_absolute_url()}">De Bron')
    assertContains(response, f'href="{offer["de_schoor"].get_absolute_url()}"')
    assertContains(response, "Senioren")
    assertContains(response, "Mantelzorg")


def test_unpublished_activity_has_no_page(client, offer):
    hidden = offer["de_schoor"].activities.get(title="Nog niet gepubliceerd")

    response = client.get(hidden.get_absolute_url())

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_place_page_shows_hours_with_today_rooms_activities_and_owner(client, offer):
    place = offer["de_bron"]
    OpeningHours.objects.create(
        facility=place, weekday=Weekday.TUESDAY, opens=time(9), closes=time(17)
    )

    # Tuesday 1 December 2026, noon in Amsterdam (after the fixture's ended course).
    with time_machine.travel(datetime(2026, 12, 1, 12, tzinfo=AMSTERDAM)):
        response = client.get(place.get_absolute_url())

    html = response.content.decode()
    today_row = html[html.index("portal-table__row--today") :][:400]
    assert "Dinsdag" in today_row
    assert "09:00–17:00" in today_row
    assertContains(response, "Nu open</span>")
    assertContains(response, "Grote zaal")
    assertContains(response, "40 personen")
    assertContains(response, "Koffieochtend")
    assertNotContains(response, "Afgelopen cursus")
    assertNotContains(response, "Nog niet gepubliceerd")
    assertContains(response, "Beheerder")
    assertContains(response, f'href="{offer["de_schoor"].get_absolute_url()}"')
    assertContains(response, "Klopt er iets niet?")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Buurtvaders", "De Schoor"]),
        ("vorm=informeel", ["Buurtvaders"]),
        ("vorm=formeel", ["De Schoor"]),
        ("wijk=vathorst", ["De Schoor"]),
        ("soort=bewonersgroep", ["Buurtvaders"]),
        ("q=schoor", ["De Schoor"]),
        ("gemeente=amersfoort&vorm=informeel", ["Buurtvaders"]),
    ],
)
def test_organisation_filters(client, offer, query, expected):
    response = client.get(f"{ORGANISATIONS}?{query}")

    assert [o.name for o in response.context["organisations"]] == expected


def test_organisation_page_lists_its_places_neighbourhoods_and_activities(
    client, offer
):
    response = client.get(offer["de_schoor"].get_absolute_url())

    assertContains(response, "De Schoor</h1>")
    assertContains(response, f'href="{offer["de_bron"].get_absolute_url()}"')
    assertContains(response, ">Vathorst</a>")
    assertContains(response, "Koffieochtend")
    assertNotContains(response, "Afgelopen cursus")
    assertNotContains(response, "Nog niet gepubliceerd")


def test_navigation_leads_to_places_activities_and_organisations(client, offer):
    response = client.get(ACTIVITIES)

    assertContains(response, 'href="/plekken/">Plekken</a>')
    assertContains(
        response, 'href="/activiteiten/" aria-current="page">Activiteiten</a>'
    )
    assertContains(response, 'href="/organisaties/">Organisaties</a>')


def test_report_an_error_opens_a_mail_that_names_the_page(client, offer, settings):
    settings.CORRECTIONS_EMAIL = "sociale-kaart@example.nl"

    response = client.get(offer["de_bron"].get_absolute_url())

    assertContains(
        response,
        'href="mailto:sociale-kaart@example.nl?subject=Fout%20melden%3A%20De%20Bron'
        "&amp;body=Pagina%3A%20http%3A%2F%2Ftestserver%2Fplekken%2F"
        f"{offer['de_bron'].slug}%2F",
    )
    assertContains(response, "Meld een fout op deze pagina</a>")
