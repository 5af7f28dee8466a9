"""Public pages set no cookie and carry no token; the language switch needs none.

That is what lets a public page be cached whole and shared between visitors
(core.public_pages.public_page) without ever sharing a token or a session.
"""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from testdata.advisories import AdviceFactory
from testdata.neighbourhoods import FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    place = FacilityFactory(name="Buurthuis De Schakel")
    advice = AdviceFactory(sent=True)
    return [
        "/",
        "/wijken/",
        place.neighbourhood.get_absolute_url(),
        "/plekken/",
        place.get_absolute_url(),
        "/activiteiten/",
        "/organisaties/",
        "/zoeken/?q=buurthuis",
        "/open-data/",
        "/toegankelijkheid/",
        "/adviezen/",
        advice.get_absolute_url(),
        "/subsidies/",
        "/subsidies/begroting/",
    ]


def test_public_pages_set_no_cookie_and_carry_no_token(pages):
    visitor = Client(enforce_csrf_checks=True)
    for url in pages:
        response = visitor.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert not response.cookies, (url, response.cookies)
        assert b"csrfmiddlewaretoken" not in response.content, url


def test_a_cross_site_language_switch_changes_only_the_language():
    stranger = Client(enforce_csrf_checks=True)

    response = stranger.post(
        reverse("set_language"),
        {"language": "en", "next": "https://evil.example/"},
        headers={"origin": "https://evil.example"},
    )

    assert response.status_code == HTTPStatus.FOUND
    # `next` off this site is ignored: the visitor stays here.
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "en"
    assert stranger.get("/")["Content-Language"] == "en"


def test_other_forms_still_need_their_csrf_token():
    stranger = Client(enforce_csrf_checks=True)

    response = stranger.post(
        reverse("advisories:portal-login"), {"username": "lid", "password": "geheim"}
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
