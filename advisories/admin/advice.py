"""Admin of advice with its sections, recommendations, questions, attachments
and comments, and of the municipality's responses to the recommendations.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportExportModelAdmin

from ..models import (
    Advice,
    AdviceAttachment,
    AdviceComment,
    AdviceSection,
    Question,
    Recommendation,
    Response,
)
from ..resources import AdviceResource, RecommendationResource, ResponseResource


def _excerpt(text: str) -> str:
    return Truncator(text).chars(80)


class AdviceSectionInline(admin.StackedInline):
    model = AdviceSection
    fields = ("position", "heading", "body")
    extra = 0


class RecommendationInline(admin.TabularInline):
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


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("number", "text")
    extra = 0


class AdviceAttachmentInline(admin.TabularInline):
    model = AdviceAttachment
    fields = ("title", "file", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(Advice)
class AdviceAdmin(ExportMixin, admin.ModelAdmin):
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
    )
    list_filter = ("status", "kind", "addressee", "council")
    list_select_related = ("council",)
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("request", "framework", "author")
    readonly_fields = ("created_at", "updated_at")
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
        (_("Herkomst"), {"fields": ("author", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        # A recommendation has at most one response, so the two counts share a join.
        return (
            super()
            .get_queryset(request)
            .annotate(
                recommendation_count=Count("recommendations"),
                response_count=Count("recommendations__response"),
            )
        )

    @admin.display(description=_("beantwoord"), ordering="response_count")
    def answered(self, obj):
        return f"{obj.response_count}/{obj.recommendation_count}"

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, AdviceAttachment) and not instance.pk:
                instance.uploaded_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(AdviceSection)
class AdviceSectionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "advice", "position")
    list_filter = ("advice__council", "advice__status")
    list_select_related = ("advice",)
    search_fields = ("heading", "body", "advice__title")
    autocomplete_fields = ("advice",)
    fieldsets = (
        (_("Onderdeel"), {"fields": ("advice", "position", "heading", "body")}),
    )


class ResponseInline(admin.StackedInline):
    model = Response
    fields = ("verdict", "reasons", "responded_on", "recorded_by")
    readonly_fields = ("recorded_by",)
    extra = 0
    max_num = 1


@admin.register(Recommendation)
class RecommendationAdmin(ExportMixin, admin.ModelAdmin):
    resource_classes = (RecommendationResource,)
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


@admin.register(Response)
class ResponseAdmin(ImportExportModelAdmin):
    resource_classes = (ResponseResource,)
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
class AdviceAttachmentAdmin(admin.ModelAdmin):
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
