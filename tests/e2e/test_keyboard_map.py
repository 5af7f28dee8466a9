"""The map by keyboard alone: past it with the skip link, through its markers and
popups, with the portal's focus ring and labels in the chosen language; and a line of
text instead of a grey box when there are no tiles."""

import pytest
from playwright.sync_api import Page, expect

from testdata.neighbourhoods import (
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const element = document.activeElement;
  return {
    className: String(element.className),
    text: (element.getAttribute('title') || element.innerText || '').trim(),
    inList: Boolean(element.closest('#plekken-lijst')),
    inPopup: Boolean(element.closest('.leaflet-popup')),
  };
}"""

# The portal's focus ring on a control: a 3 px solid outline, yellow behind it.
RING = (
    "element => { const style = getComputedStyle(element);"
    " return [style.outlineStyle, style.outlineWidth, style.backgroundColor]; }"
)


@pytest.fixture
def places():
    amersfoort = MunicipalityFactory(name="Amersfoort", slug="amersfoort")
    wijk = NeighbourhoodFactory(municipality=amersfoort, name="Vathorst")
    spread = [("52.200000", "5.420000"), ("52.150000", "5.300000")]
    spread += [("52.250000", "5.500000"), ("52.100000", "5.350000")]
    return [
        FacilityFactory(
            name=f"Plek {number}",
            municipality=amersfoort,
            neighbourhood=wijk,
            latitude=latitude,
            longitude=longitude,
        )
        for number, (latitude, longitude) in enumerate(spread, start=1)
    ]


def open_places(page: Page, url: str) -> None:
    page.goto(url + "/plekken/")
    expect(page.locator(".portal-map[data-map-ready]")).to_have_count(1)


def press_tab_until(page: Page, wanted, *, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError("not reached by Tab")


def test_tab_reaches_the_skip_link_before_the_first_marker_and_it_lands_in_the_list(
    page: Page, live_server, places
):
    open_places(page, live_server.url)

    seen = []
    press_tab_until(
        page,
        lambda focused: (
            seen.append(focused) or "portal-map__marker" in focused["className"]
        ),
    )
    texts = [focused["text"] for focused in seen]
    assert "Naar de lijst" in texts
    assert texts.index("Naar de lijst") < len(texts) - 1
    skip = page.get_by_role("link", name="Naar de lijst")
    skip.focus()
    expect(skip).to_be_visible()
    box = skip.bounding_box()
    assert box["width"] > 50 and box["height"] > 20

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["inList"], focused
    assert focused["text"].startswith("Plek ")
    assert_accessible(page)


def test_enter_on_a_marker_opens_its_popup_with_the_focus_and_escape_returns_it(
    page: Page, live_server, places
):
    open_places(page, live_server.url)
    marker = press_tab_until(page, lambda f: "portal-map__marker" in f["className"])

    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    focused = page.evaluate(FOCUSED)
    assert focused["inPopup"] and focused["text"] == marker["text"]
    assert_accessible(page)

    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    assert page.evaluate(FOCUSED)["text"] == marker["text"]

    # The close button does the same.
    page.keyboard.press("Enter")
    expect(popup).to_be_visible()
    page.keyboard.press("Tab")
    close = page.get_by_role("button", name="Sluiten")
    expect(close).to_be_focused()
    assert close.evaluate(RING) == ["solid", "3px", "rgb(255, 221, 0)"]
    page.keyboard.press("Enter")
    expect(popup).to_have_count(0)
    assert page.evaluate(FOCUSED)["text"] == marker["text"]

    # And Escape on a marker, with the popup open, closes it there.
    page.keyboard.press("Enter")
    expect(popup).to_be_visible()
    page.keyboard.press("Shift+Tab")
    assert "portal-map__marker" in page.evaluate(FOCUSED)["className"]
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    assert "portal-map__marker" in page.evaluate(FOCUSED)["className"]


def test_markers_outside_the_visible_map_are_out_of_the_tab_order(
    page: Page, live_server, places
):
    # Without animation each press zooms at once, so none is lost mid-animation.
    page.emulate_media(reduced_motion="reduce")
    open_places(page, live_server.url)
    markers = page.locator(".portal-map__marker")
    expect(markers).to_have_count(4)
    expect(page.locator('.portal-map__marker[tabindex="0"]')).to_have_count(4)

    zoom_in = page.get_by_role("button", name="Inzoomen")
    zoom_in.focus()
    for _ in range(3):
        page.keyboard.press("Enter")
    expect(page.locator('.portal-map__marker[tabindex="-1"]')).not_to_have_count(0)
    map_box = page.locator(".portal-map").bounding_box()
    for index in range(markers.count()):
        marker = markers.nth(index)
        box = marker.bounding_box()
        inside = (
            map_box["x"]
            <= box["x"] + box["width"] / 2
            <= map_box["x"] + map_box["width"]
            and map_box["y"]
            <= box["y"] + box["height"] / 2
            <= map_box["y"] + map_box["height"]
        )
        assert marker.get_attribute("tabindex") == ("0" if inside else "-1")


def test_map_controls_show_the_portal_focus_ring_and_speak_the_chosen_language(
    page: Page, live_server, places
):
    open_places(page, live_server.url)
    zoom_out = page.get_by_role("button", name="Uitzoomen")
    expect(page.get_by_role("button", name="Inzoomen")).to_have_count(1)
    press_tab_until(page, lambda f: f["text"] == "Uitzoomen")
    assert zoom_out.evaluate(RING) == ["solid", "3px", "rgb(255, 221, 0)"]

    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    open_places(page, live_server.url)
    expect(page.get_by_role("button", name="Zoom in")).to_have_count(1)
    expect(page.get_by_role("button", name="Zoom out")).to_have_count(1)
    expect(page.get_by_role("link", name="To the list")).to_have_count(1)


def test_the_map_does_not_animate_when_the_person_asks_for_less_motion(
    page: Page, live_server, places
):
    page.emulate_media(reduced_motion="reduce")
    open_places(page, live_server.url)
    classes = page.locator(".portal-map").get_attribute("class")
    assert "leaflet-fade-anim" not in classes
    assert "leaflet-zoom-anim" not in classes

    page.emulate_media(reduced_motion="no-preference")
    open_places(page, live_server.url)
    assert "leaflet-fade-anim" in page.locator(".portal-map").get_attribute("class")


def test_without_tiles_one_line_says_there_is_no_map_and_the_list_stays(
    page: Page, live_server, places, settings
):
    settings.MAP_TILE_URL = ""
    page.goto(live_server.url + "/plekken/")

    expect(page.get_by_text("Er is geen achtergrondkaart beschikbaar")).to_be_visible()
    expect(page.locator(".portal-map")).to_be_hidden()
    expect(page.locator(".portal-map__marker")).to_have_count(0)
    expect(page.get_by_role("link", name="Naar de lijst")).to_be_hidden()
    expect(page.locator("#plekken-lijst li")).to_have_count(4)
    assert_accessible(page)
