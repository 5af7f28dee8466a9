"""The public register as open data: CSV, and JSON shaped after the 360Giving Data
Standard (https://standard.threesixtygiving.org/).

360Giving identifies organisations with org-id.guide prefixes. A recipient with a KvK
number gets ``NL-KVK-<number>``, the registered prefix for the Dutch Chamber of
Commerce; the rest get a ``360G-`` identifier of this portal, as the standard advises
for organisations without a registered number. The funder is the municipality by its
CBS code, and the beneficiary location is the CBS wijk code where known.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.conf import settings

from core.csv import escape_row

from ..models import Grant, GrantStatus

PUBLISHER_PREFIX = getattr(settings, "GRANTS_360_PREFIX", "360G-welzijnsportaal")

CSV_COLUMNS = (
    "kenmerk",
    "jaar",
    "tot_en_met_jaar",
    "gemeente",
    "gemeente_cbs_code",
    "verstrekt_door",
    "regeling",
    "beleidskader",
    "categorie",
    "thema",
    "ontvanger",
    "kvk_nummer",
    "doel",
    "periodiciteit",
    "status",
    "aangevraagd",
    "verleend",
    "vastgesteld",
    "besluitdatum",
    "wijk",
    "wijk_cbs_code",
)


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def csv_rows(grants: Iterable[Grant]) -> Iterator[list[str]]:
    """Header and one row per grant; cells that a spreadsheet would run as a formula
    (= + - @) are escaped."""
    yield list(CSV_COLUMNS)
    for grant in grants:
        yield escape_row(_csv_row(grant))


def _csv_row(grant: Grant) -> list[str]:
    scheme = grant.scheme
    return [
        grant.reference or str(grant.pk),
        str(grant.year),
        str(grant.last_year or ""),
        scheme.municipality.name,
        scheme.municipality.cbs_code,
        grant.funding_department,
        scheme.name,
        scheme.framework.title if scheme.framework else "",
        scheme.get_category_display(),
        grant.theme.name if grant.theme else "",
        grant.organisation.name,
        grant.organisation.kvk_number or "",
        grant.purpose,
        grant.get_periodicity_display(),
        grant.get_status_display(),
        _amount(grant.amount_requested),
        _amount(grant.amount_granted),
        _amount(grant.amount_settled),
        grant.decided_on.isoformat() if grant.decided_on else "",
        grant.neighbourhood.name if grant.neighbourhood else "",
        grant.neighbourhood.cbs_code if grant.neighbourhood else "",
    ]


def organisation_identifier(organisation) -> str:
    if organisation.kvk_number:
        return f"NL-KVK-{organisation.kvk_number}"
    return f"{PUBLISHER_PREFIX}-org-{organisation.slug}"


def grant_360(grant: Grant, *, base_url: str = "") -> dict:
    """One grant in the shape of the 360Giving standard."""
    scheme = grant.scheme
    municipality = scheme.municipality
    record: dict = {
        "id": f"{PUBLISHER_PREFIX}-{grant.reference or grant.pk}",
        "title": grant.purpose,
        "description": grant.purpose,
        "currency": "EUR",
        "awardDate": (
            grant.decided_on.isoformat() if grant.decided_on else f"{grant.year}-01-01"
        ),
        "recipientOrganization": [
            {
                "id": organisation_identifier(grant.organisation),
                "name": grant.organisation.name,
                **(
                    {"companyNumber": grant.organisation.kvk_number}
                    if grant.organisation.kvk_number
                    else {}
                ),
            }
        ],
        "fundingOrganization": [
            {
                "id": f"{PUBLISHER_PREFIX}-gemeente-{municipality.cbs_code}",
                "name": municipality.name
                + (
                    f" ({grant.funding_department})" if grant.funding_department else ""
                ),
            }
        ],
        "grantProgramme": [{"code": scheme.slug, "title": scheme.name}],
        "plannedDates": [
            {
                "startDate": f"{grant.year}-01-01",
                "endDate": f"{grant.last_year or grant.year}-12-31",
            }
        ],
        "classifications": [
            {
                "vocabulary": "welzijnsportaal-status",
                "code": grant.status,
                "title": grant.get_status_display(),
            }
        ],
    }
    if grant.amount_requested is not None:
        record["amountAppliedFor"] = float(grant.amount_requested)
    record["amountAwarded"] = float(grant.amount_granted or 0)
    if grant.status == GrantStatus.SETTLED and grant.amount_settled is not None:
        record["amountDisbursed"] = float(grant.amount_settled)
    if grant.theme is not None:
        record["classifications"].append(
            {
                "vocabulary": "welzijnsportaal-thema",
                "code": grant.theme.slug,
                "title": grant.theme.name,
            }
        )
    if grant.neighbourhood is not None:
        record["beneficiaryLocation"] = [
            {
                "name": grant.neighbourhood.name,
                "geoCode": grant.neighbourhood.cbs_code,
                "geoCodeType": "CBS-wijk",
            }
        ]
    else:
        record["beneficiaryLocation"] = [
            {
                "name": municipality.name,
                "geoCode": municipality.cbs_code,
                "geoCodeType": "CBS-gemeente",
            }
        ]
    if base_url:
        record["dataSource"] = base_url
    return record
