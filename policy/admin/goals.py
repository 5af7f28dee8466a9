"""Admin of goals, their rollout over neighbourhoods, indicators and measurements."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import indicators
from ..models import Goal, GoalRollout, Indicator, Measurement
from ..progress import target_met
from ..resources import (
    GoalResource,
    GoalRolloutResource,
    IndicatorResource,
    MeasurementResource,
)
from ..selectors import with_latest_measurement
from ..services import indicator_measure
from .base import PolicyAdmin, VersionedInlineMixin
from .choices import FrameworkLabelledChoicesMixin


class IndicatorInline(VersionedInlineMixin, admin.TabularInline):
    model = Indicator
    fields = ("name", "unit", "direction", "target_value", "baseline_value")
    extra = 0
    show_change_link = True


class GoalRolloutInline(VersionedInlineMixin, admin.TabularInline):
    model = GoalRollout
    fields = ("neighbourhood", "phase", "starts_on")
    autocomplete_fields = ("neighbourhood",)
    extra = 0


@admin.register(Goal)
class GoalAdmin(FrameworkLabelledChoicesMixin, PolicyAdmin):
    resource_classes = (GoalResource,)
    framework_labelled_fields = ("track",)
    list_display = (
        "number",
        "title",
        "framework",
        "track",
        "horizon",
        "due_on",
        "status",
        "indicator_count",
    )
    list_display_links = ("number", "title")
    list_editable = ("status",)
    list_filter = ("status", "horizon", "framework__municipality", "framework")
    list_select_related = ("framework", "track")
    search_fields = ("title", "text", "framework__title")
    autocomplete_fields = ("framework",)
    date_hierarchy = "due_on"
    inlines = (IndicatorInline, GoalRolloutInline)
    fieldsets = (
        (_("Doel"), {"fields": ("framework", "track", "number", "title", "text")}),
        (_("Termijn en voortgang"), {"fields": ("horizon", "due_on", "status")}),
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(indicator_count=Count("indicators"))
        )

    @admin.display(description=_("indicatoren"), ordering="indicator_count")
    def indicator_count(self, obj):
        return obj.indicator_count


@admin.register(GoalRollout)
class GoalRolloutAdmin(PolicyAdmin):
    resource_classes = (GoalRolloutResource,)
    list_display = ("goal", "neighbourhood", "phase", "starts_on")
    list_filter = ("phase", "goal__framework")
    # The label of a rollout names its goal and neighbourhood.
    list_select_related = ("goal", "neighbourhood")
    search_fields = ("goal__title", "neighbourhood__name")
    autocomplete_fields = ("goal", "neighbourhood")
    date_hierarchy = "starts_on"
    fieldsets = (
        (
            _("Invoering in een wijk"),
            {"fields": ("goal", "neighbourhood", "phase", "starts_on")},
        ),
    )


class MeasurementInline(VersionedInlineMixin, admin.TabularInline):
    model = Measurement
    fields = ("measured_on", "value", "source", "note")
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(PolicyAdmin):
    resource_classes = (IndicatorResource,)
    list_display = (
        "name",
        "goal",
        "unit",
        "direction",
        "target_value",
        "baseline_value",
        "latest_value",
        "against_target",
        "computation",
    )
    list_filter = ("unit", "direction", "goal__framework")
    list_select_related = ("goal",)
    search_fields = ("name", "goal__title")
    autocomplete_fields = ("goal",)
    inlines = (MeasurementInline,)
    actions = ("measure_today",)
    fieldsets = (
        (_("Indicator"), {"fields": ("goal", "name")}),
        (
            _("Streefwaarde"),
            {"fields": ("unit", "direction", "target_value", "baseline_value")},
        ),
        (_("Berekening"), {"fields": ("computation",)}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "computation":
            return forms.ChoiceField(
                label=db_field.verbose_name,
                help_text=db_field.help_text,
                choices=[("", _("Handmatige metingen")), *indicators.choices()],
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return with_latest_measurement(super().get_queryset(request))

    @admin.display(description=_("laatste meting"), ordering="latest_value")
    def latest_value(self, obj):
        if obj.latest_value is None:
            return None
        return format_html(
            "{} <small>({})</small>",
            number_format(obj.latest_value, decimal_pos=2),
            obj.latest_on.strftime("%d-%m-%Y"),
        )

    @admin.display(description=_("t.o.v. streefwaarde"))
    def against_target(self, obj):
        met = target_met(obj.latest_value, obj.target_value, obj.direction)
        target = f"{obj.get_direction_display()} {number_format(obj.target_value, 2)}"
        if met is None:
            return _("nog niet gemeten (%(target)s)") % {"target": target}
        if met:
            return _("gehaald (%(target)s)") % {"target": target}
        return format_html(
            "<strong>{}</strong>",
            _("nog niet gehaald (%(target)s)") % {"target": target},
        )

    def get_readonly_fields(self, request, obj=None):
        return ("latest_against_target",) if obj else ()

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.insert(
                2,
                (_("Stand"), {"fields": ("latest_against_target",)}),
            )
        return fieldsets

    @admin.display(description=_("laatste meting tegenover de streefwaarde"))
    def latest_against_target(self, obj):
        latest = obj.measurements.order_by("-measured_on").first()
        target = (
            f"{obj.get_direction_display()} {number_format(obj.target_value, 2)} "
            f"{obj.get_unit_display()}"
        )
        if latest is None:
            return _("Nog niet gemeten; streefwaarde %(target)s.") % {"target": target}
        met = target_met(latest.value, obj.target_value, obj.direction)
        return _(
            "%(value)s %(unit)s op %(date)s; streefwaarde %(target)s: %(verdict)s."
        ) % {
            "value": number_format(latest.value, 2),
            "unit": obj.get_unit_display(),
            "date": latest.measured_on.strftime("%d-%m-%Y"),
            "target": target,
            "verdict": _("gehaald") if met else _("nog niet gehaald"),
        }

    @admin.action(description=_("Meting van vandaag berekenen"))
    def measure_today(self, request, queryset):
        today = timezone.localdate()
        measured = 0
        for indicator in queryset.exclude(computation=""):
            try:
                indicator_measure(indicator=indicator, on=today)
            except ValidationError as error:
                self.message_user(
                    request, f"{indicator}: {error.messages[0]}", messages.ERROR
                )
            else:
                measured += 1
        skipped = queryset.filter(computation="").count()
        self.message_user(
            request,
            ngettext(
                "%(measured)d meting berekend; %(skipped)d handmatige overgeslagen.",
                "%(measured)d metingen berekend; %(skipped)d handmatige overgeslagen.",
                measured,
            )
            % {"measured": measured, "skipped": skipped},
        )


@admin.register(Measurement)
class MeasurementAdmin(PolicyAdmin):
    resource_classes = (MeasurementResource,)
    list_display = ("indicator", "measured_on", "value", "source")
    list_filter = ("indicator__unit", "indicator__goal__framework")
    list_select_related = ("indicator",)
    search_fields = ("indicator__name", "source", "note")
    autocomplete_fields = ("indicator",)
    date_hierarchy = "measured_on"
    fieldsets = (
        (_("Meting"), {"fields": ("indicator", "measured_on", "value")}),
        (_("Herkomst"), {"fields": ("source", "note")}),
    )
