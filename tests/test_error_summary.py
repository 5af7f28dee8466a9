"""A refused form, on any page we template, starts its title with "Fout: " and has one
summary whose lines name their field and link to it; page-focus.js gives it the
focus (tests/e2e/test_keyboard_feedback.py). These hold without JavaScript."""

import re
import uuid
from datetime import date
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from policy.subsidies.pending import PENDING_FOLDER
from testdata.advisories import (
    AdviceFactory,
    MembershipFactory,
    RecommendationFactory,
)
from testdata.factories import UserFactory
from testdata.neighbourhoods import MunicipalityFactory

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


def test_a_refused_staff_login_marks_its_fields_and_has_the_summary(official):
    response = Client().post(
        reverse("admin:login"),
        {"username": official.username, "password": "niet-het-wachtwoord"},
    )

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert title_of(html).startswith("Fout: ")
    summary = summary_of(html)
    assert 'href="#id_username"' in summary
    assert "Inloggen lukte niet" in summary
    for name in ("username", "password"):
        field = re.search(rf"<input[^>]*name=\"{name}\"[^>]*>", html).group(0)
        assert 'aria-invalid="true"' in field
        assert "autofocus" not in field
    assert "js/page-focus.js" in html


def test_the_staff_login_keeps_its_autofocus_and_plain_title():
    html = Client().get(reverse("admin:login")).content.decode()

    assert not title_of(html).startswith("Fout")
    assert "data-error-summary" not in html
    assert re.search(r"<input[^>]*name=\"username\"[^>]*autofocus", html)


def test_a_refused_second_factor_code_names_its_field(official):
    client = Client()
    client.post(
        reverse("admin:login"),
        {"username": official.username, "password": official.raw_password},
    )

    response = client.post(reverse("two_factor:verify"), {"token": "000000"})

    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    assert 'href="#id_token">Code: Deze code klopt niet' in summary_of(html)
    field = re.search(r"<input[^>]*name=\"token\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in field
    assert "autofocus" not in field
    assert "js/page-focus.js" in html


def test_a_refused_second_factor_setup_names_its_field(django_user_model):
    django_user_model.objects.create_user(
        "nieuw", password="Een-lang-wachtwoord-2026", is_staff=True
    )
    client = Client()
    client.post(
        reverse("admin:login"),
        {"username": "nieuw", "password": "Een-lang-wachtwoord-2026"},
    )

    response = client.post(reverse("two_factor:setup"), {"token": "000000"})

    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    assert 'href="#id_token">Code: Deze code klopt niet' in summary_of(html)


def test_refused_responses_name_their_recommendation_and_field(admin_client):
    advice = AdviceFactory(
        sent=True, sent_on=date(2021, 2, 26), response_due_on=date(2021, 4, 9)
    )
    first, second = RecommendationFactory.create_batch(2, advice=advice)

    response = admin_client.post(
        reverse("admin:advisories_advice_responses", args=[advice.pk]),
        {
            "reactie-TOTAL_FORMS": "2",
            "reactie-INITIAL_FORMS": "2",
            "reactie-0-verdict": "overgenomen",
            "reactie-0-reasons": "Het college neemt dit over.",
            "reactie-0-responded_on": "2021-04-01",
            "reactie-1-verdict": "deels",
            "reactie-1-reasons": "",
            "reactie-1-responded_on": "2021-04-01",
        },
    )

    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    assert (
        f'href="#id_reactie-1-reasons">Aanbeveling {second.number}, motivering: '
        "Geef de motivering van de gemeente." in summary_of(html)
    )
    assert "js/page-focus.js" in html


def test_a_refused_register_import_names_the_file_field(admin_client):
    response = admin_client.post(
        reverse("admin:policy_grant_register_import"),
        {"gemeente": MunicipalityFactory().pk},
    )

    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    assert 'href="#id_bestand">Subsidieregister: ' in summary_of(html)
    assert "js/page-focus.js" in html


def test_a_register_with_a_bad_row_lists_it_in_the_summary(admin_client):
    municipality = MunicipalityFactory()
    register = b"Naam,Regeling,Jaar,Verleend\nDe Schoor,Welzijn,2024,veel\n"

    response = admin_client.post(
        reverse("admin:policy_grant_register_import"),
        {
            "bestand": SimpleUploadedFile("register.csv", register),
            "gemeente": municipality.pk,
        },
    )

    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    summary = summary_of(html)
    assert "Niets geïmporteerd: er is 1 fout." in summary
    assert 'href="#id_bestand">Subsidieregister: Regel 2: Verleend: ' in summary


def test_a_register_unreadable_at_confirmation_names_the_file_field(
    admin_client, settings
):
    url = reverse("admin:policy_grant_register_import")
    register = b"Naam,Regeling,Jaar,Verleend\nDe Schoor,Welzijn,2024,4000\n"
    preview = admin_client.post(
        url,
        {
            "bestand": SimpleUploadedFile("register.csv", register),
            "gemeente": MunicipalityFactory().pk,
        },
    )
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    [pending] = [
        path for path in (private / PENDING_FOLDER).rglob("*") if path.is_file()
    ]
    # The waiting file no longer has the columns a register needs.
    pending.write_bytes(b"Iets,Anders\n1,2\n")
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() or "" for name in confirm.fields}

    response = admin_client.post(url, {**data, "bevestigen": "1"})

    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    assert 'href="#id_bestand">Subsidieregister: ' in summary_of(html)
