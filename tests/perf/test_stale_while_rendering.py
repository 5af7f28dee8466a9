"""After a change one request renders a page again; the others meanwhile get the page
as it was, instead of every worker rendering the same page at once."""

import pytest
from django.core.cache import cache
from django.utils import translation

from neighbourhoods.cache import _page_key
from tests.neighbourhoods.factories import NeighbourhoodFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_key(rf):
    with translation.override("nl"):
        return _page_key(rf.get("/"), live=False)


def test_who_comes_while_another_renders_gets_the_page_as_it_was(
    client, home_key, django_assert_num_queries
):
    wijk = NeighbourhoodFactory(name="Vathorst")
    client.get("/")
    wijk.name = "Vathorst-Noord"
    wijk.save()
    # Another request took the turn to render the changed page, and is at it.
    assert cache.add(f"{home_key}:rendering", True)

    with django_assert_num_queries(0):
        meanwhile = client.get("/").content.decode()
    assert "Vathorst<" in meanwhile and "Vathorst-Noord" not in meanwhile

    cache.delete(f"{home_key}:rendering")  # it stored the new page: see the next
    assert "Vathorst-Noord" in client.get("/").content.decode()


def test_the_request_that_renders_gives_the_turn_back(client, home_key):
    wijk = NeighbourhoodFactory(name="Vathorst")
    client.get("/")
    wijk.name = "Vathorst-Noord"
    wijk.save()

    assert "Vathorst-Noord" in client.get("/").content.decode()

    assert cache.get(f"{home_key}:rendering") is None
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
    with translation.override("nl"):
        key = _page_key(rf.get(url), live=False)
    assert cache.add(f"{key}:rendering", True)
    assert client.get(url).status_code == 404
