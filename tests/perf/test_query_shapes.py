"""Queries that must not grow with the whole country (bench/FINDINGS.md)."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from advisories.models import Advice
from advisories.services import advice_index
from neighbourhoods.models import Facility
from testdata.advisories import AdviceFactory, RecommendationFactory
from testdata.neighbourhoods import NeighbourhoodFactory, ThemeFactory
from testdata.policy import GrantFactory

pytestmark = pytest.mark.django_db


# A GROUP BY over the advice itself: counts joined over every matching row.
GROUPED = 'GROUP BY "advisories_advice"."id"'


def _sql(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def test_archive_search_ranks_the_page_before_headlines_and_counts(client):
    for n in range(25):
        advice = AdviceFactory(
            sent=True, title=f"Advies {n} over eenzaamheid", summary="Eenzaamheid."
        )
        RecommendationFactory(advice=advice)
    for advice in Advice.objects.all():
        advice_index(advice=advice)

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/adviezen/", {"q": "eenzaamheid"})

    advices = list(response.context["advices"])
    assert len(advices) == 20
    assert all(advice.recommendation_count == 1 for advice in advices)
    assert all(advice.response_count == 0 for advice in advices)
    assert all(advice.rank > 0 for advice in advices)
    assert all("\x02" in advice.snippet for advice in advices)
    headlines = [sql for sql in _sql(captured) if "ts_headline" in sql]
    # Headlines and counts for the 20 rows of the page only: any GROUP BY is over
    # those rows, never over every match.
    assert len(headlines) == 1
    assert " IN (" in headlines[0]
    grouped = [sql for sql in _sql(captured) if GROUPED in sql]
    assert all('"advisories_advice"."id" IN (' in sql for sql in grouped), grouped


def test_archive_keeps_best_match_first_across_the_page(client):
    AdviceFactory(sent=True, title="Advies over sport", summary="Over mantelzorg.")
    best = AdviceFactory(
        sent=True, title="Advies over mantelzorg", summary="Mantelzorg, mantelzorg."
    )
    for advice in Advice.objects.all():
        advice_index(advice=advice)

    found = list(client.get("/adviezen/", {"q": "mantelzorg"}).context["advices"])

    assert found[0] == best
    assert found[0].rank >= found[1].rank


def test_latest_advice_counts_only_the_three_it_shows():
    for n in range(5):
        RecommendationFactory(advice=AdviceFactory(sent=True, title=f"Advies {n}"))

    with CaptureQueriesContext(connection) as captured:
        html = Template("{% load advisories %}{% latest_advice %}").render(Context({}))

    assert html.count("Advies ") >= 3
    assert len(captured) == 1
    assert GROUPED not in _sql(captured)[0]
    assert "LIMIT 3" in _sql(captured)[0]


def test_subsidy_filter_choices_use_semi_joins_and_list_only_what_has_grants(client):
    grant = GrantFactory(granted=True, theme=ThemeFactory(name="Ontmoeting"))
    grant.neighbourhood = NeighbourhoodFactory(
        name="Vathorst", municipality=grant.scheme.municipality
    )
    grant.save()
    NeighbourhoodFactory(name="Zonder subsidie")

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/subsidies/")

    assert response.status_code == HTTPStatus.OK
    form = response.context["form"]
    assert [n.name for n in form.fields["wijk"].queryset] == ["Vathorst"]
    assert [t.name for t in form.fields["thema"].queryset] == ["Ontmoeting"]
    choice_queries = [
        sql
        for sql in _sql(captured)
        if sql.startswith('SELECT DISTINCT "neighbourhoods_')
        or ("EXISTS" in sql and "policy_grant" in sql)
    ]
    assert choice_queries
    assert not any(sql.startswith("SELECT DISTINCT") for sql in choice_queries)


def test_a_chosen_wijk_filters_the_register(client):
    grant = GrantFactory(granted=True, purpose="Buurtkamer Vathorst")
    grant.neighbourhood = NeighbourhoodFactory(
        slug="vathorst", municipality=grant.scheme.municipality
    )
    grant.save()
    GrantFactory(granted=True, purpose="Sportclub elders")

    html = client.get("/subsidies/", {"wijk": "vathorst"}).content.decode()

    assert "Buurtkamer Vathorst" in html
    assert "Sportclub elders" not in html


def test_places_list_order_has_an_index():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, Facility._meta.db_table
        )

    assert constraints["facility_name_id"]["columns"] == ["name", "id"]
