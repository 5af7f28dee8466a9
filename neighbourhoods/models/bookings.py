"""Bookings of rooms; two bookings of one room never overlap (exclusion constraint)."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    ArrayField,
    DateTimeRangeField,
    RangeOperators,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin

from .facilities import Weekday


class BookingKind(models.TextChoices):
    SUBSIDISED = "gesubsidieerd", _("Gesubsidieerd")
    NON_SUBSIDISED = "niet_gesubsidieerd", _("Niet-gesubsidieerd")
    COMMERCIAL = "commercieel", _("Commercieel")
    AD_HOC = "ad_hoc", _("Ad hoc")


class BookingSeries(ChoiceLabelsMixin, models.Model):
    """A weekly recurring booking; it expands into Booking occurrences."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "room__facility__municipality",
        "room__facility__neighbourhood__municipality",
    )

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


class BookingQuerySet(models.QuerySet):
    def active(self) -> "BookingQuerySet":
        return self.filter(is_cancelled=False)

    def conflicting(self, *, room_id, period, exclude_pk=None) -> "BookingQuerySet":
        """Bookings that keep `period` in room `room_id` taken (the exclusion rule)."""
        conflicts = self.active().filter(room_id=room_id, period__overlap=period)
        if exclude_pk is not None:
            conflicts = conflicts.exclude(pk=exclude_pk)
        return conflicts.select_related("organisation", "room").order_by("period")


def period_label(period) -> str:
    """A booking's time range in Dutch local time: 03-03-2030 10:00–12:00."""
    if period is None or period.lower is None or period.upper is None:
        return str(period)
    start = timezone.localtime(period.lower)
    end = timezone.localtime(period.upper)
    if start.date() == end.date():
        return f"{start:%d-%m-%Y %H:%M}–{end:%H:%M}"
    return f"{start:%d-%m-%Y %H:%M} – {end:%d-%m-%Y %H:%M}"


def overlap_message(conflict: "Booking") -> str:
    """The message that names the booking a new one collides with."""
    by = conflict.organisation.name if conflict.organisation else gettext("ad hoc")
    return gettext(
        "Deze ruimte is dan al gereserveerd: “%(purpose)s” (%(by)s) op %(when)s, "
        "reservering nr. %(number)s. Kies een ander tijdstip of een andere ruimte."
    ) % {
        "purpose": conflict.purpose,
        "by": by,
        "when": period_label(conflict.period),
        "number": conflict.pk,
    }


class Booking(ChoiceLabelsMixin, models.Model):
    """One use of a room over a time range (gebruik, reservering)."""

    # The municipalities whose own pages show a row (core.public_pages).
    public_municipality_paths = (
        "room__facility__municipality",
        "room__facility__neighbourhood__municipality",
    )

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

    objects = BookingQuerySet.as_manager()

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

    def clean(self) -> None:
        """Name the booking this one would overlap (the database refuses it too)."""
        super().clean()
        if self.is_cancelled or self.room_id is None or not self.period:
            return
        if self.period.lower is None or self.period.upper is None:
            return
        conflict = Booking.objects.conflicting(
            room_id=self.room_id, period=self.period, exclude_pk=self.pk
        ).first()
        if conflict is not None:
            raise ValidationError(
                {"period": overlap_message(conflict)}, code="booking_overlap"
            )
