"""Admin of budgets, cuts, subsidy schemes and grants with their agreements and reports.

Besides the spreadsheet import of each table (django-import-export), grants have an
import of subsidy registers as municipalities publish them (``register_import``), and
a budget dashboard for officials with the reporting duties that are late.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.admin import (
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    RowHistoryMixin,
    VersionedInlineMixin,
    VersionedModelForm,
    count_of,
)
from core.spreadsheets import AllOrNothingImportMixin

from ..models import (
    BudgetLine,
    Cut,
    Grant,
    GrantReport,
    GrantStatus,
    PerformanceAgreement,
    SubsidyScheme,
)
from . import admin_views
from .resources import (
    BudgetLineResource,
    CutResource,
    GrantReportResource,
    GrantResource,
    PerformanceAgreementResource,
    SubsidySchemeResource,
)
from .services import check_transition, grant_change_status


@admin.register(BudgetLine)
class BudgetLineAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
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
class CutAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
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
class SubsidySchemeAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
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
        return (
            super()
            .get_queryset(request)
            .annotate(grant_count=count_of(Grant.objects.all(), "scheme"))
        )

    @admin.display(description=_("subsidies"), ordering="grant_count")
    def grant_count(self, obj):
        return obj.grant_count


class PerformanceAgreementInline(VersionedInlineMixin, admin.TabularInline):
    model = PerformanceAgreement
    fields = ("description", "target", "realised", "unit")
    extra = 0


class GrantReportInline(VersionedInlineMixin, admin.TabularInline):
    model = GrantReport
    fields = ("kind", "due_on", "received_on")
    extra = 0


class GrantAdminForm(VersionedModelForm):
    """Refuses a status change that skips or reverses a step (the admin supplies the
    model and fields)."""

    def clean(self):
        cleaned_data = super().clean()
        new_status = cleaned_data.get("status")
        if self.instance.pk and new_status and "status" in self.changed_data:
            try:
                check_transition(self.initial["status"], new_status)
            except ValidationError as error:
                self.add_error("status", error)
        return cleaned_data


class LateReportFilter(admin.SimpleListFilter):
    title = _("verantwoording te laat")
    parameter_name = "verantwoording_te_laat"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(late_reports__gt=0)
        return queryset


def _late_reports_count():
    today = timezone.localdate()
    return count_of(
        GrantReport.objects.filter(received_on__isnull=True, due_on__lt=today), "grant"
    )


@admin.register(Grant)
class GrantAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (GrantResource,)
    form = GrantAdminForm
    import_export_change_list_template = "admin/policy/subsidies/grant_change_list.html"
    list_display = (
        "organisation",
        "year",
        "purpose",
        "scheme",
        "status",
        "amount_requested",
        "amount_granted",
        "amount_settled",
        "late_report_count",
        "reference",
    )
    list_display_links = ("organisation", "purpose")
    # Newest years first, in the order of an index (the model orders by the
    # organisation's name, which sorts every grant before the first page).
    ordering = ("-year", "-id")
    list_filter = (
        "status",
        LateReportFilter,
        "year",
        "scheme__municipality",
        "scheme__kind",
        "scheme__category",
    )
    actions = ("withdraw_grants",)
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
            {
                "fields": (
                    "scheme",
                    "organisation",
                    "reference",
                    "purpose",
                    "theme",
                    "funding_department",
                )
            },
        ),
        (_("Periode"), {"fields": (("year", "last_year"), "periodicity")}),
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
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related)
            .annotate(late_reports=_late_reports_count())
        )

    @admin.display(description=_("verantwoording te laat"), ordering="late_reports")
    def late_report_count(self, obj):
        return obj.late_reports or ""

    @admin.action(description=_("Geselecteerde subsidies intrekken"))
    def withdraw_grants(self, request, queryset):
        withdrawn, refused = 0, []
        for grant in queryset:
            try:
                grant_change_status(
                    grant=grant,
                    to_status=GrantStatus.WITHDRAWN,
                    on=timezone.localdate(),
                )
                withdrawn += 1
            except ValidationError as error:
                refused.append(f"{grant}: {' '.join(error.messages)}")
        if withdrawn:
            self.message_user(
                request,
                _("%(n)s subsidies ingetrokken.") % {"n": withdrawn},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    def get_urls(self):
        from django.urls import path

        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "register-importeren/",
                self.admin_site.admin_view(self.register_import_view),
                name=f"{prefix}_register_import",
            ),
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name=f"{prefix}_dashboard",
            ),
            *super().get_urls(),
        ]

    def register_import_view(self, request):
        if not (
            self.has_add_permission(request) and self.has_change_permission(request)
        ):
            raise PermissionDenied
        return admin_views.register_import(request, self)

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return admin_views.dashboard(request, self)


@admin.register(PerformanceAgreement)
class PerformanceAgreementAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
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
        if self.value() == "ja":
            return queryset.overdue()
        if self.value() == "nee":
            return queryset.exclude(pk__in=GrantReport.objects.overdue().values("pk"))
        return queryset


@admin.register(GrantReport)
class GrantReportAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (GrantReportResource,)
    list_display = ("grant", "kind", "due_on", "received_on", "late")
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

    @admin.display(description=_("te laat"), boolean=True)
    def late(self, obj):
        return obj.is_late
