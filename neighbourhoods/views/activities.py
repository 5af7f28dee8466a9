"""The activities and the organisations that run them."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from .. import selectors
from ..filters import (
    ActivityFilterForm,
    OrganisationFilterForm,
)
from ..models import Organisation
from .common import (
    HOME,
    BreadcrumbsMixin,
    FilteredListMixin,
    report_error_url,
)


class ActivityListView(FilteredListMixin, ListView):
    """All current activities, with filters that combine."""

    template_name = "neighbourhoods/activity_list.html"
    context_object_name = "activities"
    form_class = ActivityFilterForm

    def get_queryset(self):
        form = self.get_form()
        activities = selectors.activity_list(
            filters=form.filters, today=timezone.localdate(), sort=form.sort
        )
        return selectors.activity_page_rows(activities)

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Activiteiten"), self.request.path),
        ]


class ActivityDetailView(BreadcrumbsMixin, DetailView):
    """One activity: when, where, for whom, cost, organiser."""

    template_name = "neighbourhoods/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        return selectors.activity_detail()

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Activiteiten"), reverse("neighbourhoods:activity-list")),
            (self.object.title, self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["report_error_url"] = report_error_url(
            self.object.title, self.request.build_absolute_uri()
        )
        return super().get_context_data(**kwargs)


class OrganisationListView(FilteredListMixin, ListView):
    """All organisations, formal and informal."""

    template_name = "neighbourhoods/organisation_list.html"
    context_object_name = "organisations"
    form_class = OrganisationFilterForm

    def get_queryset(self):
        return selectors.organisation_list(filters=self.get_form().filters)

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Organisaties"), self.request.path),
        ]


class OrganisationDetailView(BreadcrumbsMixin, DetailView):
    """One organisation with its places, neighbourhoods and activities."""

    template_name = "neighbourhoods/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return selectors.organisation_detail(today=timezone.localdate())

    def get_breadcrumbs(self) -> list[tuple[str | Promise, str]]:
        return [
            (HOME, reverse("neighbourhoods:home")),
            (_("Organisaties"), reverse("neighbourhoods:organisation-list")),
            (self.object.name, self.request.path),
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        organisation: Organisation = self.object
        places = {
            place.pk: place
            for place in [
                *organisation.operated_facilities.all(),
                *organisation.owned_facilities.all(),
            ]
        }
        kwargs["places"] = sorted(places.values(), key=lambda place: place.name)
        kwargs["report_error_url"] = report_error_url(
            organisation.name, self.request.build_absolute_uri()
        )
        return super().get_context_data(**kwargs)
