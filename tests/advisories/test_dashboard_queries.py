"""The member dashboard runs a fixed number of queries and reads only what it shows."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisories.models import AdviceStatus
from tests.advisories.factories import (
    AdviceCommentFactory,
    AdviceFactory,
    AdviceRequestFactory,
    RecommendationFactory,
    ResponseFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("advisories:portal-dashboard")
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
    # (welzijn.middleware): a write that later pages make once a minute at most.
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
