"""A refused form, on any page we template, starts its title with "Fout: " and has one
summary whose lines name their field and link to it; page-focus.js gives it the
focus (tests/e2e/test_keyboard_feedback.py). These hold without JavaScript."""

import re
import uuid
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.advisories.factories import MembershipFactory
from tests.factories import UserFactory
from tests.neighbourhoods.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory().user


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def summary_of(html: str) -> str:
    assert html.count("data-error-summary") == 1
    return html.split("data-error-summary", 1)[1].split("</ul>", 1)[0]


def test_a_refused_login_marks_both_fields_invalid_without_autofocus(client):
    member = UserFactory()

    response = client.post(
        reverse("advisories:portal-login"),
        {"username": member.username, "password": "niet-het-wachtwoord"},
    )

    html = response.content.decode()
    assert title_of(html).startswith("Fout: Inloggen")
    assert "De gebruikersnaam of het wachtwoord klopt niet" in summary_of(html)
    for name in ("username", "password"):
        field = re.search(rf"<input[^>]*name=\"{name}\"[^>]*>", html).group(0)
        assert 'aria-invalid="true"' in field
        assert "autofocus" not in field


def test_an_unrefused_login_page_keeps_its_autofocus_and_plain_title(client):
    html = client.get(reverse("advisories:portal-login")).content.decode()

    assert title_of(html).startswith("Inloggen")
    assert "data-error-summary" not in html
    assert re.search(r"<input[^>]*name=\"username\"[^>]*autofocus", html)


def test_a_refused_advice_names_each_field_in_its_summary_line(client, member):
    client.force_login(member)

    response = client.post(
        reverse("advisories:portal-advice-create"),
        {
            "title": "",
            "addressee": "college",
            "creation_key": uuid.uuid4(),
            "action": "opslaan",
            **{
                f"{prefix}-{key}": value
                for prefix in ("onderdeel", "aanbeveling", "vraag")
                for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
            },
        },
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert title_of(html).startswith("Fout: ")
    assert '<a class="utrecht-link" href="#id_title">Titel: ' in summary_of(html)


def test_a_refused_public_filter_names_its_field(client):
    html = client.get("/plekken/", {"wijk": "bestaat-niet"}).content.decode()

    assert title_of(html).startswith("Fout: ")
    assert 'href="#id_wijk">Wijk: ' in summary_of(html)


def test_a_refused_admin_form_we_template_has_the_summary_and_title(admin_client):
    response = admin_client.get(
        reverse("admin:neighbourhoods_booking_occupancy"),
        {
            "municipality": MunicipalityFactory().pk,
            "start": "2030-01-13",
            "end": "2030-01-07",
        },
    )

    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    assert "De einddatum ligt voor de begindatum." in summary_of(html)
    assert "js/page-focus.js" in html
