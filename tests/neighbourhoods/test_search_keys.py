"""A search of one word ranks only the rows its keys say can be among the best
(core/search_keys.py), and finds the same rows in the same order as ranking
every match does."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from core import search
from core.search_keys import has_search_keys_index
from neighbourhoods.models import Activity, Facility, Organisation
from testdata.neighbourhoods import (
    ActivityFactory,
    FacilityFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

FILLER = "Een middag samen met buren uit de wijk."


def every_match(text: str) -> SearchQuery:
    """The same query without the one-word shortcut: a plain SearchQuery has no
    `lexeme`, so ranked() ranks every row that matches."""
    return SearchQuery(text, config="dutch", search_type="websearch")


def ids_and_ranks(rows) -> list[tuple[int, float]]:
    return [(row.pk, row.rank) for row in rows]


@pytest.fixture
def activities():
    """Activities with "wandelen" once in the title (weight A), once in the text (B),
    once in the cost note (D), several times, and not at all; some unpublished.
    Created in an order that mixes the groups' ids."""
    facility = FacilityFactory()
    organisation = OrganisationFactory()

    def activity(title, description=FILLER, cost_note="", *, published=True):
        return ActivityFactory(
            title=title,
            description=description,
            cost_note=cost_note,
            facility=facility,
            organisation=organisation,
            is_published=published,
        )

    for n in range(6):
        activity(f"Bingo {n}")
        activity(f"Samen wandelen {n}")
        activity(f"Koffie {n}", "Na de koffie gaan we wandelen in het park.")
        activity(f"Zingen {n}", cost_note="Gratis, ook bij het wandelen")
        activity(
            f"Natuur {n}",
            "Wandelen in het bos, " + "en daarna weer wandelen " * (n + 1),
        )
        activity(f"Wandelen in de polder {n}", published=n % 2 == 0)
    activity("Wandelen, wandelen en nog eens wandelen")


@pytest.mark.parametrize("limit", [1, 3, 5, 20, 100])
@pytest.mark.parametrize("text", ["wandelen", "wandeling", '"wandelen"', "koffie"])
def test_one_word_finds_what_ranking_every_match_finds(activities, text, limit):
    published = Activity.objects.filter(is_published=True)

    fast = search.ranked(published, search.dutch_query(text), limit)
    every = search.ranked(published, every_match(text), limit)

    assert "welzijn_search_keys" in str(fast.query)
    assert "welzijn_search_keys" not in str(every.query)
    assert ids_and_ranks(fast) == ids_and_ranks(every)
    assert len(fast) == min(
        limit, published.filter(search_vector=every_match(text)).count()
    )


@pytest.mark.parametrize("limit", [1, 2, 10])
def test_places_with_the_word_in_their_address_rank_as_before(limit):
    for n in range(4):
        FacilityFactory(name=f"Plek {n}", street="Wandelpad", city="Amersfoort")
        FacilityFactory(name=f"Wandelpad {n}", street="Dorpsstraat", city="Amersfoort")
        FacilityFactory(
            name=f"Huis {n}", description="Aan het wandelpad.", street="Wandelpad"
        )

    fast = search.ranked(Facility.objects.all(), search.dutch_query("wandelpad"), limit)
    every = search.ranked(Facility.objects.all(), every_match("wandelpad"), limit)

    assert ids_and_ranks(fast) == ids_and_ranks(every)
    assert len(fast) == limit


@pytest.mark.parametrize(
    ("text", "lexeme"),
    [
        ("Mantelzorgers", "mantelzorger"),
        ('"wandelen"', "wandel"),
        ("  koffie  ", "koffie"),
        # "of" and "de" are stopwords: the search is of one word, or of none.
        ("wandelen of", "wandel"),
        ("koffie thee", None),
        ("koffie or thee", None),
        ('"samen wandelen"', None),
        ("-koffie", None),
        ("de", None),
        ("", None),
    ],
)
def test_the_one_word_is_read_as_the_stemmer_stores_it(text, lexeme):
    assert search.dutch_query(text).lexeme == lexeme


@pytest.mark.parametrize(
    "text", ["samen wandelen", "wandelen -koffie", "wandelen or koffie"]
)
def test_other_searches_rank_every_match(activities, text):
    query = search.dutch_query(text)

    rows = search.ranked(Activity.objects.all(), query, 5)

    assert "welzijn_search_keys" not in str(rows.query)
    assert ids_and_ranks(rows) == ids_and_ranks(
        search.ranked(Activity.objects.all(), every_match(text), 5)
    )


def test_the_keys_say_which_weight_a_single_occurrence_has():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT welzijn_search_keys("
            "  setweight(to_tsvector('dutch', 'Wandelen'), 'A')"
            "  || setweight(to_tsvector('dutch', 'koffie en wandelen'), 'B')"
            "  || setweight(to_tsvector('dutch', 'Dorpsstraat'), 'C'))"
            ", welzijn_search_keys(strip(to_tsvector('dutch', 'koffie')))"
            ", welzijn_search_keys(''::tsvector)"
        )
        keys, stripped, empty = cursor.fetchone()

    assert sorted(keys) == ["+wandel", "Bkoffie", "Cdorpsstrat"]
    # Without positions nothing is known of a word's weights: ranked one by one.
    assert stripped == ["+koffie"]
    assert empty == []


def test_the_models_searched_have_the_keys_index():
    assert all(
        has_search_keys_index(source) for source in (Activity, Facility, Organisation)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'neighbourhoods%' "
            "AND indexdef LIKE '%USING gin (welzijn_search_keys(search_vector))'"
        )
        names = sorted(row[0] for row in cursor.fetchall())

    assert names == [
        "activity_search_keys",
        "facility_search_keys",
        "organisation_search_keys",
    ]
