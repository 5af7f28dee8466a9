"""Journey 3: home -> a neighbourhood -> places filtered by target group and "nu open"
-> on the map -> a place with its activities -> the data as CSV; by keyboard, with axe
on every page, and once more without JavaScript."""

import csv
import io
from datetime import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from neighbourhoods.models import Weekday
from testdata.neighbourhoods import (
    ActivityFactory,
    ActivityScheduleFactory,
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

from .conftest import assert_accessible, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

VATHORST = {
    "type": "Polygon",
    "coordinates": [
        [[5.40, 52.19], [5.44, 52.19], [5.44, 52.21], [5.40, 52.21], [5.40, 52.19]]
    ],
}


def always_open(place) -> None:
    """Open every day from 00:01 to 00:00 the next day: open whenever the test runs."""
    for weekday in Weekday.values:
        OpeningHoursFactory(
            facility=place, weekday=weekday, opens=time(0, 1), closes=time(0, 0)
        )


@pytest.fixture
def vathorst():
    amersfoort = MunicipalityFactory(name="Amersfoort", slug="amersfoort")
    wijk = NeighbourhoodFactory(
        municipality=amersfoort, name="Vathorst", slug="vathorst", boundary=VATHORST
    )
    seniors = TargetGroupFactory(name="Senioren", slug="senioren")
    youth = TargetGroupFactory(name="Jongeren", slug="jongeren")
    de_schoor = OrganisationFactory(name="De Schoor", municipality=amersfoort)
    de_bron = FacilityFactory(
        name="Buurtkamer De Bron",
        municipality=amersfoort,
        neighbourhood=wijk,
        operator=de_schoor,
        is_heart=True,
        latitude="52.200000",
        longitude="5.420000",
        closed_on_public_holidays=False,
    )
    de_bron.target_groups.add(seniors)
    always_open(de_bron)
    closed = FacilityFactory(
        name="Ouderensteunpunt De Linde",
        municipality=amersfoort,
        neighbourhood=wijk,
        latitude="52.195000",
        longitude="5.410000",
    )
    closed.target_groups.add(seniors)  # no opening hours: never "nu open"
    youth_centre = FacilityFactory(
        name="Jongerencentrum De Kelder",
        municipality=amersfoort,
        neighbourhood=wijk,
        latitude="52.205000",
        longitude="5.430000",
        closed_on_public_holidays=False,
    )
    youth_centre.target_groups.add(youth)
    always_open(youth_centre)
    coffee = ActivityFactory(
        title="Koffieochtend voor senioren", organisation=de_schoor, facility=de_bron
    )
    ActivityScheduleFactory(
        activity=coffee, weekday=Weekday.TUESDAY, starts_at=time(10), ends_at=time(12)
    )
    return wijk


def test_citizen_finds_an_open_place_for_seniors_and_downloads_the_data(
    page: Page, live_server, vathorst
):
    page.goto(live_server.url + "/")
    assert_accessible(page)

    tab_to(page, "Vathorst")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vathorst")
    expect(page.locator(".portal-map .portal-map__marker")).to_have_count(3)
    assert_accessible(page)

    tab_to(page, "Zoek en filter de plekken in Vathorst")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/plekken/?wijk=vathorst")
    expect(page.get_by_role("heading", name="3 plekken gevonden")).to_be_visible()
    assert_accessible(page)

    # Choose the target group and "nu open" with the keyboard alone.
    page.locator("#id_doelgroep").focus()
    page.keyboard.type("Senioren")
    page.locator("#id_nu_open").focus()
    page.keyboard.press("Space")
    expect(page.locator("#id_nu_open")).to_be_checked()
    tab_to(page, "Toon resultaten", limit=10)
    page.keyboard.press("Enter")

    # The filters are in the address, without the empty ones, so it can be shared.
    expect(page).to_have_url(
        live_server.url + "/plekken/?wijk=vathorst&doelgroep=senioren&nu_open=1"
    )
    expect(page.get_by_role("heading", name="1 plek gevonden")).to_be_visible()
    results = page.locator("#plekken-lijst")
    expect(results).to_contain_text("Buurtkamer De Bron")
    expect(results).not_to_contain_text("De Linde")
    expect(results).not_to_contain_text("De Kelder")
    # The map shows the wijk and the same one place; its marker takes keyboard focus.
    marker = page.locator(".portal-map .portal-map__marker")
    expect(marker).to_have_count(1)
    expect(marker).to_have_attribute("title", "Buurtkamer De Bron")
    expect(page.locator(".portal-map path.portal-map__area")).to_have_count(1)
    assert_accessible(page)

    tab_to(page, "Buurtkamer De Bron")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtkamer De Bron")
    expect(page.get_by_role("link", name="Koffieochtend voor senioren")).to_be_visible()
    expect(page.locator(".portal-table__row--today")).to_have_count(1)
    assert_accessible(page)

    tab_to(page, "Open data")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    assert_accessible(page)

    tab_to(page, "Plekken als CSV")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "plekken.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["name"] for row in rows) == [
        "Buurtkamer De Bron",
        "Jongerencentrum De Kelder",
        "Ouderensteunpunt De Linde",
    ]


def test_the_same_journey_works_without_javascript(
    page_without_javascript: Page, live_server, vathorst
):
    page = page_without_javascript
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Vathorst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vathorst")
    # No map without JavaScript, but the list beside it has every place.
    expect(page.locator(".portal-map")).to_be_hidden()
    expect(page.locator("#plekken-lijst")).to_contain_text("Ouderensteunpunt De Linde")

    page.get_by_role("link", name="Zoek en filter de plekken in Vathorst").click()
    page.get_by_label("Doelgroep").select_option("senioren")
    page.get_by_label("Nu open").check()
    page.get_by_role("button", name="Toon resultaten").click()

    expect(page.get_by_role("heading", name="1 plek gevonden")).to_be_visible()
    expect(page.locator(".portal-map")).to_be_hidden()
    page.locator("#plekken-lijst").get_by_role(
        "link", name="Buurtkamer De Bron"
    ).click()
    expect(page.get_by_role("link", name="Koffieochtend voor senioren")).to_be_visible()

    page.get_by_role("link", name="Open data").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Plekken als CSV").click()
    assert download_info.value.suggested_filename == "plekken.csv"
