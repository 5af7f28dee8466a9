"""The audit log in the admin: read-only, and a mixin that shows an object's trail."""

import json
from functools import partial

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.history import LABELS, event_models, row_history

from .models import AuditEntry, RowChange

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


class RowChangeActionFilter(admin.SimpleListFilter):
    title = _("handeling")
    parameter_name = "handeling"

    def lookups(self, request, model_admin):
        return list(LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in LABELS:
            return queryset.filter(pgh_label=self.value())
        return queryset


class RowChangeTableFilter(admin.SimpleListFilter):
    title = _("soort gegeven")
    parameter_name = "soort"

    def lookups(self, request, model_admin):
        return sorted(
            (
                (event._meta.label, capfirst(str(tracked(event)._meta.verbose_name)))
                for event in event_models()
            ),
            key=lambda pair: pair[1],
        )

    def queryset(self, request, queryset):
        models = {event._meta.label: event for event in event_models()}
        if self.value() in models:
            # One table instead of the union of all of them.
            return queryset.across(models[self.value()])
        return queryset


def tracked(event_model):
    return event_model._meta.get_field("pgh_obj").related_model


@admin.register(RowChange)
class RowChangeAdmin(admin.ModelAdmin):
    """Read-only list of every change the history triggers wrote, newest first."""

    list_display = ["pgh_created_at", "who", "action", "what", "pgh_obj_id", "changes"]
    list_display_links = None
    list_filter = [RowChangeActionFilter, RowChangeTableFilter]
    # The list is a union of every history table: no full count besides the page.
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request):
        return RowChange.objects.order_by("-pgh_created_at", "-pgh_id")

    @admin.display(description=_("gebruiker"))
    def who(self, obj):
        return (obj.pgh_context or {}).get("username") or _("onbekend")

    @admin.display(description=_("handeling"))
    def action(self, obj):
        return LABELS.get(obj.pgh_label, obj.pgh_label)

    @admin.display(description=_("soort gegeven"))
    def what(self, obj):
        model = apps.get_model(obj.pgh_obj_model)
        return capfirst(str(model._meta.verbose_name))

    @admin.display(description=_("wijzigingen"))
    def changes(self, obj):
        return format_changes(obj.pgh_diff or {})

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
