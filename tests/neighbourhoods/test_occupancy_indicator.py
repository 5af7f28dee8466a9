"""The occupancy indicator feeds the framework's goal through the policy registry."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from neighbourhoods.models import BookingKind
from neighbourhoods.opening_hours import AMSTERDAM
from policy import indicators
from policy.services import indicator_measure
from testdata.neighbourhoods import (
    BookingFactory,
    FacilityFactory,
    OpeningHoursFactory,
    RoomFactory,
)
from testdata.policy import GoalFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def test_room_occupancy_is_a_registered_computation():
    assert "room_occupancy_organisations" in dict(indicators.choices())


def test_the_computed_occupancy_appears_on_the_goal():
    goal = GoalFactory(title="85 % van de ruimtes in gebruik")
    facility = FacilityFactory(
        municipality=goal.framework.municipality, closed_on_public_holidays=False
    )
    for weekday in range(7):
        OpeningHoursFactory(
            facility=facility, weekday=weekday, opens=time(9), closes=time(19)
        )
    room = RoomFactory(facility=facility)
    day = date(2030, 6, 3)  # 10 open hours a day, 3650 in the year up to `day`
    for kind, start in (
        (BookingKind.SUBSIDISED, 9),
        (BookingKind.NON_SUBSIDISED, 11),
        (BookingKind.COMMERCIAL, 13),
        (BookingKind.AD_HOC, 15),
    ):
        BookingFactory(
            room=room,
            kind=kind,
            period=DateTimeTZRange(
                datetime(2030, 6, 3, start, tzinfo=AMSTERDAM),
                datetime(2030, 6, 3, start + 2, tzinfo=AMSTERDAM),
                "[)",
            ),
        )
    indicator = IndicatorFactory(
        goal=goal,
        name="Bezettingsgraad",
        unit="procent",
        target_value=Decimal("85"),
        computation="room_occupancy_organisations",
    )

    measurement = indicator_measure(indicator=indicator, on=day)

    # 4 hours by organisations of 3650: 0.1096 %, shown with one decimal.
    assert measurement.value == Decimal("0.10")
    assert goal.indicators.get().measurements.get() == measurement
