"""Journey: home -> a neighbourhood -> back to home, by keyboard alone."""

import pytest
from playwright.sync_api import Page, expect

from neighbourhoods.models import Facility, FacilityKind, Municipality, Neighbourhood

from .conftest import assert_accessible, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def vathorst() -> Neighbourhood:
    amersfoort = Municipality.objects.create(
        cbs_code="GM0307", name="Amersfoort", slug="amersfoort"
    )
    Municipality.objects.create(cbs_code="GM0034", name="Almere", slug="almere")
    vathorst = Neighbourhood.objects.create(
        municipality=amersfoort, cbs_code="WK030712", name="Vathorst", slug="vathorst"
    )
    Facility.objects.create(
        name="De Buurtkamer Vathorst",
        slug="de-buurtkamer-vathorst",
        kind=FacilityKind.NEIGHBOURHOOD_ROOM,
        municipality=amersfoort,
        neighbourhood=vathorst,
        is_heart=True,
    )
    return vathorst


def test_citizen_reaches_a_neighbourhood_and_back_by_keyboard(
    page: Page, live_server, vathorst
):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_accessible(page)

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#main")

    tab_to(page, "Vathorst")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + vathorst.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vathorst")
    places = page.locator("#plekken-lijst")
    expect(places.get_by_role("link", name="De Buurtkamer Vathorst")).to_be_visible()
    assert_accessible(page)

    tab_to(page, "Home")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("link", name="Vathorst")).to_be_visible()


def test_home_page_works_without_javascript(
    page_without_javascript: Page, live_server, vathorst
):
    page = page_without_javascript
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Vathorst")).to_be_visible()
    page.get_by_role("link", name="Vathorst").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vathorst")
