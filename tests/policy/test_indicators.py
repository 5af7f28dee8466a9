"""Computed indicators: registered computations that store a measurement."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from neighbourhoods.models import Facility, FacilityKind, Municipality, Neighbourhood
from policy import indicators
from policy.models import Goal, GoalHorizon, Indicator, IndicatorUnit, PolicyFramework
from policy.services import NOT_COMPUTED, indicator_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def heart_indicator() -> Indicator:
    amersfoort = Municipality.objects.create(
        cbs_code="GM0307", name="Amersfoort", slug="amersfoort"
    )
    other = Municipality.objects.create(cbs_code="GM0034", name="Almere", slug="almere")
    for number, name in enumerate(["Vathorst", "Kattenbroek", "Schothorst"], start=1):
        wijk = Neighbourhood.objects.create(
            municipality=amersfoort,
            cbs_code=f"WK03070{number}",
            name=name,
            slug=name.lower(),
        )
        if number == 1:
            Facility.objects.create(
                name="De Buurtkamer",
                slug="de-buurtkamer",
                kind=FacilityKind.NEIGHBOURHOOD_ROOM,
                municipality=amersfoort,
                neighbourhood=wijk,
                is_heart=True,
            )
    # A neighbourhood of another municipality does not count.
    Neighbourhood.objects.create(
        municipality=other, cbs_code="WK003401", name="Centrum", slug="centrum"
    )
    framework = PolicyFramework.objects.create(
        municipality=amersfoort, title="Welzijn", slug="welzijn", period_start=2010
    )
    goal = Goal.objects.create(
        framework=framework,
        number=7,
        title="Kloppend hart",
        text="In elke wijk een kloppend hart.",
        horizon=GoalHorizon.LONG,
    )
    return Indicator.objects.create(
        goal=goal,
        name="Wijken met een kloppend hart",
        unit=IndicatorUnit.PERCENT,
        target_value=Decimal("100"),
        computation="neighbourhoods_with_heart",
    )


def test_the_heart_computation_is_registered():
    assert "neighbourhoods_with_heart" in dict(indicators.choices())


def test_measuring_a_computed_indicator_stores_its_value(heart_indicator):
    measurement = indicator_measure(indicator=heart_indicator, on=date(2026, 11, 1))
    assert measurement.value == Decimal("33.33")
    assert heart_indicator.measurements.get().value == Decimal("33.33")


def test_measuring_again_on_the_same_day_updates_the_value(heart_indicator):
    indicator_measure(indicator=heart_indicator, on=date(2026, 11, 1))
    kattenbroek = Neighbourhood.objects.get(name="Kattenbroek")
    Facility.objects.create(
        name="Wijkcentrum",
        slug="wijkcentrum",
        kind=FacilityKind.COMMUNITY_CENTRE,
        municipality=kattenbroek.municipality,
        neighbourhood=kattenbroek,
        is_heart=True,
    )
    indicator_measure(indicator=heart_indicator, on=date(2026, 11, 1))
    assert list(heart_indicator.measurements.values_list("value", flat=True)) == [
        Decimal("66.67")
    ]


def test_a_manual_indicator_cannot_be_computed(heart_indicator):
    heart_indicator.computation = ""
    with pytest.raises(ValidationError) as error:
        indicator_measure(indicator=heart_indicator, on=date(2026, 11, 1))
    assert error.value.messages == [str(NOT_COMPUTED)]
