"""Writes for room bookings: single bookings, weekly series and their rules.

Two bookings of one room never overlap: PostgreSQL refuses it with the exclusion
constraint ``booking_no_overlap_per_room``. The services check first, so the usual
case gets a Dutch message naming the booking in the way, and they turn the
database's refusal (two officials booking at the same moment) into the same message.

A commercial booking may not take hours from the reserve a facility keeps for
non-commercial use (Facility.commercial_reserve_percent of the opening hours, per
week): with it, at least that share of the week's opening hours must stay unbooked.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils.translation import gettext

from . import occupancy, opening_hours
from .models import (
    Booking,
    BookingKind,
    BookingSeries,
    Facility,
    OpeningException,
    Organisation,
    Room,
)
from .models.bookings import overlap_message
from .opening_hours import AMSTERDAM

OVERLAP_CONSTRAINT = "booking_no_overlap_per_room"


# CONFLICTS
# ------------------------------------------------------------------------------


def _is_overlap_violation(error: IntegrityError) -> bool:
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name == OVERLAP_CONSTRAINT or OVERLAP_CONSTRAINT in str(error)


def _overlap_error(*, room_id: int, periods: list[DateTimeTZRange]) -> ValidationError:
    """The message for the database's refusal, naming what is in the way now."""
    for period in periods:
        conflict = Booking.objects.conflicting(room_id=room_id, period=period).first()
        if conflict is not None:
            return ValidationError(
                {"period": overlap_message(conflict)}, code="booking_overlap"
            )
    return ValidationError(
        {"period": gettext("Deze ruimte is in die periode al gereserveerd.")},
        code="booking_overlap",
    )


# THE COMMERCIAL RESERVE
# ------------------------------------------------------------------------------


def _overlap_seconds(
    period: DateTimeTZRange, pieces: list[tuple[date, datetime, datetime]]
) -> int:
    total = 0
    for _day, lower, upper in pieces:
        start, end = max(lower, period.lower), min(upper, period.upper)
        if start < end:
            total += int((end - start).total_seconds())
    return total


def _weeks(periods: list[DateTimeTZRange]) -> list[date]:
    """The Mondays (Amsterdam) of the weeks the periods touch."""
    mondays: set[date] = set()
    for period in periods:
        day = period.lower.astimezone(AMSTERDAM).date()
        last = (period.upper - timedelta(microseconds=1)).astimezone(AMSTERDAM).date()
        while day <= last:
            mondays.add(day - timedelta(days=day.weekday()))
            day += timedelta(days=1)
    return sorted(mondays)


def commercial_reserve_check(
    *,
    room: Room,
    periods: list[DateTimeTZRange],
    exclude_ids: list[int] | None = None,
) -> None:
    """Refuse commercial periods that would eat into the facility's reserve.

    For every week the periods touch: the hours booked in the room (all kinds, the
    new periods included, `exclude_ids` left out) may not pass (100 − reserve) % of
    the week's opening hours. Hours outside opening hours take nothing.
    """
    facility: Facility = room.facility
    percent = Decimal(facility.commercial_reserve_percent)
    for monday in _weeks(periods):
        sunday = monday + timedelta(days=6)
        ranges = occupancy.facility_ranges([facility], monday, sunday)
        pieces = ranges[facility.pk]
        available = sum(int((u - lo).total_seconds()) for _d, lo, u in pieces)
        booked = sum(
            occupancy.booked_inside(
                room_facilities={room.pk: facility.pk},
                ranges=ranges,
                start=monday,
                end=sunday,
                exclude_ids=exclude_ids,
            ).values()
        )
        new = sum(_overlap_seconds(period, pieces) for period in periods)
        if not new:
            continue
        reserve = available * percent / 100
        if available - booked - new < reserve:
            raise ValidationError(
                gettext(
                    "Een commerciële reservering mag niet in de %(percent)s %% van de "
                    "openingsuren die %(facility)s vrijhoudt voor niet-commercieel "
                    "gebruik. In de week van %(monday)s is de ruimte %(available)s uur "
                    "open en %(booked)s uur gereserveerd; met deze reservering "
                    "(%(new)s uur) blijft %(left)s uur vrij, minder dan de "
                    "%(reserve)s uur reserve."
                )
                % {
                    "percent": f"{percent.normalize():f}",
                    "facility": facility.name,
                    "monday": f"{monday:%d-%m-%Y}",
                    "available": occupancy.hours(available),
                    "booked": occupancy.hours(booked),
                    "new": occupancy.hours(new),
                    "left": occupancy.hours(max(available - booked - new, 0)),
                    "reserve": occupancy.hours(reserve),
                },
                code="commercial_reserve",
            )


# SINGLE BOOKINGS
# ------------------------------------------------------------------------------


def booking_validate(booking: Booking) -> None:
    """Every rule a booking must meet: the model's (overlap named) and the reserve."""
    booking.full_clean()
    if booking.kind == BookingKind.COMMERCIAL and not booking.is_cancelled:
        commercial_reserve_check(
            room=booking.room,
            periods=[booking.period],
            exclude_ids=[booking.pk] if booking.pk else [],
        )


def room_lock(room_id: int) -> None:
    """Hold the room's row until the transaction ends, so two officials booking the
    same room check and save one after the other (other rooms stay free)."""
    list(Room.objects.select_for_update().filter(pk=room_id).values_list("pk"))


@transaction.atomic
def booking_save(booking: Booking) -> Booking:
    """Validate and save a booking; the database's refusal becomes a named message."""
    room_lock(booking.room_id)
    booking_validate(booking)
    return booking_store(booking)


def booking_store(booking: Booking) -> Booking:
    """Save a validated booking. Between the check and the write another booking may
    have taken the slot: the database refuses it then, and the refusal becomes the
    message naming that booking."""
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if not _is_overlap_violation(error):
            raise
        raise _overlap_error(
            room_id=booking.room_id, periods=[booking.period]
        ) from error
    return booking


def booking_create(
    *,
    room: Room,
    start: datetime,
    end: datetime,
    kind: str,
    purpose: str,
    organisation: Organisation | None = None,
) -> Booking:
    """Book `room` from `start` to `end` (aware datetimes)."""
    booking = Booking(
        room=room,
        period=DateTimeTZRange(start, end, "[)"),
        kind=kind,
        purpose=purpose,
        organisation=organisation,
    )
    return booking_save(booking)


# WEEKLY SERIES
# ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    date: date
    reason: str


@dataclass
class Expansion:
    """The occurrences of a series and the dates it leaves out, with why."""

    periods: list[DateTimeTZRange] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    created: int = 0


def series_occurrences(series: BookingSeries) -> Expansion:
    """The weekly dates of a series as local time ranges, without its exceptions.

    Left out: the series' own skipped dates, the facility's closures, and public
    holidays when the facility closes on them. Times are Dutch wall-clock times,
    so 10:00–12:00 stays 10:00–12:00 across a daylight-saving change. One query.
    """
    facility = series.room.facility
    closures = {
        row.date: row.reason
        for row in OpeningException.objects.filter(
            facility=facility,
            is_closed=True,
            date__gte=series.first_date,
            date__lte=series.last_date,
        )
    }
    skipped_dates = set(series.skipped_dates or [])
    expansion = Expansion()
    day = series.first_date + timedelta(
        days=(series.weekday - series.first_date.weekday()) % 7
    )
    while day <= series.last_date:
        holidays = opening_hours.public_holidays(day.year)
        if day in skipped_dates:
            expansion.skipped.append(Skipped(day, gettext("uitgezonderd")))
        elif day in closures:
            reason = closures[day] or gettext("gesloten")
            expansion.skipped.append(Skipped(day, reason))
        elif facility.closed_on_public_holidays and day in holidays:
            expansion.skipped.append(Skipped(day, holidays[day]))
        else:
            lower = datetime.combine(day, series.starts_at, AMSTERDAM)
            upper = datetime.combine(day, series.ends_at, AMSTERDAM)
            expansion.periods.append(
                DateTimeTZRange(lower.astimezone(UTC), upper.astimezone(UTC), "[)")
            )
        day += timedelta(days=7)
    return expansion


def series_conflicts(
    series: BookingSeries, periods: list[DateTimeTZRange]
) -> list[tuple[DateTimeTZRange, Booking]]:
    """Other bookings in the way of the series' periods, in one query."""
    if not periods:
        return []
    span = DateTimeTZRange(periods[0].lower, periods[-1].upper, "[)")
    others = Booking.objects.conflicting(room_id=series.room_id, period=span)
    if series.pk:
        others = others.exclude(series=series)
    found = []
    candidates = list(others)
    for period in periods:
        for other in candidates:
            if other.period.lower < period.upper and period.lower < other.period.upper:
                found.append((period, other))
                break
    return found


def series_validate(series: BookingSeries) -> Expansion:
    """Check a series before saving: no occurrence collides, the reserve holds."""
    series.full_clean()
    expansion = series_occurrences(series)
    conflicts = series_conflicts(series, expansion.periods)
    if conflicts:
        raise ValidationError(
            [overlap_message(other) for _period, other in conflicts[:10]],
            code="booking_overlap",
        )
    if series.kind == BookingKind.COMMERCIAL and expansion.periods:
        own = list(series.occurrences.values_list("pk", flat=True)) if series.pk else []
        commercial_reserve_check(
            room=series.room, periods=expansion.periods, exclude_ids=own
        )
    return expansion


@transaction.atomic
def booking_series_expand(*, series: BookingSeries) -> Expansion:
    """Save a series and (re)make its occurrences as bookings, all or nothing.

    Occurrences made earlier are replaced, so an edited series (another time, a
    new exception) is expanded afresh.
    """
    room_lock(series.room_id)
    expansion = series_validate(series)
    series.save()
    series.occurrences.all().delete()
    bookings = [
        Booking(
            room_id=series.room_id,
            period=period,
            organisation_id=series.organisation_id,
            kind=series.kind,
            purpose=series.purpose,
            series=series,
        )
        for period in expansion.periods
    ]
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(bookings)
    except IntegrityError as error:
        if not _is_overlap_violation(error):
            raise
        raise _overlap_error(
            room_id=series.room_id, periods=expansion.periods
        ) from error
    expansion.created = len(bookings)
    return expansion
