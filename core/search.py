"""One Dutch full-text search over everything public (/zoeken/), open to every app.

Each app registers the sources it owns from its AppConfig.ready(), so this ground
floor never imports them:

    from core import search

    class PolicyConfig(AppConfig):
        def ready(self):
            search.register(search.SearchSource(
                key="beleid", label=_("Beleid"), search=framework_search, order=40))

A source's `search` function takes a SearchQuery (Dutch config) and a limit and
returns at most that many SearchResults, best first, in one query. Ranks come from
PostgreSQL's ts_rank over weighted search vectors (A: name or title, B: text), so
results of different sources can be merged on rank.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Model, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.utils.functional import Promise, cached_property
from django.utils.text import Truncator
from django.utils.translation import override

from .search_keys import REPEATED, WEIGHTS, has_search_keys_index, search_keys

# Words of a summary line under a result.
SUMMARY_WORDS = 30


@dataclass(frozen=True)
class SearchResult:
    """One hit: what it is, where to go, a line of context and how well it matched."""

    title: str
    url: str
    kind: str | Promise
    rank: float
    summary: str = ""


@dataclass(frozen=True)
class SearchSource:
    """Something searchable; `key` appears in the URL (?in=plekken), `order` on the page."""

    key: str
    label: str | Promise
    search: Callable[[SearchQuery, int], list[SearchResult]]
    order: int = 100
    # The full list filtered by the same words, if the source has one (?q= appended).
    list_url: Callable[[], str] | None = None


@dataclass
class SearchOutcome:
    """The merged results, best first, and the number of hits per source shown."""

    text: str
    results: list[SearchResult] = field(default_factory=list)
    sources: list[tuple[SearchSource, int]] = field(default_factory=list)


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    """Add or replace a source (replacing keeps ready() idempotent under reloads)."""
    _sources[source.key] = source


def unregister(key: str) -> None:
    _sources.pop(key, None)


def sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))


class DutchQuery(SearchQuery):
    """What people type, read as a web search: words, "a phrase", -without, or."""

    def __init__(self, text: str) -> None:
        super().__init__(text, config="dutch", search_type="websearch")
        self.text = text

    @cached_property
    def lexeme(self) -> str | None:
        """The one word (as the Dutch stemmer stores it) this query is, if it is one.

        Asked once per search, for every source: a query of one word can be ranked
        from the search keys (search_keys.py).
        """
        with connection.cursor() as cursor:
            cursor.execute(ONE_LEXEME, [self.text])
            row = cursor.fetchone()
        return row[0] if row else None


# The `lexeme` of what people typed when it is a search of one word, no row for any
# other search: the query's one operand, unquoted by PostgreSQL itself (as a tsvector
# of one word). Also a subquery of the advice archive's ranking (advisories).
ONE_LEXEME = """
    SELECT (tsvector_to_array(querytree(query)::tsvector))[1] AS lexeme
      FROM websearch_to_tsquery('dutch'::regconfig, %s) AS query
     WHERE numnode(query) = 1
"""


def dutch_query(text: str) -> DutchQuery:
    return DutchQuery(text)


def search(text: str, *, limit: int = 20, keys: Iterable[str] = ()) -> SearchOutcome:
    """Search every registered source (or those in `keys`) and merge on rank.

    One query per source, whatever the data size, and one that reads whether the
    search is one word (DutchQuery.lexeme).
    """
    outcome = SearchOutcome(text=text.strip())
    if not outcome.text:
        return outcome
    query = dutch_query(outcome.text)
    wanted = set(keys)
    merged: list[SearchResult] = []
    # Without parallel workers (settings: max_parallel_workers_per_gather): PostgreSQL
    # cannot estimate how many rows a full-text query matches and would start them.
    for source in sources():
        if wanted and source.key not in wanted:
            continue
        results = source.search(query, limit)
        outcome.sources.append((source, len(results)))
        merged += results
    merged.sort(key=lambda result: (-result.rank, result.title))
    outcome.results = merged[:limit]
    return outcome


def ranked(
    queryset: QuerySet,
    query: SearchQuery,
    limit: int,
    *,
    terms: RawSQL | None = None,
) -> QuerySet:
    """Rows whose search_vector matches, best first (uses the GIN index).

    A query of one word (a DutchQuery whose `lexeme` is set) ranks only the rows that
    can be among the best `limit` (search_keys.py); any other query ranks every match.
    The rows and their order are the same either way. `terms` (term_ids: the ids of
    the rows whose kind or linked words match) adds those rows, ranked as a word in
    their text; they are joined to the matches by id, so the search still starts
    from its indexes.
    """
    lexeme = getattr(query, "lexeme", None)
    keyed = lexeme and has_search_keys_index(queryset.model)
    rank = SearchRank(F("search_vector"), query)
    if not terms:
        if keyed:
            matches = queryset.filter(pk__in=_candidates(queryset, lexeme, limit))
        else:
            matches = queryset.filter(search_vector=query)
        return matches.annotate(rank=rank).order_by("-rank", "pk")[:limit]
    rows = queryset.model._default_manager.order_by()
    found_by_terms = rows.filter(pk__in=terms).values_list("pk", flat=True)
    if keyed:
        ids = _candidates(queryset, lexeme, limit, also=[found_by_terms])
    else:
        words = rows.filter(search_vector=query).values_list("pk", flat=True)
        ids = words.union(found_by_terms, all=True)
    # A row found only by its terms ranks as a word in its text; one found by its
    # own words as well ranks by those.
    rank += Case(
        When(search_vector=query, then=Value(0.0)),
        default=Value(TERM_RANK),
        output_field=FloatField(),
    )
    return (
        queryset.filter(pk__in=ids).annotate(rank=rank).order_by("-rank", "pk")[:limit]
    )


# The rank of a row found only by its kind or linked words: about that of the word
# once in its text (weight B), so a match in the name still ranks first.
TERM_RANK = 0.25


def _query_text(query: SearchQuery) -> str:
    return getattr(query, "text", "")


def choice_match(model: type[Model], field: str, query: SearchQuery) -> QuerySet:
    """Ids of the rows whose choice `field` has a label (in Dutch) the query's words
    match.

    The labels are a VALUES list matched in the database, with the search's own
    Dutch stemming, as an uncorrelated subquery: no query of its own.
    """
    choices = model._meta.get_field(field).choices
    with override("nl"):
        pairs = [
            (value, f"{value.replace('_', ' ')} {label}") for value, label in choices
        ]
    rows = ", ".join("(%s, %s)" for _pair in pairs)
    sql = (
        f"SELECT choice FROM (VALUES {rows}) AS labels(choice, label) "
        "WHERE to_tsvector('dutch', label) @@ websearch_to_tsquery('dutch', %s)"
    )
    params = [part for pair in pairs for part in pair] + [_query_text(query)]
    matching = model._default_manager.filter(**{f"{field}__in": RawSQL(sql, params)})
    return matching.order_by().values_list("pk", flat=True)


def word_match(
    relation: ManyToManyDescriptor, model: type[Model], query: SearchQuery
) -> QuerySet:
    """Ids of the rows linked to a word of a vocabulary (target group, theme …) whose
    name the query's words match."""
    field = relation.field
    words = (
        model.objects.annotate(words=SearchVector("name", config="dutch"))
        .filter(words=query)
        .values("pk")
    )
    linked = relation.through.objects.filter(
        **{f"{field.m2m_reverse_field_name()}__in": words}
    )
    return linked.order_by().values_list(field.m2m_field_name(), flat=True)


# What makes a row found by its terms, per source key: its kind, its linked words.
# The app that owns a source registers them (register_terms) from its ready().
TERM_SOURCES: dict[str, Callable[[SearchQuery], list[QuerySet]]] = {}


def register_terms(key: str, terms: Callable[[SearchQuery], list[QuerySet]]) -> None:
    """Let the rows of source `key` also be found by their kind or linked words."""
    TERM_SOURCES[key] = terms


# Stands for what people typed while the SQL of a source's terms is built once.
_TYPED = "\x00welzijn-zoekwoorden\x00"


@cache
def _term_ids_sql(source: str) -> tuple[str, tuple]:
    """The SQL of a source's term ids, built once: the ORM takes longer to build it
    than PostgreSQL takes to run it."""
    parts = TERM_SOURCES[source](DutchQuery(_TYPED))
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.query.sql_with_params()


def term_ids(source: str, query: SearchQuery) -> RawSQL:
    """The ids of a source's rows whose kind or linked words the query matches."""
    sql, params = _term_ids_sql(source)
    typed = _query_text(query)
    return RawSQL(sql, [typed if param == _TYPED else param for param in params])


def _candidates(
    queryset: QuerySet, lexeme: str, limit: int, *, also: Iterable[QuerySet] = ()
) -> QuerySet:
    """The ids of the rows of `queryset` that can be among the best `limit` for a word.

    Every row with the word more than once, and per weight the first `limit` ids of
    the rows with it once with that weight (which all rank the same). Each group is
    read the cheaper way PostgreSQL's statistics of the keys suggest: a common key in
    id order from the primary key, a rare one from the keys' index. (A key implies a
    match: testing `search_vector @@` as well would make PostgreSQL take the two for
    independent and think a common key rare.) `also`: more ids to take (terms).
    """
    keyed = queryset.order_by().alias(keys=search_keys()).values_list("pk", flat=True)
    repeated = keyed.filter(keys__contains=[REPEATED + lexeme])
    once = [
        keyed.filter(keys__contains=[weight + lexeme]).order_by("pk")[:limit]
        for weight in WEIGHTS
    ]
    return repeated.union(*once, *also, all=True)


def summary_line(*parts: str) -> str:
    text = " · ".join(part for part in parts if part)
    return Truncator(text).words(SUMMARY_WORDS)
