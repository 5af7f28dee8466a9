"""Journey: an official imports a subsidy register with preview and confirm; the
public register and the budget overview then show the new totals."""

import pytest
from playwright.sync_api import Page, expect

from neighbourhoods.models import Municipality
from policy.models import Grant
from testdata.otp import totp_code

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

REGISTER = (
    "Naam;Project;Regeling;Thema;Jaar;Periodiciteit;Aangevraagd;Verleend\n"
    "Stichting De Schoor;Wijkcentrum De Vlinder;Exploitatie wijkcentra;"
    "Buurtontmoeting;2024;Periodiek;€ 150.000;125.000,00\n"
    "Humanitas Almere;Maatjesproject;Subsidie mantelzorg;Mantelzorg;2024;"
    "Periodiek;€ 40.000;35.500\n"
    "Buurtkamer Haven;Koffieochtend;Bewonersinitiatieven;Buurtontmoeting;2024;"
    "Eenmalig;€ 2.500;0\n"
)


def test_official_imports_a_register_and_the_public_sees_it(
    page: Page, live_server, official, tmp_path
):
    Municipality.objects.create(cbs_code="GM0034", name="Almere", slug="almere")
    register = tmp_path / "subsidieregister-almere-2024.csv"
    register.write_text(REGISTER, encoding="utf-8")

    # Log in with password and the code of the authenticator app.
    page.goto(live_server.url + "/admin/policy/grant/register-importeren/")
    page.fill("#id_username", official.username)
    page.fill("#id_password", official.raw_password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/tweestapsverificatie/**")
    page.fill("#id_token", totp_code(official))
    page.keyboard.press("Enter")
    page.wait_for_url("**/register-importeren/")

    expect(
        page.get_by_role("heading", name="Welke kolommen het portaal leest")
    ).to_be_visible()
    assert_accessible(page)
    page.set_input_files("#id_bestand", str(register))
    page.select_option("#id_gemeente", label="Almere")
    page.get_by_role("button", name="Bekijk het voorbeeld").click()

    expect(
        page.get_by_text("Voorbeeld: zo wordt het register ingelezen")
    ).to_be_visible()
    expect(page.get_by_test_id("preview-created")).to_have_text("3")
    expect(page.get_by_test_id("preview-total")).to_have_text("€ 160.500")
    expect(page.get_by_text("nieuwe organisatie").first).to_be_visible()
    assert_accessible(page)
    assert Grant.objects.count() == 0  # the preview saved nothing

    page.get_by_role("button", name="Bevestig de import").click()
    page.wait_for_url("**/admin/policy/grant/")
    expect(page.get_by_text("Subsidieregister geïmporteerd")).to_be_visible()
    assert Grant.objects.count() == 3

    # The public register shows the new grants and their totals.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Subsidies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subsidieregister")
    expect(page.get_by_test_id("register-count")).to_have_text("3")
    expect(page.get_by_test_id("register-granted")).to_have_text("€ 160.500")
    expect(page.get_by_role("cell", name="Wijkcentrum De Vlinder")).to_be_visible()
    assert_accessible(page)

    page.select_option("#id_thema", label="Mantelzorg")
    page.get_by_role("button", name="Filter").last.click()
    expect(page.get_by_test_id("register-granted")).to_have_text("€ 35.500")
    assert_accessible(page)

    # The budget overview shows the same money.
    page.get_by_role("link", name="Bekijk de begroting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begroting en subsidies")
    expect(page.get_by_test_id("dashboard-granted")).to_have_text("€ 160.500")
    expect(page.get_by_role("rowheader", name="Stichting De Schoor")).to_be_visible()
    assert_accessible(page)


def test_register_works_without_javascript(page_without_javascript: Page, live_server):
    page = page_without_javascript
    page.goto(live_server.url + "/subsidies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Subsidieregister")
    page.goto(live_server.url + "/subsidies/begroting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Begroting en subsidies")
