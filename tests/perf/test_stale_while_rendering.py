"""After a change one request renders a page again; the others meanwhile get the page
as it was, instead of every worker rendering the same page at once."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.public_pages import _page_key
from testdata.neighbourhoods import (
    FacilityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def turn(rf, url: str) -> str:
    """The cache key a request adds to take the turn to render the page at url."""
    with translation.override("nl"):
        return f"{_page_key(rf.get(url))}:rendering"


def test_who_comes_while_another_renders_gets_the_page_as_it_was(
    client, rf, django_assert_num_queries
):
    wijk = NeighbourhoodFactory(name="Vathorst")
    client.get("/")
    wijk.name = "Vathorst-Noord"
    wijk.save()
    # Another request took the turn to render the changed page, and is at it.
    assert cache.add(turn(rf, "/"), True)

    with django_assert_num_queries(0):
        meanwhile = client.get("/").content.decode()
    assert "Vathorst<" in meanwhile and "Vathorst-Noord" not in meanwhile

    cache.delete(turn(rf, "/"))  # it stored the new page: see the next
    assert "Vathorst-Noord" in client.get("/").content.decode()


def test_the_request_that_renders_gives_the_turn_back(client, rf):
    wijk = NeighbourhoodFactory(name="Vathorst")
    client.get("/")
    wijk.name = "Vathorst-Noord"
    wijk.save()

    assert "Vathorst-Noord" in client.get("/").content.decode()

    assert cache.get(turn(rf, "/")) is None
    wijk.name = "Vathorst-Zuid"
    wijk.save()
    assert "Vathorst-Zuid" in client.get("/").content.decode()


def test_a_page_that_is_gone_is_not_given_as_it_was(client, rf):
    organisation = OrganisationFactory(name="Stichting De Brug")
    url = organisation.get_absolute_url()
    assert "Stichting De Brug" in client.get(url).content.decode()
    organisation.delete()

    assert client.get(url).status_code == 404
    # Even while another request would be rendering it.
    assert cache.add(turn(rf, url), True)
    assert client.get(url).status_code == 404


def test_at_a_new_minute_one_request_renders_a_live_page_again(
    client, rf, django_assert_num_queries
):
    # /plekken/ says what is open now: it holds for its minute. At the next, the
    # first request renders it; who comes meanwhile gets the page of a moment ago.
    FacilityFactory(name="Buurthuis De Schakel")
    with time_machine.travel("2026-12-07 10:00:30+01:00", tick=False):
        client.get("/plekken/")
        with django_assert_num_queries(0):
            client.get("/plekken/")

    with time_machine.travel("2026-12-07 10:01:05+01:00", tick=False):
        assert cache.add(turn(rf, "/plekken/"), True)  # another is rendering
        with django_assert_num_queries(0):
            meanwhile = client.get("/plekken/")
        assert "Buurthuis De Schakel" in meanwhile.content.decode()

        cache.delete(turn(rf, "/plekken/"))
        with CaptureQueriesContext(connection) as renewed:
            client.get("/plekken/")
        assert len(renewed) > 0
        with django_assert_num_queries(0):
            client.get("/plekken/")


def test_a_page_of_the_day_is_rendered_again_the_next_day(
    client, django_assert_num_queries
):
    NeighbourhoodFactory(name="Vathorst")
    with time_machine.travel("2026-12-07 23:59:00+01:00", tick=False):
        client.get("/")
    with time_machine.travel("2026-12-07 23:59:59+01:00", tick=False):
        with django_assert_num_queries(0):
            client.get("/")

    with time_machine.travel("2026-12-08 00:00:01+01:00", tick=False):
        with CaptureQueriesContext(connection) as next_day:
            client.get("/")
    assert len(next_day) > 0
