"""Admin of room bookings: weekly series, single bookings and the occupancy overview.

Overlaps are refused with a message naming the booking in the way (the model's
clean, backed by the database's exclusion constraint); commercial bookings are
checked against the facility's reserve for non-commercial use. A weekly series is
expanded into its bookings when it is saved.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.admin import LargeTableAdminMixin, count_of
from core.spreadsheets import AllOrNothingImportMixin

from .. import bookings, occupancy
from ..models import Booking, BookingKind, BookingSeries, Municipality, Room
from ..models.bookings import period_label
from ..resources import BookingResource


class BookingSeriesForm(forms.ModelForm):
    """Checks every occurrence before the series is saved and expanded."""

    class Meta:
        model = BookingSeries
        fields = (
            "room",
            "organisation",
            "kind",
            "purpose",
            "weekday",
            "starts_at",
            "ends_at",
            "first_date",
            "last_date",
            "skipped_dates",
        )

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        bookings.room_lock(self.instance.room_id)
        try:
            self.expansion = bookings.series_validate(self.instance)
        except ValidationError as error:
            self.add_error(None, error)


@admin.register(BookingSeries)
class BookingSeriesAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    form = BookingSeriesForm
    # A room's series together, by the indexed key rather than by the room's label.
    ordering = ("room_id", "weekday", "starts_at")
    list_display = (
        "purpose",
        "room",
        "organisation",
        "kind",
        "weekday",
        "starts_at",
        "ends_at",
        "first_date",
        "last_date",
        "occurrence_count",
    )
    list_filter = ("kind", "weekday", "room__facility__municipality")
    list_select_related = ("room__facility", "organisation")
    search_fields = ("purpose", "room__name", "room__facility__name")
    autocomplete_fields = ("room", "organisation")
    date_hierarchy = "first_date"
    actions = ("expand_again",)
    fieldsets = (
        (_("Gebruik"), {"fields": ("room", "organisation", "kind", "purpose")}),
        (
            _("Wanneer"),
            {
                "fields": (
                    "weekday",
                    ("starts_at", "ends_at"),
                    ("first_date", "last_date"),
                    "skipped_dates",
                ),
                "description": _(
                    "De reeks wordt bij opslaan uitgerold tot losse reserveringen. "
                    "Feestdagen (als de plek dan dicht is), sluitingsdagen van de "
                    "plek en de uitgezonderde data worden overgeslagen."
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_occurrences=count_of(
                    Booking.objects.filter(is_cancelled=False), "series"
                )
            )
        )

    @admin.display(description=_("reserveringen"), ordering="active_occurrences")
    def occurrence_count(self, obj):
        return getattr(obj, "active_occurrences", 0)

    def save_model(self, request, obj, form, change):
        expansion = bookings.booking_series_expand(series=obj)
        self._report(request, obj, expansion)

    @admin.action(description=_("Geselecteerde reeksen opnieuw uitrollen"))
    def expand_again(self, request, queryset):
        for series in queryset.select_related("room__facility"):
            try:
                expansion = bookings.booking_series_expand(series=series)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"{series}: {' '.join(error.messages)}",
                    level=messages.ERROR,
                )
            else:
                self._report(request, series, expansion)

    def _report(self, request, series, expansion):
        message = ngettext(
            "%(series)s: %(count)d reservering ingepland.",
            "%(series)s: %(count)d reserveringen ingepland.",
            expansion.created,
        ) % {"series": series, "count": expansion.created}
        if expansion.skipped:
            skipped = ", ".join(
                f"{item.date:%d-%m-%Y} ({item.reason})" for item in expansion.skipped
            )
            message += " " + gettext("Overgeslagen: %(dates)s.") % {"dates": skipped}
        self.message_user(request, message, level=messages.SUCCESS)


class BookingForm(forms.ModelForm):
    """Adds the commercial reserve to the model's checks (overlap named there)."""

    class Meta:
        model = Booking
        fields = (
            "room",
            "organisation",
            "kind",
            "purpose",
            "period",
            "series",
            "is_cancelled",
        )

    def clean(self):
        cleaned = super().clean()
        room, period = cleaned.get("room"), cleaned.get("period")
        if room is not None:
            # The admin saves in one transaction: checking and saving of bookings
            # of this room happen one official after the other.
            bookings.room_lock(room.pk)
        if (
            cleaned.get("kind") == BookingKind.COMMERCIAL
            and not cleaned.get("is_cancelled")
            and room is not None
            and period
            and period.lower
            and period.upper
        ):
            try:
                bookings.commercial_reserve_check(
                    room=room,
                    periods=[period],
                    exclude_ids=[self.instance.pk] if self.instance.pk else [],
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(Booking)
class BookingAdmin(
    LargeTableAdminMixin, AllOrNothingImportMixin, ImportExportModelAdmin
):
    form = BookingForm
    # A room's bookings together, by the indexed key rather than by the room's label.
    ordering = ("room_id", "period")
    resource_classes = (BookingResource,)
    change_list_template = "admin/neighbourhoods/booking/change_list.html"
    list_display = (
        "purpose",
        "room",
        "period_display",
        "organisation",
        "kind",
        "is_cancelled",
    )
    list_filter = ("kind", "is_cancelled", "room__facility__municipality")
    list_select_related = ("room__facility", "organisation")
    search_fields = ("purpose", "room__name", "room__facility__name")
    autocomplete_fields = ("room", "organisation", "series")
    fieldsets = (
        (_("Gebruik"), {"fields": ("room", "organisation", "kind", "purpose")}),
        (_("Wanneer"), {"fields": ("period", "series", "is_cancelled")}),
    )

    @admin.display(description=_("periode"), ordering="period")
    def period_display(self, obj):
        return period_label(obj.period)

    def get_urls(self):
        return [
            path(
                "bezetting/",
                self.admin_site.admin_view(self.occupancy_view),
                name="neighbourhoods_booking_occupancy",
            ),
            *super().get_urls(),
        ]

    def occupancy_view(self, request):
        """Occupancy of a municipality's rooms over a period, in three queries."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = OccupancyForm(request.GET or None)
        report = None
        if form.is_valid():
            data = form.cleaned_data
            rooms = Room.objects.filter(facility__municipality=data["municipality"])
            report = occupancy.occupancy(
                rooms=rooms, start=data["start"], end=data["end"]
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Bezetting van ruimtes"),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "changelist_url": reverse("admin:neighbourhoods_booking_changelist"),
        }
        return TemplateResponse(request, "admin/neighbourhoods/occupancy.html", context)


class OccupancyForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.order_by("name")
    )
    start = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"})
    )

    MAX_DAYS = 366 * 2

    def __init__(self, data=None, **kwargs):
        if data is None:
            first = timezone.localdate().replace(day=1)
            last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            kwargs.setdefault("initial", {"start": first, "end": last})
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("De einddatum ligt voor de begindatum."))
            elif (end - start).days >= self.MAX_DAYS:
                self.add_error("end", _("Kies een periode van hooguit twee jaar."))
        return cleaned
