"""/plekken/: every filter, their combinations, "nu open", sorting and pages."""

from datetime import UTC, date, datetime, time
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from neighbourhoods.models import Facility, FacilityKind, Weekday
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    FacilityFactory,
    FacilityFunctionFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("neighbourhoods:facility-list")


def names(response) -> list[str]:
    return [facility.name for facility in response.context["facilities"]]


@pytest.fixture
def social_map():
    """Two municipalities, three wijken and places that differ in one thing each."""
    amersfoort = MunicipalityFactory(name="Amersfoort", slug="amersfoort")
    almere = MunicipalityFactory(name="Almere", slug="almere")
    vathorst = NeighbourhoodFactory(
        municipality=amersfoort, name="Vathorst", slug="vathorst"
    )
    kattenbroek = NeighbourhoodFactory(
        municipality=amersfoort, name="Kattenbroek", slug="kattenbroek"
    )
    haven = NeighbourhoodFactory(municipality=almere, name="Haven", slug="haven")
    seniors = TargetGroupFactory(name="Senioren", slug="senioren")
    youth = TargetGroupFactory(name="Jongeren", slug="jongeren")
    meeting = FacilityFunctionFactory(name="Ontmoeting", slug="ontmoeting")
    carers = ThemeFactory(name="Mantelzorg", slug="mantelzorg")

    de_bron = FacilityFactory(
        name="Buurtkamer De Bron",
        kind=FacilityKind.NEIGHBOURHOOD_ROOM,
        municipality=amersfoort,
        neighbourhood=vathorst,
        wheelchair_accessible=True,
        description="Koffie en een praatje voor ouderen.",
    )
    de_bron.target_groups.add(seniors)
    de_bron.functions.add(meeting)
    de_bron.themes.add(carers)
    het_ravijn = FacilityFactory(
        name="Jongerencentrum Het Ravijn",
        kind=FacilityKind.YOUTH_CENTRE,
        municipality=amersfoort,
        neighbourhood=kattenbroek,
    )
    het_ravijn.target_groups.add(youth, seniors)
    FacilityFactory(
        name="Wijkcentrum De Roef",
        kind=FacilityKind.COMMUNITY_CENTRE,
        municipality=almere,
        neighbourhood=haven,
        wheelchair_accessible=True,
    )
    return {"vathorst": vathorst, "de_bron": de_bron, "het_ravijn": het_ravijn}


# EACH FILTER
# ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            ["Buurtkamer De Bron", "Jongerencentrum Het Ravijn", "Wijkcentrum De Roef"],
        ),
        ("gemeente=almere", ["Wijkcentrum De Roef"]),
        ("wijk=kattenbroek", ["Jongerencentrum Het Ravijn"]),
        ("soort=buurtkamer", ["Buurtkamer De Bron"]),
        ("functie=ontmoeting", ["Buurtkamer De Bron"]),
        ("doelgroep=senioren", ["Buurtkamer De Bron", "Jongerencentrum Het Ravijn"]),
        ("thema=mantelzorg", ["Buurtkamer De Bron"]),
        ("toegankelijk=1", ["Buurtkamer De Bron", "Wijkcentrum De Roef"]),
        ("q=ouderen", ["Buurtkamer De Bron"]),  # in the description, Dutch stemming
        ("q=ravijn", ["Jongerencentrum Het Ravijn"]),
        ("q=jongeren", ["Jongerencentrum Het Ravijn"]),  # part of the name
    ],
)
def test_each_filter_narrows_the_places(client, social_map, query, expected):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == HTTPStatus.OK
    assert names(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "gemeente=amersfoort&doelgroep=senioren",
            ["Buurtkamer De Bron", "Jongerencentrum Het Ravijn"],
        ),
        (
            "gemeente=amersfoort&doelgroep=senioren&toegankelijk=1",
            ["Buurtkamer De Bron"],
        ),
        ("doelgroep=senioren&wijk=kattenbroek", ["Jongerencentrum Het Ravijn"]),
        ("gemeente=almere&doelgroep=senioren", []),
        (
            "soort=buurtkamer&thema=mantelzorg&functie=ontmoeting&q=koffie",
            ["Buurtkamer De Bron"],
        ),
    ],
)
def test_filters_combine(client, social_map, query, expected):
    response = client.get(f"{URL}?{query}")

    assert names(response) == expected


def test_result_count_is_shown_and_an_empty_result_explains_itself(client, social_map):
    response = client.get(f"{URL}?doelgroep=senioren")
    assertContains(response, "2 plekken gevonden")

    response = client.get(f"{URL}?gemeente=almere&doelgroep=senioren")
    assertContains(response, "0 plekken gevonden")
    assertContains(response, "Geen plekken gevonden met deze filters.")


def test_the_chosen_filters_stay_selected_in_the_form(client, social_map):
    response = client.get(f"{URL}?doelgroep=senioren&nu_open=1&q=koffie")

    assertContains(response, '<option value="senioren" selected>Senioren</option>')
    assertContains(response, 'name="nu_open" id="id_nu_open" value="1" checked')
    assertContains(response, 'name="q" id="id_q" value="koffie"')


def test_an_unknown_value_is_reported_and_the_other_filters_still_apply(
    client, social_map
):
    response = client.get(f"{URL}?wijk=bestaat-niet&doelgroep=jongeren")

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "Niet alle filters konden worden gebruikt")
    assertContains(response, "Deze keuze bestaat niet (meer); kies een andere.")
    assert names(response) == ["Jongerencentrum Het Ravijn"]


# NU OPEN
# ------------------------------------------------------------------------------


@pytest.fixture
def night_cafe(social_map) -> Facility:
    """Open Fridays 20:00 to 02:00, closed on public holidays; De Bron opens Mon-Sun 9-17."""
    place = social_map["het_ravijn"]
    OpeningHoursFactory(
        facility=place, weekday=Weekday.FRIDAY, opens=time(20), closes=time(2)
    )
    for weekday in Weekday.values:
        OpeningHoursFactory(
            facility=social_map["de_bron"],
            weekday=weekday,
            opens=time(9),
            closes=time(17),
        )
    return place


def open_now(client, moment: datetime, query: str = "") -> list[str]:
    with time_machine.travel(moment, tick=False):
        return names(client.get(f"{URL}?nu_open=1{query}"))


def test_nu_open_uses_amsterdam_time_also_past_midnight(client, night_cafe):
    # Friday 27 November 2026, 23:30 and Saturday 01:30 in Amsterdam.
    friday_night = datetime(2026, 11, 27, 23, 30, tzinfo=AMSTERDAM)
    saturday_early = datetime(2026, 11, 28, 1, 30, tzinfo=AMSTERDAM)
    saturday_late = datetime(2026, 11, 28, 2, 30, tzinfo=AMSTERDAM)

    assert open_now(client, friday_night) == ["Jongerencentrum Het Ravijn"]
    assert open_now(client, saturday_early) == ["Jongerencentrum Het Ravijn"]
    assert open_now(client, saturday_late) == []
    # 10:00 on Saturday: only De Bron, and "nu open" combines with the target group.
    morning = datetime(2026, 11, 28, 10, 0, tzinfo=AMSTERDAM)
    assert open_now(client, morning) == ["Buurtkamer De Bron"]
    assert open_now(client, morning, "&doelgroep=jongeren") == []


def test_nu_open_closes_places_on_a_public_holiday_and_keeps_exceptions(
    client, night_cafe, social_map
):
    christmas = datetime(2026, 12, 25, 10, 0, tzinfo=AMSTERDAM)
    assert open_now(client, christmas) == []

    OpeningExceptionFactory(
        facility=social_map["de_bron"],
        date=date(2026, 12, 25),
        is_closed=False,
        opens=time(9),
        closes=time(12),
        reason="Kerstbrunch",
    )
    assert open_now(client, christmas) == ["Buurtkamer De Bron"]


def test_nu_open_follows_the_wall_clock_across_the_daylight_saving_change(
    client, night_cafe
):
    # Sunday 29 March 2026, summer time from 02:00: 09:30 local is 07:30 UTC.
    assert open_now(client, datetime(2026, 3, 29, 7, 30, tzinfo=UTC)) == [
        "Buurtkamer De Bron"
    ]
    # On 25 October 2026 winter time returns: 16:30 local is 15:30 UTC.
    assert open_now(client, datetime(2026, 10, 25, 15, 30, tzinfo=UTC)) == [
        "Buurtkamer De Bron"
    ]
    assert open_now(client, datetime(2026, 10, 25, 16, 30, tzinfo=UTC)) == []


def test_list_marks_places_that_are_open_now(client, night_cafe):
    with time_machine.travel(datetime(2026, 11, 28, 10, 0, tzinfo=AMSTERDAM)):
        response = client.get(URL)

    assertContains(response, "Nu open</span>", count=1)


# SORTING, PAGES, MAP
# ------------------------------------------------------------------------------


def test_sorting_by_neighbourhood_and_by_kind(client, social_map):
    by_neighbourhood = names(client.get(f"{URL}?sorteer=wijk"))
    by_kind = names(client.get(f"{URL}?sorteer=soort"))

    assert by_neighbourhood == [
        "Wijkcentrum De Roef",  # Haven
        "Jongerencentrum Het Ravijn",  # Kattenbroek
        "Buurtkamer De Bron",  # Vathorst
    ]
    assert by_kind == [
        "Buurtkamer De Bron",
        "Jongerencentrum Het Ravijn",
        "Wijkcentrum De Roef",
    ]


def test_pages_keep_the_filters_in_their_links(client, social_map):
    municipality = social_map["vathorst"].municipality
    FacilityFactory.create_batch(
        25, municipality=municipality, neighbourhood=social_map["vathorst"]
    )

    response = client.get(f"{URL}?wijk=vathorst&sorteer=wijk")
    assert len(names(response)) == 20
    assertContains(response, "Pagina 1 van 2")
    assertContains(response, 'href="?wijk=vathorst&amp;sorteer=wijk&amp;page=2"')

    second = client.get(f"{URL}?wijk=vathorst&sorteer=wijk&page=2")
    assert len(names(second)) == 6


def test_map_layers_follow_the_filters_and_have_a_list_beside_them(client, social_map):
    response = client.get(f"{URL}?wijk=vathorst&doelgroep=senioren")

    assertContains(response, 'data-map-layers="/wijken/vathorst/grens.geojson ')
    assertContains(
        response, "/plekken/kaart.geojson?wijk=vathorst&amp;doelgroep=senioren"
    )
    assertContains(response, 'href="#plekken-lijst"')
    assertContains(response, 'id="plekken-lijst"')


def test_map_points_are_geojson_with_the_same_filters(client, social_map):
    response = client.get(
        reverse("neighbourhoods:facility-points") + "?doelgroep=senioren"
    )

    assert response["Content-Type"] == "application/geo+json"
    document = response.json()
    assert document["type"] == "FeatureCollection"
    assert sorted(f["properties"]["name"] for f in document["features"]) == [
        "Buurtkamer De Bron",
        "Jongerencentrum Het Ravijn",
    ]
    place = Facility.objects.get(name="Buurtkamer De Bron")
    feature = next(f for f in document["features"] if f["id"] == place.slug)
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [float(place.longitude), float(place.latitude)],
    }
    assert feature["properties"]["url"] == place.get_absolute_url()
    assertNotContains(response, "search_vector")
