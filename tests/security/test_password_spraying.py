"""One password tried on many user names from one address (password spraying) locks
that address, besides the lock per user name and address (core.logins)."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db

WRONG = "Zomer2026!Zomer2026"
SPRAYER = "203.0.113.66"
OFFICE = "192.0.2.10"
HOME = "198.51.100.7"


def attempt(username: str, password: str, ip: str, login: str = "admin:login"):
    client = Client()
    response = client.post(
        reverse(login), {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return response, client


def spray(count: int, ip: str = SPRAYER, login: str = "admin:login") -> None:
    for number in range(count):
        attempt(f"medewerker{number}", WRONG, ip, login)


def test_failures_for_thirty_user_names_lock_the_address(official):
    spray(30)

    response, client = attempt(official.username, official.raw_password, SPRAYER)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Aanmelden tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=Action.LOCKOUT, ip_address=SPRAYER).exists()


def test_twenty_nine_failures_leave_the_address_open(official):
    spray(29)

    response, client = attempt(official.username, official.raw_password, SPRAYER)

    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(official.pk)


def test_the_member_portal_counts_towards_the_same_address_lock(django_user_model):
    member = django_user_model.objects.create_user(
        "raadslid", password="Adviesraad-Almere-2026"
    )
    spray(30, login="advisories:portal-login")

    response, client = attempt(
        member.username, "Adviesraad-Almere-2026", SPRAYER, "advisories:portal-login"
    )

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session


def test_a_locked_address_leaves_other_addresses_and_users_under_the_limit_alone(
    official,
):
    for _ in range(4):
        attempt(official.username, WRONG, OFFICE)
    spray(30)

    from_the_office, client = attempt(official.username, official.raw_password, OFFICE)
    assert from_the_office.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(official.pk)

    from_home, _ = attempt(official.username, official.raw_password, HOME)
    assert from_home.status_code == HTTPStatus.FOUND
