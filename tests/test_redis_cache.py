"""The Redis cache backend (core/redis_cache.py) against the machine's Redis."""

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from core.redis_cache import RedisCache

REDIS = "redis://127.0.0.1:6379/9"


@pytest.fixture
def cache():
    backend = RedisCache(REDIS, {"KEY_PREFIX": "test-redis-cache"})
    yield backend
    backend.clear()


def test_one_client_serves_every_call(cache):
    first = cache._cache.get_client("a")
    again = cache._cache.get_client("b", write=True)

    assert first is again
    # Django's own backend makes a new one each time: the reason for this one.
    django = DjangoRedisCache(REDIS, {})
    assert django._cache.get_client("a") is not django._cache.get_client("a")


def test_values_round_trip_and_expire(cache):
    cache.set("versie", 41, None)
    cache.incr("versie")
    cache.set("pagina", {"inhoud": "<h1>Wijken</h1>"}, 300)

    assert cache.get("versie") == 42
    assert cache.get("pagina") == {"inhoud": "<h1>Wijken</h1>"}
    assert cache.get_many(["versie", "ontbreekt"]) == {"versie": 42}
    cache.set("kort", 1, 0)
    assert cache.get("kort") is None
