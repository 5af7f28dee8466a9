"""The archive and an advice page run a fixed number of queries, however large."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from advisories.models import Advice, AdviceStatus, Recommendation, Response, Verdict
from advisories.services import advice_index
from testdata.advisories import AdvisoryCouncilFactory

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


# AT ANY SIZE
# ------------------------------------------------------------------------------
# The archive, its search and the member dashboard run the same number of queries
# with a handful of advices as with many: nothing is asked per advice, per year or
# per framework, and the summary of the verdicts does not span every match.

SEARCH = {"q": "eenzaamheid"}


def _grow_archive(council, count: int, *, start: int = 0) -> None:
    """`count` sent advices about loneliness over several years, statuses and
    frameworks, each with two recommendations of which one is answered."""
    from testdata.advisories import ResponseFactory
    from testdata.policy import PolicyFrameworkFactory

    statuses = [AdviceStatus.SENT, AdviceStatus.ANSWERED, AdviceStatus.PUBLISHED]
    for n in range(start, start + count):
        advice = Advice.objects.create(
            council=council,
            kind="ongevraagd",
            framework=PolicyFrameworkFactory() if n % 2 else None,
            title=f"Advies {n} over eenzaamheid",
            slug=f"eenzaamheid-{n}",
            summary="Eenzaamheid onder ouderen vraagt om buurthuizen.",
            status=statuses[n % 3],
            sent_on=date(2015 + n % 9, 1 + n % 12, 1),
        )
        ResponseFactory(
            recommendation__advice=advice, recommendation__number=1, verdict="deels"
        )
        Recommendation.objects.create(advice=advice, number=2, text="Meer wijkteams.")
        advice_index(advice=advice)


def _queries(client, path, params=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [SEARCH, {}], ids=["search", "list"])
def test_the_archive_runs_as_many_queries_small_as_large(client, params):
    council = AdvisoryCouncilFactory()
    _grow_archive(council, 3)
    small = _queries(client, "/adviezen/", params)

    _grow_archive(council, 45, start=3)
    large = _queries(client, "/adviezen/", params)

    assert small == large
    # Years, frameworks, one pass of rank and count (or count and newest ids), the
    # rows of the page with their counts: not the 6 of a summary over every match.
    assert large <= (4 if params else 5)


def test_the_dashboard_runs_as_many_queries_small_as_large(client):
    from testdata.advisories import MembershipFactory

    council = AdvisoryCouncilFactory()
    member = MembershipFactory(council=council).user
    _grow_archive(council, 2)
    client.force_login(member)
    client.get("/portaal/")  # the first visit stores the time of activity
    small = _queries(client, "/portaal/")

    _grow_archive(council, 30, start=2)
    large = _queries(client, "/portaal/")

    assert small == large
    # Session, user, memberships, the open requests, and the drafts, the advice in
    # review and the sent advice in one query; the councils are not asked again per
    # section and the session row is not written on every view.
    assert large <= 5


def test_searching_pages_through_the_same_order_as_the_ranking(client):
    council = AdvisoryCouncilFactory()
    _grow_archive(council, 25)
    # Some advices match better: the word in title, summary and recommendations.
    for advice in Advice.objects.order_by("pk")[::4]:
        advice.summary = "Eenzaamheid, eenzaamheid en nog eens eenzaamheid."
        advice.save()
        advice_index(advice=advice)
    from advisories.selectors import ArchiveFilters, archive_advice

    expected = list(
        archive_advice(ArchiveFilters(q="eenzaamheid")).values_list("pk", flat=True)
    )

    first = client.get("/adviezen/", {**SEARCH, "pagina": 1}).context
    second = client.get("/adviezen/", {**SEARCH, "pagina": 2}).context
    beyond = client.get("/adviezen/", {**SEARCH, "pagina": 99}).context

    assert first["page_obj"].paginator.count == 25
    shown = [a.pk for a in first["advices"]] + [a.pk for a in second["advices"]]
    assert shown == expected
    assert [a.pk for a in beyond["advices"]] == expected[20:]
    assert beyond["page_obj"].number == 2
    assert all("\x02" in advice.snippet for advice in first["advices"])


def test_the_newest_list_mixes_the_public_statuses_by_date(client):
    council = AdvisoryCouncilFactory()
    _grow_archive(council, 30)
    Advice.objects.create(
        council=council,
        kind="ongevraagd",
        title="Concept",
        slug="concept",
        status=AdviceStatus.DRAFT,
        sent_on=date(2030, 1, 1),
    )
    expected = list(
        Advice.objects.public().order_by("-sent_on", "-pk").values_list("pk", flat=True)
    )

    first = client.get("/adviezen/").context
    second = client.get("/adviezen/", {"pagina": 2}).context

    assert first["page_obj"].paginator.count == 30
    shown = [a.pk for a in first["advices"]] + [a.pk for a in second["advices"]]
    assert shown == expected


def test_the_verdicts_are_summed_for_the_advices_on_the_page(client):
    council = AdvisoryCouncilFactory()
    _grow_archive(council, 25)

    page = client.get("/adviezen/", SEARCH)
    summary = page.context["summary"]

    # 20 advices on the page, each with one partly adopted and one open recommendation.
    assert summary == {
        "total": 40,
        "adopted": 0,
        "partly": 20,
        "not_adopted": 0,
        "unanswered": 20,
    }
    assert "Geteld over de 20 adviezen op deze pagina." in page.content.decode()


def test_the_filters_list_the_years_and_frameworks_of_public_advice_only(client):
    from testdata.policy import PolicyFrameworkFactory

    council = AdvisoryCouncilFactory()
    used, unused = PolicyFrameworkFactory(), PolicyFrameworkFactory()
    for n, (year, status, framework) in enumerate(
        [
            (2015, AdviceStatus.SENT, used),
            (2017, AdviceStatus.PUBLISHED, None),
            (2017, AdviceStatus.ANSWERED, None),
            (2019, AdviceStatus.DRAFT, unused),  # not public
        ]
    ):
        Advice.objects.create(
            council=council,
            kind="ongevraagd",
            framework=framework,
            title=f"Advies {n}",
            slug=f"advies-{n}",
            status=status,
            sent_on=date(year, 6, 1),
        )

    form = client.get("/adviezen/", {"jaar": 2017}).context["form"]
    html = str(form["jaar"])

    assert [value for value, _ in form.fields["jaar"].choices] == ["", 2017, 2015]
    assert [value for value, _ in form.fields["kader"].choices] == ["", used.slug]
    assert '<option value="2017" selected>2017</option>' in html
    assert '<option value="2015">2015</option>' in html
    assert html.startswith('<select name="jaar" id="id_jaar">')


def test_no_public_advice_means_no_years(client):
    assert client.get("/adviezen/").context["form"].fields["jaar"].choices == [
        ("", "Alle jaren")
    ]
