"""Admin of advice requests from the college and their documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.admin import ConcurrentAdminMixin, RowHistoryMixin, count_of
from core.spreadsheets import AllOrNothingImportMixin
from core.uploads import PRIVATE_FILE_OVERRIDES, PrivateFileAdminMixin
from policy.models import FrameworkVersion

from .. import services
from ..models import AdviceRequest, AdviceRequestDocument
from ..resources import AdviceRequestResource


class AdviceRequestDocumentInline(admin.TabularInline):
    model = AdviceRequestDocument
    formfield_overrides = PRIVATE_FILE_OVERRIDES
    fields = ("title", "received_on", "file")
    extra = 0


@admin.register(AdviceRequest)
class AdviceRequestAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (AdviceRequestResource,)
    list_display = (
        "subject",
        "council",
        "framework_version",
        "received_on",
        "deadline",
        "document_count",
    )
    list_filter = ("council",)
    # The label of a framework version names its framework.
    list_select_related = ("council", "framework_version__framework")
    search_fields = ("subject", "description")
    autocomplete_fields = ("framework_version",)
    date_hierarchy = "received_on"
    inlines = (AdviceRequestDocumentInline,)
    fieldsets = (
        (_("Aanvraag"), {"fields": ("council", "subject", "description")}),
        (_("Onderwerp van advies"), {"fields": ("framework_version",)}),
        (_("Termijn"), {"fields": ("received_on", "deadline")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                document_count=count_of(AdviceRequestDocument.objects.all(), "request")
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "framework_version":
            kwargs["queryset"] = FrameworkVersion.objects.select_related("framework")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.advice_request_announce(request=obj)

    @admin.display(description=_("documenten"), ordering="document_count")
    def document_count(self, obj):
        return obj.document_count


@admin.register(AdviceRequestDocument)
class AdviceRequestDocumentAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    formfield_overrides = PRIVATE_FILE_OVERRIDES
    list_display = ("title", "request", "received_on")
    list_filter = ("request__council",)
    list_select_related = ("request",)
    search_fields = ("title", "request__subject")
    autocomplete_fields = ("request",)
    date_hierarchy = "received_on"
    fieldsets = (
        (_("Document"), {"fields": ("request", "title", "received_on", "file")}),
    )
