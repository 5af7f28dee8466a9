"""Public pages: the subsidy register with its downloads, and the budget overview."""

import csv
import json
from typing import Any

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.generic import ListView, TemplateView

from core import public_pages as page_cache

from ..models import BudgetLine
from . import charts, exports, selectors
from .forms import DashboardForm, RegisterFilterForm

HOME = pgettext_lazy("hoofdmenu", "Home")
SUBSIDIES = gettext_lazy("Subsidies")


def _breadcrumbs(*trail) -> list:
    return [(HOME, reverse("neighbourhoods:home")), *trail]


def _register_queryset(request: HttpRequest):
    grants = selectors.public_grant_list()
    form = RegisterFilterForm(request.GET or None)
    return form, selectors.filter_grants(grants, **form.filters())


class CountedPaginator(Paginator):
    """A paginator told its count, which the register's totals query already has:
    no COUNT(*) of its own over every grant."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


class GrantRegisterView(ListView):
    """The public subsidy register: every decision on a grant, with filters.

    One aggregate query gives the totals and the number of grants (which the
    paginator uses), from the summed totals when the filters allow; the page then
    reads only its 50 rows."""

    template_name = "policy/subsidies/register.html"
    context_object_name = "grants"
    paginate_by = 50

    def get_queryset(self):
        self.form = RegisterFilterForm(self.request.GET or None)
        filters = self.form.filters()
        self.totals = selectors.register_totals(filters)
        grants = selectors.filter_grants(selectors.public_grant_list(), **filters)
        return selectors.register_page_rows(grants)

    def get_paginator(self, queryset, per_page, orphans=0, **kwargs):
        return CountedPaginator(
            queryset, per_page, orphans=orphans, count=self.totals["count"], **kwargs
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.copy()
        query.pop("page", None)
        kwargs.update(
            form=self.form,
            totals=self.totals,
            query=query.urlencode(),
            breadcrumbs=_breadcrumbs((SUBSIDIES, self.request.path)),
        )
        context = super().get_context_data(**kwargs)
        fields = self.form.fields
        context["grants"] = selectors.label_register_rows(
            context["object_list"],
            municipality_names={m.pk: m.name for m in fields["gemeente"].rows()},
            theme_names={t.pk: t.name for t in fields["thema"].rows()},
        )
        return context


class Echo:
    """A file-like object that hands each written line straight back."""

    def write(self, value: str) -> str:
        return value


def register_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, grants = _register_queryset(request)
    writer = csv.writer(Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in exports.csv_rows(grants.iterator(2000))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="subsidieregister.csv"'
    return response


def register_json(request: HttpRequest) -> HttpResponse:
    form, grants = _register_queryset(request)
    if form.is_bound and not form.is_valid():
        page_cache.not_shared(request)
    source = request.build_absolute_uri(reverse("policy:subsidy-register"))
    document = {
        "$schema": "https://standard.threesixtygiving.org/en/latest/_static/"
        "360-giving-package-schema.json",
        "version": "1.4",
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "publisher": {"name": _("Welzijnsportaal"), "website": source},
        "dataGenerated": timezone.now().isoformat(timespec="seconds"),
        "grants": [
            exports.grant_360(grant, base_url=source) for grant in grants.iterator(2000)
        ],
    }
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="subsidieregister.json"'
    return response


def dashboard_context(
    request: HttpRequest, *, page_title, public: bool = True
) -> dict[str, Any]:
    """The budget dashboard's figures and charts for the municipality, framework and
    year in the query string; shared by the public page and the admin page, which
    alone (``public=False``) shows frameworks that are not adopted."""
    # Every municipality with schemes or a budget, by name: read once, for the choice
    # and for the select.
    municipalities = list(DashboardForm.municipalities(public=public))
    slug = request.GET.get("gemeente")
    municipality = next(
        (m for m in municipalities if slug and m.slug == slug),
        municipalities[0] if municipalities else None,
    )
    if municipality is None:
        return {"dashboard": None, "page_title": page_title}
    framework_slug = request.GET.get("beleidskader") or ""
    frameworks = municipality.frameworks.all()
    if public:
        frameworks = frameworks.public()
    framework = (
        frameworks.filter(slug=framework_slug).first() if framework_slug else None
    )
    years = selectors.dashboard_years(municipality, framework, public=public)
    try:
        year = int(request.GET.get("jaar") or 0) or None
    except ValueError:
        year = None
    if year not in years:
        year = years[0] if years else None
    form = DashboardForm(
        initial={
            "gemeente": municipality.slug,
            "beleidskader": framework.slug if framework else "",
            "jaar": year,
        },
        municipality=municipality,
        municipalities=municipalities,
        years=years,
        public=public,
    )
    dashboard = selectors.budget_dashboard(
        municipality, year=year, framework=framework, public=public
    )
    lines = BudgetLine.objects.public() if public else BudgetLine.objects.all()
    return {
        "page_title": page_title,
        "form": form,
        "dashboard": dashboard,
        "charts": _charts(dashboard),
        "has_budget": lines.filter(framework__municipality=municipality).exists(),
    }


def _charts(dashboard: selectors.Dashboard) -> dict[str, charts.BarChart]:
    where = dashboard.framework or dashboard.municipality
    year = dashboard.year
    result = {
        "years": charts.bar_chart(
            chart_id="grafiek-per-jaar",
            title=_("Begroting, verleend en vastgesteld per jaar"),
            description=_("%(where)s: begroting, verleend en vastgesteld per jaar.")
            % {"where": where},
            rows=[
                (
                    str(y.year),
                    {"budget": y.budget, "granted": y.granted, "settled": y.settled},
                )
                for y in reversed(dashboard.years)
            ],
            series=[
                charts.Series("budget", _("Begroting")),
                charts.Series("granted", _("Verleend")),
                charts.Series("settled", pgettext("subsidie", "Vastgesteld")),
            ],
        ),
        "categories": charts.bar_chart(
            chart_id="grafiek-per-categorie",
            title=_("Verleend per categorie in %(year)s") % {"year": year},
            description=_(
                "Het deel voor exploitatie van gebouwen, functies en "
                "bewonersinitiatieven."
            ),
            rows=[
                (c.label, {"budget": c.budget, "granted": c.granted})
                for c in dashboard.categories
            ],
            series=[
                charts.Series("budget", _("Begroting")),
                charts.Series("granted", _("Verleend")),
            ],
        ),
        "cuts": charts.bar_chart(
            chart_id="grafiek-bezuinigingen",
            title=_("Bezuinigingen per jaar"),
            description=_("Opgelegde bezuinigingen en wat daarvan nog te vinden is."),
            rows=[
                (str(y.year), {"cuts": y.cuts, "to_find": y.cuts_to_find})
                for y in reversed(dashboard.years)
                if y.cuts
            ],
            series=[
                charts.Series("cuts", _("Bezuiniging")),
                charts.Series("to_find", _("Nog te vinden")),
            ],
        ),
        "neighbourhoods": charts.bar_chart(
            chart_id="grafiek-per-wijk",
            title=_("Verleend per inwoner per wijk in %(year)s") % {"year": year},
            description=_("Euro per inwoner, per wijk van de begunstigden."),
            rows=[
                (n.name, {"per_inhabitant": n.per_inhabitant})
                for n in dashboard.neighbourhoods
                if n.per_inhabitant is not None
            ],
            series=[charts.Series("per_inhabitant", _("Per inwoner"))],
        ),
        "recipients": charts.bar_chart(
            chart_id="grafiek-ontvangers",
            title=_("Grootste ontvangers in %(year)s") % {"year": year},
            description=_("De organisaties met het hoogste verleende bedrag."),
            rows=[
                (r["organisation__name"], {"granted": r["total"]})
                for r in dashboard.top_recipients
            ],
            series=[charts.Series("granted", _("Verleend"))],
        ),
    }
    return result


class BudgetDashboardView(TemplateView):
    """Where the money goes: budget, grants, cuts, neighbourhoods and recipients."""

    template_name = "policy/subsidies/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.update(dashboard_context(self.request, page_title=_("Begroting")))
        form = kwargs.get("form")
        chosen = form.initial if form is not None else {}
        if any(
            str(chosen.get(name) or "") != value
            for name, value in self.request.GET.items()
            if value
        ):
            # Not what was asked for but the default instead: not stored for others.
            page_cache.not_shared(self.request)
        kwargs["breadcrumbs"] = _breadcrumbs(
            (SUBSIDIES, reverse("policy:subsidy-register")),
            (_("Begroting"), self.request.path),
        )
        return super().get_context_data(**kwargs)
