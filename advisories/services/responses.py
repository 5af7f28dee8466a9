"""Writes of the municipality's responses to the recommendations and of publishing."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import notifications
from ..models import (
    Advice,
    AdviceStatus,
    Recommendation,
    Response,
)
from .indexing import advice_index
from .refusals import NOT_ANSWERED, NOT_SENT
from .requests import _after_commit


@transaction.atomic
def response_record(
    *,
    recommendation: Recommendation,
    verdict: str,
    reasons: str,
    responded_on: date,
    by: AbstractBaseUser,
) -> Response:
    """Record (or correct) the municipality's answer to one recommendation."""
    advice = Advice.objects.select_for_update().get(pk=recommendation.advice_id)
    if not advice.is_sent:
        raise ValidationError(NOT_SENT, code="not_sent")
    response, _created = Response.objects.update_or_create(
        recommendation=recommendation,
        defaults={"verdict": verdict, "reasons": reasons, "responded_on": responded_on},
        create_defaults={
            "verdict": verdict,
            "reasons": reasons,
            "responded_on": responded_on,
            "recorded_by": by,
        },
    )
    advice_responses_changed(advice=advice)
    return response


def advice_responses_changed(*, advice: Advice) -> None:
    """Mark a sent advice answered once every recommendation has a response."""
    if advice.status != AdviceStatus.SENT:
        return
    if advice.recommendations.filter(response__isnull=True).exists():
        return
    advice.status = AdviceStatus.ANSWERED
    advice.save(update_fields=["status", "updated_at"])
    advice_index(advice=advice)
    _after_commit(lambda: notifications.notify_response_recorded(advice))


@transaction.atomic
def advice_publish(*, advice: Advice, on: date | None = None) -> Advice:
    """Close the dossier of an answered advice: published with its responses."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status == AdviceStatus.PUBLISHED:
        return advice
    if advice.status != AdviceStatus.ANSWERED:
        raise ValidationError(NOT_ANSWERED, code="not_answered")
    advice.status = AdviceStatus.PUBLISHED
    advice.published_on = on or timezone.localdate()
    advice.save(update_fields=["status", "published_on", "updated_at"])
    return advice
