"""After PostgreSQL restarted (or a proxy or failover dropped the connection), the next
request reconnects by itself: CONN_HEALTH_CHECKS checks a persistent connection at the
start of each request and opens a new one when the old one is dead.

Restarting the real cluster would break every other test run on the same server, so the
test does what a restart does to the application: the server ends this test's backend
(pg_terminate_backend, the same "terminating connection due to administrator command"
a shutdown sends). The request goes through Django's WSGI handler, as under gunicorn,
because the test client switches off the request_started hook that runs the check."""

import io
import time
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from testdata.neighbourhoods import NeighbourhoodFactory


def server_connection() -> psycopg.Connection:
    params = connection.settings_dict
    return psycopg.connect(
        dbname=params["NAME"],
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        autocommit=True,
    )


def get(path: str) -> str:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "wsgi.input": io.BytesIO(b""),
    }
    setup_testing_defaults(environ)
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()
    return statuses[0]


@pytest.fixture
def persistent_connection():
    """Production keeps connections open between requests (CONN_MAX_AGE 60 in base
    settings); the test settings close them after each request, which would hide the
    problem. Give this test's connection the production lifetime."""
    original = connection.settings_dict["CONN_MAX_AGE"]
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"] = original


@pytest.mark.django_db(transaction=True)
def test_a_request_after_the_database_dropped_the_connection_works(
    persistent_connection,
):
    neighbourhood = NeighbourhoodFactory()
    assert get("/wijken/").startswith("200")
    before = persistent_connection.connection.info.backend_pid

    with server_connection() as server:
        assert server.execute("SELECT pg_terminate_backend(%s)", [before]).fetchone()[0]
        for _ in range(100):
            alive = server.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [before]
            ).fetchone()[0]
            if not alive:
                break
            time.sleep(0.05)
    assert not persistent_connection.is_usable()
    cache.clear()  # the list page was cached; the next request must reach the database

    assert get(f"/wijken/{neighbourhood.slug}/").startswith("200")
    after = persistent_connection.connection.info.backend_pid
    assert after != before
    assert get("/wijken/").startswith("200")
