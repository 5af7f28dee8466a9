"""/zoeken/: one ranked Dutch full-text search, and the registry other apps use."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains

from core import search
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("neighbourhoods:search")


@pytest.fixture
def content():
    FacilityFactory(
        name="Buurthuis De Kroon",
        description="Een huiskamer voor de wijk met koffie en een krant.",
    )
    FacilityFactory(
        name="Speeltuin Het Ravijn",
        description="Achter het buurthuis ligt een speeltuin.",
    )
    ActivityFactory(
        title="Wandelen met ouderen",
        description="Iedere week een rondje door het park.",
    )
    OrganisationFactory(
        name="Stichting Mantelzorg Eemland",
        description="Ondersteunt mantelzorgers met advies.",
    )


def test_dutch_stemming_finds_plurals_and_inflections(content):
    outcome = search.search("speeltuinen")
    assert [result.title for result in outcome.results] == ["Speeltuin Het Ravijn"]

    outcome = search.search("wandeling oudere")
    assert [result.title for result in outcome.results] == ["Wandelen met ouderen"]

    outcome = search.search("mantelzorger")
    assert [result.title for result in outcome.results] == [
        "Stichting Mantelzorg Eemland"
    ]


def test_a_match_in_the_name_ranks_above_one_in_the_description(content):
    outcome = search.search("buurthuis")

    assert [result.title for result in outcome.results] == [
        "Buurthuis De Kroon",
        "Speeltuin Het Ravijn",
    ]
    assert outcome.results[0].rank > outcome.results[1].rank


def test_the_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname IN "
            "('facility_search_vector', 'activity_search_vector', "
            "'organisation_search_vector')"
        )
        definitions = [row[0] for row in cursor.fetchall()]

    assert len(definitions) == 3
    assert all("USING gin (search_vector)" in d for d in definitions)


def test_other_apps_register_their_own_sources():
    def frameworks(query, limit):
        return [
            search.SearchResult(
                title="Welzijn in Amersfoort", url="/beleid/x/", kind="Beleid", rank=2.0
            )
        ]

    search.register(
        search.SearchSource(key="beleid", label="Beleid", search=frameworks)
    )
    try:
        outcome = search.search("welzijn")
    finally:
        search.unregister("beleid")

    assert outcome.results[0].title == "Welzijn in Amersfoort"
    assert "beleid" in [source.key for source, _count in outcome.sources]
    assert "beleid" not in [source.key for source in search.sources()]


def test_search_page_shows_ranked_results_with_their_kind_and_links(client, content):
    response = client.get(f"{URL}?q=buurthuis")

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "2 resultaten voor ‘buurthuis’")
    html = response.content.decode()
    assert html.index("Buurthuis De Kroon") < html.index("Speeltuin Het Ravijn")
    assertContains(response, "Plek</p>", count=2)
    assertContains(response, 'href="/plekken/?q=buurthuis"')


def test_search_page_without_words_shows_only_the_form(client, content):
    response = client.get(URL)

    assertContains(response, 'name="q"')
    assert "resultaten voor" not in response.content.decode()


def test_nothing_found_says_what_to_try(client, content):
    response = client.get(f"{URL}?q=zwembad")

    assertContains(response, "0 resultaten voor ‘zwembad’")
    assertContains(response, "Niets gevonden.")
