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

from core import search

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
    """Requests to the member's councils not yet answered with a sent advice, with
    what the dashboard shows of them (no joins it does not need)."""
    # exclude() across the reverse relation is a NOT EXISTS: no duplicate rows.
    return (
        AdviceRequest.objects.filter(council__in=_councils(user, council_ids))
        .exclude(advices__status__in=SENT_STATUSES)
        .only("subject", "received_on", "deadline")
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


@dataclass(frozen=True)
class DashboardAdvice:
    drafts: list[Advice]
    in_review: list[Advice]
    sent: list[Advice]


# What the dashboard shows of an advice, its request and its author (and sorts by):
# every further column is read, sorted and grouped by PostgreSQL and set on a model
# instance for each of the rows.
_DASHBOARD_FIELDS = (
    "title",
    "status",
    "updated_at",
    "sent_on",
    "response_due_on",
    "request__subject",
    "author__username",
    "author__first_name",
    "author__last_name",
)


def dashboard_advice(
    user: AbstractBaseUser, council_ids: CouncilIds = None, *, sent_limit: int = 20
) -> DashboardAdvice:
    """The member's own drafts, the submitted and adopted advice of the member's
    councils (both last changed first) and their newest `sent_limit` sent advice
    (last sent first), in one query.

    Three querysets cost three round trips and three compilations for a handful of
    rows each. The counts are one join and GROUP BY over the rows shown only (the
    drafts, the advice in review and at most `sent_limit` sent ones).
    """
    councils = _councils(user, council_ids)
    newest_sent = (
        Advice.objects.filter(council__in=councils, status__in=SENT_STATUSES)
        .order_by("-sent_on", "-pk")
        .values("pk")[:sent_limit]
    )
    rows = (
        Advice.objects.filter(council__in=councils)
        .filter(
            Q(status=AdviceStatus.DRAFT, author=user)
            | Q(status__in=[AdviceStatus.SUBMITTED, AdviceStatus.ADOPTED])
            | Q(pk__in=newest_sent)
        )
        .select_related("author", "request")
        .only(*_DASHBOARD_FIELDS)
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            response_count=Count("recommendations__response", distinct=True),
            comment_count=Count("comments", distinct=True),
        )
        .order_by("-updated_at", "-pk")
    )
    drafts, in_review, sent = [], [], []
    for advice in rows:
        if advice.status == AdviceStatus.DRAFT:
            drafts.append(advice)
        elif advice.status in SENT_STATUSES:
            sent.append(advice)
        else:
            in_review.append(advice)
    sent.sort(key=lambda advice: (advice.sent_on, advice.pk), reverse=True)
    return DashboardAdvice(drafts=drafts, in_review=in_review, sent=sent)


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


def _counted_together(advices: QuerySet[Advice]) -> QuerySet[Advice]:
    """The counts of `_counted(..., verdicts=True)` as one join and GROUP BY.

    For a few rows already chosen (the ids of one page): PostgreSQL plans one join
    in a fraction of the time it plans five correlated subqueries. A recommendation
    has at most one response, so no count needs DISTINCT.
    """
    verdict = "recommendations__response__verdict"
    return advices.annotate(
        recommendation_count=Count("recommendations"),
        response_count=Count("recommendations__response"),
        adopted_count=Count("pk", filter=Q(**{verdict: Verdict.ADOPTED})),
        partly_count=Count("pk", filter=Q(**{verdict: Verdict.PARTLY})),
        not_adopted_count=Count("pk", filter=Q(**{verdict: Verdict.NOT_ADOPTED})),
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
        # Rank and count in one pass. A search without other filters may read its
        # ranks from AdviceTerm, which cannot filter on the advice's other columns.
        offset = (number - 1) * per_page
        words = filters.q if filters == ArchiveFilters(q=filters.q) else None
        ranks, total = _ranked_page(advices, offset, per_page, words=words)
        if not ranks and number > 1:
            # Past the last page (whose count is not in its empty rows): show the
            # last one, as Paginator.get_page() does.
            total = advices.count()
            last = max(1, -(-total // per_page))
            ranks, _ = _ranked_page(
                advices, (last - 1) * per_page, per_page, words=words
            )
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
    advices: QuerySet[Advice], offset: int, limit: int, *, words: str | None = None
) -> tuple[dict[int, float], int]:
    """The ids and ranks of one page of a search, best first, and the number of matches.

    `ts_rank` is computed in an inner query so that only (id, sent_on, rank) pass
    through the window that counts the matches, not the whole rows with their search
    vectors; the same order as `archive_advice()`: rank, then newest, then id.

    With `words` (the search of `advices`, which has no other filter), a search of
    one lexeme is answered from AdviceTerm instead: its index holds the public
    advices with that lexeme in the same order and with the same ranks, so the
    page is an index range and the count an index-only scan. Either way it is one
    statement: PostgreSQL runs the branch that applies and skips the other.
    """
    inner = advices.order_by().values(
        hit_id=F("pk"), hit_sent_on=F("sent_on"), hit_rank=F("rank")
    )
    sql, params = inner.query.sql_with_params()
    ranked = (
        "SELECT hit_id, hit_rank, COUNT(*) OVER () "
        f"FROM ({sql} OFFSET 0) AS hits "  # OFFSET 0: rank before the window
        "{where} "
        "ORDER BY hit_rank DESC, hit_sent_on DESC, hit_id DESC "
        "LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        if words is None:
            cursor.execute(ranked.format(where=""), [*params, limit, offset])
        else:
            by_rank = ranked.format(where="WHERE NOT EXISTS (SELECT FROM word)")
            cursor.execute(
                f"{_ONE_LEXEME} ({_BY_TERM}) UNION ALL ({by_rank})",
                [words, limit, offset, *params, limit, offset],
            )
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    return {pk: rank for pk, rank, _ in rows}, total


# The lexeme of a search of one word as `word`, no row for any other search.
_ONE_LEXEME = f"WITH word AS MATERIALIZED ({search.ONE_LEXEME})"

# One page of the public advices with that lexeme, in the archive's order, and
# how many there are; the rank as the `real` that ts_rank() gives.
_BY_TERM = """
    SELECT advice_id, rank::real,
           (SELECT COUNT(*) FROM advisories_adviceterm
             WHERE lexeme = (SELECT lexeme FROM word))
      FROM advisories_adviceterm
     WHERE lexeme = (SELECT lexeme FROM word)
     ORDER BY rank DESC, sent_on DESC, advice_id DESC
     LIMIT %s OFFSET %s
"""


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


class _Snippet(SearchHeadline):
    """A search headline in a query grouped by the advice's primary key.

    Django would add the whole expression to the GROUP BY, and PostgreSQL would then
    build a headline for every joined recommendation before grouping; the summary it
    reads depends on the primary key, so grouping by that key is enough.
    """

    def get_group_by_cols(self):
        return []


# The fields of an advice that a result of the archive shows (with its counts).
_RESULT_FIELDS = (
    "title",
    "slug",
    "kind",
    "addressee",
    "status",
    "sent_on",
    "response_due_on",
)


def _page_rows(ranks: dict[int, float | None], filters: ArchiveFilters) -> list[Advice]:
    """The advices of `ranks` (in that order) with their counts and snippet."""
    ids = list(ranks)
    if not ids:
        return []
    # Only what a result shows: every further join or column costs planning time.
    rows = _counted_together(
        Advice.objects.filter(pk__in=ids).only(*_RESULT_FIELDS).order_by()
    )
    if filters.q:
        rows = rows.annotate(
            snippet=_Snippet(
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

    Sums the counts of `_counted_together()`: the advices of one page.
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
