"""Placing a point in a wijk boundary, and a boundary's box, centroid and marker point.

Pure Python on purpose: the project runs without GDAL or PostGIS (see DESIGN.md), and
CBS boundaries generalised to ~100 m need no more than ray casting in plain lon/lat to
tell which wijk a place lies in.
"""

from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any

# GEOMETRY
# Plain lon/lat as a flat plane: over a wijk of a few kilometres the error is far
# below the ~100 m generalisation of the CBS boundaries.


def _polygons(geometry: Mapping[str, Any]) -> Iterator[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon, each a list of rings."""
    kind = geometry.get("type")
    if kind == "Polygon":
        yield geometry["coordinates"]
    elif kind == "MultiPolygon":
        yield from geometry["coordinates"]
    else:
        raise ValueError(f"Not a Polygon or MultiPolygon: {kind!r}")


def _in_ring(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    """Ray casting (even-odd): does a ray east from the point cross the ring oddly?"""
    inside = False
    previous_lon, previous_lat = ring[-1][0], ring[-1][1]
    for point in ring:
        point_lon, point_lat = point[0], point[1]
        # Half-open test on latitude so a vertex on the ray is counted once.
        if (point_lat > lat) != (previous_lat > lat):
            crossing_lon = point_lon + (lat - point_lat) * (
                previous_lon - point_lon
            ) / (previous_lat - point_lat)
            if lon < crossing_lon:
                inside = not inside
        previous_lon, previous_lat = point_lon, point_lat
    return inside


def point_in_geometry(lon: float, lat: float, geometry: Mapping[str, Any]) -> bool:
    """Whether a point lies in a Polygon or MultiPolygon, outside its holes.

    Used to place a facility in its wijk. A point exactly on a boundary may fall on
    either side; with boundaries generalised to ~100 m that is noise, not a bug.
    Facility coordinates are Decimals, which do not mix with the file's floats.
    """
    lon, lat = float(lon), float(lat)
    for rings in _polygons(geometry):
        exterior, holes = rings[0], rings[1:]
        if _in_ring(lon, lat, exterior) and not any(
            _in_ring(lon, lat, hole) for hole in holes
        ):
            return True
    return False


def geometry_bbox(geometry: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat): a cheap pre-filter before ray casting."""
    lons: list[float] = []
    lats: list[float] = []
    for rings in _polygons(geometry):
        for point in rings[0]:  # holes lie inside the exterior
            lons.append(point[0])
            lats.append(point[1])
    return min(lons), min(lats), max(lons), max(lats)


def _ring_area_and_moments(
    ring: Sequence[Sequence[float]],
) -> tuple[float, float, float]:
    """Signed area (shoelace) and its first moments, for the centroid formula."""
    area = moment_lon = moment_lat = 0.0
    for (lon1, lat1, *_height1), (lon2, lat2, *_height2) in pairwise(ring):
        cross = lon1 * lat2 - lon2 * lat1
        area += cross
        moment_lon += (lon1 + lon2) * cross
        moment_lat += (lat1 + lat2) * cross
    return area / 2, moment_lon / 6, moment_lat / 6


def geometry_centroid(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """(lon, lat) of the area-weighted centre, for a marker on the map.

    Holes count negatively and every part of a MultiPolygon by its area, so a wijk
    with a small island is centred on its main part. Degenerate geometries (no
    area) fall back to the centre of the bounding box. For a strongly concave wijk
    (a U or a ring) the centroid can lie outside it; check with point_in_geometry
    where that matters.
    """
    total_area = total_lon = total_lat = 0.0
    for rings in _polygons(geometry):
        for number, ring in enumerate(rings):
            area, moment_lon, moment_lat = _ring_area_and_moments(ring)
            # Orientation varies between sources: take the exterior as positive
            # and the holes as negative, whichever way they wind.
            sign = (1 if area >= 0 else -1) * (1 if number == 0 else -1)
            total_area += sign * area
            total_lon += sign * moment_lon
            total_lat += sign * moment_lat
    if abs(total_area) < 1e-12:
        min_lon, min_lat, max_lon, max_lat = geometry_bbox(geometry)
        return (min_lon + max_lon) / 2, (min_lat + max_lat) / 2
    return total_lon / total_area, total_lat / total_area


def geometry_marker_point(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """(lon, lat) of a point inside the geometry, for a map marker.

    The centroid when it lies inside; otherwise, for concave shapes such as the
    "Overig …" wijken of Almere that wrap around others, the middle of the widest
    stretch of the largest part along the centroid's latitude.
    """
    centroid = geometry_centroid(geometry)
    if point_in_geometry(*centroid, geometry):
        return centroid
    largest = max(
        _polygons(geometry),
        key=lambda rings: abs(_ring_area_and_moments(rings[0])[0]),
    )
    lon, lat = geometry_centroid({"type": "Polygon", "coordinates": largest})
    crossings: list[float] = []
    for ring in largest:
        for (lon1, lat1, *_height1), (lon2, lat2, *_height2) in pairwise(ring):
            if (lat1 > lat) != (lat2 > lat):
                crossings.append(lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1))
    crossings.sort()
    # Even-odd: between the 1st and 2nd crossing is inside, the 2nd and 3rd outside …
    stretches = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not stretches:
        return lon, lat
    west, east = max(stretches, key=lambda stretch: stretch[1] - stretch[0])
    return (west + east) / 2, lat
