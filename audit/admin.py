"""The audit log in the admin: read-only, and a mixin that shows an object's trail."""

import json
from functools import partial

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.history import row_history

from .models import AuditEntry

dumps = partial(json.dumps, ensure_ascii=False)


def format_changes(changes: dict) -> str:
    if not changes:
        return ""
    rows = []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = value
            rows.append(
                (
                    field,
                    f"{dumps(old)} → {dumps(new)}",
                )
            )
        else:
            rows.append((field, json.dumps(value, ensure_ascii=False)))
    return format_html(
        '<dl class="audit-changes">{}</dl>',
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "timestamp",
        "action",
        "username",
        "ip_address",
        "content_type",
        "object_repr",
    ]
    list_filter = ["action", "content_type", "timestamp"]
    search_fields = ["username", "object_repr", "object_id", "ip_address"]
    date_hierarchy = "timestamp"
    list_select_related = ["content_type"]
    # The log only grows: a filtered list does not count every entry besides.
    show_full_result_count = False
    fields = [
        "timestamp",
        "action",
        "user",
        "username",
        "ip_address",
        "content_type",
        "object_id",
        "object_repr",
        "changes_display",
    ]
    readonly_fields = fields

    @admin.display(description=_("wijzigingen"))
    def changes_display(self, obj):
        return format_changes(obj.changes)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Links from an object's history page: ?content_type=<id>&object_id=<pk>
        object_id = request.GET.get("object_id")
        if object_id is not None:
            queryset = queryset.filter(object_id=object_id)
        return queryset

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "object_id" or super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditHistoryMixin:
    """ModelAdmin mixin: the object's "Geschiedenis" page shows its audit trail.

    Use as ``class FrameworkAdmin(AuditHistoryMixin, admin.ModelAdmin)``. The page lists
    who changed what and when, newest first, with each field's old and new value.
    """

    audit_history_template = "audit/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        entries = AuditEntry.objects.for_object(obj).select_related("user")[:500]
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Geschiedenis van %s") % obj,
            "subtitle": None,
            "entries": [(entry, format_changes(entry.changes)) for entry in entries],
            "row_history": row_history(obj),
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": obj,
            "opts": self.opts,
            "preserved_filters": self.get_preserved_filters(request),
            "full_log_url": (
                reverse("admin:audit_auditentry_changelist")
                + f"?content_type__id__exact={content_type.pk}&object_id={obj.pk}"
            ),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.audit_history_template, context)
