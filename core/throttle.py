"""Counting requests per key in the cache, for limits such as password-reset requests.

A limit here is a brake on abuse, not a lock: when the cache fails the request goes
through (logged), so a cache outage never turns a form into an error page.
"""

import logging

from django.core.cache import cache
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)


def throttle_key(scope: str, value: str) -> str:
    """A cache key for ``value`` (an address, an e-mail address) that does not show it."""
    digest = salted_hmac("core.throttle", value.strip().lower()).hexdigest()
    return f"throttle:{scope}:{digest}"


def count_request(key: str, *, window: int) -> int | None:
    """Count one request under ``key``; the count in the ``window`` (seconds) that
    started with the first request, or None when the cache cannot count."""
    try:
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:
            # The window ended between add() and incr().
            cache.set(key, 1, timeout=window)
            return 1
    except Exception:
        logger.warning("The cache cannot count requests for %s", key, exc_info=True)
        return None


def over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count this request and say whether it is one too many within the window."""
    count = count_request(key, window=window)
    return count is not None and count > limit
