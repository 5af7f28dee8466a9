"""Subsidy schemes (subsidieregelingen), grants, performance agreements and reports.

Two rules hold in the database as well as in Python (see migration
``0002_subsidy_ceiling_and_status_triggers``): the amounts granted in a scheme in one year
stay within the scheme's ceiling (subsidieplafond), and a grant's status only moves
aangevraagd → verleend → vastgesteld, or to afgewezen / ingetrokken.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned

from .budgets import BudgetCategory
from .frameworks import PolicyFramework


class SchemeKind(models.TextChoices):
    ONE_OFF = "eenmalig", _("Eenmalig")
    YEARLY = "jaarlijks", _("Jaarlijks")
    MULTI_YEAR = "meerjarig", _("Meerjarig")


class SubsidySchemeQuerySet(models.QuerySet):
    def public(self) -> "SubsidySchemeQuerySet":
        """What a citizen may see: a scheme under a public framework, or under none
        yet (a register's scheme before it is placed under one)."""
        return self.filter(
            Q(framework__isnull=True)
            | Q(framework__in=PolicyFramework.objects.public())
        )


class SubsidyScheme(ChoiceLabelsMixin, Versioned):
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

    objects = SubsidySchemeQuerySet.as_manager()

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
    SETTLED = "vastgesteld", pgettext_lazy("subsidie", "Vastgesteld")
    REFUSED = "afgewezen", _("Afgewezen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


# The public register shows decisions, not applications still being considered.
PUBLIC_GRANT_STATUSES = (
    GrantStatus.GRANTED,
    GrantStatus.SETTLED,
    GrantStatus.REFUSED,
    GrantStatus.WITHDRAWN,
)

# Where a grant may go from each status; the database trigger holds the same table.
GRANT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    GrantStatus.REQUESTED: (
        GrantStatus.GRANTED,
        GrantStatus.REFUSED,
        GrantStatus.WITHDRAWN,
    ),
    GrantStatus.GRANTED: (GrantStatus.SETTLED, GrantStatus.WITHDRAWN),
    GrantStatus.SETTLED: (),
    GrantStatus.REFUSED: (),
    GrantStatus.WITHDRAWN: (),
}
# The statuses whose granted amount counts against the scheme's ceiling.
COMMITTED_STATUSES = (GrantStatus.GRANTED, GrantStatus.SETTLED)


def euro(amount: Decimal | None) -> str:
    """An amount the Dutch way, for messages: € 1.234.567,50 (cents only when there)."""
    if amount is None:
        return "–"
    amount = Decimal(amount).quantize(Decimal("0.01"))
    whole, _sep, cents = f"{amount:,.2f}".partition(".")
    whole = whole.replace(",", ".")
    return f"€ {whole}" if cents == "00" else f"€ {whole},{cents}"


def ceiling_exceeded_message(
    *, scheme: "SubsidyScheme", year: int, total: Decimal
) -> str:
    return str(
        _(
            "Het subsidieplafond van %(scheme)s voor %(year)s is %(ceiling)s; met "
            "deze subsidie zou %(total)s verleend zijn, %(over)s te veel."
        )
        % {
            "scheme": scheme.name,
            "year": year,
            "ceiling": euro(scheme.ceiling),
            "total": euro(total),
            "over": euro(total - scheme.ceiling),
        }
    )


class GrantQuerySet(models.QuerySet):
    def public(self) -> "GrantQuerySet":
        """What a citizen may see: a decision (not an application still being
        considered) under a public scheme."""
        return self.filter(
            status__in=PUBLIC_GRANT_STATUSES,
            scheme__in=SubsidyScheme.objects.public(),
        )

    def hidden_decisions(self) -> "GrantQuerySet":
        """Decisions under a scheme that is not public: what ``public`` leaves out
        of the register's summed totals (policy.subsidies.selectors). Read through
        those few schemes, never by a scan of every grant."""
        return self.filter(
            status__in=PUBLIC_GRANT_STATUSES,
            scheme__in=SubsidyScheme.objects.exclude(
                pk__in=SubsidyScheme.objects.public()
            ),
        )


class Grant(ChoiceLabelsMixin, Versioned):
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
    periodicity = models.CharField(
        _("periodiciteit"),
        max_length=10,
        choices=SchemeKind.choices,
        blank=True,
        help_text=_("Zoals het subsidieregister het noemt; leeg als onbekend."),
    )
    funding_department = models.CharField(
        _("verstrekt door (afdeling)"),
        max_length=200,
        blank=True,
        help_text=_("De afdeling of het stadsdeel van de gemeente die verleent."),
    )
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

    objects = GrantQuerySet.as_manager()

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
            models.CheckConstraint(
                condition=~Q(status="vastgesteld") | Q(amount_settled__isnull=False),
                name="grant_settled_has_amount",
                violation_error_message=_(
                    "Een vastgestelde subsidie heeft een vastgesteld bedrag."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["scheme", "year"]),
            models.Index(fields=["year"]),
            # The admin's list: newest years first, then id; and its date hierarchy.
            models.Index(fields=["year", "id"], name="grant_year_id"),
            models.Index(fields=["decided_on"], name="grant_decided_on"),
            # The public register's order (newest year, largest amount first) over
            # the decisions it shows: its first page without sorting 200,000 rows.
            models.Index(
                F("year").desc(),
                F("amount_granted").desc(nulls_last=True),
                name="grant_register_order",
                condition=Q(status__in=PUBLIC_GRANT_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.purpose}"

    def clean(self) -> None:
        super().clean()
        self.check_ceiling()

    def check_ceiling(self) -> None:
        """Refuse a granted amount that takes its scheme over the year's ceiling."""
        if (
            self.status not in COMMITTED_STATUSES
            or self.amount_granted is None
            or self.scheme_id is None
            or self.year is None
        ):
            return
        scheme = self.scheme
        if scheme.ceiling is None:
            return
        others = (
            Grant.objects.filter(
                scheme_id=self.scheme_id, year=self.year, status__in=COMMITTED_STATUSES
            )
            .exclude(pk=self.pk)
            .aggregate(total=Sum("amount_granted"))["total"]
        ) or Decimal(0)
        total = others + self.amount_granted
        if total > scheme.ceiling:
            raise ValidationError(
                {
                    "amount_granted": ceiling_exceeded_message(
                        scheme=scheme, year=self.year, total=total
                    )
                },
                code="ceiling_exceeded",
            )


class PerformanceAgreement(ChoiceLabelsMixin, Versioned):
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


class GrantReportQuerySet(models.QuerySet):
    def overdue(self, on=None):
        """Reports not received while their due date has passed."""
        on = on or timezone.localdate()
        return self.filter(received_on__isnull=True, due_on__lt=on)


class GrantReport(ChoiceLabelsMixin, Versioned):
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

    objects = GrantReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("verantwoordingsplicht")
        verbose_name_plural = _("verantwoordingsplichten")
        ordering = ["grant", "due_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"

    @property
    def is_late(self) -> bool:
        """Not received, and the due date has passed (or it came in after it)."""
        if self.received_on is not None:
            return self.received_on > self.due_on
        return self.due_on < timezone.localdate()
