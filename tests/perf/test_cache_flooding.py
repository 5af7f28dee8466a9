"""Random query strings do not fill the cache: a public page is stored only under
the parameters it reads, with values its form accepts (core.public_pages). Against
the machine's Redis (a database of its own), as in production."""

import random
import string
from http import HTTPStatus

import pytest
import redis
from django.test import Client

from testdata.neighbourhoods import FacilityFactory
from tests.public_pages import every_public_page

pytestmark = pytest.mark.django_db

REDIS_DB = 10
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
REQUESTS = 500


@pytest.fixture
def redis_db(settings):
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    }
    yield server
    server.flushdb()


def stored(server: redis.Redis) -> tuple[int, int]:
    """The number of keys in the database and the bytes they take (MEMORY USAGE)."""
    keys = list(server.scan_iter(count=1000))
    return len(keys), sum(server.memory_usage(key) or 0 for key in keys)


def word(rng: random.Random, length: int = 8) -> str:
    return "".join(rng.choices(string.ascii_lowercase + string.digits, k=length))


def random_query(rng: random.Random) -> str:
    """What a crawler or an attacker sends: unknown names, known names with values
    no form accepts, page numbers with leading zeros, repeated and padded values."""
    return rng.choice(
        [
            f"{word(rng)}={word(rng)}",
            f"utm_source={word(rng)}",
            f"gemeente={word(rng)}",
            f"q={word(rng, 12)}",
            f"page=0{rng.randint(1, 999)}",
            f"pagina={rng.randint(2, 10**6)}",
            f"nu_open={word(rng)}",
            f"soort={word(rng)}",
            f"jaar={rng.randint(1000, 9999)}",
            f"q=%20{word(rng)}",
            f"thema={word(rng)}&thema={word(rng)}",
        ]
    )


def flood(paths: list[str], seed: int = 18) -> dict[int, int]:
    rng = random.Random(seed)
    client = Client()
    statuses: dict[int, int] = {}
    for _ in range(REQUESTS):
        path = rng.choice(paths).split("?")[0]
        response = client.get(f"{path}?{random_query(rng)}")
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    return statuses


def test_random_query_strings_add_no_pages_to_the_cache(redis_db):
    paths = every_public_page()
    client = Client()
    for path in paths:  # every page once, as the portal links to it
        assert client.get(path).status_code == HTTPStatus.OK, path
    keys_before, bytes_before = stored(redis_db)

    statuses = flood(paths)

    keys_after, bytes_after = stored(redis_db)
    print(
        f"\n{REQUESTS} requests with random query strings ({statuses}): "
        f"{keys_after - keys_before} keys and {bytes_after - bytes_before} bytes "
        f"added to {keys_before} keys of {bytes_before} bytes"
    )
    assert all(status < HTTPStatus.INTERNAL_SERVER_ERROR for status in statuses)
    # At most the rendering turns of out-of-date pages: no page per query string.
    assert keys_after - keys_before <= 10
    assert bytes_after - bytes_before < 20_000


def test_a_page_asked_for_with_an_unknown_parameter_comes_from_the_cache(
    redis_db, django_assert_num_queries
):
    place = FacilityFactory(name="Buurthuis De Schakel")
    url = f"/plekken/?gemeente={place.municipality.slug}"
    client = Client()
    client.get(url)
    keys, _bytes = stored(redis_db)

    with django_assert_num_queries(0):
        tracked = client.get(f"{url}&utm_source=nieuwsbrief&fbclid=abc")

    assert "Buurthuis De Schakel" in tracked.content.decode()
    assert stored(redis_db)[0] == keys


def test_a_value_no_form_accepts_is_rendered_but_not_stored(redis_db):
    FacilityFactory(name="Buurthuis De Schakel")
    client = Client()
    client.get("/plekken/")
    keys, _bytes = stored(redis_db)

    for query in ("gemeente=bestaat-niet", "nu_open=ja-graag", "page=01", "q=zzqx"):
        response = client.get(f"/plekken/?{query}")
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), query

    assert stored(redis_db)[0] == keys
