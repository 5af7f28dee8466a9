"""Reads of the portal and the public archive."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import (
    SENT_STATUSES,
    Advice,
    AdviceRequest,
    AdviceStatus,
    Recommendation,
    Verdict,
)

# Markers around matched words in a snippet; escaped text never contains them.
_MARK_START, _MARK_STOP = "\x02", "\x03"


def search_query(text: str) -> SearchQuery:
    """A query in the way people type into a search box, in Dutch."""
    return SearchQuery(text, config="dutch", search_type="websearch")


def highlight(snippet: str) -> SafeString:
    """Escape a snippet and turn the match markers into <mark> elements."""
    html = escape(snippet).replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    return mark_safe(html)  # every other character was escaped above


# PORTAL
# ------------------------------------------------------------------------------


def council_ids_of(user: AbstractBaseUser) -> list[int]:
    from .permissions import current_memberships

    return list(current_memberships(user).values_list("council_id", flat=True))


def open_requests_for(user: AbstractBaseUser) -> QuerySet[AdviceRequest]:
    """Requests to the member's councils not yet answered with a sent advice."""
    return (
        AdviceRequest.objects.filter(council__in=council_ids_of(user))
        .exclude(advices__status__in=SENT_STATUSES)
        .select_related("council", "framework_version__framework")
        .order_by(F("deadline").asc(nulls_last=True), "-received_on")
        .distinct()
    )


def requests_for(user: AbstractBaseUser) -> QuerySet[AdviceRequest]:
    return (
        AdviceRequest.objects.filter(council__in=council_ids_of(user))
        .select_related("council", "framework_version__framework")
        .annotate(
            sent_count=Count(
                "advices", filter=Q(advices__status__in=SENT_STATUSES), distinct=True
            ),
            document_count=Count("documents", distinct=True),
        )
        .order_by("-received_on")
    )


def drafts_of(user: AbstractBaseUser) -> QuerySet[Advice]:
    return (
        Advice.objects.filter(
            author=user, status=AdviceStatus.DRAFT, council__in=council_ids_of(user)
        )
        .select_related("request")
        .order_by("-updated_at")
    )


def in_review_for(user: AbstractBaseUser) -> QuerySet[Advice]:
    """Submitted and adopted advice of the member's councils."""
    return (
        Advice.objects.filter(
            council__in=council_ids_of(user),
            status__in=[AdviceStatus.SUBMITTED, AdviceStatus.ADOPTED],
        )
        .select_related("author", "request")
        .annotate(comment_count=Count("comments"))
        .order_by("-updated_at")
    )


def sent_for(user: AbstractBaseUser) -> QuerySet[Advice]:
    return (
        Advice.objects.filter(
            council__in=council_ids_of(user), status__in=SENT_STATUSES
        )
        .with_response_counts()
        .order_by("-sent_on", "-pk")
    )


# ARCHIVE
# ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveFilters:
    q: str = ""
    year: int | None = None
    addressee: str = ""
    kind: str = ""
    framework: str = ""
    response: str = ""  # "beantwoord", "open" or "te-laat"


def _counted(advices: QuerySet[Advice]) -> QuerySet[Advice]:
    """`recommendation_count` and `response_count` as one correlated subquery each.

    Unlike `with_response_counts()` (a join and GROUP BY over every row) this costs
    one index lookup per advice actually returned, so it belongs after the LIMIT.
    """

    def count_of(recommendations: QuerySet[Recommendation]) -> Coalesce:
        counted = (
            recommendations.filter(advice=OuterRef("pk"))
            .order_by()
            .values("advice")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return advices.annotate(
        recommendation_count=count_of(Recommendation.objects.all()),
        response_count=count_of(Recommendation.objects.filter(response__isnull=False)),
    )


def archive_advice(
    filters: ArchiveFilters, *, on: date | None = None
) -> QuerySet[Advice]:
    """Sent advice matching the filters, best match first when searching."""
    on = on or timezone.localdate()
    advices = Advice.objects.public().select_related("council", "framework", "request")
    if filters.year:
        advices = advices.filter(sent_on__year=filters.year)
    if filters.addressee:
        advices = advices.filter(addressee=filters.addressee)
    if filters.kind:
        advices = advices.filter(kind=filters.kind)
    if filters.framework:
        advices = advices.filter(framework__slug=filters.framework)
    if filters.response == "beantwoord":
        advices = advices.exclude(status=AdviceStatus.SENT)
    elif filters.response == "open":
        advices = advices.filter(status=AdviceStatus.SENT)
    elif filters.response == "te-laat":
        advices = advices.filter(status=AdviceStatus.SENT, response_due_on__lt=on)
    if filters.q:
        query = search_query(filters.q)
        advices = (
            advices.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-sent_on", "-pk")
        )
    else:
        advices = advices.order_by("-sent_on", "-pk")
    return advices


def archive_page_rows(
    advices: QuerySet[Advice], filters: ArchiveFilters
) -> list[Advice]:
    """One page of `archive_advice()` (already sliced) with its counts and snippet.

    Ranking, ordering and the LIMIT run on the bare rows first; the response counts
    and the search headline (both expensive) are then computed for that page only.
    """
    if filters.q:
        ranks = dict(advices.values_list("pk", "rank"))
    else:
        ranks = dict.fromkeys(advices.values_list("pk", flat=True))
    ids = list(ranks)
    if not ids:
        return []
    rows = _counted(
        Advice.objects.filter(pk__in=ids).select_related(
            "council", "framework", "request"
        )
    )
    if filters.q:
        rows = rows.annotate(
            snippet=SearchHeadline(
                "summary",
                search_query(filters.q),
                config="dutch",
                start_sel=_MARK_START,
                stop_sel=_MARK_STOP,
                max_words=35,
                min_words=15,
            )
        )
    by_pk = {advice.pk: advice for advice in rows}
    page = [by_pk[pk] for pk in ids if pk in by_pk]
    if filters.q:
        for advice in page:
            advice.rank = ranks[advice.pk]
    return page


def archive_years() -> list[int]:
    return list(
        Advice.objects.public()
        .annotate(year=ExtractYear("sent_on"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def archive_frameworks() -> list[tuple[str, str]]:
    return list(
        Advice.objects.public()
        .filter(framework__isnull=False)
        .values_list("framework__slug", "framework__title")
        .distinct()
        .order_by("framework__title")
    )


def verdict_summary(advices: QuerySet[Advice]) -> dict[str, int]:
    """How many recommendations of these advices were adopted, partly, not, or open."""
    counts = Recommendation.objects.filter(advice__in=advices.values("pk")).aggregate(
        total=Count("pk"),
        adopted=Count("pk", filter=Q(response__verdict=Verdict.ADOPTED)),
        partly=Count("pk", filter=Q(response__verdict=Verdict.PARTLY)),
        not_adopted=Count("pk", filter=Q(response__verdict=Verdict.NOT_ADOPTED)),
        unanswered=Count("pk", filter=Q(response__isnull=True)),
    )
    return counts


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
    """The newest sent advice; counted after the LIMIT (the (status, -sent_on) index)."""
    return list(
        _counted(Advice.objects.public().select_related("council")).order_by(
            "-sent_on", "-pk"
        )[:limit]
    )


def redact(text: str, terms: str) -> str:
    """Replace each name listed in `terms` (one per line) by a neutral mark."""
    for term in filter(None, (line.strip() for line in terms.splitlines())):
        text = re.sub(re.escape(term), "[naam weggelaten]", text, flags=re.IGNORECASE)
    return text
