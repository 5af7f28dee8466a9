"""The member dashboard: each section's rows, counts and links, from one query."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from advisories.models import AdviceStatus
from tests.advisories.factories import (
    AdviceCommentFactory,
    AdviceFactory,
    RecommendationFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("advisories:portal-dashboard")


def test_each_advice_is_in_its_own_section_with_its_counts_and_link(
    client, member, other_member, council
):
    mine = AdviceFactory(council=council, author=member, title="Mijn concept")
    AdviceFactory(council=council, author=other_member, title="Concept van een ander")
    in_review = AdviceFactory(
        council=council, status=AdviceStatus.SUBMITTED, title="Ter beoordeling"
    )
    AdviceCommentFactory.create_batch(2, advice=in_review)
    sent = AdviceFactory(council=council, sent=True, title="Verzonden advies")
    ResponseFactory(recommendation__advice=sent)
    RecommendationFactory(advice=sent)
    AdviceFactory(sent=True, title="Advies van een andere raad")
    client.force_login(member)

    context = client.get(DASHBOARD).context
    html = client.get(DASHBOARD).content.decode()

    assert [a.title for a in context["drafts"]] == ["Mijn concept"]
    assert [a.title for a in context["in_review"]] == ["Ter beoordeling"]
    assert [a.title for a in context["sent"]] == ["Verzonden advies"]
    assert context["in_review"][0].comment_count == 2
    assert "door" in html and "2 opmerkingen" in html
    assert "1 van 2 beantwoord" in html
    # Sent 26 February 2021, response due 9 April 2021 with one recommendation open.
    assert '<td class="utrecht-table__cell">26 februari 2021</td>' in html
    assert (
        '9 april 2021 <span class="advisories-badge advisories-badge--late">te laat'
        in html
    )
    assert f'href="/portaal/adviezen/{mine.pk}/bewerken/"' in html
    assert f'href="/portaal/adviezen/{in_review.pk}/"' in html
    assert f'href="/portaal/adviezen/{sent.pk}/"' in html
    request = context["open_requests"][0]
    assert f'href="/portaal/aanvragen/{request.pk}/"' in html
    assert "Concept van een ander" not in html
    assert "Advies van een andere raad" not in html


def test_sent_advice_is_the_newest_twenty_newest_first(client, member, council):
    first = date(2020, 1, 1)
    for n in range(25):
        AdviceFactory(
            council=council,
            sent=True,
            unsolicited=True,
            sent_on=first + timedelta(days=n),
            title=f"Verzonden {n}",
        )
    client.force_login(member)

    sent = client.get(DASHBOARD).context["sent"]

    assert [a.title for a in sent] == [f"Verzonden {n}" for n in range(24, 4, -1)]
