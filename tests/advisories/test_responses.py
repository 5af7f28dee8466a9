"""Responses per recommendation: recorded by officials, deadline, overdue flag."""

from datetime import date, timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from advisories.models import Advice, AdviceStatus, Response
from advisories.services import advice_publish, response_record
from testdata.advisories import (
    AdviceFactory,
    MembershipFactory,
    RecommendationFactory,
)
from testdata.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_advice():
    advice = AdviceFactory(
        sent=True, sent_on=date(2021, 2, 26), response_due_on=date(2021, 4, 9)
    )
    RecommendationFactory.create_batch(2, advice=advice)
    return advice


def test_advice_is_overdue_once_the_date_passes_with_a_recommendation_unanswered(
    sent_advice,
):
    first = sent_advice.recommendations.first()
    response_record(
        recommendation=first,
        verdict="overgenomen",
        reasons="Wordt uitgevoerd.",
        responded_on=date(2021, 3, 1),
        by=StaffUserFactory(),
    )

    assert not sent_advice.is_overdue(on=date(2021, 4, 9))
    assert sent_advice.is_overdue(on=date(2021, 4, 10))
    assert list(Advice.objects.overdue(on=date(2021, 4, 10))) == [sent_advice]
    counted = Advice.objects.with_response_counts().get(pk=sent_advice.pk)
    assert counted.is_overdue(on=date(2021, 4, 10))


def test_every_recommendation_answered_makes_the_advice_answered_and_tells_members(
    sent_advice, django_capture_on_commit_callbacks
):
    member = MembershipFactory(council=sent_advice.council).user
    official = StaffUserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        for recommendation in sent_advice.recommendations.all():
            response_record(
                recommendation=recommendation,
                verdict="niet_overgenomen",
                reasons="Past niet in de begroting.",
                responded_on=date(2021, 5, 1),
                by=official,
            )

    sent_advice.refresh_from_db()
    assert sent_advice.status == AdviceStatus.ANSWERED
    assert not sent_advice.is_overdue(on=date(2021, 6, 1))
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_the_response_period_is_the_councils_own(client, council, chair):
    council.response_period_weeks = 8
    council.save()
    advice = AdviceFactory(council=council, status="vastgesteld", unsolicited=True)
    RecommendationFactory(advice=advice)
    client.force_login(chair)

    client.post(reverse("advisories:portal-advice-step", args=[advice.pk, "verzenden"]))

    advice.refresh_from_db()
    assert advice.response_due_on == advice.sent_on + timedelta(weeks=8)


def test_official_records_responses_for_all_recommendations_on_one_admin_page(
    admin_client, sent_advice
):
    url = reverse("admin:advisories_advice_responses", args=[sent_advice.pk])
    page = admin_client.get(url)
    assert page.status_code == HTTPStatus.OK
    data = {
        "reactie-TOTAL_FORMS": "2",
        "reactie-INITIAL_FORMS": "2",
        "reactie-0-verdict": "overgenomen",
        "reactie-0-reasons": "Het college neemt dit over.",
        "reactie-0-responded_on": "2021-04-01",
        "reactie-1-verdict": "deels",
        "reactie-1-reasons": "",
        "reactie-1-responded_on": "2021-04-01",
    }

    refused = admin_client.post(url, data)
    assert "Geef de motivering van de gemeente." in refused.content.decode()
    assert Response.objects.count() == 0

    data["reactie-1-reasons"] = "Alleen in de pilotwijken."
    admin_client.post(url, data)

    assert Response.objects.count() == 2
    sent_advice.refresh_from_db()
    assert sent_advice.status == AdviceStatus.ANSWERED


def test_publishing_needs_every_response_first(sent_advice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        advice_publish(advice=sent_advice)

    sent_advice.status = AdviceStatus.ANSWERED
    sent_advice.save()
    advice_publish(advice=sent_advice, on=date(2021, 6, 1))
    sent_advice.refresh_from_db()
    assert sent_advice.status == AdviceStatus.PUBLISHED
    assert sent_advice.published_on == date(2021, 6, 1)


def test_publish_preview_shows_the_redacted_text(admin_client, sent_advice):
    sent_advice.summary = "Met dank aan Piet Pietersen."
    sent_advice.redacted_terms = "Piet Pietersen"
    sent_advice.save()

    html = admin_client.get(
        reverse("admin:advisories_advice_publish", args=[sent_advice.pk])
    ).content.decode()

    assert "[naam weggelaten]" in html
    assert "Pietersen" not in html


def test_the_admin_keeps_a_sent_advice_as_it_was_sent(admin_client, sent_advice):
    url = reverse("admin:advisories_advice_change", args=[sent_advice.pk])

    html = admin_client.get(url).content.decode()

    assert 'name="title"' not in html
    assert 'name="redacted_terms"' in html
    assert 'name="recommendations-0-text"' not in html


def test_an_official_without_the_response_permission_cannot_record_or_publish(
    client, sent_advice
):
    from testdata.otp import otp_login

    official = StaffUserFactory()
    otp_login(client, official)

    for name in ("advisories_advice_responses", "advisories_advice_publish"):
        response = client.get(reverse(f"admin:{name}", args=[sent_advice.pk]))
        assert response.status_code == HTTPStatus.FORBIDDEN
