"""Middleware every app relies on: headers that keep the portal's resources and its
private pages to the portal, one more try for a read that lost its database connection,
Dutch first, the idle session timeout per area, the Permissions-Policy header and
refusing NUL bytes."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import InterfaceError, OperationalError, connections
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

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


LAST_ACTIVITY_KEY = "_last_activity"
# The stored activity time is renewed only when it is older than this (seconds), so a
# session is not written on every request. A timeout may therefore end a session up to
# this much sooner than the last request plus the timeout, never later.
ACTIVITY_WRITE_INTERVAL = 60


def idle_timeout_for(path: str) -> tuple[str, int] | None:
    """The area (URL prefix) a path belongs to and its idle timeout in seconds."""
    for prefix, seconds in settings.SESSION_IDLE_TIMEOUTS.items():
        if path.startswith(prefix):
            return prefix, seconds
    return None


class IdleSessionTimeoutMiddleware:
    """Ends a logged-in session that was idle too long in the admin (60 min) or portal (30).

    Only requests inside an area count as activity there; public pages do not keep an
    admin or portal session alive. After a timeout the session is flushed (logout) and
    the visitor is sent to log in again, coming back to the page asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        area = idle_timeout_for(request.path_info)
        if area is not None and request.user.is_authenticated:
            prefix, timeout = area
            now = int(time.time())
            key = f"{LAST_ACTIVITY_KEY}:{prefix}"
            last = request.session.get(key)
            if last is not None and now - last > timeout:
                logout(request)
                messages.warning(
                    request,
                    _(
                        "U was te lang niet actief en bent afgemeld. Meld u opnieuw aan."
                    ),
                )
                if prefix == "/admin/":
                    return redirect_to_login(
                        request.get_full_path(), reverse("admin:login")
                    )
                # Elsewhere (the member portal) the page itself sends an anonymous
                # visitor to its own login.
                return HttpResponseRedirect(request.get_full_path())
            if last is None or now - last > ACTIVITY_WRITE_INTERVAL:
                # Not on every page view: each write is an UPDATE of the session row.
                request.session[key] = now
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (settings.PERMISSIONS_POLICY) to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class RejectNulBytesMiddleware:
    """Answers 400 to a path or query string with a NUL byte.

    PostgreSQL cannot hold NUL in text, so such a value would reach the database only to
    fail there with a server error; no real visitor sends one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("Het adres bevat een ongeldig teken."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class DutchFirstLocaleMiddleware:
    """Speak Dutch unless the visitor chose English with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    an English portal to every Dutch resident with an English browser. A municipality's
    portal is Dutch first: only the language cookie, set by the switch
    (``/i18n/setlang/``), changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        return response
