"""Map-scale answers: attacks or events inside a box, counted in grid cells in Cypher, so a
frontend draws a million events from a few thousand cells instead of fetching the events.

The query starts as the area lists do (graph/queries/spatial.py): a seek on the point index
finds the places inside the box, then the attacks or events AT them, with the list's other
filters. Each attack or event counts once, in the cell of one of its places in the box.
Cells are a fixed grid of `degrees` x `degrees` anchored at latitude -90, longitude -180, the
same at every pan of the map: cell (row, col) spans latitudes -90 + row*degrees .. +degrees
and longitudes -180 + col*degrees .. +degrees (cut at the poles and the 180th meridian).
The query returns one row per cell, kind and category; Python sums them into cells.

The grid's size is checked before any query (`cells_in`): a box and a cell size that would
make more than MOST_CELLS cells are refused, so an answer stays a map's worth."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import LiteralString, cast

from graph.domain.areas import Area, Box
from graph.errors import BadInputError
from graph.queries import tallies
from graph.queries.listing import ListFilter, _where
from graph.queries.spatial import SpatialLabel, _places
from graph.store.database import Database

MOST_CELLS = 10_000
KM_PER_DEGREE = 111.32  # of latitude (and of longitude at the equator)
TILE_FRACTION = 4  # a zoom level's cell: a quarter of a 256-pixel web-map tile, 64 pixels

ONE_PLACE: LiteralString = " WITH n, head(collect(l.point)) AS p"
CELLS: LiteralString = (
    " WITH n, p, toInteger(floor((p.y + 90.0) / $degrees)) AS row,"
    " toInteger(floor((p.x + 180.0) / $degrees)) AS col"
    " WITH row, col, n.kind AS kind, n.category AS category, count(*) AS events,"
    " sum(p.y) AS latitudes, sum(p.x) AS longitudes"
    " RETURN collect([row, col, kind, category, events, latitudes, longitudes]) AS rows"
)


def degrees_of_zoom(zoom: int) -> float:
    """A web map's zoom level as a cell size: 360 / 2^zoom degrees is one tile's width."""
    if not 0 <= zoom <= 24:
        raise BadInputError(f"zoom: must be between 0 and 24, got {zoom}")
    return 360.0 / float(2**zoom) / TILE_FRACTION


def degrees_of_km(km: float) -> float:
    """Cells of km north-south (and as many degrees east-west: narrower in km away from
    the equator)."""
    if not math.isfinite(km) or not 0.0 < km <= 5000.0:
        raise BadInputError(f"cellKm: must be more than 0 and at most 5,000, got {km}")
    return km / KM_PER_DEGREE


def _span(low: float, high: float, origin: float, extent: float, degrees: float) -> int:
    """The cells from low to high on one axis of `extent` degrees from `origin` (the last
    cell ends at the pole or the 180th meridian: a point there is in it)."""
    last = math.ceil(extent / degrees) - 1
    first = min(math.floor((low - origin) / degrees), last)
    return min(math.floor((high - origin) / degrees), last) - first + 1


def cells_in(box: Box, degrees: float) -> int:
    """How many cells of the grid the box touches."""
    rows = _span(box.south, box.north, -90.0, 180.0, degrees)
    if box.west <= box.east:
        cols = _span(box.west, box.east, -180.0, 360.0, degrees)
    else:  # across the 180th meridian
        cols = _span(box.west, 180.0, -180.0, 360.0, degrees) + _span(
            -180.0, box.east, -180.0, 360.0, degrees
        )
    return rows * cols


def check_grid(box: Box, degrees: float) -> None:
    cells = cells_in(box, degrees)
    if cells > MOST_CELLS:
        raise BadInputError(
            f"the box holds {cells:,} cells of {degrees:.4g} degrees, more than "
            f"{MOST_CELLS:,}: give a smaller zoom, a larger cellKm, or a smaller box"
        )


@dataclass
class Cell:
    row: int
    col: int
    degrees: float
    count: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    latitudes: float = 0.0  # sums, for the mean position of what is in the cell
    longitudes: float = 0.0

    @property
    def south(self) -> float:
        return max(-90.0, -90.0 + self.row * self.degrees)

    @property
    def north(self) -> float:
        return min(90.0, -90.0 + (self.row + 1) * self.degrees)

    @property
    def west(self) -> float:
        return max(-180.0, -180.0 + self.col * self.degrees)

    @property
    def east(self) -> float:
        return min(180.0, -180.0 + (self.col + 1) * self.degrees)


async def event_density(
    database: Database,
    labels: tuple[SpatialLabel, ...],
    filter: ListFilter,
    area: Area,
    degrees: float,
) -> list[Cell]:
    """Query.eventDensity: the cells holding at least one attack or event of `labels` in
    `area` (which has a box) passing `filter`, ordered south to north, west to east. With no
    filter and a box alone, summed from the places' tallies (graph/queries/tallies.py);
    otherwise one query per label (`scanned_rows`)."""
    assert area.box is not None
    check_grid(area.box, degrees)
    whole = filter == ListFilter() and area.circle is None
    cells: dict[tuple[int, int], Cell] = {}
    for label in labels:
        rows = (
            await tallies.rows_in(database, label, area.box, degrees)
            if whole
            else await scanned_rows(database, label, filter, area, degrees)
        )
        for row, col, kind, category, events, latitudes, longitudes in rows:
            key = (cast(int, row), cast(int, col))
            cell = cells.get(key) or cells.setdefault(key, Cell(key[0], key[1], degrees))
            count = cast(int, events)
            cell.count += count
            cell.latitudes += cast(float, latitudes)
            cell.longitudes += cast(float, longitudes)
            if kind is not None:
                cell.kinds[str(kind)] = cell.kinds.get(str(kind), 0) + count
            if category is not None:
                cell.categories[str(category)] = cell.categories.get(str(category), 0) + count
    return [cells[key] for key in sorted(cells)]


async def scanned_rows(
    database: Database, label: SpatialLabel, filter: ListFilter, area: Area, degrees: float
) -> list[list[object]]:
    """One row per cell, kind and category, read from every attack or event in the area:
    spatial's start at the places in the area (spatial._places, the lists' filter
    conditions), ONE_PLACE and CELLS."""
    start, conditions = _places(label, filter, area)
    cypher = start + _where(conditions.own) + ONE_PLACE + _where(conditions.walks) + CELLS
    return cast(
        list[list[object]], await database.read_list(cypher, degrees=degrees, **conditions.params)
    )
