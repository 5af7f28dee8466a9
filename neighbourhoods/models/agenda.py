"""The social agenda (sociale agenda) of a neighbourhood: its demand and issues."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned


class SocialAgendaStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    ADDRESSED = "opgepakt", _("Opgepakt")
    CLOSED = "afgesloten", _("Afgesloten")


class SocialAgendaItem(ChoiceLabelsMixin, Versioned):
    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = ("neighbourhood__municipality",)

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    title = models.CharField(_("vraagstuk"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    target_groups = models.ManyToManyField(
        "neighbourhoods.TargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name="agenda_items",
    )
    themes = models.ManyToManyField(
        "neighbourhoods.Theme",
        verbose_name=_("thema's"),
        blank=True,
        related_name="agenda_items",
    )
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), default=3, help_text=_("1 is het hoogst, 5 het laagst.")
    )
    source = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        help_text=_("Bijv. wijkschouw, bewonersavond."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SocialAgendaStatus.choices,
        default=SocialAgendaStatus.OPEN,
    )
    team = models.ForeignKey(
        "neighbourhoods.NeighbourhoodTeam",
        verbose_name=_("opgesteld door wijkteam"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    created_on = models.DateField(_("opgesteld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("punt van de sociale agenda")
        verbose_name_plural = _("sociale agenda")
        ordering = ["neighbourhood", "priority", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=5),
                name="social_agenda_priority_range",
                violation_error_message=_("De prioriteit ligt tussen 1 en 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
