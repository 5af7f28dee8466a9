"""Django's Redis cache backend, keeping one client per connection pool.

``django.core.cache.backends.redis`` builds a new ``redis.Redis`` object for every
cache call; with redis-py 8 that costs about 0.25 ms (it rebuilds its table of
response callbacks each time), more than the round trip to Redis itself. A public
page served from the cache makes two calls (the data's version, then the page), so
this doubled the cost of a cached page. A ``redis.Redis`` object is safe to share:
it takes a connection from its pool for every command.
"""

from django.core.cache.backends import redis


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


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
