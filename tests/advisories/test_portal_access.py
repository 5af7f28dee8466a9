"""The member portal: its own login, password reset, and nobody reads another's draft."""

import logging
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from testdata.advisories import (
    AdviceAttachmentFactory,
    AdviceFactory,
    AdviceRequestDocumentFactory,
)
from testdata.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("advisories:portal-dashboard")
LOGIN = reverse("advisories:portal-login")


def test_the_portal_sends_visitors_to_its_own_login_not_the_admins(client):
    response = client.get(DASHBOARD)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(LOGIN)


def test_a_member_logs_in_with_a_password_and_sees_the_dashboard(client, member):
    member.set_password("een-lang-testwachtwoord")
    member.save()

    response = client.post(
        LOGIN,
        {"username": member.username, "password": "een-lang-testwachtwoord"},
        follow=True,
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert "Open adviesaanvragen" in html
    assert "Mijn concepten" in html


def test_a_wrong_password_says_so_in_dutch(client, member):
    response = client.post(LOGIN, {"username": member.username, "password": "fout"})

    assert (
        "De gebruikersnaam of het wachtwoord klopt niet." in response.content.decode()
    )


def test_someone_who_is_no_member_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(DASHBOARD).status_code == HTTPStatus.FORBIDDEN


def test_password_reset_mails_a_link_that_sets_a_new_password(client, member):
    client.post(reverse("advisories:portal-password-reset"), {"email": member.email})

    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/portaal/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "Zonnebloem-Almere-42",
            "new_password2": "Zonnebloem-Almere-42",
        },
        follow=True,
    )
    assert "Wachtwoord opgeslagen" in done.content.decode()
    member.refresh_from_db()
    assert member.check_password("Zonnebloem-Almere-42")


def test_member_cannot_list_open_or_download_another_members_draft(
    client, council, member, other_member, caplog
):
    draft = AdviceFactory(
        council=council, author=other_member, unsolicited=True, title="Geheim concept"
    )
    attachment = AdviceAttachmentFactory(advice=draft, uploaded_by=other_member)
    client.force_login(member)
    urls = [
        reverse("advisories:portal-advice-detail", args=[draft.pk]),
        reverse("advisories:portal-advice-edit", args=[draft.pk]),
        reverse("advisories:portal-attachment", args=[draft.pk, attachment.pk]),
    ]

    with caplog.at_level(logging.WARNING, logger="advisories.portal"):
        statuses = [client.get(url).status_code for url in urls]
        dashboard = client.get(DASHBOARD).content.decode()

    assert statuses == [HTTPStatus.NOT_FOUND] * 3
    assert "Geheim concept" not in dashboard
    assert len([r for r in caplog.records if "Geweigerd" in r.getMessage()]) == 3


def test_a_member_of_another_council_cannot_open_its_requests_or_documents(
    client, member
):
    document = AdviceRequestDocumentFactory()
    client.force_login(member)

    detail = client.get(
        reverse("advisories:portal-request-detail", args=[document.request.pk])
    )
    download = client.get(
        reverse(
            "advisories:portal-request-document",
            args=[document.request.pk, document.pk],
        )
    )

    assert detail.status_code == HTTPStatus.NOT_FOUND
    assert download.status_code == HTTPStatus.NOT_FOUND


def test_request_inbox_shows_subject_dates_and_documents(
    client, member, advice_request
):
    document = AdviceRequestDocumentFactory(request=advice_request)
    client.force_login(member)

    inbox = client.get(reverse("advisories:portal-request-list")).content.decode()
    detail = client.get(
        reverse("advisories:portal-request-detail", args=[advice_request.pk])
    ).content.decode()

    assert advice_request.subject in inbox
    assert document.title in detail
    assert "Advies schrijven bij deze aanvraag" in detail


def test_submitted_advice_is_read_by_the_whole_council(
    client, council, member, other_member
):
    advice = AdviceFactory(council=council, author=other_member, status="ingediend")
    client.force_login(member)

    response = client.get(reverse("advisories:portal-advice-detail", args=[advice.pk]))

    assert response.status_code == HTTPStatus.OK
    assert "Opmerking plaatsen" in response.content.decode()
