"""AdviceTerm: each public advice's words with their ranks, kept exact by a trigger."""

from datetime import date

import pytest
from django.db import connection

from advisories.models import Advice, AdviceStatus, AdviceTerm
from advisories.selectors import ArchiveFilters, archive_advice, archive_page
from advisories.services import advice_index
from testdata.advisories import AdviceFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def expected_terms() -> set[tuple[int, str, float, date]]:
    """The terms recomputed from every public advice's search index."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT advice.id, term.lexeme,
                   ts_rank(advice.search_vector, to_tsquery('simple', term.lexeme))::float8,
                   advice.sent_on
              FROM advisories_advice AS advice,
                   unnest(advice.search_vector) AS term
             WHERE advice.status IN ('verzonden', 'beantwoord', 'gepubliceerd')
            """
        )
        return {
            (pk, lexeme, float(rank), sent_on) for pk, lexeme, rank, sent_on in cursor
        }


def stored_terms() -> set[tuple[int, str, float, date]]:
    return {
        (pk, lexeme, float(rank), sent_on)
        for pk, lexeme, rank, sent_on in AdviceTerm.objects.values_list(
            "advice_id", "lexeme", "rank", "sent_on"
        )
    }


@pytest.fixture
def indexed():
    sent = AdviceFactory(
        sent=True, title="Advies over mantelzorgers", summary="Mantelzorg in de wijk."
    )
    RecommendationFactory(advice=sent, text="Ondersteun mantelzorgers in de buurt.")
    draft = AdviceFactory(title="Concept over mantelzorgers", summary="Nog geheim.")
    for advice in (sent, draft):
        advice_index(advice=advice)
    return sent, draft


def test_indexing_a_sent_advice_stores_each_word_with_its_rank(indexed):
    sent, draft = indexed

    assert stored_terms() == expected_terms()
    assert {advice for advice, *_ in stored_terms()} == {sent.pk}


def test_the_terms_follow_the_index_the_status_and_the_send_date(indexed):
    sent, draft = indexed

    RecommendationFactory(advice=sent, text="Betrek de mantelzorgers bij de wijkteams.")
    advice_index(advice=sent)
    assert stored_terms() == expected_terms()

    draft.refresh_from_db()  # with the search index advice_index() wrote
    draft.status, draft.sent_on = AdviceStatus.SENT, date(2022, 5, 1)
    draft.save()
    assert stored_terms() == expected_terms()
    assert {advice for advice, *_ in stored_terms()} == {sent.pk, draft.pk}

    Advice.objects.filter(pk=sent.pk).update(sent_on=date(2020, 1, 1))
    assert stored_terms() == expected_terms()

    draft.status = AdviceStatus.DRAFT
    draft.save()
    assert stored_terms() == expected_terms()
    assert {advice for advice, *_ in stored_terms()} == {sent.pk}


def test_deleting_an_advice_deletes_its_terms(indexed):
    sent, draft = indexed
    other = AdviceFactory(sent=True, unsolicited=True, title="Advies over sport")
    advice_index(advice=other)

    sent.recommendations.all().delete()
    sent.delete()
    with connection.cursor() as cursor:  # also without Django's collector
        cursor.execute("DELETE FROM advisories_advice WHERE id = %s", [other.pk])

    assert stored_terms() == expected_terms() == set()


@pytest.mark.parametrize(
    "words", ["mantelzorger", "mantelzorgers wijk", "mantelzorger or sport", "de"]
)
def test_a_search_pages_in_the_order_of_the_ranking(words):
    for n in range(25):
        advice = AdviceFactory(
            sent=True,
            unsolicited=True,
            sent_on=date(2015 + n % 7, 1 + n % 12, 1),
            title=f"Advies {n} over mantelzorgers" if n % 3 else f"Advies {n}",
            summary="Mantelzorgers en sport in de wijk. " * (n % 4),
        )
        advice_index(advice=advice)
    expected = list(
        archive_advice(ArchiveFilters(q=words)).values_list("pk", flat=True)
    )

    first = archive_page(ArchiveFilters(q=words), 1)
    pages = range(2, first.page.paginator.num_pages + 1)
    rest = [a for n in pages for a in archive_page(ArchiveFilters(q=words), n).advices]

    assert first.page.paginator.count == len(expected)
    assert [a.pk for a in first.advices + rest] == expected
