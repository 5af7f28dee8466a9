"""'Nu open': weekly hours, past midnight, holidays, exceptions and daylight saving."""

from datetime import UTC, date, datetime, time

import pytest

from neighbourhoods.models import (
    Facility,
    FacilityKind,
    Municipality,
    OpeningException,
    OpeningHours,
    Weekday,
)
from neighbourhoods.opening_hours import AMSTERDAM, easter_sunday, public_holidays

pytestmark = pytest.mark.django_db


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def municipality() -> Municipality:
    return Municipality.objects.create(cbs_code="GM0307", name="Amersfoort", slug="a")


def make_facility(municipality, slug: str, **fields) -> Facility:
    return Facility.objects.create(
        name=slug,
        slug=slug,
        kind=FacilityKind.COMMUNITY_CENTRE,
        municipality=municipality,
        **fields,
    )


def assert_open(facility: Facility, moment: datetime, expected: bool) -> None:
    """Both the SQL filter and the Python check give the same answer."""
    in_database = Facility.objects.open_at(moment).filter(pk=facility.pk).exists()
    facility = Facility.objects.prefetch_related(
        "opening_hours", "opening_exceptions"
    ).get(pk=facility.pk)
    assert (in_database, facility.is_open_at(moment)) == (expected, expected)


def test_easter_and_the_holidays_that_hang_on_it():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2027) == date(2027, 3, 28)
    holidays = public_holidays(2027)
    assert holidays[date(2027, 5, 6)] == "Hemelvaartsdag"
    assert holidays[date(2027, 5, 17)] == "Tweede Pinksterdag"


def test_kings_day_moves_to_saturday_when_it_falls_on_sunday():
    assert date(2025, 4, 26) in public_holidays(2025)
    assert date(2025, 4, 27) not in public_holidays(2025)


def test_open_within_weekly_hours_and_closed_outside(municipality):
    place = make_facility(municipality, "buurthuis")
    OpeningHours.objects.create(
        facility=place, weekday=Weekday.TUESDAY, opens=time(9), closes=time(17)
    )
    assert_open(place, at(2026, 11, 24, 9, 0), True)
    assert_open(place, at(2026, 11, 24, 16, 59), True)
    assert_open(place, at(2026, 11, 24, 17, 0), False)
    assert_open(place, at(2026, 11, 25, 10, 0), False)


def test_hours_past_midnight_cover_the_next_morning(municipality):
    place = make_facility(municipality, "jongerencentrum")
    OpeningHours.objects.create(
        facility=place, weekday=Weekday.FRIDAY, opens=time(20), closes=time(1)
    )
    assert_open(place, at(2026, 11, 27, 23, 30), True)
    assert_open(place, at(2026, 11, 28, 0, 30), True)
    assert_open(place, at(2026, 11, 28, 1, 0), False)
    assert_open(place, at(2026, 11, 27, 0, 30), False)


def test_a_public_holiday_closes_the_place_unless_it_opens_on_holidays(municipality):
    closes = make_facility(municipality, "sluit")
    stays_open = make_facility(
        municipality, "blijft-open", closed_on_public_holidays=False
    )
    for place in (closes, stays_open):
        OpeningHours.objects.create(
            facility=place, weekday=Weekday.FRIDAY, opens=time(9), closes=time(17)
        )
    christmas = at(2026, 12, 25, 12, 0)  # a Friday
    assert_open(closes, christmas, False)
    assert_open(stays_open, christmas, True)


def test_an_exception_replaces_the_weekly_hours_for_that_day(municipality):
    place = make_facility(municipality, "wijkcentrum")
    OpeningHours.objects.create(
        facility=place, weekday=Weekday.MONDAY, opens=time(9), closes=time(17)
    )
    OpeningException.objects.create(facility=place, date=date(2026, 11, 23))
    OpeningException.objects.create(
        facility=place,
        date=date(2026, 12, 26),  # Tweede Kerstdag, a Saturday
        is_closed=False,
        opens=time(14),
        closes=time(16),
        reason="Kerstinloop",
    )
    assert_open(place, at(2026, 11, 23, 12, 0), False)
    assert_open(place, at(2026, 11, 30, 12, 0), True)
    assert_open(place, at(2026, 12, 26, 15, 0), True)
    assert_open(place, at(2026, 12, 26, 13, 0), False)


def test_wall_clock_hours_hold_across_the_daylight_saving_change(municipality):
    place = make_facility(municipality, "ouderensteunpunt")
    OpeningHours.objects.create(
        facility=place, weekday=Weekday.SUNDAY, opens=time(9), closes=time(12)
    )
    # 29 March 2026: clocks go from 02:00 to 03:00. 09:30 local is 07:30 UTC.

    assert_open(place, datetime(2026, 3, 29, 7, 30, tzinfo=UTC), True)
    assert_open(place, datetime(2026, 3, 29, 8, 30, tzinfo=UTC), True)
    assert_open(place, datetime(2026, 3, 29, 10, 30, tzinfo=UTC), False)
    # The week before, in winter time, 09:30 local is 08:30 UTC and 07:30 UTC is closed.
    assert_open(place, datetime(2026, 3, 22, 7, 30, tzinfo=UTC), False)
