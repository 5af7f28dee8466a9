"""Reading CBS wijk boundaries from GeoJSON.

The parser checks a whole FeatureCollection before anything is written, so an
import is all-or-nothing: one bad feature and the person gets every problem at
once, each with its position, instead of a half-imported map. It returns plain
dataclasses and never touches the database; `services.neighbourhoods_import`
does the writing.
"""

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# CBS codes: the wijk code repeats the municipality's four digits (WK0034.. is in
# GM0034). [0-9], not \d, so that other scripts' digits do not pass.
WIJK_CODE = re.compile(r"WK([0-9]{4})[0-9]{2}")
MUNICIPALITY_CODE = re.compile(r"GM([0-9]{4})")
YEAR_CODE = re.compile(r"([0-9]{4})(.*)", re.DOTALL)

# The models' max_length for a name (Neighbourhood.name, Municipality.name).
NAME_MAX_LENGTH = 100

# Messages as constants, one text for callers and translators; a Problem adds the
# feature's position and the field the person must fix.
NOT_UTF8 = _("Het bestand is geen UTF-8-tekst (byte %(position)s).")
NOT_JSON = _(
    "Het bestand is geen geldige JSON: fout op regel %(line)s, kolom %(column)s "
    "(%(error)s)."
)
NOT_FEATURE_COLLECTION = _("Het bestand is geen GeoJSON-FeatureCollection.")
NO_FEATURES = _("De FeatureCollection bevat geen features.")
NOT_A_FEATURE = _('dit is geen GeoJSON-Feature (met "type": "Feature")')
NO_PROPERTIES = _("de properties ontbreken")
MISSING = _("ontbreekt")
NOT_TEXT = _("moet tekst zijn, niet %(value)s")
NOT_WIJK_CODE = _("'%(value)s' is geen wijkcode (WK gevolgd door zes cijfers)")
NOT_MUNICIPALITY_CODE = _(
    "'%(value)s' is geen gemeentecode (GM gevolgd door vier cijfers)"
)
WIJK_OUTSIDE_MUNICIPALITY = _("wijk %(statcode)s hoort niet bij gemeente %(gm_code)s")
BAD_YEAR_CODE = _("'%(value)s' is niet het jaar gevolgd door %(statcode)s")
NOT_WIJK_RUBRIEK = _("'%(value)s' is geen wijk")
NAME_TOO_LONG = _("de naam is langer dan %(max)s tekens")
NAME_WITHOUT_SLUG = _("de naam '%(value)s' bevat geen letters of cijfers voor een URL")
OTHER_MUNICIPALITY_NAME = _(
    "gemeente %(gm_code)s heet eerder in het bestand '%(first)s', hier '%(value)s'"
)
DUPLICATE_CODE = _("wijk %(statcode)s staat ook al in feature %(first)s")
GEOMETRY_MISSING = _("de geometrie ontbreekt")
GEOMETRY_TYPE = _("het type is %(value)s; alleen Polygon en MultiPolygon kunnen")
COORDINATES_MISSING = _("de coördinaten ontbreken")
NO_POLYGONS = _("de coördinaten bevatten geen polygonen")
NO_RINGS = _("%(polygon)s heeft geen ringen")
RING_TOO_SHORT = _("%(ring)s heeft %(count)s punten; een ring heeft er minstens 4")
RING_NOT_CLOSED = _(
    "%(ring)s is niet gesloten: het eerste punt %(first)s is niet het laatste %(last)s"
)
POINT_NOT_NUMBERS = _(
    "punt %(number)s van %(ring)s moet [lengte, breedte] in getallen zijn, niet %(value)s"
)
LONGITUDE_RANGE = _(
    "punt %(number)s van %(ring)s: lengtegraad %(value)s ligt niet tussen -180 en 180"
)
LATITUDE_RANGE = _(
    "punt %(number)s van %(ring)s: breedtegraad %(value)s ligt niet tussen -90 en 90"
)
EXTERIOR = _("de buitenrand")
HOLE = _("gat %(number)s")
OF_POLYGON = _("%(ring)s van polygoon %(number)s")
POLYGON = _("polygoon %(number)s")
THE_POLYGON = _("de polygoon")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; `feature` counts from 1, None for the file."""

    message: str
    feature: int | None = None
    statcode: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        if self.feature is None:
            return self.message
        where = f"Feature {self.feature}"
        if self.statcode:
            where += f" ({self.statcode})"
        if self.field:
            where += f", {self.field}"
        return f"{where}: {self.message}"


class WijkImportError(Exception):
    """The file cannot be imported; `problems` lists everything found, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class WijkFeature:
    """One valid wijk of the file, ready for the import service."""

    position: int  # in the file, counting from 1, for messages after parsing
    cbs_code: str
    cbs_year: int
    name: str
    municipality_code: str
    municipality_name: str
    boundary: dict[str, Any]  # {"type": "Polygon" | "MultiPolygon", "coordinates": …}


def parse_wijken(content: bytes) -> list[WijkFeature]:
    """Read a CBS wijk FeatureCollection, or raise WijkImportError with all problems.

    Takes bytes because GeoJSON is UTF-8 by definition (RFC 7946); json.loads would
    otherwise guess UTF-16 and similar, hiding an export in the wrong encoding.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WijkImportError([Problem(NOT_UTF8 % {"position": error.start})]) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        problem = NOT_JSON % {
            "error": error.msg,
            "line": error.lineno,
            "column": error.colno,
        }
        raise WijkImportError([Problem(problem)]) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise WijkImportError([Problem(str(NOT_FEATURE_COLLECTION))])
    raw_features = document.get("features")
    if not isinstance(raw_features, list):
        raise WijkImportError([Problem(str(NOT_FEATURE_COLLECTION))])
    if not raw_features:
        raise WijkImportError([Problem(str(NO_FEATURES))])

    problems: list[Problem] = []
    features: list[WijkFeature] = []
    first_position: dict[str, int] = {}
    municipality_names: dict[str, str] = {}
    for position, raw in enumerate(raw_features, start=1):
        feature, feature_problems = _parse_feature(position, raw)
        problems += feature_problems
        if feature is None:
            continue
        code = feature.cbs_code
        if code in first_position:
            message = DUPLICATE_CODE % {"statcode": code, "first": first_position[code]}
            problems.append(Problem(message, position, code, "statcode"))
            continue
        first_position[code] = position
        gm_code, gm_name = feature.municipality_code, feature.municipality_name
        first_name = municipality_names.setdefault(gm_code, gm_name)
        if first_name != gm_name:
            message = OTHER_MUNICIPALITY_NAME % {
                "gm_code": gm_code,
                "first": first_name,
                "value": gm_name,
            }
            problems.append(Problem(message, position, code, "gm_naam"))
        features.append(feature)
    if problems:
        raise WijkImportError(problems)
    return features


def _parse_feature(position: int, raw: Any) -> tuple[WijkFeature | None, list[Problem]]:
    """Check one feature; return it only when it has no problems at all."""
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        return None, [Problem(str(NOT_A_FEATURE), position)]
    properties = raw.get("properties")
    if not isinstance(properties, dict):
        return None, [Problem(str(NO_PROPERTIES), position, field="properties")]

    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(message, position, statcode, field))

    statcode, message = _text(properties, "statcode")
    if message is None and not WIJK_CODE.fullmatch(statcode):
        message = NOT_WIJK_CODE % {"value": statcode}
    if message is not None:
        statcode = ""  # only a valid code identifies the feature in messages
        problem("statcode", message)

    year_code, message = _text(properties, "jrstatcode")
    year_match = YEAR_CODE.fullmatch(year_code)
    if message is None and statcode and (not year_match or year_match[2] != statcode):
        message = BAD_YEAR_CODE % {"value": year_code, "statcode": statcode}
    if message is not None:
        problem("jrstatcode", message)

    rubriek = properties.get("rubriek")
    if rubriek is not None and rubriek != "wijk":
        problem("rubriek", NOT_WIJK_RUBRIEK % {"value": rubriek})

    name, message = _name(properties, "statnaam")
    if message is not None:
        problem("statnaam", message)

    gm_code, message = _text(properties, "gm_code")
    gm_match = MUNICIPALITY_CODE.fullmatch(gm_code)
    if message is None and not gm_match:
        message = NOT_MUNICIPALITY_CODE % {"value": gm_code}
    if message is not None:
        problem("gm_code", message)
    elif statcode and statcode[2:6] != gm_match[1]:
        problem(
            "gm_code",
            WIJK_OUTSIDE_MUNICIPALITY % {"statcode": statcode, "gm_code": gm_code},
        )

    gm_name, message = _name(properties, "gm_naam")
    if message is not None:
        problem("gm_naam", message)

    geometry = raw.get("geometry")
    message = geometry_problem(geometry)
    if message is not None:
        problem("geometry", message)

    if problems:
        return None, problems
    feature = WijkFeature(
        position=position,
        cbs_code=statcode,
        cbs_year=int(year_match[1]),
        name=name,
        municipality_code=gm_code,
        municipality_name=gm_name,
        # Only what a geometry is; foreign members such as "bbox" are not kept.
        boundary={"type": geometry["type"], "coordinates": geometry["coordinates"]},
    )
    return feature, []


def _text(properties: Mapping[str, Any], key: str) -> tuple[str, str | None]:
    """A non-empty string property, or "" and the reason it is not one."""
    value = properties.get(key)
    if value is None or value == "":
        return "", str(MISSING)
    if not isinstance(value, str):
        return "", NOT_TEXT % {"value": json.dumps(value, ensure_ascii=False)}
    return value, None


def _name(properties: Mapping[str, Any], key: str) -> tuple[str, str | None]:
    """A name that fits the model and yields a slug for the public URL."""
    value, message = _text(properties, key)
    value = value.strip()
    if message is None and not value:
        message = str(MISSING)
    elif message is None and len(value) > NAME_MAX_LENGTH:
        message = NAME_TOO_LONG % {"max": NAME_MAX_LENGTH}
    elif message is None and not slugify(value):
        message = NAME_WITHOUT_SLUG % {"value": value}
    return value, message


def geometry_problem(geometry: Any) -> str | None:
    """The first thing wrong with a Polygon or MultiPolygon, or None if it is usable.

    Stops at the first problem: a file with coordinates as strings would otherwise
    give one message per point.
    """
    if not isinstance(geometry, dict) or not geometry:
        return str(GEOMETRY_MISSING)
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        polygons, numbered = [coordinates], False
    elif kind == "MultiPolygon":
        polygons, numbered = coordinates, True
    else:
        return GEOMETRY_TYPE % {"value": json.dumps(kind)}
    if coordinates is None:
        return str(COORDINATES_MISSING)
    if not isinstance(polygons, list) or not polygons:
        return str(NO_POLYGONS)
    for polygon_number, rings in enumerate(polygons, start=1):
        if not isinstance(rings, list) or not rings:
            name = POLYGON % {"number": polygon_number} if numbered else THE_POLYGON
            return NO_RINGS % {"polygon": name}
        for ring_number, ring in enumerate(rings, start=1):
            name = EXTERIOR if ring_number == 1 else HOLE % {"number": ring_number - 1}
            if numbered:
                name = OF_POLYGON % {"ring": name, "number": polygon_number}
            message = _ring_problem(ring, str(name))
            if message is not None:
                return message
    return None


def _ring_problem(ring: Any, name: str) -> str | None:
    """The first thing wrong with a linear ring of [lon, lat] positions."""
    if not isinstance(ring, list) or len(ring) < 4:
        count = len(ring) if isinstance(ring, list) else 0
        return RING_TOO_SHORT % {"ring": name, "count": count}
    for number, point in enumerate(ring, start=1):
        if not _is_position(point):
            return POINT_NOT_NUMBERS % {
                "number": number,
                "ring": name,
                "value": json.dumps(point, ensure_ascii=False),
            }
        lon, lat = point[0], point[1]
        if not -180 <= lon <= 180:
            return LONGITUDE_RANGE % {"number": number, "ring": name, "value": lon}
        if not -90 <= lat <= 90:
            return LATITUDE_RANGE % {"number": number, "ring": name, "value": lat}
    if ring[0][:2] != ring[-1][:2]:
        return RING_NOT_CLOSED % {
            "ring": name,
            "first": json.dumps(ring[0]),
            "last": json.dumps(ring[-1]),
        }
    return None


def _is_position(point: Any) -> bool:
    """[lon, lat] or [lon, lat, height] in finite numbers (bool is not a number here)."""
    return (
        isinstance(point, list)
        and len(point) in (2, 3)
        and all(
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            for value in point
        )
    )
