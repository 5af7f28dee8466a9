"""Municipalities, districts, neighbourhoods (CBS wijken), buurten and population."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin


class Municipality(ChoiceLabelsMixin, models.Model):
    # No public_municipality_paths (core.public_pages): every municipality's name
    # shows on the pages of every other, in the select of /plekken/?gemeente=.

    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0034.")
    )
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"),
                name="municipality_cbs_code_format",
                violation_error_message=_(
                    "Een gemeentecode is GM gevolgd door vier cijfers."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class District(ChoiceLabelsMixin, models.Model):
    """A stadsdeel: a group of neighbourhoods inside one municipality."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = ("municipality",)

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="districts",
    )
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("stadsdeel")
        verbose_name_plural = _("stadsdelen")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="district_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(ChoiceLabelsMixin, models.Model):
    """A wijk as CBS defines it, with its boundary for maps and point lookups."""

    # The municipalities whose own pages show a row (core.public_pages): its own,
    # and those of the places in it, whose pages and lists name it.
    public_municipality_paths = ("municipality", "facilities__municipality")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("stadsdeel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="neighbourhoods",
    )
    cbs_code = models.CharField(
        _("CBS-wijkcode"),
        max_length=8,
        unique=True,
        help_text=_("Bijvoorbeeld WK003401."),
    )
    cbs_year = models.PositiveSmallIntegerField(
        _("jaar van de CBS-indeling"),
        null=True,
        blank=True,
        help_text=_("CBS-codes veranderen tussen jaren van betekenis."),
    )
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    boundary = models.JSONField(
        _("grens"),
        null=True,
        blank=True,
        help_text=_("GeoJSON-geometrie (Polygon of MultiPolygon) in WGS84."),
    )

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^WK[0-9]{6}$"),
                name="neighbourhood_cbs_code_format",
                violation_error_message=_(
                    "Een wijkcode is WK gevolgd door zes cijfers."
                ),
            ),
        ]
        indexes = [models.Index(fields=["municipality", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "neighbourhoods:neighbourhood-detail", kwargs={"slug": self.slug}
        )


class Buurt(ChoiceLabelsMixin, models.Model):
    """A CBS buurt: the smallest statistical area, inside one wijk."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = ("neighbourhood__municipality",)

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        on_delete=models.CASCADE,
        related_name="buurten",
    )
    cbs_code = models.CharField(_("CBS-buurtcode"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    boundary = models.JSONField(
        _("grens"),
        null=True,
        blank=True,
        help_text=_("GeoJSON-geometrie (Polygon of MultiPolygon) in WGS84."),
    )

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^BU[0-9]{8}$"),
                name="buurt_cbs_code_format",
                violation_error_message=_(
                    "Een buurtcode is BU gevolgd door acht cijfers."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Population(ChoiceLabelsMixin, models.Model):
    """Inhabitants of a municipality, or of one of its neighbourhoods, in a year."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = ("municipality", "neighbourhood__municipality")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="populations",
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="populations",
        help_text=_("Leeg voor de hele gemeente."),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    inhabitants = models.PositiveIntegerField(_("inwoners"))

    class Meta:
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        ordering = ["municipality__name", "neighbourhood__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "neighbourhood", "year"],
                nulls_distinct=False,
                name="population_unique_area_year",
                violation_error_message=_(
                    "Voor dit gebied en jaar is al een inwonertal."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100),
                name="population_year_range",
            ),
        ]

    def __str__(self) -> str:
        area = self.neighbourhood or self.municipality
        return f"{area} {self.year}: {self.inhabitants}"
