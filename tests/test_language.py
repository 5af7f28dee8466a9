"""The portal speaks Dutch first; English only when the visitor chooses it."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_the_dutch_portal(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.headers["Content-Language"] == "nl"
    assert b'<html lang="nl">' in response.content
    assert "Cookie" in response.headers["Vary"]


def test_the_language_switch_gives_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    english = client.get("/")
    assert english.headers["Content-Language"] == "en"
    assert b'<html lang="en">' in english.content

    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert client.get("/").headers["Content-Language"] == "nl"


def test_an_unknown_language_in_the_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    assert client.get("/").headers["Content-Language"] == "nl"
