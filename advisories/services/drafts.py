"""Writes of an advice while its author drafts it: content, attachments."""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction

from core.concurrency import ConcurrentEditError

from .. import permissions
from ..models import (
    Advice,
    AdviceAttachment,
    AdviceKind,
    AdviceRequest,
    AdviceSection,
    AdviceStatus,
    AdvisoryCouncil,
    Question,
    Recommendation,
)
from .refusals import (
    NOT_AUTHOR,
    NOT_CHAIR,
    NOT_DRAFT,
    NOT_MEMBER,
    REQUEST_OF_OTHER_COUNCIL,
)


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
