"""E-mail to members, the chair and the municipality at each step of the workflow.

Mail goes through Django's mail backend, which queues it (core/mail.py). Each message
is rendered from two plain-text templates in ``templates/advisories/email/``:
``<name>_subject.txt`` and ``<name>.txt``; both switch autoescaping off, since a
plain-text mail shows ``&amp;`` literally. Links are absolute (``SITE_URL``).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse

from core.mail import flatten_subject

from .models import Advice, AdviceRequest, AdvisoryCouncil, MemberRole

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def _send(name: str, context: dict, recipients: Iterable[str]) -> int:
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return 0
    template = f"advisories/email/{name}"
    subject = flatten_subject(render_to_string(f"{template}_subject.txt", context))
    body = render_to_string(f"{template}.txt", context).strip() + "\n"
    # One message per person: members do not see each other's addresses.
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses
    ]
    return send_mass_mail(messages, fail_silently=False)


def member_addresses(council: AdvisoryCouncil, *, role: str = "") -> list[str]:
    memberships = council.memberships.current().select_related("user")
    if role:
        memberships = memberships.filter(role=role)
    return [membership.user.email for membership in memberships]


def _request_context(request: AdviceRequest) -> dict:
    url = reverse("advisories:portal-request-detail", args=[request.pk])
    return {"request": request, "url": absolute_url(url)}


def notify_new_request(request: AdviceRequest) -> int:
    return _send(
        "new_request", _request_context(request), member_addresses(request.council)
    )


def notify_deadline_reminder(request: AdviceRequest) -> int:
    return _send(
        "deadline_reminder",
        _request_context(request),
        member_addresses(request.council),
    )


def notify_submitted(advice: Advice) -> int:
    url = reverse("advisories:portal-advice-detail", args=[advice.pk])
    return _send(
        "submitted",
        {"advice": advice, "url": absolute_url(url)},
        member_addresses(advice.council, role=MemberRole.CHAIR),
    )


def notify_sent(advice: Advice) -> int:
    """Mail the municipality; 0 when the council has no address for it."""
    if not advice.council.municipality_contact_email:
        logger.warning(
            "Advice %s is sent, but council %s has no municipality address: no mail.",
            advice.pk,
            advice.council_id,
        )
    return _send(
        "sent",
        {"advice": advice, "url": absolute_url(advice.get_absolute_url())},
        [advice.council.municipality_contact_email],
    )


def notify_response_recorded(advice: Advice) -> int:
    return _send(
        "response_recorded",
        {"advice": advice, "url": absolute_url(advice.get_absolute_url())},
        member_addresses(advice.council),
    )
