"""E-mail to members, the chair and the municipality at each step of the workflow.

Mail goes through Django's mail backend (the console in development). Each message is
rendered from a plain-text template in ``templates/advisories/email/``.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from .models import Advice, AdviceRequest, AdvisoryCouncil, MemberRole


def _send(template: str, context: dict, recipients: Iterable[str]) -> int:
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return 0
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    # One message per person: members do not see each other's addresses.
    messages = [
        (subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [address])
        for address in addresses
    ]
    return send_mass_mail(messages, fail_silently=False)


def member_addresses(council: AdvisoryCouncil, *, role: str = "") -> list[str]:
    memberships = council.memberships.current().select_related("user")
    if role:
        memberships = memberships.filter(role=role)
    return [membership.user.email for membership in memberships]


def notify_new_request(request: AdviceRequest) -> int:
    return _send(
        "advisories/email/new_request.txt",
        {"request": request},
        member_addresses(request.council),
    )


def notify_deadline_reminder(request: AdviceRequest) -> int:
    return _send(
        "advisories/email/deadline_reminder.txt",
        {"request": request},
        member_addresses(request.council),
    )


def notify_submitted(advice: Advice) -> int:
    return _send(
        "advisories/email/submitted.txt",
        {"advice": advice},
        member_addresses(advice.council, role=MemberRole.CHAIR),
    )


def notify_sent(advice: Advice) -> int:
    return _send(
        "advisories/email/sent.txt",
        {"advice": advice},
        [advice.council.municipality_contact_email],
    )


def notify_response_recorded(advice: Advice) -> int:
    return _send(
        "advisories/email/response_recorded.txt",
        {"advice": advice},
        member_addresses(advice.council),
    )
