"""Writes of the advisory council: requests, the advice workflow, responses.

Every state change checks who makes it and from which status, and raises a
ValidationError with one of the messages below (the tests import them).
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.concurrency import ConcurrentEditError
from core.slugs import unique_slug
from policy.models import FrameworkVersion

from . import notifications, permissions
from .models import (
    Advice,
    AdviceAttachment,
    AdviceComment,
    AdviceCorrection,
    AdviceKind,
    AdviceRequest,
    AdviceRequestDocument,
    AdviceSection,
    AdviceStatus,
    AdvisoryCouncil,
    Question,
    Recommendation,
    Response,
)

NO_COUNCIL = _("De gemeente van dit beleidskader heeft geen adviesraad.")
NOT_AUTHOR = _("Alleen de auteur van een concept mag het wijzigen of indienen.")
NOT_CHAIR = _("Alleen de voorzitter mag een advies vaststellen en verzenden.")
NOT_MEMBER = _("U bent geen lid van deze adviesraad.")
NOT_DRAFT = _("Dit advies is geen concept meer en kan niet meer worden gewijzigd.")
NOT_SUBMITTED = _("Alleen een ingediend advies kan worden vastgesteld.")
NOT_ADOPTED = _("Alleen een vastgesteld advies kan worden verzonden.")
NOT_SENT = _("Dit advies is nog niet verzonden.")
NOT_ANSWERED = _("Dit advies is nog niet op elke aanbeveling beantwoord.")
NO_TITLE = _("Geef het advies een titel voordat u het indient.")
NO_RECOMMENDATIONS = _("Een advies heeft minstens één aanbeveling.")
NO_COMMENTS_NOW = _("Opmerkingen kunnen alleen bij een ingediend advies.")
REQUEST_OF_OTHER_COUNCIL = _("Deze aanvraag is aan een andere adviesraad gericht.")
NO_MUNICIPALITY_ADDRESS = _(
    "De adviesraad heeft geen e-mailadres van de gemeente, dus de gemeente kreeg geen "
    "e-mail over dit advies. Een beheerder vult het adres in bij de adviesraad; "
    "stuur het advies tot dan zelf door."
)


def _after_commit(send) -> None:
    """Mail once the change is saved; a failure to queue it is logged, not raised."""
    transaction.on_commit(send, robust=True)


# REQUESTS
# ------------------------------------------------------------------------------


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


# DRAFTS
# ------------------------------------------------------------------------------


@dataclass
class AdviceContent:
    """What a member writes in the advice form."""

    title: str
    addressee: str
    dated: date | None = None
    summary: str = ""
    sections: list[tuple[str, str]] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


def _require_author(advice: Advice, by: AbstractBaseUser) -> None:
    if advice.author_id != by.pk:
        raise PermissionDenied(NOT_AUTHOR)
    if advice.status != AdviceStatus.DRAFT:
        raise ValidationError(NOT_DRAFT, code="not_draft")


def _require_chair(advice: Advice, by: AbstractBaseUser) -> None:
    if not permissions.is_chair(by, advice.council):
        raise PermissionDenied(NOT_CHAIR)


def _write_content(advice: Advice, content: AdviceContent) -> None:
    advice.title = content.title
    advice.addressee = content.addressee
    advice.dated = content.dated
    advice.summary = content.summary
    advice.save()
    # A draft has no responses yet, so its parts are simply written anew.
    advice.sections.all().delete()
    AdviceSection.objects.bulk_create(
        AdviceSection(advice=advice, position=position, heading=heading, body=body)
        for position, (heading, body) in enumerate(content.sections, start=1)
    )
    advice.recommendations.all().delete()
    Recommendation.objects.bulk_create(
        Recommendation(advice=advice, number=number, text=text)
        for number, text in enumerate(content.recommendations, start=1)
    )
    advice.questions.all().delete()
    Question.objects.bulk_create(
        Question(advice=advice, number=number, text=text)
        for number, text in enumerate(content.questions, start=1)
    )


@transaction.atomic
def advice_create(
    *,
    council: AdvisoryCouncil,
    author: AbstractBaseUser,
    content: AdviceContent,
    creation_key: uuid.UUID,
    request: AdviceRequest | None = None,
) -> tuple[Advice, bool]:
    """Start a draft; the same `creation_key` twice returns the first draft."""
    if not permissions.is_member(author, council):
        raise PermissionDenied(NOT_MEMBER)
    if request is not None and request.council_id != council.pk:
        raise ValidationError(REQUEST_OF_OTHER_COUNCIL, code="other_council")
    # The lock makes a replayed POST wait for the first and then find its advice.
    AdvisoryCouncil.objects.select_for_update().filter(pk=council.pk).first()
    existing = Advice.objects.filter(creation_key=creation_key).first()
    if existing is not None:
        return existing, False
    advice = Advice(
        council=council,
        request=request,
        kind=AdviceKind.REQUESTED if request else AdviceKind.UNSOLICITED,
        framework=request.framework_version.framework
        if request and request.framework_version_id
        else None,
        author=author,
        creation_key=creation_key,
        slug=f"concept-{creation_key.hex}",
        title=content.title,
        addressee=content.addressee,
    )
    advice.full_clean(exclude=["search_vector"])
    _write_content(advice, content)
    return advice, True


@transaction.atomic
def advice_save_draft(
    *,
    advice: Advice,
    by: AbstractBaseUser,
    content: AdviceContent,
    read_version: int | None = None,
) -> Advice:
    """Store what the author typed; only the author, only while a draft.

    ``read_version`` is the draft's lock_version when the form was opened: when the
    draft was saved since (another tab, another device), nothing is written and
    ConcurrentEditError is raised.
    """
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    _require_author(advice, by)
    if read_version is not None and read_version != advice.lock_version:
        raise ConcurrentEditError()
    _write_content(advice, content)
    return advice


@transaction.atomic
def advice_attach(
    *, advice: Advice, by: AbstractBaseUser, title: str, file: File
) -> AdviceAttachment:
    _require_author(advice, by)
    attachment = AdviceAttachment(advice=advice, title=title, file=file, uploaded_by=by)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def advice_detach(*, attachment: AdviceAttachment, by: AbstractBaseUser) -> None:
    _require_author(attachment.advice, by)
    attachment.file.delete(save=False)
    attachment.delete()


# WORKFLOW
# ------------------------------------------------------------------------------


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


# RESPONSES
# ------------------------------------------------------------------------------


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


# SEARCH
# ------------------------------------------------------------------------------


def advice_index(*, advice: Advice) -> None:
    """Rebuild the Dutch full-text index of one advice from its words."""
    nothing = Value("", output_field=TextField())
    words = Advice.objects.filter(pk=advice.pk).annotate(
        recommendation_text=Coalesce(
            StringAgg("recommendations__text", " ", distinct=True), nothing
        ),
        section_text=Coalesce(StringAgg("sections__body", " ", distinct=True), nothing),
        heading_text=Coalesce(
            StringAgg("sections__heading", " ", distinct=True), nothing
        ),
    )
    row = words.values("recommendation_text", "section_text", "heading_text").get()
    vector = (
        SearchVector("title", weight="A", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector(
            Value(row["recommendation_text"], output_field=TextField()),
            weight="B",
            config="dutch",
        )
        + SearchVector(
            Value(row["heading_text"], output_field=TextField()),
            weight="C",
            config="dutch",
        )
        + SearchVector(
            Value(row["section_text"], output_field=TextField()),
            weight="D",
            config="dutch",
        )
    )
    Advice.objects.filter(pk=advice.pk).update(search_vector=vector)
