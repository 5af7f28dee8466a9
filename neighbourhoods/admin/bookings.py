"""Admin of room bookings: weekly series and single bookings."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from ..models import Booking, BookingSeries
from ..resources import BookingResource


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
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
    )
    list_filter = ("kind", "weekday", "room__facility__municipality")
    list_select_related = ("room__facility", "organisation")
    search_fields = ("purpose", "room__name", "room__facility__name")
    autocomplete_fields = ("room", "organisation")
    date_hierarchy = "first_date"
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
                )
            },
        ),
    )


@admin.register(Booking)
class BookingAdmin(ImportExportModelAdmin):
    resource_classes = (BookingResource,)
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
        if obj.period.lower is None or obj.period.upper is None:
            return str(obj.period)
        start = timezone.localtime(obj.period.lower)
        end = timezone.localtime(obj.period.upper)
        if start.date() == end.date():
            return f"{start:%d-%m-%Y %H:%M}–{end:%H:%M}"
        return f"{start:%d-%m-%Y %H:%M} – {end:%d-%m-%Y %H:%M}"
