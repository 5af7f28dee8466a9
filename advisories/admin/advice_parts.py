"""Admin of the parts of an advice on their own: sections, questions, attachments,
comments and corrections.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import LargeTableAdminMixin
from core.uploads import PRIVATE_FILE_OVERRIDES, PrivateFileAdminMixin

from ..models import (
    AdviceAttachment,
    AdviceComment,
    AdviceCorrection,
    AdviceSection,
    Question,
)
from .responses import _excerpt


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
