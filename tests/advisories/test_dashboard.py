"""The member dashboard: each section's rows, counts and links, from one query; a
fixed number of queries however much it lists, reading only the columns it shows."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisories.models import Advice, AdviceStatus
from testdata.advisories import (
    AdviceCommentFactory,
    AdviceFactory,
    AdviceRequestFactory,
    RecommendationFactory,
    ResponseFactory,
)
from testdata.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("advisories:portal-dashboard")


def test_each_advice_is_in_its_own_section_with_its_counts_and_link(
    client, member, other_member, council
):
    mine = AdviceFactory(council=council, author=member, title="Mijn concept")
    AdviceFactory(council=council, author=other_member, title="Concept van een ander")
    in_review = AdviceFactory(
        council=council,
        status=AdviceStatus.SUBMITTED,
        title="Ter beoordeling",
        author=other_member,
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


def test_open_requests_show_received_deadline_and_a_passed_deadline(
    client, member, council
):
    AdviceRequestFactory(
        council=council,
        subject="Aanvraag <armoede> & schulden",
        received_on=date(2021, 1, 18),
        deadline=date(2021, 3, 1),
    )
    AdviceRequestFactory(
        council=council, subject="Aanvraag zonder termijn", deadline=None
    )
    client.force_login(member)

    html = client.get(DASHBOARD).content.decode()

    assert ">Aanvraag &lt;armoede&gt; &amp; schulden</a></h3>" in html
    assert (
        "Ontvangen 18 januari 2021 · <strong>uiterlijk 1 maart 2021</strong> "
        '<span class="advisories-badge advisories-badge--late">termijn verstreken'
        "</span>" in html
    )
    assert re.search(r"Ontvangen 18 januari 2021\s*</p>", html)


def test_drafts_show_when_last_saved_and_their_request(client, member, council):
    requested = AdviceFactory(
        council=council, author=member, request__subject="Aanvraag jeugdzorg"
    )
    unsolicited = AdviceFactory(council=council, author=member, unsolicited=True)
    saved = datetime(2024, 3, 3, 13, 5, tzinfo=UTC)  # 14:05 in Amsterdam
    Advice.objects.filter(pk__in=[requested.pk, unsolicited.pk]).update(
        updated_at=saved
    )
    client.force_login(member)

    html = client.get(DASHBOARD).content.decode()

    assert "Laatst opgeslagen 3 maart 2024 14:05 · Aanvraag jeugdzorg</p>" in html
    assert "Laatst opgeslagen 3 maart 2024 14:05 · ongevraagd</p>" in html


def test_advice_in_review_shows_its_author_and_comments(client, member, council):
    named = AdviceFactory(
        council=council,
        status=AdviceStatus.SUBMITTED,
        author=UserFactory(first_name="Fatma", last_name="Yilmaz"),
    )
    AdviceCommentFactory(advice=named)
    AdviceFactory(
        council=council,
        status=AdviceStatus.ADOPTED,
        author=UserFactory(username="pjansen", first_name="", last_name=""),
    )
    client.force_login(member)

    html = client.get(DASHBOARD).content.decode()

    assert "Ter beoordeling · door Fatma Yilmaz, 1 opmerking</p>" in html
    assert "Vastgesteld door de voorzitter · door pjansen, 0 opmerkingen</p>" in html


def test_advice_in_review_of_a_deleted_author_shows_no_author(client, member, council):
    AdviceFactory(council=council, status=AdviceStatus.SUBMITTED, author=None)
    client.force_login(member)

    html = client.get(DASHBOARD).content.decode()

    assert "Ter beoordeling · 0 opmerkingen</p>" in html
    assert "None" not in html


def test_dashboard_rows_are_translated_for_english(client, member, council):
    AdviceRequestFactory(
        council=council, received_on=date(2021, 1, 18), deadline=date(2021, 3, 1)
    )
    in_review = AdviceFactory(
        council=council,
        status=AdviceStatus.SUBMITTED,
        author=UserFactory(first_name="Fatma", last_name="Yilmaz"),
    )
    AdviceCommentFactory.create_batch(2, advice=in_review)
    client.force_login(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(DASHBOARD).content.decode()

    assert "Received 18 January 2021 · <strong>by 1 March 2021</strong>" in html
    assert "deadline passed" in html
    assert "by Fatma Yilmaz, 2 comments</p>" in html


# The session, the user, the memberships, the advice of all three advice lists (with
# their counts), the open requests.
QUERIES = 5


@pytest.fixture
def full_dashboard(member, council):
    """Some of everything the dashboard lists, each with what its row shows."""
    AdviceRequestFactory.create_batch(3, council=council)
    AdviceRequestFactory(council=council, deadline=None)
    AdviceFactory(council=council, author=member)
    AdviceFactory(council=council, author=member, unsolicited=True)
    for author in (UserFactory(), UserFactory(first_name="", last_name="")):
        in_review = AdviceFactory(
            council=council,
            author=author,
            status=AdviceStatus.SUBMITTED,
            unsolicited=True,
        )
        AdviceCommentFactory.create_batch(2, advice=in_review)
    AdviceFactory(
        council=council, author=None, status=AdviceStatus.ADOPTED, unsolicited=True
    )
    for n in range(25):
        sent = AdviceFactory(
            council=council, sent=True, sent_on=date(2020, 1, 1) + timedelta(days=n)
        )
        ResponseFactory(recommendation__advice=sent)
        RecommendationFactory(advice=sent)


def test_dashboard_runs_the_same_queries_however_much_it_lists(
    client, member, full_dashboard, django_assert_num_queries
):
    client.force_login(member)
    # The first page after login stores the time of activity in the session
    # (core.middleware): a write that later pages make once a minute at most.
    client.get(DASHBOARD)

    with django_assert_num_queries(QUERIES):
        response = client.get(DASHBOARD)

    context = response.context
    # The four, and the request of the requested draft.
    assert len(context["open_requests"]) == 5
    assert len(context["drafts"]) == 2
    assert len(context["in_review"]) == 3
    assert len(context["sent"]) == 20


def test_dashboard_reads_no_advice_text_it_does_not_show(
    client, member, full_dashboard
):
    client.force_login(member)

    with CaptureQueriesContext(connection) as queries:
        client.get(DASHBOARD)

    advice_query = next(
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "advisories_advice"')
    )
    for column in ("summary", "redacted_terms", "search_vector", "signed_by"):
        assert f'"advisories_advice"."{column}"' not in advice_query
    assert '"advisories_advicerequest"."description"' not in advice_query
    assert '"auth_user"."password"' not in advice_query
