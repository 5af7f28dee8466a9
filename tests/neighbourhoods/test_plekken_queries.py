"""What keeps /plekken/, a place's page and /zoeken/ cheap at country scale: a bounded
COUNT, the filter options in one query, names read with the place, serial search."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from neighbourhoods.models import Room
from neighbourhoods.views import FacilityListView, FilteredListMixin
from testdata.neighbourhoods import (
    FacilityFactory,
    FacilityFunctionFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def captured(client, url: str, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == HTTPStatus.OK
    return response, [query["sql"] for query in queries]


@pytest.fixture
def five_places():
    amersfoort = MunicipalityFactory(name="Amersfoort", slug="amersfoort")
    vathorst = NeighbourhoodFactory(municipality=amersfoort, slug="vathorst")
    return [
        FacilityFactory(
            name=f"Buurthuis {n}", municipality=amersfoort, neighbourhood=vathorst
        )
        for n in range(5)
    ]


@pytest.fixture
def small_pages(monkeypatch):
    """Two rows a page, and counting stops after three."""
    monkeypatch.setattr(FacilityListView, "paginate_by", 2)
    monkeypatch.setattr(FilteredListMixin.paginator_class, "count_limit", 3)


def test_the_count_stops_at_the_limit_and_says_more(client, five_places, small_pages):
    response, queries = captured(client, "/plekken/")

    counts = [sql for sql in queries if sql.startswith("SELECT COUNT(*)")]
    assert len(counts) == 1
    assert "LIMIT 4" in counts[0]
    assert "ORDER BY" not in counts[0]
    assertContains(response, "Meer dan 3 plekken gevonden")
    assertContains(response, "Pagina 1 van meer dan 1")
    assertContains(response, 'rel="next"')


def test_a_later_page_counts_as_far_as_it_needs(client, five_places, small_pages):
    response = client.get("/plekken/", {"page": 3})

    assert [f.name for f in response.context["facilities"]] == ["Buurthuis 4"]
    assertContains(response, "5 plekken gevonden")
    assertContains(response, "Pagina 3 van 3")
    assertNotContains(response, 'rel="next"')
    assert client.get("/plekken/", {"page": 4}).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("url", ["/plekken/", "/activiteiten/", "/organisaties/"])
def test_a_page_number_past_any_count_is_not_found(client, five_places, url):
    # Counting up to page 10**20 overflowed PostgreSQL's LIMIT: a 500 before.
    response = client.get(url, {"page": 10**20})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_below_the_limit_the_count_is_exact(client, five_places, small_pages):
    response = client.get("/plekken/", {"q": "Buurthuis 1"})

    assertContains(response, "1 plek gevonden")
    assertNotContains(response, "Meer dan")


@pytest.mark.parametrize("url", ["/activiteiten/", "/organisaties/"])
def test_the_other_lists_count_up_to_the_limit_too(client, url, monkeypatch):
    monkeypatch.setattr(FilteredListMixin.paginator_class, "count_limit", 3)

    _response, queries = captured(client, url)

    counts = [sql for sql in queries if sql.startswith("SELECT COUNT(*)")]
    assert len(counts) == 1
    assert "LIMIT 21" in counts[0]  # a page of 20 asks for one row more


def test_the_filter_options_come_in_one_query(client, five_places):
    FacilityFunctionFactory(name="Ontmoeting", slug="ontmoeting")
    TargetGroupFactory(name="Senioren", slug="senioren")
    ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    MunicipalityFactory(name="Almere", slug="almere")

    response, queries = captured(client, "/plekken/", gemeente="amersfoort")

    option_queries = [sql for sql in queries if "UNION ALL" in sql]
    assert len(option_queries) == 1
    for table in ("municipality", "facilityfunction", "targetgroup", "theme"):
        assert f'"neighbourhoods_{table}"."slug" AS' in option_queries[0]
        assert not any(
            sql.startswith(f'SELECT "neighbourhoods_{table}"."id"')
            and "WHERE" not in sql
            for sql in queries
        )
    html = response.content.decode()
    gemeente = re.search(r'<select[^>]*name="gemeente".*?</select>', html, re.S)
    assert gemeente.group(0).count("<option") == 3
    assert '<option value="amersfoort" selected>Amersfoort</option>' in html
    assert '<option value="almere">Almere</option>' in html
    assert '<option value="senioren">Senioren</option>' in html


def test_the_list_reads_hours_without_joining_the_places_again(client, five_places):
    OpeningHoursFactory(facility=five_places[0])

    _response, queries = captured(client, "/plekken/")

    hours = [sql for sql in queries if 'FROM "neighbourhoods_openinghours"' in sql]
    exceptions = [
        sql for sql in queries if 'FROM "neighbourhoods_openingexception"' in sql
    ]
    assert len(hours) == len(exceptions) == 1
    assert "JOIN" not in hours[0] + exceptions[0]


def test_a_place_reads_its_functions_groups_themes_and_rooms_with_itself(client):
    place = FacilityFactory(name="Wijkcentrum De Horizon")
    Room.objects.create(facility=place, name="Kleine zaal", capacity=12, area_m2=16)
    Room.objects.create(facility=place, name="Berging", is_bookable=False)
    place.functions.add(FacilityFunctionFactory(name="Ontmoeting"))
    place.target_groups.add(
        TargetGroupFactory(name="Senioren"), TargetGroupFactory(name="Jongeren")
    )
    place.themes.add(ThemeFactory(name="Mantelzorg"))

    response, queries = captured(client, place.get_absolute_url())

    assert not any(
        table in sql
        for sql in queries
        for table in (
            'FROM "neighbourhoods_facilityfunction"',
            'FROM "neighbourhoods_targetgroup"',
            'FROM "neighbourhoods_theme"',
        )
    )
    assertContains(
        response,
        '<dt class="portal-facts__key">Doelgroepen</dt>'
        '<dd class="portal-facts__value">Jongeren, Senioren</dd>',
    )
    assertContains(response, "Ontmoeting")
    assertContains(response, "Mantelzorg")
    assert [room["name"] for room in response.context["facility"].room_list] == [
        "Berging",
        "Kleine zaal",
    ]
    html = response.content.decode()
    assert '<span lang="nl">Berging</span>\n' in html
    assert (
        '<span lang="nl">Kleine zaal</span> · 12 personen · 16 m² · te reserveren'
        in html
    )


def test_search_runs_its_sources_without_parallel_workers(client):
    """The connection settings turn parallel workers off (welzijn/settings/base.py):
    PostgreSQL cannot estimate a full-text query's rows and would start them, which
    costs more than the query. No SET per request is needed."""
    FacilityFactory(name="Buurthuis De Kroon")

    response, queries = captured(client, "/zoeken/", q="buurthuis")

    assertContains(response, "Buurthuis De Kroon")
    assert not [sql for sql in queries if sql.startswith(("SET", "BEGIN"))]
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
