"""Participation (participatie): surveys, conversations and district meetings."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .concurrency import Versioned


class ConsultationKind(models.TextChoices):
    SURVEY = "enquete", _("Enquête")
    CONVERSATION = "gesprek", _("Gesprek")
    DISTRICT_MEETING = "stadsdeelbijeenkomst", _("Stadsdeelbijeenkomst")
    CITY_MEETING = "stadsbijeenkomst", _("Stadsbrede bijeenkomst")


class Consultation(Versioned):
    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField(_("soort"), max_length=25, choices=ConsultationKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("datum"))
    district = models.ForeignKey(
        "neighbourhoods.District",
        verbose_name=_("stadsdeel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    participants = models.PositiveIntegerField(
        _("aantal deelnemers"), null=True, blank=True
    )
    outcome = models.TextField(_("opbrengst"), blank=True)
    reported_to_council_on = models.DateField(
        _("teruggekoppeld aan de raad op"), null=True, blank=True
    )
    council_report = models.TextField(
        _("terugkoppeling aan de raad"),
        blank=True,
        help_text=_(
            "Wat de raad over deze activiteit en haar opbrengst te horen kreeg."
        ),
    )

    class Meta:
        verbose_name = _("participatieactiviteit")
        verbose_name_plural = _("participatie")
        ordering = ["framework", "-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reported_to_council_on__isnull=True)
                | Q(reported_to_council_on__gte=models.F("held_on")),
                name="consultation_reported_after_held",
                violation_error_message=_(
                    "Terugkoppeling kan niet voor de bijeenkomst liggen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title
