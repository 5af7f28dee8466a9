"""The columns of a subsidy register: their names per municipality, and header mapping."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_lazy, pgettext_lazy


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy Dutch text
    aliases: tuple[str, ...]
    required: bool = False
    help: object = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "recipient",
        gettext_lazy("Ontvanger"),
        (
            "naam",
            "ontvanger",
            "naam ontvanger",
            "subsidieontvanger",
            "aanvrager",
            "naam aanvrager",
            "organisatie",
            "naam organisatie",
            "instelling",
            "begunstigde",
            "recipient",
        ),
        required=True,
        help=gettext_lazy(
            "De naam van de ontvanger. Een bestaande organisatie met dezelfde naam "
            "(zonder hoofdletters, leestekens en 'Stichting' of 'Vereniging') wordt "
            "gekoppeld; anders wordt de organisatie aangemaakt."
        ),
    ),
    Column(
        "scheme",
        gettext_lazy("Regeling"),
        (
            "regeling",
            "subsidieregeling",
            "verordening",
            "subsidieverordening",
            "naam regeling",
            "programma",
            "subsidiestroom",
        ),
        required=True,
        help=gettext_lazy("De subsidieregeling; een nieuwe regeling wordt aangemaakt."),
    ),
    Column(
        "year",
        gettext_lazy("Jaar"),
        ("jaar", "subsidiejaar", "boekjaar", "begrotingsjaar", "year"),
        required=True,
        help=gettext_lazy("Het jaar, of een periode als 2016-2018 (meerjarig)."),
    ),
    Column(
        "granted",
        gettext_lazy("Verleend"),
        (
            "verleend",
            "verleend bedrag",
            "bedrag verleend",
            "toegekend",
            "toegekend bedrag",
            "bedrag toegekend",
            "beschikt bedrag",
            "subsidiebedrag",
            "bedrag",
        ),
        required=True,
        help=gettext_lazy("Het verleende bedrag; 0 betekent afgewezen."),
    ),
    Column(
        "requested",
        gettext_lazy("Aangevraagd"),
        (
            "aangevraagd",
            "aangevraagd bedrag",
            "bedrag aangevraagd",
            "gevraagd",
            "gevraagd bedrag",
        ),
        help=gettext_lazy("Het aangevraagde bedrag."),
    ),
    Column(
        "settled",
        pgettext_lazy("subsidie", "Vastgesteld"),
        ("vastgesteld", "vastgesteld bedrag", "bedrag vastgesteld"),
        help=gettext_lazy("Het vastgestelde bedrag; dan is de subsidie vastgesteld."),
    ),
    Column(
        "purpose",
        gettext_lazy("Doel"),
        (
            "project",
            "doel",
            "projectnaam",
            "omschrijving",
            "activiteit",
            "onderwerp",
            "titel",
            "subsidiedoel",
        ),
        help=gettext_lazy(
            "Waarvoor de subsidie is; leeg wordt de naam van de regeling."
        ),
    ),
    Column(
        "theme",
        gettext_lazy("Thema"),
        ("thema", "beleidsterrein", "beleidsveld", "domein"),
        help=gettext_lazy("Een nieuw thema wordt aangemaakt."),
    ),
    Column(
        "periodicity",
        gettext_lazy("Periodiciteit"),
        ("periodiciteit", "frequentie", "soort subsidie", "type subsidie"),
        help=gettext_lazy("Eenmalig, Periodiek of Jaarlijks, of Meerjarig."),
    ),
    Column(
        "department",
        gettext_lazy("Verstrekt door"),
        (
            "afdeling",
            "directie",
            "verstrekker",
            "dienst",
            "stadsdeel",
            "organisatieonderdeel",
        ),
        help=gettext_lazy(
            "De afdeling of het stadsdeel dat verleent. Heet de kolom 'Organisatie' "
            "terwijl er ook een kolom Naam of Ontvanger is, dan is dit die kolom."
        ),
    ),
    Column(
        "reference",
        gettext_lazy("Kenmerk"),
        ("kenmerk", "referentie", "dossiernummer", "zaaknummer", "subsidienummer"),
        help=gettext_lazy(
            "Het kenmerk van de subsidie; zonder kenmerk herkent het portaal een rij "
            "aan gemeente, jaar, regeling, ontvanger en doel."
        ),
    ),
    Column(
        "kvk",
        gettext_lazy("KvK-nummer"),
        ("kvk", "kvk nummer", "kvknummer", "kamer van koophandel"),
        help=gettext_lazy("Koppelt de ontvanger op KvK-nummer, vóór de naam."),
    ),
    Column(
        "neighbourhood",
        gettext_lazy("Wijk"),
        ("wijk", "wijkcode", "wijknaam"),
        help=gettext_lazy("CBS-wijkcode (WK…) of naam van de wijk."),
    ),
    Column(
        "category",
        gettext_lazy("Categorie"),
        ("categorie", "begrotingscategorie"),
        help=gettext_lazy(
            "Voor nieuwe regelingen: Exploitatie, Functies, Initiatieven of Overig. "
            "Zonder deze kolom leidt het portaal het af uit de naam van de regeling."
        ),
    ),
    Column(
        "decided_on",
        gettext_lazy("Besluitdatum"),
        ("besluitdatum", "datum besluit", "datum beschikking", "beschikkingsdatum"),
        help=gettext_lazy("Als 26-02-2021 of 2021-02-26."),
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def normalise_header(header: object) -> str:
    return _normalise_header(str(header or ""))


@lru_cache(maxsize=65_536)
def _normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore")
    text = text.decode().lower().replace("-", " ").replace("_", " ")
    text = re.sub(r"[^a-z0-9 ]+", "", text)
    return " ".join(text.split())


def map_columns(headers: Iterable[object]) -> tuple[dict[str, str], list[str]]:
    """Which header of the file holds which column; and the headers left unused."""
    headers = [str(header) for header in headers if header not in (None, "")]
    normalised = {header: normalise_header(header) for header in headers}
    mapping: dict[str, str] = {}
    for column in COLUMNS:
        for alias in column.aliases:
            found = [h for h in headers if normalised[h] == alias]
            if found and found[0] not in mapping.values():
                mapping[column.key] = found[0]
                break
    # "Organisatie" names the recipient only when nothing else does; beside a Naam or
    # Ontvanger column it is the granting department (as in Amsterdam's register).
    recipient = mapping.get("recipient")
    if recipient and normalised[recipient] == "organisatie":
        others = [
            h
            for h in headers
            if h != recipient and normalised[h] in COLUMNS_BY_KEY["recipient"].aliases
        ]
        if others:
            mapping["recipient"] = others[0]
            mapping.setdefault("department", recipient)
    elif "department" not in mapping:
        for header in headers:
            if normalised[header] == "organisatie" and header not in mapping.values():
                mapping["department"] = header
    unused = [h for h in headers if h not in mapping.values()]
    return mapping, unused
