"""Admin of advice with its sections, recommendations, questions and attachments
inline, frozen once the advice is sent.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from core.admin import (
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    RowHistoryMixin,
    count_of,
)
from core.spreadsheets import DutchExportFilenameMixin
from core.uploads import PRIVATE_FILE_OVERRIDES

from .. import selectors, services
from ..models import (
    SENT_STATUSES,
    Advice,
    AdviceAttachment,
    AdviceSection,
    AdviceStatus,
    Question,
    Recommendation,
    Response,
)
from ..resources import AdviceResource
from .responses import ResponseFormSet, response_errors


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
