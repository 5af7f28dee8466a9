"""Reading CBS buurten (codes, names and their wijk) from GeoJSON, all or nothing.

The same shape as the wijken file (geojson.parse_wijken): a FeatureCollection whose
features carry the codes in their properties, as CBS publishes them: `buurtcode`,
`buurtnaam`, `wijkcode`, `gemeentecode` (the gebiedsindelingen spelling `statcode`,
`statnaam`, `wk_code`, `gm_code` is read too). Every problem of the file is
reported at once, with the feature's position; nothing touches the database here.
A buurt's geometry, when present, is checked like a wijk's and stored as its
boundary; a feature without geometry keeps the boundary the buurt had.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .geojson import (
    MUNICIPALITY_CODE,
    NO_FEATURES,
    NO_PROPERTIES,
    NOT_A_FEATURE,
    NOT_FEATURE_COLLECTION,
    NOT_JSON,
    NOT_MUNICIPALITY_CODE,
    NOT_UTF8,
    NOT_WIJK_CODE,
    WIJK_CODE,
    Problem,
    WijkImportError,
    _name,
    _text,
    geometry_problem,
)

# A buurt code repeats its wijk's six digits (BU00340101 lies in WK003401).
BUURT_CODE = re.compile(r"BU([0-9]{6})[0-9]{2}")

NOT_BUURT_CODE = _("'%(value)s' is geen buurtcode (BU gevolgd door acht cijfers)")
BUURT_OUTSIDE_WIJK = _("buurt %(buurtcode)s hoort niet bij wijk %(wijkcode)s")
WIJK_OUTSIDE_MUNICIPALITY = _(
    "wijk %(wijkcode)s hoort niet bij gemeente %(gemeentecode)s"
)
DUPLICATE_BUURT = _("buurt %(buurtcode)s staat ook al in feature %(first)s")

# Each property under its CBS name, then the gebiedsindelingen name.
PROPERTIES = {
    "buurtcode": ("buurtcode", "statcode"),
    "buurtnaam": ("buurtnaam", "statnaam"),
    "wijkcode": ("wijkcode", "wk_code"),
    "gemeentecode": ("gemeentecode", "gm_code"),
}


@dataclass(frozen=True)
class BuurtFeature:
    """One valid buurt of the file, ready for services.buurten_import."""

    position: int
    cbs_code: str
    name: str
    wijk_code: str
    municipality_code: str
    boundary: dict[str, Any] | None = None


def parse_buurten(content: bytes) -> list[BuurtFeature]:
    """Read a CBS buurten FeatureCollection, or raise WijkImportError with all
    problems."""
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
    features: list[BuurtFeature] = []
    first_position: dict[str, int] = {}
    for position, raw in enumerate(raw_features, start=1):
        feature, feature_problems = _parse_feature(position, raw)
        problems += feature_problems
        if feature is None:
            continue
        if feature.cbs_code in first_position:
            message = DUPLICATE_BUURT % {
                "buurtcode": feature.cbs_code,
                "first": first_position[feature.cbs_code],
            }
            problems.append(Problem(message, position, feature.cbs_code, "buurtcode"))
            continue
        first_position[feature.cbs_code] = position
        features.append(feature)
    if problems:
        raise WijkImportError(problems)
    return features


def _property(properties: Mapping[str, Any], name: str) -> str:
    """The key the file uses for a property: the first present, else the CBS one."""
    for key in PROPERTIES[name]:
        if key in properties:
            return key
    return PROPERTIES[name][0]


def _parse_feature(
    position: int, raw: Any
) -> tuple[BuurtFeature | None, list[Problem]]:
    """Check one feature; return it only when it has no problems at all."""
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        return None, [Problem(str(NOT_A_FEATURE), position)]
    properties = raw.get("properties")
    if not isinstance(properties, dict):
        return None, [Problem(str(NO_PROPERTIES), position, field="properties")]

    problems: list[Problem] = []
    keys = {name: _property(properties, name) for name in PROPERTIES}

    def problem(field: str, message: str) -> None:
        problems.append(Problem(message, position, code or None, field))

    code, message = _text(properties, keys["buurtcode"])
    if message is None and not BUURT_CODE.fullmatch(code):
        message = NOT_BUURT_CODE % {"value": code}
    if message is not None:
        code = ""
        problem(keys["buurtcode"], message)

    name, message = _name(properties, keys["buurtnaam"])
    if message is not None:
        problem(keys["buurtnaam"], message)

    wijk_code, message = _text(properties, keys["wijkcode"])
    if message is None and not WIJK_CODE.fullmatch(wijk_code):
        message = NOT_WIJK_CODE % {"value": wijk_code}
    if message is not None:
        wijk_code = ""
        problem(keys["wijkcode"], message)
    elif code and code[2:8] != wijk_code[2:8]:
        problem(
            keys["wijkcode"],
            BUURT_OUTSIDE_WIJK % {"buurtcode": code, "wijkcode": wijk_code},
        )

    gm_code, message = _text(properties, keys["gemeentecode"])
    if message is None and not MUNICIPALITY_CODE.fullmatch(gm_code):
        message = NOT_MUNICIPALITY_CODE % {"value": gm_code}
    if message is not None:
        problem(keys["gemeentecode"], message)
    elif wijk_code and wijk_code[2:6] != gm_code[2:6]:
        problem(
            keys["gemeentecode"],
            WIJK_OUTSIDE_MUNICIPALITY
            % {"wijkcode": wijk_code, "gemeentecode": gm_code},
        )

    geometry = raw.get("geometry")
    if geometry is not None:
        message = geometry_problem(geometry)
        if message is not None:
            problem("geometry", message)

    if problems:
        return None, problems
    return (
        BuurtFeature(
            position=position,
            cbs_code=code,
            name=name,
            wijk_code=wijk_code,
            municipality_code=gm_code,
            boundary=(
                {"type": geometry["type"], "coordinates": geometry["coordinates"]}
                if geometry is not None
                else None
            ),
        ),
        [],
    )
