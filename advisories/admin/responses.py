"""Admin of the recommendations and of the municipality's responses to them."""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportExportModelAdmin

from core.admin import (
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    RowHistoryMixin,
    VersionedInlineMixin,
)
from core.spreadsheets import AllOrNothingImportMixin, DutchExportFilenameMixin

from .. import services
from ..models import (
    Recommendation,
    Response,
    Verdict,
)
from ..resources import RecommendationResource, ResponseResource


def _excerpt(text: str) -> str:
    return Truncator(text).chars(80)


class ResponseForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("oordeel"),
        choices=[("", "—")] + list(Verdict.choices),
        required=False,
    )
    reasons = forms.CharField(
        label=_("motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    responded_on = forms.DateField(label=_("datum van de reactie"))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("verdict") and not cleaned_data.get("reasons", "").strip():
            self.add_error("reasons", _("Geef de motivering van de gemeente."))
        return cleaned_data


ResponseFormSet = forms.formset_factory(ResponseForm, extra=0)


def response_errors(formset, rows) -> list[tuple[str, str, str]]:
    """The lines of the responses form's error summary, (field id, label, message),
    each naming the recommendation as well as the field, since every recommendation
    has the same fields."""
    if not formset.is_bound:
        return []
    lines = [("", "", message) for message in formset.non_form_errors()]
    for recommendation, form in rows:
        for field in form:
            label = _("Aanbeveling %(number)s, %(field)s") % {
                "number": recommendation.number,
                "field": field.label,
            }
            lines.extend(
                (field.id_for_label, label, message) for message in field.errors
            )
    return lines


class ResponseInline(VersionedInlineMixin, admin.StackedInline):
    model = Response
    fields = ("verdict", "reasons", "responded_on", "recorded_by")
    readonly_fields = ("recorded_by",)
    extra = 0
    max_num = 1


@admin.register(Recommendation)
class RecommendationAdmin(
    LargeTableAdminMixin, DutchExportFilenameMixin, ExportMixin, admin.ModelAdmin
):
    resource_classes = (RecommendationResource,)
    # An advice's recommendations together, in the order of their unique index.
    ordering = ("advice_id", "number")
    list_display = ("number", "excerpt", "advice", "verdict")
    list_display_links = ("number", "excerpt")
    list_filter = ("response__verdict", "advice__council", "advice__status")
    list_select_related = ("advice", "response")
    search_fields = ("text", "advice__title")
    autocomplete_fields = ("advice",)
    inlines = (ResponseInline,)
    fieldsets = ((_("Aanbeveling"), {"fields": ("advice", "number", "text")}),)

    @admin.display(description=_("aanbeveling"))
    def excerpt(self, obj):
        return _excerpt(obj.text)

    @admin.display(description=_("oordeel"), ordering="response__verdict")
    def verdict(self, obj):
        response = getattr(obj, "response", None)
        return response.get_verdict_display() if response else "–"

    def save_formset(self, request, form, formset, change):
        for response in formset.save(commit=False):
            if response.recorded_by_id is None:
                response.recorded_by = request.user
            response.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
        services.advice_responses_changed(advice=form.instance.advice)


@admin.register(Response)
class ResponseAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (ResponseResource,)
    # In the order of the recommendations' keys (unique), not of their advice.
    ordering = ("recommendation_id",)
    list_display = (
        "recommendation",
        "advice",
        "verdict",
        "responded_on",
        "on_time",
        "recorded_by",
    )
    list_filter = ("verdict", "recommendation__advice__council")
    list_select_related = ("recommendation__advice", "recorded_by")
    search_fields = ("reasons", "recommendation__text", "recommendation__advice__title")
    autocomplete_fields = ("recommendation",)
    readonly_fields = ("recorded_by",)
    date_hierarchy = "responded_on"
    fieldsets = (
        (_("Aanbeveling"), {"fields": ("recommendation",)}),
        (
            _("Reactie"),
            {"fields": ("verdict", "reasons", "responded_on", "recorded_by")},
        ),
    )

    @admin.display(description=_("advies"), ordering="recommendation__advice__title")
    def advice(self, obj):
        return obj.recommendation.advice

    @admin.display(description=_("op tijd"), boolean=True)
    def on_time(self, obj):
        due = obj.recommendation.advice.response_due_on
        return None if due is None else obj.responded_on <= due

    def save_model(self, request, obj, form, change):
        if obj.recorded_by_id is None:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        services.advice_responses_changed(advice=obj.recommendation.advice)
