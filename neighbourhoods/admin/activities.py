"""Admin of activities, the social agenda and neighbourhood teams."""

from django.contrib import admin
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from ..models import (
    Activity,
    ActivitySchedule,
    NeighbourhoodTeam,
    SocialAgendaItem,
    TeamMember,
)
from ..resources import ActivityResource, SocialAgendaItemResource, TeamMemberResource


class ActivityScheduleInline(admin.TabularInline):
    model = ActivitySchedule
    fields = ("weekday", "starts_at", "ends_at")
    extra = 0


@admin.register(Activity)
class ActivityAdmin(ImportExportModelAdmin):
    resource_classes = (ActivityResource,)
    list_display = (
        "title",
        "organisation",
        "facility",
        "cost",
        "starts_on",
        "ends_on",
        "is_published",
    )
    list_filter = (
        "is_published",
        "organisation__kind",
        "facility__municipality",
        "target_groups",
        "themes",
    )
    list_select_related = ("organisation", "facility")
    search_fields = ("title", "description", "organisation__name", "facility__name")
    autocomplete_fields = ("organisation", "facility")
    filter_horizontal = ("target_groups", "themes")
    inlines = (ActivityScheduleInline,)
    fieldsets = (
        (
            _("Activiteit"),
            {"fields": ("title", "description", "organisation", "facility")},
        ),
        (_("Voor wie en waarover"), {"fields": ("target_groups", "themes")}),
        (
            _("Kosten en looptijd"),
            {"fields": ("cost", "cost_note", ("starts_on", "ends_on"))},
        ),
        (
            _("Contact en publicatie"),
            {"fields": ("contact_email", "contact_phone", "is_published")},
        ),
    )


@admin.register(ActivitySchedule)
class ActivityScheduleAdmin(admin.ModelAdmin):
    list_display = ("activity", "weekday", "starts_at", "ends_at")
    list_filter = ("weekday", "activity__facility__municipality")
    list_select_related = ("activity",)
    search_fields = ("activity__title",)
    autocomplete_fields = ("activity",)
    fieldsets = (
        (
            _("Tijdstip"),
            {"fields": ("activity", "weekday", ("starts_at", "ends_at"))},
        ),
    )


@admin.register(SocialAgendaItem)
class SocialAgendaItemAdmin(ImportExportModelAdmin):
    resource_classes = (SocialAgendaItemResource,)
    list_display = (
        "title",
        "neighbourhood",
        "priority",
        "status",
        "team",
        "created_on",
    )
    list_filter = ("status", "priority", "neighbourhood__municipality", "themes")
    list_select_related = ("neighbourhood", "team")
    search_fields = ("title", "description", "neighbourhood__name", "source")
    autocomplete_fields = ("neighbourhood", "team")
    filter_horizontal = ("target_groups", "themes")
    date_hierarchy = "created_on"
    fieldsets = (
        (
            _("Vraagstuk"),
            {"fields": ("neighbourhood", "title", "description", "source")},
        ),
        (_("Voor wie en waarover"), {"fields": ("target_groups", "themes")}),
        (_("Opvolging"), {"fields": ("priority", "status", "team")}),
    )


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    fields = ("role", "organisation", "fte", "starts_on", "ends_on")
    autocomplete_fields = ("organisation",)
    extra = 0


@admin.register(NeighbourhoodTeam)
class NeighbourhoodTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "planned_fte", "staffed_fte")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name", "municipality__name")
    autocomplete_fields = ("neighbourhoods",)
    inlines = (TeamMemberInline,)
    fieldsets = (
        (_("Wijkteam"), {"fields": ("name", "municipality", "neighbourhoods")}),
        (_("Formatie"), {"fields": ("planned_fte",)}),
        (_("Contact"), {"fields": ("email", "phone")}),
    )

    def get_queryset(self, request):
        today = timezone.localdate()
        current = (
            Q(members__starts_on__isnull=True) | Q(members__starts_on__lte=today)
        ) & (Q(members__ends_on__isnull=True) | Q(members__ends_on__gte=today))
        return (
            super()
            .get_queryset(request)
            .annotate(current_fte=Sum("members__fte", filter=current))
        )

    @admin.display(description=_("bezette formatie (fte)"), ordering="current_fte")
    def staffed_fte(self, obj):
        """Fte of the members whose term covers today."""
        return obj.current_fte or 0


@admin.register(TeamMember)
class TeamMemberAdmin(ImportExportModelAdmin):
    resource_classes = (TeamMemberResource,)
    list_display = ("role", "team", "organisation", "fte", "starts_on", "ends_on")
    list_filter = ("team__municipality", "organisation__kind")
    list_select_related = ("team", "organisation")
    search_fields = ("role", "team__name", "organisation__name")
    autocomplete_fields = ("team", "organisation")
    fieldsets = (
        (_("Lid"), {"fields": ("team", "organisation", "role")}),
        (_("Inzet"), {"fields": ("fte", ("starts_on", "ends_on"))}),
    )
