"""Bookings: no overlap per room (database and messages), weekly series, the reserve."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from neighbourhoods import bookings
from neighbourhoods.models import Booking, BookingKind, Weekday
from neighbourhoods.opening_hours import AMSTERDAM
from testdata.neighbourhoods import (
    BookingFactory,
    BookingSeriesFactory,
    FacilityFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db


def local(day: date, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), AMSTERDAM)


def span(day: date, start: str, end: str) -> DateTimeTZRange:
    return DateTimeTZRange(local(day, start), local(day, end), "[)")


MONDAY = date(2030, 1, 7)


@pytest.fixture
def room():
    facility = FacilityFactory(name="Wijkcentrum De Kroon")
    for weekday in range(5):
        OpeningHoursFactory(
            facility=facility, weekday=weekday, opens=time(9), closes=time(17)
        )
    return RoomFactory(facility=facility, name="Grote zaal")


# OVERLAP
# ------------------------------------------------------------------------------


def test_the_database_refuses_an_overlap_even_when_python_checks_are_bypassed(room):
    BookingFactory(room=room, period=span(MONDAY, "10:00", "12:00"))
    overlapping = Booking(
        room=room,
        period=span(MONDAY, "11:00", "13:00"),
        kind=BookingKind.SUBSIDISED,
        purpose="Taalcafé",
    )

    with pytest.raises(IntegrityError, match="booking_no_overlap_per_room"):
        with transaction.atomic():
            Booking.objects.bulk_create([overlapping])  # no clean(), no service

    assert Booking.objects.filter(room=room).count() == 1


def test_adjacent_bookings_and_cancelled_ones_do_not_conflict(room):
    BookingFactory(room=room, period=span(MONDAY, "10:00", "12:00"))
    BookingFactory(room=room, period=span(MONDAY, "13:00", "14:00"), is_cancelled=True)

    bookings.booking_create(
        room=room,
        start=local(MONDAY, "12:00"),
        end=local(MONDAY, "14:00"),
        kind=BookingKind.SUBSIDISED,
        purpose="Taalcafé",
    )

    assert Booking.objects.active().filter(room=room).count() == 2


def test_another_room_may_be_booked_at_the_same_time(room):
    BookingFactory(room=room, period=span(MONDAY, "10:00", "12:00"))
    other = RoomFactory(facility=room.facility, name="Kleine zaal")

    bookings.booking_create(
        room=other,
        start=local(MONDAY, "10:00"),
        end=local(MONDAY, "12:00"),
        kind=BookingKind.AD_HOC,
        purpose="Buurtoverleg",
    )


def test_the_service_names_the_conflicting_booking(room):
    existing = BookingFactory(
        room=room,
        period=span(MONDAY, "10:00", "12:00"),
        purpose="Koffieochtend",
        organisation=OrganisationFactory(name="Welzijn Eemland"),
    )

    with pytest.raises(ValidationError) as refused:
        bookings.booking_create(
            room=room,
            start=local(MONDAY, "11:00"),
            end=local(MONDAY, "13:00"),
            kind=BookingKind.SUBSIDISED,
            purpose="Taalcafé",
        )

    message = refused.value.message_dict["period"][0]
    assert "Koffieochtend" in message
    assert "Welzijn Eemland" in message
    assert "07-01-2030 10:00–12:00" in message
    assert f"nr. {existing.pk}" in message


def test_a_refusal_by_the_database_becomes_the_named_message(room):
    """Two officials at once: the check passed for both, the database refuses one."""
    booking = Booking(
        room=room,
        period=span(MONDAY, "11:00", "13:00"),
        kind=BookingKind.SUBSIDISED,
        purpose="Taalcafé",
    )
    bookings.booking_validate(booking)  # passes: nothing booked yet
    rival = BookingFactory(
        room=room, period=span(MONDAY, "10:00", "12:00"), purpose="Koffieochtend"
    )

    with pytest.raises(ValidationError) as refused:
        bookings.booking_store(booking)

    assert "Koffieochtend" in refused.value.message_dict["period"][0]
    assert f"nr. {rival.pk}" in refused.value.message_dict["period"][0]


def test_editing_a_booking_does_not_conflict_with_itself(room):
    booking = BookingFactory(room=room, period=span(MONDAY, "10:00", "12:00"))
    booking.period = span(MONDAY, "10:30", "12:30")

    bookings.booking_save(booking)

    booking.refresh_from_db()
    assert booking.period.upper == local(MONDAY, "12:30")


# WEEKLY SERIES
# ------------------------------------------------------------------------------


def test_a_series_keeps_its_wall_clock_time_across_daylight_saving(room):
    """Summer time starts on Sunday 31 March 2030; 10:00 stays 10:00."""
    facility = room.facility
    OpeningExceptionFactory(
        facility=facility, date=date(2030, 4, 15), reason="Verbouwing"
    )
    series = BookingSeriesFactory.build(
        room=room,
        organisation=OrganisationFactory(),
        weekday=Weekday.MONDAY,
        starts_at=time(10),
        ends_at=time(12),
        first_date=date(2030, 3, 18),
        last_date=date(2030, 4, 29),
        skipped_dates=[date(2030, 4, 8)],
    )

    expansion = bookings.booking_series_expand(series=series)

    made = list(series.occurrences.order_by("period"))
    starts = [b.period.lower.astimezone(UTC) for b in made]
    assert starts == [
        datetime(2030, 3, 18, 9, tzinfo=UTC),  # CET, UTC+1
        datetime(2030, 3, 25, 9, tzinfo=UTC),
        datetime(2030, 4, 1, 8, tzinfo=UTC),  # CEST, UTC+2
        datetime(2030, 4, 29, 8, tzinfo=UTC),
    ]
    assert {b.period.lower.astimezone(AMSTERDAM).time() for b in made} == {time(10)}
    assert {b.period.upper.astimezone(AMSTERDAM).time() for b in made} == {time(12)}
    assert [(s.date, s.reason) for s in expansion.skipped] == [
        (date(2030, 4, 8), "uitgezonderd"),
        (date(2030, 4, 15), "Verbouwing"),
        (date(2030, 4, 22), "Tweede Paasdag"),
    ]
    assert expansion.created == 4
    assert {b.kind for b in made} == {series.kind}


def test_a_series_keeps_holidays_when_the_facility_opens_on_them(room):
    room.facility.closed_on_public_holidays = False
    room.facility.save()
    series = BookingSeriesFactory.build(
        room=room,
        organisation=OrganisationFactory(),
        weekday=Weekday.MONDAY,
        first_date=date(2030, 4, 22),
        last_date=date(2030, 4, 22),
    )

    expansion = bookings.booking_series_expand(series=series)

    assert expansion.created == 1
    assert expansion.skipped == []


def test_re_expanding_an_edited_series_replaces_its_occurrences(room):
    series = BookingSeriesFactory.build(
        room=room,
        organisation=OrganisationFactory(),
        weekday=Weekday.WEDNESDAY,
        first_date=date(2030, 1, 1),
        last_date=date(2030, 1, 31),
    )
    bookings.booking_series_expand(series=series)
    assert series.occurrences.count() == 5

    series.skipped_dates = [date(2030, 1, 16)]
    series.starts_at, series.ends_at = time(14), time(15)
    bookings.booking_series_expand(series=series)

    made = series.occurrences.order_by("period")
    assert made.count() == 4
    assert {b.period.lower.astimezone(AMSTERDAM).time() for b in made} == {time(14)}


def test_a_series_that_collides_is_refused_whole_naming_the_booking(room):
    in_the_way = BookingFactory(
        room=room, period=span(date(2030, 1, 15), "11:00", "12:00"), purpose="Yoga"
    )
    series = BookingSeriesFactory.build(
        room=room,
        organisation=OrganisationFactory(),
        weekday=Weekday.TUESDAY,
        starts_at=time(10),
        ends_at=time(12),
        first_date=date(2030, 1, 1),
        last_date=date(2030, 1, 31),
    )

    with pytest.raises(ValidationError) as refused:
        bookings.booking_series_expand(series=series)

    assert "Yoga" in refused.value.messages[0]
    assert f"nr. {in_the_way.pk}" in refused.value.messages[0]
    assert Booking.objects.filter(room=room).count() == 1


# THE COMMERCIAL RESERVE
# ------------------------------------------------------------------------------


def test_a_commercial_booking_may_not_take_the_reserve(room):
    """40 opening hours a week, 15 % reserve: 34 hours may be booked, 6 stay free."""
    for day in range(4):  # Monday to Thursday fully booked: 32 hours
        BookingFactory(
            room=room,
            period=span(date(2030, 1, 7 + day), "09:00", "17:00"),
            kind=BookingKind.SUBSIDISED,
        )

    allowed = bookings.booking_create(
        room=room,
        start=local(date(2030, 1, 11), "09:00"),
        end=local(date(2030, 1, 11), "11:00"),
        kind=BookingKind.COMMERCIAL,
        purpose="Bedrijfstraining",
    )  # 34 of 40 hours booked: exactly the limit

    with pytest.raises(ValidationError) as refused:
        bookings.booking_create(
            room=room,
            start=local(date(2030, 1, 11), "11:00"),
            end=local(date(2030, 1, 11), "11:30"),
            kind=BookingKind.COMMERCIAL,
            purpose="Bedrijfstraining",
        )

    message = refused.value.messages[0]
    assert "15 %" in message
    assert "Wijkcentrum De Kroon" in message
    assert "07-01-2030" in message
    assert allowed.pk


def test_non_commercial_use_may_fill_the_reserve(room):
    for day in range(4):
        BookingFactory(
            room=room,
            period=span(date(2030, 1, 7 + day), "09:00", "17:00"),
            kind=BookingKind.SUBSIDISED,
        )

    for kind in (BookingKind.AD_HOC, BookingKind.NON_SUBSIDISED):
        bookings.booking_create(
            room=room,
            start=local(date(2030, 1, 11), "09:00" if kind == "ad_hoc" else "13:00"),
            end=local(date(2030, 1, 11), "13:00" if kind == "ad_hoc" else "17:00"),
            kind=kind,
            purpose="Buurtfeest",
        )

    assert Booking.objects.filter(room=room).count() == 6


def test_the_reserve_is_set_per_facility(room):
    room.facility.commercial_reserve_percent = Decimal("50")
    room.facility.save()
    for day in range(2):  # 16 of 40 hours
        BookingFactory(
            room=room,
            period=span(date(2030, 1, 7 + day), "09:00", "17:00"),
            kind=BookingKind.SUBSIDISED,
        )
    bookings.booking_create(
        room=room,
        start=local(date(2030, 1, 9), "09:00"),
        end=local(date(2030, 1, 9), "13:00"),
        kind=BookingKind.COMMERCIAL,
        purpose="Cursus",
    )  # 20 of 40: the limit

    with pytest.raises(ValidationError, match="50 %"):
        bookings.booking_create(
            room=room,
            start=local(date(2030, 1, 9), "13:00"),
            end=local(date(2030, 1, 9), "14:00"),
            kind=BookingKind.COMMERCIAL,
            purpose="Cursus",
        )


def test_a_commercial_series_is_checked_week_by_week(room):
    # The week of 14 January is nearly full; the others are empty.
    for day in range(4):
        BookingFactory(
            room=room,
            period=span(date(2030, 1, 14 + day), "09:00", "17:00"),
            kind=BookingKind.SUBSIDISED,
        )
    series = BookingSeriesFactory.build(
        room=room,
        organisation=OrganisationFactory(),
        kind=BookingKind.COMMERCIAL,
        weekday=Weekday.FRIDAY,
        starts_at=time(9),
        ends_at=time(13),
        first_date=date(2030, 1, 7),
        last_date=date(2030, 1, 31),
    )

    with pytest.raises(ValidationError, match="14-01-2030"):
        bookings.booking_series_expand(series=series)
    assert not Booking.objects.filter(kind=BookingKind.COMMERCIAL).exists()


@pytest.mark.django_db(transaction=True)
def test_two_officials_booking_at_once_get_the_named_message(room):
    """The second waits for the first to finish, then hears which booking won."""
    import threading

    from django.db import connection

    first_saved, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def first():
        try:
            with transaction.atomic():
                outcome["first"] = bookings.booking_create(
                    room=room,
                    start=local(MONDAY, "10:00"),
                    end=local(MONDAY, "12:00"),
                    kind=BookingKind.SUBSIDISED,
                    purpose="Koffieochtend",
                )
                first_saved.set()
                release.wait(10)
        finally:
            connection.close()

    def second():
        first_saved.wait(10)
        try:
            bookings.booking_create(
                room=room,
                start=local(MONDAY, "11:00"),
                end=local(MONDAY, "13:00"),
                kind=BookingKind.SUBSIDISED,
                purpose="Taalcafé",
            )
        except ValidationError as error:
            outcome["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_saved.wait(10)
    release.set()
    for thread in threads:
        thread.join(20)

    message = outcome["second"].message_dict["period"][0]
    assert "Koffieochtend" in message
    assert f"nr. {outcome['first'].pk}" in message
    assert Booking.objects.filter(room=room).count() == 1
