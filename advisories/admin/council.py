"""Admin of advisory councils and their members' terms."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.spreadsheets import AllOrNothingImportMixin

from ..models import AdvisoryCouncil, Membership
from ..resources import MembershipResource

NO_MUNICIPALITY_ADDRESS_WARNING = _(
    "Deze adviesraad heeft geen e-mailadres van de gemeente: verzonden adviezen worden "
    "dan niet naar de gemeente gemaild. Vul het in onder Contact."
)


class CurrentMembershipFilter(admin.SimpleListFilter):
    title = _("huidig lid")
    parameter_name = "huidig"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nee", _("Nee"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        current = Q(starts_on__lte=today) & (
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )
        if self.value() == "ja":
            return queryset.filter(current)
        if self.value() == "nee":
            return queryset.exclude(current)
        return queryset


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "role", "starts_on", "ends_on")
    autocomplete_fields = ("user",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(AdvisoryCouncil)
class AdvisoryCouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "municipality", "advice_count")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)
    fieldsets = (
        (_("Adviesraad"), {"fields": ("name", "short_name", "slug", "municipality")}),
        (
            _("Contact"),
            {"fields": ("email", "postal_address", "municipality_contact_email")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(advice_count=Count("advices"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        council = self.get_object(request, object_id)
        if (
            request.method == "GET"
            and council is not None
            and not council.municipality_contact_email
        ):
            self.message_user(
                request, NO_MUNICIPALITY_ADDRESS_WARNING, messages.WARNING
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("adviezen"), ordering="advice_count")
    def advice_count(self, obj):
        return obj.advice_count


@admin.register(Membership)
class MembershipAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
    resource_classes = (MembershipResource,)
    list_display = ("user", "council", "role", "starts_on", "ends_on")
    list_filter = (CurrentMembershipFilter, "role", "council")
    # The label of a membership names the user and the council.
    list_select_related = ("user", "council")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "council__name",
    )
    autocomplete_fields = ("user",)
    date_hierarchy = "starts_on"
    fieldsets = (
        (_("Lidmaatschap"), {"fields": ("council", "user", "role")}),
        (_("Termijn"), {"fields": (("starts_on", "ends_on"),)}),
    )
