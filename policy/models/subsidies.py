"""Subsidy schemes (subsidieregelingen), grants, performance agreements and reports."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .budgets import BudgetCategory


class SchemeKind(models.TextChoices):
    ONE_OFF = "eenmalig", _("Eenmalig")
    YEARLY = "jaarlijks", _("Jaarlijks")
    MULTI_YEAR = "meerjarig", _("Meerjarig")


class SubsidyScheme(models.Model):
    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
    )
    budget_line = models.ForeignKey(
        "policy.BudgetLine",
        verbose_name=_("begrotingsregel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schemes",
    )
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="schemes",
    )
    name = models.CharField(_("naam"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=SchemeKind.choices)
    category = models.CharField(
        _("categorie"), max_length=15, choices=BudgetCategory.choices
    )
    ceiling = models.DecimalField(
        _("subsidieplafond per jaar (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    eligibility = models.TextField(_("wie kan aanvragen"), blank=True)
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("subsidieregeling")
        verbose_name_plural = _("subsidieregelingen")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="scheme_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(ceiling__isnull=True) | Q(ceiling__gte=0),
                name="scheme_ceiling_not_negative",
                violation_error_message=_(
                    "Een subsidieplafond kan niet negatief zijn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="scheme_dates_ordered",
                violation_error_message=_(
                    "De einddatum mag niet voor de begindatum liggen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GrantStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd")
    GRANTED = "verleend", _("Verleend")
    SETTLED = "vastgesteld", _("Vastgesteld")
    REFUSED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class Grant(models.Model):
    scheme = models.ForeignKey(
        SubsidyScheme,
        verbose_name=_("regeling"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    organisation = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("ontvanger"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    reference = models.CharField(
        _("kenmerk"), max_length=50, unique=True, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    last_year = models.PositiveSmallIntegerField(
        _("tot en met jaar"),
        null=True,
        blank=True,
        help_text=_("Bij meerjarige subsidie."),
    )
    purpose = models.CharField(_("doel"), max_length=500)
    theme = models.ForeignKey(
        "neighbourhoods.Theme",
        verbose_name=_("thema"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
    )
    amount_requested = models.DecimalField(
        _("aangevraagd (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_granted = models.DecimalField(
        _("verleend (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_settled = models.DecimalField(
        _("vastgesteld (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=GrantStatus.choices,
        default=GrantStatus.REQUESTED,
    )
    decided_on = models.DateField(_("besluit op"), null=True, blank=True)
    goals = models.ManyToManyField(
        "policy.Goal", verbose_name=_("doelen"), blank=True, related_name="grants"
    )
    facility = models.ForeignKey(
        "neighbourhoods.Facility",
        verbose_name=_("plek"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
    )
    activities = models.ManyToManyField(
        "neighbourhoods.Activity",
        verbose_name=_("activiteiten"),
        blank=True,
        related_name="grants",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("wijk van de begunstigden"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
    )

    class Meta:
        verbose_name = _("subsidie")
        verbose_name_plural = _("subsidies")
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(amount_requested__isnull=True) | Q(amount_requested__gte=0)
                )
                & (Q(amount_granted__isnull=True) | Q(amount_granted__gte=0))
                & (Q(amount_settled__isnull=True) | Q(amount_settled__gte=0)),
                name="grant_amounts_not_negative",
                violation_error_message=_("Bedragen kunnen niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=F("year")),
                name="grant_years_ordered",
                violation_error_message=_(
                    "Het laatste jaar mag niet voor het eerste liggen."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["verleend", "vastgesteld"])
                | Q(amount_granted__isnull=False),
                name="grant_granted_has_amount",
                violation_error_message=_(
                    "Een verleende subsidie heeft een verleend bedrag."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "year"]),
            models.Index(fields=["year"]),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.purpose}"


class PerformanceAgreement(models.Model):
    """A prestatieafspraak attached to a grant, with its realisation."""

    grant = models.ForeignKey(
        Grant,
        verbose_name=_("subsidie"),
        on_delete=models.CASCADE,
        related_name="performance_agreements",
    )
    description = models.CharField(_("afspraak"), max_length=300)
    target = models.DecimalField(_("afgesproken"), max_digits=14, decimal_places=2)
    realised = models.DecimalField(
        _("gerealiseerd"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("eenheid"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("prestatieafspraak")
        verbose_name_plural = _("prestatieafspraken")
        ordering = ["grant", "description"]

    def __str__(self) -> str:
        return self.description


class GrantReportKind(models.TextChoices):
    INTERIM = "tussentijds", _("Tussentijdse rapportage")
    FINAL = "eind", _("Eindverantwoording")


class GrantReport(models.Model):
    """A reporting duty of a grant: due date and whether it came in."""

    grant = models.ForeignKey(
        Grant,
        verbose_name=_("subsidie"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    kind = models.CharField(_("soort"), max_length=12, choices=GrantReportKind.choices)
    due_on = models.DateField(_("uiterlijk"))
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verantwoordingsplicht")
        verbose_name_plural = _("verantwoordingsplichten")
        ordering = ["grant", "due_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"
