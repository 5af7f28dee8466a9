"""The public occupancy figures, intersected in Python, match the database's sum."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.template import Context, Template

from neighbourhoods import occupancy, selectors
from neighbourhoods.models import BookingKind, Facility, Room
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    BookingFactory,
    FacilityFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db

# A month with the change to summer time (31 March) and Easter (Friday 19 April to
# Monday 22 April 2030) in it.
START = date(2030, 3, 25)
END = date(2030, 4, 28)


def at(day: date, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), AMSTERDAM)


def book(room, first: date, start: str, last: date, end: str, **kwargs):
    if kwargs.get("kind") == BookingKind.AD_HOC:
        kwargs["organisation"] = None  # ad hoc use is by nobody in particular
    return BookingFactory(
        room=room,
        period=DateTimeTZRange(at(first, start), at(last, end), "[)"),
        **kwargs,
    )


# The sum PostgreSQL computes for the same bookings and opening ranges, written out
# independently of occupancy.py: the figures the page showed before it intersected
# in Python.
SUM_IN_POSTGRESQL = """
WITH open_range AS MATERIALIZED (
    SELECT o.facility_id, o.day, tstzrange(o.lower, o.upper, '[)') AS span
    FROM unnest(
        %(facilities)s::bigint[], %(days)s::date[],
        %(lowers)s::timestamptz[], %(uppers)s::timestamptz[]
    ) AS o(facility_id, day, lower, upper)
), booking AS MATERIALIZED (
    SELECT b.room_id, r.facility_id, b.kind, b.period,
           GREATEST((lower(b.period) AT TIME ZONE 'Europe/Amsterdam')::date,
                    %(start)s::date) AS first_day,
           LEAST(((upper(b.period) - interval '1 microsecond')
                  AT TIME ZONE 'Europe/Amsterdam')::date, %(end)s::date) AS last_day
    FROM neighbourhoods_booking AS b
    JOIN neighbourhoods_room AS r ON r.id = b.room_id
    WHERE b.room_id = ANY(%(rooms)s::bigint[])
      AND NOT b.is_cancelled
      AND NOT (b.id = ANY(%(exclude)s::bigint[]))
      AND b.period && tstzrange(%(lowest)s, %(highest)s, '[)')
), booking_day AS (
    -- Nearly every booking lies within one day; only the others are spread out.
    SELECT room_id, facility_id, kind, period, first_day AS day
    FROM booking WHERE first_day = last_day
    UNION ALL
    SELECT room_id, facility_id, kind, period, d.day::date
    FROM booking
    CROSS JOIN LATERAL generate_series(first_day, last_day, interval '1 day') AS d(day)
    WHERE first_day < last_day
)
SELECT bd.room_id, bd.kind,
       SUM(EXTRACT(EPOCH FROM upper(bd.period * o.span) - lower(bd.period * o.span)))
FROM booking_day AS bd
JOIN open_range AS o ON o.facility_id = bd.facility_id AND o.day = bd.day
WHERE bd.period && o.span
GROUP BY bd.room_id, bd.kind
"""


def sum_in_postgresql(*, room_ids, ranges, start, end) -> dict[tuple[int, str], int]:
    facilities, days, lowers, uppers = [], [], [], []
    for facility_id, pieces in ranges.items():
        for day, lower, upper in pieces:
            facilities.append(facility_id)
            days.append(day)
            lowers.append(lower)
            uppers.append(upper)
    lowest, highest = occupancy.window(start, end)
    with connection.cursor() as cursor:
        cursor.execute(
            SUM_IN_POSTGRESQL,
            {
                "facilities": facilities,
                "days": days,
                "lowers": lowers,
                "uppers": uppers,
                "rooms": room_ids,
                "start": start,
                "end": end,
                "lowest": lowest,
                "highest": highest,
                "exclude": [],
            },
        )
        return {
            (room_id, kind): int(round(seconds))
            for room_id, kind, seconds in cursor.fetchall()
        }


@pytest.fixture
def places() -> list[Facility]:
    """Two places with other hours: evenings past midnight, holidays, exceptions,
    and bookings across midnight, days, the clock change and opening hours."""
    evening = FacilityFactory(name="Avondhuis", closed_on_public_holidays=False)
    for weekday in range(7):
        OpeningHoursFactory(
            facility=evening, weekday=weekday, opens=time(18), closes=time(2)
        )
        OpeningHoursFactory(
            facility=evening, weekday=weekday, opens=time(9), closes=time(12)
        )
    OpeningExceptionFactory(facility=evening, date=date(2030, 4, 3))
    OpeningExceptionFactory(
        facility=evening,
        date=date(2030, 4, 4),
        is_closed=False,
        opens=time(10),
        closes=time(11, 30),
    )
    daytime = FacilityFactory(name="Dagcentrum", closed_on_public_holidays=True)
    for weekday in range(5):
        OpeningHoursFactory(
            facility=daytime, weekday=weekday, opens=time(8, 30), closes=time(17)
        )

    for facility in (evening, daytime):
        hall = RoomFactory(facility=facility, name="Zaal")
        kitchen = RoomFactory(facility=facility, name="Keuken")
        attic = RoomFactory(facility=facility, name="Zolder")
        RoomFactory(facility=facility, name="Berging", is_bookable=False)
        kinds = BookingKind.values
        day = START - timedelta(days=2)
        number = 0
        while day <= END + timedelta(days=2):
            book(hall, day, "11:15", day, "19:45", kind=kinds[number % 4])
            book(hall, day, "07:00", day, "08:00", is_cancelled=True)
            next_day = day + timedelta(days=1)
            book(kitchen, day, "23:00", next_day, "01:20", kind=kinds[(number + 1) % 4])
            day += timedelta(days=3)
            number += 1
        book(attic, date(2030, 4, 10), "09:00", date(2030, 4, 13), "10:00")
        # Over the night the clock moves forward.
        book(attic, date(2030, 3, 30), "18:30", date(2030, 3, 31), "04:00")
    return [evening, daytime]


def test_the_bookings_intersected_in_python_match_the_sum_in_postgresql(places):
    rooms = list(Room.objects.filter(facility__in=places, is_bookable=True))
    ranges = occupancy.facility_ranges(places, START, END)

    in_python = occupancy.booked_inside(
        room_facilities={room.pk: room.facility_id for room in rooms},
        ranges=ranges,
        start=START,
        end=END,
    )
    in_sql = sum_in_postgresql(
        room_ids=[room.pk for room in rooms], ranges=ranges, start=START, end=END
    )

    assert in_python == in_sql
    assert len(in_python) >= 8  # every kind in both places, not an empty match


def test_known_hours_give_the_same_report_in_two_queries(
    places, django_assert_num_queries
):
    [evening] = selectors.facility_detail().filter(pk=places[0].pk)
    hours = {evening.pk: occupancy.facility_hours(evening)}
    rooms = Room.objects.filter(facility=evening)

    queried = occupancy.occupancy(rooms=rooms, start=START, end=END)
    with django_assert_num_queries(2):
        known = occupancy.occupancy(rooms=rooms, start=START, end=END, hours=hours)

    def figures(report):
        return [
            (row.name, row.usage.available, row.usage.booked_by_kind)
            for row in [*report.rooms, report.total]
        ]

    assert figures(known) == figures(queried)
    assert known.total.usage.available_hours > 0


def test_the_place_page_tag_reuses_the_prefetched_hours(
    places, django_assert_num_queries
):
    [evening] = selectors.facility_detail().filter(pk=places[0].pk)
    template = Template(
        "{% load neighbourhood_figures %}{% facility_occupancy f start end %}"
    )
    context = {"start": START, "end": END}

    with django_assert_num_queries(2):
        prefetched = template.render(Context({"f": evening, **context}))
    plain = template.render(
        Context({"f": Facility.objects.get(pk=evening.pk), **context})
    )

    assert prefetched == plain
    assert "Avondhuis – Zaal" in prefetched
