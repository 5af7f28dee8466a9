"""Every CSV the public site serves escapes cells a spreadsheet would run as a formula
(= + - @, tab, carriage return): the open data of every dataset, for the country and
for one municipality, and the subsidy register. The downloads are found through the
links on the pages, so a new one is checked too."""

import csv
import io
import re
from html import unescape

import pytest
from django.test import Client

from core.csv import FORMULA_START, PLAIN_NUMBER, escape_cell
from neighbourhoods.open_data import DATASETS
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
)
from testdata.policy import GrantFactory, SubsidySchemeFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://kwaad.example","klik")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+31 6 1234 cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
TAB = "\t=1+1"
CARRIAGE_RETURN = "\r=1+1"
DANGEROUS = [HYPERLINK, SUM, PLUS, MINUS, TAB, CARRIAGE_RETURN]


def is_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(cell)


@pytest.fixture
def dangerous_rows(db):
    municipality = MunicipalityFactory(name="Almere", slug="almere")
    neighbourhood = NeighbourhoodFactory(municipality=municipality, name=SUM)
    facility = FacilityFactory(
        neighbourhood=neighbourhood, name=PLUS, description=CARRIAGE_RETURN
    )
    organisation = OrganisationFactory(
        municipality=municipality, name=HYPERLINK, description=SUM
    )
    ActivityFactory(
        facility=facility, organisation=organisation, title=MINUS, description=TAB
    )
    scheme = SubsidySchemeFactory(municipality=municipality, name=SUM)
    GrantFactory(scheme=scheme, organisation=organisation, granted=True, purpose=TAB)
    return municipality


def csv_links(client: Client) -> set[str]:
    links = set()
    for page in ("/open-data/", "/subsidies/"):
        html = client.get(page).content.decode()
        links.update(
            unescape(href)
            for href in re.findall(r'href="([^"]+)"', html)
            if ".csv" in href
        )
    return links


def cells_of(response) -> list[str]:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(body)) for cell in row]


def test_every_csv_download_escapes_formulas(dangerous_rows, client):
    links = csv_links(client)
    for slug in DATASETS:
        assert any(f"/open-data/{slug}.csv" in link for link in links), slug
    assert any("/subsidies/register.csv" in link for link in links)

    seen = set()
    for link in sorted(links):
        for query in ({}, {"gemeente": "almere"}):
            response = client.get(link, query)
            assert response.status_code == 200, link
            assert response["Content-Type"].startswith("text/csv"), link
            cells = cells_of(response)
            formulas = [cell for cell in cells if is_formula(cell)]
            assert formulas == [], (link, formulas)
            seen.update(cells)

    # Each dangerous value went out, escaped, somewhere.
    for value in DANGEROUS:
        assert escape_cell(value) in seen, value
    organisations = cells_of(client.get("/open-data/organisaties.csv"))
    assert "'" + HYPERLINK in organisations and "'" + SUM in organisations
