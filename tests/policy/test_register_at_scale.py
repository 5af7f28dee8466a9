"""The public subsidy register at country scale: selects that list only the chosen
municipality's schemes and wijken, totals and page count from one aggregate query, and
a number of queries that does not grow with the number of grants."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from neighbourhoods.models import Municipality
from policy.models import GrantStatus
from policy.subsidies import forms as subsidy_forms
from policy.subsidies.selectors import grant_years
from testdata.neighbourhoods import MunicipalityFactory, NeighbourhoodFactory
from testdata.policy import GrantFactory, SubsidySchemeFactory

pytestmark = pytest.mark.django_db

URL = "/subsidies/"
SCHEME_HINT = "Kies eerst een gemeente; dan staan hier haar regelingen."
WIJK_HINT = "Kies eerst een gemeente; dan staan hier haar wijken."


def options(response, name: str) -> list[str]:
    html = response.content.decode()
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def select_tag(response, name: str) -> str:
    html = response.content.decode()
    return re.search(rf'<select[^>]*name="{name}"[^>]*>', html).group(0)


def municipality_with_grants(name: str, *, grants: int = 1):
    municipality = MunicipalityFactory(name=name, slug=name.lower())
    scheme = SubsidySchemeFactory(
        municipality=municipality,
        name=f"Welzijn {name}",
        slug=f"welzijn-{name.lower()}",
    )
    wijk = NeighbourhoodFactory(
        municipality=municipality,
        name=f"Centrum {name}",
        slug=f"centrum-{name.lower()}",
    )
    for n in range(grants):
        GrantFactory(
            scheme=scheme,
            neighbourhood=wijk,
            granted=True,
            year=2024 - n % 3,
            purpose=f"Buurthuis {name} {n}",
        )
    return municipality


@pytest.fixture
def country(monkeypatch):
    """Three municipalities, more than the register lists in full."""
    monkeypatch.setattr(subsidy_forms, "FULL_LISTS_MAX_MUNICIPALITIES", 2)
    return [municipality_with_grants(name) for name in ("Almere", "Baarn", "Cuijk")]


def test_without_a_municipality_the_scheme_and_wijk_selects_offer_only_all(
    client, country
):
    response = client.get(URL)

    assert options(response, "regeling") == [""]
    assert options(response, "wijk") == [""]
    assert options(response, "gemeente") == ["", "almere", "baarn", "cuijk"]
    # The hint says why, and the select points at it.
    assert 'aria-describedby="id_regeling-hint"' in select_tag(response, "regeling")
    assert 'aria-describedby="id_wijk-hint"' in select_tag(response, "wijk")
    html = response.content.decode()
    assert f'id="id_regeling-hint">{SCHEME_HINT}</div>' in html
    assert f'id="id_wijk-hint">{WIJK_HINT}</div>' in html
    # No wijk or scheme is read for the selects.
    assert response.context["totals"]["count"] == 3


def test_a_chosen_municipality_lists_only_its_schemes_and_wijken(client, country):
    response = client.get(URL, {"gemeente": "baarn"})

    assert options(response, "regeling") == ["", "welzijn-baarn"]
    assert options(response, "wijk") == ["", "centrum-baarn"]
    assert SCHEME_HINT not in response.content.decode()
    assert "aria-describedby" not in select_tag(response, "wijk")
    assert [g["purpose"] for g in response.context["grants"]] == ["Buurthuis Baarn 0"]


def test_any_valid_wijk_or_scheme_in_the_url_still_filters_and_stays_selected(
    client, country
):
    response = client.get(URL, {"wijk": "centrum-cuijk"})

    assert [g["purpose"] for g in response.context["grants"]] == ["Buurthuis Cuijk 0"]
    # The chosen wijk is listed with its municipality's, and selected.
    assert options(response, "wijk") == ["", "centrum-cuijk"]
    assert '<option value="centrum-cuijk" selected>' in response.content.decode()

    response = client.get(URL, {"regeling": "welzijn-almere"})
    assert [g["purpose"] for g in response.context["grants"]] == ["Buurthuis Almere 0"]
    assert options(response, "regeling") == ["", "welzijn-almere"]

    # A wijk of another municipality than the chosen one: listed, nothing found.
    response = client.get(URL, {"gemeente": "almere", "wijk": "centrum-cuijk"})
    assert options(response, "wijk") == ["", "centrum-almere", "centrum-cuijk"]
    assert response.context["totals"]["count"] == 0


def test_a_portal_of_one_municipality_keeps_its_full_lists(client):
    municipality_with_grants("Almere")

    response = client.get(URL)

    assert options(response, "regeling") == ["", "welzijn-almere"]
    assert options(response, "wijk") == ["", "centrum-almere"]
    assert WIJK_HINT not in response.content.decode()
    assert "aria-describedby" not in select_tag(response, "wijk")


def test_an_unknown_municipality_is_reported_not_a_server_error(client, country):
    response = client.get(URL, {"gemeente": "atlantis"})

    assert response.status_code == 200
    assert 'id="id_gemeente-fout"' in response.content.decode()
    assert options(response, "wijk") == [""]


def register_queries(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize(
    "params", [{}, {"gemeente": "almere"}, {"gemeente": "almere", "jaar": "2024"}]
)
def test_the_register_runs_as_many_queries_for_few_grants_as_for_many(
    client, monkeypatch, params
):
    monkeypatch.setattr(subsidy_forms, "FULL_LISTS_MAX_MUNICIPALITIES", 1)
    municipality_with_grants("Almere", grants=2)
    municipality_with_grants("Baarn")
    few = register_queries(client, params)

    # More municipalities, schemes, wijken and grants: a second page of them.
    for name in ("Cuijk", "Delft", "Ede", "Goes"):
        municipality_with_grants(name, grants=3)
    scheme = SubsidySchemeFactory(
        municipality=Municipality.objects.get(slug="almere"), ceiling=None
    )
    for _n in range(60):
        GrantFactory(scheme=scheme, granted=True, year=2024)
    many = register_queries(client, {**params, "page": "2"})

    assert len(many) == len(few)
    # One aggregate for the totals and the page count: no COUNT(*) of the paginator.
    assert not any('COUNT(*) AS "__count"' in sql for sql in many)
    totals = [
        sql
        for sql in many
        if 'SUM("policy_grant"."amount_granted")' in sql or "sum(granted)" in sql
    ]
    assert len(totals) == 1
    # Summed rows of the country or the municipality, no grant's.
    assert "FROM policy_granttotal" in totals[0]


def test_totals_and_page_count_are_right(client):
    municipality = MunicipalityFactory(name="Almere", slug="almere")
    scheme = SubsidySchemeFactory(municipality=municipality, ceiling=None)
    for n in range(55):
        GrantFactory(
            scheme=scheme,
            granted=True,
            amount_granted=Decimal("1000.00"),
            purpose=f"Plan {n}",
        )
    GrantFactory(
        scheme=scheme,
        settled=True,
        amount_granted=Decimal("500.00"),
        amount_settled=Decimal("400.00"),
    )
    GrantFactory(scheme=scheme, status=GrantStatus.REFUSED, purpose="Afgewezen")
    GrantFactory(scheme=scheme, purpose="In behandeling")  # not public

    response = client.get(URL)
    totals = response.context["totals"]

    assert totals["count"] == 57
    assert totals["granted_count"] == 56
    assert totals["granted"] == Decimal("55500.00")
    assert totals["settled"] == Decimal("400.00")
    assert totals["requested"] == Decimal("25000.00") * 57
    assert response.context["paginator"].count == 57
    assert response.context["paginator"].num_pages == 2
    assert len(response.context["grants"]) == 50
    assert "Subsidies 1 tot en met 50 van 57" in response.content.decode()

    response = client.get(URL, {"page": "2"})
    assert len(response.context["grants"]) == 7
    assert client.get(URL, {"page": "3"}).status_code == 404


def test_the_page_reads_only_the_columns_it_shows_and_no_row_twice(client):
    municipality_with_grants("Almere", grants=3)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    html = response.content.decode()

    assert "Buurthuis Almere 2" in html and "Centrum Almere" in html
    rows = [
        q["sql"]
        for q in captured.captured_queries
        if '"policy_grant"."purpose"' in q["sql"]
    ]
    assert len(rows) == 1
    assert '"policy_grant"."funding_department"' not in rows[0]
    # The framework is asked only whether it is public (a subquery), not joined.
    assert 'JOIN "policy_policyframework"' not in rows[0]
    assert "LIMIT 3" in rows[0]


def test_the_downloads_still_carry_every_column(client, country):
    response = client.get(reverse("policy:subsidy-register-csv"), {"gemeente": "baarn"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["gemeente"] == "Baarn"
    assert row["regeling"] == "Welzijn Baarn"
    assert row["wijk"] == "Centrum Baarn"
    assert row["beleidskader"]
    assert row["verleend"] == "20000.00"


def test_grant_years_of_the_country_and_of_one_municipality():
    almere = municipality_with_grants("Almere", grants=3)
    baarn = MunicipalityFactory(name="Baarn", slug="baarn")
    GrantFactory(scheme=SubsidySchemeFactory(municipality=baarn), year=2019)

    assert grant_years() == [2024, 2023, 2022, 2019]
    assert grant_years(almere) == [2024, 2023, 2022]
    assert grant_years(baarn) == [2019]


def test_the_largest_amounts_come_first_and_decisions_without_one_last(client):
    scheme = SubsidySchemeFactory()
    GrantFactory(scheme=scheme, granted=True, amount_granted=Decimal("5000.00"))
    GrantFactory(
        scheme=scheme,
        status=GrantStatus.REFUSED,
        decided_on="2023-12-01",
        purpose="Afgewezen aanvraag",
    )
    GrantFactory(scheme=scheme, granted=True, amount_granted=Decimal("90000.00"))

    page = client.get(reverse("policy:subsidy-register"))

    amounts = [grant["amount_granted"] for grant in page.context["grants"]]
    assert amounts == [Decimal("90000.00"), Decimal("5000.00"), None]
