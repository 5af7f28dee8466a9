"""Bookings of rooms; two bookings of one room never overlap (exclusion constraint)."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    ArrayField,
    DateTimeRangeField,
    RangeOperators,
)
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .facilities import Weekday


class BookingKind(models.TextChoices):
    SUBSIDISED = "gesubsidieerd", _("Gesubsidieerd")
    NON_SUBSIDISED = "niet_gesubsidieerd", _("Niet-gesubsidieerd")
    COMMERCIAL = "commercieel", _("Commercieel")
    AD_HOC = "ad_hoc", _("Ad hoc")


class BookingSeries(models.Model):
    """A weekly recurring booking; it expands into Booking occurrences."""

    room = models.ForeignKey(
        "neighbourhoods.Room",
        verbose_name=_("ruimte"),
        on_delete=models.CASCADE,
        related_name="booking_series",
    )
    organisation = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booking_series",
    )
    kind = models.CharField(
        _("soort gebruik"), max_length=20, choices=BookingKind.choices
    )
    purpose = models.CharField(_("doel"), max_length=200)
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    starts_at = models.TimeField(_("begintijd"))
    ends_at = models.TimeField(_("eindtijd"))
    first_date = models.DateField(_("eerste datum"))
    last_date = models.DateField(_("laatste datum"))
    skipped_dates = ArrayField(
        models.DateField(),
        verbose_name=_("uitgezonderde data"),
        default=list,
        blank=True,
    )

    class Meta:
        verbose_name = _("terugkerende reservering")
        verbose_name_plural = _("terugkerende reserveringen")
        ordering = ["room", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="booking_series_ends_after_start",
                violation_error_message=_("De eindtijd moet na de begintijd liggen."),
            ),
            models.CheckConstraint(
                condition=Q(last_date__gte=F("first_date")),
                name="booking_series_dates_ordered",
                violation_error_message=_(
                    "De laatste datum mag niet voor de eerste liggen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.get_weekday_display()})"


class Booking(models.Model):
    """One use of a room over a time range (gebruik, reservering)."""

    room = models.ForeignKey(
        "neighbourhoods.Room",
        verbose_name=_("ruimte"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    period = DateTimeRangeField(_("periode"))
    organisation = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        help_text=_("Leeg bij ad-hocgebruik door bewoners."),
    )
    kind = models.CharField(
        _("soort gebruik"), max_length=20, choices=BookingKind.choices
    )
    purpose = models.CharField(_("doel"), max_length=200)
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("reeks"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occurrences",
    )
    is_cancelled = models.BooleanField(_("geannuleerd"), default=False)

    class Meta:
        verbose_name = _("reservering")
        verbose_name_plural = _("reserveringen")
        ordering = ["room", "period"]
        constraints = [
            ExclusionConstraint(
                name="booking_no_overlap_per_room",
                expressions=[
                    ("room", RangeOperators.EQUAL),
                    ("period", RangeOperators.OVERLAPS),
                ],
                condition=Q(is_cancelled=False),
                violation_error_message=_(
                    "Deze ruimte is in die periode al gereserveerd."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period__isempty=False),
                name="booking_period_not_empty",
                violation_error_message=_("Een reservering moet een duur hebben."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room}: {self.purpose}"
