"""A framework's status moves forward freely and back only with a reason."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from neighbourhoods.models import Municipality
from policy.models import FrameworkStatus, PolicyFramework
from policy.services import REASON_REQUIRED, SAME_STATUS, framework_change_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework() -> PolicyFramework:
    almere = Municipality.objects.create(
        cbs_code="GM0034", name="Almere", slug="almere"
    )
    return PolicyFramework.objects.create(
        municipality=almere,
        title="WELzijn in Almere",
        slug="welzijn-in-almere",
        period_start=2021,
    )


def test_each_forward_step_is_recorded_with_its_date(framework):
    steps = [
        (FrameworkStatus.FOR_ADVICE, date(2021, 1, 18)),
        (FrameworkStatus.ADOPTED, date(2021, 3, 30)),
        (FrameworkStatus.IN_EXECUTION, date(2021, 6, 1)),
        (FrameworkStatus.EVALUATED, date(2025, 1, 15)),
    ]
    for status, on in steps:
        framework_change_status(framework=framework, to_status=status, on=on)

    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.EVALUATED
    assert framework.adopted_on == date(2021, 3, 30)
    recorded = list(
        framework.status_changes.values_list("from_status", "to_status", "changed_on")
    )
    assert recorded == [
        ("concept", "ter_advies", date(2021, 1, 18)),
        ("ter_advies", "vastgesteld", date(2021, 3, 30)),
        ("vastgesteld", "in_uitvoering", date(2021, 6, 1)),
        ("in_uitvoering", "geevalueerd", date(2025, 1, 15)),
    ]


def test_going_back_without_a_reason_is_refused_and_changes_nothing(framework):
    framework_change_status(
        framework=framework, to_status=FrameworkStatus.FOR_ADVICE, on=date(2021, 1, 18)
    )
    with pytest.raises(ValidationError) as error:
        framework_change_status(
            framework=framework, to_status=FrameworkStatus.CONCEPT, on=date(2021, 2, 1)
        )
    assert error.value.messages == [str(REASON_REQUIRED)]
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.FOR_ADVICE
    assert framework.status_changes.count() == 1


def test_going_back_with_a_reason_is_recorded(framework):
    framework_change_status(
        framework=framework, to_status=FrameworkStatus.FOR_ADVICE, on=date(2021, 1, 18)
    )
    change = framework_change_status(
        framework=framework,
        to_status=FrameworkStatus.CONCEPT,
        on=date(2021, 2, 1),
        reason="  De adviesraad vroeg om een aangepast kader.  ",
    )
    assert change.reason == "De adviesraad vroeg om een aangepast kader."
    assert change.from_status == FrameworkStatus.FOR_ADVICE


def test_moving_to_the_same_status_is_refused(framework):
    with pytest.raises(ValidationError) as error:
        framework_change_status(
            framework=framework, to_status=FrameworkStatus.CONCEPT, on=date(2021, 1, 1)
        )
    assert error.value.messages == [str(SAME_STATUS)]
