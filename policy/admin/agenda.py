"""Admin of the implementation agenda (task groups, items, milestones) and participation."""

from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.postgres.fields import DateRangeField
from django.contrib.postgres.forms import RangeWidget
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from ..models import AgendaItem, Consultation, Milestone, TaskGroup
from ..resources import (
    AgendaItemResource,
    ConsultationResource,
    MilestoneResource,
    TaskGroupResource,
)
from .choices import FrameworkLabelledChoicesMixin

# A period is picked as two dates, each with the admin's calendar.
DATE_RANGE_OVERRIDES = {DateRangeField: {"widget": RangeWidget(AdminDateWidget())}}


@admin.register(TaskGroup)
class TaskGroupAdmin(ImportExportModelAdmin):
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


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ("title", "period", "is_done")
    formfield_overrides = DATE_RANGE_OVERRIDES
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(FrameworkLabelledChoicesMixin, ImportExportModelAdmin):
    resource_classes = (AgendaItemResource,)
    framework_labelled_fields = ("task_group",)
    list_display = ("number", "topic", "framework", "task_group", "status", "due_on")
    list_display_links = ("number", "topic")
    list_filter = ("status", "framework__municipality", "framework")
    list_select_related = ("framework", "task_group")
    search_fields = ("topic", "question", "framework__title")
    autocomplete_fields = ("framework",)
    date_hierarchy = "due_on"
    inlines = (MilestoneInline,)
    fieldsets = (
        (
            _("Uitwerkingsvraagstuk"),
            {"fields": ("framework", "number", "topic", "question")},
        ),
        (_("Uitvoering"), {"fields": ("task_group", "status", "due_on")}),
    )


@admin.register(Milestone)
class MilestoneAdmin(ImportExportModelAdmin):
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
class ConsultationAdmin(ImportExportModelAdmin):
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
    list_filter = ("kind", "framework__municipality", "framework")
    list_select_related = ("framework", "district")
    search_fields = ("title", "outcome", "framework__title")
    autocomplete_fields = ("framework", "district")
    date_hierarchy = "held_on"
    fieldsets = (
        (
            _("Participatieactiviteit"),
            {"fields": ("framework", "kind", "title", "held_on", "district")},
        ),
        (
            _("Opbrengst"),
            {"fields": ("participants", "outcome", "reported_to_council_on")},
        ),
    )
