"""Feedback a keyboard and screen-reader user gets: a refused form puts the focus on
its error summary and "Fout:" in the title; a filter puts its count in the title and
the focus on the results; a message after a save is announced."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from advisories.models import MemberRole, Membership
from neighbourhoods.models import FacilityKind
from testdata.advisories import AdvisoryCouncilFactory
from testdata.factories import UserFactory
from testdata.neighbourhoods import FacilityFactory

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-lang-testwachtwoord"
FOCUSED_ID = "() => document.activeElement.id"
# Records each message put into a status region after the page has loaded: what a
# screen reader announces.
RECORD_ANNOUNCEMENTS = """
window.announced = [];
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[role=status]').forEach(region => {
    new MutationObserver(records => records.forEach(record =>
      record.addedNodes.forEach(node => window.announced.push(node.textContent.trim()))
    )).observe(region, {childList: true});
  });
});
"""


@pytest.fixture
def member():
    council = AdvisoryCouncilFactory()
    user = UserFactory(first_name="Mila", last_name="Lid")
    Membership.objects.create(
        council=council, user=user, role=MemberRole.MEMBER, starts_on=date(2022, 1, 1)
    )
    return user


def log_in(page: Page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/portaal/inloggen/")
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_refused_login_focuses_the_summary_and_marks_both_fields_invalid(
    page: Page, live_server, member
):
    log_in(page, live_server, member.username, "niet-het-wachtwoord")

    summary = page.locator("#foutmeldingen")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("De gebruikersnaam of het wachtwoord klopt niet")
    assert page.title().startswith("Fout: ")
    expect(page.locator("#id_username")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_password")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_username")).not_to_have_attribute("autofocus", "")
    assert_accessible(page)


def test_a_refused_staff_login_and_code_focus_the_summary(
    page: Page, live_server, official
):
    page.goto(live_server.url + "/admin/login/")
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(official.username)
    page.keyboard.press("Tab")
    page.keyboard.type("niet-het-wachtwoord")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator("#foutmeldingen")
    expect(summary).to_be_focused()
    assert page.title().startswith("Fout: ")
    expect(page.locator("#id_username")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_password")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.locator("#id_password").focus()
    page.keyboard.type(official.raw_password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#id_token")).to_be_focused()
    page.keyboard.type("000000")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(summary).to_be_focused()
    assert page.title().startswith("Fout: ")
    expect(summary.get_by_role("link", name=re.compile(r"^Code: "))).to_have_attribute(
        "href", "#id_token"
    )
    assert_accessible(page)


def test_a_refused_member_form_focuses_the_summary_whose_lines_name_their_field(
    page: Page, live_server, member
):
    log_in(page, live_server, member.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    page.goto(live_server.url + "/portaal/adviezen/nieuw/")
    page.locator("#id_summary").focus()
    page.keyboard.type("Een samenvatting zonder titel.")
    page.get_by_role("button", name="Concept opslaan").focus()
    page.keyboard.press("Enter")

    summary = page.locator("#foutmeldingen")
    expect(summary).to_be_focused()
    assert page.title().startswith("Fout: ")
    line = summary.get_by_role("link", name=re.compile(r"^Titel: "))
    expect(line).to_have_attribute("href", "#id_title")
    assert_accessible(page)

    page.keyboard.press("Tab")
    expect(line).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # From the summary's link the keyboard goes on in the title field's part.
    assert page.evaluate(FOCUSED_ID).startswith("id_addressee")
    expect(page.locator("#id_summary")).to_have_value("Een samenvatting zonder titel.")


def test_a_saved_draft_is_announced_after_the_page_has_loaded(
    page: Page, live_server, member
):
    log_in(page, live_server, member.username, PASSWORD)
    page.add_init_script(RECORD_ANNOUNCEMENTS)
    page.goto(live_server.url + "/portaal/adviezen/nieuw/")
    page.locator("#id_title").focus()
    page.keyboard.type("Advies over buurthuizen")
    page.get_by_role("button", name="Concept opslaan").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").first).to_contain_text(
        "Het concept is opgeslagen"
    )
    page.wait_for_function("() => window.announced.length > 0")
    assert any(
        "Het concept is opgeslagen" in text for text in page.evaluate("announced")
    )


def test_a_filter_puts_its_count_in_the_title_and_the_focus_on_the_results(
    page: Page, live_server
):
    FacilityFactory(name="Buurthuis De Kroon", kind=FacilityKind.NEIGHBOURHOOD_HOUSE)
    FacilityFactory(name="Wijkcentrum Het Hol")
    page.goto(live_server.url + "/plekken/")
    assert page.title().startswith("Plekken")

    page.locator("#id_soort").focus()
    page.keyboard.type("Buurthuis")
    page.get_by_role("button", name="Toon resultaten").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"soort=buurthuis"))
    expect(page).to_have_title(re.compile(r"^1 plek gevonden – Plekken"))
    expect(page.locator("#resultaten")).to_be_focused()
    assert_accessible(page)

    # The same address opened as a link leaves the focus at the top of the page.
    page.goto(page.url)
    expect(page.locator("#resultaten")).not_to_be_focused()


# What a focused element shows: the portal's ring (3 px solid outline), or for links
# the yellow background with the ink line under it.
FOCUS_RING = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const ring = style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 3
    && style.outlineColor !== 'rgba(0, 0, 0, 0)';
  const marked = style.backgroundColor === 'rgb(255, 221, 0)';
  return {
    shown: ring || marked,
    what: element.tagName + '#' + element.id + '.' + String(element.className)
      + ' ' + (element.getAttribute('aria-label') || element.innerText || '').slice(0, 40),
  };
}"""


def controls_without_the_ring(page: Page, *, limit: int = 150) -> list[str]:
    missing, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_RING)
        if focused is None:
            break
        if not focused["shown"]:
            missing.append(focused["what"])
        seen.add(focused["what"])
    assert len(seen) > 10
    return missing


def test_every_control_reached_by_tab_shows_the_focus_ring(
    page: Page, live_server, member
):
    FacilityFactory(name="Buurthuis De Kroon", kind=FacilityKind.NEIGHBOURHOOD_HOUSE)
    page.goto(live_server.url + "/plekken/")
    expect(page.locator(".portal-map[data-map-ready]")).to_have_count(1)
    assert controls_without_the_ring(page) == []

    # The advice form, with its date field and the calendar button inside it.
    log_in(page, live_server, member.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    page.goto(live_server.url + "/portaal/adviezen/nieuw/")
    assert controls_without_the_ring(page) == []
