"""Areas a list can be narrowed to: within a distance of a point or of a place, or inside a
latitude/longitude box (WGS-84 degrees). Checked here, in plain Python, before any query
runs; `graph/queries/spatial.py` turns them into Cypher."""

from __future__ import annotations

import math
from dataclasses import dataclass

from graph.errors import BadInputError

# 2,000 km covers Ukraine end to end (about 1,300 km) with room for the region around it; a
# larger circle is a whole continent, where a time or actor filter says more.
MAX_KM = 2000.0


@dataclass(frozen=True)
class Circle:
    """Within `km` of a point given by its coordinates, or of a place's own point."""

    km: float
    latitude: float | None = None
    longitude: float | None = None
    place_id: str | None = None

    @property
    def metres(self) -> float:
        return self.km * 1000.0


@dataclass(frozen=True)
class Box:
    """Between two latitudes and two longitudes. A box whose west edge is east of its east
    edge crosses the 180th meridian (point.withinBBox reads it so)."""

    south: float
    west: float
    north: float
    east: float


@dataclass(frozen=True)
class Area:
    """What a list is narrowed to: a circle, a box, or both (a place must lie in both)."""

    circle: Circle | None = None
    box: Box | None = None


def _finite(where: str, value: float) -> None:
    if not math.isfinite(value):
        raise BadInputError(f"{where}: must be a number, got {value}")


def _latitude(where: str, value: float) -> None:
    _finite(where, value)
    if not -90.0 <= value <= 90.0:
        raise BadInputError(f"{where}: a latitude is between -90 and 90, got {value}")


def _longitude(where: str, value: float) -> None:
    _finite(where, value)
    if not -180.0 <= value <= 180.0:
        raise BadInputError(f"{where}: a longitude is between -180 and 180, got {value}")


def _km(where: str, value: float) -> None:
    _finite(where, value)
    if not 0.0 < value <= MAX_KM:
        raise BadInputError(f"{where}: must be more than 0 and at most {MAX_KM:,.0f}, got {value}")


def near_point(where: str, latitude: float, longitude: float, km: float) -> Circle:
    """A circle around coordinates; `where` names the argument in error messages."""
    _latitude(where + ".latitude", latitude)
    _longitude(where + ".longitude", longitude)
    _km(where + ".km", km)
    return Circle(km=km, latitude=latitude, longitude=longitude)


def near_place(where: str, place_id: str, km: float) -> Circle:
    """A circle around a place's point (whether the place has one is known only in the graph)."""
    if not place_id:
        raise BadInputError(f"{where}.id: must name a place")
    _km(where + ".km", km)
    return Circle(km=km, place_id=place_id)


def box(where: str, south: float, west: float, north: float, east: float) -> Box:
    _latitude(where + ".south", south)
    _latitude(where + ".north", north)
    _longitude(where + ".west", west)
    _longitude(where + ".east", east)
    if south > north:
        raise BadInputError(f"{where}: south ({south}) is north of north ({north})")
    return Box(south=south, west=west, north=north, east=east)
