"""An over-long user name is refused by both login forms before authenticate() runs:
nothing reaches the lockout's 255-character columns, and the visitor reads why."""

from http import HTTPStatus

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db

TOO_LONG = "a" * 300


@pytest.mark.parametrize("login", ["admin:login", "advisories:portal-login"])
def test_a_300_character_user_name_gets_the_form_error_and_stores_nothing(login):
    client = Client(raise_request_exception=False)

    response = client.post(
        reverse(login),
        {"username": TOO_LONG, "password": "Verkeerd-Wachtwoord-9876"},
        REMOTE_ADDR="192.0.2.30",
    )

    assert response.status_code == HTTPStatus.OK
    assert "Een gebruikersnaam heeft hoogstens 150 tekens." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not AccessAttempt.objects.exists()
    assert not AccessFailureLog.objects.exists()
    assert not AuditEntry.objects.filter(action=Action.LOGIN_FAILED).exists()


def test_a_user_name_of_the_longest_allowed_length_is_still_tried(official):
    response = Client().post(
        reverse("admin:login"),
        {"username": "b" * 150, "password": "Verkeerd-Wachtwoord-9876"},
        REMOTE_ADDR="192.0.2.31",
    )

    assert response.status_code == HTTPStatus.OK
    assert AccessAttempt.objects.filter(username="b" * 150).exists()
