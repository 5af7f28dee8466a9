"""Neighbourhood teams (sociale wijkteams): planned and staffed capacity."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned


class NeighbourhoodTeam(ChoiceLabelsMixin, Versioned):
    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = ("municipality", "neighbourhoods__municipality")

    name = models.CharField(_("naam"), max_length=200)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="teams",
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijken"),
        blank=True,
        related_name="teams",
    )
    planned_fte = models.DecimalField(
        _("geplande formatie (fte)"), max_digits=6, decimal_places=2, default=0
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("wijkteam")
        verbose_name_plural = _("wijkteams")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="team_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(planned_fte__gte=0),
                name="team_planned_fte_not_negative",
                violation_error_message=_("De formatie kan niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(ChoiceLabelsMixin, models.Model):
    """A professional seconded to a team by an organisation."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "team__municipality",
        "team__neighbourhoods__municipality",
    )

    team = models.ForeignKey(
        NeighbourhoodTeam,
        verbose_name=_("wijkteam"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    organisation = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="team_members",
    )
    role = models.CharField(_("functie"), max_length=100)
    fte = models.DecimalField(_("fte"), max_digits=4, decimal_places=2)
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("wijkteamlid")
        verbose_name_plural = _("wijkteamleden")
        ordering = ["team", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0, fte__lte=2),
                name="team_member_fte_range",
                violation_error_message=_("Een lid heeft meer dan 0 en hooguit 2 fte."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.organisation})"
