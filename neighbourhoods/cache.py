"""The cache of the public pages: versions of the data, bumped by every change.

Public pages cache their heavy parts (template fragments with ``{% cache %}``, the
open-data files) under keys that include :func:`version`. Any save or delete of a
model of the three apps bumps it, so nothing stale is served after a change made
through the ORM (admin, imports, services). Writes that bypass signals
(``QuerySet.update()``, raw SQL, the benchmark's COPY) are covered by the timeout.

A row that no public page shows says so with a method ``changes_public_pages()``
returning False (an advice in draft, a member's comment): the council's own work
in the portal, saved often and by many councils at once, would otherwise empty the
cache of every public page each time.

A page of one municipality (a wijk, a place, one municipality's open data, the places
of one municipality or wijk) says so with :func:`shows_municipalities` and is kept
while that municipality's rows are unchanged, whatever changes elsewhere. 342
municipalities share the portal and their officials save all day: with one version
for everything, each save emptied the cache of every page of every municipality. A
model says which municipalities its rows show under with
``public_municipality_paths`` (lookups to a municipality); a change of a row without
them (a target group, an organisation, a municipality itself) makes every page out of
date. Such pages show the rows of the neighbourhoods app only: changes in policy and
advisories never make them out of date.

With Redis (``CACHE_URL``) the versions are shared by every process; with the local
memory cache each process has its own, and the timeout bounds how long another
process may show what it rendered before a change.
"""

import gzip
import hashlib
import re
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

# Bumped by every change: the version of the pages that show everything.
VERSION_KEY = "public-pages:version"
# Bumped by a change of no municipality in particular (or of all of them).
SHARED_KEY = "public-pages:version:shared"
# Bumped by a change of that municipality's rows.
MUNICIPALITY_KEY = "public-pages:version:municipality:{}"
# The one app whose rows the pages of one municipality show.
MUNICIPALITY_PAGES_SHOW = "neighbourhoods"
# How long a cached fragment or file lives at most (seconds).
TIMEOUT = 300
# What a stored page looks like, (stamp, response, period) under ":plain" and
# ":gzip"; in its key, so that after a deploy that changes it a shared Redis is not
# misread.
PAGE_FORMAT = 5
# How long other requests get the page as it was while one renders it again (s).
RENDERING_TIMEOUT = 10
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
# The longest value of a query parameter a stored page is keyed on; no filter or
# search needs more, and longer ones render uncached.
QUERY_VALUE_MAX = 200
# What a checkbox sends; forms.BooleanField takes any other text as "on" as well.
CHECKBOX_VALUES = ("", "on", "1", "true", "0", "false")
# The parameters that choose a page of a list (ListView's, the advice archive's).
PAGE_PARAMETERS = ("page", "pagina")


def version() -> int:
    """The current version of the pages that show everything."""
    return versions([VERSION_KEY])[VERSION_KEY]


def versions(keys: Iterable[str]) -> dict[str, int]:
    """The current version of each key, in one round trip when they are all there. A
    fresh start (or an evicted key) never reuses an old version."""
    keys = list(keys)
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    fresh = time.time_ns() // 1000  # for a key no cache keeps (the dummy cache)
    if missing:
        for key in missing:
            cache.add(key, fresh, None)
        found.update(cache.get_many(missing))
    return {key: found.get(key, fresh) for key in keys}


def bump(municipalities: Iterable[int] | None = None) -> None:
    """Make out of date the pages that show everything, and the pages of these
    municipalities; with None, the pages of every municipality as well."""
    keys = [VERSION_KEY]
    if municipalities is None:
        keys.append(SHARED_KEY)
    else:
        keys.extend(MUNICIPALITY_KEY.format(pk) for pk in municipalities)
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # not in the cache (yet, or evicted)
            cache.set(key, time.time_ns() // 1000, None)


def stamp(current: int, municipalities: Iterable[int] | None) -> tuple | None:
    """What a page rendered at version ``current`` is stored with: the versions it
    depends on. None when the data changed while it rendered (store nothing then)."""
    if municipalities is None:
        return ((VERSION_KEY, current),)
    keys = [SHARED_KEY, *(MUNICIPALITY_KEY.format(pk) for pk in sorted(municipalities))]
    now = versions([VERSION_KEY, *keys])
    # Every change bumps VERSION_KEY: unchanged, the page saw the data of these.
    if now[VERSION_KEY] != current:
        return None
    return tuple((key, now[key]) for key in keys)


class Found(NamedTuple):
    current: int  # the version of the pages that show everything
    entry: Any  # what is stored under the variant, None if nothing
    holds: bool  # whether the entry is still current


def read(key: str, variant: str) -> Found:
    """The current version and what is stored under ``variant``. One round trip to
    the cache, also for a page of some municipalities once this process has stored
    or read it (see :func:`remember`)."""
    found = cache.get_many([VERSION_KEY, variant, *_stamp_keys.get(key, ())])
    current = found.get(VERSION_KEY)
    if current is None:
        return Found(version(), None, False)
    entry = found.get(variant)
    if entry is None:
        return Found(current, None, False)
    if not _holds(entry[0], current, found):
        return Found(current, entry, False)
    remember(key, entry[0])
    return Found(current, entry, True)


def _holds(stored: tuple, current: int, found: dict[str, Any]) -> bool:
    if stored[0][0] == VERSION_KEY:
        return stored[0][1] == current
    # A page of some municipalities: their versions, read now if not already.
    missing = [key for key, _version in stored if key not in found]
    if missing:
        found = {**found, **cache.get_many(missing)}
    return all(found.get(key) == version for key, version in stored)


# Per process: the version keys of the stored pages of some municipalities, to read
# with the page. Bounded; a page forgotten costs one more round trip.
_stamp_keys: dict[str, tuple[str, ...]] = {}
STAMP_KEYS_KEPT = 10_000


def remember(key: str, stored: tuple) -> None:
    """Keep which versions the page stored under ``key`` depends on."""
    if stored[0][0] == VERSION_KEY:
        return
    if len(_stamp_keys) >= STAMP_KEYS_KEPT and key not in _stamp_keys:
        _stamp_keys.clear()
    _stamp_keys[key] = tuple(name for name, _version in stored)


def shows_municipalities(request: HttpRequest, *municipalities: int | None) -> None:
    """Say that the page for this request shows the rows of these municipalities
    (and shared rows, such as target groups), of the neighbourhoods app only."""
    request.public_page_municipalities = {pk for pk in municipalities if pk}


def _row_municipalities(model, pk) -> set[int]:
    rows = model._base_manager.filter(pk=pk).values_list(
        *model.public_municipality_paths
    )
    return {value for row in rows for value in row if value is not None}


def _has_paths(model) -> bool:
    return model._meta.app_label == MUNICIPALITY_PAGES_SHOW and hasattr(
        model, "public_municipality_paths"
    )


def _scope(instance, deleted: bool = False) -> set[int] | None:
    """The municipalities whose pages a change of this row shows on (see above)."""
    model = type(instance)
    if model._meta.app_label != MUNICIPALITY_PAGES_SHOW:
        return set()
    if not _has_paths(model):
        return None
    # Where the row was before the change (a place that moved), and where it is now;
    # a deleted row is nowhere now (no query: a delete cascades over many rows).
    before = getattr(instance, "_public_municipalities_before", set())
    return before if deleted else before | _row_municipalities(model, instance.pk)


def _shown_publicly(instance) -> bool:
    """Whether a change of this row can show on a public page (see above)."""
    changes_public_pages = getattr(instance, "changes_public_pages", None)
    return changes_public_pages is None or changes_public_pages()


def _before_change(sender, instance, **kwargs) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    if _has_paths(sender):
        instance._public_municipalities_before = _row_municipalities(
            sender, instance.pk
        )


def _bump_now_and_at_commit(municipalities: set[int] | None) -> None:
    """Bump at the change, and again when its transaction commits: a request that
    read the data in between would otherwise store what it saw as current."""
    bump(municipalities)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: bump(municipalities))


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: the version is bumped by the next real save
        return
    if sender._meta.app_label in APPS and _shown_publicly(instance):
        deleted = kwargs.get("signal") is post_delete
        _bump_now_and_at_commit(_scope(instance, deleted))


def _m2m_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        if (
            sender._meta.app_label in APPS or kwargs["model"]._meta.app_label in APPS
        ) and _shown_publicly(instance):
            _bump_now_and_at_commit(_scope(instance))


def connect() -> None:
    """Connect the receivers (once; `dispatch_uid` keeps a second call harmless)."""
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        uid = f"public-pages-cache:{model._meta.label}"
        pre_save.connect(_before_change, sender=model, dispatch_uid=uid + ":before")
        pre_delete.connect(
            _before_change, sender=model, dispatch_uid=uid + ":before-delete"
        )
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-pages-cache:m2m")


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
    change: one request renders it again while the others get it as it was. With the
    time in the key, every request at a new minute rendered the live pages at once.
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
    of each rendering it too: under load, every worker rendered the same page after
    every save. A page that is gone (a 404 now) or no longer shared is dropped: nobody
    gets it as it was.

    A stored page is kept compressed too, as its own entry, and sent so to every
    browser that accepts gzip: a sixth of the bytes, to send and to read from the
    cache. Compressing is safe here (no BREACH) because these
    pages hold no secret: no token, nothing of a session.

    ``query`` names the parameters of the query string the page reads; only they
    make up its key (:func:`_page_key`). A page is stored only for a query as the
    portal writes it, with values its form accepts (:func:`_query_is_canonical`,
    :func:`_query_is_valid`, :func:`not_shared`): one visitor sending random query
    strings otherwise stored a page (plain and gzip) for each of them.
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
