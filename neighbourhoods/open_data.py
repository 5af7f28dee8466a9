"""Open data: the social map as CSV, JSON and GeoJSON, shaped after Open Referral HSDS.

HSDS 3.0 (the Human Services Data Specification) describes organisations, the services
they offer (here: activities), the locations where they are offered (here: places)
and schedules. The CSV and JSON exports use HSDS's table and field names, so that
directory tools can read them; columns HSDS does not have (a place's kind, its CBS
wijk code, target groups) follow the HSDS ones under their own Dutch-context names.

Identifiers are UUIDs, as HSDS asks, derived from the table and primary key, so the
same row keeps the same id between downloads.
"""

import csv
import io
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from hashlib import sha1
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.csv import escape_row
from core.links import url_for

from .models import (
    Activity,
    ActivitySchedule,
    Facility,
    FacilityKind,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Organisation,
)

# Stable namespace for the HSDS ids of this portal's rows.
ID_NAMESPACE = uuid.UUID("6f1c9a52-6a0b-4a43-9d0e-3c0a7f3f6f10")
LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
HSDS_URL = "https://docs.openreferral.org/en/latest/hsds/"
# RFC 5545 weekday codes, Monday first like Weekday.
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def hsds_id(table: str, pk: int | None) -> str:
    """The row's stable UUID (version 5 of "table:pk"), as uuid.uuid5 makes it.

    Computed here without building a UUID object: an export makes two or three per
    row, and this takes a third of the time.
    """
    if pk is None:
        return ""
    digest = bytearray(sha1(ID_NAMESPACE.bytes + f"{table}:{pk}".encode()).digest())
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _decimal(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _hours(moment) -> str:
    # Not strftime: an export formats two times per opening period, and this is
    # five times faster.
    return f"{moment.hour:02d}:{moment.minute:02d}" if moment else ""


# FIELDS
# ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A column: its name in the files, what it means, and whether HSDS defines it."""

    name: str
    description: str
    hsds: bool = True


ORGANISATION_FIELDS = [
    Field("id", _("Unieke, vaste id (UUID) van de organisatie.")),
    Field("name", _("Naam.")),
    Field("description", _("Omschrijving.")),
    Field("email", _("E-mailadres.")),
    Field("website", _("Website.")),
    Field("legal_status", _("Formele organisatie of informele groep.")),
    Field("uri", _("Adres van de pagina op dit portaal.")),
    Field(
        "kind", _("Soort organisatie, bijvoorbeeld sportclub of bewonersgroep."), False
    ),
    Field("kvk_number", _("KvK-nummer, als de organisatie is ingeschreven."), False),
    Field("is_subsidised", _("Ontvangt subsidie (true/false)."), False),
    Field("municipality", _("Gemeente; leeg als de organisatie breder werkt."), False),
    Field("neighbourhoods", _("CBS-codes van de wijken waar zij actief is."), False),
]

LOCATION_FIELDS = [
    Field("id", _("Unieke, vaste id (UUID) van de plek.")),
    Field("location_type", _("Altijd 'physical': een plek met een adres.")),
    Field("url", _("Adres van de pagina op dit portaal.")),
    Field(
        "organization_id", _("Id van de beheerder (organisatie), als die bekend is.")
    ),
    Field("name", _("Naam.")),
    Field("description", _("Omschrijving.")),
    Field("latitude", _("Breedtegraad (WGS84).")),
    Field("longitude", _("Lengtegraad (WGS84).")),
    Field("address_1", _("Straat en huisnummer (HSDS address).")),
    Field("city", _("Plaats (HSDS address).")),
    Field("postal_code", _("Postcode (HSDS address).")),
    Field("country", _("Land: NL (HSDS address).")),
    Field("accessibility", _("Toegankelijkheid (HSDS accessibility).")),
    Field("phone", _("Telefoonnummer (HSDS phone).")),
    Field("email", _("E-mailadres.")),
    Field(
        "schedule",
        _("Openingstijden per dag, bijvoorbeeld 'MO 09:00-17:00' (HSDS schedule)."),
    ),
    Field("kind", _("Soort plek, bijvoorbeeld buurthuis of speeltuin."), False),
    Field("is_heart", _("Kloppend hart van de wijk (true/false)."), False),
    Field("wheelchair_accessible", _("Rolstoeltoegankelijk (true/false)."), False),
    Field("municipality", _("Gemeente."), False),
    Field("neighbourhood", _("Wijk."), False),
    Field("neighbourhood_cbs_code", _("CBS-wijkcode."), False),
    Field("owner_id", _("Id van de eigenaar (organisatie)."), False),
    Field("functions", _("Functies, gescheiden door '; '."), False),
    Field("target_groups", _("Doelgroepen, gescheiden door '; '."), False),
    Field("themes", _("Thema's, gescheiden door '; '."), False),
]

SERVICE_FIELDS = [
    Field("id", _("Unieke, vaste id (UUID) van de activiteit.")),
    Field("organization_id", _("Id van de organisator.")),
    Field("name", _("Titel.")),
    Field("description", _("Omschrijving.")),
    Field("url", _("Adres van de pagina op dit portaal.")),
    Field("email", _("E-mailadres voor vragen.")),
    Field("status", _("Altijd 'active': alleen lopende activiteiten staan erin.")),
    Field("fees_description", _("Kosten in woorden.")),
    Field("location_id", _("Id van de plek (HSDS service_at_location).")),
    Field(
        "schedule",
        _("Wekelijkse tijden, bijvoorbeeld 'WE 17:30-19:30' (HSDS schedule)."),
    ),
    Field("valid_from", _("Eerste datum (HSDS schedule)."), True),
    Field("valid_to", _("Laatste datum (HSDS schedule)."), True),
    Field(
        "amount", _("Kosten per keer in euro; 0 is gratis (HSDS cost_option)."), True
    ),
    Field("currency", _("Munteenheid: EUR (HSDS cost_option)."), True),
    Field("organization_name", _("Naam van de organisator."), False),
    Field("location_name", _("Naam van de plek."), False),
    Field("target_groups", _("Doelgroepen, gescheiden door '; '."), False),
    Field("themes", _("Thema's, gescheiden door '; '."), False),
]

NEIGHBOURHOOD_FIELDS = [
    Field("cbs_code", _("CBS-wijkcode."), False),
    Field("cbs_year", _("Jaar van de CBS-indeling."), False),
    Field("name", _("Naam."), False),
    Field("municipality", _("Gemeente."), False),
    Field("municipality_cbs_code", _("CBS-gemeentecode."), False),
    Field("district", _("Stadsdeel."), False),
    Field("url", _("Adres van de pagina op dit portaal."), False),
]


# ROWS
# Built from values() rather than model instances: an export of 10,000 places then
# takes a second instead of half a minute, in the same fixed number of queries.
# ------------------------------------------------------------------------------


def _within(queryset: QuerySet, lookup: str, rows: QuerySet | None) -> QuerySet:
    """Only what belongs to ``rows`` (``lookup`` leads to them); all when None."""
    return queryset if rows is None else queryset.filter(**{lookup: rows.values("pk")})


def _related_names(relation: Any, rows: QuerySet | None = None) -> dict[int, str]:
    """{row pk: "name; name"} over a many-to-many, in one query; only for ``rows``
    when given (one municipality's)."""
    field = relation.field
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    names: dict[int, list[str]] = defaultdict(list)
    pairs = (
        _within(relation.through.objects.all(), f"{source}__in", rows)
        .values_list(f"{source}_id", f"{target}__name")
        .order_by(f"{target}__name")
    )
    for pk, name in pairs:
        names[pk].append(name)
    return {pk: "; ".join(values) for pk, values in names.items()}


def _weekly_hours(rows: Iterable[tuple[int, int, Any, Any]]) -> dict[int, str]:
    """{pk: "MO 09:00-17:00; WE 10:00-12:00"} from (pk, weekday, from, to) rows."""
    periods: dict[int, list[str]] = defaultdict(list)
    for pk, weekday, opens, closes in rows:
        periods[pk].append(f"{BYDAY[weekday]} {_hours(opens)}-{_hours(closes)}")
    return {pk: "; ".join(values) for pk, values in periods.items()}


def _url_maker(base_url: str, name: str, key: str) -> Callable[[Any], str]:
    """The full address of a row's page from its slug or pk."""
    path = url_for(f"neighbourhoods:{name}", key)
    return lambda value: f"{base_url}{path(value)}"


def _organisations(municipality: Municipality | None) -> QuerySet[Organisation]:
    """Those of the municipality, or active in one of its wijken; or all."""
    if municipality is None:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(municipality=municipality)
        | Exists(
            Organisation.neighbourhoods.through.objects.filter(
                organisation=OuterRef("pk"), neighbourhood__municipality=municipality
            )
        )
    )


def _places(municipality: Municipality | None) -> QuerySet[Facility]:
    return (
        Facility.objects.filter(municipality=municipality)
        if municipality
        else (Facility.objects.all())
    )


def _activities(municipality: Municipality | None) -> QuerySet[Activity]:
    """The public ones at a place in the municipality (without a place: of an
    organisation of the municipality); or all public ones."""
    if municipality is None:
        return Activity.objects.public()
    return Activity.objects.public().filter(
        Q(facility__municipality=municipality)
        | Q(facility__isnull=True, organisation__municipality=municipality)
    )


def organisation_rows(
    base_url: str, municipality: Municipality | None = None
) -> Iterator[dict[str, Any]]:
    chosen = _organisations(municipality) if municipality else None
    wijken: dict[int, list[str]] = defaultdict(list)
    pairs = _within(
        Organisation.neighbourhoods.through.objects.all(), "organisation__in", chosen
    )
    for pk, code in pairs.values_list(
        "organisation_id", "neighbourhood__cbs_code"
    ).order_by("neighbourhood__cbs_code"):
        wijken[pk].append(code)
    url = _url_maker(base_url, "organisation-detail", "slug")
    organisations = (
        _organisations(municipality)
        .order_by("name", "pk")
        .values(
            "pk",
            "slug",
            "name",
            "description",
            "email",
            "website",
            "is_formal",
            "kind",
            "kvk_number",
            "is_subsidised",
            municipality_name=F("municipality__name"),
        )
    )
    for row in organisations:
        yield {
            "id": hsds_id("organisation", row["pk"]),
            "name": row["name"],
            "description": row["description"],
            "email": row["email"],
            "website": row["website"],
            "legal_status": "formal" if row["is_formal"] else "informal",
            "uri": url(row["slug"]),
            "kind": row["kind"],
            "kvk_number": row["kvk_number"] or "",
            "is_subsidised": row["is_subsidised"],
            "municipality": row["municipality_name"] or "",
            "neighbourhoods": "; ".join(wijken.get(row["pk"], [])),
        }


def location_rows(
    base_url: str, municipality: Municipality | None = None
) -> Iterator[dict[str, Any]]:
    chosen = _places(municipality) if municipality else None
    functions = _related_names(Facility.functions, chosen)
    target_groups = _related_names(Facility.target_groups, chosen)
    themes = _related_names(Facility.themes, chosen)
    hours = _weekly_hours(
        _within(OpeningHours.objects.all(), "facility__in", chosen)
        .order_by("weekday", "opens")
        .values_list("facility_id", "weekday", "opens", "closes")
    )
    url = _url_maker(base_url, "facility-detail", "slug")
    places = (
        _places(municipality)
        .order_by("name", "pk")
        .values(
            "pk",
            "slug",
            "name",
            "description",
            "latitude",
            "longitude",
            "street",
            "house_number",
            "postcode",
            "city",
            "accessibility_notes",
            "phone",
            "email",
            "kind",
            "is_heart",
            "wheelchair_accessible",
            "operator_id",
            "owner_id",
            municipality_name=F("municipality__name"),
            neighbourhood_name=F("neighbourhood__name"),
            neighbourhood_code=F("neighbourhood__cbs_code"),
        )
    )
    for row in places:
        pk = row["pk"]
        yield {
            "id": hsds_id("facility", pk),
            "location_type": "physical",
            "url": url(row["slug"]),
            "organization_id": hsds_id("organisation", row["operator_id"]),
            "name": row["name"],
            "description": row["description"],
            "latitude": _decimal(row["latitude"]),
            "longitude": _decimal(row["longitude"]),
            "address_1": " ".join(
                part for part in (row["street"], row["house_number"]) if part
            ),
            "city": row["city"],
            "postal_code": row["postcode"],
            "country": "NL",
            "accessibility": row["accessibility_notes"],
            "phone": row["phone"],
            "email": row["email"],
            "schedule": hours.get(pk, ""),
            "kind": row["kind"],
            "is_heart": row["is_heart"],
            "wheelchair_accessible": row["wheelchair_accessible"],
            "municipality": row["municipality_name"],
            "neighbourhood": row["neighbourhood_name"] or "",
            "neighbourhood_cbs_code": row["neighbourhood_code"] or "",
            "owner_id": hsds_id("organisation", row["owner_id"]),
            "functions": functions.get(pk, ""),
            "target_groups": target_groups.get(pk, ""),
            "themes": themes.get(pk, ""),
        }


def service_rows(
    base_url: str, municipality: Municipality | None = None
) -> Iterator[dict[str, Any]]:
    chosen = _activities(municipality) if municipality else None
    target_groups = _related_names(Activity.target_groups, chosen)
    themes = _related_names(Activity.themes, chosen)
    schedules = _weekly_hours(
        _within(ActivitySchedule.objects.all(), "activity__in", chosen)
        .order_by("weekday", "starts_at")
        .values_list("activity_id", "weekday", "starts_at", "ends_at")
    )
    url = _url_maker(base_url, "activity-detail", "pk")
    activities = (
        _activities(municipality)
        .order_by("title", "pk")
        .values(
            "pk",
            "title",
            "description",
            "contact_email",
            "cost",
            "cost_note",
            "starts_on",
            "ends_on",
            "organisation_id",
            "facility_id",
            organisation_name=F("organisation__name"),
            facility_name=F("facility__name"),
        )
    )
    for row in activities:
        pk = row["pk"]
        yield {
            "id": hsds_id("activity", pk),
            "organization_id": hsds_id("organisation", row["organisation_id"]),
            "name": row["title"],
            "description": row["description"],
            "url": url(pk),
            "email": row["contact_email"],
            "status": "active",
            "fees_description": row["cost_note"],
            "location_id": hsds_id("facility", row["facility_id"]),
            "schedule": schedules.get(pk, ""),
            "valid_from": row["starts_on"].isoformat() if row["starts_on"] else "",
            "valid_to": row["ends_on"].isoformat() if row["ends_on"] else "",
            "amount": _decimal(row["cost"]),
            "currency": "EUR",
            "organization_name": row["organisation_name"],
            "location_name": row["facility_name"] or "",
            "target_groups": target_groups.get(pk, ""),
            "themes": themes.get(pk, ""),
        }


def _neighbourhoods(municipality: Municipality | None) -> QuerySet[Neighbourhood]:
    wijken = Neighbourhood.objects.all()
    return wijken.filter(municipality=municipality) if municipality else wijken


def neighbourhood_rows(
    base_url: str, municipality: Municipality | None = None
) -> Iterator[dict[str, Any]]:
    url = _url_maker(base_url, "neighbourhood-detail", "slug")
    neighbourhoods = (
        _neighbourhoods(municipality)
        .order_by("municipality__name", "name")
        .values(
            "cbs_code",
            "cbs_year",
            "name",
            "slug",
            municipality_name=F("municipality__name"),
            municipality_code=F("municipality__cbs_code"),
            district_name=F("district__name"),
        )
    )
    for row in neighbourhoods:
        yield {
            "cbs_code": row["cbs_code"],
            "cbs_year": row["cbs_year"],
            "name": row["name"],
            "municipality": row["municipality_name"],
            "municipality_cbs_code": row["municipality_code"],
            "district": row["district_name"] or "",
            "url": url(row["slug"]),
        }


# GEOJSON
# ------------------------------------------------------------------------------


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def point(longitude: Any, latitude: Any) -> dict[str, Any]:
    """GeoJSON positions are [longitude, latitude] (RFC 7946)."""
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


def place_feature(place: Mapping[str, Any]) -> dict[str, Any]:
    """A map marker from selectors.facility_points()."""
    street = " ".join(p for p in (place["street"], place["house_number"]) if p)
    town = " ".join(p for p in (place["postcode"], place["city"]) if p)
    return {
        "type": "Feature",
        "id": place["slug"],
        "geometry": point(place["longitude"], place["latitude"]),
        "properties": {
            "name": place["name"],
            "kind": str(FacilityKind(place["kind"]).label),
            "is_heart": place["is_heart"],
            "address": ", ".join(p for p in (street, town) if p),
            "url": reverse("neighbourhoods:facility-detail", args=[place["slug"]]),
        },
    }


def neighbourhood_feature(wijk: Neighbourhood) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": wijk.cbs_code,
        "geometry": wijk.boundary,
        "properties": {
            "name": wijk.name,
            "cbs_code": wijk.cbs_code,
            "url": wijk.get_absolute_url(),
        },
    }


def location_geojson(
    base_url: str, municipality: Municipality | None = None
) -> dict[str, Any]:
    """All places with coordinates; the properties are the CSV's columns."""
    return feature_collection(
        [
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": point(row["longitude"], row["latitude"]),
                "properties": row,
            }
            for row in location_rows(base_url, municipality)
            if row["latitude"] is not None and row["longitude"] is not None
        ]
    )


def neighbourhood_geojson(
    base_url: str, municipality: Municipality | None = None
) -> dict[str, Any]:
    boundaries = dict(
        _neighbourhoods(municipality)
        .filter(boundary__isnull=False)
        .values_list("cbs_code", "boundary")
    )
    return feature_collection(
        [
            {
                "type": "Feature",
                "id": row["cbs_code"],
                "geometry": boundaries[row["cbs_code"]],
                "properties": row,
            }
            for row in neighbourhood_rows(base_url, municipality)
            if row["cbs_code"] in boundaries
        ]
    )


# DATASETS
# ------------------------------------------------------------------------------


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
