"""Activities (aanbod): what organisations offer, where, for whom and when."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin
from core.concurrency import Versioned
from core.search_keys import search_keys_index

from .facilities import Weekday


class ActivityQuerySet(models.QuerySet):
    def public(self) -> "ActivityQuerySet":
        """What a citizen may see: published activities."""
        return self.filter(is_published=True)


class Activity(ChoiceLabelsMixin, Versioned):
    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "facility__municipality",
        "facility__neighbourhood__municipality",
        "organisation__municipality",
    )

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    organisation = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("organisator"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    facility = models.ForeignKey(
        "neighbourhoods.Facility",
        verbose_name=_("plek"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    target_groups = models.ManyToManyField(
        "neighbourhoods.TargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name="activities",
    )
    themes = models.ManyToManyField(
        "neighbourhoods.Theme",
        verbose_name=_("thema's"),
        blank=True,
        related_name="activities",
    )
    cost = models.DecimalField(
        _("kosten per keer (€)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("0 voor gratis activiteiten."),
    )
    cost_note = models.CharField(
        _("toelichting op de kosten"), max_length=200, blank=True
    )
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    is_published = models.BooleanField(_("gepubliceerd"), default=True)
    # Dutch full-text search (/zoeken/, ?q=): kept by PostgreSQL, never written.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="dutch")
        + SearchVector("description", weight="B", config="dutch")
        + SearchVector("cost_note", weight="D", config="dutch"),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("zoekindex"),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gte=0),
                name="activity_cost_not_negative",
                violation_error_message=_("De kosten kunnen niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="activity_dates_ordered",
                violation_error_message=_(
                    "De einddatum mag niet voor de begindatum liggen."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["facility", "is_published"]),
            # The admin lists activities by title (the default ordering).
            models.Index(fields=["title", "id"], name="activity_title_id"),
            GinIndex(fields=["search_vector"], name="activity_search_vector"),
            # A search of one word ranks only the best rows (search_keys.py).
            search_keys_index("activity_search_keys"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("neighbourhoods:activity-detail", kwargs={"pk": self.pk})

    @property
    def is_free(self) -> bool:
        return self.cost == 0


class ActivitySchedule(ChoiceLabelsMixin, models.Model):
    """When an activity takes place each week (HSDS 'schedule')."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "activity__facility__municipality",
        "activity__facility__neighbourhood__municipality",
        "activity__organisation__municipality",
    )

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    starts_at = models.TimeField(_("begintijd"))
    ends_at = models.TimeField(_("eindtijd"))

    class Meta:
        verbose_name = _("tijdstip")
        verbose_name_plural = _("tijdstippen")
        ordering = ["activity", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="activity_schedule_ends_after_start",
                violation_error_message=_("De eindtijd moet na de begintijd liggen."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
        )
