"""An official puts a framework version before the council from the policy admin."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from advisories.models import AdviceRequest
from advisories.services import NO_COUNCIL, advice_request_send_version
from testdata.advisories import AdvisoryCouncilFactory, MembershipFactory
from testdata.policy import FrameworkVersionFactory

pytestmark = pytest.mark.django_db


def send_action(client, version):
    return client.post(
        reverse("admin:policy_frameworkversion_changelist"),
        {"action": "send_version_to_council", "_selected_action": [version.pk]},
        follow=True,
    )


def test_action_creates_one_request_for_the_version_however_often_it_runs(
    admin_client, django_capture_on_commit_callbacks
):
    council = AdvisoryCouncilFactory()
    member = MembershipFactory(council=council)
    version = FrameworkVersionFactory(framework__municipality=council.municipality)

    with django_capture_on_commit_callbacks(execute=True):
        first = send_action(admin_client, version)
        second = send_action(admin_client, version)

    assert first.status_code == HTTPStatus.OK
    assert "1 adviesaanvraag verstuurd naar de adviesraad." in first.content.decode()
    assert "lag al bij de adviesraad" in second.content.decode()
    request = AdviceRequest.objects.get()
    assert request.council == council
    assert request.framework_version == version
    assert (request.deadline - request.received_on).days == 6 * 7
    # The members hear of it once.
    assert [message.to for message in mail.outbox] == [[member.user.email]]


def test_action_is_offered_on_the_framework_version_changelist(admin_client):
    FrameworkVersionFactory()

    response = admin_client.get(reverse("admin:policy_frameworkversion_changelist"))

    assert "Verstuur naar de adviesraad" in response.content.decode()


def test_a_framework_action_sends_its_latest_version(admin_client):
    council = AdvisoryCouncilFactory()
    older = FrameworkVersionFactory(framework__municipality=council.municipality)
    newer = FrameworkVersionFactory(framework=older.framework, number=older.number + 1)

    admin_client.post(
        reverse("admin:policy_policyframework_changelist"),
        {
            "action": "send_latest_version_to_council",
            "_selected_action": [older.framework.pk],
        },
    )

    assert AdviceRequest.objects.get().framework_version == newer


def test_a_municipality_without_council_gets_a_clear_error():
    version = FrameworkVersionFactory()

    with pytest.raises(Exception) as error:
        advice_request_send_version(version=version)

    assert str(NO_COUNCIL) in str(error.value)
