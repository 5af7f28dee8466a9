"""Admin of budgets, cuts, subsidy schemes and grants with their agreements and reports."""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from ..models import (
    BudgetLine,
    Cut,
    Grant,
    GrantReport,
    PerformanceAgreement,
    SubsidyScheme,
)
from ..resources import (
    BudgetLineResource,
    CutResource,
    GrantReportResource,
    GrantResource,
    PerformanceAgreementResource,
    SubsidySchemeResource,
)


@admin.register(BudgetLine)
class BudgetLineAdmin(ImportExportModelAdmin):
    resource_classes = (BudgetLineResource,)
    list_display = ("description", "framework", "year", "category", "amount")
    list_filter = ("year", "category", "framework__municipality", "framework")
    list_select_related = ("framework",)
    search_fields = ("description", "framework__title")
    autocomplete_fields = ("framework",)
    fieldsets = (
        (
            _("Begrotingsregel"),
            {"fields": ("framework", "year", "category", "description")},
        ),
        (_("Bedrag"), {"fields": ("amount",)}),
    )


@admin.register(Cut)
class CutAdmin(ImportExportModelAdmin):
    resource_classes = (CutResource,)
    list_display = ("framework", "year", "category", "amount", "is_realised")
    list_filter = ("is_realised", "year", "category", "framework__municipality")
    list_select_related = ("framework",)
    search_fields = ("description", "framework__title")
    autocomplete_fields = ("framework",)
    fieldsets = (
        (_("Bezuiniging"), {"fields": ("framework", "year", "category")}),
        (_("Bedrag"), {"fields": ("amount", "description", "is_realised")}),
    )


@admin.register(SubsidyScheme)
class SubsidySchemeAdmin(ImportExportModelAdmin):
    resource_classes = (SubsidySchemeResource,)
    list_display = (
        "name",
        "municipality",
        "framework",
        "kind",
        "category",
        "ceiling",
        "grant_count",
    )
    list_filter = ("kind", "category", "municipality")
    list_select_related = ("municipality", "framework")
    search_fields = ("name", "slug", "eligibility")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("framework", "budget_line")
    fieldsets = (
        (_("Regeling"), {"fields": ("name", "slug", "municipality", "kind")}),
        (
            _("Beleid en begroting"),
            {"fields": ("framework", "budget_line", "category", "ceiling")},
        ),
        (
            _("Voorwaarden en looptijd"),
            {"fields": ("eligibility", ("starts_on", "ends_on"))},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(grant_count=Count("grants"))

    @admin.display(description=_("subsidies"), ordering="grant_count")
    def grant_count(self, obj):
        return obj.grant_count


class PerformanceAgreementInline(admin.TabularInline):
    model = PerformanceAgreement
    fields = ("description", "target", "realised", "unit")
    extra = 0


class GrantReportInline(admin.TabularInline):
    model = GrantReport
    fields = ("kind", "due_on", "received_on")
    extra = 0


@admin.register(Grant)
class GrantAdmin(ImportExportModelAdmin):
    resource_classes = (GrantResource,)
    list_display = (
        "organisation",
        "year",
        "purpose",
        "scheme",
        "status",
        "amount_requested",
        "amount_granted",
        "amount_settled",
        "reference",
    )
    list_display_links = ("organisation", "purpose")
    list_filter = ("status", "year", "scheme__municipality", "scheme__kind")
    # The label of a grant names its organisation.
    list_select_related = ("organisation", "scheme")
    search_fields = ("reference", "purpose", "organisation__name", "scheme__name")
    autocomplete_fields = (
        "scheme",
        "organisation",
        "facility",
        "neighbourhood",
        "goals",
        "activities",
    )
    date_hierarchy = "decided_on"
    inlines = (PerformanceAgreementInline, GrantReportInline)
    fieldsets = (
        (
            _("Subsidie"),
            {"fields": ("scheme", "organisation", "reference", "purpose", "theme")},
        ),
        (_("Periode"), {"fields": (("year", "last_year"),)}),
        (
            _("Bedragen en besluit"),
            {
                "fields": (
                    "amount_requested",
                    "amount_granted",
                    "amount_settled",
                    "status",
                    "decided_on",
                )
            },
        ),
        (
            _("Waarvoor"),
            {"fields": ("goals", "facility", "activities", "neighbourhood")},
        ),
    )

    def get_queryset(self, request):
        # Autocomplete results (agreements, reports) show the same label. The
        # changelist skips list_select_related once a join is set, so set them all.
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(PerformanceAgreement)
class PerformanceAgreementAdmin(ImportExportModelAdmin):
    resource_classes = (PerformanceAgreementResource,)
    list_display = ("description", "grant", "target", "realised", "unit")
    list_filter = ("grant__year", "grant__scheme__municipality")
    list_select_related = ("grant__organisation",)
    search_fields = ("description", "grant__reference", "grant__organisation__name")
    autocomplete_fields = ("grant",)
    fieldsets = (
        (_("Prestatieafspraak"), {"fields": ("grant", "description")}),
        (_("Realisatie"), {"fields": ("target", "realised", "unit")}),
    )


class OverdueFilter(admin.SimpleListFilter):
    title = _("te laat")
    parameter_name = "te_laat"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nee", _("Nee"))]

    def queryset(self, request, queryset):
        overdue = {"received_on__isnull": True, "due_on__lt": timezone.localdate()}
        if self.value() == "ja":
            return queryset.filter(**overdue)
        if self.value() == "nee":
            return queryset.exclude(**overdue)
        return queryset


@admin.register(GrantReport)
class GrantReportAdmin(ImportExportModelAdmin):
    resource_classes = (GrantReportResource,)
    list_display = ("grant", "kind", "due_on", "received_on")
    list_filter = (OverdueFilter, "kind", "grant__year", "grant__scheme__municipality")
    list_select_related = ("grant__organisation",)
    search_fields = ("grant__reference", "grant__organisation__name")
    autocomplete_fields = ("grant",)
    date_hierarchy = "due_on"
    fieldsets = (
        (
            _("Verantwoordingsplicht"),
            {"fields": ("grant", "kind", "due_on", "received_on")},
        ),
    )
