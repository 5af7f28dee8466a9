"""The one cache of the public pages and files: pages served to visitors without a
session (:func:`public_page`), stored with the versions of the data they show, which
every change of a registered app bumps (:func:`register`, called from the apps'
``AppConfig.ready()``)."""

from .pages import (
    ACCEPTS_GZIP,
    COMPRESS_FROM,
    COMPRESS_LEVEL,
    PAGE_FORMAT,
    RENDERING_TIMEOUT,
    _page_key,  # noqa: F401 (the tests key a page as the decorator does)
    accepts_gzip,
    not_shared,
    public_file,
    public_page,
)
from .versions import (
    MUNICIPALITY_KEY,
    SHARED_KEY,
    TIMEOUT,
    VERSION_KEY,
    Found,
    bump,
    kept,
    read,
    register,
    remember,
    shows_municipalities,
    stamp,
    version,
    versions,
)

__all__ = [
    "ACCEPTS_GZIP",
    "COMPRESS_FROM",
    "COMPRESS_LEVEL",
    "MUNICIPALITY_KEY",
    "PAGE_FORMAT",
    "RENDERING_TIMEOUT",
    "SHARED_KEY",
    "TIMEOUT",
    "VERSION_KEY",
    "Found",
    "bump",
    "kept",
    "accepts_gzip",
    "not_shared",
    "public_file",
    "public_page",
    "read",
    "register",
    "remember",
    "shows_municipalities",
    "stamp",
    "version",
    "versions",
]
