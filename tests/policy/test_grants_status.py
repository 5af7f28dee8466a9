"""Grant status transitions and the scheme ceiling, in Python and in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from policy.models import Grant, GrantReport, GrantStatus
from policy.subsidies.services import check_transition, grant_change_status
from testdata.policy import (
    GrantFactory,
    GrantReportFactory,
    SubsidySchemeFactory,
)

pytestmark = pytest.mark.django_db

DAY = date(2024, 3, 1)


def test_requested_granted_settled():
    grant = GrantFactory()
    grant = grant_change_status(
        grant=grant, to_status=GrantStatus.GRANTED, on=DAY, amount=Decimal("20000")
    )
    assert (grant.status, grant.amount_granted, grant.decided_on) == (
        GrantStatus.GRANTED,
        Decimal("20000"),
        DAY,
    )
    grant = grant_change_status(
        grant=grant, to_status=GrantStatus.SETTLED, on=DAY, amount=Decimal("19500")
    )
    grant.refresh_from_db()
    assert (grant.status, grant.amount_settled) == (
        GrantStatus.SETTLED,
        Decimal("19500"),
    )


@pytest.mark.parametrize(
    ("start", "to_status"),
    [
        (GrantStatus.REQUESTED, GrantStatus.REFUSED),
        (GrantStatus.REQUESTED, GrantStatus.WITHDRAWN),
        (GrantStatus.GRANTED, GrantStatus.WITHDRAWN),
    ],
)
def test_refuse_and_withdraw(start, to_status):
    grant = GrantFactory(granted=start == GrantStatus.GRANTED)
    grant = grant_change_status(grant=grant, to_status=to_status, on=DAY)
    assert grant.status == to_status


@pytest.mark.parametrize(
    ("start", "to_status"),
    [
        (GrantStatus.REQUESTED, GrantStatus.SETTLED),
        (GrantStatus.GRANTED, GrantStatus.REQUESTED),
        (GrantStatus.GRANTED, GrantStatus.REFUSED),
        (GrantStatus.SETTLED, GrantStatus.GRANTED),
        (GrantStatus.REFUSED, GrantStatus.GRANTED),
        (GrantStatus.WITHDRAWN, GrantStatus.REQUESTED),
    ],
)
def test_invalid_transitions_are_refused_by_the_service_and_the_database(
    start, to_status
):
    grant = GrantFactory(
        status=start,
        amount_granted=Decimal("100") if start != GrantStatus.REQUESTED else None,
        amount_settled=Decimal("100") if start == GrantStatus.SETTLED else None,
    )
    with pytest.raises(ValidationError) as error:
        grant_change_status(grant=grant, to_status=to_status, on=DAY)
    assert "Een subsidie kan niet van" in error.value.messages[0]

    # The database refuses the same, whatever writes to it.
    with pytest.raises(IntegrityError, match="Een subsidie kan niet van status"):
        with transaction.atomic():
            Grant.objects.filter(pk=grant.pk).update(
                status=to_status, amount_granted=100, amount_settled=100
            )
    grant.refresh_from_db()
    assert grant.status == start


def test_check_transition_names_the_allowed_steps():
    with pytest.raises(ValidationError) as error:
        check_transition(GrantStatus.REQUESTED, GrantStatus.SETTLED)
    assert error.value.messages == [
        "Een subsidie kan niet van aangevraagd naar vastgesteld. Vanaf aangevraagd kan "
        "het naar: verleend, afgewezen, ingetrokken."
    ]


def test_granting_needs_an_amount():
    grant = GrantFactory()
    with pytest.raises(ValidationError, match="verleende bedrag"):
        grant_change_status(grant=grant, to_status=GrantStatus.GRANTED, on=DAY)


def test_ceiling_in_python_with_a_dutch_message():
    scheme = SubsidySchemeFactory(name="Buurtinitiatieven", ceiling=Decimal("50000"))
    GrantFactory(scheme=scheme, granted=True, amount_granted=Decimal("30000"))
    GrantFactory(
        scheme=scheme, year=2023, granted=True, amount_granted=Decimal("40000")
    )
    grant = GrantFactory(scheme=scheme, amount_requested=Decimal("25000"))

    with pytest.raises(ValidationError) as error:
        grant_change_status(
            grant=grant, to_status=GrantStatus.GRANTED, on=DAY, amount=Decimal("25000")
        )
    assert error.value.message_dict["amount_granted"] == [
        "Het subsidieplafond van Buurtinitiatieven voor 2024 is € 50.000; met deze "
        "subsidie zou € 55.000 verleend zijn, € 5.000 te veel."
    ]
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REQUESTED

    # Exactly up to the ceiling is fine; refused grants do not count.
    GrantFactory(scheme=scheme, status=GrantStatus.REFUSED, amount_granted=0)
    grant_change_status(
        grant=grant, to_status=GrantStatus.GRANTED, on=DAY, amount=Decimal("20000")
    )


def test_ceiling_in_the_database_also_for_bulk_writes():
    scheme = SubsidySchemeFactory(ceiling=Decimal("1000"))
    with pytest.raises(IntegrityError, match="subsidieplafond"):
        with transaction.atomic():
            Grant.objects.bulk_create(
                [
                    GrantFactory.build(
                        scheme=scheme,
                        organisation=GrantFactory().organisation,
                        status=GrantStatus.GRANTED,
                        amount_granted=Decimal("600"),
                    )
                    for _ in range(2)
                ]
            )
    assert scheme.grants.filter(status=GrantStatus.GRANTED).count() == 0

    GrantFactory(scheme=scheme, granted=True, amount_granted=Decimal("900"))
    with pytest.raises(IntegrityError, match="plafond kan niet lager"):
        with transaction.atomic():
            type(scheme).objects.filter(pk=scheme.pk).update(ceiling=Decimal("800"))


def test_late_reports():
    today = timezone.localdate()
    grant = GrantFactory(granted=True)
    late = GrantReportFactory(grant=grant, due_on=date(2020, 1, 1))
    received_late = GrantReportFactory(
        grant=grant, due_on=date(2020, 1, 1), received_on=date(2020, 2, 1)
    )
    on_time = GrantReportFactory(
        grant=grant, due_on=date(2020, 1, 1), received_on=date(2019, 12, 20)
    )
    not_yet_due = GrantReportFactory(grant=grant, due_on=date(today.year + 1, 1, 1))

    assert list(GrantReport.objects.overdue()) == [late]
    assert late.is_late and received_late.is_late
    assert not on_time.is_late and not not_yet_due.is_late
