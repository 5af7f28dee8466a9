"""Goals (streefbeeld), their rollout over neighbourhoods, indicators, measurements."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .concurrency import Versioned
from .frameworks import FrameworkPartQuerySet


class GoalHorizon(models.TextChoices):
    SHORT = "kort", _("Korte termijn (1–2 jaar)")
    LONG = "lang", _("Lange termijn (2–5 jaar)")


class GoalStatus(models.TextChoices):
    NOT_STARTED = "niet_gestart", _("Niet gestart")
    ON_TRACK = "op_koers", _("Op koers")
    AT_RISK = "risico", _("Risico")
    ACHIEVED = "behaald", _("Behaald")
    MISSED = "niet_behaald", _("Niet behaald")


class Goal(Versioned):
    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    track = models.ForeignKey(
        "policy.Track",
        verbose_name=_("spoor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("korte titel"), max_length=200)
    text = models.TextField(_("tekst"))
    horizon = models.CharField(_("termijn"), max_length=10, choices=GoalHorizon.choices)
    due_on = models.DateField(_("uiterlijk bereikt op"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=GoalStatus.choices,
        default=GoalStatus.NOT_STARTED,
    )
    rollout_neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("invoering in wijken"),
        through="GoalRollout",
        blank=True,
        related_name="goals",
    )

    objects = FrameworkPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="goal_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class GoalRollout(Versioned):
    """Phased introduction (gefaseerde invoering) of a goal in a neighbourhood."""

    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.CASCADE)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", verbose_name=_("wijk"), on_delete=models.CASCADE
    )
    phase = models.PositiveSmallIntegerField(_("fase"), default=1)
    starts_on = models.DateField(_("start"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoering in een wijk")
        verbose_name_plural = _("invoering in wijken")
        ordering = ["goal", "phase", "neighbourhood__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "neighbourhood"],
                name="goal_rollout_unique_neighbourhood",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.neighbourhood} (fase {self.phase})"


class IndicatorUnit(models.TextChoices):
    PERCENT = "procent", _("procent")
    COUNT = "aantal", _("aantal")
    EURO = "euro", _("euro")
    FTE = "fte", _("fte")
    HOURS = "uren", _("uren")
    SCORE = "score", _("score")


class TargetDirection(models.TextChoices):
    AT_LEAST = "minimaal", _("minimaal")
    AT_MOST = "maximaal", _("maximaal")


class Indicator(Versioned):
    """A metric that shows whether a goal is reached (meetinstrument)."""

    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("naam"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=10, choices=IndicatorUnit.choices)
    direction = models.CharField(
        _("richting"),
        max_length=10,
        choices=TargetDirection.choices,
        default=TargetDirection.AT_LEAST,
    )
    target_value = models.DecimalField(
        _("streefwaarde"), max_digits=14, decimal_places=2
    )
    baseline_value = models.DecimalField(
        _("nulmeting"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    computation = models.CharField(
        _("berekening"),
        max_length=50,
        blank=True,
        help_text=_(
            "Leeg voor handmatige metingen; anders de naam van een berekening."
        ),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["goal", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit="procent")
                | Q(target_value__gte=0, target_value__lte=100),
                name="indicator_percentage_target_range",
                violation_error_message=_("Een streefpercentage ligt tussen 0 en 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Measurement(Versioned):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    measured_on = models.DateField(_("peildatum"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["indicator", "-measured_on"]
        get_latest_by = "measured_on"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_unique_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on}: {self.value}"
