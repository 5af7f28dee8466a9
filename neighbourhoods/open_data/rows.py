"""The rows of the open-data tables, one query per table and one per relation."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from core.links import url_for

from ..models import (
    Activity,
    ActivitySchedule,
    Facility,
    Municipality,
    Neighbourhood,
    OpeningHours,
    Organisation,
)
from .fields import BYDAY, hsds_id, hsds_number, hsds_time


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
        periods[pk].append(f"{BYDAY[weekday]} {hsds_time(opens)}-{hsds_time(closes)}")
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
            "latitude": hsds_number(row["latitude"]),
            "longitude": hsds_number(row["longitude"]),
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
            "amount": hsds_number(row["cost"]),
            "currency": "EUR",
            "organization_name": row["organisation_name"],
            "location_name": row["facility_name"] or "",
            "target_groups": target_groups.get(pk, ""),
            "themes": themes.get(pk, ""),
        }


def neighbourhoods_of(municipality: Municipality | None) -> QuerySet[Neighbourhood]:
    wijken = Neighbourhood.objects.all()
    return wijken.filter(municipality=municipality) if municipality else wijken


def neighbourhood_rows(
    base_url: str, municipality: Municipality | None = None
) -> Iterator[dict[str, Any]]:
    url = _url_maker(base_url, "neighbourhood-detail", "slug")
    neighbourhoods = (
        neighbourhoods_of(municipality)
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
