"""Failed mail in the admin: which message, to whom, which attempt, and why."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from ..models import FailedMail

# The library's list of every task is English and technical; staff see failed mail.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class FinalAttemptFilter(admin.SimpleListFilter):
    title = _("opgegeven")
    parameter_name = "opgegeven"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja, geen nieuwe poging")), ("nee", _("Nee, wordt herhaald"))]

    def queryset(self, request, queryset):
        final = {"args_kwargs__kwargs__attempt__gte": settings.EMAIL_DELIVERY_ATTEMPTS}
        if self.value() == "ja":
            return queryset.filter(**final)
        if self.value() == "nee":
            return queryset.exclude(**final)
        return queryset


@admin.register(FailedMail)
class FailedMailAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipients", "attempt_label", "finished_at", "error")
    list_filter = (FinalAttemptFilter,)
    search_fields = ("args_kwargs__kwargs__message__subject",)
    date_hierarchy = "finished_at"
    fieldsets = (
        (
            _("E-mail"),
            {"fields": ("subject", "recipients", "body")},
        ),
        (
            _("Bezorging"),
            {"fields": ("attempt_label", "enqueued_at", "finished_at", "error")},
        ),
        (_("Technische details"), {"fields": ("traceback",)}),
    )
    readonly_fields = (
        "subject",
        "recipients",
        "body",
        "attempt_label",
        "enqueued_at",
        "finished_at",
        "error",
        "traceback",
    )

    def get_queryset(self, request):
        return FailedMail.objects.failed()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("onderwerp"))
    def subject(self, obj: FailedMail) -> str:
        return obj.subject

    @admin.display(description=_("aan"))
    def recipients(self, obj: FailedMail) -> str:
        return obj.recipients

    @admin.display(description=_("tekst"))
    def body(self, obj: FailedMail) -> str:
        return obj.message["body"]

    @admin.display(description=_("poging"))
    def attempt_label(self, obj: FailedMail) -> str:
        total = settings.EMAIL_DELIVERY_ATTEMPTS
        if obj.attempt >= total:
            return _("%(attempt)d van %(total)d: opgegeven") % {
                "attempt": obj.attempt,
                "total": total,
            }
        return _("%(attempt)d van %(total)d: wordt opnieuw geprobeerd") % {
            "attempt": obj.attempt,
            "total": total,
        }

    @admin.display(description=_("fout"))
    def error(self, obj: FailedMail) -> str:
        lines = obj.traceback.strip().splitlines()
        return lines[-1] if lines else obj.exception_class_path
