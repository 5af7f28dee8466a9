"""The archive and an advice page run a fixed number of queries, however large."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from advisories.models import Advice, AdviceStatus, Recommendation, Response, Verdict
from advisories.services import advice_index
from tests.advisories.factories import AdvisoryCouncilFactory

pytestmark = pytest.mark.django_db

ADVICES, RECOMMENDATIONS = 500, 10


@pytest.fixture
def archive():
    council = AdvisoryCouncilFactory()
    start = date(2015, 1, 1)
    advices = Advice.objects.bulk_create(
        Advice(
            council=council,
            kind="ongevraagd",
            title=f"Advies {n} over buurthuizen en wijkteams",
            slug=f"advies-{n}",
            summary="De adviesraad adviseert de buurthuizen open te houden.",
            status=AdviceStatus.SENT,
            sent_on=start + timedelta(days=n * 7),
            response_due_on=start + timedelta(days=n * 7 + 42),
        )
        for n in range(ADVICES)
    )
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(advice=advice, number=i, text=f"Aanbeveling {i} over de wijk.")
        for advice in advices
        for i in range(1, RECOMMENDATIONS + 1)
    )
    Response.objects.bulk_create(
        Response(
            recommendation=recommendation,
            verdict=Verdict.PARTLY,
            reasons="Deels.",
            responded_on=recommendation.advice.sent_on + timedelta(days=30),
        )
        for recommendation in recommendations[::3]
    )
    for advice in advices[:50]:
        advice_index(advice=advice)
    return advices


def test_archive_list_runs_a_bounded_number_of_queries(
    client, archive, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("advisories:advice-list"))
    assert response.context["page_obj"].paginator.count == ADVICES

    with django_assert_max_num_queries(8):
        searched = client.get(reverse("advisories:advice-list"), {"q": "buurthuizen"})
    assert searched.context["page_obj"].paginator.count == 50


def test_advice_page_runs_a_bounded_number_of_queries(
    client, archive, django_assert_max_num_queries
):
    advice = archive[250]

    with django_assert_max_num_queries(8):
        response = client.get(advice.get_absolute_url())

    assert response.content.decode().count("Aanbeveling ") >= RECOMMENDATIONS
