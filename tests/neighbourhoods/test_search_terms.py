"""/zoeken/ finds places by their kind, functions, target groups and themes, and
activities by their target groups and themes, in the same number of queries."""

import pytest
from django.urls import reverse

from core import search
from neighbourhoods.models import FacilityKind, OrganisationKind
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    FacilityFunctionFactory,
    OrganisationFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

# As in test_query_counts: one per source of this app and one for the lexeme.
SEARCH_QUERIES = 5


@pytest.fixture
def places():
    youth = FacilityFactory(
        name="De Schakel",
        description="Een plek met een pingpongtafel.",
        kind=FacilityKind.YOUTH_CENTRE,
    )
    youth.functions.add(FacilityFunctionFactory(name="Ontmoeting", slug="ontmoeting"))
    youth.target_groups.add(TargetGroupFactory(name="Mantelzorgers", slug="mz"))
    youth.themes.add(ThemeFactory(name="Vrijwillige inzet", slug="vi"))
    FacilityFactory(name="Het Anker", description="Koffie en een krant.")
    return youth


@pytest.mark.parametrize(
    "words",
    ["jongerencentrum", "ontmoeting", "mantelzorger", "vrijwillig"],
)
def test_a_place_is_found_by_its_kind_and_linked_words(places, words):
    titles = [result.title for result in search.search(words).results]

    assert titles == ["De Schakel"]


def test_an_activity_is_found_by_its_target_group_and_theme():
    activity = ActivityFactory(title="Samen koken", description="Elke dinsdag.")
    activity.target_groups.add(TargetGroupFactory(name="Senioren", slug="senioren"))
    activity.themes.add(ThemeFactory(name="Buurtontmoeting", slug="bo"))

    assert [r.title for r in search.search("senioren").results] == ["Samen koken"]
    assert [r.title for r in search.search("buurtontmoeting").results] == [
        "Samen koken"
    ]


def test_an_organisation_is_found_by_its_kind():
    OrganisationFactory(name="De Vliegeraars", kind=OrganisationKind.SCOUTING)

    assert [r.title for r in search.search("scouting").results] == ["De Vliegeraars"]


def test_a_match_in_the_name_still_ranks_above_a_match_of_the_kind(places):
    FacilityFactory(name="Jongerencentrum Oost", kind=FacilityKind.OTHER)

    titles = [result.title for result in search.search("jongerencentrum").results]

    assert titles == ["Jongerencentrum Oost", "De Schakel"]


def test_the_search_page_finds_the_kind_in_as_many_queries(
    client, places, django_assert_num_queries
):
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(reverse("neighbourhoods:search") + "?q=jongerencentrum")

    assert "De Schakel" in response.content.decode()
