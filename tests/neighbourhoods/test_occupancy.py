"""Occupancy: booked hours over opening hours, on a week computed by hand."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from core.history import without_history
from neighbourhoods import occupancy
from neighbourhoods.models import BookingKind, Room
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    BookingFactory,
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2030, 1, 7)
SUNDAY = date(2030, 1, 13)


def span(day: int, start: str, end: str) -> DateTimeTZRange:
    """A range on 2030-01-<day> in Amsterdam time."""

    def moment(clock: str) -> datetime:
        hour, minute = (int(part) for part in clock.split(":"))
        return datetime.combine(date(2030, 1, day), time(hour, minute), AMSTERDAM)

    return DateTimeTZRange(moment(start), moment(end), "[)")


def weekdays_nine_to_five(facility) -> None:
    for weekday in range(5):
        OpeningHoursFactory(
            facility=facility, weekday=weekday, opens=time(9), closes=time(17)
        )


@pytest.fixture
def week():
    """One room, open Monday to Friday 9–17 but closed on Friday: 32 hours.

    Booked inside opening hours: 2 (subsidised) + 1 (non-subsidised, 8–10) +
    1 (commercial, 16–18) + 1.5 (ad hoc) = 5.5 hours. Not counted: Saturday (closed),
    Friday (closure), a cancelled booking, and a booking the week after.
    """
    municipality = MunicipalityFactory()
    neighbourhood = NeighbourhoodFactory(municipality=municipality, name="Kruiskamp")
    facility = FacilityFactory(
        municipality=municipality, neighbourhood=neighbourhood, name="De Kruisboog"
    )
    weekdays_nine_to_five(facility)
    OpeningExceptionFactory(facility=facility, date=date(2030, 1, 11))
    room = RoomFactory(facility=facility, name="Zaal")
    BookingFactory(room=room, period=span(7, "10:00", "12:00"))
    BookingFactory(
        room=room, period=span(8, "08:00", "10:00"), kind=BookingKind.NON_SUBSIDISED
    )
    BookingFactory(room=room, period=span(9, "16:00", "18:00"), commercial=True)
    BookingFactory(room=room, period=span(10, "13:00", "14:30"), ad_hoc=True)
    BookingFactory(room=room, period=span(10, "15:00", "16:00"), is_cancelled=True)
    BookingFactory(room=room, period=span(11, "10:00", "12:00"))
    BookingFactory(room=room, period=span(12, "10:00", "12:00"))
    BookingFactory(room=room, period=span(14, "10:00", "12:00"))
    return room


def test_occupancy_of_a_hand_computed_week(week):
    report = occupancy.occupancy(
        rooms=Room.objects.filter(pk=week.pk), start=MONDAY, end=SUNDAY
    )
    usage = report.total.usage

    assert usage.available_hours == Decimal("32.00")
    assert usage.booked_hours == Decimal("5.50")
    assert usage.occupancy_percent == Decimal("17.2")  # 5.5 / 32 = 17.19 %
    by_kind = {figure.kind: figure for figure in usage.kinds()}
    assert by_kind[BookingKind.SUBSIDISED].hours == Decimal("2.00")
    assert by_kind[BookingKind.NON_SUBSIDISED].hours == Decimal("1.00")
    assert by_kind[BookingKind.COMMERCIAL].hours == Decimal("1.00")
    assert by_kind[BookingKind.AD_HOC].hours == Decimal("1.50")
    assert by_kind[BookingKind.AD_HOC].percent == Decimal("4.7")  # 1.5 / 32
    assert usage.organisation_percent == Decimal("9.4")  # 3 / 32 = 9.375 %
    assert usage.free_hours == Decimal("26.50")
    assert usage.ad_hoc_room_percent == Decimal("87.5")  # (1.5 + 26.5) / 32
    assert not usage.meets_target
    assert usage.keeps_ad_hoc_reserve
    assert usage.commercial_reserve_percent == Decimal("15.0")


def test_the_target_is_met_when_organisations_use_85_percent(week):
    facility = week.facility
    other = RoomFactory(facility=facility, name="Keuken")
    for day in (7, 8, 9, 10):  # 32 of 32 hours by organisations
        BookingFactory(room=other, period=span(day, "09:00", "17:00"))

    report = occupancy.facility_occupancy(facility=facility, start=MONDAY, end=SUNDAY)

    rows = {row.name: row.usage for row in report.rooms}
    assert rows["De Kruisboog – Keuken"].organisation_percent == Decimal("100.0")
    assert rows["De Kruisboog – Keuken"].meets_target
    assert not rows["De Kruisboog – Keuken"].keeps_ad_hoc_reserve
    total = report.total.usage
    assert total.available_hours == Decimal("64.00")
    assert total.booked_hours == Decimal("37.50")
    assert total.organisation_percent == Decimal("54.7")  # 35 / 64


def test_available_hours_count_the_short_night_of_summer_time():
    """Open on Sundays 00:00–06:00: on 31 March 2030 that is five real hours."""
    facility = FacilityFactory(closed_on_public_holidays=False)
    OpeningHoursFactory(facility=facility, weekday=6, opens=time(0), closes=time(6))
    room = RoomFactory(facility=facility)

    usage = occupancy.room_occupancy(
        room=room, start=date(2030, 3, 31), end=date(2030, 3, 31)
    )
    assert usage.available_hours == Decimal("5.00")
    usage = occupancy.room_occupancy(
        room=room, start=date(2030, 10, 27), end=date(2030, 10, 27)
    )
    assert usage.available_hours == Decimal("7.00")


def test_public_holidays_and_evenings_past_midnight():
    """Open Monday 20:00–02:00; Easter Monday 22 April 2030 is a holiday."""
    facility = FacilityFactory()
    OpeningHoursFactory(facility=facility, weekday=0, opens=time(20), closes=time(2))
    room = RoomFactory(facility=facility)
    BookingFactory(
        room=room,
        period=DateTimeTZRange(
            datetime(2030, 4, 15, 23, tzinfo=AMSTERDAM),
            datetime(2030, 4, 16, 1, tzinfo=AMSTERDAM),
            "[)",
        ),
    )

    usage = occupancy.room_occupancy(
        room=room, start=date(2030, 4, 15), end=date(2030, 4, 28)
    )

    assert usage.available_hours == Decimal("6.00")  # the 22nd stays closed
    assert usage.booked_hours == Decimal("2.00")  # across midnight, both parts


def test_a_period_cuts_bookings_and_opening_hours_at_its_edges():
    facility = FacilityFactory(closed_on_public_holidays=False)
    OpeningHoursFactory(facility=facility, weekday=1, opens=time(20), closes=time(2))
    room = RoomFactory(facility=facility)
    BookingFactory(
        room=room,
        period=DateTimeTZRange(
            datetime(2030, 1, 8, 22, tzinfo=AMSTERDAM),
            datetime(2030, 1, 9, 2, tzinfo=AMSTERDAM),
            "[)",
        ),
    )

    usage = occupancy.room_occupancy(
        room=room, start=date(2030, 1, 8), end=date(2030, 1, 8)
    )

    assert usage.available_hours == Decimal("4.00")  # 20:00–24:00 of the 8th
    assert usage.booked_hours == Decimal("2.00")


def test_rooms_not_for_booking_are_left_out(week):
    RoomFactory(facility=week.facility, name="Kantoor", is_bookable=False)

    report = occupancy.facility_occupancy(
        facility=week.facility, start=MONDAY, end=SUNDAY
    )

    assert [row.name for row in report.rooms] == ["De Kruisboog – Zaal"]


def test_rows_per_facility_and_neighbourhood_add_up(week):
    municipality = week.facility.municipality
    elsewhere = FacilityFactory(municipality=municipality, name="Het Klokhuis")
    weekdays_nine_to_five(elsewhere)  # 40 hours
    room = RoomFactory(facility=elsewhere)
    BookingFactory(room=room, period=span(7, "09:00", "17:00"), ad_hoc=True)

    report = occupancy.municipality_occupancy(
        municipality=municipality, start=MONDAY, end=SUNDAY
    )

    facilities = {row.name: row.usage for row in report.facilities}
    assert facilities["Het Klokhuis"].occupancy_percent == Decimal("20.0")
    assert facilities["De Kruisboog"].occupancy_percent == Decimal("17.2")
    neighbourhoods = {row.name: row.rooms for row in report.neighbourhoods}
    assert neighbourhoods["Kruiskamp"] == 1
    assert report.total.usage.available_hours == Decimal("72.00")
    assert report.total.usage.booked_hours == Decimal("13.50")
    assert report.total.rooms == 2


def test_a_year_of_a_whole_municipality_in_three_queries(django_assert_num_queries):
    """50 places, 200 rooms, a year of bookings (about 100,000) in three queries."""
    municipality = MunicipalityFactory()
    neighbourhoods = NeighbourhoodFactory.create_batch(10, municipality=municipality)
    for number in range(50):
        facility = FacilityFactory(
            municipality=municipality, neighbourhood=neighbourhoods[number % 10]
        )
        for weekday in range(7):
            OpeningHoursFactory(
                facility=facility, weekday=weekday, opens=time(8), closes=time(22)
            )
        RoomFactory.create_batch(4, facility=facility)
    # Two bookings a day in every room, written by the database itself; generated
    # volume, not people's changes, so without row history (as bench's generator).
    with without_history(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO neighbourhoods_booking
                (room_id, period, kind, purpose, is_cancelled)
            SELECT r.id,
                   tstzrange(
                       (d + slot.start) AT TIME ZONE 'Europe/Amsterdam',
                       (d + slot.start + interval '2 hours')
                           AT TIME ZONE 'Europe/Amsterdam'
                   ),
                   (ARRAY['gesubsidieerd','niet_gesubsidieerd','commercieel','ad_hoc'])
                       [1 + (r.id + extract(doy FROM d)::int) %% 4],
                   'Gebruik', false
            FROM neighbourhoods_room r
            JOIN neighbourhoods_facility f ON f.id = r.facility_id
            CROSS JOIN generate_series(
                '2029-01-01'::timestamp, '2029-12-31'::timestamp, interval '1 day'
            ) AS d
            CROSS JOIN (VALUES (interval '9 hours'), (interval '19 hours')) AS slot(start)
            WHERE f.municipality_id = %s
            """,
            [municipality.pk],
        )
        cursor.execute("SELECT count(*) FROM neighbourhoods_booking")
        assert cursor.fetchone()[0] == 200 * 365 * 2

    with django_assert_num_queries(3):
        report = occupancy.municipality_occupancy(
            municipality=municipality, start=date(2029, 1, 1), end=date(2029, 12, 31)
        )

    # 14 open hours a day, 4 of them booked: 28.6 %; closed on the 11 holidays.
    assert report.total.usage.occupancy_percent == Decimal("28.6")
    assert report.total.usage.available_hours == Decimal(200 * 354 * 14)
    assert report.total.usage.booked_hours == Decimal(200 * 354 * 4)
    assert len(report.facilities) == 50
    assert len(report.neighbourhoods) == 10


def test_the_public_figure_has_a_data_table_and_no_personal_data(week):
    from django.template import Context, Template

    booking = week.bookings.filter(kind=BookingKind.SUBSIDISED).first()
    booking.purpose = "Verjaardag van mevrouw Jansen"
    booking.save()

    html = Template(
        "{% load neighbourhood_figures %}"
        "{% facility_occupancy facility start end %}"
        "{% neighbourhood_occupancy neighbourhood start end %}"
    ).render(
        Context(
            {
                "facility": week.facility,
                "neighbourhood": week.facility.neighbourhood,
                "start": MONDAY,
                "end": SUNDAY,
            }
        )
    )

    assert "<table" in html and "<figure" in html
    assert "17,2 %" in html or "17.2 %" in html
    assert "doel: 85" in html
    assert "vrij te houden: 15" in html
    assert "mevrouw Jansen" not in html
    assert booking.organisation.name not in html


def test_places_with_the_same_hours_keep_their_own_exceptions(week):
    """Ranges are shared between places with equal hours, never across exceptions."""
    twin = FacilityFactory(municipality=week.facility.municipality, name="Tweeling")
    weekdays_nine_to_five(twin)
    OpeningExceptionFactory(
        facility=twin, date=date(2030, 1, 9), special_hours=True
    )  # 10–14 instead of 9–17
    RoomFactory(facility=twin)
    plain = FacilityFactory(municipality=week.facility.municipality, name="Gewoon")
    weekdays_nine_to_five(plain)
    RoomFactory(facility=plain)

    report = occupancy.municipality_occupancy(
        municipality=week.facility.municipality, start=MONDAY, end=SUNDAY
    )

    hours = {row.name: row.usage.available_hours for row in report.facilities}
    assert hours == {
        "De Kruisboog": Decimal("32.00"),  # closed on Friday
        "Tweeling": Decimal("36.00"),
        "Gewoon": Decimal("40.00"),
    }


def test_the_public_tag_costs_three_queries(week, django_assert_num_queries):
    from django.template import Context, Template

    template = Template("{% load neighbourhood_figures %}{% facility_occupancy f %}")
    for number in range(5):
        RoomFactory(facility=week.facility, name=f"Zaal {number + 2}")

    with django_assert_num_queries(3):
        html = template.render(Context({"f": week.facility}))

    assert html.count('scope="row"') >= 6 + 5  # kinds, free and six rooms


def test_no_opening_hours_is_said_plainly():
    from django.template import Context, Template

    room = RoomFactory()

    html = Template(
        "{% load neighbourhood_figures %}{% facility_occupancy f %}"
    ).render(Context({"f": room.facility}))

    assert "geen openingstijden bekend" in html
