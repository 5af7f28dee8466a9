"""Staff need a second factor (TOTP or a backup code) before any admin page."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import end_all_sessions
from signin import services
from testdata.otp import backup_codes, totp_code

pytestmark = pytest.mark.django_db

VERIFY = reverse("two_factor:verify")
SETUP = reverse("two_factor:setup")


def password_login(client: Client, user) -> None:
    response = client.post(
        reverse("admin:login"),
        {"username": user.get_username(), "password": user.raw_password},
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()


def admin_pages() -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
    return pages


def test_a_password_alone_opens_no_admin_page(official):
    client = Client()
    password_login(client, official)

    for page in admin_pages():
        response = client.get(page, follow=True)
        assert response.redirect_chain, page
        assert response.redirect_chain[-1][0].startswith(VERIFY), page
        assert response.templates[0].name == "two_factor/verify.html", page


def test_the_totp_code_opens_the_admin_and_rotates_the_session(official):
    client = Client()
    password_login(client, official)
    key_after_password = client.session.session_key

    response = client.post(
        VERIFY, {"token": totp_code(official), "next": reverse("admin:index")}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("admin:index")
    assert client.session.session_key != key_after_password
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_ending_all_sessions_also_ends_the_session_the_second_factor_renewed(official):
    """Sign-in announces the renewed session key; the audit log, listening, notes it,
    so ending every session of a user (logout elsewhere, deactivation) ends this one."""
    client = Client()
    password_login(client, official)
    client.post(VERIFY, {"token": totp_code(official)})
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK

    end_all_sessions(official)

    assert client.get(reverse("admin:index")).status_code == HTTPStatus.FOUND


def test_a_wrong_code_is_refused_in_dutch_and_opens_nothing(official):
    client = Client()
    password_login(client, official)

    response = client.post(VERIFY, {"token": "000000x"})

    assert response.status_code == HTTPStatus.OK
    assert "Deze code klopt niet of is al gebruikt." in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.FOUND


def test_a_used_code_is_not_accepted_twice(official):
    code = totp_code(official)
    first, second = Client(), Client()
    password_login(first, official)
    password_login(second, official)

    assert first.post(VERIFY, {"token": code}).status_code == HTTPStatus.FOUND
    response = second.post(VERIFY, {"token": code})

    assert response.status_code == HTTPStatus.OK
    assert second.get(reverse("admin:index")).status_code == HTTPStatus.FOUND


def test_a_backup_code_works_once(official):
    code = backup_codes(official)[0]
    client = Client()
    password_login(client, official)

    assert client.post(VERIFY, {"token": code.upper()}).status_code == HTTPStatus.FOUND
    assert code not in backup_codes(official)
    other = Client()
    password_login(other, official)
    assert other.post(VERIFY, {"token": code}).status_code == HTTPStatus.OK


def test_repeated_wrong_codes_are_throttled(official):
    client = Client()
    password_login(client, official)
    for _ in range(3):
        client.post(VERIFY, {"token": "123456"})

    response = client.post(VERIFY, {"token": totp_code(official)})

    assert response.status_code == HTTPStatus.OK
    assert "Te veel onjuiste codes" in response.content.decode()


def test_staff_without_a_device_set_it_up_and_get_backup_codes(django_user_model):
    user = django_user_model.objects.create_user(
        "nieuw", password="Een-lang-wachtwoord-2026", is_staff=True
    )
    user.raw_password = "Een-lang-wachtwoord-2026"
    client = Client()
    password_login(client, user)

    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    page = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert services.secret_for_typing(device) in page

    device.confirmed = True  # totp_code reads confirmed devices only
    device.save()
    code = totp_code(user)
    device.confirmed = False
    device.save()
    response = client.post(SETUP, {"token": code})

    assert response.status_code == HTTPStatus.OK
    codes = backup_codes(user)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_setup_is_refused_once_a_device_exists(official):
    client = Client()
    password_login(client, official)

    response = client.get(SETUP)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=official, confirmed=False).exists()


def test_visitors_and_members_cannot_use_the_verify_page(django_user_model):
    assert Client().get(VERIFY)["Location"].startswith(reverse("admin:login"))
    member = django_user_model.objects.create_user("lid", password="x")
    client = Client()
    client.force_login(member)
    assert client.get(VERIFY).status_code == HTTPStatus.FORBIDDEN


def test_next_never_leaves_the_site(official):
    client = Client()
    password_login(client, official)

    response = client.post(
        VERIFY, {"token": totp_code(official), "next": "https://kwaad.example/"}
    )

    assert response["Location"] == reverse("admin:index")


def test_backup_codes_can_be_renewed_after_verifying(official, client):
    from testdata.otp import otp_login

    old = backup_codes(official)
    otp_login(client, official)

    response = client.post(reverse("two_factor:backup_codes"))

    new = backup_codes(official)
    assert set(old).isdisjoint(new)
    assert all(code in response.content.decode() for code in new)


def test_the_admin_client_fixture_is_verified(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == HTTPStatus.OK
