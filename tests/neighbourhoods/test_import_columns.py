"""Spreadsheet columns: Dutch headers (English read too), several values per cell
split on `,` or `;`, and an unknown value refused under its row and column."""

from http import HTTPStatus

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from neighbourhoods.models import Facility
from neighbourhoods.resources import FacilityResource
from testdata.neighbourhoods import (
    FacilityFunctionFactory,
    MunicipalityFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:neighbourhoods_facility_import")
CSV = "0"


@pytest.fixture
def vocabulary():
    FacilityFunctionFactory(name="Ontmoeting", slug="ontmoeting")
    FacilityFunctionFactory(name="Activiteiten", slug="activiteiten")
    TargetGroupFactory(name="Senioren", slug="senioren")
    TargetGroupFactory(name="Mantelzorgers", slug="mantelzorgers")
    return MunicipalityFactory(cbs_code="GM0034")


def facility_file(functions: str, target_groups: str, *, english: bool = False):
    headers = (
        ["slug", "name", "kind", "municipality", "functions", "target_groups"]
        if english
        else ["Slug", "Naam", "Soort", "Gemeente", "Functies", "Doelgroepen"]
    )
    row = ["de-kroon", "De Kroon", "buurthuis", "GM0034", functions, target_groups]
    return tablib.Dataset(row, headers=headers)


def upload(client, dataset: tablib.Dataset):
    return client.post(
        IMPORT_URL,
        {
            "format": CSV,
            "import_file": SimpleUploadedFile(
                "plekken.csv", dataset.csv.encode(), content_type="text/csv"
            ),
        },
        follow=True,
    )


@pytest.mark.parametrize(
    "functions", ["ontmoeting; activiteiten", "ontmoeting,activiteiten"]
)
def test_several_values_in_a_cell_split_on_comma_or_semicolon(vocabulary, functions):
    result = FacilityResource().import_data(
        facility_file(functions, "senioren ; mantelzorgers")
    )

    assert not result.has_errors() and not result.has_validation_errors()
    place = Facility.objects.get(slug="de-kroon")
    assert sorted(place.functions.values_list("slug", flat=True)) == [
        "activiteiten",
        "ontmoeting",
    ]
    assert place.target_groups.count() == 2


def test_english_headers_are_read_too(vocabulary):
    result = FacilityResource().import_data(
        facility_file("ontmoeting", "senioren", english=True)
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert Facility.objects.get(slug="de-kroon").functions.count() == 1


def test_an_unknown_value_refuses_the_file_naming_row_column_and_the_value_meant(
    admin_client, vocabulary
):
    response = upload(admin_client, facility_file("ontmoeting", "senioran"))

    assert response.status_code == HTTPStatus.OK
    assert "confirm_form" not in response.context
    (invalid,) = response.context["result"].invalid_rows
    assert invalid.number == 1  # line 2 of the file, under the header
    assert invalid.field_specific_errors == {
        "Doelgroepen": ["onbekende waarde ‘senioran’; bedoelt u ‘senioren’?"]
    }
    content = response.content.decode()
    assert "Doelgroepen" in content and escape("bedoelt u ‘senioren’?") in content
    assert not Facility.objects.exists()


def test_an_unknown_value_with_nothing_close_is_named_alone(vocabulary):
    result = FacilityResource().import_data(facility_file("xyz", ""), dry_run=True)

    (invalid,) = result.invalid_rows
    assert "onbekende waarde ‘xyz’" in str(invalid.error_dict)
    assert "bedoelt u" not in str(invalid.error_dict)


def test_export_and_import_page_head_columns_in_dutch(admin_client, vocabulary):
    headers = FacilityResource().export().headers

    assert headers[:4] == ["Slug", "Naam", "Soort", "Gemeente"]
    assert {"Functies", "Doelgroepen", "Thema's", "Eigenaar", "Beheerder"} <= set(
        headers
    )
    page = admin_client.get(IMPORT_URL).content.decode()
    assert "Doelgroepen" in page and "target_groups" not in page
