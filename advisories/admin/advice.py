"""Admin of advice with its sections, recommendations, questions, attachments
and comments, and of the municipality's responses to the recommendations.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportExportModelAdmin

from core.admin import (
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    RowHistoryMixin,
    VersionedInlineMixin,
    count_of,
)
from core.spreadsheets import AllOrNothingImportMixin, DutchExportFilenameMixin
from core.uploads import PRIVATE_FILE_OVERRIDES, PrivateFileAdminMixin

from .. import selectors, services
from ..models import (
    SENT_STATUSES,
    Advice,
    AdviceAttachment,
    AdviceComment,
    AdviceCorrection,
    AdviceSection,
    AdviceStatus,
    Question,
    Recommendation,
    Response,
    Verdict,
)
from ..resources import AdviceResource, RecommendationResource, ResponseResource


def _excerpt(text: str) -> str:
    return Truncator(text).chars(80)


class FrozenOnceSentMixin:
    """The parts of a sent advice are as they were sent: corrections go beside them."""

    def _parent_is_sent(self, obj) -> bool:
        return obj is not None and obj.is_sent

    def has_add_permission(self, request, obj=None):
        return not self._parent_is_sent(obj) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return not self._parent_is_sent(obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not self._parent_is_sent(obj) and super().has_delete_permission(
            request, obj
        )


class AdviceSectionInline(FrozenOnceSentMixin, admin.StackedInline):
    model = AdviceSection
    fields = ("position", "heading", "body")
    extra = 0


class RecommendationInline(FrozenOnceSentMixin, admin.TabularInline):
    """Recommendations; a response is recorded on the recommendation's own page."""

    model = Recommendation
    fields = ("number", "text", "verdict")
    readonly_fields = ("verdict",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("response")

    @admin.display(description=_("bestuurlijke reactie"))
    def verdict(self, obj):
        response = getattr(obj, "response", None)
        return response.get_verdict_display() if response else "–"


class QuestionInline(FrozenOnceSentMixin, admin.TabularInline):
    model = Question
    fields = ("number", "text")
    extra = 0


class AdviceAttachmentInline(admin.TabularInline):
    model = AdviceAttachment
    formfield_overrides = PRIVATE_FILE_OVERRIDES
    fields = ("title", "file", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(Advice)
class AdviceAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    DutchExportFilenameMixin,
    ExportMixin,
    admin.ModelAdmin,
):
    resource_classes = (AdviceResource,)
    list_display = (
        "title",
        "council",
        "kind",
        "status",
        "dated",
        "sent_on",
        "response_due_on",
        "answered",
        "overdue",
        "record_responses",
    )
    list_filter = ("status", "kind", "addressee", "council")
    actions = ("publish",)
    list_select_related = ("council",)
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("request", "framework", "author")
    readonly_fields = ("created_at", "updated_at", "published_on")
    date_hierarchy = "dated"
    inlines = (
        AdviceSectionInline,
        RecommendationInline,
        QuestionInline,
        AdviceAttachmentInline,
    )
    fieldsets = (
        (
            _("Advies"),
            {"fields": ("council", "kind", "request", "framework", "title", "slug")},
        ),
        (_("Inhoud"), {"fields": ("addressee", "summary")}),
        (
            _("Vaststelling en verzending"),
            {
                "fields": (
                    "status",
                    "dated",
                    "signed_by",
                    "sent_on",
                    "response_due_on",
                )
            },
        ),
        (
            _("Openbaarmaking"),
            {
                "fields": ("redacted_terms", "published_on"),
                "description": _(
                    "Bekijk met de actie “Publiceren” eerst wat het archief toont."
                ),
            },
        ),
        (_("Herkomst"), {"fields": ("author", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        # Counted for the rows of the page only (correlated subqueries).
        return (
            super()
            .get_queryset(request)
            .annotate(
                recommendation_count=count_of(Recommendation.objects.all(), "advice"),
                response_count=count_of(
                    Response.objects.all(), "recommendation__advice"
                ),
            )
        )

    @admin.display(description=_("beantwoord"), ordering="response_count")
    def answered(self, obj):
        return f"{obj.response_count}/{obj.recommendation_count}"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_sent:
            # Sent is frozen; only what the archive leaves out may still be set.
            editable = {"redacted_terms"}
            fields = [f.name for f in self.model._meta.fields if f.editable]
            return [*self.readonly_fields, *(f for f in fields if f not in editable)]
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.is_sent else self.prepopulated_fields

    @admin.display(description=_("reactie te laat"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue() if obj.status == AdviceStatus.SENT else None

    @admin.display(description=_("reacties"))
    def record_responses(self, obj):
        if obj.status not in SENT_STATUSES:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:advisories_advice_responses", args=[obj.pk]),
            _("Reacties vastleggen"),
        )

    def get_urls(self):
        own = [
            path(
                "<int:pk>/reacties/",
                self.admin_site.admin_view(self.responses_view),
                name="advisories_advice_responses",
            ),
            path(
                "<int:pk>/publiceren/",
                self.admin_site.admin_view(self.publish_view),
                name="advisories_advice_publish",
            ),
        ]
        return own + super().get_urls()

    def responses_view(self, request, pk):
        """One form for the municipality's response to each recommendation."""
        if not request.user.has_perm("advisories.add_response"):
            raise PermissionDenied
        advice = get_object_or_404(
            Advice.objects.filter(status__in=SENT_STATUSES).prefetch_related(
                Prefetch(
                    "recommendations",
                    queryset=Recommendation.objects.select_related("response"),
                )
            ),
            pk=pk,
        )
        recommendations = list(advice.recommendations.all())
        initial = []
        for recommendation in recommendations:
            response = recommendation.response_or_none
            initial.append(
                {
                    "verdict": response.verdict if response else "",
                    "reasons": response.reasons if response else "",
                    "responded_on": response.responded_on
                    if response
                    else timezone.localdate(),
                }
            )
        formset = ResponseFormSet(
            request.POST or None, initial=initial, prefix="reactie"
        )
        rows = list(zip(recommendations, formset.forms, strict=False))
        if request.method == "POST" and formset.is_valid():
            recorded = 0
            for recommendation, form in rows:
                if not form.has_changed() or not form.cleaned_data.get("verdict"):
                    continue
                services.response_record(
                    recommendation=recommendation,
                    verdict=form.cleaned_data["verdict"],
                    reasons=form.cleaned_data["reasons"],
                    responded_on=form.cleaned_data["responded_on"],
                    by=request.user,
                )
                recorded += 1
            self.message_user(
                request,
                _("%(count)d reacties vastgelegd bij “%(advice)s”.")
                % {"count": recorded, "advice": advice},
                messages.SUCCESS,
            )
            return redirect("admin:advisories_advice_responses", pk=advice.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reacties van de gemeente vastleggen"),
            "advice": advice,
            "formset": formset,
            "rows": rows,
            "error_list": response_errors(formset, rows),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "advisories/admin/responses.html", context)

    def has_publish_permission(self, request) -> bool:
        # Whoever records the municipality's responses publishes the answered advice.
        return request.user.has_perm("advisories.add_response")

    def publish_view(self, request, pk):
        """What the archive will show, with the names left out, before publishing."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        advice = get_object_or_404(Advice.objects.public(), pk=pk)
        if request.method == "POST":
            try:
                services.advice_publish(advice=advice)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("Het advies is gepubliceerd."))
            return redirect("admin:advisories_advice_change", advice.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Voorbeeld van de publicatie"),
            "advice": selectors.public_advice_detail(advice.slug),
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "advisories/admin/publish_preview.html", context
        )

    @admin.action(
        description=_("Publiceren (na een voorbeeld)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        advice = queryset.first()
        return redirect("admin:advisories_advice_publish", pk=advice.pk)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, AdviceAttachment) and not instance.pk:
                instance.uploaded_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(AdviceSection)
class AdviceSectionAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "advice", "position")
    # An advice's sections together, in the order of their unique index.
    ordering = ("advice_id", "position")
    list_filter = ("advice__council", "advice__status")
    list_select_related = ("advice",)
    search_fields = ("heading", "body", "advice__title")
    autocomplete_fields = ("advice",)
    fieldsets = (
        (_("Onderdeel"), {"fields": ("advice", "position", "heading", "body")}),
    )


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


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("number", "excerpt", "advice")
    list_display_links = ("number", "excerpt")
    list_filter = ("advice__council", "advice__status")
    list_select_related = ("advice",)
    search_fields = ("text", "advice__title")
    autocomplete_fields = ("advice",)
    fieldsets = ((_("Vraag"), {"fields": ("advice", "number", "text")}),)

    @admin.display(description=_("vraag"))
    def excerpt(self, obj):
        return _excerpt(obj.text)


@admin.register(AdviceAttachment)
class AdviceAttachmentAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    formfield_overrides = PRIVATE_FILE_OVERRIDES
    list_display = ("title", "advice", "uploaded_by", "uploaded_at")
    list_filter = ("advice__council",)
    list_select_related = ("advice", "uploaded_by")
    search_fields = ("title", "advice__title")
    autocomplete_fields = ("advice",)
    readonly_fields = ("uploaded_by", "uploaded_at")
    date_hierarchy = "uploaded_at"
    fieldsets = (
        (_("Bijlage"), {"fields": ("advice", "title", "file")}),
        (_("Herkomst"), {"fields": ("uploaded_by", "uploaded_at")}),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AdviceComment)
class AdviceCommentAdmin(admin.ModelAdmin):
    list_display = ("excerpt", "advice", "author", "created_at")
    list_filter = ("advice__council", "advice__status")
    list_select_related = ("advice", "author")
    search_fields = ("body", "advice__title")
    autocomplete_fields = ("advice", "author")
    readonly_fields = ("created_at",)
    date_hierarchy = "created_at"
    fieldsets = (
        (_("Opmerking"), {"fields": ("advice", "author", "body", "created_at")}),
    )

    @admin.display(description=_("opmerking"))
    def excerpt(self, obj):
        return _excerpt(obj.body)


@admin.register(AdviceCorrection)
class AdviceCorrectionAdmin(admin.ModelAdmin):
    list_display = ("excerpt", "advice", "made_on", "made_by")
    list_filter = ("advice__council",)
    list_select_related = ("advice", "made_by")
    search_fields = ("body", "advice__title")
    autocomplete_fields = ("advice",)
    readonly_fields = ("made_by", "created_at")
    date_hierarchy = "made_on"
    fieldsets = (
        (_("Correctie"), {"fields": ("advice", "body", "made_on")}),
        (_("Herkomst"), {"fields": ("made_by", "created_at")}),
    )

    @admin.display(description=_("correctie"))
    def excerpt(self, obj):
        return _excerpt(obj.body)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.made_by = request.user
        super().save_model(request, obj, form, change)
