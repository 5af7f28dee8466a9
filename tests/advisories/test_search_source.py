"""Sent advice in the site-wide search (/zoeken/): a search of one word reads the
best advices from AdviceTerm and finds what ranking every match finds, in the
archive's order."""

import pytest
from django.contrib.postgres.search import SearchQuery

from advisories.models import Advice
from advisories.search import advice_search, ranked_advice
from advisories.services import advice_index
from core import search
from testdata.advisories import AdviceFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def every_match(text: str) -> SearchQuery:
    """The same search without a `lexeme`: every matching advice is ranked."""
    return SearchQuery(text, config="dutch", search_type="websearch")


def ids_and_ranks(advices) -> list[tuple[int, float]]:
    return [(advice.pk, advice.rank) for advice in advices]


@pytest.fixture
def advices():
    """Sent advice with "mantelzorgers" in the title (A), the summary (B), a
    recommendation (B) or several of these, sent on different days; a draft that
    must never be found."""
    for n in range(5):
        AdviceFactory(sent=True, title=f"Advies over mantelzorgers {n}")
        AdviceFactory(
            sent=True,
            summary="Wat mantelzorgers nodig hebben.",
            sent_on=f"2022-03-{n + 1:02d}",
            dated=f"2022-03-{n + 1:02d}",
        )
        with_recommendation = AdviceFactory(sent=True, summary="Over de wijk.")
        RecommendationFactory(
            advice=with_recommendation, text="Ontlast mantelzorgers " * (n + 1)
        )
        AdviceFactory(
            sent=True,
            title=f"Mantelzorgers in de wijk {n}",
            summary="Mantelzorgers vragen om respijtzorg.",
        )
        AdviceFactory(sent=True, summary="Over eenzaamheid.")
    AdviceFactory(title="Concept over mantelzorgers", summary="Nog geheim.")
    for advice in Advice.objects.all():
        advice_index(advice=advice)


@pytest.mark.parametrize("limit", [1, 4, 7, 30])
@pytest.mark.parametrize("text", ["mantelzorgers", "mantelzorger", "eenzaamheid"])
def test_one_word_finds_the_advice_that_ranking_every_match_finds(advices, text, limit):
    fast = ranked_advice(search.dutch_query(text), limit)
    every = ranked_advice(every_match(text), limit)

    assert "advisories_adviceterm" in str(fast.query)
    assert "advisories_adviceterm" not in str(every.query)
    assert ids_and_ranks(fast) == ids_and_ranks(every)
    assert len(fast) == min(limit, 5 if text == "eenzaamheid" else 20)


def test_equal_ranks_list_the_newest_advice_first(advices):
    results = advice_search(search.dutch_query("mantelzorgers"), 20)

    summaries = [r.summary for r in results if r.summary.startswith("Wat mantel")]
    assert len(summaries) == 5
    sent_on = [
        Advice.objects.get(slug=r.url.rstrip("/").rsplit("/", 1)[-1]).sent_on
        for r in results
        if r.summary.startswith("Wat mantel")
    ]
    assert sent_on == sorted(sent_on, reverse=True)
    assert all("Concept" not in r.title for r in results)


@pytest.mark.parametrize("text", ["mantelzorgers -wijk", "mantelzorgers eenzaamheid"])
def test_other_searches_rank_every_match(advices, text):
    rows = ranked_advice(search.dutch_query(text), 10)

    assert "advisories_adviceterm" not in str(rows.query)
