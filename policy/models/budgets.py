"""Budget lines (begroting) per framework, year and category, and cuts (taakstelling)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned

from .frameworks import FrameworkPartQuerySet


class BudgetCategory(models.TextChoices):
    BUILDINGS = "exploitatie", _("Exploitatie van gebouwen")
    FUNCTIONS = "functies", _("Functies")
    INITIATIVES = "initiatieven", _("Bewonersinitiatieven")
    OTHER = "overig", _("Overig")


class BudgetLine(ChoiceLabelsMixin, Versioned):
    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    category = models.CharField(
        _("categorie"), max_length=15, choices=BudgetCategory.choices
    )
    description = models.CharField(_("omschrijving"), max_length=200)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=14, decimal_places=2)

    objects = FrameworkPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begroting")
        ordering = ["framework", "year", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "year", "category", "description"],
                name="budget_line_unique",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_line_amount_not_negative",
                violation_error_message=_(
                    "Een begrotingsbedrag kan niet negatief zijn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900, year__lte=2100),
                name="budget_line_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_category_display()}: {self.description}"


class Cut(ChoiceLabelsMixin, Versioned):
    """A cut imposed on the welfare budget (bezuiniging, taakstelling)."""

    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="cuts",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    category = models.CharField(
        _("categorie"), max_length=15, choices=BudgetCategory.choices
    )
    amount = models.DecimalField(_("bedrag (€)"), max_digits=14, decimal_places=2)
    description = models.TextField(_("omschrijving"))
    is_realised = models.BooleanField(
        _("gerealiseerd"),
        default=False,
        help_text=_("Uit voor een nog te vinden taakstelling."),
    )

    objects = FrameworkPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("bezuiniging")
        verbose_name_plural = _("bezuinigingen")
        ordering = ["framework", "year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="cut_amount_positive",
                violation_error_message=_("Een bezuiniging is een positief bedrag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: € {self.amount}"
