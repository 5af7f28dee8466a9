"""Sent advice as a source of the site-wide search (/zoeken/)."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, FloatField, Func, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core import search
from core.links import url_for

from .models import Advice, AdviceTerm


def ranked_advice(query: SearchQuery, limit: int) -> QuerySet[Advice]:
    """The best `limit` public advices for a search, as the archive orders them: best
    rank, then newest, then id; each with its `rank`.

    A search of one word (a search.DutchQuery whose `lexeme` is set) reads them from
    AdviceTerm, whose index holds every public advice's words in that order with the
    rank ts_rank gives, because a common word matches most advices and ranking every
    match would cost more than reading the index in order. Any other search ranks
    every match.
    """
    advices = Advice.objects.public().only("title", "slug", "summary", "sent_on")
    lexeme = getattr(query, "lexeme", None)
    if lexeme:
        terms = AdviceTerm.objects.filter(lexeme=lexeme)
        best = terms.order_by("-rank", "-sent_on", "-advice")[:limit]
        rank = Subquery(terms.filter(advice=OuterRef("pk")).values("rank"))
        advices = advices.filter(pk__in=best.values("advice")).annotate(
            # As the `real` that ts_rank() gives: the ranks of the other sources.
            rank=Func(
                rank, template="(%(expressions)s)::real", output_field=FloatField()
            )
        )
    else:
        advices = advices.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    return advices.order_by("-rank", "-sent_on", "-pk")[:limit]


def advice_search(query: SearchQuery, limit: int) -> list[search.SearchResult]:
    advice_url = url_for("advisories:advice-detail", "slug")
    return [
        search.SearchResult(
            title=advice.title,
            url=advice_url(advice.slug),
            kind=_("Advies"),
            rank=advice.rank,
            summary=Truncator(advice.summary).words(search.SUMMARY_WORDS),
        )
        for advice in ranked_advice(query, limit)
    ]


def register() -> None:
    search.register(
        search.SearchSource(
            key="adviezen",
            label=_("Adviezen"),
            search=advice_search,
            order=50,
            list_url=lambda: reverse("advisories:advice-list"),
        )
    )
