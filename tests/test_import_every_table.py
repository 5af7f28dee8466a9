"""Every table an official keeps has a spreadsheet import: per resource, a real round
trip (export, read the file back, nothing changes) and a file with one bad row that
is refused whole, naming its line."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import tablib
from django.db.models import Model
from django.urls import reverse
from django.utils.html import escape

from advisories.resources import AdviceRequestResource, MembershipResource
from core.spreadsheets import describe_import_errors
from neighbourhoods.resources import (
    BuurtResource,
    DistrictResource,
    MunicipalityResource,
    NeighbourhoodResource,
    NeighbourhoodTeamResource,
    OpeningHoursResource,
    PopulationResource,
    TargetGroupResource,
    ThemeResource,
)
from testdata.advisories import AdviceRequestFactory, MembershipFactory
from testdata.neighbourhoods import (
    BuurtFactory,
    DistrictFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    NeighbourhoodTeamFactory,
    OpeningHoursFactory,
    PopulationFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def two(factory) -> Callable[[], object]:
    return lambda: factory.create_batch(2)


def _themes() -> None:
    first, second = ThemeFactory.create_batch(2)
    first.related_themes.add(second)


def _teams() -> None:
    for team in NeighbourhoodTeamFactory.create_batch(2):
        team.neighbourhoods.add(
            NeighbourhoodFactory(municipality=team.municipality),
            NeighbourhoodFactory(municipality=team.municipality),
        )


def _populations() -> None:
    wijk = NeighbourhoodFactory()
    PopulationFactory(municipality=wijk.municipality, year=2024)
    PopulationFactory(municipality=wijk.municipality, neighbourhood=wijk, year=2024)


@dataclass(frozen=True)
class Table:
    resource: type
    rows: Callable[[], object]
    # A column (as the code names it) and a value that cannot be stored there.
    column: str
    bad_value: str

    def __str__(self) -> str:
        return self.resource.__name__


TABLES = [
    Table(MunicipalityResource, two(MunicipalityFactory), "name", ""),
    Table(DistrictResource, two(DistrictFactory), "municipality", "GM9999"),
    Table(NeighbourhoodResource, two(NeighbourhoodFactory), "cbs_year", "veel"),
    Table(BuurtResource, two(BuurtFactory), "name", ""),
    Table(PopulationResource, _populations, "inhabitants", "veel"),
    Table(TargetGroupResource, two(TargetGroupFactory), "name", ""),
    Table(ThemeResource, _themes, "related_themes", "onbekend-thema"),
    Table(NeighbourhoodTeamResource, _teams, "planned_fte", "-1"),
    Table(OpeningHoursResource, two(OpeningHoursFactory), "opens", "25:00"),
    Table(AdviceRequestResource, two(AdviceRequestFactory), "received_on", "31-02-2021"),
    Table(MembershipResource, two(MembershipFactory), "role", "koning"),
]  # fmt: skip


def snapshot(model: type[Model]) -> list[dict]:
    return list(model.objects.order_by("pk").values())


def exported_file(resource) -> tablib.Dataset:
    """The export as a CSV file an official downloads and uploads again."""
    text = resource.export().csv
    return tablib.Dataset().load(text, format="csv")


def import_whole(resource, dataset: tablib.Dataset):
    return resource.import_data(
        dataset, use_transactions=True, rollback_on_validation_errors=True
    )


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_an_exported_file_reads_back_unchanged(table):
    table.rows()
    model = table.resource._meta.model
    before = snapshot(model)
    dataset = exported_file(table.resource())

    result = import_whole(table.resource(), dataset)

    assert not result.has_errors(), describe_import_errors(result)
    assert not result.has_validation_errors(), describe_import_errors(result)
    assert result.totals["skip"] == len(before) == len(dataset)
    assert snapshot(model) == before


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_a_file_with_one_bad_row_is_refused_whole_naming_its_line(table):
    table.rows()
    model = table.resource._meta.model
    before = snapshot(model)
    resource = table.resource()
    dataset = exported_file(resource)
    header = resource.column_of(table.column)
    assert header in dataset.headers
    rows = [list(row) for row in dataset]
    # The first row is fine (and would be skipped), the second is wrong.
    rows[1][dataset.headers.index(header)] = table.bad_value
    bad = tablib.Dataset(*rows, headers=dataset.headers)

    result = import_whole(table.resource(), bad)

    assert result.has_errors() or result.has_validation_errors()
    reasons = describe_import_errors(result, resource=resource)
    assert reasons.startswith("regel 3"), reasons
    assert snapshot(model) == before


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_the_admin_offers_the_import_with_its_dutch_columns(admin_client, table):
    opts = table.resource._meta.model._meta
    page = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_import")
    ).content.decode()
    changelist = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    ).content.decode()

    assert "Deze import leest de volgende kolommen" in page
    assert escape(table.resource().column_of(table.column)) in page
    assert f"/admin/{opts.app_label}/{opts.model_name}/import/" in changelist
    assert f"/admin/{opts.app_label}/{opts.model_name}/export/" in changelist


def test_headers_are_dutch_for_every_table():
    for table in TABLES:
        headers = table.resource().get_export_headers()
        assert all(header[:1].isupper() for header in headers), headers
        assert len(set(headers)) == len(headers)
