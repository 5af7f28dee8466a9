"""Models of the ground floor: the mail queue as staff see it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .mail import deliver_email


class FailedMailQuerySet(models.QuerySet):
    def failed(self) -> "FailedMailQuerySet":
        return self.filter(
            task_path=deliver_email.module_path, status=TaskResultStatus.FAILED
        )


class FailedMail(DBTaskResult):
    """An attempt to deliver a queued mail that the mail server did not take."""

    objects = FailedMailQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("mislukte e-mail")
        verbose_name_plural = _("mislukte e-mails")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def message(self) -> dict:
        return self.args_kwargs["kwargs"]["message"]

    @property
    def subject(self) -> str:
        return self.message["subject"]

    @property
    def recipients(self) -> str:
        return ", ".join(self.message["to"])

    @property
    def attempt(self) -> int:
        return self.args_kwargs["kwargs"].get("attempt", 1)
