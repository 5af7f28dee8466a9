"""Sent advice as a source of the site-wide search (/zoeken/)."""

from django.contrib.postgres.search import SearchQuery
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from neighbourhoods import search

from .models import Advice


def advice_search(query: SearchQuery, limit: int) -> list[search.SearchResult]:
    advices = search.ranked(
        Advice.objects.public().only("title", "slug", "summary", "sent_on"),
        query,
        limit,
    )
    return [
        search.SearchResult(
            title=advice.title,
            url=advice.get_absolute_url(),
            kind=_("Advies"),
            rank=advice.rank,
            summary=Truncator(advice.summary).words(search.SUMMARY_WORDS),
        )
        for advice in advices
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
