"""Who gets mail: no request goes unannounced, no answered request is reminded of,
and a council without the municipality's address is warned that its advice was not
mailed."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from advisories.admin.council import NO_MUNICIPALITY_ADDRESS_WARNING
from advisories.models import AdviceRequest, AdviceStatus
from advisories.services import NO_MUNICIPALITY_ADDRESS, advice_request_send_reminders
from testdata.advisories import (
    AdviceFactory,
    AdviceRequestFactory,
    AdvisoryCouncilFactory,
    MembershipFactory,
    RecommendationFactory,
)
from testdata.policy import FrameworkVersionFactory

pytestmark = pytest.mark.django_db


def test_a_request_added_in_the_admin_mails_the_members(
    admin_client, council, member, django_capture_on_commit_callbacks
):
    version = FrameworkVersionFactory(framework__municipality=council.municipality)
    data = {
        "council": council.pk,
        "subject": "Nota mantelzorg",
        "description": "",
        "framework_version": version.pk,
        "received_on": "18-01-2021",
        "deadline": "01-03-2021",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:advisories_advicerequest_add"), data
        )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert AdviceRequest.objects.get().subject == "Nota mantelzorg"
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject == "Nieuwe adviesaanvraag: Nota mantelzorg"


def test_a_request_changed_in_the_admin_mails_nobody_again(
    admin_client, council, member, django_capture_on_commit_callbacks
):
    request = AdviceRequestFactory(council=council)
    data = {
        "council": council.pk,
        "subject": "Nieuwe naam",
        "description": "",
        "framework_version": request.framework_version_id,
        "received_on": "18-01-2021",
        "deadline": "01-03-2021",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:advisories_advicerequest_change", args=[request.pk]), data
        )

    request.refresh_from_db()
    assert request.subject == "Nieuwe naam"
    assert mail.outbox == []


def test_members_are_not_reminded_of_a_request_whose_advice_is_sent(council, member):
    today = date(2021, 2, 20)
    answered = AdviceRequestFactory(council=council, deadline=today + timedelta(days=3))
    AdviceFactory(council=council, request=answered, sent=True)
    open_request = AdviceRequestFactory(
        council=council, deadline=today + timedelta(days=3)
    )
    AdviceFactory(council=council, request=open_request)  # still a draft

    assert advice_request_send_reminders(on=today) == 1

    assert len(mail.outbox) == 1
    assert open_request.subject in mail.outbox[0].subject


def test_sending_without_a_municipality_address_warns_the_chair(
    client, django_capture_on_commit_callbacks
):
    council = AdvisoryCouncilFactory(municipality_contact_email="")
    chair = MembershipFactory(council=council, chair=True).user
    advice = AdviceFactory(council=council, status=AdviceStatus.ADOPTED)
    RecommendationFactory(advice=advice)
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("advisories:portal-advice-step", args=[advice.pk, "verzenden"]),
            follow=True,
        )

    advice.refresh_from_db()
    assert advice.status == AdviceStatus.SENT
    assert mail.outbox == []
    assert str(NO_MUNICIPALITY_ADDRESS) in response.content.decode()


def test_sending_with_a_municipality_address_gives_no_warning(
    client, council, chair, django_capture_on_commit_callbacks
):
    advice = AdviceFactory(council=council, status=AdviceStatus.ADOPTED)
    RecommendationFactory(advice=advice)
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("advisories:portal-advice-step", args=[advice.pk, "verzenden"]),
            follow=True,
        )

    assert [m.to for m in mail.outbox] == [[council.municipality_contact_email]]
    assert str(NO_MUNICIPALITY_ADDRESS) not in response.content.decode()


def test_the_council_admin_page_warns_without_a_municipality_address(admin_client):
    without = AdvisoryCouncilFactory(municipality_contact_email="")
    with_address = AdvisoryCouncilFactory()

    def page(council):
        url = reverse("admin:advisories_advisorycouncil_change", args=[council.pk])
        return admin_client.get(url).content.decode()

    assert str(NO_MUNICIPALITY_ADDRESS_WARNING) in page(without)
    assert str(NO_MUNICIPALITY_ADDRESS_WARNING) not in page(with_address)
