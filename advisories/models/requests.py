"""Advice requests (adviesaanvragen) from the college to the council."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned
from core.uploads import GeneratedName, UploadValidator, private_storage


class AdviceRequest(ChoiceLabelsMixin, Versioned):
    council = models.ForeignKey(
        "advisories.AdvisoryCouncil",
        verbose_name=_("adviesraad"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    subject = models.CharField(_("onderwerp"), max_length=250)
    framework_version = models.ForeignKey(
        "policy.FrameworkVersion",
        verbose_name=_("versie van het beleidskader"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_requests",
    )
    description = models.TextField(_("toelichting"), blank=True)
    received_on = models.DateField(_("ontvangen op"))
    deadline = models.DateField(_("uiterste adviesdatum"), null=True, blank=True)
    reminder_sent_on = models.DateField(
        _("herinnering verstuurd op"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("adviesaanvraag")
        verbose_name_plural = _("adviesaanvragen")
        ordering = ["-received_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gte=F("received_on")),
                name="advice_request_deadline_after_receipt",
                violation_error_message=_("De uiterste datum ligt na de ontvangst."),
            ),
            # Sending a version to the council twice must not make two requests.
            models.UniqueConstraint(
                fields=["council", "framework_version"],
                name="advice_request_unique_version_per_council",
                violation_error_message=_(
                    "Deze versie is al aan deze adviesraad voorgelegd."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class AdviceRequestDocument(ChoiceLabelsMixin, models.Model):
    """A document that came with a request, e.g. the revised framework."""

    request = models.ForeignKey(
        AdviceRequest,
        verbose_name=_("adviesaanvraag"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("titel"), max_length=250)
    received_on = models.DateField(_("ontvangen op"))
    file = models.FileField(
        _("bestand"),
        upload_to=GeneratedName("requests"),
        storage=private_storage,
        validators=[UploadValidator("attachment")],
        blank=True,
        help_text=_("Een pdf van hoogstens 20 MB."),
    )

    class Meta:
        verbose_name = _("document bij een adviesaanvraag")
        verbose_name_plural = _("documenten bij adviesaanvragen")
        ordering = ["request", "received_on"]

    def __str__(self) -> str:
        return self.title
