"""A GET whose database connection is lost while it runs answers all the same: it
runs once more on a fresh connection (core.middleware.RetryLostConnectionMiddleware).
A POST is never repeated.

The server ends this test's own backend with pg_terminate_backend (what a restart or
failover does to connections in flight). Django's test client does not run the health
check at the start of a request (CONN_HEALTH_CHECKS, tests/security/
test_database_restart.py), so the request starts on the dead connection, as one does
whose connection dies just after that check."""

import logging
import time
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from testdata.neighbourhoods import NeighbourhoodFactory
from tests.security.test_database_restart import server_connection

pytestmark = pytest.mark.django_db(transaction=True)

LOGGER = "core.middleware"


def terminate_this_tests_backend() -> int:
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with server_connection() as server:
        assert server.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
        for _ in range(100):
            alive = server.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid]
            ).fetchone()[0]
            if not alive:
                break
            time.sleep(0.05)
    return pid


@pytest.fixture
def fresh_connection_afterwards():
    yield
    connection.close()


def test_a_get_runs_again_on_a_fresh_connection(fresh_connection_afterwards, caplog):
    NeighbourhoodFactory(name="Vathorst")
    lost = terminate_this_tests_backend()

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = Client().get(reverse("neighbourhoods:neighbourhood-list"))

    assert response.status_code == HTTPStatus.OK
    assert "Vathorst" in response.content.decode()
    assert connection.connection.info.backend_pid != lost
    retried = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert len(retried) == 1
    assert "Databaseverbinding verbroken tijdens GET /wijken/" in retried[0]


def test_a_post_is_not_repeated(fresh_connection_afterwards, caplog):
    terminate_this_tests_backend()

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = Client(raise_request_exception=False).post(
            reverse("advisories:portal-login"),
            {"username": "lid", "password": "een-lang-testwachtwoord"},
        )

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert not [r for r in caplog.records if r.name == LOGGER]
