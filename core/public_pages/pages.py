"""The public pages served from the cache to visitors without a session, and the
open-data files stored beside them: one mechanism, keyed on the versions of the data
(:mod:`core.public_pages.versions`)."""

import gzip
import hashlib
import re
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .versions import TIMEOUT, read, remember, stamp

# What a stored page looks like, (stamp, response, period) under ":plain" and
# ":gzip"; in its key, so that a shared Redis holding an older format is not misread.
PAGE_FORMAT = 5
# How long other requests get the page as it was while one renders it again (s).
RENDERING_TIMEOUT = 10
# A stored page of at least this many bytes is kept gzip-compressed as well.
COMPRESS_FROM = 1024
# gzip's own default level: level 9 takes about twice as long for 1-2 % fewer bytes
# (bench/FINDINGS.md).
COMPRESS_LEVEL = 6
# An Accept-Encoding that allows gzip (as django.middleware.gzip reads it).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The longest value of a query parameter a stored page is keyed on; no filter or
# search needs more, and longer ones render uncached.
QUERY_VALUE_MAX = 200
# What a checkbox sends; forms.BooleanField takes any other text as "on" as well.
CHECKBOX_VALUES = ("", "on", "1", "true", "0", "false")
# The parameters that choose a page of a list (ListView's, the advice archive's).
PAGE_PARAMETERS = ("page", "pagina")


def _visitor_has_state(request: HttpRequest) -> bool:
    """A session or pending messages: the page may be personal, so it is not shared."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _page_key(request: HttpRequest, query: Iterable[str] = ()) -> str:
    """Where the page is stored: its address and language. Of the query string only
    the parameters the page reads (``query``) count, sorted, without empty ones: a
    parameter the page ignores leaves it as it is."""
    pairs = sorted(
        (name, value) for name in query for value in request.GET.getlist(name) if value
    )
    address = request.build_absolute_uri(request.path)
    if pairs:
        address += "?" + urlencode(pairs)
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"public-page:{PAGE_FORMAT}:{get_language()}:{digest}"


def not_shared(request: HttpRequest) -> None:
    """Say that the page for this request is not to be stored for others: its query
    asked for something that is not there (a search that finds nothing, a value the
    view replaced by its default). Anyone may send any query string: storing each
    one's page would fill the cache with pages nobody asks for again."""
    request.public_page_not_shared = True


def _query_is_canonical(request: HttpRequest, query: Iterable[str]) -> bool:
    """Whether the query string holds only parameters the page reads, each once, as
    a form or link of the portal writes them. Any other spelling of the same page
    (an unknown parameter, ``page=02``, a value with spaces around it) is served
    from the cache when the page is there, but never stored: there are endlessly
    many of them."""
    for name, values in request.GET.lists():
        if name not in query or len(values) > 1:
            return False
        value = values[0]
        if len(value) > QUERY_VALUE_MAX or value != value.strip():
            return False
        if value.isascii() and value.isdigit() and value != str(int(value)):
            return False
    return True


def _query_is_valid(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the page's own form and list accept the query as it is: no value the
    form refuses, a checkbox as a browser sends it, the page of the list that was
    asked for (not the last one instead), and a search that found something."""
    context = getattr(response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(form, forms.BaseForm) and form.is_bound:
        if not form.is_valid():
            return False
        for name, field in form.fields.items():
            checked = request.GET.get(name, "")
            if isinstance(field, forms.BooleanField) and checked not in CHECKBOX_VALUES:
                return False
    page = context.get("page_obj")
    if page is not None:
        for name in PAGE_PARAMETERS:
            if request.GET.get(name, str(page.number)) != str(page.number):
                return False
        if request.GET.get("q") and not page.object_list:
            return False
    return True


def _period(live: bool) -> str:
    """The time a page depends on, stored with it: a live page (one that says what is
    open or free *now*) holds for its minute; the others for the day, since they show
    what is current today. A page of a period gone by is out of date, as after a
    change: one request renders it again while the others get it as it was.
    """
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M" if live else "%Y-%m-%d")


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


def public_page(
    view: Callable | None = None, *, live: bool = False, query: Iterable[str] = ()
) -> Callable:
    """Serve a public page from the cache to visitors without a session.

    The page is the same for every such visitor: public pages carry no CSRF token and
    set no cookie (the language switch is exempt, see welzijn/urls.py). A response is
    stored only when it is a plain 200 that set no cookie and used no CSRF token or
    session, so nothing personal is ever shared. A page is stored with the versions
    of the data it shows (:func:`stamp`) and served only while they are current, so
    any change shows at once; the versions and the page come in one round trip to
    the cache (:func:`read`). ``live`` pages are also renewed every minute, the others
    every day (:func:`_period`). With the dummy cache (the benchmark's uncached run)
    every request renders.

    After a change, or at a new minute or day, the first request renders the page
    again; requests that come while it renders (up to RENDERING_TIMEOUT seconds) get
    the page as it was a moment before, as if they had come a moment earlier, instead
    of each rendering it too, so that a save under load costs one rendering. A page
    that is gone (a 404 now) or no longer shared is dropped: nobody gets it as it was.

    A stored page is kept compressed too, as its own entry, and sent so to every
    browser that accepts gzip: a sixth of the bytes, to send and to read from the
    cache. Compressing is safe here (no BREACH) because these
    pages hold no secret: no token, nothing of a session.

    ``query`` names the parameters of the query string the page reads; only they
    make up its key (:func:`_page_key`). A page is stored only for a query as the
    portal writes it, with values its form accepts (:func:`_query_is_canonical`,
    :func:`_query_is_valid`, :func:`not_shared`), so that random query strings
    store nothing.
    """
    query = frozenset(query)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any):
            if request.method not in ("GET", "HEAD") or _visitor_has_state(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, query)
            period = _period(live)
            accepts_gzip = ACCEPTS_GZIP.search(
                request.headers.get("Accept-Encoding", "")
            )
            # The one variant this visitor is sent: a browser that takes gzip never
            # reads the uncompressed page from the cache (six times the bytes).
            variant = f"{key}:{'gzip' if accepts_gzip else 'plain'}"
            current, entry, holds = read(key, variant)
            holds = holds and entry[2] == period
            # A page out of date is rendered by one request; those that come while
            # it renders get the page as it was (see above).
            rendering = f"{key}:rendering"
            if entry is not None and (
                holds or not cache.add(rendering, True, RENDERING_TIMEOUT)
            ):
                response = entry[1]
                patch_vary_headers(response, ("Accept-Encoding",))
                return response
            try:
                response = view(request, *args, **kwargs)
            except Exception:  # Http404 too: a place deleted is gone for everyone
                if entry is not None:  # this request took the turn to render it
                    cache.delete_many([f"{key}:plain", f"{key}:gzip", rendering])
                raise

            def store(response: HttpResponse) -> None:
                session = getattr(request, "session", None)
                storable = (
                    response.status_code == 200
                    and not response.streaming
                    and not response.cookies
                    and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                    and not (session is not None and session.modified)
                )
                # A page anyone may get, asked for in a way not to store.
                shared_query = storable and (
                    _query_is_canonical(request, query)
                    and not getattr(request, "public_page_not_shared", False)
                    and _query_is_valid(request, response)
                )
                if storable and shared_query:
                    stored = stamp(
                        current, getattr(request, "public_page_municipalities", None)
                    )
                    if stored is not None:
                        remember(key, stored)
                        cache.set_many(
                            {
                                f"{key}:plain": (stored, response, period),
                                f"{key}:gzip": (stored, _compressed(response), period),
                            },
                            TIMEOUT,
                        )
                elif entry is not None and not storable:
                    # Not a page to share any more: nobody gets it as it was.
                    cache.delete_many([f"{key}:plain", f"{key}:gzip"])
                if entry is not None:
                    cache.delete(rendering)
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


def accepts_gzip(request: HttpRequest) -> bool:
    """Whether the browser takes a gzip-compressed response."""
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def public_file(
    key: str,
    gzipped: bool,
    render: Callable[[], tuple[bytes, str, Iterable[int] | None]],
    timeout: int,
) -> tuple[bytes, str, str]:
    """A public file (content, content type, ETag), plain or compressed, stored like a
    page with the versions of the data it shows: a repeated download and a
    conditional GET are answered unrendered after one round trip to the cache.
    ``render`` gives the content, its type and the municipalities it shows (None:
    all of them)."""
    variant = f"{key}:{'gzip' if gzipped else 'plain'}"
    current, stored, holds = read(key, variant)
    if not holds:
        content, content_type, municipalities = render()
        etag = hashlib.sha256(content).hexdigest()[:32]
        stored_stamp = stamp(current, municipalities)
        files = {
            f"{key}:plain": (stored_stamp, content, content_type, etag),
            # Another representation: another ETag.
            f"{key}:gzip": (
                stored_stamp,
                gzip.compress(content, COMPRESS_LEVEL, mtime=0),
                content_type,
                f"{etag}-gz",
            ),
        }
        if stored_stamp is not None:  # None: the data changed while it rendered
            remember(key, stored_stamp)
            cache.set_many(files, timeout)
        stored = files[variant]
    _stamp, content, content_type, etag = stored
    return content, content_type, etag
