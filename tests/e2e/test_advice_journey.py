"""Journey 2: a member writes advice, the chair sends it, an official records the
responses, and the public archive shows them side by side.

The advice form is used by keyboard alone (Tab, typing, Enter); axe runs on every
portal and archive page on the way.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from advisories.models import Advice, AdviceStatus, MemberRole, Membership
from advisories.services import advice_request_send_version
from testdata.advisories import PDF, AdvisoryCouncilFactory
from testdata.factories import UserFactory
from testdata.otp import totp_code
from testdata.policy import FrameworkVersionFactory

from .conftest import assert_accessible, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "een-lang-testwachtwoord"
RECOMMENDATIONS = [
    "De ASD adviseert de buurthuizen als ontmoetingsplek te behouden.",
    "De ASD adviseert exploitatie en functies apart te financieren.",
    "De ASD adviseert bewonersinitiatieven zichtbaar te maken en te helpen.",
]


@pytest.fixture
def journey():
    council = AdvisoryCouncilFactory(name="Adviesraad Sociaal Domein Almere")
    member = UserFactory(first_name="Mila", last_name="Lid")
    chair = UserFactory(first_name="Vera", last_name="Voorzitter")
    for user, role in ((member, MemberRole.MEMBER), (chair, MemberRole.CHAIR)):
        Membership.objects.create(
            council=council, user=user, role=role, starts_on=date(2022, 1, 1)
        )
    version = FrameworkVersionFactory(
        framework__municipality=council.municipality,
        framework__title="Beleidskader WELzijn in Almere",
    )
    [(advice_request, _created)] = advice_request_send_version(version=version)
    return {"member": member, "chair": chair, "request": advice_request}


def tab_to_field(page: Page, field_id: str, *, limit: int = 200) -> None:
    """Press Tab until the form field with this id has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == field_id:
            return
    raise AssertionError(f"#{field_id} not reached with {limit} presses of Tab")


def portal_login(page: Page, live_server, user) -> None:
    page.goto(live_server.url + "/portaal/")
    expect(page).to_have_url(re.compile(r"/portaal/inloggen/"))
    assert_accessible(page)
    tab_to_field(page, "id_username")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    assert_accessible(page)


def portal_logout(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/portaal/inloggen/"))


def test_member_writes_chair_sends_official_answers_public_sees(
    page: Page, live_server, journey, official, tmp_path
):
    member, chair = journey["member"], journey["chair"]
    subject = journey["request"].subject

    # The member opens the request from the dashboard.
    portal_login(page, live_server, member)
    page.get_by_role("link", name=subject).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(subject)
    assert_accessible(page)
    page.get_by_role("link", name="Advies schrijven bij deze aanvraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw advies")
    assert_accessible(page)

    # Title and three recommendations, by keyboard.
    tab_to_field(page, "id_title")
    page.keyboard.type("Advies over het beleidskader WELzijn in Almere")
    tab_to_field(page, "id_aanbeveling-0-text")
    page.keyboard.type(RECOMMENDATIONS[0])
    for index, text in enumerate(RECOMMENDATIONS[1:], start=1):
        tab_to(page, "Aanbeveling toevoegen")
        page.keyboard.press("Enter")
        expect(page.locator(":focus")).to_have_attribute(
            "id", f"id_aanbeveling-{index}-text"
        )
        page.keyboard.type(text)
    tab_to(page, "Concept opslaan")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Het concept is opgeslagen.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/portaal/adviezen/\d+/bewerken/$"))
    assert_accessible(page)
    assert Advice.objects.count() == 1

    # Later: log out, come back, find the draft, attach a PDF and submit.
    portal_logout(page)
    portal_login(page, live_server, member)
    page.get_by_role(
        "link", name="Advies over het beleidskader WELzijn in Almere"
    ).click()
    for text in RECOMMENDATIONS:
        expect(page.get_by_text(text)).to_be_visible()
    pdf = tmp_path / "onderbouwing.pdf"
    pdf.write_bytes(PDF)
    tab_to_field(page, "id_attachment_title")
    page.keyboard.type("Onderbouwing bij het advies")
    page.locator("#id_attachment_file").set_input_files(str(pdf))
    tab_to(page, "Concept opslaan")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Onderbouwing bij het advies")).to_be_visible()
    tab_to(page, "Opslaan en indienen bij de voorzitter")
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("Het advies is ingediend bij de voorzitter.")
    ).to_be_visible()
    assert_accessible(page)
    portal_logout(page)

    # The chair adopts and sends.
    portal_login(page, live_server, chair)
    page.get_by_role(
        "link", name="Advies over het beleidskader WELzijn in Almere"
    ).click()
    page.get_by_role("button", name="Advies vaststellen").click()
    expect(page.get_by_text("Het advies is vastgesteld.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ondertekenen en verzenden").click()
    expect(
        page.get_by_text("Het advies is ondertekend en verzonden naar de gemeente.")
    ).to_be_visible()
    assert_accessible(page)
    portal_logout(page)
    advice = Advice.objects.get()
    assert advice.status == AdviceStatus.SENT
    assert advice.signed_by == "Vera Voorzitter, voorzitter"

    # An official records a response per recommendation in the admin.
    page.goto(live_server.url + "/admin/login/?next=/admin/advisories/advice/")
    page.fill("#id_username", official.username)
    page.fill("#id_password", official.raw_password)
    page.keyboard.press("Enter")
    page.get_by_label("Code").fill(totp_code(official))
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Reacties vastleggen").click()
    verdicts = ["overgenomen", "deels", "niet_overgenomen"]
    for index, verdict in enumerate(verdicts):
        page.locator(f"#id_reactie-{index}-verdict").select_option(verdict)
        page.locator(f"#id_reactie-{index}-reasons").fill(
            f"Reactie van het college op aanbeveling {index + 1}."
        )
    page.get_by_role("button", name="Reacties opslaan").click()
    expect(page.get_by_text("3 reacties vastgelegd")).to_be_visible()
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.ANSWERED

    # Anyone finds the advice and the responses in the archive.
    page.goto(live_server.url + "/adviezen/?q=buurthuizen")
    assert_accessible(page)
    page.get_by_role(
        "link", name="Advies over het beleidskader WELzijn in Almere"
    ).click()
    expect(page).to_have_url(live_server.url + advice.get_absolute_url())
    for text in RECOMMENDATIONS:
        expect(page.get_by_text(text)).to_be_visible()
    expect(page.get_by_text("Deels overgenomen")).to_be_visible()
    expect(
        page.get_by_text("Reactie van het college op aanbeveling 3.")
    ).to_be_visible()
    assert_accessible(page)


def test_archive_and_login_work_without_javascript(
    page_without_javascript: Page, live_server, journey
):
    page = page_without_javascript
    page.goto(live_server.url + "/adviezen/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Adviezen van de adviesraad"
    )
    page.goto(live_server.url + "/portaal/")
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()


def test_draft_saves_itself_while_typing_and_parts_move_by_keyboard(
    page: Page, live_server, journey
):
    portal_login(page, live_server, journey["member"])
    page.goto(live_server.url + "/portaal/adviezen/nieuw/")
    tab_to_field(page, "id_title")
    page.keyboard.type("Ongevraagd advies over de sociale staat")
    tab_to_field(page, "id_aanbeveling-0-text")
    page.keyboard.type("Eerst dit.")
    tab_to(page, "Aanbeveling toevoegen")
    page.keyboard.press("Enter")
    page.keyboard.type("Dan dat.")
    # Move the second recommendation up with its own button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Omhoog")
    page.keyboard.press("Enter")

    expect(
        page.get_by_role("status").filter(has_text="Concept opgeslagen om")
    ).to_be_visible(timeout=10_000)
    expect(page).to_have_url(re.compile(r"/portaal/adviezen/\d+/bewerken/$"))
    page.reload()
    assert_accessible(page)
    advice = Advice.objects.get()
    assert list(advice.recommendations.values_list("number", "text")) == [
        (1, "Dan dat."),
        (2, "Eerst dit."),
    ]
    expect(page.locator("#id_aanbeveling-0-text")).to_have_value("Dan dat.")
