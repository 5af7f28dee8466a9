"""Query audit: per page, how many queries and the slowest one's EXPLAIN ANALYZE.

    .venv/bin/python manage.py query_audit [--label municipality|country]

Requests each page in-process with Django's test client against the database in
DATABASE_URL (filled by `manage.py generate`), once with an empty cache (cold) and
once more (warm), recording every query with its time. The slowest SELECT of the
cold request is run again under EXPLAIN (ANALYZE, BUFFERS). Results go to
bench/results/queries-<label>.json; when both the municipality and the country file
are there, a comparison (the counts must be equal) goes to bench/results/queries.md.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client

from . import pages as bench_pages

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Query:
    sql: str
    params: Any
    ms: float


@dataclass
class Recorder:
    """An execute wrapper (connection.execute_wrapper) that keeps every query."""

    queries: list[Query] = field(default_factory=list)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(
                Query(sql, params, (time.perf_counter() - started) * 1000)
            )


def host() -> str:
    """A host name the settings allow, for the test client's requests."""
    for name in settings.ALLOWED_HOSTS:
        if name not in ("*",) and not name.startswith("."):
            return name
    return "localhost"


# What psycopg/Django ask once per new connection, not per request.
CONNECTION_SETUP = ("SELECT oid, typarray FROM pg_type",)


def record(client: Client, path: str) -> tuple[int, list[Query], bytes]:
    """The status, the queries (without connection setup) and the body of a GET."""
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        response = client.get(path)
    content = b"" if response.streaming else response.content
    queries = [q for q in recorder.queries if not q.sql.startswith(CONNECTION_SETUP)]
    return response.status_code, queries, content


def explain(query: Query) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query.sql, query.params)
        return "\n".join(row[0] for row in cursor.fetchall())


def audit_page(
    client: Client, path: str, *, with_explain: bool = True
) -> dict[str, Any]:
    """Cold and warm query counts of one page, and its slowest query explained."""
    cache.clear()
    status, queries, content = record(client, path)
    warm_status, warm_queries, _ = record(client, path)
    result: dict[str, Any] = {
        "path": path,
        "status": status,
        "queries": len(queries),
        "queries_warm": len(warm_queries),
        "total_ms": round(sum(q.ms for q in queries), 2),
        "bytes": len(content),
    }
    selects = [
        q for q in queries if q.sql.lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    if selects:
        slowest = max(selects, key=lambda q: q.ms)
        result["slowest_ms"] = round(slowest.ms, 2)
        result["slowest_sql"] = _interpolated(slowest)
        if with_explain:
            result["explain"] = explain(slowest)
    return result


def _interpolated(query: Query) -> str:
    """The SQL with its parameters filled in, as PostgreSQL would see it."""
    with connection.cursor() as cursor:
        try:
            return cursor.mogrify(query.sql, query.params)
        except Exception:  # noqa: BLE001 - show the raw SQL rather than nothing
            return f"{query.sql}  -- params: {query.params!r}"


def audit(*, with_explain: bool = True) -> list[dict[str, Any]]:
    """Audit every page of bench.pages that exists (404s are listed as skipped)."""
    anonymous = Client(SERVER_NAME=host(), raise_request_exception=False)
    member = bench_pages.logged_in_client(host())
    results = []
    for page in bench_pages.pages():
        if page.name == bench_pages.FLOOR:
            continue
        client = member if page.login else anonymous
        if client is None:
            results.append(
                {"name": page.name, "path": page.path, "skipped": "no member"}
            )
            continue
        path = page.path
        if path.startswith(bench_pages.OPEN_DATA):
            response = anonymous.get(path)
            if response.status_code == 200:
                path = bench_pages.download_path(response.content.decode()) or path
        result = {
            "name": page.name,
            **audit_page(client, path, with_explain=with_explain),
        }
        if result["status"] == 404:
            result = {"name": page.name, "path": path, "skipped": "404, not built yet"}
        results.append(result)
    return results


def default_label() -> str:
    from neighbourhoods.models import Municipality

    return "country" if Municipality.objects.count() >= 100 else "municipality"


def write(label: str, results: list[dict[str, Any]]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"queries-{label}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    return path


def comparison() -> str | None:
    """A Markdown table of the counts at both scales, when both files are there."""
    files = {
        label: RESULTS / f"queries-{label}.json"
        for label in ("municipality", "country")
    }
    if not all(f.exists() for f in files.values()):
        return None
    small, large = (
        {r["name"]: r for r in json.loads(files[label].read_text())}
        for label in ("municipality", "country")
    )
    lines = [
        "| page | queries (municipality) | queries (country) | equal | slowest ms (country) |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for name, row in large.items():
        other = small.get(name, {})
        if "skipped" in row or "skipped" in other:
            lines.append(
                f"| {name} | – | – | skipped: {row.get('skipped') or other.get('skipped')} | |"
            )
            continue
        equal = "yes" if row["queries"] == other.get("queries") else "**no**"
        lines.append(
            f"| {name} | {other.get('queries')} | {row['queries']} | {equal} | "
            f"{row.get('slowest_ms', 0):.1f} |"
        )
    table = "\n".join(lines) + "\n"
    (RESULTS / "queries.md").write_text(table)
    return table
