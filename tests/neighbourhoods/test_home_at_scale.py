"""Home and /wijken/ in a portal of many municipalities: first the municipality.

A portal of one municipality lists every wijk at once (tests/neighbourhoods/
test_public_pages.py); beyond views.NEIGHBOURHOODS_ON_ONE_PAGE wijken in all, the
country's 3,400 wijken would make a page of a megabyte.
"""

from http import HTTPStatus

import pytest
from django.urls import reverse

from neighbourhoods.views import neighbourhoods as views
from testdata.neighbourhoods import MunicipalityFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def country(monkeypatch):
    monkeypatch.setattr(views, "NEIGHBOURHOODS_ON_ONE_PAGE", 3)
    eemmeer = MunicipalityFactory(name="Eemmeer", slug="eemmeer")
    oudveen = MunicipalityFactory(name="Oudveen", slug="oudveen")
    for name in ("Centrum", "De Werven", "Haven"):
        NeighbourhoodFactory(name=name, municipality=eemmeer)
    NeighbourhoodFactory(name="Dorp", municipality=oudveen)
    return eemmeer


@pytest.mark.parametrize("url", ["/", "/wijken/"])
def test_many_wijken_list_the_municipalities_with_their_number_of_wijken(
    client, country, url
):
    html = client.get(url).content.decode()

    assert "Kies uw gemeente" in html
    assert 'href="/wijken/?gemeente=eemmeer">Eemmeer</a>' in html
    assert "3 wijken" in html and "1 wijk<" in html
    assert "De Werven" not in html


def test_the_index_is_one_query_however_many_municipalities(
    client, country, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):  # index, latest advice
        client.get("/")
    for number in range(20):
        NeighbourhoodFactory(
            municipality=MunicipalityFactory(name=f"Gemeente {number}")
        )
    with django_assert_max_num_queries(3):
        client.get("/")


def test_a_chosen_municipality_lists_its_own_wijken(client, country):
    page = client.get("/wijken/?gemeente=eemmeer")
    html = page.content.decode()

    assert "Wijken van Eemmeer" in html
    assert "De Werven" in html and "Haven" in html
    assert "Dorp" not in html
    assert [label for label, _url in page.context["breadcrumbs"]][-1] == "Eemmeer"


def test_each_municipality_is_cached_apart(client, country):
    client.get("/wijken/?gemeente=eemmeer")

    assert "Dorp" in client.get("/wijken/?gemeente=oudveen").content.decode()


def test_an_unknown_municipality_is_not_found(client, country):
    response = client.get("/wijken/?gemeente=bestaat-niet")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_portal_of_one_municipality_keeps_every_wijk_on_the_page(client):
    NeighbourhoodFactory(name="De Werven")

    html = client.get(reverse("neighbourhoods:home")).content.decode()

    assert "De Werven" in html
    assert "Kies uw gemeente" not in html
