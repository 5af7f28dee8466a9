"""Writes of advice requests: sending a framework version to the council, announcing it
and reminding of a due date.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from policy.models import FrameworkVersion

from .. import notifications
from ..models import (
    AdviceRequest,
    AdviceRequestDocument,
    AdvisoryCouncil,
)
from .refusals import NO_COUNCIL


def _after_commit(send) -> None:
    """Mail once the change is saved; a failure to queue it is logged, not raised."""
    transaction.on_commit(send, robust=True)


@transaction.atomic
def advice_request_send_version(
    *, version: FrameworkVersion, on: date | None = None
) -> list[tuple[AdviceRequest, bool]]:
    """Put a framework version before the council(s) of its municipality.

    Idempotent: a version already before a council keeps its one request.
    Returns (request, created) per council; members hear of new requests by e-mail.
    """
    on = on or timezone.localdate()
    framework = version.framework
    councils = list(AdvisoryCouncil.objects.filter(municipality=framework.municipality))
    if not councils:
        raise ValidationError(NO_COUNCIL, code="no_council")
    results = []
    for council in councils:
        request, created = AdviceRequest.objects.get_or_create(
            council=council,
            framework_version=version,
            defaults={
                "subject": str(framework),
                "description": version.change_note,
                "received_on": on,
                "deadline": on + timedelta(weeks=council.request_period_weeks),
            },
        )
        if created and version.document:
            AdviceRequestDocument.objects.create(
                request=request,
                title=version.title,
                received_on=on,
                file=version.document.name,
            )
        if created:
            advice_request_announce(request=request)
        results.append((request, created))
    return results


def advice_request_announce(*, request: AdviceRequest) -> None:
    """Tell the members of a new request once it is saved (however it was made)."""
    _after_commit(lambda: notifications.notify_new_request(request))


def advice_request_send_reminders(*, on: date | None = None, days: int = 7) -> int:
    """Remind members of requests due within `days` days, once per request.

    A request the council has already answered (its advice is sent) needs no reminder.
    """
    on = on or timezone.localdate()
    due = (
        AdviceRequest.objects.filter(
            deadline__gte=on,
            deadline__lte=on + timedelta(days=days),
            reminder_sent_on__isnull=True,
        )
        .exclude(advices__sent_on__isnull=False)
        .select_related("council")
    )
    reminded = 0
    for request in due:
        notifications.notify_deadline_reminder(request)
        AdviceRequest.objects.filter(pk=request.pk).update(reminder_sent_on=on)
        reminded += 1
    return reminded
