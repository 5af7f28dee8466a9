"""The downloadable datasets and the files they render to (CSV, JSON, GeoJSON)."""

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.csv import escape_row

from ..models import (
    Municipality,
)
from .features import location_geojson, neighbourhood_geojson
from .fields import (
    LOCATION_FIELDS,
    NEIGHBOURHOOD_FIELDS,
    ORGANISATION_FIELDS,
    SERVICE_FIELDS,
    Field,
)
from .rows import location_rows, neighbourhood_rows, organisation_rows, service_rows


@dataclass(frozen=True)
class Dataset:
    """A downloadable dataset: its slug in the URL, what it holds, its columns."""

    slug: str
    title: Any
    description: Any
    hsds_table: str
    fields: list[Field]
    # Both take the site's address and a municipality (None: the whole portal).
    rows: Callable[..., Iterator[dict[str, Any]]]
    geojson: Callable[..., dict[str, Any]] | None = None

    @property
    def formats(self) -> list[str]:
        return ["csv", "json", *(["geojson"] if self.geojson else [])]


DATASETS = {
    dataset.slug: dataset
    for dataset in [
        Dataset(
            slug="plekken",
            title=_("Plekken"),
            description=_(
                "Wijkcentra, buurthuizen, speeltuinen en andere plekken, met adres, "
                "coördinaten, openingstijden en toegankelijkheid."
            ),
            hsds_table="location",
            fields=LOCATION_FIELDS,
            rows=location_rows,
            geojson=location_geojson,
        ),
        Dataset(
            slug="activiteiten",
            title=_("Activiteiten"),
            description=_(
                "Het aanbod van organisaties: wat, waar, wanneer, voor wie en tegen "
                "welke kosten. Alleen gepubliceerde activiteiten."
            ),
            hsds_table="service",
            fields=SERVICE_FIELDS,
            rows=service_rows,
        ),
        Dataset(
            slug="organisaties",
            title=_("Organisaties"),
            description=_(
                "De spelers in het sociaal domein, formeel en informeel, met de wijken "
                "waar zij actief zijn."
            ),
            hsds_table="organization",
            fields=ORGANISATION_FIELDS,
            rows=organisation_rows,
        ),
        Dataset(
            slug="wijken",
            title=_("Wijken"),
            description=_(
                "De wijken volgens de indeling van het CBS, met hun grenzen als GeoJSON."
            ),
            hsds_table="",
            fields=NEIGHBOURHOOD_FIELDS,
            rows=neighbourhood_rows,
            geojson=neighbourhood_geojson,
        ),
    ]
}


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return value


def render(
    dataset: Dataset,
    file_format: str,
    base_url: str,
    municipality: Municipality | None = None,
) -> tuple[bytes, str]:
    """The file's bytes and content type: of one municipality, or of all."""
    if file_format == "csv":
        buffer = io.StringIO()
        names = [field.name for field in dataset.fields]
        writer = csv.writer(buffer)
        writer.writerow(names)
        # Lists in the header's order: csv.DictWriter checks every row's keys. Text
        # that a spreadsheet would run as a formula is escaped.
        writer.writerows(
            escape_row(_csv_value(row[name]) for name in names)
            for row in dataset.rows(base_url, municipality)
        )
        # A byte order mark, so that spreadsheet programs read the file as UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode(), "text/csv; charset=utf-8"
    if file_format == "json":
        document = list(dataset.rows(base_url, municipality))
        return _json(document), "application/json"
    if file_format == "geojson" and dataset.geojson is not None:
        return _json(dataset.geojson(base_url, municipality)), "application/geo+json"
    raise KeyError(file_format)


def _json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
