"""List filters shared by the social map's changelists."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import OrganisationRole


class InUseFilter(admin.SimpleListFilter):
    """Whether anything links to a row through `relations`."""

    title = _("in gebruik")
    parameter_name = "in_gebruik"
    relations: tuple[str, ...] = ()

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nee", _("Nee"))]

    def queryset(self, request, queryset):
        linked = Q()
        for relation in self.relations:
            linked |= Q(**{f"{relation}__isnull": False})
        # A subquery, so that rows linked many times are not repeated.
        used = queryset.model.objects.filter(linked).values("pk")
        if self.value() == "ja":
            return queryset.filter(pk__in=used)
        if self.value() == "nee":
            return queryset.exclude(pk__in=used)
        return queryset


class HasNeighbourhoodsFilter(InUseFilter):
    title = _("wijken geïmporteerd")
    parameter_name = "met_wijken"
    relations = ("neighbourhoods",)


class TermInUseFilter(InUseFilter):
    relations = ("facilities", "activities", "agenda_items")


class FunctionInUseFilter(InUseFilter):
    relations = ("facilities",)


class OrganisationRoleFilter(admin.SimpleListFilter):
    title = _("rol")
    parameter_name = "rol"

    def lookups(self, request, model_admin):
        return OrganisationRole.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(roles__contains=[self.value()])
        return queryset
