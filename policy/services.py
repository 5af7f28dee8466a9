"""Writes on policy data: status transitions and computed measurements."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import indicators
from .models import (
    FrameworkStatus,
    FrameworkStatusChange,
    Indicator,
    Measurement,
    PolicyFramework,
)

# The lifecycle in order; a framework moves forward freely, backward with a reason.
FRAMEWORK_LIFECYCLE = list(FrameworkStatus)

REASON_REQUIRED = _("Een stap terug in de status vraagt om een reden.")
SAME_STATUS = _("Het beleidskader heeft deze status al.")
DATE_BEFORE_LAST = _(
    "De datum ligt voor de laatste statuswijziging (%(last)s); kies die dag of later."
)
NOT_COMPUTED = _("Deze indicator wordt niet berekend; voer metingen handmatig in.")


def framework_check_transition(
    *, current: FrameworkStatus, to_status: FrameworkStatus, reason: str = ""
) -> None:
    """Raise ValidationError unless `current` may move to `to_status` (with `reason`)."""
    current, to_status = FrameworkStatus(current), FrameworkStatus(to_status)
    if to_status == current:
        raise ValidationError(SAME_STATUS, code="same_status")
    going_back = FRAMEWORK_LIFECYCLE.index(to_status) < FRAMEWORK_LIFECYCLE.index(
        current
    )
    if going_back and not reason.strip():
        raise ValidationError(REASON_REQUIRED, code="reason_required")


def framework_check_transition_date(*, framework: PolicyFramework, on: date) -> None:
    """A transition cannot be dated before the framework's last recorded one."""
    last = (
        FrameworkStatusChange.objects.filter(framework=framework)
        .order_by("-changed_on")
        .values_list("changed_on", flat=True)
        .first()
    )
    if last is not None and on < last:
        raise ValidationError(
            DATE_BEFORE_LAST,
            code="date_before_last",
            params={"last": last.strftime("%d-%m-%Y")},
        )


@transaction.atomic
def framework_change_status(
    *,
    framework: PolicyFramework,
    to_status: FrameworkStatus,
    on: date,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> FrameworkStatusChange:
    """Move a framework to another status and record the dated transition."""
    framework = PolicyFramework.objects.select_for_update().get(pk=framework.pk)
    current = FrameworkStatus(framework.status)
    to_status = FrameworkStatus(to_status)
    framework_check_transition(current=current, to_status=to_status, reason=reason)
    framework_check_transition_date(framework=framework, on=on)
    framework.status = to_status
    if to_status == FrameworkStatus.ADOPTED and framework.adopted_on is None:
        framework.adopted_on = on
    framework.full_clean()
    framework.save(update_fields=["status", "adopted_on"])
    return FrameworkStatusChange.objects.create(
        framework=framework,
        from_status=current,
        to_status=to_status,
        changed_on=on,
        reason=reason.strip(),
        changed_by=by,
    )


@transaction.atomic
def indicator_measure(*, indicator: Indicator, on: date) -> Measurement:
    """Compute a computed indicator's value on a date and store it as a measurement."""
    computation = indicators.get(indicator.computation)
    if computation is None:
        raise ValidationError(NOT_COMPUTED, code="not_computed")
    value: Decimal = computation.compute(indicator=indicator, on=on)
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator,
        measured_on=on,
        defaults={"value": value, "source": str(computation.label)},
    )
    return measurement
