"""Policy frameworks (beleidskaders), their versions, tracks, conditions, principles."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.uploads import GeneratedName, UploadValidator, private_storage

from .concurrency import Versioned


class FrameworkStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    FOR_ADVICE = "ter_advies", _("Ter advies")
    ADOPTED = "vastgesteld", _("Vastgesteld")
    IN_EXECUTION = "in_uitvoering", _("In uitvoering")
    EVALUATED = "geevalueerd", _("Geëvalueerd")


# Adopted policy: a citizen sees the framework and everything under it. A concept or a
# framework ter advies is the municipality's working material, public nowhere.
PUBLIC_FRAMEWORK_STATUSES = (
    FrameworkStatus.ADOPTED,
    FrameworkStatus.IN_EXECUTION,
    FrameworkStatus.EVALUATED,
)


class PolicyFrameworkQuerySet(models.QuerySet):
    def public(self) -> "PolicyFrameworkQuerySet":
        """What a citizen may see: adopted frameworks, in execution or evaluated."""
        return self.filter(status__in=PUBLIC_FRAMEWORK_STATUSES)


class FrameworkPartQuerySet(models.QuerySet):
    """Rows that belong to one framework: public exactly when their framework is."""

    framework_lookup = "framework"

    def public(self) -> "FrameworkPartQuerySet":
        """What a citizen may see: the rows of a public framework."""
        return self.filter(
            **{
                f"{self.framework_lookup}__in": PolicyFramework.objects.public(),
            }
        )


class PolicyFramework(Versioned):
    """A beleidskader or visie, e.g. 'Welzijn in Amersfoort 2010-2015'."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="frameworks",
    )
    title = models.CharField(_("titel"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("looptijd vanaf (jaar)"))
    period_end = models.PositiveSmallIntegerField(
        _("looptijd tot en met (jaar)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FrameworkStatus.choices,
        default=FrameworkStatus.CONCEPT,
    )
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("voorganger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        help_text=_("Het kader dat dit kader opvolgt."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overkoepelend kader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Bijv. het Wmo-beleidskader waar deze visie onder valt."),
    )
    target_groups = models.ManyToManyField(
        "neighbourhoods.TargetGroup",
        verbose_name=_("doelgroepen"),
        through="FrameworkTargetGroup",
        blank=True,
        related_name="frameworks",
    )
    themes = models.ManyToManyField(
        "neighbourhoods.Theme",
        verbose_name=_("thema's"),
        blank=True,
        related_name="frameworks",
    )

    objects = PolicyFrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("beleidskader")
        verbose_name_plural = _("beleidskaders")
        ordering = ["municipality__name", "-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="framework_period_ordered",
                violation_error_message=_(
                    "Het eindjaar mag niet voor het beginjaar liggen."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("id")) & ~Q(parent=F("id")),
                name="framework_not_own_relative",
                violation_error_message=_(
                    "Een kader kan niet zijn eigen voorganger of ouder zijn."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policy:framework-detail", kwargs={"slug": self.slug})


class FrameworkVersion(Versioned):
    """One version of a framework, e.g. the revised text sent back to the council."""

    framework = models.ForeignKey(
        PolicyFramework,
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("versienummer"))
    title = models.CharField(_("titel"), max_length=250)
    dated = models.DateField(_("datum"))
    change_note = models.TextField(_("wat is er veranderd"), blank=True)
    document = models.FileField(
        _("document (pdf)"),
        upload_to=GeneratedName("frameworks"),
        storage=private_storage,
        blank=True,
        validators=[UploadValidator("document")],
        help_text=_("Een pdf van hoogstens 20 MB."),
    )

    objects = FrameworkPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van een beleidskader")
        verbose_name_plural = _("versies van beleidskaders")
        ordering = ["framework", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="framework_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework} – versie {self.number}"


class FrameworkStatusChange(ChoiceLabelsMixin, models.Model):
    """A dated, recorded transition of a framework's status."""

    framework = models.ForeignKey(
        PolicyFramework,
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("van"), max_length=20, choices=FrameworkStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("naar"), max_length=20, choices=FrameworkStatus.choices
    )
    changed_on = models.DateField(_("datum"))
    reason = models.TextField(_("reden"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["framework", "changed_on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.framework}: {self.from_status} → {self.to_status}"


class FrameworkTargetGroup(Versioned):
    """A target group a framework prioritises, with its rank."""

    framework = models.ForeignKey(
        PolicyFramework, verbose_name=_("beleidskader"), on_delete=models.CASCADE
    )
    target_group = models.ForeignKey(
        "neighbourhoods.TargetGroup",
        verbose_name=_("doelgroep"),
        on_delete=models.PROTECT,
    )
    priority = models.PositiveSmallIntegerField(_("prioriteit"), default=1)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("doelgroep van een kader")
        verbose_name_plural = _("doelgroepen van een kader")
        ordering = ["framework", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "target_group"],
                name="framework_target_group_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework}: {self.target_group}"


class NumberedPart(Versioned):
    """A numbered part of a framework's text: a track, condition or principle."""

    framework = models.ForeignKey(
        PolicyFramework,
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=250)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        abstract = True
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="%(class)s_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Track(NumberedPart):
    """A spoor or speerpunt, e.g. 'Almeerders aan zet'."""

    class Meta(NumberedPart.Meta):
        verbose_name = _("spoor")
        verbose_name_plural = _("sporen")


class Condition(NumberedPart):
    """A voorwaarde for people's welfare, e.g. Amersfoort's five."""

    class Meta(NumberedPart.Meta):
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")


class Principle(NumberedPart):
    """A leidend principe."""

    class Meta(NumberedPart.Meta):
        verbose_name = _("leidend principe")
        verbose_name_plural = _("leidende principes")
