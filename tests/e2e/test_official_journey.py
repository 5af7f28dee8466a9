"""Journey 1: an official keeps the policy in the admin and asks the council's advice.

Log in with password and TOTP, add a version (with its PDF) to a framework, add a
goal with an indicator, import a spreadsheet of places with preview and confirmation,
and send the new version to the advisory council with the admin action.

axe runs on every admin page the journey visits. The stock Django admin has known
issues that are not ours; they are switched off by name here, and only these:
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from advisories.models import AdviceRequest
from neighbourhoods.models import Facility
from policy.models import FrameworkVersion, Goal, Indicator
from testdata.advisories import AdvisoryCouncilFactory
from testdata.neighbourhoods import MunicipalityFactory, NeighbourhoodFactory
from testdata.otp import totp_code
from testdata.policy import PolicyFrameworkFactory

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

# Known issues of the stock Django 5.2 admin (and django-import-export's pages) that
# axe reports; none comes from our templates or our content.
STOCK_ADMIN_EXCLUSIONS: tuple[str, ...] = (
    # The admin's autocomplete widget (select2, autocomplete_fields) renders its
    # combobox <span role="combobox"> without an accessible name.
    "aria-input-field-name",
    # The admin's filter_horizontal widget (SelectFilter2.js) puts aria-label on a
    # <span class="help-tooltip"> that has no role.
    "aria-prohibited-attr",
)

FACILITIES_CSV = (
    "slug,name,kind,municipality,neighbourhood,street,house_number,postcode,city,"
    "latitude,longitude,is_subsidised,is_heart\n"
    "de-schoor-buurtkamer,Buurtkamer De Schoor,buurtkamer,GM0034,WK003401,"
    'Schoorweg,1,1311AA,Almere,"52,370216","5,214890",1,1\n'
    "wijkcentrum-het-anker,Wijkcentrum Het Anker,wijkcentrum,GM0034,WK003401,"
    'Ankerplein,12,1312BB,Almere,"52,371000","5,220000",1,0\n'
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def almere(db):
    municipality = MunicipalityFactory(cbs_code="GM0034", name="Almere", slug="almere")
    NeighbourhoodFactory(
        municipality=municipality, cbs_code="WK003401", name="Stad", slug="stad"
    )
    AdvisoryCouncilFactory(
        municipality=municipality, name="Adviesraad Sociaal Domein Almere"
    )
    return PolicyFrameworkFactory(
        municipality=municipality,
        title="WELzijn in Almere",
        slug="welzijn-in-almere",
        period_start=2021,
        period_end=2025,
    )


def check(page: Page) -> None:
    assert_accessible(page, exclude_rules=STOCK_ADMIN_EXCLUSIONS)


def log_in(page: Page, base: str, official) -> None:
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Gebruikersnaam").fill(official.username)
    page.get_by_label("Wachtwoord").fill(official.raw_password)
    page.get_by_role("button", name="Aanmelden").click()
    # The second factor: the code the official's authenticator app shows now.
    expect(page).to_have_url(re.compile(r"/admin/tweestapsverificatie/"))
    page.get_by_label("Code").fill(totp_code(official))
    page.get_by_role("button", name="Controleren").click()
    expect(page).to_have_url(f"{base}/admin/")


def test_official_keeps_the_policy_and_asks_the_councils_advice(
    page: Page, live_server, official, almere, tmp_path: Path
):
    base = live_server.url
    log_in(page, base, official)

    # 1. A new version of the framework, with its document, on the framework's page.
    page.goto(f"{base}/admin/policy/policyframework/{almere.pk}/change/")
    expect(
        page.get_by_role("heading", level=2, name="WELzijn in Almere")
    ).to_be_visible()
    check(page)
    versions = page.locator("#versions-group")
    # The admin's "add another" link has the role of a button.
    versions.get_by_role("button", name=re.compile("toevoegen")).click()
    page.locator("#id_versions-0-number").fill("2")
    page.locator("#id_versions-0-title").fill(
        "Aangepast beleidskader WELzijn in Almere"
    )
    page.locator("#id_versions-0-dated").fill("19-02-2021")
    pdf = tmp_path / "aangepast-beleidskader.pdf"
    pdf.write_bytes(PDF)
    page.locator("#id_versions-0-document").set_input_files(str(pdf))
    page.locator("#id_versions-0-change_note").fill(
        "Verwerkt: de adviesraad vroeg om meer aandacht voor mantelzorgers."
    )
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    expect(page.locator(".messagelist")).to_contain_text("gewijzigd")
    version = FrameworkVersion.objects.get(framework=almere, number=2)
    assert version.document.name.endswith(".pdf")

    # The overview page of the framework.
    page.get_by_role("link", name="Overzicht", exact=True).first.click()
    expect(page.get_by_role("heading", name="Doelen en indicatoren")).to_be_visible()
    check(page)

    # 2. A goal with an indicator.
    page.goto(f"{base}/admin/policy/goal/add/?framework={almere.pk}")
    page.locator("#id_number").fill("1")
    page.locator("#id_title").fill("Almeerders aan zet")
    page.locator("#id_text").fill(
        "Meer inwoners doen mee aan activiteiten in hun wijk."
    )
    page.locator("#id_horizon").select_option("lang")
    page.locator("#indicators-group").get_by_role(
        "button", name=re.compile("toevoegen")
    ).click()
    page.locator("#id_indicators-0-name").fill("Actieve vrijwilligers")
    page.locator("#id_indicators-0-unit").select_option("aantal")
    page.locator("#id_indicators-0-target_value").fill("1250")
    check(page)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("toegevoegd")
    goal = Goal.objects.get(framework=almere, number=1)
    indicator = Indicator.objects.get(goal=goal)
    assert indicator.name == "Actieve vrijwilligers"
    check(page)

    # 3. A spreadsheet of places: preview first, then confirm.
    page.goto(f"{base}/admin/neighbourhoods/facility/import/")
    check(page)
    sheet = tmp_path / "plekken.csv"
    sheet.write_text(FACILITIES_CSV)
    page.locator("#id_import_file").set_input_files(str(sheet))
    page.locator("#id_format").select_option(label="csv")
    page.get_by_role("button", name=re.compile("Verzenden|Indienen|Submit")).click()
    preview = page.locator("table.import-preview")
    expect(preview).to_contain_text("Buurtkamer De Schoor")
    expect(preview).to_contain_text("Wijkcentrum Het Anker")
    assert Facility.objects.count() == 0  # the preview changes nothing
    check(page)
    page.get_by_role("button", name="Import bevestigen").click()
    expect(page.locator(".messagelist")).to_contain_text("2")
    assert set(Facility.objects.values_list("slug", flat=True)) == {
        "de-schoor-buurtkamer",
        "wijkcentrum-het-anker",
    }
    assert Facility.objects.get(slug="de-schoor-buurtkamer").is_heart

    # 4. The new version goes to the advisory council.
    page.goto(f"{base}/admin/policy/frameworkversion/")
    check(page)
    row = page.locator("#result_list tr", has_text="Aangepast beleidskader")
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(
        label="Verstuur naar de adviesraad"
    )
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.locator(".messagelist")).to_contain_text("verstuurd naar de adviesraad")
    request = AdviceRequest.objects.get(framework_version=version)
    assert request.council.municipality == almere.municipality
    check(page)
