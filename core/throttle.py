"""Counting requests per key in the cache, for limits such as password-reset requests.

A limit here is a brake on abuse, not a lock: when the cache fails it answers as an
empty cache (core.redis_cache, which logs it), so every request counts as the first
and goes through; a cache outage never turns a form into an error page.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def throttle_key(scope: str, value: str) -> str:
    """A cache key for ``value`` (an address, an e-mail address) that does not show it."""
    digest = salted_hmac("core.throttle", value.strip().lower()).hexdigest()
    return f"throttle:{scope}:{digest}"


def count_request(key: str, *, window: int) -> int:
    """Count one request under ``key``; the count in the ``window`` (seconds) that
    started with the first request."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:
        # The window ended between add() and incr(), or the cache keeps nothing.
        cache.set(key, 1, timeout=window)
        return 1


def over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count this request and say whether it is one too many within the window."""
    return count_request(key, window=window) > limit
