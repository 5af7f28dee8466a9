"""Mail is queued after the commit: a mail server that is down costs no request.

The mail server is a port where nothing listens (SMTP at 127.0.0.1:2599); the queue
is the real database backend and ``manage.py db_worker`` runs it, in batch mode. The
worker commits and reconnects as it does in production, so its tests commit too.
"""

import logging
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from advisories.models import AdviceStatus
from core.mail import deliver_email
from core.models import FailedMail
from testdata.advisories import AdviceFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

QUEUED = {
    "EMAIL_BACKEND": "core.mail.QueuedEmailBackend",
    "EMAIL_DELIVERY_ATTEMPTS": 3,
}
SMTP_DOWN = {
    **QUEUED,
    "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 2599,
    "EMAIL_TIMEOUT": 2,
}
LOCMEM = {
    **QUEUED,
    "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


@pytest.fixture
def draft(council, member):
    advice = AdviceFactory(
        council=council, author=member, unsolicited=True, title="Jeugd & zorg"
    )
    RecommendationFactory(advice=advice)
    return advice


def submit(client, advice):
    url = reverse("advisories:portal-advice-step", args=[advice.pk, "indienen"])
    return client.post(url)


@pytest.fixture
def mail_tasks():
    """This test's queued mail: rows an earlier test left in the queue (a
    transactional test that was cut short keeps them) are not counted."""
    earlier = set(DBTaskResult.objects.values_list("id", flat=True))

    def queued():
        return DBTaskResult.objects.filter(task_path=deliver_email.module_path).exclude(
            id__in=earlier
        )

    return queued


def run_worker():
    call_command("db_worker", batch=True, interval=0, startup_delay=False)


def make_due_now(mail_tasks):
    mail_tasks().filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


@override_settings(**SMTP_DOWN)
def test_submitting_with_the_mail_server_down_redirects_and_keeps_the_mail(
    client, draft, member, chair, django_capture_on_commit_callbacks, mail_tasks
):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, draft)

    assert response.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.status == AdviceStatus.SUBMITTED
    queued = mail_tasks().get()
    assert queued.status == TaskResultStatus.READY
    assert queued.args_kwargs["kwargs"]["message"]["to"] == [chair.email]


@pytest.mark.django_db(transaction=True)
@override_settings(**SMTP_DOWN)
def test_a_failed_delivery_is_retried_then_shown_to_staff(
    client, admin_client, draft, member, chair, caplog, mail_tasks
):
    client.force_login(member)
    submit(client, draft)

    run_worker()

    first, retry = mail_tasks().order_by("enqueued_at")
    assert first.status == TaskResultStatus.FAILED
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()
    assert "attempt 1 of 3" in caplog.text

    with caplog.at_level(logging.ERROR, logger="core.mail"):
        for _attempt in (2, 3):
            make_due_now(mail_tasks)
            run_worker()

    statuses = list(mail_tasks().values_list("status", flat=True))
    assert statuses == [TaskResultStatus.FAILED] * 3
    assert "failed for good after 3 attempts" in caplog.text
    failed = FailedMail.objects.failed()
    assert failed.filter(id__in=mail_tasks().values("id")).count() == 3

    page = admin_client.get(
        reverse("admin:core_failedmail_changelist"), {"opgegeven": "ja"}
    ).content.decode()
    assert "Mislukte e-mails" in page or "mislukte e-mails" in page
    assert "Advies ingediend ter vaststelling: Jeugd &amp; zorg" in page
    assert chair.email in page
    assert "3 van 3: opgegeven" in page
    assert "2 van 3" not in page


@pytest.mark.django_db(transaction=True)
@override_settings(**LOCMEM)
def test_the_worker_delivers_the_queued_mail(client, draft, member, chair, mail_tasks):
    client.force_login(member)
    submit(client, draft)
    assert mail.outbox == []

    run_worker()

    assert [m.to for m in mail.outbox] == [[chair.email]]
    assert mail.outbox[0].subject == "Advies ingediend ter vaststelling: Jeugd & zorg"
    assert 'het advies "Jeugd & zorg" ingediend' in mail.outbox[0].body
    assert mail_tasks().get().status == TaskResultStatus.SUCCESSFUL


@override_settings(**LOCMEM)
def test_a_refused_step_queues_no_mail(client, draft, chair, mail_tasks):
    # Only the author submits: the chair's attempt changes nothing and queues nothing.
    client.force_login(chair)

    submit(client, draft)

    assert not mail_tasks().exists()
