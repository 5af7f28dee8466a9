"""Admin of the implementation agenda (task groups, items, milestones) and participation."""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.postgres.fields import DateRangeField
from django.contrib.postgres.forms import RangeWidget
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import AgendaItem, AgendaItemStatus, Consultation, Milestone, TaskGroup
from ..resources import (
    AgendaItemResource,
    ConsultationResource,
    MilestoneResource,
    TaskGroupResource,
)
from ..selectors import agenda_overdue_q
from .base import PolicyAdmin, VersionedInlineMixin
from .choices import FrameworkLabelledChoicesMixin

# A period is picked as two dates, each with the admin's calendar.
DATE_RANGE_OVERRIDES = {DateRangeField: {"widget": RangeWidget(AdminDateWidget())}}


class OverdueFilter(admin.SimpleListFilter):
    title = _("termijn")
    parameter_name = "termijn"

    def lookups(self, request, model_admin):
        return (
            ("te_laat", _("Te laat")),
            ("binnen_30_dagen", _("Binnen 30 dagen gereed")),
        )

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "te_laat":
            return queryset.filter(agenda_overdue_q(today))
        if self.value() == "binnen_30_dagen":
            return queryset.filter(
                due_on__gte=today, due_on__lte=today + timedelta(days=30)
            ).exclude(status=AgendaItemStatus.DONE)
        return queryset


@admin.register(TaskGroup)
class TaskGroupAdmin(PolicyAdmin):
    resource_classes = (TaskGroupResource,)
    list_display = ("name", "framework", "lead", "lead_organisation", "item_count")
    list_filter = ("framework__municipality", "framework")
    list_select_related = ("framework", "lead_organisation")
    search_fields = ("name", "lead", "framework__title")
    autocomplete_fields = ("framework", "lead_organisation")
    fieldsets = (
        (_("Taakgroep"), {"fields": ("framework", "name")}),
        (_("Trekker"), {"fields": ("lead", "lead_organisation")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description=_("agendapunten"), ordering="item_count")
    def item_count(self, obj):
        return obj.item_count


class MilestoneInline(VersionedInlineMixin, admin.TabularInline):
    model = Milestone
    fields = ("title", "period", "is_done")
    formfield_overrides = DATE_RANGE_OVERRIDES
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(FrameworkLabelledChoicesMixin, PolicyAdmin):
    resource_classes = (AgendaItemResource,)
    framework_labelled_fields = ("task_group",)
    list_display = (
        "number",
        "topic",
        "framework",
        "task_group",
        "status",
        "due_on",
        "overdue",
    )
    list_display_links = ("number", "topic")
    list_editable = ("status",)
    list_filter = (
        OverdueFilter,
        "status",
        "topic",
        "task_group",
        "framework__municipality",
        "framework",
    )
    list_select_related = ("framework", "task_group")
    search_fields = ("topic", "question", "framework__title")
    autocomplete_fields = ("framework",)
    date_hierarchy = "due_on"
    inlines = (MilestoneInline,)

    @admin.display(description=_("te laat"), ordering="due_on")
    def overdue(self, obj):
        today = timezone.localdate()
        if obj.due_on is None or obj.due_on >= today:
            return ""
        if obj.status == AgendaItemStatus.DONE:
            return ""
        days = (today - obj.due_on).days
        return format_html(
            '<img src="{}" alt="" width="14" height="14"> <strong>{}</strong>',
            static("admin/img/icon-alert.svg"),
            ngettext(
                "Te laat: %(days)d dag over de datum",
                "Te laat: %(days)d dagen over de datum",
                days,
            )
            % {"days": days},
        )

    fieldsets = (
        (
            _("Uitwerkingsvraagstuk"),
            {"fields": ("framework", "number", "topic", "question")},
        ),
        (_("Uitvoering"), {"fields": ("task_group", "status", "due_on")}),
    )


@admin.register(Milestone)
class MilestoneAdmin(PolicyAdmin):
    resource_classes = (MilestoneResource,)
    list_display = ("title", "agenda_item", "period_display", "is_done")
    list_filter = ("is_done", "agenda_item__framework")
    list_select_related = ("agenda_item",)
    search_fields = ("title", "agenda_item__topic")
    autocomplete_fields = ("agenda_item",)
    formfield_overrides = DATE_RANGE_OVERRIDES
    fieldsets = (
        (_("Mijlpaal"), {"fields": ("agenda_item", "title", "period", "is_done")}),
    )

    @admin.display(description=_("periode"), ordering="period")
    def period_display(self, obj):
        first, last = obj.period.lower, obj.period.upper
        if first is None or last is None:
            return str(obj.period)
        if not obj.period.upper_inc:
            last -= timedelta(days=1)
        return f"{first:%d-%m-%Y} – {last:%d-%m-%Y}"


@admin.register(Consultation)
class ConsultationAdmin(PolicyAdmin):
    resource_classes = (ConsultationResource,)
    list_display = (
        "title",
        "framework",
        "kind",
        "held_on",
        "district",
        "participants",
        "reported_to_council_on",
    )
    list_filter = (
        "kind",
        ("reported_to_council_on", admin.EmptyFieldListFilter),
        "framework__municipality",
        "framework",
    )
    list_select_related = ("framework", "district")
    search_fields = ("title", "outcome", "framework__title")
    autocomplete_fields = ("framework", "district")
    date_hierarchy = "held_on"
    fieldsets = (
        (
            _("Participatieactiviteit"),
            {"fields": ("framework", "kind", "title", "held_on", "district")},
        ),
        (_("Opbrengst"), {"fields": ("participants", "outcome")}),
        (
            _("Terugkoppeling aan de raad"),
            {"fields": ("reported_to_council_on", "council_report")},
        ),
    )
    actions = ("report_to_council_today",)

    @admin.action(description=_("Vandaag teruggekoppeld aan de raad"))
    def report_to_council_today(self, request, queryset):
        today = timezone.localdate()
        reported = 0
        for consultation in queryset.filter(reported_to_council_on__isnull=True):
            consultation.reported_to_council_on = today
            try:
                consultation.full_clean()
            except ValidationError as error:
                self.message_user(
                    request, f"{consultation}: {error.messages[0]}", messages.ERROR
                )
                continue
            consultation.save(update_fields=["reported_to_council_on"])
            reported += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d activiteit als teruggekoppeld vastgelegd.",
                "%(count)d activiteiten als teruggekoppeld vastgelegd.",
                reported,
            )
            % {"count": reported},
        )
