"""Draft → submitted → adopted → sent: each step, and who may make it."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from advisories.models import AdviceStatus
from advisories.services import NOT_CHAIR, NOT_DRAFT
from testdata.advisories import AdviceFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def step(client, advice, name):
    return client.post(
        reverse("advisories:portal-advice-step", args=[advice.pk, name]), follow=True
    )


@pytest.fixture
def draft(council, member):
    advice = AdviceFactory(council=council, author=member, unsolicited=True)
    RecommendationFactory.create_batch(3, advice=advice)
    return advice


def test_author_submits_and_the_chair_is_told(
    client, draft, member, chair, django_capture_on_commit_callbacks
):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = step(client, draft, "indienen")

    draft.refresh_from_db()
    assert draft.status == AdviceStatus.SUBMITTED
    assert "Het advies is ingediend bij de voorzitter." in response.content.decode()
    assert [m.to for m in mail.outbox] == [[chair.email]]


def test_submitting_twice_changes_nothing_the_second_time(
    client, draft, member, chair, django_capture_on_commit_callbacks
):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        step(client, draft, "indienen")
        step(client, draft, "indienen")

    draft.refresh_from_db()
    assert draft.status == AdviceStatus.SUBMITTED
    assert len(mail.outbox) == 1


def test_another_member_can_neither_submit_nor_see_a_draft(client, draft, other_member):
    client.force_login(other_member)

    response = step(client, draft, "indienen")

    assert response.status_code == HTTPStatus.NOT_FOUND
    draft.refresh_from_db()
    assert draft.status == AdviceStatus.DRAFT


def test_an_advice_without_recommendations_cannot_be_submitted(client, council, member):
    advice = AdviceFactory(council=council, author=member, unsolicited=True)
    client.force_login(member)

    response = step(client, advice, "indienen")

    assert "Een advies heeft minstens één aanbeveling." in response.content.decode()
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.DRAFT


def test_members_comment_on_a_submitted_advice_only(client, draft, other_member):
    client.force_login(other_member)
    url = reverse("advisories:portal-advice-step", args=[draft.pk, "opmerking"])
    assert client.post(url, {"body": "Te vroeg"}).status_code == HTTPStatus.NOT_FOUND

    draft.status = AdviceStatus.SUBMITTED
    draft.save()
    response = client.post(url, {"body": "Noem ook de mantelzorgers."}, follow=True)

    assert "Noem ook de mantelzorgers." in response.content.decode()
    assert draft.comments.get().author == other_member


def test_only_the_chair_adopts(client, draft, member, chair):
    draft.status = AdviceStatus.SUBMITTED
    draft.save()
    client.force_login(member)

    refused = step(client, draft, "vaststellen")
    draft.refresh_from_db()
    assert draft.status == AdviceStatus.SUBMITTED
    assert str(NOT_CHAIR) in refused.content.decode()

    client.force_login(chair)
    step(client, draft, "vaststellen")
    draft.refresh_from_db()
    assert draft.status == AdviceStatus.ADOPTED
    assert draft.adopted_by == chair


def test_chair_returns_a_submitted_advice_to_its_author(client, draft, member, chair):
    draft.status = AdviceStatus.SUBMITTED
    draft.save()
    client.force_login(chair)

    step(client, draft, "terug")

    draft.refresh_from_db()
    assert draft.status == AdviceStatus.DRAFT


def test_only_the_chair_sends_and_the_municipality_receives_it(
    client, draft, member, chair, django_capture_on_commit_callbacks
):
    draft.status = AdviceStatus.ADOPTED
    draft.save()
    client.force_login(member)
    step(client, draft, "verzenden")
    draft.refresh_from_db()
    assert draft.status == AdviceStatus.ADOPTED

    chair.first_name, chair.last_name = "Vera", "Voorzitter"
    chair.save()
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        step(client, draft, "verzenden")

    draft.refresh_from_db()
    assert draft.status == AdviceStatus.SENT
    assert draft.signed_by == "Vera Voorzitter, voorzitter"
    assert (draft.response_due_on - draft.sent_on).days == 42
    assert draft.slug.startswith(f"{draft.sent_on:%Y-%m-%d}-")
    assert [m.to for m in mail.outbox] == [[draft.council.municipality_contact_email]]
    assert "3 aanbevelingen" in mail.outbox[0].body


def test_a_submitted_advice_cannot_be_sent_before_it_is_adopted(client, draft, chair):
    draft.status = AdviceStatus.SUBMITTED
    draft.save()
    client.force_login(chair)

    response = step(client, draft, "verzenden")

    assert (
        "Alleen een vastgesteld advies kan worden verzonden."
        in response.content.decode()
    )


def test_a_sent_advice_is_frozen_and_corrected_visibly(client, council, member, chair):
    advice = AdviceFactory(council=council, author=member, sent=True, unsolicited=True)
    client.force_login(member)
    edit = reverse("advisories:portal-advice-edit", args=[advice.pk])
    assert client.get(edit).status_code == HTTPStatus.NOT_FOUND

    client.force_login(chair)
    client.post(
        reverse("advisories:portal-advice-step", args=[advice.pk, "correctie"]),
        {"body": "In aanbeveling 2 staat 2022; dat moet 2021 zijn."},
    )

    public = client.get(advice.get_absolute_url()).content.decode()
    assert "In aanbeveling 2 staat 2022; dat moet 2021 zijn." in public
    assert "Correcties na verzending" in public


def test_the_service_refuses_to_change_a_submitted_draft(draft, member):
    from django.core.exceptions import ValidationError

    from advisories.services import AdviceContent, advice_save_draft

    draft.status = AdviceStatus.SUBMITTED
    draft.save()

    with pytest.raises(ValidationError) as error:
        advice_save_draft(
            advice=draft, by=member, content=AdviceContent(title="x", addressee="raad")
        )
    assert error.value.messages == [str(NOT_DRAFT)]


def test_only_the_chair_returns_an_advice_to_its_author(client, draft, other_member):
    draft.status = AdviceStatus.SUBMITTED
    draft.save()
    client.force_login(other_member)

    response = step(client, draft, "terug")

    assert str(NOT_CHAIR) in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == AdviceStatus.SUBMITTED
