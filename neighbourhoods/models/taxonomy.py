"""The shared vocabularies: target groups, themes and facility functions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin


class PolicyField(models.TextChoices):
    WELFARE = "welzijn", _("Welzijn")
    SPORT = "sport", _("Sport")
    CULTURE = "cultuur", _("Cultuur")
    HEALTH = "gezondheid", _("Gezondheid")
    EDUCATION = "onderwijs", _("Onderwijs")
    HOUSING = "wonen", _("Wonen")
    CARE = "zorg", _("Zorg (Wmo)")
    YOUTH = "jeugd", _("Jeugd")


class TargetGroup(ChoiceLabelsMixin, models.Model):
    """A doelgroep, e.g. kwetsbare bewoners or mantelzorgers."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(ChoiceLabelsMixin, models.Model):
    """A thema, e.g. buurtontmoeting, with links to other policy fields."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    policy_field = models.CharField(
        _("beleidsveld"),
        max_length=20,
        choices=PolicyField.choices,
        default=PolicyField.WELFARE,
    )
    related_themes = models.ManyToManyField(
        "self",
        verbose_name=_("verwante thema's"),
        blank=True,
        help_text=_("Dwarsverbanden met thema's van andere beleidsvelden."),
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FacilityFunction(ChoiceLabelsMixin, models.Model):
    """What a place is used for: ontmoeting, signalering, sport, opvang …"""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("functie van een plek")
        verbose_name_plural = _("functies van plekken")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
