"""The officials' side of bookings: named conflicts, the reserve, series, overviews."""

from datetime import datetime, time
from http import HTTPStatus

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils.html import escape

from neighbourhoods.models import Booking, BookingKind, BookingSeries, Weekday
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    BookingFactory,
    FacilityFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoomFactory,
    SocialAgendaItemFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ADD = "admin:neighbourhoods_booking_add"


def at(day: int, hour: int) -> datetime:
    return datetime(2030, 1, day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def room():
    facility = FacilityFactory(name="Wijkcentrum De Kroon")
    for weekday in range(5):
        OpeningHoursFactory(
            facility=facility, weekday=weekday, opens=time(9), closes=time(17)
        )
    return RoomFactory(facility=facility, name="Grote zaal")


def booking_data(room, organisation, **changes):
    data = {
        "room": room.pk,
        "organisation": organisation.pk,
        "kind": BookingKind.SUBSIDISED,
        "purpose": "Taalcafé voor nieuwkomers",
        "period_0": "2030-01-07 11:00",
        "period_1": "2030-01-07 13:00",
        "series": "",
    }
    data.update(changes)
    return data


def test_the_form_names_the_conflicting_booking_and_keeps_what_was_typed(
    admin_client, room
):
    organisation = OrganisationFactory(name="Welzijn Eemland")
    existing = BookingFactory(
        room=room,
        organisation=organisation,
        purpose="Koffieochtend",
        period=DateTimeTZRange(at(7, 10), at(7, 12), "[)"),
    )

    response = admin_client.post(reverse(ADD), booking_data(room, organisation))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert escape("“Koffieochtend” (Welzijn Eemland)") in html
    assert "07-01-2030 10:00–12:00" in html
    assert f"nr. {existing.pk}" in html
    assert "Taalcafé voor nieuwkomers" in html  # what was typed stays
    assert Booking.objects.count() == 1


def test_the_form_books_a_free_slot(admin_client, room):
    organisation = OrganisationFactory()
    BookingFactory(room=room, period=DateTimeTZRange(at(7, 10), at(7, 12), "[)"))

    response = admin_client.post(
        reverse(ADD),
        booking_data(
            room, organisation, period_0="2030-01-07 12:00", period_1="2030-01-07 14:00"
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Booking.objects.count() == 2


def test_the_form_refuses_a_commercial_booking_in_the_reserve(admin_client, room):
    organisation = OrganisationFactory()
    for day in (7, 8, 9, 10):
        BookingFactory(room=room, period=DateTimeTZRange(at(day, 9), at(day, 17), "[)"))

    response = admin_client.post(
        reverse(ADD),
        booking_data(
            room,
            organisation,
            kind=BookingKind.COMMERCIAL,
            period_0="2030-01-11 09:00",
            period_1="2030-01-11 13:00",
        ),
    )

    assert response.status_code == HTTPStatus.OK
    assert "Een commerciële reservering mag niet" in response.content.decode()
    assert not Booking.objects.filter(kind=BookingKind.COMMERCIAL).exists()


def test_saving_a_series_expands_it_and_says_what_it_skipped(admin_client, room):
    organisation = OrganisationFactory()

    response = admin_client.post(
        reverse("admin:neighbourhoods_bookingseries_add"),
        {
            "room": room.pk,
            "organisation": organisation.pk,
            "kind": BookingKind.SUBSIDISED,
            "purpose": "Seniorengym",
            "weekday": Weekday.MONDAY,
            "starts_at": "10:00",
            "ends_at": "11:00",
            "first_date": "2030-04-01",
            "last_date": "2030-04-30",
            "skipped_dates": "",
        },
        follow=True,
    )

    assert response.status_code == HTTPStatus.OK
    series = BookingSeries.objects.get()
    assert series.occurrences.count() == 4  # 1, 8, 15, 29 April; 22nd is Easter
    assert "22-04-2030 (Tweede Paasdag)" in response.content.decode()


def test_a_series_that_collides_is_refused_in_the_form(admin_client, room):
    organisation = OrganisationFactory()
    BookingFactory(
        room=room,
        purpose="Yoga",
        period=DateTimeTZRange(
            datetime(2030, 4, 8, 10, 30, tzinfo=AMSTERDAM),
            datetime(2030, 4, 8, 11, 30, tzinfo=AMSTERDAM),
            "[)",
        ),
    )

    response = admin_client.post(
        reverse("admin:neighbourhoods_bookingseries_add"),
        {
            "room": room.pk,
            "organisation": organisation.pk,
            "kind": BookingKind.SUBSIDISED,
            "purpose": "Seniorengym",
            "weekday": Weekday.MONDAY,
            "starts_at": "10:00",
            "ends_at": "11:00",
            "first_date": "2030-04-01",
            "last_date": "2030-04-30",
            "skipped_dates": "",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "Yoga" in response.content.decode()
    assert not BookingSeries.objects.exists()


def test_the_occupancy_overview_in_the_admin(
    admin_client, room, django_assert_max_num_queries
):
    BookingFactory(room=room, period=DateTimeTZRange(at(7, 9), at(7, 17), "[)"))
    url = reverse("admin:neighbourhoods_booking_occupancy")
    query = {
        "municipality": room.facility.municipality_id,
        "start": "2030-01-07",
        "end": "2030-01-13",
    }

    with django_assert_max_num_queries(12):
        response = admin_client.get(url, query)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "20.0 %" in html or "20,0 %" in html  # 8 of 40 hours
    assert "Wijkcentrum De Kroon – Grote zaal" in html
    assert "doel: 85" in html


def test_the_occupancy_overview_refuses_a_reversed_period(admin_client, room):
    response = admin_client.get(
        reverse("admin:neighbourhoods_booking_occupancy"),
        {
            "municipality": room.facility.municipality_id,
            "start": "2030-01-13",
            "end": "2030-01-07",
        },
    )

    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_the_gap_analysis_in_the_admin(admin_client):
    item = SocialAgendaItemFactory(title="Eenzame ouderen")
    item.target_groups.set([TargetGroupFactory(name="Senioren")])
    item.themes.set([ThemeFactory(name="Ontmoeting")])

    response = admin_client.get(
        reverse("admin:neighbourhoods_socialagendaitem_gaps"),
        {"neighbourhood": item.neighbourhood_id},
    )

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Senioren × Ontmoeting" in html
    assert (
        reverse("admin:neighbourhoods_socialagendaitem_change", args=[item.pk]) in html
    )


@pytest.mark.parametrize(
    ("changelist", "link"),
    [
        ("neighbourhoods_booking", "admin:neighbourhoods_booking_occupancy"),
        (
            "neighbourhoods_socialagendaitem",
            "admin:neighbourhoods_socialagendaitem_gaps",
        ),
    ],
)
def test_the_changelists_link_to_the_overviews_and_keep_import_export(
    admin_client, changelist, link
):
    response = admin_client.get(reverse(f"admin:{changelist}_changelist"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert reverse(link) in html
    assert reverse(f"admin:{changelist}_import") in html


def test_teams_show_whether_they_are_at_full_strength(admin_client):
    from testdata.neighbourhoods import (
        NeighbourhoodTeamFactory,
        TeamMemberFactory,
    )

    team = NeighbourhoodTeamFactory(name="Team Haven", planned_fte=1)
    TeamMemberFactory(team=team, fte=1)

    response = admin_client.get(
        reverse("admin:neighbourhoods_neighbourhoodteam_changelist")
    )

    assert response.status_code == HTTPStatus.OK
    assert "op volle sterkte" in response.content.decode().lower()
    assert 'alt="True"' in response.content.decode()
