"""Placing a point in a wijk, and a wijk's centre for its map marker."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from neighbourhoods.geojson import (
    WijkFeature,
    geometry_bbox,
    geometry_centroid,
    geometry_marker_point,
    parse_wijken,
    point_in_geometry,
)

WIJKEN_FILE = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "data"
    / "cbs-wijken-2024-almere-amersfoort.geojson"
)


def square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    """A closed ring, counter-clockwise as RFC 7946 wants exteriors."""
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


SQUARE_WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [square(0, 0, 10, 10), square(4, 4, 6, 6)[::-1]],
}
TWO_ISLANDS = {
    "type": "MultiPolygon",
    "coordinates": [[square(0, 0, 2, 2)], [square(10, 0, 16, 6)]],
}
# A U open to the north: its centroid lies in the gap between the arms.
U_SHAPE = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [9, 0], [9, 9], [6, 9], [6, 3], [3, 3], [3, 9], [0, 9], [0, 0]]
    ],
}


@pytest.fixture(scope="module")
def wijken() -> list[WijkFeature]:
    assert WIJKEN_FILE.exists(), f"{WIJKEN_FILE} ontbreekt naast de repository"
    return parse_wijken(WIJKEN_FILE.read_bytes())


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [
        (2, 2, True),
        (5, 8, True),
        (5, 5, False),  # in the hole
        (11, 5, False),
        (-1, -1, False),
    ],
)
def test_point_in_a_polygon_with_a_hole(lon, lat, inside):
    assert point_in_geometry(lon, lat, SQUARE_WITH_HOLE) is inside


def test_point_in_either_part_of_a_multipolygon_and_not_between():
    assert point_in_geometry(1, 1, TWO_ISLANDS)
    assert point_in_geometry(15, 5, TWO_ISLANDS)
    assert not point_in_geometry(5, 1, TWO_ISLANDS)


def test_a_facilitys_decimal_coordinates_can_be_placed():
    assert point_in_geometry(Decimal("2.5"), Decimal("2.5"), SQUARE_WITH_HOLE)


def test_winding_order_does_not_matter():
    clockwise = {"type": "Polygon", "coordinates": [square(0, 0, 10, 10)[::-1]]}

    assert point_in_geometry(3, 3, clockwise)
    assert geometry_centroid(clockwise) == pytest.approx((5, 5))


def test_a_point_or_line_is_not_a_wijk():
    with pytest.raises(ValueError, match="Not a Polygon or MultiPolygon"):
        point_in_geometry(0, 0, {"type": "Point", "coordinates": [0, 0]})


def test_centroid_weighs_holes_and_parts_by_area():
    assert geometry_centroid(SQUARE_WITH_HOLE) == pytest.approx((5, 5))
    # 4 units² around (1, 1) and 36 around (13, 3): (4·1 + 36·13) / 40 = 11.8.
    assert geometry_centroid(TWO_ISLANDS) == pytest.approx((11.8, 2.8))


def test_a_geometry_without_area_is_centred_on_its_bounding_box():
    line = {"type": "Polygon", "coordinates": [[[0, 0], [4, 2], [2, 1], [0, 0]]]}

    assert geometry_bbox(line) == (0, 0, 4, 2)
    assert geometry_centroid(line) == pytest.approx((2, 1))


def test_marker_point_lies_inside_even_where_the_centroid_does_not():
    assert not point_in_geometry(*geometry_centroid(U_SHAPE), U_SHAPE)

    lon, lat = geometry_marker_point(U_SHAPE)

    assert point_in_geometry(lon, lat, U_SHAPE)
    # Where the centroid is inside, it is the marker.
    assert geometry_marker_point(TWO_ISLANDS) == geometry_centroid(TWO_ISLANDS)


@pytest.mark.parametrize(
    ("place", "lon", "lat", "cbs_code"),
    [
        ("station Almere Centrum", 5.2177, 52.3747, "WK003417"),
        ("stadhuis Almere, Stadhuisplein", 5.2186, 52.3707, "WK003417"),
        ("Onze Lieve Vrouwetoren, Amersfoort", 5.3875, 52.1557, "WK030701"),
    ],
)
def test_a_known_place_lies_in_exactly_its_own_wijk(wijken, place, lon, lat, cbs_code):
    found = [w.cbs_code for w in wijken if point_in_geometry(lon, lat, w.boundary)]

    assert found == [cbs_code], place


def test_a_place_outside_both_municipalities_lies_in_no_wijk(wijken):
    dam_amsterdam = (4.8932, 52.3731)

    assert not any(point_in_geometry(*dam_amsterdam, w.boundary) for w in wijken)


def test_every_real_wijk_gets_a_marker_inside_itself(wijken):
    outside = [
        w.cbs_code
        for w in wijken
        if not point_in_geometry(*geometry_marker_point(w.boundary), w.boundary)
    ]

    assert outside == []
