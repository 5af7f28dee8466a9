"""Admin of frameworks with their versions, parts, target groups and status history."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportExportModelAdmin

from ..models import (
    Condition,
    FrameworkStatusChange,
    FrameworkTargetGroup,
    FrameworkVersion,
    PolicyFramework,
    Principle,
    Track,
)
from ..resources import (
    ConditionResource,
    FrameworkStatusChangeResource,
    FrameworkTargetGroupResource,
    FrameworkVersionResource,
    PolicyFrameworkResource,
    PrincipleResource,
    TrackResource,
)
from ..services import FRAMEWORK_LIFECYCLE, REASON_REQUIRED, framework_change_status


class FrameworkVersionInline(admin.TabularInline):
    model = FrameworkVersion
    fields = ("number", "title", "dated", "document", "change_note")
    extra = 0
    show_change_link = True


class NumberedPartInline(admin.TabularInline):
    fields = ("number", "title", "description")
    extra = 0


class TrackInline(NumberedPartInline):
    model = Track


class ConditionInline(NumberedPartInline):
    model = Condition


class PrincipleInline(NumberedPartInline):
    model = Principle


class FrameworkTargetGroupInline(admin.TabularInline):
    model = FrameworkTargetGroup
    fields = ("target_group", "priority", "note")
    extra = 0


class FrameworkStatusChangeInline(admin.TabularInline):
    """The status history; it is written by changing the framework's status."""

    model = FrameworkStatusChange
    fields = (
        "changed_on",
        "from_status",
        "to_status",
        "reason",
        "changed_by",
        "recorded_at",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class PolicyFrameworkAdminForm(forms.ModelForm):
    status_reason = forms.CharField(
        label=_("reden van de statuswijziging"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Verplicht bij een stap terug, bijvoorbeeld van vastgesteld naar concept."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        # The instance still holds the stored status: the form has not applied it yet.
        current = self.instance.status
        new = cleaned_data.get("status")
        if self.instance.pk and new and new != current:
            going_back = FRAMEWORK_LIFECYCLE.index(new) < FRAMEWORK_LIFECYCLE.index(
                current
            )
            if going_back and not cleaned_data.get("status_reason", "").strip():
                self.add_error("status_reason", REASON_REQUIRED)
        return cleaned_data


@admin.register(PolicyFramework)
class PolicyFrameworkAdmin(ImportExportModelAdmin):
    resource_classes = (PolicyFrameworkResource,)
    form = PolicyFrameworkAdminForm
    list_display = (
        "title",
        "municipality",
        "period",
        "status",
        "adopted_on",
        "goal_count",
    )
    list_filter = ("status", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("predecessor", "parent")
    filter_horizontal = ("themes",)
    date_hierarchy = "adopted_on"
    inlines = (
        FrameworkVersionInline,
        TrackInline,
        ConditionInline,
        PrincipleInline,
        FrameworkTargetGroupInline,
        FrameworkStatusChangeInline,
    )
    fieldsets = (
        (_("Beleidskader"), {"fields": ("title", "slug", "municipality", "summary")}),
        (
            _("Looptijd en status"),
            {
                "fields": (
                    ("period_start", "period_end"),
                    "status",
                    "status_reason",
                    "adopted_on",
                ),
                "description": _(
                    "Een statuswijziging wordt met de datum van vandaag vastgelegd."
                ),
            },
        ),
        (_("Samenhang"), {"fields": ("predecessor", "parent", "themes")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(goal_count=Count("goals"))

    @admin.display(description=_("looptijd"), ordering="period_start")
    def period(self, obj):
        return f"{obj.period_start}–{obj.period_end or ''}"

    @admin.display(description=_("doelen"), ordering="goal_count")
    def goal_count(self, obj):
        return obj.goal_count

    def save_model(self, request, obj, form, change):
        if not (change and "status" in form.changed_data):
            super().save_model(request, obj, form, change)
            return
        # The status moves through the service, which records the transition.
        new_status = obj.status
        obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        framework_change_status(
            framework=obj,
            to_status=new_status,
            on=timezone.localdate(),
            by=request.user,
            reason=form.cleaned_data.get("status_reason", ""),
        )
        obj.refresh_from_db(fields=["status", "adopted_on"])


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ImportExportModelAdmin):
    resource_classes = (FrameworkVersionResource,)
    list_display = ("framework", "number", "title", "dated", "has_document")
    list_filter = ("framework__municipality", "framework__status")
    # The label of a version names its framework.
    list_select_related = ("framework",)
    search_fields = ("title", "framework__title")
    autocomplete_fields = ("framework",)
    date_hierarchy = "dated"
    fieldsets = (
        (_("Versie"), {"fields": ("framework", "number", "title", "dated")}),
        (_("Document"), {"fields": ("document", "change_note")}),
    )

    def get_queryset(self, request):
        # Autocomplete results (advice requests) show the same label.
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description=_("document"), boolean=True)
    def has_document(self, obj):
        return bool(obj.document)


@admin.register(FrameworkStatusChange)
class FrameworkStatusChangeAdmin(ExportMixin, admin.ModelAdmin):
    """Read-only: a status change is recorded by changing the framework's status."""

    resource_classes = (FrameworkStatusChangeResource,)
    list_display = (
        "framework",
        "from_status",
        "to_status",
        "changed_on",
        "changed_by",
        "recorded_at",
    )
    list_filter = ("to_status", "framework__municipality")
    list_select_related = ("framework", "changed_by")
    search_fields = ("framework__title", "reason")
    date_hierarchy = "changed_on"
    fieldsets = (
        (
            _("Statuswijziging"),
            {"fields": ("framework", "from_status", "to_status", "changed_on")},
        ),
        (_("Verantwoording"), {"fields": ("reason", "changed_by", "recorded_at")}),
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrameworkTargetGroup)
class FrameworkTargetGroupAdmin(ImportExportModelAdmin):
    resource_classes = (FrameworkTargetGroupResource,)
    list_display = ("framework", "target_group", "priority")
    list_filter = ("target_group", "framework__municipality")
    list_select_related = ("framework", "target_group")
    search_fields = ("framework__title", "target_group__name", "note")
    autocomplete_fields = ("framework", "target_group")
    fieldsets = (
        (
            _("Doelgroep van een kader"),
            {"fields": ("framework", "target_group", "priority", "note")},
        ),
    )


NUMBERED_PART_FIELDS = {"fields": ("framework", "number", "title", "description")}


class NumberedPartAdmin(ImportExportModelAdmin):
    list_display = ("number", "title", "framework")
    list_display_links = ("number", "title")
    list_filter = ("framework__municipality", "framework")
    list_select_related = ("framework",)
    search_fields = ("title", "description", "framework__title")
    autocomplete_fields = ("framework",)


@admin.register(Track)
class TrackAdmin(NumberedPartAdmin):
    resource_classes = (TrackResource,)
    fieldsets = ((_("Spoor"), NUMBERED_PART_FIELDS),)


@admin.register(Condition)
class ConditionAdmin(NumberedPartAdmin):
    resource_classes = (ConditionResource,)
    fieldsets = ((_("Voorwaarde"), NUMBERED_PART_FIELDS),)


@admin.register(Principle)
class PrincipleAdmin(NumberedPartAdmin):
    resource_classes = (PrincipleResource,)
    fieldsets = ((_("Leidend principe"), NUMBERED_PART_FIELDS),)
