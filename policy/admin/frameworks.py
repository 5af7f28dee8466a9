"""Admin of frameworks with their versions, parts, target groups and status history."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from audit.admin import AuditHistoryMixin
from core.spreadsheets import DutchExportFilenameMixin
from core.uploads import PRIVATE_FILE_OVERRIDES, PrivateFileAdminMixin

from ..models import (
    Condition,
    FrameworkStatus,
    FrameworkStatusChange,
    FrameworkTargetGroup,
    FrameworkVersion,
    Goal,
    GoalStatus,
    PolicyFramework,
    Principle,
    Track,
)
from ..progress import framework_state, roll_up
from ..resources import (
    ConditionResource,
    FrameworkStatusChangeResource,
    FrameworkTargetGroupResource,
    FrameworkVersionResource,
    PolicyFrameworkResource,
    PrincipleResource,
    TrackResource,
)
from ..selectors import framework_overview
from ..services import (
    framework_change_status,
    framework_check_transition,
    framework_check_transition_date,
)
from .base import PolicyAdmin, VersionedInlineMixin, VersionedModelForm


class FrameworkVersionInline(VersionedInlineMixin, admin.TabularInline):
    formfield_overrides = PRIVATE_FILE_OVERRIDES
    model = FrameworkVersion
    fields = ("number", "title", "dated", "document", "change_note")
    extra = 0
    show_change_link = True


class NumberedPartInline(VersionedInlineMixin, admin.TabularInline):
    fields = ("number", "title", "description")
    extra = 0


class TrackInline(NumberedPartInline):
    model = Track


class ConditionInline(NumberedPartInline):
    model = Condition


class PrincipleInline(NumberedPartInline):
    model = Principle


class FrameworkTargetGroupInline(VersionedInlineMixin, admin.TabularInline):
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


class PolicyFrameworkAdminForm(VersionedModelForm):
    """The status is not edited directly: a transition is asked for and recorded."""

    new_status = forms.ChoiceField(
        label=_("nieuwe status"),
        required=False,
        choices=[("", _("— status niet wijzigen —")), *FrameworkStatus.choices],
        help_text=_(
            "Vooruit mag altijd; een stap terug alleen met een reden. De wijziging "
            "wordt met datum, reden en uw naam vastgelegd."
        ),
    )
    status_on = forms.DateField(
        label=_("datum van de statuswijziging"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("Leeg is vandaag."),
    )
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
        new = cleaned_data.get("new_status")
        if not new:
            return cleaned_data
        current = self.instance.status or FrameworkStatus.CONCEPT
        reason = cleaned_data.get("status_reason", "")
        try:
            framework_check_transition(current=current, to_status=new, reason=reason)
        except ValidationError as error:
            field = "status_reason" if error.code == "reason_required" else "new_status"
            self.add_error(field, error)
        on = cleaned_data.get("status_on") or timezone.localdate()
        cleaned_data["status_on"] = on
        if self.instance.pk:
            try:
                framework_check_transition_date(framework=self.instance, on=on)
            except ValidationError as error:
                self.add_error("status_on", error)
        return cleaned_data


@admin.register(PolicyFramework)
class PolicyFrameworkAdmin(PolicyAdmin):
    resource_classes = (PolicyFrameworkResource,)
    form = PolicyFrameworkAdminForm
    list_display = (
        "title",
        "municipality",
        "period",
        "status",
        "adopted_on",
        "goal_count",
        "progress",
        "overview_link",
    )
    list_filter = ("status", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("predecessor", "parent")
    filter_horizontal = ("themes",)
    date_hierarchy = "adopted_on"
    readonly_fields = ("status",)
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
                    "new_status",
                    "status_on",
                    "status_reason",
                    "adopted_on",
                ),
                "description": _(
                    "De status verandert alleen via ‘nieuwe status’; elke wijziging "
                    "staat onder ‘Statuswijzigingen’."
                ),
            },
        ),
        (_("Samenhang"), {"fields": ("predecessor", "parent", "themes")}),
    )

    def get_queryset(self, request):
        goals = Goal.objects.only("pk", "framework_id", "track_id", "status")
        return (
            super()
            .get_queryset(request)
            .annotate(goal_count=Count("goals"))
            .prefetch_related(Prefetch("goals", queryset=goals, to_attr="goal_states"))
        )

    @admin.display(description=_("looptijd"), ordering="period_start")
    def period(self, obj):
        return f"{obj.period_start}–{obj.period_end or ''}"

    @admin.display(description=_("doelen"), ordering="goal_count")
    def goal_count(self, obj):
        return obj.goal_count

    @admin.display(description=_("voortgang"))
    def progress(self, obj):
        state = framework_state(obj.goal_states)
        return state.label if state else _("geen doelen")

    @admin.display(description=_("overzicht"))
    def overview_link(self, obj):
        url = reverse("admin:policy_policyframework_overview", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            format_html(
                '{}<span class="visually-hidden"> {}</span>',
                _("Overzicht"),
                obj.title,
            ),
        )

    def get_urls(self):
        overview = self.admin_site.admin_view(self.overview_view)
        return [
            path(
                "<path:object_id>/overzicht/",
                overview,
                name="policy_policyframework_overview",
            ),
            *super().get_urls(),
        ]

    def overview_view(self, request, object_id):
        framework = self.get_object(request, object_id)
        if framework is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, framework):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": framework,
            "title": _("Overzicht van %(framework)s") % {"framework": framework},
            "subtitle": None,
            "overview": framework_overview(framework, today=timezone.localdate()),
            "has_view_permission": True,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/policy/policyframework/overview.html", context
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        new_status = form.cleaned_data.get("new_status")
        if not new_status:
            return
        # The status moves through the service, which records the transition.
        framework_change_status(
            framework=obj,
            to_status=new_status,
            on=form.cleaned_data["status_on"],
            by=request.user,
            reason=form.cleaned_data.get("status_reason", ""),
        )
        obj.refresh_from_db(fields=["status", "adopted_on", "lock_version"])


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(PrivateFileAdminMixin, PolicyAdmin):
    private_file_fields = ("document",)
    formfield_overrides = PRIVATE_FILE_OVERRIDES
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
class FrameworkStatusChangeAdmin(
    AuditHistoryMixin, DutchExportFilenameMixin, ExportMixin, admin.ModelAdmin
):
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
class FrameworkTargetGroupAdmin(PolicyAdmin):
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


class NumberedPartAdmin(PolicyAdmin):
    list_display = ("number", "title", "framework")
    list_display_links = ("number", "title")
    list_filter = ("framework__municipality", "framework")
    list_select_related = ("framework",)
    search_fields = ("title", "description", "framework__title")
    autocomplete_fields = ("framework",)


@admin.register(Track)
class TrackAdmin(NumberedPartAdmin):
    resource_classes = (TrackResource,)
    list_display = ("number", "title", "framework", "goal_count", "progress")
    fieldsets = ((_("Spoor"), NUMBERED_PART_FIELDS),)

    def get_queryset(self, request):
        per_status = {
            f"goals_{status.value}": Count("goals", filter=Q(goals__status=status))
            for status in GoalStatus
        }
        return (
            super()
            .get_queryset(request)
            .annotate(goal_count=Count("goals"), **per_status)
        )

    @admin.display(description=_("doelen"), ordering="goal_count")
    def goal_count(self, obj):
        return obj.goal_count

    @admin.display(description=_("voortgang"))
    def progress(self, obj):
        state = roll_up(
            status for status in GoalStatus if getattr(obj, f"goals_{status.value}")
        )
        return state.label if state else _("geen doelen")


@admin.register(Condition)
class ConditionAdmin(NumberedPartAdmin):
    resource_classes = (ConditionResource,)
    fieldsets = ((_("Voorwaarde"), NUMBERED_PART_FIELDS),)


@admin.register(Principle)
class PrincipleAdmin(NumberedPartAdmin):
    resource_classes = (PrincipleResource,)
    fieldsets = ((_("Leidend principe"), NUMBERED_PART_FIELDS),)
