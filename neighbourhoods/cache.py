"""The cache of the public pages: one version number, bumped by every change.

Public pages cache their heavy parts (template fragments with ``{% cache %}``, the
open-data files) under keys that include :func:`version`. Any save or delete of a
model of the three apps bumps it, so nothing stale is served after a change made
through the ORM (admin, imports, services). Writes that bypass signals
(``QuerySet.update()``, raw SQL, the benchmark's COPY) are covered by the timeout.

With Redis (``CACHE_URL``) the version is shared by every process; with the local
memory cache each process has its own, and the timeout bounds how long another
process may show what it rendered before a change.
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "public-pages:version"
# How long a cached fragment or file lives at most (seconds).
TIMEOUT = 300
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


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: the version is bumped by the next real save
        return
    if sender._meta.app_label in APPS:
        bump()


def _m2m_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        if sender._meta.app_label in APPS or kwargs["model"]._meta.app_label in APPS:
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
