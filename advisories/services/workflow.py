"""The advice's way from draft to sent: submitting, comments, adopting, sending and
correcting, each checked for who makes it and from which status.
"""

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.slugs import unique_slug

from .. import notifications, permissions
from ..models import (
    Advice,
    AdviceComment,
    AdviceCorrection,
    AdviceStatus,
)
from .drafts import _require_author, _require_chair
from .indexing import advice_index
from .refusals import (
    NO_COMMENTS_NOW,
    NO_RECOMMENDATIONS,
    NO_TITLE,
    NOT_ADOPTED,
    NOT_AUTHOR,
    NOT_MEMBER,
    NOT_SENT,
    NOT_SUBMITTED,
)
from .requests import _after_commit


@transaction.atomic
def advice_submit(*, advice: Advice, by: AbstractBaseUser) -> Advice:
    """Hand a draft to the chair. Submitting again changes nothing."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.author_id != by.pk:
        raise PermissionDenied(NOT_AUTHOR)
    if advice.status == AdviceStatus.SUBMITTED:
        return advice
    _require_author(advice, by)
    if not advice.title.strip():
        raise ValidationError(NO_TITLE, code="no_title")
    if not advice.recommendations.exists():
        raise ValidationError(NO_RECOMMENDATIONS, code="no_recommendations")
    advice.status = AdviceStatus.SUBMITTED
    advice.save(update_fields=["status", "updated_at"])
    _after_commit(lambda: notifications.notify_submitted(advice))
    return advice


@transaction.atomic
def advice_return_to_author(*, advice: Advice, by: AbstractBaseUser) -> Advice:
    """The chair gives a submitted draft back to its author for changes."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    _require_chair(advice, by)
    if advice.status != AdviceStatus.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    advice.status = AdviceStatus.DRAFT
    advice.save(update_fields=["status", "updated_at"])
    return advice


@transaction.atomic
def advice_comment(*, advice: Advice, by: AbstractBaseUser, body: str) -> AdviceComment:
    if not permissions.is_member(by, advice.council):
        raise PermissionDenied(NOT_MEMBER)
    if advice.status != AdviceStatus.SUBMITTED:
        raise ValidationError(NO_COMMENTS_NOW, code="not_submitted")
    comment = AdviceComment(advice=advice, author=by, body=body)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def advice_adopt(*, advice: Advice, by: AbstractBaseUser) -> Advice:
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    _require_chair(advice, by)
    if advice.status == AdviceStatus.ADOPTED:
        return advice
    if advice.status != AdviceStatus.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    advice.status = AdviceStatus.ADOPTED
    advice.adopted_by = by
    advice.save(update_fields=["status", "adopted_by", "updated_at"])
    return advice


def _public_slug(advice: Advice, on: date) -> str:
    base = f"{on:%Y-%m-%d}-{slugify(advice.title)}"[:230].rstrip("-")
    taken = set(
        Advice.objects.filter(slug__startswith=base)
        .exclude(pk=advice.pk)
        .values_list("slug", flat=True)
    )
    return unique_slug(base, taken, max_length=250)


@transaction.atomic
def advice_send(
    *, advice: Advice, by: AbstractBaseUser, on: date | None = None
) -> Advice:
    """Sign and send an adopted advice; from now on it is frozen and public."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    _require_chair(advice, by)
    if advice.is_sent:
        return advice
    if advice.status != AdviceStatus.ADOPTED:
        raise ValidationError(NOT_ADOPTED, code="not_adopted")
    on = on or timezone.localdate()
    name = by.get_full_name() or by.get_username()
    advice.status = AdviceStatus.SENT
    advice.sent_on = on
    advice.dated = advice.dated or on
    advice.signed_by = _("%(name)s, voorzitter") % {"name": name}
    advice.response_due_on = on + timedelta(weeks=advice.council.response_period_weeks)
    advice.slug = _public_slug(advice, on)
    advice.save()
    advice_index(advice=advice)
    _after_commit(lambda: notifications.notify_sent(advice))
    return advice


@transaction.atomic
def advice_correct(
    *, advice: Advice, by: AbstractBaseUser, body: str, on: date | None = None
) -> AdviceCorrection:
    """A sent advice is not edited; a correction is added beside it, visibly."""
    _require_chair(advice, by)
    if not advice.is_sent:
        raise ValidationError(NOT_SENT, code="not_sent")
    correction = AdviceCorrection(
        advice=advice, body=body, made_by=by, made_on=on or timezone.localdate()
    )
    correction.full_clean()
    correction.save()
    return correction
