"""Admin of facilities with their opening hours and rooms."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.admin import (
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    RowHistoryMixin,
    VersionedInlineMixin,
    count_of,
)
from core.spreadsheets import AllOrNothingImportMixin

from ..models import (
    Facility,
    OpeningException,
    OpeningHours,
    Room,
)
from ..resources import (
    FacilityResource,
    OpeningHoursResource,
    RoomResource,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    fields = ("weekday", "opens", "closes")
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    fields = ("date", "is_closed", "opens", "closes", "reason")
    extra = 0


class RoomInline(VersionedInlineMixin, admin.TabularInline):
    model = Room
    fields = ("name", "capacity", "area_m2", "is_bookable")
    extra = 0
    show_change_link = True


@admin.register(Facility)
class FacilityAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    """Places, with a spreadsheet import that stores every row or none."""

    resource_classes = (FacilityResource,)
    # Addresses typed without a scheme are web addresses of today: https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "name",
        "kind",
        "municipality",
        "neighbourhood",
        "is_heart",
        "is_subsidised",
        "wheelchair_accessible",
        "room_count",
    )
    list_filter = (
        "kind",
        "municipality",
        "is_heart",
        "is_subsidised",
        "wheelchair_accessible",
        "functions",
        "target_groups",
    )
    list_select_related = ("municipality", "neighbourhood")
    search_fields = ("name", "slug", "street", "postcode", "city")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("neighbourhood", "owner", "operator")
    filter_horizontal = ("functions", "target_groups", "themes")
    inlines = (OpeningHoursInline, OpeningExceptionInline, RoomInline)
    fieldsets = (
        (_("Plek"), {"fields": ("name", "slug", "kind", "description")}),
        (
            _("Adres en ligging"),
            {
                "fields": (
                    "municipality",
                    "neighbourhood",
                    ("street", "house_number"),
                    ("postcode", "city"),
                    ("latitude", "longitude"),
                )
            },
        ),
        (
            _("Eigendom en beheer"),
            {
                "fields": (
                    "owner",
                    "operator",
                    "is_subsidised",
                    "commercial_reserve_percent",
                )
            },
        ),
        (
            _("Functies en doelgroepen"),
            {"fields": ("is_heart", "functions", "target_groups", "themes")},
        ),
        (
            _("Toegankelijkheid en openingstijden"),
            {
                "fields": (
                    "wheelchair_accessible",
                    "accessibility_notes",
                    "closed_on_public_holidays",
                )
            },
        ),
        (_("Contact"), {"fields": ("phone", "email", "website")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("neighbourhood__boundary")
            .annotate(room_count=count_of(Room.objects.all(), "facility"))
        )

    @admin.display(description=_("ruimtes"), ordering="room_count")
    def room_count(self, obj):
        return obj.room_count


@admin.register(OpeningHours)
class OpeningHoursAdmin(
    LargeTableAdminMixin, AllOrNothingImportMixin, ImportExportModelAdmin
):
    resource_classes = (OpeningHoursResource,)
    list_display = ("facility", "weekday", "opens", "closes")
    # A place's hours together, in the order of their unique index.
    ordering = ("facility_id", "weekday", "opens")
    list_filter = ("weekday", "facility__municipality")
    list_select_related = ("facility",)
    search_fields = ("facility__name",)
    autocomplete_fields = ("facility",)
    fieldsets = (
        (_("Openingstijd"), {"fields": ("facility", "weekday", "opens", "closes")}),
    )


@admin.register(OpeningException)
class OpeningExceptionAdmin(admin.ModelAdmin):
    list_display = ("facility", "date", "is_closed", "opens", "closes", "reason")
    list_filter = ("is_closed", "facility__municipality")
    list_select_related = ("facility",)
    search_fields = ("facility__name", "reason")
    autocomplete_fields = ("facility",)
    date_hierarchy = "date"
    fieldsets = (
        (_("Dag"), {"fields": ("facility", "date", "reason")}),
        (_("Openingstijden"), {"fields": ("is_closed", ("opens", "closes"))}),
    )


@admin.register(Room)
class RoomAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (RoomResource,)
    # A place's rooms together, in the order of their unique index.
    ordering = ("facility_id", "name")
    list_display = ("name", "facility", "capacity", "area_m2", "is_bookable")
    list_filter = ("is_bookable", "facility__municipality", "facility__kind")
    # The label of a room names its facility.
    list_select_related = ("facility",)
    search_fields = ("name", "facility__name")
    autocomplete_fields = ("facility",)
    fieldsets = (
        (_("Ruimte"), {"fields": ("facility", "name", "is_bookable")}),
        (_("Afmetingen"), {"fields": ("capacity", "area_m2")}),
    )

    def get_queryset(self, request):
        # Autocomplete results show the same label as the changelist.
        return super().get_queryset(request).select_related(*self.list_select_related)
