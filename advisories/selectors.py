"""Reads of the portal and the public archive."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
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


# The dashboard's views already hold the member's councils (MemberRequiredMixin):
# each selector takes them as `council_ids` instead of asking the database again.
CouncilIds = list[int] | None


def _councils(user: AbstractBaseUser, council_ids: CouncilIds) -> list[int]:
    return council_ids_of(user) if council_ids is None else council_ids


def open_requests_for(
    user: AbstractBaseUser, council_ids: CouncilIds = None
) -> QuerySet[AdviceRequest]:
    """Requests to the member's councils not yet answered with a sent advice."""
    # exclude() across the reverse relation is a NOT EXISTS: no duplicate rows.
    return (
        AdviceRequest.objects.filter(council__in=_councils(user, council_ids))
        .exclude(advices__status__in=SENT_STATUSES)
        .select_related("council", "framework_version__framework")
        .order_by(F("deadline").asc(nulls_last=True), "-received_on")
    )


def requests_for(
    user: AbstractBaseUser, council_ids: CouncilIds = None
) -> QuerySet[AdviceRequest]:
    return (
        AdviceRequest.objects.filter(council__in=_councils(user, council_ids))
        .select_related("council", "framework_version__framework")
        .annotate(
            sent_count=Count(
                "advices", filter=Q(advices__status__in=SENT_STATUSES), distinct=True
            ),
            document_count=Count("documents", distinct=True),
        )
        .order_by("-received_on")
    )


def drafts_of(
    user: AbstractBaseUser, council_ids: CouncilIds = None
) -> QuerySet[Advice]:
    return (
        Advice.objects.filter(
            author=user,
            status=AdviceStatus.DRAFT,
            council__in=_councils(user, council_ids),
        )
        .select_related("request")
        .defer("search_vector")
        .order_by("-updated_at")
    )


def in_review_for(
    user: AbstractBaseUser, council_ids: CouncilIds = None
) -> QuerySet[Advice]:
    """Submitted and adopted advice of the member's councils."""
    return (
        Advice.objects.filter(
            council__in=_councils(user, council_ids),
            status__in=[AdviceStatus.SUBMITTED, AdviceStatus.ADOPTED],
        )
        .select_related("author", "request")
        .defer("search_vector")
        .annotate(comment_count=Count("comments"))
        .order_by("-updated_at")
    )


def sent_for(
    user: AbstractBaseUser, council_ids: CouncilIds = None
) -> QuerySet[Advice]:
    """Sent advice of the member's councils, newest first, counted per row returned
    (no GROUP BY over every sent advice before the LIMIT)."""
    return _counted(
        Advice.objects.filter(
            council__in=_councils(user, council_ids), status__in=SENT_STATUSES
        ).defer("search_vector")
    ).order_by("-sent_on", "-pk")


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


def _counted(advices: QuerySet[Advice], *, verdicts: bool = False) -> QuerySet[Advice]:
    """`recommendation_count` and `response_count` as one correlated subquery each.

    Unlike `with_response_counts()` (a join and GROUP BY over every row) this costs
    one index lookup per advice actually returned, so it belongs after the LIMIT.
    With `verdicts`, also `adopted_count`, `partly_count` and `not_adopted_count`.
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

    counted = advices.annotate(
        recommendation_count=count_of(Recommendation.objects.all()),
        response_count=count_of(Recommendation.objects.filter(response__isnull=False)),
    )
    if verdicts:
        answered = Recommendation.objects.filter
        counted = counted.annotate(
            adopted_count=count_of(answered(response__verdict=Verdict.ADOPTED)),
            partly_count=count_of(answered(response__verdict=Verdict.PARTLY)),
            not_adopted_count=count_of(answered(response__verdict=Verdict.NOT_ADOPTED)),
        )
    return counted


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


@dataclass(frozen=True)
class ArchivePage:
    page: Page
    advices: list[Advice]
    summary: dict[str, int]


def archive_page(
    filters: ArchiveFilters, number: object = None, *, per_page: int = 20
) -> ArchivePage:
    """One page of `archive_advice()` with its counts, snippets and verdict summary.

    The ranking (or the newest-first order), the LIMIT and the number of matches are
    found on the bare rows first; the counts, the search headline and the summary of
    the verdicts (all expensive) are then computed for the rows of the page only.
    """
    advices = archive_advice(filters)
    paginator = Paginator(advices, per_page)
    number = _page_number(number)
    if filters.q:
        # Ranking every match is the floor of a search: do it once, and count the
        # matches in the same pass (a window over the ranked rows).
        offset = (number - 1) * per_page
        ranks, total = _ranked_page(advices, offset, per_page)
        if not ranks and number > 1:
            # Past the last page (whose count is not in its empty rows): show the
            # last one, as Paginator.get_page() does.
            total = advices.count()
            last = max(1, -(-total // per_page))
            ranks, _ = _ranked_page(advices, (last - 1) * per_page, per_page)
        paginator.count = total  # a cached_property: no COUNT query of its own
        page = paginator.get_page(number)
    else:
        page = paginator.get_page(number)
        offset = (page.number - 1) * per_page
        ranks = dict.fromkeys(_newest_first_ids(advices, offset, per_page))
    rows = _page_rows(ranks, filters)
    page.object_list = rows
    return ArchivePage(page=page, advices=rows, summary=verdict_summary(rows))


def _page_number(number: object) -> int:
    try:
        return max(1, int(str(number)))
    except (TypeError, ValueError):
        return 1


def _ranked_page(
    advices: QuerySet[Advice], offset: int, limit: int
) -> tuple[dict[int, float], int]:
    """The ids and ranks of one page of a search, best first, and the number of matches.

    `ts_rank` is computed in an inner query so that only (id, sent_on, rank) pass
    through the window that counts the matches, not the whole rows with their search
    vectors; the same order as `archive_advice()`: rank, then newest, then id.
    """
    inner = advices.order_by().values(
        hit_id=F("pk"), hit_sent_on=F("sent_on"), hit_rank=F("rank")
    )
    sql, params = inner.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT hit_id, hit_rank, COUNT(*) OVER () "
            f"FROM ({sql} OFFSET 0) AS hits "  # OFFSET 0: rank before the window
            "ORDER BY hit_rank DESC, hit_sent_on DESC, hit_id DESC "
            "LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    return {pk: rank for pk, rank, _ in rows}, total


def _newest_first_ids(advices: QuerySet[Advice], offset: int, limit: int) -> list[int]:
    """One page of ids, newest first, as one ordered index scan per public status.

    `status IN (...)` cannot be read in `sent_on` order from the (status, -sent_on)
    index, so PostgreSQL would sort every public advice for the top 20; a UNION of
    one short scan per status (each LIMITed) and a sort of those few rows cannot.
    """
    parts = [
        advices.filter(status=status)
        .order_by("-sent_on", "-pk")
        .values_list("pk", "sent_on")[: offset + limit]
        for status in SENT_STATUSES
    ]
    newest = parts[0].union(*parts[1:], all=True).order_by("-sent_on", "-pk")
    return [pk for pk, _ in newest[offset : offset + limit]]


def _page_rows(ranks: dict[int, float | None], filters: ArchiveFilters) -> list[Advice]:
    """The advices of `ranks` (in that order) with their counts and snippet."""
    ids = list(ranks)
    if not ids:
        return []
    rows = _counted(
        Advice.objects.filter(pk__in=ids)
        .select_related("council", "framework", "request")
        .defer("search_vector"),
        verdicts=True,
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
    """The years in which advice was sent, newest first.

    A DISTINCT over every public advice reads the whole (status, -sent_on) index;
    instead the first and last dates are read per status from that index's ends,
    and each year in between is checked with one short index probe.
    """
    table = connection.ops.quote_name(Advice._meta.db_table)
    statuses = [str(status) for status in SENT_STATUSES]

    def per_status(aggregate: str) -> str:
        return ", ".join(
            f"(SELECT {aggregate}(sent_on) FROM {table} WHERE status = %s)"
            for _ in statuses
        )

    first, last = per_status("MIN"), per_status("MAX")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT year FROM (
                SELECT EXTRACT(YEAR FROM LEAST({first}))::int AS first_year,
                       EXTRACT(YEAR FROM GREATEST({last}))::int AS last_year
            ) AS bounds, generate_series(first_year, last_year) AS year
            WHERE EXISTS (
                SELECT 1 FROM {table}
                WHERE status = ANY(%s)
                  AND sent_on >= make_date(year, 1, 1)
                  AND sent_on < make_date(year + 1, 1, 1)
            )
            ORDER BY year DESC
            """,
            [*statuses, *statuses, statuses],
        )
        return [year for (year,) in cursor.fetchall()]


def archive_frameworks() -> list[tuple[str, str]]:
    """The frameworks some public advice is about: a semi-join per framework, not a
    DISTINCT over every public advice."""
    framework_model = Advice._meta.get_field("framework").related_model
    return list(
        framework_model.objects.filter(
            Exists(Advice.objects.public().filter(framework=OuterRef("pk")))
        )
        .values_list("slug", "title")
        .order_by("title", "slug")
    )


def verdict_summary(advices: list[Advice]) -> dict[str, int]:
    """How many recommendations of these advices were adopted, partly, not, or open.

    Sums the counts of `_counted(..., verdicts=True)`: the advices of one page.
    """
    total = sum(advice.recommendation_count for advice in advices)
    answered = sum(advice.response_count for advice in advices)
    return {
        "total": total,
        "adopted": sum(advice.adopted_count for advice in advices),
        "partly": sum(advice.partly_count for advice in advices),
        "not_adopted": sum(advice.not_adopted_count for advice in advices),
        "unanswered": total - answered,
    }


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
    """The newest sent advice, counted after the LIMIT, in one query.

    The candidates are the newest `limit` of each public status, each read in order
    from the (status, -sent_on) index; `status IN (...)` on its own would sort every
    public advice for the top 3.
    """
    newest = [
        Advice.objects.filter(status=status)
        .order_by("-sent_on", "-pk")
        .values("pk")[:limit]
        for status in SENT_STATUSES
    ]
    candidates = newest[0].union(*newest[1:], all=True)
    return list(
        _counted(
            Advice.objects.public()
            .filter(pk__in=candidates)
            .select_related("council")
            .defer("search_vector")
        ).order_by("-sent_on", "-pk")[:limit]
    )


def redact(text: str, terms: str) -> str:
    """Replace each name listed in `terms` (one per line) by a neutral mark."""
    for term in filter(None, (line.strip() for line in terms.splitlines())):
        text = re.sub(re.escape(term), "[naam weggelaten]", text, flags=re.IGNORECASE)
    return text
