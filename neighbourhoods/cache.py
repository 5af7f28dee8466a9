"""The cache of the public pages: one version number, bumped by every change.

Public pages cache their heavy parts (template fragments with ``{% cache %}``, the
open-data files) under keys that include :func:`version`. Any save or delete of a
model of the three apps bumps it, so nothing stale is served after a change made
through the ORM (admin, imports, services). Writes that bypass signals
(``QuerySet.update()``, raw SQL, the benchmark's COPY) are covered by the timeout.

A row that no public page shows says so with a method ``changes_public_pages()``
returning False (an advice in draft, a member's comment): the council's own work
in the portal, saved often and by many councils at once, would otherwise empty the
cache of every public page each time.

With Redis (``CACHE_URL``) the version is shared by every process; with the local
memory cache each process has its own, and the timeout bounds how long another
process may show what it rendered before a change.
"""

import gzip
import hashlib
import re
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"
# How long a cached fragment or file lives at most (seconds).
TIMEOUT = 300
# What a stored page looks like, (version, response) under ":plain" and ":gzip"; in
# its key, so that after a deploy that changes it a shared Redis is not misread.
PAGE_FORMAT = 3
# A stored page of at least this many bytes is kept gzip-compressed as well.
COMPRESS_FROM = 1024
# gzip's own default level: Python's gzip.compress uses 9, which takes twice as long
# (1.3 against 0.65 ms for /plekken/, 5.4 against 4.2 ms for a municipality's places
# CSV) for 1-2 % fewer bytes.
COMPRESS_LEVEL = 6
# An Accept-Encoding that allows gzip (as django.middleware.gzip reads it).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The apps whose data the public pages show.
APPS = ("neighbourhoods", "policy", "advisories")


def version() -> int:
    """The current version; a fresh start (or an evicted key) never reuses an old one."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, None)
        current = cache.get(VERSION_KEY, time.time_ns() // 1000)
    return current


def bump() -> None:
    """Make every cached public fragment and file out of date."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or evicted)
        cache.set(VERSION_KEY, time.time_ns() // 1000, None)


def _shown_publicly(instance) -> bool:
    """Whether a change of this row can show on a public page (see above)."""
    changes_public_pages = getattr(instance, "changes_public_pages", None)
    return changes_public_pages is None or changes_public_pages()


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: the version is bumped by the next real save
        return
    if sender._meta.app_label in APPS and _shown_publicly(instance):
        bump()


def _m2m_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        if (
            sender._meta.app_label in APPS or kwargs["model"]._meta.app_label in APPS
        ) and _shown_publicly(instance):
            bump()


def connect() -> None:
    """Connect the receivers (once; `dispatch_uid` keeps a second call harmless)."""
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        uid = f"public-pages-cache:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-pages-cache:m2m")


def _visitor_has_state(request: HttpRequest) -> bool:
    """A session or pending messages: the page may be personal, so it is not shared."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _page_key(request: HttpRequest, live: bool) -> str:
    """Address, language and the time the page depends on.

    A live page (one that says what is open or free *now*) is kept per minute; the
    others per day, since they show what is current today.
    """
    moment = timezone.localtime()
    when = moment.strftime("%Y-%m-%dT%H:%M" if live else "%Y-%m-%d")
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    return f"public-page:{PAGE_FORMAT}:{get_language()}:{when}:{address}"


def _compressed(response: HttpResponse) -> HttpResponse:
    """The response as sent to a browser that accepts gzip: compressed, unless it is
    too short to gain from it."""
    if len(response.content) < COMPRESS_FROM:
        return response
    compressed = HttpResponse(
        gzip.compress(response.content, COMPRESS_LEVEL, mtime=0),
        status=response.status_code,
    )
    for header, value in response.items():
        compressed[header] = value
    compressed["Content-Encoding"] = "gzip"
    return compressed


def public_page(view: Callable | None = None, *, live: bool = False) -> Callable:
    """Serve a public page from the cache to visitors without a session.

    The page is the same for every such visitor: public pages carry no CSRF token and
    set no cookie (the language switch is exempt, see welzijn/urls.py). A response is
    stored only when it is a plain 200 that set no cookie and used no CSRF token or
    session, so nothing personal is ever shared. A page is stored with the data's
    version and served only while that is still the version, so any change shows at
    once; the version and the page come in one round trip to the cache. ``live``
    pages are also renewed every minute. With the dummy cache (the benchmark's
    uncached run) every request renders.

    A stored page is kept compressed too, as its own entry, and sent so to every
    browser that accepts gzip: a sixth of the bytes, to send and to read from the
    cache. Compressing is safe here (no BREACH) because these
    pages hold no secret: no token, nothing of a session.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any):
            if request.method not in ("GET", "HEAD") or _visitor_has_state(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, live)
            accepts_gzip = ACCEPTS_GZIP.search(
                request.headers.get("Accept-Encoding", "")
            )
            # The one variant this visitor is sent: a browser that takes gzip never
            # reads the uncompressed page from the cache (six times the bytes).
            variant = f"{key}:{'gzip' if accepts_gzip else 'plain'}"
            found = cache.get_many([VERSION_KEY, variant])
            current = found.get(VERSION_KEY)
            if current is None:
                current = version()
            elif variant in found and found[variant][0] == current:
                response = found[variant][1]
                patch_vary_headers(response, ("Accept-Encoding",))
                return response
            response = view(request, *args, **kwargs)

            def store(response: HttpResponse) -> None:
                session = getattr(request, "session", None)
                if (
                    response.status_code == 200
                    and not response.streaming
                    and not response.cookies
                    and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                    and not (session is not None and session.modified)
                ):
                    cache.set_many(
                        {
                            f"{key}:plain": (current, response),
                            f"{key}:gzip": (current, _compressed(response)),
                        },
                        TIMEOUT,
                    )
                patch_vary_headers(response, ("Accept-Encoding",))

            if callable(getattr(response, "render", None)) and not getattr(
                response, "is_rendered", True
            ):
                response.add_post_render_callback(store)
            else:
                store(response)
            return response

        return cached_view

    return decorate(view) if view is not None else decorate
