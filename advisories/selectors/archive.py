"""Reads of the public archive: its filters, full-text search with snippets, pages and
facets.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import search

from ..models import (
    SENT_STATUSES,
    Advice,
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
