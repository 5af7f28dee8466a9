"""Admin of activities, the social agenda and neighbourhood teams."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from core.admin import ConcurrentAdminMixin, LargeTableAdminMixin, RowHistoryMixin
from core.spreadsheets import AllOrNothingImportMixin

from .. import social_agenda, staffing
from ..models import (
    Activity,
    ActivitySchedule,
    Neighbourhood,
    NeighbourhoodTeam,
    SocialAgendaItem,
    TeamMember,
)
from ..resources import (
    ActivityResource,
    NeighbourhoodTeamResource,
    SocialAgendaItemResource,
    TeamMemberResource,
)


class ActivityScheduleInline(admin.TabularInline):
    model = ActivitySchedule
    fields = ("weekday", "starts_at", "ends_at")
    extra = 0


@admin.register(Activity)
class ActivityAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    LargeTableAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (ActivityResource,)
    # Many activities share a title: the id orders them, as the index does.
    ordering = ("title", "id")
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
class ActivityScheduleAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = ("activity", "weekday", "starts_at", "ends_at")
    # Each activity's times together, by the indexed key rather than by title.
    ordering = ("activity_id", "weekday", "starts_at")
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


class GapNeighbourhoodForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.select_related("municipality")
        .defer("boundary")
        .order_by("municipality__name", "name"),
    )


@admin.register(SocialAgendaItem)
class SocialAgendaItemAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (SocialAgendaItemResource,)
    change_list_template = "admin/neighbourhoods/socialagendaitem/change_list.html"
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

    def get_urls(self):
        return [
            path(
                "witte-vlekken/",
                self.admin_site.admin_view(self.gaps_view),
                name="neighbourhoods_socialagendaitem_gaps",
            ),
            *super().get_urls(),
        ]

    def gaps_view(self, request):
        """White spots and overlaps of one neighbourhood, as a list and a matrix."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = GapNeighbourhoodForm(request.GET or None)
        analysis = None
        if form.is_valid():
            analysis = social_agenda.gap_analysis(
                neighbourhood=form.cleaned_data["neighbourhood"],
                today=timezone.localdate(),
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Witte vlekken en overlap"),
            "opts": self.model._meta,
            "form": form,
            "analysis": analysis,
            "changelist_url": reverse(
                "admin:neighbourhoods_socialagendaitem_changelist"
            ),
        }
        return TemplateResponse(
            request, "admin/neighbourhoods/agenda_gaps.html", context
        )


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    fields = ("role", "organisation", "fte", "starts_on", "ends_on")
    autocomplete_fields = ("organisation",)
    extra = 0


@admin.register(NeighbourhoodTeam)
class NeighbourhoodTeamAdmin(
    RowHistoryMixin,
    ConcurrentAdminMixin,
    AllOrNothingImportMixin,
    ImportExportModelAdmin,
):
    resource_classes = (NeighbourhoodTeamResource,)
    list_display = ("name", "municipality", "planned_fte", "staffed_fte", "is_staffed")
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
        return staffing.teams_with_staffing(
            super().get_queryset(request), on=timezone.localdate()
        )

    @admin.display(description=_("bezette formatie (fte)"), ordering="staffed_fte")
    def staffed_fte(self, obj):
        """Fte of the members whose term covers today."""
        return obj.staffed_fte

    @admin.display(
        description=_("op volle sterkte"), boolean=True, ordering="is_staffed"
    )
    def is_staffed(self, obj):
        return obj.is_staffed


@admin.register(TeamMember)
class TeamMemberAdmin(AllOrNothingImportMixin, ImportExportModelAdmin):
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
