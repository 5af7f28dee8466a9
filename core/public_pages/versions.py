"""The versions of the public pages' data, bumped by every change of a registered app.

A page is stored with the versions it depends on and served only while they are
current. A row that no public page shows says so with ``changes_public_pages()``
returning False, so that work saved often in the portal keeps the pages cached. A
model of the app registered with ``municipality_pages=True`` names the municipalities
its rows show under with ``public_municipality_paths``: a change of such a row makes
out of date only the pages of those municipalities (:func:`shows_municipalities`);
a row without them (a target group, a municipality itself) makes every page out of
date. Writes that bypass signals (``QuerySet.update()``, raw SQL, COPY) are covered
by the timeout. With the local memory cache each process has its own versions.
"""

import time
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from django.apps import AppConfig
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.http import HttpRequest

# Bumped by every change: the version of the pages that show everything.
VERSION_KEY = "public-pages:version"
# Bumped by a change of no municipality in particular (or of all of them).
SHARED_KEY = "public-pages:version:shared"
# Bumped by a change of that municipality's rows.
MUNICIPALITY_KEY = "public-pages:version:municipality:{}"
# How long a cached page or file lives at most (seconds).
TIMEOUT = 300

# The apps whose data the public pages show, and among them the apps whose rows
# the pages of one municipality show; filled by register() from AppConfig.ready().
_apps: set[str] = set()
_municipality_apps: set[str] = set()


def register(app_config: AppConfig, *, municipality_pages: bool = False) -> None:
    """Make every save and delete of this app's models bump the versions of the
    public pages. With ``municipality_pages``, the pages of one municipality show
    this app's rows: a change of them makes those pages out of date too."""
    _apps.add(app_config.label)
    if municipality_pages:
        _municipality_apps.add(app_config.label)
    for model in app_config.get_models():
        uid = f"public-pages-cache:{model._meta.label}"
        pre_save.connect(_before_change, sender=model, dispatch_uid=uid + ":before")
        pre_delete.connect(
            _before_change, sender=model, dispatch_uid=uid + ":before-delete"
        )
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="public-pages-cache:m2m")


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
    return model._meta.app_label in _municipality_apps and hasattr(
        model, "public_municipality_paths"
    )


def _scope(instance, deleted: bool = False) -> set[int] | None:
    """The municipalities whose pages a change of this row shows on (see above)."""
    model = type(instance)
    if model._meta.app_label not in _municipality_apps:
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
    if sender._meta.app_label in _apps and _shown_publicly(instance):
        deleted = kwargs.get("signal") is post_delete
        _bump_now_and_at_commit(_scope(instance, deleted))


def _m2m_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        if (
            sender._meta.app_label in _apps or kwargs["model"]._meta.app_label in _apps
        ) and _shown_publicly(instance):
            _bump_now_and_at_commit(_scope(instance))


def kept(name: str, compute: Callable[[], Any]) -> Any:
    """What ``compute`` returns, computed once per version of the data and shared by
    every process for at most TIMEOUT seconds: the part of a page that is the same
    for everyone (a place with all it prefetches), also for visitors with a session,
    whom :func:`public_page` does not serve from the cache."""
    key = f"public:{name}:{version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
