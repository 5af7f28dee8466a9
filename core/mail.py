"""Outgoing mail as tasks: a request never waits for, or fails on, the mail server.

``QueuedEmailBackend`` is the portal's ``EMAIL_BACKEND``: every ``send_mail``,
``send_mass_mail`` or ``EmailMessage.send()`` (password reset included) stores one
``deliver_email`` task per message in the database (django-tasks, its database
backend). Inside a transaction the task row commits or rolls back with the change
that caused it, so no mail goes out for a change that did not happen. The worker
(``manage.py db_worker``) hands each message to ``EMAIL_DELIVERY_BACKEND`` (SMTP in
production) and, when that fails, schedules another attempt with a growing delay;
after ``EMAIL_DELIVERY_ATTEMPTS`` the mail counts as failed and the admin lists it
under "Mislukte e-mails".
"""

import base64
import logging
from collections.abc import Sequence
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Minutes before the second attempt; each further attempt waits twice as long.
FIRST_RETRY_MINUTES = 2


def flatten_subject(subject: str) -> str:
    """One line: a subject with CR/LF in it (from a title) would be refused as a header."""
    return " ".join(str(subject).split())


def message_to_data(message: EmailMessage) -> dict:
    """What a task stores of a message: JSON, without the connection."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachment = (
                attachment.get_filename(),
                attachment.get_payload(decode=True),
                attachment.get_content_type(),
            )
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            [filename, base64.b64encode(content).decode("ascii"), mimetype]
        )
    return {
        "subject": flatten_subject(message.subject),
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_data(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def deliver_email(message: dict, attempt: int = 1) -> str:
    """Hand one message to the mail server; on failure, try again later."""
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
        connection.send_messages([message_from_data(message)])
    except Exception:
        if attempt < settings.EMAIL_DELIVERY_ATTEMPTS:
            delay = timedelta(minutes=FIRST_RETRY_MINUTES * 2 ** (attempt - 1))
            deliver_email.using(run_after=timezone.now() + delay).enqueue(
                message=message, attempt=attempt + 1
            )
            logger.warning(
                "Mail %r to %s failed (attempt %d of %d); next attempt in %s.",
                message["subject"],
                ", ".join(message["to"]),
                attempt,
                settings.EMAIL_DELIVERY_ATTEMPTS,
                delay,
                exc_info=True,
            )
        else:
            logger.error(
                "Mail %r to %s failed for good after %d attempts.",
                message["subject"],
                ", ".join(message["to"]),
                attempt,
                exc_info=True,
            )
        # The attempt is stored as failed, with its traceback, for the admin.
        raise
    return ", ".join(message["to"])


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message as a ``deliver_email`` task instead of sending it now."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(message=message_to_data(message))
            queued += 1
        return queued
