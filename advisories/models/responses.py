"""The municipality's response (bestuurlijke reactie) to each recommendation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned


class Verdict(models.TextChoices):
    ADOPTED = "overgenomen", _("Overgenomen")
    PARTLY = "deels", _("Deels overgenomen")
    NOT_ADOPTED = "niet_overgenomen", _("Niet overgenomen")


class Response(ChoiceLabelsMixin, Versioned):
    recommendation = models.OneToOneField(
        "advisories.Recommendation",
        verbose_name=_("aanbeveling"),
        on_delete=models.CASCADE,
        related_name="response",
    )
    verdict = models.CharField(_("oordeel"), max_length=20, choices=Verdict.choices)
    reasons = models.TextField(_("motivering"))
    responded_on = models.DateField(_("datum van de reactie"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bestuurlijke reactie")
        verbose_name_plural = _("bestuurlijke reacties")
        ordering = ["recommendation"]
        indexes = [models.Index(fields=["verdict"])]

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_verdict_display()}"
