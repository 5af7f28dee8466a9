"""Admin of municipalities, districts, neighbourhoods, buurten and population."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.admin import count_of
from core.spreadsheets import AllOrNothingImportMixin

from ..models import Buurt, District, Facility, Municipality, Neighbourhood, Population
from ..resources import (
    BuurtResource,
    DistrictResource,
    MunicipalityResource,
    NeighbourhoodResource,
    PopulationResource,
)
from .filters import HasNeighbourhoodsFilter


@admin.register(Municipality)
class MunicipalityAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (MunicipalityResource,)
    list_display = ("name", "cbs_code", "neighbourhood_count")
    list_filter = (HasNeighbourhoodsFilter,)
    search_fields = ("name", "cbs_code")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((_("Gemeente"), {"fields": ("name", "slug", "cbs_code")}),)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(neighbourhood_count=Count("neighbourhoods"))
        )

    @admin.display(description=_("wijken"), ordering="neighbourhood_count")
    def neighbourhood_count(self, obj):
        return obj.neighbourhood_count


@admin.register(District)
class DistrictAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (DistrictResource,)
    list_display = ("name", "municipality", "neighbourhood_count")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name", "municipality__name")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((_("Stadsdeel"), {"fields": ("municipality", "name", "slug")}),)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(neighbourhood_count=Count("neighbourhoods"))
        )

    @admin.display(description=_("wijken"), ordering="neighbourhood_count")
    def neighbourhood_count(self, obj):
        return obj.neighbourhood_count


class BuurtInline(admin.TabularInline):
    model = Buurt
    fields = ("cbs_code", "name")
    extra = 0


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (NeighbourhoodResource,)
    list_display = (
        "name",
        "cbs_code",
        "municipality",
        "district",
        "cbs_year",
        "facility_count",
    )
    list_filter = ("municipality", "cbs_year")
    list_select_related = ("municipality", "district")
    search_fields = ("name", "cbs_code", "slug")
    # Picked by search: the form listed every district of the country.
    autocomplete_fields = ("district",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (BuurtInline,)
    fieldsets = (
        (_("Wijk"), {"fields": ("name", "slug", "cbs_code", "cbs_year")}),
        (_("Indeling"), {"fields": ("municipality", "district")}),
        (_("Grens op de kaart"), {"fields": ("boundary",), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        # A boundary can be a large polygon; only the change form needs it.
        return (
            super()
            .get_queryset(request)
            .defer("boundary")
            .annotate(facility_count=count_of(Facility.objects.all(), "neighbourhood"))
        )

    @admin.display(description=_("plekken"), ordering="facility_count")
    def facility_count(self, obj):
        return obj.facility_count


@admin.register(Buurt)
class BuurtAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (BuurtResource,)
    list_display = ("name", "cbs_code", "neighbourhood", "municipality")
    list_filter = ("neighbourhood__municipality",)
    list_select_related = ("neighbourhood__municipality",)
    search_fields = ("name", "cbs_code", "neighbourhood__name")
    autocomplete_fields = ("neighbourhood",)
    fieldsets = ((_("Buurt"), {"fields": ("neighbourhood", "cbs_code", "name")}),)

    @admin.display(
        description=_("gemeente"), ordering="neighbourhood__municipality__name"
    )
    def municipality(self, obj):
        return obj.neighbourhood.municipality


@admin.register(Population)
class PopulationAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (PopulationResource,)
    list_display = ("municipality", "neighbourhood", "year", "inhabitants")
    list_filter = ("municipality", "year")
    list_select_related = ("municipality", "neighbourhood")
    search_fields = ("municipality__name", "neighbourhood__name")
    autocomplete_fields = ("neighbourhood",)
    fieldsets = (
        (_("Gebied"), {"fields": ("municipality", "neighbourhood")}),
        (_("Inwonertal"), {"fields": ("year", "inhabitants")}),
    )
