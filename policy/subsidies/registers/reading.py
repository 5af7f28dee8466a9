"""Reading a register file (CSV, XLSX or JSON) into rows, and reading the cells of a row."""

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.slugs import unique_slug
from core.uploads import detect_type, limit_rows, validate_unpacked_size
from neighbourhoods.models import (
    OrganisationKind,
)

from ...models import (
    BudgetCategory,
    SchemeKind,
)
from .columns import (
    map_columns,
    normalise_header,
)


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
