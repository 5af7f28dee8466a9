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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import opening_hours
from .models import BookingKind, Facility, Room
from .opening_hours import AMSTERDAM, Period

# The policy's targets, in percent of the available hours.
ORGANISATION_TARGET = Decimal(85)
AD_HOC_RESERVE = Decimal(15)
# Kinds that count towards the 85 % target.
ORGANISATION_KINDS = (BookingKind.SUBSIDISED, BookingKind.NON_SUBSIDISED)

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def hours(seconds: int | Decimal) -> Decimal:
    """Seconds as hours with two decimals."""
    return (Decimal(seconds) / 3600).quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """`part` as a percentage of `whole`, one decimal; 0 when there is no whole."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(
        TENTH, rounding=ROUND_HALF_UP
    )


# OPENING HOURS AS TIME RANGES
# ------------------------------------------------------------------------------


def window(start: date, end: date) -> tuple[datetime, datetime]:
    """The days start..end (inclusive) in Amsterdam as a half-open UTC range."""
    return (
        datetime.combine(start, time(0), AMSTERDAM).astimezone(UTC),
        datetime.combine(end + timedelta(days=1), time(0), AMSTERDAM).astimezone(UTC),
    )


def open_ranges(
    *,
    weekly: dict[int, list[Period]],
    exceptions: dict[date, list[Period] | None],
    closed_on_public_holidays: bool,
    start: date,
    end: date,
) -> list[tuple[date, datetime, datetime]]:
    """The opening hours between start and end (inclusive) as UTC ranges.

    Overlapping periods are merged and every range is cut at local midnight, so
    each one lies within one day; each comes as (local date, lower, upper).
    """
    lowest, highest = window(start, end)
    first = start - timedelta(days=1)  # yesterday's evening may run past midnight
    if closed_on_public_holidays:
        # The holidays as closures an exception overrules: computed once per year,
        # not once per day.
        closures: dict[date, list[Period] | None] = {}
        for year in range(first.year, end.year + 1):
            closures.update(dict.fromkeys(opening_hours.public_holidays(year)))
        exceptions = {**closures, **exceptions}
    raw: list[tuple[datetime, datetime]] = []
    day = first
    while day <= end:
        for period in opening_hours.open_periods(
            day,
            weekly=weekly,
            exceptions=exceptions,
            closed_on_public_holidays=False,
        ):
            closing_day = day + timedelta(days=1) if period.runs_past_midnight else day
            lower = datetime.combine(day, period.opens, AMSTERDAM).astimezone(UTC)
            upper = datetime.combine(closing_day, period.closes, AMSTERDAM)
            upper = upper.astimezone(UTC)
            lower, upper = max(lower, lowest), min(upper, highest)
            if lower < upper:
                raw.append((lower, upper))
        day += timedelta(days=1)

    merged: list[list[datetime]] = []
    for lower, upper in sorted(raw):
        if merged and lower <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], upper)
        else:
            merged.append([lower, upper])

    pieces: list[tuple[date, datetime, datetime]] = []
    for lower, upper in merged:
        while lower < upper:
            local_day = lower.astimezone(AMSTERDAM).date()
            midnight = datetime.combine(
                local_day + timedelta(days=1), time(0), AMSTERDAM
            ).astimezone(UTC)
            piece_end = min(upper, midnight)
            pieces.append((local_day, lower, piece_end))
            lower = piece_end
    return pieces


# FIGURES
# ------------------------------------------------------------------------------


@dataclass
class Usage:
    """Available and booked seconds of one or more rooms over one period."""

    available: int = 0
    booked_by_kind: dict[str, int] = field(default_factory=dict)
    # Seconds kept from commercial use (the facility's reserve of the available).
    commercial_reserve: Decimal = Decimal(0)

    def add(self, other: "Usage") -> None:
        self.available += other.available
        self.commercial_reserve += other.commercial_reserve
        for kind, seconds in other.booked_by_kind.items():
            self.booked_by_kind[kind] = self.booked_by_kind.get(kind, 0) + seconds

    @property
    def booked(self) -> int:
        return sum(self.booked_by_kind.values())

    @property
    def free(self) -> int:
        return max(self.available - self.booked, 0)

    @property
    def available_hours(self) -> Decimal:
        return hours(self.available)

    @property
    def booked_hours(self) -> Decimal:
        return hours(self.booked)

    @property
    def free_hours(self) -> Decimal:
        return hours(self.free)

    @property
    def occupancy_percent(self) -> Decimal:
        """All booked hours over the available hours."""
        return share(self.booked, self.available)

    @property
    def organisation_seconds(self) -> int:
        return sum(self.booked_by_kind.get(kind, 0) for kind in ORGANISATION_KINDS)

    @property
    def organisation_percent(self) -> Decimal:
        """Hours used by (non-)subsidised organisations: the figure the 85 % is about."""
        return share(self.organisation_seconds, self.available)

    @property
    def ad_hoc_room_percent(self) -> Decimal:
        """Hours open to ad hoc use: used ad hoc or still free (kept: 15 %)."""
        ad_hoc = self.booked_by_kind.get(BookingKind.AD_HOC, 0)
        return share(ad_hoc + self.free, self.available)

    @property
    def commercial_reserve_percent(self) -> Decimal:
        return share(self.commercial_reserve, self.available)

    @property
    def meets_target(self) -> bool:
        return self.available > 0 and self.organisation_percent >= ORGANISATION_TARGET

    @property
    def keeps_ad_hoc_reserve(self) -> bool:
        return self.available > 0 and self.ad_hoc_room_percent >= AD_HOC_RESERVE

    @property
    def free_percent(self) -> Decimal:
        return share(self.free, self.available)

    def kinds(self) -> list["KindFigure"]:
        """Hours and share of every kind of use, in the order of BookingKind.

        `offset` is the share of the kinds before it, to stack them in a bar.
        """
        figures = []
        offset = Decimal(0)
        for kind, label in BookingKind.choices:
            percent = share(self.booked_by_kind.get(kind, 0), self.available)
            figures.append(
                KindFigure(
                    kind=kind,
                    label=label,
                    hours=hours(self.booked_by_kind.get(kind, 0)),
                    percent=percent,
                    offset=min(offset, HUNDRED),
                    colour=KIND_COLOURS[kind],
                )
            )
            offset += percent
        return figures

    def seconds(self, kind: str) -> int:
        return self.booked_by_kind.get(kind, 0)


# Bar colours, each at least 3:1 against white (WCAG 1.4.11); the table beside the
# bar carries the same numbers, so colour is never the only carrier.
KIND_COLOURS = {
    BookingKind.SUBSIDISED: "#1b5e20",
    BookingKind.NON_SUBSIDISED: "#1f5fa8",
    BookingKind.COMMERCIAL: "#8a4b00",
    BookingKind.AD_HOC: "#6a1b9a",
}


@dataclass(frozen=True)
class KindFigure:
    kind: str
    label: str | Promise
    hours: Decimal
    percent: Decimal
    offset: Decimal = Decimal(0)
    colour: str = "#000000"


@dataclass
class Row:
    """One line of a report: a room, facility, neighbourhood or the total."""

    key: int | None
    name: str
    usage: Usage = field(default_factory=Usage)
    rooms: int = 0


@dataclass
class OccupancyReport:
    start: date
    end: date
    rooms: list[Row] = field(default_factory=list)
    facilities: list[Row] = field(default_factory=list)
    neighbourhoods: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(key=None, name=str(_("Totaal"))))

    target = ORGANISATION_TARGET
    ad_hoc_reserve = AD_HOC_RESERVE

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# COMPUTATION
# ------------------------------------------------------------------------------

# The weekly hours and the exceptions of the period, in one query.
HOURS_SQL = """
SELECT facility_id, weekday, NULL::date, opens, closes, false
FROM neighbourhoods_openinghours
WHERE facility_id = ANY(%(ids)s::bigint[])
UNION ALL
SELECT facility_id, NULL, date, opens, closes, is_closed
FROM neighbourhoods_openingexception
WHERE facility_id = ANY(%(ids)s::bigint[]) AND date BETWEEN %(first)s AND %(last)s
"""


def facility_ranges(
    facilities: Iterable[Facility], start: date, end: date
) -> dict[int, list[tuple[date, datetime, datetime]]]:
    """Opening ranges per facility id, in one query."""
    return _ranges(
        {facility.pk: facility.closed_on_public_holidays for facility in facilities},
        start,
        end,
    )


# A place's weekly hours by weekday and its exceptions by date (None: closed).
Hours = tuple[dict[int, list[Period]], dict[date, list[Period] | None]]


def facility_hours(facility: Facility) -> Hours:
    """The hours of a place whose opening_hours and opening_exceptions are loaded."""
    weekly: dict[int, list[Period]] = {}
    for hours in facility.opening_hours.all():
        weekly.setdefault(hours.weekday, []).append(Period(hours.opens, hours.closes))
    exceptions = {
        exception.date: None
        if exception.is_closed
        else [Period(exception.opens, exception.closes)]
        for exception in facility.opening_exceptions.all()
    }
    return weekly, exceptions


def _ranges(
    closed_on_public_holidays: dict[int, bool],
    start: date,
    end: date,
    known: dict[int, Hours] | None = None,
) -> dict[int, list[tuple[date, datetime, datetime]]]:
    """Opening ranges per facility id (mapped to whether it closes on holidays).

    One query for the hours, unless `known` holds those of every facility.
    """
    ids = list(closed_on_public_holidays)
    weekly: dict[int, dict[int, list[Period]]] = {pk: {} for pk in ids}
    exceptions: dict[int, dict[date, list[Period] | None]] = {pk: {} for pk in ids}
    if known is not None and all(pk in known for pk in ids):
        first = start - timedelta(days=1)
        for pk in ids:
            weekly[pk] = known[pk][0]
            # As the query would: only the exceptions of the period's days.
            exceptions[pk] = {
                day: periods
                for day, periods in known[pk][1].items()
                if first <= day <= end
            }
    elif ids:
        with connection.cursor() as cursor:
            cursor.execute(
                HOURS_SQL, {"ids": ids, "first": start - timedelta(days=1), "last": end}
            )
            for (
                facility_id,
                weekday,
                day,
                opens,
                closes,
                is_closed,
            ) in cursor.fetchall():
                if day is None:
                    weekly[facility_id].setdefault(weekday, []).append(
                        Period(opens, closes)
                    )
                else:
                    exceptions[facility_id][day] = (
                        None if is_closed else [Period(opens, closes)]
                    )
    # Places with the same hours share their ranges: computed once per schedule.
    computed: dict[tuple, list[tuple[date, datetime, datetime]]] = {}
    result = {}
    for pk, closed in closed_on_public_holidays.items():
        key = (
            tuple(sorted((day, tuple(p)) for day, p in weekly[pk].items())),
            tuple(
                (day, None if periods is None else tuple(periods))
                for day, periods in sorted(
                    exceptions[pk].items(), key=lambda item: item[0]
                )
            ),
            closed,
        )
        if key not in computed:
            computed[key] = open_ranges(
                weekly=weekly[pk],
                exceptions=exceptions[pk],
                closed_on_public_holidays=closed,
                start=start,
                end=end,
            )
        result[pk] = computed[key]
    return result


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
