"""Every public page runs the same number of queries at 100 and at 10,000 places."""

from datetime import datetime, time
from decimal import Decimal
from http import HTTPStatus

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from neighbourhoods.models import (
    Activity,
    ActivitySchedule,
    Facility,
    FacilityKind,
    OpeningHours,
    Organisation,
    OrganisationKind,
    Room,
    Weekday,
)
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    FacilityFunctionFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

# Upper bounds per page; the test's point is that they do not grow with the rows.
# Filter forms read the options of all their lists in one query, the wijken in one
# more; a valid filter value in the URL costs one lookup; a page is a COUNT (up to a
# bound), its rows and their prefetches. A place's page reads its functions, target
# groups, themes and rooms with the place itself.
MAX_QUERIES = {
    "/plekken/": 7,
    "/plekken/?nu_open=1&doelgroep=senioren&toegankelijk=1&sorteer=wijk": 8,
    "/plekken/?q=buurthuis&gemeente=amersfoort&page=2": 8,
    "/plekken/kaart.geojson?wijk=vathorst": 2,
    # Rooms' occupancy, the social agenda and the team add their own queries.
    "/wijken/vathorst/": 13,
    "/plekken/plek-0/": 7,
    "/activiteiten/": 6,
    "/activiteiten/?dag=2&kosten=gratis&doelgroep=senioren": 7,
    "/organisaties/?wijk=vathorst": 5,
    "/organisaties/organisatie-0/": 7,
    # One query per registered search source (other apps may add theirs), and one
    # that reads whether the search is one word (search.DutchQuery.lexeme).
    "/zoeken/?q=buurthuis": 5,
    "/open-data/plekken.csv": 5,
    "/open-data/activiteiten.json": 4,
    "/open-data/organisaties.csv": 2,
}
# A Wednesday at ten in Amsterdam: the places are open ("nu open" finds them).
OPEN_MOMENT = datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def world():
    amersfoort = MunicipalityFactory(name="Amersfoort", slug="amersfoort")
    neighbourhoods = [
        NeighbourhoodFactory(municipality=amersfoort, name="Vathorst", slug="vathorst"),
        NeighbourhoodFactory(municipality=amersfoort, name="Hoogland", slug="hoogland"),
    ]
    return {
        "municipality": amersfoort,
        "neighbourhoods": neighbourhoods,
        "senioren": TargetGroupFactory(slug="senioren"),
        "theme": ThemeFactory(),
        "function": FacilityFunctionFactory(),
    }


def add_places(world, start: int, stop: int) -> None:
    """Places stop - start, each with hours, a room, an organisation and an activity."""
    municipality = world["municipality"]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisatie {n}",
            slug=f"organisatie-{n}",
            kind=OrganisationKind.WELFARE,
            municipality=municipality,
        )
        for n in range(start, stop)
    )
    places = Facility.objects.bulk_create(
        Facility(
            name=f"Buurthuis {n}",
            slug=f"plek-{n}",
            kind=FacilityKind.values[n % len(FacilityKind.values)],
            municipality=municipality,
            neighbourhood=world["neighbourhoods"][n % 2],
            operator=organisation,
            owner=organisation,
            latitude=Decimal("52.2") + Decimal(n % 100) / 1000,
            longitude=Decimal("5.4"),
            wheelchair_accessible=n % 3 == 0,
            is_heart=n % 50 == 0,
            street="Dorpsstraat",
            house_number=str(n),
            city="Amersfoort",
        )
        for n, organisation in zip(range(start, stop), organisations, strict=True)
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(facility=place, weekday=weekday, opens=time(9), closes=time(22))
        for place in places
        for weekday in (Weekday.MONDAY, Weekday.WEDNESDAY)
    )
    Room.objects.bulk_create(Room(facility=place, name="Zaal") for place in places)
    for relation, value in (
        (Facility.target_groups, world["senioren"]),
        (Facility.themes, world["theme"]),
        (Facility.functions, world["function"]),
    ):
        field = relation.field
        relation.through.objects.bulk_create(
            relation.through(
                **{
                    field.m2m_field_name(): place,
                    field.m2m_reverse_field_name(): value,
                }
            )
            for place in places
        )
    activities = Activity.objects.bulk_create(
        Activity(
            title=f"Koffieochtend {n}",
            organisation=organisation,
            facility=place,
            cost=Decimal(n % 2),
        )
        for n, organisation, place in zip(
            range(start, stop), organisations, places, strict=True
        )
    )
    ActivitySchedule.objects.bulk_create(
        ActivitySchedule(
            activity=activity,
            weekday=Weekday.WEDNESDAY,
            starts_at=time(10),
            ends_at=time(12),
        )
        for activity in activities
    )
    Activity.target_groups.through.objects.bulk_create(
        Activity.target_groups.through(activity=activity, targetgroup=world["senioren"])
        for activity in activities
    )
    for organisation in organisations[:50]:
        organisation.neighbourhoods.add(world["neighbourhoods"][0])


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(queries)


@time_machine.travel(OPEN_MOMENT, tick=False)
def test_queries_per_page_are_the_same_at_100_and_10000_places(client, world):
    add_places(world, 0, 100)
    small = {url: count_queries(client, url) for url in MAX_QUERIES}

    add_places(world, 100, 10_000)
    large = {url: count_queries(client, url) for url in MAX_QUERIES}

    assert large == small
    over = {url: count for url, count in small.items() if count > MAX_QUERIES[url]}
    assert over == {}
