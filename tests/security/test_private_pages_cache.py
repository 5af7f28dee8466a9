"""Pages behind a login (the member portal and the admin, their login pages
included) send Cache-Control: private, no-store, so no browser history, shared
computer or proxy keeps them (core.middleware.PrivatePagesNoStoreMiddleware). The
portal's URLs come from the resolver: a new portal page is checked too."""

from http import HTTPStatus

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from testdata.advisories import (
    AdviceAttachmentFactory,
    AdviceFactory,
    AdviceRequestDocumentFactory,
    AdviceRequestFactory,
    MembershipFactory,
)
from tests.security.test_fuzz import walk

pytestmark = pytest.mark.django_db


def assert_not_stored(response, path: str) -> None:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (path, directives)
    assert "public" not in directives, path


def portal_paths(member) -> list[str]:
    """Every page of the member portal, with a row of this member's to show."""
    advice_request = AdviceRequestFactory(council=member.memberships.get().council)
    advice = AdviceFactory(
        council=advice_request.council, request=advice_request, author=member
    )
    document = AdviceRequestDocumentFactory(request=advice_request)
    attachment = AdviceAttachmentFactory(advice=advice, uploaded_by=member)
    kwargs = {
        "advisories:portal-request-detail": {"pk": advice_request.pk},
        "advisories:portal-request-document": {
            "pk": advice_request.pk,
            "document_pk": document.pk,
        },
        "advisories:portal-advice-detail": {"pk": advice.pk},
        "advisories:portal-advice-edit": {"pk": advice.pk},
        "advisories:portal-attachment": {
            "pk": advice.pk,
            "attachment_pk": attachment.pk,
        },
        "advisories:portal-advice-step": {"pk": advice.pk, "step": "indienen"},
        "advisories:portal-password-reset-confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
            "token": default_token_generator.make_token(member),
        },
    }
    paths = [
        reverse(name, kwargs=kwargs.get(name, {}))
        for route, name, _pattern in walk(get_resolver().url_patterns)
        if route.startswith("portaal/")
    ]
    assert len(paths) >= 15
    return paths


def test_every_portal_page_is_private_and_not_stored(client):
    member = MembershipFactory().user
    paths = portal_paths(member)

    for path in paths:  # as a visitor without a login: login page or redirect
        assert_not_stored(Client().get(path), path)

    client.force_login(member)
    answered = {}
    for path in paths:
        response = client.get(path)
        answered[path] = response.status_code
        assert_not_stored(response, path)
    # The member's own pages, downloads included, were really shown.
    assert list(answered.values()).count(HTTPStatus.OK) >= 10, answered


def test_the_admin_and_its_login_pages_are_private_and_not_stored(
    admin_client, official
):
    login = reverse("admin:login")
    assert_not_stored(Client().get(login), login)
    pending = Client()
    pending.force_login(official)  # password given, second factor not yet
    for path in (reverse("two_factor:verify"), reverse("two_factor:setup")):
        assert_not_stored(pending.get(path), path)
    for path in (
        reverse("admin:index"),
        reverse("admin:advisories_advice_changelist"),
        reverse("admin:advisories_advice_add"),
    ):
        response = admin_client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        assert_not_stored(response, path)


def test_public_pages_may_still_be_kept(client):
    response = client.get(reverse("neighbourhoods:home"))

    assert "no-store" not in response.get("Cache-Control", "")
