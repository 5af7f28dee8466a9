"""The register's 50 rows: every name a row shows, from a query that joins only what
it must (a six-table join took longer to plan than to run at country scale)."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policy.models import GrantStatus
from testdata.neighbourhoods import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    ThemeFactory,
)
from testdata.policy import GrantFactory, SubsidySchemeFactory

pytestmark = pytest.mark.django_db

URL = "/subsidies/"


@pytest.fixture
def grant():
    municipality = MunicipalityFactory(name="Zeewolde", slug="zeewolde")
    return GrantFactory(
        scheme=SubsidySchemeFactory(
            municipality=municipality, name="Regeling ontmoeting", ceiling=None
        ),
        organisation__name="Stichting Het Anker",
        theme=ThemeFactory(name="Mantelzorg"),
        neighbourhood=NeighbourhoodFactory(
            municipality=municipality, name="Polderwijk"
        ),
        purpose="Inloop voor mantelzorgers",
        year=2024,
        last_year=2026,
        settled=True,
        amount_requested=Decimal("25000.00"),
        amount_granted=Decimal("20000.00"),
        amount_settled=Decimal("19500.50"),
    )


def cells(html: str) -> list[str]:
    body = re.search(r"<tbody.*?</tbody>", html, re.S).group(0)
    return [
        re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body, re.S)
    ]


def test_a_row_shows_its_names_years_status_and_amounts(client, grant):
    html = client.get(URL).content.decode()

    assert cells(html) == [
        "Stichting Het Anker Mantelzorg",
        "Inloop voor mantelzorgers Polderwijk",
        "Regeling ontmoeting Zeewolde",
        "2024–2026",
        "Vastgesteld",
        "€\u00a025.000",
        "€\u00a020.000",
        "€\u00a019.500,50",
    ]


def test_a_row_without_theme_wijk_or_amounts_leaves_them_out(client):
    GrantFactory(
        scheme=SubsidySchemeFactory(ceiling=None),
        status=GrantStatus.REFUSED,
        amount_requested=None,
        year=2023,
    )

    row = cells(client.get(URL).content.decode())

    assert row[3:] == ["2023", "Afgewezen", "–", "–", "–"]
    assert 'class="portal-table__note"></span>' not in client.get(URL).content.decode()


def test_the_rows_join_only_the_scheme_and_the_organisation(client, grant):
    with CaptureQueriesContext(connection) as captured:
        client.get(URL, {"gemeente": "zeewolde"})

    (rows,) = [
        q["sql"]
        for q in captured.captured_queries
        if '"policy_grant"."purpose"' in q["sql"]
    ]
    outer = re.sub(r"\(SELECT .*?\) AS", "() AS", rows)
    assert outer.count(" JOIN ") == 2
    assert '"neighbourhoods_theme"' not in rows
    assert 'JOIN "neighbourhoods_municipality"' not in rows
