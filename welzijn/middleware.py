"""Project middleware: Dutch first, idle session timeout per area, the Permissions-Policy
header and refusing NUL bytes."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

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
