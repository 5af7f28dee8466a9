"""/open-data/: HSDS-shaped CSV and JSON, valid GeoJSON, licence, conditional GET."""

import csv
import io
import json
import uuid
from datetime import time
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains

from neighbourhoods import open_data
from neighbourhoods.geojson import geometry_problem
from neighbourhoods.models import Weekday
from testdata.neighbourhoods import (
    ActivityFactory,
    ActivityScheduleFactory,
    FacilityFactory,
    NeighbourhoodFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

# The specification's own example tables, kept beside the project.
HSDS_CSV = (
    Path(settings.BASE_DIR).parent / "shared" / "data" / "hsds-3.0-examples" / "csv"
)
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.3, 52.1], [5.4, 52.1], [5.4, 52.2], [5.3, 52.2], [5.3, 52.1]]],
}


def download(client, dataset: str, file_format: str, **headers):
    url = reverse("neighbourhoods:open-data-download", args=[dataset, file_format])
    return client.get(url, headers=headers)


def hsds_columns(table: str) -> list[str]:
    with (HSDS_CSV / f"{table}.csv").open(encoding="utf-8") as file:
        return next(csv.reader(file))


def read_csv(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def data():
    wijk = NeighbourhoodFactory(name="Vathorst", cbs_code="WK030729", boundary=SQUARE)
    operator = OrganisationFactory(name="De Schoor", municipality=wijk.municipality)
    operator.neighbourhoods.add(wijk)
    place = FacilityFactory(
        name="Buurtkamer De Bron",
        municipality=wijk.municipality,
        neighbourhood=wijk,
        operator=operator,
        latitude=Decimal("52.150000"),
        longitude=Decimal("5.350000"),
        street="Dorpsstraat",
        house_number="1",
        postcode="3825 AA",
        city="Amersfoort",
        wheelchair_accessible=True,
    )
    place.target_groups.add(TargetGroupFactory(name="Senioren"))
    OpeningHoursFactory(
        facility=place, weekday=Weekday.MONDAY, opens=time(9), closes=time(17)
    )
    activity = ActivityFactory(
        title="Koffieochtend", organisation=operator, facility=place, free=True
    )
    ActivityScheduleFactory(
        activity=activity, weekday=Weekday.TUESDAY, starts_at=time(10), ends_at=time(12)
    )
    return {"wijk": wijk, "place": place, "operator": operator, "activity": activity}


def test_the_page_describes_datasets_fields_licence_and_hsds(client, data):
    response = client.get(reverse("neighbourhoods:open-data"))

    assertContains(response, "CC0 1.0")
    assertContains(response, "Human Services Data Specification (HSDS) 3.0")
    assertContains(response, "HSDS-tabel: <code>location</code>")
    assertContains(response, "<code>neighbourhood_cbs_code</code>")
    assertContains(response, 'href="/open-data/plekken.csv"')
    assertContains(response, 'href="/open-data/wijken.geojson"')
    assert 'href="/open-data/activiteiten.geojson"' not in response.content.decode()


def test_places_csv_parses_and_starts_with_hsds_location_columns(client, data):
    response = download(client, "plekken", "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="plekken.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    header = list(rows[0])
    hsds_location = set(hsds_columns("locations"))
    hsds_address = set(hsds_columns("addresses"))
    ours = [c for c in header if c in hsds_location or c in hsds_address]
    assert ours[:8] == [
        "id",
        "location_type",
        "url",
        "organization_id",
        "name",
        "description",
        "latitude",
        "longitude",
    ]
    assert {"address_1", "city", "postal_code", "country"} <= set(ours)
    row = rows[0]
    assert uuid.UUID(row["id"]).version == 5
    assert row["name"] == "Buurtkamer De Bron"
    assert row["address_1"] == "Dorpsstraat 1"
    assert row["schedule"] == "MO 09:00-17:00"
    assert row["target_groups"] == "Senioren"
    assert row["wheelchair_accessible"] == "true"
    assert row["neighbourhood_cbs_code"] == "WK030729"
    assert row["url"] == "http://testserver" + data["place"].get_absolute_url()


def test_ids_link_places_activities_and_organisations_across_files(client, data):
    places = read_csv(download(client, "plekken", "csv"))
    services = read_csv(download(client, "activiteiten", "csv"))
    organisations = read_csv(download(client, "organisaties", "csv"))

    operator = next(o for o in organisations if o["name"] == "De Schoor")
    assert places[0]["organization_id"] == operator["id"]
    service = next(s for s in services if s["name"] == "Koffieochtend")
    assert service["location_id"] == places[0]["id"]
    assert service["organization_id"] == operator["id"]
    assert service["schedule"] == "TU 10:00-12:00"
    assert service["amount"] == "0.0"
    assert service["currency"] == "EUR"
    # The same row keeps its id between downloads.
    assert read_csv(download(client, "plekken", "csv"))[0]["id"] == places[0]["id"]


def test_service_and_organization_columns_are_hsds_names_first(client, data):
    services = read_csv(download(client, "activiteiten", "csv"))
    organisations = read_csv(download(client, "organisaties", "csv"))

    hsds_service = hsds_columns("services")
    assert list(services[0])[:7] == [
        c for c in hsds_service if c in list(services[0])[:7]
    ]
    assert list(organisations[0])[:5] == [
        "id",
        "name",
        "description",
        "email",
        "website",
    ]
    assert set(list(organisations[0])[:7]) <= set(hsds_columns("organizations"))


def test_json_has_the_same_rows_as_the_csv(client, data):
    rows = json.loads(download(client, "activiteiten", "json").content)

    assert rows[0]["name"] == "Koffieochtend"
    assert rows[0]["amount"] == 0.0


def test_places_geojson_is_a_valid_feature_collection_of_points(client, data):
    FacilityFactory(latitude=None, longitude=None, name="Zonder plek")

    response = download(client, "plekken", "geojson")

    assert response["Content-Type"] == "application/geo+json"
    document = json.loads(response.content)
    assert document["type"] == "FeatureCollection"
    names = [feature["properties"]["name"] for feature in document["features"]]
    assert names == ["Buurtkamer De Bron"]
    feature = document["features"][0]
    assert feature["type"] == "Feature"
    # RFC 7946: longitude first.
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.35, 52.15]}


def test_neighbourhoods_geojson_has_valid_polygons(client, data):
    NeighbourhoodFactory(boundary=None)

    document = json.loads(download(client, "wijken", "geojson").content)

    assert [f["properties"]["cbs_code"] for f in document["features"]] == ["WK030729"]
    for feature in document["features"]:
        assert geometry_problem(feature["geometry"]) is None


def test_an_unchanged_file_is_not_sent_again(client, data):
    first = download(client, "plekken", "csv")
    assert first["ETag"]
    assert "max-age=3600" in first["Cache-Control"]

    again = download(client, "plekken", "csv", if_none_match=first["ETag"])
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""

    data["place"].name = "Buurtkamer De Nieuwe Bron"
    data["place"].save()
    changed = download(client, "plekken", "csv", if_none_match=first["ETag"])
    assert changed.status_code == HTTPStatus.OK
    assert changed["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    ("dataset", "file_format"),
    [("activiteiten", "geojson"), ("personen", "csv"), ("plekken", "xlsx")],
)
def test_unknown_dataset_or_format_is_not_found(client, dataset, file_format):
    response = download(client, dataset, file_format)

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_map_boundary_endpoint_returns_the_wijk_as_geojson(client, data):
    response = client.get(
        reverse("neighbourhoods:neighbourhood-boundary", args=[data["wijk"].slug])
    )

    document = response.json()
    assert document["features"][0]["geometry"] == SQUARE
    assert (
        document["features"][0]["properties"]["url"] == data["wijk"].get_absolute_url()
    )


# One municipality's files: ?gemeente=<slug>.


@pytest.fixture
def two_municipalities():
    eemmeer = FacilityFactory(name="Buurthuis Eemmeer", municipality__name="Eemmeer")
    OpeningHoursFactory(facility=eemmeer, weekday=Weekday.MONDAY)
    elders = FacilityFactory(name="Buurthuis Elders", municipality__name="Elders")
    OpeningHoursFactory(facility=elders, weekday=Weekday.TUESDAY)
    town = eemmeer.municipality
    # Active in a wijk of Eemmeer, registered elsewhere.
    visitor = OrganisationFactory(name="Reizende Vereniging")
    visitor.neighbourhoods.add(eemmeer.neighbourhood)
    ActivityFactory(title="Koffie in Eemmeer", facility=eemmeer)
    ActivityFactory(
        title="Wandelen vanuit Eemmeer",
        facility=None,
        organisation=OrganisationFactory(name="Wandelclub", municipality=town),
    )
    ActivityFactory(title="Koffie elders", facility=elders)
    return town


def scoped(client, dataset: str, file_format: str, slug: str):
    url = reverse("neighbourhoods:open-data-download", args=[dataset, file_format])
    return client.get(f"{url}?gemeente={slug}")


def test_places_of_one_municipality_only_with_their_own_hours(
    client, two_municipalities
):
    response = scoped(client, "plekken", "csv", two_municipalities.slug)

    rows = read_csv(response)
    assert [row["name"] for row in rows] == ["Buurthuis Eemmeer"]
    assert rows[0]["schedule"] == "MO 09:00-17:00"
    assert "plekken-" in response["Content-Disposition"]


def test_activities_of_one_municipality_include_those_without_a_place(
    client, two_municipalities
):
    rows = read_csv(scoped(client, "activiteiten", "csv", two_municipalities.slug))

    assert sorted(row["name"] for row in rows) == [
        "Koffie in Eemmeer",
        "Wandelen vanuit Eemmeer",
    ]


def test_organisations_of_one_municipality_include_those_active_in_its_wijken(
    client, two_municipalities
):
    rows = read_csv(scoped(client, "organisaties", "csv", two_municipalities.slug))
    names = {row["name"] for row in rows}

    assert {"Reizende Vereniging", "Wandelclub"} <= names
    assert all(
        row["municipality"] in ("Eemmeer", "") or row["name"] == "Reizende Vereniging"
        for row in rows
    )


def test_geojson_and_wijken_of_one_municipality(client, two_municipalities):
    points = json.loads(
        scoped(client, "plekken", "geojson", two_municipalities.slug).content
    )
    wijken = read_csv(scoped(client, "wijken", "csv", two_municipalities.slug))

    assert [f["properties"]["name"] for f in points["features"]] == [
        "Buurthuis Eemmeer"
    ]
    assert {row["municipality"] for row in wijken} == {"Eemmeer"}


def test_unknown_municipality_is_not_found(client, two_municipalities):
    response = scoped(client, "plekken", "csv", "bestaat-niet")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_one_municipality_file_takes_as_many_queries_as_the_whole(
    client, two_municipalities, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as whole:
        download(client, "plekken", "csv")
    with django_assert_max_num_queries(len(whole) + 1):  # + the municipality
        scoped(client, "plekken", "csv", two_municipalities.slug)


def test_the_page_offers_each_municipality_and_scoped_links(client, two_municipalities):
    page = client.get(
        reverse("neighbourhoods:open-data") + f"?gemeente={two_municipalities.slug}"
    )

    assertContains(page, ">Elders</option>")
    assertContains(page, f"plekken.csv?gemeente={two_municipalities.slug}")
    assertContains(page, "alleen de gegevens van Eemmeer")


def test_a_client_that_accepts_gzip_gets_the_file_compressed(client, data):
    import gzip

    plain = download(client, "plekken", "csv")
    compressed = download(client, "plekken", "csv", accept_encoding="gzip, br")

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)
    assert "Accept-Encoding" in compressed["Vary"]
    assert not plain.has_header("Content-Encoding")
    # Another representation, another ETag; each answers its own conditional GET.
    assert compressed["ETag"] != plain["ETag"]
    again = download(
        client,
        "plekken",
        "csv",
        accept_encoding="gzip",
        if_none_match=compressed["ETag"],
    )
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_a_repeated_municipality_download_runs_no_query(
    client, two_municipalities, django_assert_num_queries
):
    first = scoped(client, "plekken", "csv", two_municipalities.slug)

    with django_assert_num_queries(0):
        second = scoped(client, "plekken", "csv", two_municipalities.slug)

    assert second.content == first.content


@pytest.mark.parametrize("table,pk", [("location", 1), ("service", 123456789)])
def test_hsds_ids_are_the_uuid5_of_table_and_pk(table, pk):
    expected = uuid.uuid5(open_data.ID_NAMESPACE, f"{table}:{pk}")
    assert open_data.hsds_id(table, pk) == str(expected)
    assert open_data.hsds_id(table, None) == ""
