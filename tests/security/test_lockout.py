"""Repeated wrong passwords lock a user name from an address (django-axes); passwords are
never written to the database or the logs."""

import logging
from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db

WRONG = "Verkeerd-Wachtwoord-9876"
LOGIN = reverse("admin:login")


def attempt(client: Client, username: str, password: str, ip: str = "192.0.2.10"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail_five_times(client, official, ip="192.0.2.10"):
    for _ in range(5):
        response = attempt(client, official.username, WRONG, ip)
    return response


def test_the_sixth_attempt_is_refused_even_with_the_right_password(official):
    client = Client()
    fail_five_times(client, official)

    response = attempt(client, official.username, official.raw_password)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Aanmelden tijdelijk geblokkeerd" in response.content.decode()
    assert "15 minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_still_allow_the_right_password(official):
    client = Client()
    for _ in range(4):
        attempt(client, official.username, WRONG)

    response = attempt(client, official.username, official.raw_password)

    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(official.pk)


def test_the_lock_is_per_user_name_and_address(official, django_user_model):
    fail_five_times(Client(), official, ip="192.0.2.10")

    from_elsewhere = attempt(
        Client(), official.username, official.raw_password, ip="198.51.100.7"
    )
    assert from_elsewhere.status_code == HTTPStatus.FOUND

    colleague = django_user_model.objects.create_user(
        "collega", password="Nog-een-Wachtwoord-2026", is_staff=True
    )
    same_address = attempt(
        Client(), colleague.username, "Nog-een-Wachtwoord-2026", ip="192.0.2.10"
    )
    assert same_address.status_code == HTTPStatus.FOUND


def test_the_lock_ends_fifteen_minutes_after_the_last_attempt(official):
    with time_machine.travel("2026-11-25 10:00 +0000", tick=False) as traveller:
        fail_five_times(Client(), official)
        traveller.shift(timedelta(minutes=14))
        # Trying during the lock starts the fifteen minutes again.
        assert (
            attempt(Client(), official.username, official.raw_password).status_code
            == HTTPStatus.TOO_MANY_REQUESTS
        )
        traveller.shift(timedelta(minutes=14))
        assert (
            attempt(Client(), official.username, official.raw_password).status_code
            == HTTPStatus.TOO_MANY_REQUESTS
        )
        traveller.shift(timedelta(minutes=16))
        assert (
            attempt(Client(), official.username, official.raw_password).status_code
            == HTTPStatus.FOUND
        )


def test_any_login_form_calling_authenticate_is_covered(official, rf):
    """The member portal's login calls authenticate(request, ...) too: the same lock."""
    request = rf.post("/portaal/inloggen/", REMOTE_ADDR="192.0.2.20")
    for _ in range(5):
        assert authenticate(request, username=official.username, password=WRONG) is None

    request = rf.post("/portaal/inloggen/", REMOTE_ADDR="192.0.2.20")
    user = authenticate(
        request, username=official.username, password=official.raw_password
    )

    assert user is None
    assert AccessAttempt.objects.filter(username=official.username).exists()


def test_failures_and_the_lockout_are_audited(official):
    fail_five_times(Client(), official)

    failed = AuditEntry.objects.filter(action=Action.LOGIN_FAILED)
    assert failed.count() == 5
    assert {entry.username for entry in failed} == {official.username}
    assert {entry.ip_address for entry in failed} == {"192.0.2.10"}
    assert AuditEntry.objects.filter(
        action=Action.LOCKOUT, username=official.username
    ).exists()


def test_passwords_are_never_stored_or_logged(official, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client()
    fail_five_times(client, official)
    attempt(client, official.username, official.raw_password)

    stored = [
        str(row.__dict__)
        for model in (AccessAttempt, AccessFailureLog, AccessLog, AuditEntry)
        for row in model.objects.all()
    ]
    assert stored, "the attempts are recorded"
    for text in [*stored, caplog.text]:
        assert WRONG not in text
        assert official.raw_password not in text


def test_the_member_portal_login_locks_out_too(django_user_model):
    member = django_user_model.objects.create_user(
        "raadslid", password="Adviesraad-Almere-2026"
    )
    login = reverse("advisories:portal-login")
    client = Client()
    for _ in range(5):
        client.post(login, {"username": member.username, "password": WRONG})

    response = client.post(
        login, {"username": member.username, "password": "Adviesraad-Almere-2026"}
    )

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(
        action=Action.LOCKOUT, username=member.username
    ).exists()


def test_behind_the_proxy_the_address_it_forwarded_counts(official, settings):
    settings.CLIENT_IP_FROM_FORWARDED_FOR = True
    client = Client()
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": official.username, "password": WRONG},
            REMOTE_ADDR="10.0.0.1",
            # The first entry is the client's own claim; the proxy appended the last.
            HTTP_X_FORWARDED_FOR="203.0.113.50, 198.51.100.9",
        )

    colleague_same_proxy = Client().post(
        LOGIN,
        {"username": official.username, "password": official.raw_password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.77",
    )

    assert colleague_same_proxy.status_code == HTTPStatus.FOUND
    assert set(
        AuditEntry.objects.filter(action=Action.LOGIN_FAILED).values_list(
            "ip_address", flat=True
        )
    ) == {"198.51.100.9"}
