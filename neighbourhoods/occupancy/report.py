"""Occupancy (bezettingsgraad) of rooms: booked hours over available hours.

Available hours are the facility's opening hours (weekly hours, minus public holidays
when it closes on them, with its exceptions and closures) in Dutch wall-clock time,
counted in real elapsed time, so a daylight-saving night is one hour shorter or
longer. Booked hours are the parts of the non-cancelled bookings that fall inside
those opening hours: a booking outside opening hours takes no available hour.

One report costs three queries whatever the number of rooms and bookings: the rooms,
the opening hours with their exceptions, and the bookings of the period. The
opening periods are computed in Python, so a report intersects its few bookings
with them there: sending a month of opening periods of every place to the database
cost more than the bookings of a wijk (a few dozen) take to intersect.

The policy behind the figures (Amersfoort): 85 % of the available hours used by
subsidised and non-subsidised organisations, and 15 % kept free for ad hoc use; the
share kept from commercial use is set per facility (commercial_reserve_percent).
"""

from bisect import bisect_right
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import BookingKind, Facility, Room
from .available import (
    Hours,
    _ranges,
    window,
)
from .figures import (
    HUNDRED,
    OccupancyReport,
    Row,
    Usage,
)

ZERO = timedelta(0)
MICROSECOND = timedelta(microseconds=1)
MILLION = Decimal(1_000_000)

# The non-cancelled bookings of some rooms that touch a period, found through the
# index on room (a wijk's 97 rooms hold some 600 bookings, 23 of them in four weeks).
BOOKINGS_SQL = """
SELECT room_id, kind, lower(period), upper(period)
FROM neighbourhoods_booking
WHERE room_id = ANY(%(rooms)s::bigint[])
  AND NOT is_cancelled
  AND NOT (id = ANY(%(exclude)s::bigint[]))
  AND period && tstzrange(%(lowest)s, %(highest)s, '[)')
"""


def booked_inside(
    *,
    room_facilities: dict[int, int],
    ranges: dict[int, list[tuple[date, datetime, datetime]]],
    start: date,
    end: date,
    exclude_ids: list[int] | None = None,
) -> dict[tuple[int, str], int]:
    """Booked seconds inside opening hours per (room id, kind), in one query, the
    bookings in `exclude_ids` left out.

    The bookings are read through the room index and intersected here: each meets
    only the opening ranges of its own days, found by bisection. (Sending every
    opening range to PostgreSQL to intersect there took longer than the page.)
    """
    if not room_facilities:
        return {}
    lowest, highest = window(start, end)
    with connection.cursor() as cursor:
        cursor.execute(
            BOOKINGS_SQL,
            {
                "rooms": list(room_facilities),
                "lowest": lowest,
                "highest": highest,
                "exclude": list(exclude_ids or []),
            },
        )
        bookings = cursor.fetchall()
    uppers = {
        pk: [upper for _day, _lower, upper in pieces] for pk, pieces in ranges.items()
    }
    totals: dict[tuple[int, str], timedelta] = {}
    for room_id, kind, lower, upper in bookings:
        facility_id = room_facilities[room_id]
        pieces = ranges.get(facility_id, [])
        lower = lowest if lower is None else lower
        upper = highest if upper is None else upper
        # The first range that ends after the booking starts; the ranges are sorted
        # and do not overlap.
        index = bisect_right(uppers[facility_id], lower) if pieces else 0
        while index < len(pieces) and pieces[index][1] < upper:
            _day, piece_lower, piece_upper = pieces[index]
            overlap = min(upper, piece_upper) - max(lower, piece_lower)
            if overlap > ZERO:
                key = (room_id, kind)
                totals[key] = totals.get(key, ZERO) + overlap
            index += 1
    # Whole seconds, rounded half to even.
    return {
        key: int(round(Decimal(total // MICROSECOND) / MILLION))
        for key, total in totals.items()
    }


# Each room's row: what the report names and what its figures need of the place.
ROOM_FIELDS = (
    "pk",
    "name",
    "facility_id",
    "facility__name",
    "facility__commercial_reserve_percent",
    "facility__closed_on_public_holidays",
    "facility__neighbourhood_id",
    "facility__neighbourhood__name",
)


def occupancy(
    *,
    rooms: QuerySet[Room],
    start: date,
    end: date,
    hours: dict[int, Hours] | None = None,
) -> OccupancyReport:
    """Occupancy of the bookable rooms in `rooms` on the days start..end (inclusive).

    Rows per room, facility and neighbourhood (by name) and a total. Three queries;
    two when `hours` (per facility id) already holds the hours of their places.
    """
    if end < start:
        raise ValueError("end before start")
    report = OccupancyReport(start=start, end=end)
    room_rows = list(
        rooms.filter(is_bookable=True)
        .order_by("facility__name", "name")
        .values_list(*ROOM_FIELDS)
    )
    closed = {row[2]: row[5] for row in room_rows}
    ranges = _ranges(closed, start, end, hours)
    booked = booked_inside(
        room_facilities={row[0]: row[2] for row in room_rows},
        ranges=ranges,
        start=start,
        end=end,
    )
    available = {
        pk: sum(int((upper - lower).total_seconds()) for _d, lower, upper in pieces)
        for pk, pieces in ranges.items()
    }

    kinds = BookingKind.values
    without_neighbourhood = str(_("Zonder wijk"))
    by_facility: dict[int, Row] = {}
    by_neighbourhood: dict[int | None, Row] = {}
    for (
        room_id,
        room_name,
        facility_id,
        facility_name,
        reserve_percent,
        _closed,
        neighbourhood_id,
        neighbourhood_name,
    ) in room_rows:
        usage = Usage(
            available=available[facility_id],
            booked_by_kind={
                kind: booked[(room_id, kind)]
                for kind in kinds
                if (room_id, kind) in booked
            },
            commercial_reserve=Decimal(available[facility_id])
            * reserve_percent
            / HUNDRED,
        )
        report.rooms.append(
            Row(
                key=room_id, name=f"{facility_name} – {room_name}", usage=usage, rooms=1
            )
        )
        facility_row = by_facility.get(facility_id)
        if facility_row is None:
            facility_row = by_facility[facility_id] = Row(
                key=facility_id, name=facility_name
            )
        neighbourhood_row = by_neighbourhood.get(neighbourhood_id)
        if neighbourhood_row is None:
            neighbourhood_row = by_neighbourhood[neighbourhood_id] = Row(
                key=neighbourhood_id,
                name=without_neighbourhood
                if neighbourhood_id is None
                else neighbourhood_name,
            )
        for row in (facility_row, neighbourhood_row, report.total):
            row.usage.add(usage)
            row.rooms += 1
    report.facilities = sorted(by_facility.values(), key=lambda row: row.name)
    report.neighbourhoods = sorted(
        by_neighbourhood.values(), key=lambda row: (row.key is None, row.name)
    )
    return report


def room_occupancy(*, room: Room, start: date, end: date) -> Usage:
    return occupancy(
        rooms=Room.objects.filter(pk=room.pk), start=start, end=end
    ).total.usage


def facility_occupancy(
    *, facility: Facility, start: date, end: date
) -> OccupancyReport:
    return occupancy(rooms=Room.objects.filter(facility=facility), start=start, end=end)


def neighbourhood_occupancy(
    *, neighbourhood, start: date, end: date
) -> OccupancyReport:
    return occupancy(
        rooms=Room.objects.filter(facility__neighbourhood=neighbourhood),
        start=start,
        end=end,
    )


def municipality_occupancy(*, municipality, start: date, end: date) -> OccupancyReport:
    return occupancy(
        rooms=Room.objects.filter(facility__municipality=municipality),
        start=start,
        end=end,
    )


def four_weeks_from(today: date) -> tuple[date, date]:
    """The period the public pages show: this week (from Monday) and the next three."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=27)
