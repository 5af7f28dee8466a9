"""Organisations: the players (spelers) in the welfare field, formal and informal."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned
from core.search_keys import search_keys_index


class OrganisationKind(models.TextChoices):
    WELFARE = "welzijnsorganisatie", _("Welzijnsorganisatie")
    CARE = "zorgaanbieder", _("Zorgaanbieder")
    SPORTS_CLUB = "sportclub", _("Sportclub")
    SCOUTING = "scouting", _("Scouting")
    CHURCH = "kerk", _("Kerk")
    MOSQUE = "moskee", _("Moskee")
    SCHOOL = "school", _("School")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    RESIDENTS = "bewonersgroep", _("Bewonersgroep")
    VOLUNTEERS = "vrijwilligersorganisatie", _("Vrijwilligersorganisatie")
    CULTURE = "cultuurinstelling", _("Cultuurinstelling")
    GOVERNMENT = "overheid", _("Overheid")
    BUSINESS = "bedrijf", _("Bedrijf")
    OTHER = "overig", _("Overig")


class OrganisationRole(models.TextChoices):
    PROVIDER = "aanbieder", _("Aanbieder")
    SOCIAL_BROKER = "sociaal_makelaar", _("Sociaal makelaar")
    FACILITY_OPERATOR = "beheerder", _("Beheerder van accommodaties")
    OWNER = "eigenaar", _("Eigenaar van accommodaties")
    FUNDER = "financier", _("Financier")


class Organisation(ChoiceLabelsMixin, Versioned):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    roles = ArrayField(
        models.CharField(max_length=20, choices=OrganisationRole.choices),
        verbose_name=_("rollen"),
        default=list,
        blank=True,
    )
    is_formal = models.BooleanField(
        _("formele organisatie"),
        default=True,
        help_text=_("Zet uit voor informele groepen zoals bewonersinitiatieven."),
    )
    is_subsidised = models.BooleanField(_("gesubsidieerd"), default=False)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Leeg voor organisaties die in meerdere gemeenten werken."),
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("actief in wijken"),
        blank=True,
        related_name="organisations",
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, null=True, blank=True
    )
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    # Dutch full-text search (/zoeken/, ?q=): kept by PostgreSQL, never written.
    search_vector = models.GeneratedField(
        expression=SearchVector("name", weight="A", config="dutch")
        + SearchVector("description", weight="B", config="dutch"),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("zoekindex"),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kvk_number__isnull=True)
                | Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="organisation_kvk_number_format",
                violation_error_message=_("Een KvK-nummer bestaat uit acht cijfers."),
            ),
        ]
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["kind"]),
            GinIndex(fields=["search_vector"], name="organisation_search_vector"),
            # A search of one word ranks only the best rows (search_keys.py).
            search_keys_index("organisation_search_keys"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("neighbourhoods:organisation-detail", kwargs={"slug": self.slug})

    def role_labels(self) -> list[str]:
        """The roles' labels in the order of OrganisationRole, e.g. "Sociaal makelaar"."""
        return [
            str(label)
            for value, label in OrganisationRole.choices
            if value in self.roles
        ]
