"""Spreadsheet exports escape cells that start with = + - @ (formula injection)."""

import csv
import io

import pytest
import tablib
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from import_export.admin import ExportMixin
from import_export.formats import base_formats

from core import exports
from core.exports import escape_cell
from testdata.neighbourhoods import OrganisationFactory
from testdata.policy import GrantFactory

DANGEROUS = [
    '=HYPERLINK("https://kwaad.example","klik")',
    "+31 6 1234 cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def is_formula(cell: str) -> bool:
    return (
        isinstance(cell, str)
        and cell.startswith(exports.FORMULA_START)
        and not exports.PLAIN_NUMBER.fullmatch(cell)
    )


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_text_is_escaped(value):
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["-12", "-12,50", "+31", "1e5", "Buurthuis", "", 5, None]
)
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert escape_cell(value) == value


@pytest.mark.parametrize("fmt", [exports.CSV, exports.TSV, exports.XLSX, exports.ODS])
def test_admin_spreadsheet_formats_escape_every_cell(fmt):
    dataset = tablib.Dataset(headers=["naam", "=kop"])
    for value in DANGEROUS:
        dataset.append([value, "-3"])

    exported = fmt().export_data(dataset)
    back = fmt().create_dataset(exported)

    assert back.headers == ["naam", "'=kop"]
    assert len(back) == len(DANGEROUS)
    for row in back:
        assert not is_formula(str(row[0]))
        assert str(row[1]) in {"-3", "-3.0"}


def test_every_admin_export_uses_the_escaping_formats():
    safe = {exports.CSV, exports.TSV, exports.XLSX, exports.ODS, base_formats.JSON}
    checked = 0
    for model_admin in admin.site._registry.values():
        if isinstance(model_admin, ExportMixin):
            assert set(model_admin.get_export_formats()) <= safe, model_admin
            checked += 1
    assert checked > 0


@pytest.mark.django_db
def test_the_admin_export_of_organisations_is_escaped(admin_client):
    OrganisationFactory(name='=HYPERLINK("https://kwaad.example","klik")')
    url = reverse("admin:neighbourhoods_organisation_export")
    form = admin_client.get(url).context["form"]
    csv_choice = next(
        value for value, label in form.fields["format"].choices if label == "csv"
    )
    data = {"resource": "0", "format": csv_choice}
    data.update(
        {
            name: "on"
            for name, field in form.fields.items()
            if name.startswith("organisationresource_")
        }
    )

    response = admin_client.post(url, data)

    assert response["Content-Type"].startswith("text/csv"), response.content[:300]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("https://kwaad.example","klik")' in cells
    assert not any(is_formula(cell) for cell in cells)


@pytest.mark.django_db
def test_the_public_subsidy_register_csv_is_escaped():
    GrantFactory(granted=True, purpose="=cmd|' /C calc'!A0")

    response = Client().get(reverse("policy:subsidy-register-csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]

    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(is_formula(cell) for cell in cells)
