"""Budget dashboards (public and admin), the public subsidy register and its
downloads, and the register import in the admin."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policy.models import BudgetCategory, Grant, GrantStatus
from policy.subsidies import charts
from policy.subsidies.selectors import budget_dashboard, per_inhabitant
from testdata.neighbourhoods import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    PopulationFactory,
    ThemeFactory,
)
from testdata.policy import (
    BudgetLineFactory,
    CutFactory,
    GrantFactory,
    GrantReportFactory,
    PolicyFrameworkFactory,
    SubsidySchemeFactory,
)

pytestmark = pytest.mark.django_db


def test_per_inhabitant():
    assert per_inhabitant(Decimal("1000000"), 3) == Decimal("333333.33")
    assert per_inhabitant(Decimal("215000"), 215_000) == Decimal("1.00")
    assert per_inhabitant(Decimal("100"), None) is None
    assert per_inhabitant(Decimal("100"), 0) is None
    assert per_inhabitant(None, 10) is None


@pytest.fixture
def almere():
    municipality = MunicipalityFactory(name="Almere", slug="almere", cbs_code="GM0034")
    framework = PolicyFrameworkFactory(
        municipality=municipality, title="WELzijn", adopted=True
    )
    buildings = SubsidySchemeFactory(
        municipality=municipality,
        framework=framework,
        name="Exploitatie wijkcentra",
        category=BudgetCategory.BUILDINGS,
        ceiling=None,
    )
    initiatives = SubsidySchemeFactory(
        municipality=municipality,
        framework=framework,
        name="Bewonersinitiatieven",
        category=BudgetCategory.INITIATIVES,
        ceiling=None,
    )
    haven = NeighbourhoodFactory(municipality=municipality, name="Haven", slug="haven")
    buiten = NeighbourhoodFactory(
        municipality=municipality, name="Buiten", slug="buiten"
    )
    PopulationFactory(municipality=municipality, year=2023, inhabitants=200_000)
    PopulationFactory(municipality=municipality, year=2024, inhabitants=215_000)
    PopulationFactory(
        municipality=municipality, neighbourhood=haven, year=2022, inhabitants=10_000
    )
    schoor = OrganisationFactory(
        name="De Schoor", slug="de-schoor", municipality=municipality
    )
    theme = ThemeFactory(name="Buurtontmoeting", slug="buurtontmoeting")
    BudgetLineFactory(
        framework=framework,
        year=2024,
        category=BudgetCategory.BUILDINGS,
        amount=Decimal("800000"),
    )
    BudgetLineFactory(
        framework=framework,
        year=2024,
        category=BudgetCategory.INITIATIVES,
        amount=Decimal("200000"),
    )
    BudgetLineFactory(
        framework=framework,
        year=2023,
        category=BudgetCategory.BUILDINGS,
        amount=Decimal("900000"),
    )
    CutFactory(
        framework=framework, year=2014, amount=Decimal("700000"), is_realised=True
    )
    CutFactory(
        framework=framework, year=2015, amount=Decimal("375000"), is_realised=False
    )
    GrantFactory(
        scheme=buildings,
        organisation=schoor,
        year=2024,
        settled=True,
        amount_granted=Decimal("500000"),
        amount_settled=Decimal("480000"),
        neighbourhood=haven,
        theme=theme,
        purpose="Wijkcentrum De Vlinder",
    )
    GrantFactory(
        scheme=initiatives,
        year=2024,
        granted=True,
        amount_granted=Decimal("50000"),
        neighbourhood=buiten,
        purpose="Buurtbarbecue",
    )
    GrantFactory(
        scheme=initiatives,
        year=2024,
        status=GrantStatus.REFUSED,
        amount_granted=0,
        purpose="Afgewezen plan",
    )
    GrantFactory(scheme=initiatives, year=2024, purpose="Nog in behandeling")
    GrantFactory(
        scheme=buildings, year=2023, granted=True, amount_granted=Decimal("600000")
    )
    return municipality


def test_dashboard_figures(almere, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        dashboard = budget_dashboard(almere, year=2024)
    current = dashboard.current
    assert (current.budget, current.granted, current.settled) == (
        Decimal("1000000"),
        Decimal("550000"),
        Decimal("480000"),
    )
    assert current.share_granted == Decimal("55.0")
    assert [(y.year, y.granted) for y in dashboard.years] == [
        (2014, 0),
        (2015, 0),
        (2023, Decimal("600000")),
        (2024, Decimal("550000")),
    ]
    shares = {c.category: (c.budget, c.granted, c.share) for c in dashboard.categories}
    assert shares == {
        BudgetCategory.BUILDINGS: (
            Decimal("800000"),
            Decimal("500000"),
            Decimal("90.9"),
        ),
        BudgetCategory.INITIATIVES: (
            Decimal("200000"),
            Decimal("50000"),
            Decimal("9.1"),
        ),
    }
    assert (dashboard.inhabitants, dashboard.population_year) == (215_000, 2024)
    assert dashboard.granted_per_inhabitant == Decimal("2.56")
    haven, buiten = dashboard.neighbourhoods
    assert (haven.name, haven.granted, haven.inhabitants, haven.population_year) == (
        "Haven",
        Decimal("500000"),
        10_000,
        2022,
    )
    assert haven.per_inhabitant == Decimal("50.00")
    assert buiten.per_inhabitant is None  # no population known
    assert (dashboard.total_cuts, dashboard.total_cuts_to_find) == (
        Decimal("1075000"),
        Decimal("375000"),
    )
    assert dashboard.top_recipients[0]["organisation__name"] == "De Schoor"


def test_public_dashboard_page(client, almere, django_assert_max_num_queries):
    url = reverse("policy:budget-dashboard")
    with django_assert_max_num_queries(20):
        response = client.get(url, {"gemeente": "almere", "jaar": "2024"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "€\xa0550.000" in page
    assert "€\xa02,56" in page
    assert "<svg" in page and 'role="img"' in page
    assert "<script" not in page and 'style="' not in page
    assert "Exploitatie van gebouwen" in page and "90,9 %" in page
    assert "De Schoor" in page
    assert "€\xa0375.000" in page  # cuts still to find


def test_public_register_filters_totals_and_downloads(
    client, almere, django_assert_max_num_queries
):
    url = reverse("policy:subsidy-register")
    with django_assert_max_num_queries(15):
        response = client.get(url, {"gemeente": "almere", "jaar": "2024"})
    page = response.content.decode()
    assert "Wijkcentrum De Vlinder" in page and "Afgewezen plan" in page
    # Applications still being considered are not public.
    assert "Nog in behandeling" not in page
    assert response.context["totals"]["granted"] == Decimal("550000")
    assert response.context["totals"]["count"] == 3

    response = client.get(url, {"wijk": "haven"})
    assert [g["purpose"] for g in response.context["grants"]] == [
        "Wijkcentrum De Vlinder"
    ]
    response = client.get(url, {"thema": "buurtontmoeting"})
    assert response.context["totals"]["count"] == 1
    response = client.get(url, {"organisatie": "schoor"})
    assert response.context["totals"]["granted"] == Decimal("500000")
    scheme = Grant.objects.get(purpose="Buurtbarbecue").scheme
    response = client.get(url, {"regeling": scheme.slug, "jaar": "2024"})
    assert response.context["totals"]["count"] == 2

    response = client.get(reverse("policy:subsidy-register-csv"), {"wijk": "haven"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["kenmerk", "jaar", "tot_en_met_jaar"]
    assert len(rows) == 2
    assert rows[1][rows[0].index("verleend")] == "500000.00"
    assert rows[1][rows[0].index("wijk_cbs_code")].startswith("WK")

    response = client.get(
        reverse("policy:subsidy-register-json"), {"organisatie": "schoor"}
    )
    document = json.loads(response.content)
    (grant,) = document["grants"]
    assert grant["amountAwarded"] == 500000
    assert grant["amountDisbursed"] == 480000
    assert grant["currency"] == "EUR"
    assert grant["recipientOrganization"][0]["name"] == "De Schoor"
    assert grant["fundingOrganization"][0]["name"] == "Almere"
    assert grant["grantProgramme"][0]["title"] == "Exploitatie wijkcentra"
    assert grant["beneficiaryLocation"][0]["geoCode"].startswith("WK")


def test_recipient_with_kvk_gets_its_org_id(client, almere):
    Grant.objects.filter(purpose="Wijkcentrum De Vlinder").update()
    schoor = Grant.objects.get(purpose="Wijkcentrum De Vlinder").organisation
    schoor.kvk_number = "41187231"
    schoor.save()
    response = client.get(
        reverse("policy:subsidy-register-json"), {"organisatie": "41187231"}
    )
    (grant,) = json.loads(response.content)["grants"]
    assert grant["recipientOrganization"][0]["id"] == "NL-KVK-41187231"


def test_admin_dashboard_flags_late_reports(admin_client, almere):
    grant = Grant.objects.get(purpose="Wijkcentrum De Vlinder")
    GrantReportFactory(grant=grant, due_on=date(2020, 7, 1))
    response = admin_client.get(
        reverse("admin:policy_grant_dashboard"), {"gemeente": "almere"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 verantwoording is te laat" in page
    assert "Wijkcentrum De Vlinder" in page
    changelist = admin_client.get(
        reverse("admin:policy_grant_changelist"), {"verantwoording_te_laat": "ja"}
    )
    assert list(changelist.context["cl"].result_list) == [grant]


def test_admin_refuses_a_skipped_status_in_the_form(admin_client, almere):
    grant = Grant.objects.get(purpose="Nog in behandeling")
    url = reverse("admin:policy_grant_change", args=[grant.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and not isinstance(v, list)
    }
    data.update(
        status=GrantStatus.SETTLED,
        amount_granted="100",
        amount_settled="100",
        **{f"{p}-TOTAL_FORMS": "0" for p in ("performance_agreements", "reports")},
        **{f"{p}-INITIAL_FORMS": "0" for p in ("performance_agreements", "reports")},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Een subsidie kan niet van aangevraagd naar vastgesteld"
        in response.content.decode()
    )
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REQUESTED


def test_admin_register_import_previews_then_confirms(admin_client, almere):
    url = reverse("admin:policy_grant_register_import")
    page = admin_client.get(url).content.decode()
    assert "Welke kolommen het portaal leest" in page and "Ontvanger" in page

    register = (
        "Ontvanger;Doel;Regeling;Jaar;Aangevraagd;Verleend\n"
        "De Schoor;Ouderensoos;Bewonersinitiatieven;2024;€ 5.000;4.000\n"
        "Nieuwe Buurtgroep;Straatfeest;Bewonersinitiatieven;2024;€ 1.000;1.000\n"
    ).encode()
    response = admin_client.post(
        url,
        {
            "bestand": SimpleUploadedFile("register.csv", register),
            "gemeente": almere.pk,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Voorbeeld: zo wordt het register ingelezen" in page
    assert "gekoppeld aan De Schoor" in page
    assert "nieuwe organisatie" in page
    assert response.context["plan"].created == 2
    assert Grant.objects.filter(year=2024, purpose="Straatfeest").count() == 0

    confirm = response.context["confirm_form"]
    data = {name: confirm[name].value() or "" for name in confirm.fields}
    data["bevestigen"] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert (
        Grant.objects.get(purpose="Straatfeest").organisation.name
        == "Nieuwe Buurtgroep"
    )
    assert Grant.objects.get(purpose="Ouderensoos").organisation.slug == "de-schoor"


def test_admin_register_import_with_a_bad_row_saves_nothing(admin_client, almere):
    register = b"Naam,Regeling,Jaar,Verleend\nDe Schoor,Welzijn,2024,veel\n"
    response = admin_client.post(
        reverse("admin:policy_grant_register_import"),
        {
            "bestand": SimpleUploadedFile("register.csv", register),
            "gemeente": almere.pk,
        },
    )
    page = response.content.decode()
    assert "Niets geïmporteerd" in page
    assert "Regel 2: Verleend: “veel” is geen bedrag in euro" in page
    assert (
        "confirm_form" not in response.context or not response.context["confirm_form"]
    )
    assert not Grant.objects.filter(scheme__name="Welzijn").exists()


def _dashboard_queries(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("policy:budget-dashboard"), params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_dashboard_queries_do_not_grow_with_the_country(client, almere):
    few = _dashboard_queries(client, {"gemeente": "almere", "jaar": "2024"})

    for n in range(4):
        other = MunicipalityFactory(name=f"Gemeente {n}", slug=f"gemeente-{n}")
        scheme = SubsidySchemeFactory(municipality=other, ceiling=None)
        for year in (2022, 2023, 2024):
            GrantFactory(scheme=scheme, year=year, granted=True)
        BudgetLineFactory(
            framework=PolicyFrameworkFactory(municipality=other), year=2024
        )
    many = _dashboard_queries(client, {"gemeente": "almere", "jaar": "2024"})

    assert len(many) == len(few) <= 10
    # The municipalities are read once, for the choice and for the select, with
    # semi-joins rather than a DISTINCT over every scheme and budget line.
    municipality_reads = [
        sql for sql in many if sql.startswith('SELECT "neighbourhoods_municipality"')
    ]
    assert len(municipality_reads) == 1
    assert not any(
        sql.startswith("SELECT DISTINCT") or "COUNT(*)" in sql for sql in many
    )


def test_dashboard_lists_every_municipality_with_schemes_or_a_budget(client, almere):
    budget_only = MunicipalityFactory(name="Baarn", slug="baarn")
    BudgetLineFactory(
        framework=PolicyFrameworkFactory(municipality=budget_only, adopted=True),
        year=2024,
    )
    MunicipalityFactory(name="Cuijk", slug="cuijk")  # nothing to show

    response = client.get(reverse("policy:budget-dashboard"), {"gemeente": "baarn"})

    page = response.content.decode()
    assert '<option value="almere">Almere</option>' in page
    assert '<option value="baarn" selected>Baarn</option>' in page
    assert 'value="cuijk"' not in page
    assert response.context["dashboard"].municipality.slug == "baarn"
    # An unknown municipality falls back to the first by name.
    response = client.get(reverse("policy:budget-dashboard"), {"gemeente": "x"})
    assert response.context["dashboard"].municipality.slug == "almere"


def test_charts_are_drawn_in_python_escaped_and_labelled():
    chart = charts.bar_chart(
        title="Wijken <2024>",
        description="Per wijk & per inwoner",
        rows=[("Haven & Strand", {"a": Decimal("10")}), ("Buiten", {"a": None})],
        series=[charts.Series("a", "Verleend")],
        chart_id="grafiek-test",
    )

    svg = chart.svg
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert 'role="img" aria-labelledby="grafiek-test-title grafiek-test-desc"' in svg
    assert '<title id="grafiek-test-title">Wijken &lt;2024&gt;</title>' in svg
    assert "Per wijk &amp; per inwoner" in svg
    assert ">Haven &amp; Strand</text>" in svg
    assert svg.count("<rect ") == 1  # no bar for a missing value, no legend of one


def test_dashboard_page_has_one_labelled_svg_per_chart(client, almere):
    page = client.get(
        reverse("policy:budget-dashboard"), {"gemeente": "almere", "jaar": "2024"}
    ).content.decode()

    for chart_id in ("grafiek-per-jaar", "grafiek-per-categorie", "grafiek-per-wijk"):
        assert page.count(f'id="{chart_id}-title"') == 1
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in page
