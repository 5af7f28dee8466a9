"""The wijk filter at country scale: it accepts every wijk, but lists only those of
the chosen municipality, or all of them while there are few enough."""

import re
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from neighbourhoods.filters import NeighbourhoodChoiceField
from testdata.neighbourhoods import (
    FacilityFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["/plekken/", "/activiteiten/", "/organisaties/"]
HINT = "Kies eerst een gemeente; dan staan hier haar wijken."


@pytest.fixture
def country():
    amersfoort = MunicipalityFactory(name="Amersfoort", slug="amersfoort")
    almere = MunicipalityFactory(name="Almere", slug="almere")
    NeighbourhoodFactory(municipality=amersfoort, name="Vathorst", slug="vathorst")
    NeighbourhoodFactory(municipality=amersfoort, name="Hoogland", slug="hoogland")
    haven = NeighbourhoodFactory(municipality=almere, name="Haven", slug="haven")
    FacilityFactory(name="Buurthuis Haven", municipality=almere, neighbourhood=haven)
    return {"amersfoort": amersfoort, "almere": almere}


def wijk_select(response) -> str:
    html = response.content.decode()
    return re.search(r'<select[^>]*name="wijk".*?</select>', html, re.S).group(0)


def wijk_options(response) -> list[str]:
    return re.findall(r'<option value="([^"]*)"', wijk_select(response))


@pytest.mark.parametrize("url", LISTS)
def test_few_wijken_are_all_listed_without_a_hint(client, country, url):
    response = client.get(url)

    assert wijk_options(response) == ["", "haven", "hoogland", "vathorst"]
    assertNotContains(response, HINT)
    assert "aria-describedby" not in wijk_select(response)


@pytest.mark.parametrize("url", LISTS)
def test_beyond_the_limit_the_select_offers_only_all_and_a_hint(
    client, country, url, monkeypatch
):
    monkeypatch.setattr(NeighbourhoodChoiceField, "limit", 2)

    response = client.get(url)

    assert wijk_options(response) == [""]
    assert 'aria-describedby="id_wijk-hint"' in wijk_select(response)
    assertContains(
        response,
        f'<p class="utrecht-form-field-description portal-filters__hint" '
        f'id="id_wijk-hint">{HINT}</p>',
        html=True,
    )


@pytest.mark.parametrize("url", LISTS)
def test_a_chosen_municipality_lists_only_its_wijken(client, country, url, monkeypatch):
    monkeypatch.setattr(NeighbourhoodChoiceField, "limit", 2)

    response = client.get(url, {"gemeente": "amersfoort"})

    assert wijk_options(response) == ["", "hoogland", "vathorst"]
    assertNotContains(response, HINT)


def test_a_chosen_wijk_lists_its_municipality_and_still_filters(
    client, country, monkeypatch
):
    monkeypatch.setattr(NeighbourhoodChoiceField, "limit", 2)

    response = client.get("/plekken/", {"wijk": "haven"})

    assert wijk_options(response) == ["", "haven"]
    assert '<option value="haven" selected>' in wijk_select(response)
    assert [f.name for f in response.context["facilities"]] == ["Buurthuis Haven"]


def test_a_wijk_outside_the_chosen_municipality_stays_selected(
    client, country, monkeypatch
):
    monkeypatch.setattr(NeighbourhoodChoiceField, "limit", 2)

    response = client.get("/plekken/", {"gemeente": "amersfoort", "wijk": "haven"})

    assert wijk_options(response) == ["", "haven", "hoogland", "vathorst"]
    assert '<option value="haven" selected>' in wijk_select(response)


def test_an_unknown_wijk_is_reported_and_the_limit_still_applies(
    client, country, monkeypatch
):
    monkeypatch.setattr(NeighbourhoodChoiceField, "limit", 2)

    response = client.get("/plekken/", {"wijk": "bestaat-niet"})

    assert response.status_code == HTTPStatus.OK
    assert wijk_options(response) == [""]
    select = wijk_select(response)
    assert 'aria-invalid="true"' in select
    assert 'aria-describedby="id_wijk-error id_wijk-hint"' in select


def choice_queries(client, url: str) -> list[str]:
    """The queries for the wijk options of the page, rendered (not from the cache:
    a municipality's list is kept while another municipality gets new wijken)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return [
        query["sql"]
        for query in captured
        if query["sql"].startswith('SELECT "neighbourhoods_neighbourhood"."id"')
    ]


@pytest.mark.parametrize(
    "url", ["/plekken/", "/plekken/?gemeente=amersfoort", "/organisaties/"]
)
def test_the_wijk_options_cost_one_query_however_many_wijken(
    client, country, url, monkeypatch
):
    monkeypatch.setattr(NeighbourhoodChoiceField, "limit", 5)
    small = choice_queries(client, url)
    for n in range(10):
        NeighbourhoodFactory(municipality=country["almere"], name=f"Nieuw {n}")

    large = choice_queries(client, url)

    assert len(small) == len(large) == 1
    with_limit = client.get(url)
    if "gemeente" in url:
        assert wijk_options(with_limit) == ["", "hoogland", "vathorst"]
    else:
        assert wijk_options(with_limit) == [""]
