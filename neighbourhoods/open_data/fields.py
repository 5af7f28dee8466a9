"""Open data: the social map as CSV, JSON and GeoJSON, shaped after Open Referral HSDS.

HSDS 3.0 (the Human Services Data Specification) describes organisations, the services
they offer (here: activities), the locations where they are offered (here: places)
and schedules. The CSV and JSON exports use HSDS's table and field names, so that
directory tools can read them; columns HSDS does not have (a place's kind, its CBS
wijk code, target groups) follow the HSDS ones under their own Dutch-context names.

Identifiers are UUIDs, as HSDS asks, derived from the table and primary key, so the
same row keeps the same id between downloads.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from hashlib import sha1

from django.utils.translation import gettext_lazy as _

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


def hsds_number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def hsds_time(moment) -> str:
    # Not strftime: an export formats two times per opening period, and this is
    # five times faster.
    return f"{moment.hour:02d}:{moment.minute:02d}" if moment else ""


# FIELDS


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
