"""Available hours: a place's opening hours as time ranges of a period, read in one
query for every place of a report."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection

from .. import opening_hours
from ..models import Facility
from ..opening_hours import AMSTERDAM, Period

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
