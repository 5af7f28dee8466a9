"""Admin of organisations and of the vocabularies (target groups, themes, functions)."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.admin import (
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    RowHistoryMixin,
    count_of,
)
from core.spreadsheets import AllOrNothingImportMixin

from ..models import (
    Activity,
    FacilityFunction,
    Organisation,
    OrganisationRole,
    TargetGroup,
    Theme,
)
from ..resources import (
    OrganisationResource,
    TargetGroupResource,
    ThemeResource,
)
from .filters import FunctionInUseFilter, OrganisationRoleFilter, TermInUseFilter


@admin.register(TargetGroup)
class TargetGroupAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (TargetGroupResource,)
    list_display = ("name", "slug")
    list_filter = (TermInUseFilter,)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((_("Doelgroep"), {"fields": ("name", "slug", "description")}),)


@admin.register(Theme)
class ThemeAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (ThemeResource,)
    list_display = ("name", "policy_field")
    list_filter = ("policy_field", TermInUseFilter)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("related_themes",)
    fieldsets = (
        (_("Thema"), {"fields": ("name", "slug", "policy_field", "description")}),
        (_("Dwarsverbanden"), {"fields": ("related_themes",)}),
    )


@admin.register(FacilityFunction)
class FacilityFunctionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    list_filter = (FunctionInUseFilter,)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((_("Functie"), {"fields": ("name", "slug")}),)


@admin.register(Organisation)
class OrganisationAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (OrganisationResource,)
    # Addresses typed without a scheme are web addresses of today: https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "name",
        "kind",
        "role_labels",
        "municipality",
        "is_formal",
        "is_subsidised",
        "activity_count",
    )
    list_filter = (
        "kind",
        OrganisationRoleFilter,
        "is_formal",
        "is_subsidised",
        "municipality",
    )
    list_select_related = ("municipality",)
    search_fields = ("name", "slug", "kvk_number")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("neighbourhoods",)
    fieldsets = (
        (_("Organisatie"), {"fields": ("name", "slug", "kind", "roles")}),
        (_("Status"), {"fields": ("is_formal", "is_subsidised", "kvk_number")}),
        (_("Werkgebied"), {"fields": ("municipality", "neighbourhoods")}),
        (
            _("Contact en omschrijving"),
            {"fields": ("description", "website", "email", "phone")},
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "roles":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                choices=OrganisationRole.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(activity_count=count_of(Activity.objects.all(), "organisation"))
        )

    @admin.display(description=_("rollen"))
    def role_labels(self, obj):
        labels = dict(OrganisationRole.choices)
        return ", ".join(str(labels.get(role, role)) for role in obj.roles)

    @admin.display(description=_("activiteiten"), ordering="activity_count")
    def activity_count(self, obj):
        return obj.activity_count
