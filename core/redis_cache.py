"""Django's Redis cache backend, keeping one client per connection pool, and
answering as an empty cache while Redis fails.

``django.core.cache.backends.redis`` builds a new ``redis.Redis`` object for every
cache call, and building one (it rebuilds its table of response callbacks each time)
costs more than the round trip to Redis itself; a public page served from the cache
makes two calls (the data's version, then the page). A ``redis.Redis`` object is safe
to share: it takes a connection from its pool for every command.

The cache is an optimisation: when Redis does not answer (stopped, unreachable, out
of memory), every call answers as an empty cache that stores nothing, so pages
render uncached and a save that makes cached pages out of date still succeeds.
Every caller of the cache (``{% cache %}``, the public pages, the open-data files)
gets this from the one backend, none needs its own ``try``. The failure is logged at
most once per LOG_INTERVAL seconds per process, not for each of the thousands of
calls a minute.

A change saved while Redis failed cannot make out of date the pages Redis stored
before; should Redis come back with them, they expire within the public pages'
timeout (core.public_pages.TIMEOUT, five minutes), as after a write that bypasses
the signals.
"""

import logging
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache.backends import redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds between two log lines about the same failing Redis (per process).
LOG_INTERVAL = 60

_last_logged = float("-inf")
_log_lock = threading.Lock()


def _log_failure(error: RedisError) -> None:
    global _last_logged
    with _log_lock:
        now = time.time()
        if now - _last_logged < LOG_INTERVAL:
            return
        _last_logged = now
    logger.error(
        "De cache (Redis) antwoordt niet, pagina's worden zonder cache opgebouwd: %s",
        error,
    )


def _as_empty_cache(answer: Callable[..., Any]) -> Callable:
    """Call the method; when Redis fails, log it and return ``answer(*args)``, what
    an empty cache that keeps nothing would answer."""

    def decorate(method: Callable) -> Callable:
        @wraps(method)
        def degrading(self, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                _log_failure(error)
                return answer(*args, **kwargs)

        return degrading

    return decorate


def _not_found(key: str, delta: int) -> int:
    raise ValueError(f"Key {key!r} not found.")  # Django's answer for a missing key


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _as_empty_cache(lambda key, value, timeout: False)(redis.RedisCacheClient.add)
    get = _as_empty_cache(lambda key, default: default)(redis.RedisCacheClient.get)
    set = _as_empty_cache(lambda key, value, timeout: None)(redis.RedisCacheClient.set)
    touch = _as_empty_cache(lambda key, timeout: False)(redis.RedisCacheClient.touch)
    delete = _as_empty_cache(lambda key: False)(redis.RedisCacheClient.delete)
    get_many = _as_empty_cache(lambda keys: {})(redis.RedisCacheClient.get_many)
    has_key = _as_empty_cache(lambda key: False)(redis.RedisCacheClient.has_key)
    incr = _as_empty_cache(_not_found)(redis.RedisCacheClient.incr)
    set_many = _as_empty_cache(lambda data, timeout: None)(
        redis.RedisCacheClient.set_many
    )
    delete_many = _as_empty_cache(lambda keys: None)(redis.RedisCacheClient.delete_many)
    clear = _as_empty_cache(lambda: False)(redis.RedisCacheClient.clear)


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
