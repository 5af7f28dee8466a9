"""Middleware every app relies on: headers that keep the portal's resources and its
private pages to the portal, and one more try for a read that lost its database
connection."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

# Requests that change nothing, so running their view twice is harmless.
SAFE_METHODS = ("GET", "HEAD")


class CrossOriginResourcePolicyMiddleware:
    """Sends ``Cross-Origin-Resource-Policy`` (settings.CROSS_ORIGIN_RESOURCE_POLICY)
    with every response, static files included: another site cannot embed the
    portal's pages, files or images (nor read them through a side channel such as
    Spectre). Cross-origin reads of the open data go through CORS, which this does
    not affect."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response


class PrivatePagesNoStoreMiddleware:
    """Sends ``Cache-Control: private, no-store`` with every page behind a login
    (settings.LOGIN_AREAS: the member portal and the admin, their login pages
    included): no browser history, shared computer or proxy keeps a member's draft or
    an official's screen, nor a login form with its token."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(settings.LOGIN_AREAS):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _lost_connections() -> list:
    """The database connections that no longer answer, outside a transaction."""
    return [
        connection
        for connection in connections.all(initialized_only=True)
        if connection.connection is not None
        and not connection.in_atomic_block
        and not connection.is_usable()
    ]


class RetryLostConnectionMiddleware:
    """Runs a GET or HEAD once more, on a fresh connection, when its view (or the
    rendering of its template) failed because the database connection was lost: a
    restart, a failover or a proxy ends connections while requests are in flight,
    and a read that had sent nothing yet can simply start again. A POST is never
    repeated (it may have written before the connection went), nor is a request in a
    transaction, nor a failure with a connection that still answers (a query that
    was cancelled or wrong). The check at the start of a request
    (``CONN_HEALTH_CHECKS``) already replaces a connection that died between
    requests; this covers the ones that die during a request."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if (
            not isinstance(exception, OperationalError | InterfaceError)
            or request.method not in SAFE_METHODS
            or getattr(request, "_retried_on_fresh_connection", False)
        ):
            return None
        lost = _lost_connections()
        if not lost:
            return None
        for connection in lost:
            connection.close()
        request._retried_on_fresh_connection = True
        logger.warning(
            "Databaseverbinding verbroken tijdens %s %s; opnieuw op een nieuwe "
            "verbinding: %s",
            request.method,
            request.path,
            exception,
        )
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if callable(getattr(response, "render", None)):
            response = response.render()
        return response
