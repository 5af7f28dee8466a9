"""The public site stays up when its cache does not: with CACHE_URL pointing at a
Redis where nothing listens, every page renders uncached, saves succeed and the
failure is logged once a minute, not per request (core/redis_cache.py)."""

import logging
from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core import redis_cache
from neighbourhoods.models import Neighbourhood, Theme
from testdata.neighbourhoods import NeighbourhoodFactory
from tests.public_pages import every_public_page

pytestmark = pytest.mark.django_db

# A port where nothing listens: every connection is refused.
CLOSED_PORT = "redis://127.0.0.1:6390/0"
LOGGER = "core.redis_cache"


def stop_the_cache(settings, monkeypatch) -> None:
    # The once-a-minute clock starts fresh: an earlier test may have logged.
    monkeypatch.setattr(redis_cache, "_last_logged", float("-inf"))
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


def failures_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def test_every_public_page_renders_uncached_and_the_failure_is_logged_once(
    client, settings, monkeypatch, caplog
):
    paths = every_public_page()
    stop_the_cache(settings, monkeypatch)

    with caplog.at_level(logging.ERROR, logger=LOGGER):
        for _round in range(2):
            for path in paths:
                response = client.get(path, headers={"accept-encoding": "gzip"})
                assert response.status_code == HTTPStatus.OK, path

    logged = failures_logged(caplog)
    assert len(logged) == 1
    assert "De cache (Redis) antwoordt niet" in logged[0]
    assert "6390" in logged[0]


def test_the_failure_is_logged_again_after_a_minute(
    client, settings, monkeypatch, caplog
):
    NeighbourhoodFactory(name="Vathorst")
    stop_the_cache(settings, monkeypatch)

    with caplog.at_level(logging.ERROR, logger=LOGGER):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            assert "Vathorst" in client.get("/wijken/").content.decode()
            clock.shift(timedelta(seconds=59))
            assert "Vathorst" in client.get("/wijken/").content.decode()
            assert len(failures_logged(caplog)) == 1
            clock.shift(timedelta(seconds=2))
            client.get("/wijken/")

    assert len(failures_logged(caplog)) == 2


def test_saves_portal_and_admin_work_while_redis_is_down(
    admin_client, client, settings, monkeypatch
):
    wijk = NeighbourhoodFactory(name="Vathorst")
    stop_the_cache(settings, monkeypatch)

    # A save and a delete make the cached pages out of date: the cache's
    # invalidation fails quietly, the change itself is kept.
    wijk.name = "Vathorst-Noord"
    wijk.save()
    assert Neighbourhood.objects.get(pk=wijk.pk).name == "Vathorst-Noord"
    assert "Vathorst-Noord" in client.get("/wijken/").content.decode()
    NeighbourhoodFactory(name="Kattenbroek").delete()

    # An official's save in the admin.
    saved = admin_client.post(
        reverse("admin:neighbourhoods_theme_add"),
        {"name": "Mantelzorg", "slug": "mantelzorg", "policy_field": "welzijn"},
    )
    assert saved.status_code == HTTPStatus.FOUND, saved.content.decode()[:2000]
    assert Theme.objects.filter(slug="mantelzorg").exists()

    assert client.get(reverse("advisories:portal-login")).status_code == HTTPStatus.OK
    assert admin_client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    changelist = reverse("admin:neighbourhoods_neighbourhood_changelist")
    assert "Vathorst-Noord" in admin_client.get(changelist).content.decode()
