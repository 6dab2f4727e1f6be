"""Points on Earth: reading the stored WKT and great-circle distances.

Coordinates are stored as GeoSPARQL WKT literals, `Point(longitude latitude)` (longitude first, as Wikidata
writes them). Oxigraph has no GeoSPARQL functions, so distances are computed here, exactly (haversine on a
sphere of the mean Earth radius), rather than approximated in SPARQL.
"""

from __future__ import annotations

import math
import re

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), the usual choice for haversine distances."""
HALF_CIRCUMFERENCE_KM = math.pi * EARTH_RADIUS_KM
"""No two points on Earth are farther apart than this."""

_POINT = re.compile(r"^\s*Point\s*\(\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s+([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*\)\s*$", re.I)

Point = tuple[float, float]
"""(latitude, longitude) in degrees."""


def parse_wkt(text: str) -> Point | None:
    """(latitude, longitude) of a WKT point, or None for anything else (another globe, a polygon, nonsense)."""
    match = _POINT.match(text)
    if not match:
        return None
    longitude, latitude = float(match.group(1)), float(match.group(2))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return latitude, longitude


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest_km(points: tuple[Point, ...] | list[Point], others: tuple[Point, ...] | list[Point]) -> float | None:
    """The smallest distance between any point of one set and any of the other; None if either is empty."""
    distances = [distance_km(a, b) for a in points for b in others]
    return min(distances) if distances else None
