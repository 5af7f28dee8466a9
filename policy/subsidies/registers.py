"""Import of subsidy registers as municipalities publish them (CSV, XLSX or JSON).

A register has one row per grant: recipient, scheme, theme, year, periodicity, amount
requested and granted, under names that differ per municipality ("Naam" or
"Ontvanger", "Project" or "Doel" …). ``plan_import`` reads the rows against the
database without writing anything and says per row what would happen: which
recipient it matched or would create, which scheme, and whether the grant is new,
changed or unchanged. ``apply_import`` writes a plan without errors in one transaction,
with bulk statements, so the number of queries does not grow with the number of rows.

A row without a kenmerk (reference) gets one derived from its municipality, year,
scheme, recipient and purpose, so importing the same register twice changes nothing.
"""

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Sum
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.slugs import unique_slug
from core.uploads import detect_type, limit_rows, validate_unpacked_size
from neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Theme,
)

from ..amounts import AmountError, parse_amount
from ..models import (
    BudgetCategory,
    Grant,
    GrantStatus,
    PolicyFramework,
    SchemeKind,
    SubsidyScheme,
)
from ..models.subsidies import (
    COMMITTED_STATUSES,
    GRANT_TRANSITIONS,
    ceiling_exceeded_message,
    euro,
)

BATCH_SIZE = 1000


# COLUMNS
# ------------------------------------------------------------------------------


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


# READING FILES
# ------------------------------------------------------------------------------


class RegisterFileError(ValueError):
    """The file as a whole cannot be read; the message is Dutch."""


@dataclass
class SourceRow:
    location: str  # "regel 5" or "rij 5": what a person finds in the file
    values: dict[str, object]


@dataclass
class RegisterTable:
    headers: list[str]
    rows: list[SourceRow]


def read_register(
    data: bytes, filename: str, *, row_limit: str | None = None
) -> RegisterTable:
    """Read a CSV, XLSX or JSON file into rows keyed by the file's own headers.

    The type follows from the content, never the name; a spreadsheet that unpacks to
    too much is refused before it is parsed. ``row_limit`` names an upload kind of
    ``core.uploads`` ("import") whose row limit stops the reading.
    """
    file = ContentFile(data, name=Path(filename).name)
    try:
        validate_unpacked_size(file)
    except ValidationError as error:
        raise RegisterFileError(" ".join(error.messages)) from error
    detected = detect_type(file)
    readers = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}
    if detected is None or detected.key not in readers:
        raise RegisterFileError(
            _(
                "Kies een bestand in CSV, XLSX of JSON; de inhoud van “%(name)s” is "
                "geen van drieën."
            )
            % {"name": file.name}
        )
    try:
        return readers[detected.key](data, row_limit)
    except ValidationError as error:
        raise RegisterFileError(" ".join(error.messages)) from error


def _limited(rows: Iterable, row_limit: str | None) -> Iterable:
    return limit_rows(rows, row_limit) if row_limit else rows


def _table(lines: Iterable[tuple[int, list[object]]]) -> RegisterTable:
    """Rows under the header; the header is the first row naming at least two known
    columns among the first ten, so a title above the table is skipped."""
    lines = [
        (number, list(cells))
        for number, cells in lines
        if any(str(cell).strip() for cell in cells if cell is not None)
    ]
    if not lines:
        raise RegisterFileError(_("Het bestand is leeg."))
    header_index = 0
    for index, (_number, cells) in enumerate(lines[:10]):
        mapping, _unused = map_columns(c for c in cells if c is not None)
        if len(mapping) >= 2:
            header_index = index
            break
    headers = [
        str(cell).strip() if cell is not None else "" for cell in lines[header_index][1]
    ]
    rows = []
    for number, cells in lines[header_index + 1 :]:
        values = {
            header: (cells[i] if i < len(cells) else None)
            for i, header in enumerate(headers)
            if header
        }
        rows.append(SourceRow(_("regel %(n)s") % {"n": number}, values))
    return RegisterTable([h for h in headers if h], rows)


def _read_csv(data: bytes, row_limit: str | None = None) -> RegisterTable:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows save CSV in Windows-1252.
        text = data.decode("cp1252", errors="replace")
    sample = "\n".join(text.splitlines()[:10])
    delimiter = max([";", ",", "\t", "|"], key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table(_limited(enumerate(reader, start=1), row_limit))


def _read_xlsx(data: bytes, row_limit: str | None = None) -> RegisterTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise RegisterFileError(
            _("Dit XLSX-bestand kan niet worden gelezen (%(error)s).")
            % {"error": error}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        return _table(_limited(rows, row_limit))
    finally:
        workbook.close()


def _read_json(data: bytes, row_limit: str | None = None) -> RegisterTable:
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RegisterFileError(
            _("Dit JSON-bestand kan niet worden gelezen (%(error)s).")
            % {"error": error}
        ) from error
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise RegisterFileError(
            _("Een JSON-bestand moet een lijst (array) van rijen met kolommen zijn.")
        )
    items = list(_limited(items, row_limit))
    headers: list[str] = []
    for item in items:
        for key in item:
            if key not in headers:
                headers.append(key)
    rows = [
        SourceRow(_("rij %(n)s") % {"n": number}, item)
        for number, item in enumerate(items, start=1)
    ]
    return RegisterTable(headers, rows)


# READING CELLS
# ------------------------------------------------------------------------------

LEGAL_FORMS = {
    "stichting",
    "st",
    "stg",
    "vereniging",
    "ver",
    "bv",
    "nv",
    "ua",
    "vof",
    "cooperatie",
}


@lru_cache(maxsize=65_536)
def normalise_name(name: str) -> str:
    """A name to match organisations on: no case, accents, punctuation or legal form."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " en ")
    text = re.sub(r"[.'’`]", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    meaningful = [word for word in words if word not in LEGAL_FORMS]
    return " ".join(meaningful or words)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _year(value: object) -> tuple[int, int | None]:
    text = _text(value)
    match = re.fullmatch(r"(\d{4})(?:\s*(?:-|–|t/m|tot en met)\s*(\d{4}))?", text)
    if not match:
        raise ValueError(
            _("“%(value)s” is geen jaar; schrijf bijvoorbeeld 2016 of 2016-2018.")
            % {"value": text}
        )
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else None
    if not 1900 <= first <= 2100 or (last is not None and not first <= last <= 2100):
        raise ValueError(_("“%(value)s” is geen geldig jaar.") % {"value": text})
    return first, last


PERIODICITIES = {
    "eenmalig": SchemeKind.ONE_OFF,
    "incidenteel": SchemeKind.ONE_OFF,
    "periodiek": SchemeKind.YEARLY,
    "jaarlijks": SchemeKind.YEARLY,
    "structureel": SchemeKind.YEARLY,
    "meerjarig": SchemeKind.MULTI_YEAR,
}


def _periodicity(value: object) -> str:
    text = normalise_header(value)
    if not text:
        return ""
    if text in PERIODICITIES:
        return PERIODICITIES[text]
    raise ValueError(
        _(
            "“%(value)s” is geen periodiciteit; gebruik Eenmalig, Periodiek, "
            "Jaarlijks of Meerjarig."
        )
        % {"value": _text(value)}
    )


CATEGORIES = {
    "exploitatie": BudgetCategory.BUILDINGS,
    "gebouwen": BudgetCategory.BUILDINGS,
    "accommodaties": BudgetCategory.BUILDINGS,
    "functies": BudgetCategory.FUNCTIONS,
    "functie": BudgetCategory.FUNCTIONS,
    "initiatieven": BudgetCategory.INITIATIVES,
    "bewonersinitiatieven": BudgetCategory.INITIATIVES,
    "overig": BudgetCategory.OTHER,
}
# Words in a scheme's name that say which part of the welfare budget it is.
_BUILDING_WORDS = re.compile(
    r"exploitatie|accommodatie|huisvesting|gebouw|huur|buurthuis|wijkcentr|"
    r"buurtcentr|beheer"
)
_INITIATIVE_WORDS = re.compile(r"initiatie|buurtbudget|bewonersbudget|wijkbudget")
_FUNCTION_WORDS = re.compile(
    r"welzijn|ondersteuning|mantelzorg|vrijwillig|ontmoeting|maatschappelijk|"
    r"opvang|jongerenwerk|ouderen|participatie|buurtgericht|activiteiten"
)


def _category(value: object, scheme_name: str) -> str:
    text = normalise_header(value)
    if text:
        if text in CATEGORIES:
            return CATEGORIES[text]
        for category in BudgetCategory:
            if normalise_header(category.label) == text:
                return category
        raise ValueError(
            _(
                "“%(value)s” is geen categorie; gebruik Exploitatie, Functies, "
                "Initiatieven of Overig."
            )
            % {"value": _text(value)}
        )
    name = normalise_header(scheme_name)
    if _INITIATIVE_WORDS.search(name):
        return BudgetCategory.INITIATIVES
    if _BUILDING_WORDS.search(name):
        return BudgetCategory.BUILDINGS
    if _FUNCTION_WORDS.search(name):
        return BudgetCategory.FUNCTIONS
    return BudgetCategory.OTHER


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a day)
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is geen datum; schrijf 26-02-2021 of 2021-02-26.")
        % {"value": text}
    )


_ORGANISATION_KINDS = (
    (re.compile(r"scouting"), OrganisationKind.SCOUTING),
    (re.compile(r"moskee|islamitisch"), OrganisationKind.MOSQUE),
    (re.compile(r"kerk|parochie|diaconie"), OrganisationKind.CHURCH),
    (re.compile(r"school|college|lyceum|onderwijs"), OrganisationKind.SCHOOL),
    (
        re.compile(r"sport|voetbal|hockey|tennis|korfbal|zwem|roei|knhb|knvb"),
        OrganisationKind.SPORTS_CLUB,
    ),
    (re.compile(r"woningcorporatie|woonstichting"), OrganisationKind.HOUSING),
    (re.compile(r"bewoners|buurtvereniging"), OrganisationKind.RESIDENTS),
    (re.compile(r"vrijwilligers"), OrganisationKind.VOLUNTEERS),
    (
        re.compile(r"museum|theater|cultuur|kunst|festival|orkest|muziek|film"),
        OrganisationKind.CULTURE,
    ),
    (re.compile(r"welzijn"), OrganisationKind.WELFARE),
    (re.compile(r"zorg"), OrganisationKind.CARE),
    (re.compile(r"\bbv\b|b v\b"), OrganisationKind.BUSINESS),
)


def _organisation_kind(name: str) -> str:
    text = normalise_header(name)
    for pattern, kind in _ORGANISATION_KINDS:
        if pattern.search(text):
            return kind
    return OrganisationKind.OTHER


def _unique_slug(base: str, taken: set[str], *, max_length: int, fallback: str) -> str:
    base = slugify(base)[: max_length - 8].strip("-") or fallback
    return unique_slug(base, taken, max_length=max_length)


# PLANNING
# ------------------------------------------------------------------------------


class Action:
    CREATE = "nieuw"
    UPDATE = "bijgewerkt"
    UNCHANGED = "ongewijzigd"


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("nieuw"),
    Action.UPDATE: gettext_lazy("bijgewerkt"),
    Action.UNCHANGED: gettext_lazy("ongewijzigd"),
}


@dataclass
class PlannedOrganisation:
    name: str
    existing: Organisation | None = None
    kvk_number: str | None = None
    slug: str = ""
    kind: str = OrganisationKind.OTHER
    instance: Organisation | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclass
class PlannedScheme:
    name: str
    existing: SubsidyScheme | None = None
    slug: str = ""
    category: str = BudgetCategory.OTHER
    kinds: Counter = field(default_factory=Counter)
    instance: SubsidyScheme | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclass
class PlannedTheme:
    name: str
    existing: Theme | None = None
    slug: str = ""
    instance: Theme | None = None


@dataclass
class RowPlan:
    location: str
    action: str
    recipient_name: str  # as the row writes it
    recipient: PlannedOrganisation
    scheme: PlannedScheme
    theme: PlannedTheme | None
    reference: str
    year: int
    last_year: int | None
    purpose: str
    status: str
    amount_requested: Decimal | None
    amount_granted: Decimal | None
    amount_settled: Decimal | None
    periodicity: str
    funding_department: str
    neighbourhood: Neighbourhood | None
    decided_on: date | None
    existing: Grant | None = None
    changed_fields: list[str] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])

    @property
    def status_label(self) -> str:
        return str(GrantStatus(self.status).label)


@dataclass
class RowError:
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location[:1].upper()}{self.location[1:]}: {self.message}"


@dataclass
class ImportPlan:
    municipality: Municipality
    framework: PolicyFramework | None
    mapping: dict[str, str]
    unused_headers: list[str]
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(Action.UNCHANGED)

    @property
    def total_granted(self) -> Decimal:
        return sum((row.amount_granted or Decimal(0) for row in self.rows), Decimal(0))

    @property
    def total_requested(self) -> Decimal:
        return sum(
            (row.amount_requested or Decimal(0) for row in self.rows), Decimal(0)
        )

    def _distinct(self, attribute: str) -> list:
        seen: dict[int, object] = {}
        for row in self.rows:
            item = getattr(row, attribute)
            if item is not None:
                seen.setdefault(id(item), item)
        return list(seen.values())

    @property
    def new_organisations(self) -> list[PlannedOrganisation]:
        return [o for o in self._distinct("recipient") if o.is_new]

    @property
    def matched_organisations(self) -> list[PlannedOrganisation]:
        return [o for o in self._distinct("recipient") if not o.is_new]

    @property
    def new_schemes(self) -> list[PlannedScheme]:
        return [s for s in self._distinct("scheme") if s.is_new]

    @property
    def new_themes(self) -> list[PlannedTheme]:
        return [t for t in self._distinct("theme") if t.existing is None]

    @property
    def mapped_columns(self) -> list[tuple[str, str]]:
        """(header in the file, what the portal reads it as), in the portal's order."""
        return [
            (self.mapping[column.key], str(column.label))
            for column in COLUMNS
            if column.key in self.mapping
        ]

    def summary(self) -> str:
        return _(
            "%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd; "
            "totaal verleend %(total)s."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "total": euro(self.total_granted),
        }


class _Planner:
    """Reads every row against what the database holds, in a fixed number of queries."""

    def __init__(self, table, municipality, framework):
        self.table = table
        self.municipality = municipality
        self.framework = framework
        mapping, unused = map_columns(table.headers)
        self.mapping = mapping
        self.plan = ImportPlan(municipality, framework, mapping, unused)

    def cell(self, row: SourceRow, key: str) -> object:
        header = self.mapping.get(key)
        return row.values.get(header) if header else None

    def run(self) -> ImportPlan:
        missing = [c for c in COLUMNS if c.required and c.key not in self.mapping]
        if missing:
            for column in missing:
                self.plan.errors.append(
                    RowError(
                        _("het bestand"),
                        _(
                            "de kolom %(label)s ontbreekt; het portaal herkent haar als "
                            "%(aliases)s."
                        )
                        % {
                            "label": column.label,
                            "aliases": ", ".join(
                                a.capitalize() for a in column.aliases
                            ),
                        },
                    )
                )
            return self.plan
        if not self.table.rows:
            self.plan.errors.append(
                RowError(_("het bestand"), _("er staan geen rijen in."))
            )
            return self.plan
        self._load()
        parsed = [self._parse(row) for row in self.table.rows]
        self._match_existing_grants([p for p in parsed if p is not None])
        self._check_ceilings()
        return self.plan

    # What the database already holds: one query per kind of thing.
    def _load(self) -> None:
        self.organisations_by_name: dict[str, Organisation] = {}
        self.organisations_by_kvk: dict[str, Organisation] = {}
        self.organisation_slugs: set[str] = set()
        for organisation in Organisation.objects.only(
            "id", "name", "slug", "kvk_number", "municipality_id"
        ).order_by("id"):
            key = normalise_name(organisation.name)
            current = self.organisations_by_name.get(key)
            # Two with the same name: prefer the one in this municipality.
            if current is None or (
                current.municipality_id != self.municipality.pk
                and organisation.municipality_id == self.municipality.pk
            ):
                self.organisations_by_name[key] = organisation
            if organisation.kvk_number:
                self.organisations_by_kvk[organisation.kvk_number] = organisation
            self.organisation_slugs.add(organisation.slug)
        self.schemes_by_name: dict[str, SubsidyScheme] = {}
        self.scheme_slugs: set[str] = set()
        for scheme in SubsidyScheme.objects.only(
            "id", "name", "slug", "municipality_id", "ceiling"
        ):
            if scheme.municipality_id == self.municipality.pk:
                self.schemes_by_name[normalise_name(scheme.name)] = scheme
            self.scheme_slugs.add(scheme.slug)
        self.themes_by_name: dict[str, Theme] = {}
        self.theme_slugs: set[str] = set()
        for theme in Theme.objects.only("id", "name", "slug"):
            self.themes_by_name[normalise_header(theme.name)] = theme
            self.theme_slugs.add(theme.slug)
        self.neighbourhoods: dict[str, Neighbourhood] = {}
        if "neighbourhood" in self.mapping:
            for neighbourhood in Neighbourhood.objects.filter(
                municipality=self.municipality
            ):
                self.neighbourhoods[neighbourhood.cbs_code.lower()] = neighbourhood
                self.neighbourhoods[normalise_header(neighbourhood.name)] = (
                    neighbourhood
                )
        self.planned_organisations: dict[str, PlannedOrganisation] = {}
        self.planned_schemes: dict[str, PlannedScheme] = {}
        self.planned_themes: dict[str, PlannedTheme] = {}
        self.reference_counts: Counter = Counter()

    def _error(self, row: SourceRow, message: str) -> None:
        self.plan.errors.append(RowError(row.location, message))

    def _parse(self, row: SourceRow) -> RowPlan | None:
        errors_before = len(self.plan.errors)
        recipient_name = _text(self.cell(row, "recipient"))
        scheme_name = _text(self.cell(row, "scheme"))
        if not recipient_name:
            self._error(row, _("de ontvanger ontbreekt."))
        elif len(recipient_name) > 200:
            self._error(row, _("de naam van de ontvanger is langer dan 200 tekens."))
        if not scheme_name:
            self._error(row, _("de regeling ontbreekt."))
        elif len(scheme_name) > 250:
            self._error(row, _("de naam van de regeling is langer dan 250 tekens."))
        year = last_year = None
        try:
            year, last_year = _year(self.cell(row, "year"))
        except ValueError as error:
            self._error(row, str(error))
        amounts = {}
        for key in ("requested", "granted", "settled"):
            try:
                amounts[key] = parse_amount(self.cell(row, key))
            except AmountError as error:
                label = COLUMNS_BY_KEY[key].label
                self._error(row, f"{label}: {error}")
                amounts[key] = None
        if (
            "granted" in amounts
            and amounts["granted"] is None
            and not (len(self.plan.errors) > errors_before)
        ):
            # An empty granted amount: still under consideration.
            pass
        try:
            periodicity = _periodicity(self.cell(row, "periodicity"))
        except ValueError as error:
            self._error(row, str(error))
            periodicity = ""
        if last_year is not None and not periodicity:
            periodicity = SchemeKind.MULTI_YEAR
        try:
            decided_on = _date(self.cell(row, "decided_on"))
        except ValueError as error:
            self._error(row, str(error))
            decided_on = None
        category = BudgetCategory.OTHER
        try:
            category = _category(self.cell(row, "category"), scheme_name)
        except ValueError as error:
            self._error(row, str(error))
        kvk = re.sub(r"\D", "", _text(self.cell(row, "kvk"))) or None
        if kvk is not None and len(kvk) != 8:
            self._error(
                row,
                _("“%(value)s” is geen KvK-nummer (acht cijfers).")
                % {"value": _text(self.cell(row, "kvk"))},
            )
        neighbourhood = None
        neighbourhood_text = _text(self.cell(row, "neighbourhood"))
        if neighbourhood_text:
            neighbourhood = self.neighbourhoods.get(
                neighbourhood_text.lower()
            ) or self.neighbourhoods.get(normalise_header(neighbourhood_text))
            if neighbourhood is None:
                self._error(
                    row,
                    _("de wijk “%(value)s” ligt niet in %(municipality)s.")
                    % {"value": neighbourhood_text, "municipality": self.municipality},
                )
        purpose = _text(self.cell(row, "purpose")) or scheme_name
        if len(purpose) > 500:
            self._error(row, _("het doel is langer dan 500 tekens."))
        department = _text(self.cell(row, "department"))[:200]
        if len(self.plan.errors) > errors_before:
            return None

        granted, settled = amounts["granted"], amounts["settled"]
        if settled is not None and settled > 0 and granted:
            status = GrantStatus.SETTLED
        elif granted is None:
            status = GrantStatus.REQUESTED
        elif granted == 0:
            status = GrantStatus.REFUSED
        else:
            status = GrantStatus.GRANTED
        if settled is not None and status != GrantStatus.SETTLED and settled > 0:
            self._error(
                row, _("er is een vastgesteld bedrag maar geen verleend bedrag.")
            )
            return None

        recipient = self._organisation(recipient_name, kvk)
        scheme = self._scheme(scheme_name, category)
        scheme.kinds[periodicity or SchemeKind.YEARLY] += 1
        theme_text = _text(self.cell(row, "theme"))[:100]
        theme = self._theme(theme_text) if theme_text else None
        reference = _text(self.cell(row, "reference"))[:50]
        if not reference:
            reference = self._derived_reference(
                year, scheme_name, recipient_name, purpose
            )
        self.reference_counts[reference] += 1
        if self.reference_counts[reference] > 1:
            self._error(
                row,
                _("het kenmerk %(reference)s staat al op een eerdere rij.")
                % {"reference": reference},
            )
            return None
        planned = RowPlan(
            location=row.location,
            action=Action.CREATE,
            recipient_name=recipient_name,
            recipient=recipient,
            scheme=scheme,
            theme=theme,
            reference=reference,
            year=year,
            last_year=last_year,
            purpose=purpose,
            status=status,
            amount_requested=amounts["requested"],
            amount_granted=granted,
            amount_settled=settled,
            periodicity=periodicity,
            funding_department=department,
            neighbourhood=neighbourhood,
            decided_on=decided_on,
        )
        self.plan.rows.append(planned)
        return planned

    def _derived_reference(self, year, scheme_name, recipient_name, purpose) -> str:
        """A kenmerk for a row without one; the n-th identical row gets -n."""
        key = "|".join(
            [
                self.municipality.cbs_code,
                str(year),
                normalise_name(scheme_name),
                normalise_name(recipient_name),
                normalise_name(purpose),
            ]
        )
        digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:12]
        base = f"{self.municipality.cbs_code}-{year}-{digest}"
        occurrence = self._occurrences = getattr(self, "_occurrences", Counter())
        occurrence[base] += 1
        return base if occurrence[base] == 1 else f"{base}-{occurrence[base]}"

    def _organisation(self, name: str, kvk: str | None) -> PlannedOrganisation:
        key = f"kvk:{kvk}" if kvk else f"naam:{normalise_name(name)}"
        if key in self.planned_organisations:
            return self.planned_organisations[key]
        existing = (self.organisations_by_kvk.get(kvk) if kvk else None) or (
            self.organisations_by_name.get(normalise_name(name))
        )
        planned = PlannedOrganisation(name=name, existing=existing, kvk_number=kvk)
        if existing is None:
            planned.slug = _unique_slug(
                name, self.organisation_slugs, max_length=220, fallback="organisatie"
            )
            planned.kind = _organisation_kind(name)
            name_key = f"naam:{normalise_name(name)}"
            # A later row naming it without KvK number finds the same one.
            self.planned_organisations.setdefault(name_key, planned)
        self.planned_organisations[key] = planned
        return planned

    def _scheme(self, name: str, category: str) -> PlannedScheme:
        key = normalise_name(name)
        if key not in self.planned_schemes:
            existing = self.schemes_by_name.get(key)
            planned = PlannedScheme(name=name, existing=existing, category=category)
            if existing is None:
                planned.slug = _unique_slug(
                    f"{self.municipality.slug} {name}",
                    self.scheme_slugs,
                    max_length=250,
                    fallback="regeling",
                )
            self.planned_schemes[key] = planned
        return self.planned_schemes[key]

    def _theme(self, name: str) -> PlannedTheme:
        key = normalise_header(name)
        if key not in self.planned_themes:
            existing = self.themes_by_name.get(key)
            planned = PlannedTheme(name=name, existing=existing)
            if existing is None:
                planned.slug = _unique_slug(
                    name, self.theme_slugs, max_length=100, fallback="thema"
                )
            self.planned_themes[key] = planned
        return self.planned_themes[key]

    def _match_existing_grants(self, rows: list[RowPlan]) -> None:
        by_reference = {row.reference: row for row in rows}
        existing = Grant.objects.filter(reference__in=list(by_reference))
        for grant in existing:
            row = by_reference[grant.reference]
            row.existing = grant
            changes = self._changes(grant, row)
            if not changes:
                row.action = Action.UNCHANGED
                continue
            row.action = Action.UPDATE
            row.changed_fields = changes
            if "status" in changes and row.status not in GRANT_TRANSITIONS.get(
                grant.status, ()
            ):
                self.plan.errors.append(
                    RowError(
                        row.location,
                        _(
                            "deze subsidie (%(reference)s) is %(current)s; naar "
                            "%(new)s kan niet. Trek haar zo nodig in via de subsidie "
                            "in de beheeromgeving."
                        )
                        % {
                            "reference": grant.reference,
                            "current": grant.get_status_display().lower(),
                            "new": GrantStatus(row.status).label.lower(),
                        },
                    )
                )

    def _changes(self, grant: Grant, row: RowPlan) -> list[str]:
        wanted = {
            "year": row.year,
            "last_year": row.last_year,
            "purpose": row.purpose,
            "status": row.status,
            "amount_requested": row.amount_requested,
            "amount_granted": row.amount_granted,
            "periodicity": row.periodicity,
            "funding_department": row.funding_department,
        }
        if "settled" in self.mapping:
            wanted["amount_settled"] = row.amount_settled
        if "neighbourhood" in self.mapping:
            wanted["neighbourhood_id"] = getattr(row.neighbourhood, "pk", None)
        if "decided_on" in self.mapping:
            wanted["decided_on"] = row.decided_on
        changes = [
            name for name, value in wanted.items() if getattr(grant, name) != value
        ]
        if row.recipient.is_new or grant.organisation_id != row.recipient.existing.pk:
            changes.append("organisation")
        if row.scheme.is_new or grant.scheme_id != row.scheme.existing.pk:
            changes.append("scheme")
        theme_id = row.theme.existing.pk if row.theme and row.theme.existing else None
        if (row.theme is not None and row.theme.existing is None) or (
            grant.theme_id != theme_id
        ):
            changes.append("theme")
        return changes

    def _check_ceilings(self) -> None:
        schemes = {
            row.scheme.existing.pk: row.scheme.existing
            for row in self.plan.rows
            if row.scheme.existing is not None
            and row.scheme.existing.ceiling is not None
        }
        if not schemes:
            return
        totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        for item in (
            Grant.objects.filter(scheme_id__in=schemes, status__in=COMMITTED_STATUSES)
            .values("scheme_id", "year")
            .annotate(total=Sum("amount_granted"))
        ):
            totals[(item["scheme_id"], item["year"])] = item["total"]
        last_row: dict[tuple[int, int], RowPlan] = {}
        for row in self.plan.rows:
            old = row.existing
            if old is not None and old.status in COMMITTED_STATUSES:
                totals[(old.scheme_id, old.year)] -= old.amount_granted or 0
            scheme = row.scheme.existing
            if scheme is None or scheme.pk not in schemes:
                continue
            if row.status in COMMITTED_STATUSES:
                totals[(scheme.pk, row.year)] += row.amount_granted or 0
                last_row[(scheme.pk, row.year)] = row
        for (scheme_id, year), total in totals.items():
            scheme = schemes.get(scheme_id)
            if (
                scheme is not None
                and total > scheme.ceiling
                and (scheme_id, year) in (last_row)
            ):
                self.plan.errors.append(
                    RowError(
                        last_row[(scheme_id, year)].location,
                        ceiling_exceeded_message(scheme=scheme, year=year, total=total),
                    )
                )


def plan_import(
    table: RegisterTable,
    *,
    municipality: Municipality,
    framework: PolicyFramework | None = None,
) -> ImportPlan:
    """What importing `table` would do; writes nothing."""
    return _Planner(table, municipality, framework).run()


# WRITING
# ------------------------------------------------------------------------------


class RegisterImportError(ValueError):
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__("\n".join(str(error) for error in plan.errors))


GRANT_FIELDS = (
    "scheme",
    "organisation",
    "theme",
    "year",
    "last_year",
    "purpose",
    "status",
    "amount_requested",
    "amount_granted",
    "amount_settled",
    "periodicity",
    "funding_department",
    "neighbourhood",
    "decided_on",
)


@transaction.atomic
def apply_import(plan: ImportPlan) -> ImportPlan:
    """Write a plan without errors: all rows or none."""
    if not plan.is_valid:
        raise RegisterImportError(plan)
    municipality = plan.municipality

    new_themes = plan.new_themes
    Theme.objects.bulk_create(
        [Theme(name=theme.name, slug=theme.slug) for theme in new_themes],
        batch_size=BATCH_SIZE,
    )
    # bulk_create fills in the primary keys on PostgreSQL.
    created_themes = Theme.objects.filter(slug__in=[t.slug for t in new_themes])
    by_slug = {theme.slug: theme for theme in created_themes} if new_themes else {}
    for theme in new_themes:
        theme.instance = by_slug[theme.slug]

    new_organisations = plan.new_organisations
    granted_to = {
        id(row.recipient) for row in plan.rows if row.status in COMMITTED_STATUSES
    }
    organisations = [
        Organisation(
            name=organisation.name,
            slug=organisation.slug,
            kind=organisation.kind,
            kvk_number=organisation.kvk_number,
            municipality=municipality,
            is_subsidised=id(organisation) in granted_to,
        )
        for organisation in new_organisations
    ]
    Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
    for planned, instance in zip(new_organisations, organisations, strict=True):
        planned.instance = instance

    new_schemes = plan.new_schemes
    schemes = [
        SubsidyScheme(
            name=scheme.name,
            slug=scheme.slug,
            municipality=municipality,
            framework=plan.framework,
            kind=scheme.kinds.most_common(1)[0][0]
            if scheme.kinds
            else SchemeKind.YEARLY,
            category=scheme.category,
        )
        for scheme in new_schemes
    ]
    SubsidyScheme.objects.bulk_create(schemes, batch_size=BATCH_SIZE)
    for planned, instance in zip(new_schemes, schemes, strict=True):
        planned.instance = instance

    to_create: list[Grant] = []
    to_update: list[Grant] = []
    for row in plan.rows:
        if row.action == Action.UNCHANGED:
            continue
        grant = (
            row.existing if row.existing is not None else Grant(reference=row.reference)
        )
        grant.scheme = row.scheme.existing or row.scheme.instance
        grant.organisation = row.recipient.existing or row.recipient.instance
        grant.theme = (
            (row.theme.existing or row.theme.instance)
            if row.theme is not None
            else None
        )
        grant.year = row.year
        grant.last_year = row.last_year
        grant.purpose = row.purpose
        grant.status = row.status
        grant.amount_requested = row.amount_requested
        grant.amount_granted = row.amount_granted
        grant.periodicity = row.periodicity
        grant.funding_department = row.funding_department
        if "settled" in plan.mapping or row.existing is None:
            grant.amount_settled = row.amount_settled
        if "neighbourhood" in plan.mapping or row.existing is None:
            grant.neighbourhood = row.neighbourhood
        if "decided_on" in plan.mapping or row.existing is None:
            grant.decided_on = row.decided_on
        (to_update if row.existing is not None else to_create).append(grant)
    Grant.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    _bulk_update(to_update, GRANT_FIELDS)
    return plan


def _bulk_update(grants: list[Grant], field_names: Iterable[str]) -> None:
    """UPDATE … FROM (VALUES …): one statement per batch whose cost grows with the
    rows. (Django's bulk_update writes a CASE with a branch per row for every column,
    which PostgreSQL evaluates per row: quadratic, minutes for 30,000 rows.)"""
    if not grants:
        return
    fields = [Grant._meta.get_field(name) for name in field_names]
    pk = Grant._meta.pk
    columns = [pk, *fields]
    quote = connection.ops.quote_name
    table = quote(Grant._meta.db_table)
    row_sql = (
        "(" + ", ".join(f"%s::{f.cast_db_type(connection)}" for f in columns) + ")"
    )
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    names = ", ".join(quote(f.column) for f in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(grants), BATCH_SIZE):
            batch = grants[start : start + BATCH_SIZE]
            params = [
                field.get_db_prep_save(getattr(grant, field.attname), connection)
                for grant in batch
                for field in columns
            ]
            cursor.execute(
                f"UPDATE {table} AS g SET {assignments} "  # noqa: S608 (names only)
                f"FROM (VALUES {', '.join([row_sql] * len(batch))}) AS v({names}) "
                f"WHERE g.{quote(pk.column)} = v.{quote(pk.column)}",
                params,
            )


def import_register(
    table: RegisterTable,
    *,
    municipality: Municipality,
    framework: PolicyFramework | None = None,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan and, unless a dry run, write; raises RegisterImportError on any bad row."""
    plan = plan_import(table, municipality=municipality, framework=framework)
    if not plan.is_valid:
        raise RegisterImportError(plan)
    if not dry_run:
        apply_import(plan)
    return plan
