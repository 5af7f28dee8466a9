"""Reads of the public pages beside the archive: one advice, the feed, the newest advice
and redaction of names.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Max,
    Prefetch,
)

from ..models import (
    Advice,
    Recommendation,
)
from .archive import _counted


def public_advice_detail(slug: str) -> Advice:
    """One sent advice with everything its page shows, in a fixed number of queries."""
    return (
        Advice.objects.public()
        .select_related("council", "framework", "request__framework_version")
        .with_response_counts()
        .prefetch_related(
            "sections",
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("response"),
            ),
            "questions",
            "attachments",
            "corrections",
        )
        .get(slug=slug)
    )


@dataclass(frozen=True)
class FeedEntry:
    advice: Advice
    kind: str  # "verzonden" or "reactie"
    on: date


def feed_entries(limit: int = 30) -> list[FeedEntry]:
    """Newly sent advice and newly recorded responses, newest first."""
    sent = (
        Advice.objects.public().select_related("council").order_by("-sent_on")[:limit]
    )
    answered = (
        Advice.objects.public()
        .filter(recommendations__response__isnull=False)
        .annotate(last_response=Max("recommendations__response__responded_on"))
        .select_related("council")
        .order_by("-last_response")[:limit]
    )
    entries = [FeedEntry(advice, "verzonden", advice.sent_on) for advice in sent]
    entries += [FeedEntry(a, "reactie", a.last_response) for a in answered]
    entries.sort(key=lambda entry: (entry.on, entry.kind == "reactie"), reverse=True)
    return entries[:limit]


def latest_advice(limit: int = 3) -> list[Advice]:
    """The newest sent advice, counted after the LIMIT, in one query: the first rows
    of the partial index advice_public_newest, then two counts for each of them."""
    return list(
        _counted(
            Advice.objects.public()
            .select_related("council")
            .only("title", "slug", "sent_on", "council__name")
        ).order_by("-sent_on", "-pk")[:limit]
    )


def redact(text: str, terms: str) -> str:
    """Replace each name listed in `terms` (one per line) by a neutral mark."""
    for term in filter(None, (line.strip() for line in terms.splitlines())):
        text = re.sub(re.escape(term), "[naam weggelaten]", text, flags=re.IGNORECASE)
    return text
