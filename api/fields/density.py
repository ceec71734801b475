"""`eventDensity`: attacks and events inside a box, counted in grid cells
(graph/queries/density.py), for maps at any scale."""

from __future__ import annotations

import enum
from dataclasses import replace

import strawberry

from api.context import Info
from api.fields.listing import list_filter
from api.types.filters import BoundingBox, Filter, area_of
from graph.domain import areas
from graph.errors import BadInputError
from graph.queries import density
from graph.queries.spatial import SpatialLabel


@strawberry.enum(description="What eventDensity counts.")
class DensityOf(enum.Enum):
    ATTACK = "Attack"
    EVENT = "Event"


LABEL_OF: dict[DensityOf, SpatialLabel] = {DensityOf.ATTACK: "Attack", DensityOf.EVENT: "Event"}


@strawberry.type(description="How many of a kind or category are in a cell.")
class KeyCount:
    key: str
    count: int


@strawberry.type(description="One grid cell with what it holds (WGS-84 degrees).")
class DensityCell:
    south: float
    west: float
    north: float
    east: float
    latitude: float = strawberry.field(description="The cell's centre.")
    longitude: float = strawberry.field(description="The cell's centre.")
    mean_latitude: float = strawberry.field(description="The mean position of what it holds.")
    mean_longitude: float = strawberry.field(description="The mean position of what it holds.")
    count: int = strawberry.field(description="Attacks and events in the cell.")
    kinds: list[KeyCount] = strawberry.field(description="Counts by kind, most first.")
    categories: list[KeyCount] = strawberry.field(
        description="Counts by attack category, most first (events have none)."
    )


@strawberry.type(description="Attacks and events counted in grid cells.")
class EventDensity:
    cell_degrees: float = strawberry.field(
        description="Each cell's height and width in degrees; the grid is anchored at "
        "latitude -90, longitude -180, so it stays put as the map pans."
    )
    total_count: int = strawberry.field(description="Everything counted, over all cells.")
    cells: list[DensityCell] = strawberry.field(
        description="Only cells holding something, south to north, west to east."
    )


def counted(counts: dict[str, int]) -> list[KeyCount]:
    return [
        KeyCount(key=k, count=c) for k, c in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    ]


def drawn(cell: density.Cell) -> DensityCell:
    return DensityCell(
        south=cell.south,
        west=cell.west,
        north=cell.north,
        east=cell.east,
        latitude=(cell.south + cell.north) / 2,
        longitude=(cell.west + cell.east) / 2,
        mean_latitude=cell.latitudes / cell.count,
        mean_longitude=cell.longitudes / cell.count,
        count=cell.count,
        kinds=counted(cell.kinds),
        categories=counted(cell.categories),
    )


@strawberry.type
class DensityQuery:
    @strawberry.field(
        description="Attacks and events inside bbox counted in a grid of cells, for a map at "
        "any scale: give zoom (a web map's zoom level; cells a quarter of a tile wide, "
        f"360 / 2^zoom / 4 degrees) or cellKm (cells cellKm / {density.KM_PER_DEGREE} degrees "
        "high and as many wide). The filter is the lists' (near and nearPlace narrow further; "
        f"its bbox is this argument). At most {density.MOST_CELLS:,} cells in the box; "
        "their counts add up to attacks' and events' totalCount for the same box and filter."
    )
    async def event_density(
        self,
        info: Info,
        bbox: BoundingBox,
        zoom: int | None = None,
        cell_km: float | None = None,
        filter: Filter | None = None,
        of: list[DensityOf] | None = None,
    ) -> EventDensity:
        if (zoom is None) == (cell_km is None):
            raise BadInputError("zoom: give zoom or cellKm, one of them")
        degrees = (
            density.degrees_of_zoom(zoom)
            if zoom is not None
            else density.degrees_of_km(cell_km or 0)
        )
        box = areas.box("bbox", bbox.south, bbox.west, bbox.north, bbox.east)
        density.check_grid(box, degrees)  # before any other work
        filter = filter or Filter()
        if filter.bbox is not None:
            raise BadInputError("filter.bbox: give the box as eventDensity's bbox argument")
        around = area_of(filter)
        area = replace(around, box=box) if around is not None else areas.Area(box=box)
        labels = tuple(
            dict.fromkeys(LABEL_OF[o] for o in (of or [DensityOf.ATTACK, DensityOf.EVENT]))
        )
        if not labels:
            raise BadInputError("of: name Attack, Event or both")
        if filter.start and filter.end and filter.end < filter.start:
            raise BadInputError("filter.end: is before filter.start")
        # The same filter for each; built for each so that a kind of either is refused.
        specs = [list_filter(label, filter) for label in labels]
        spec = specs[0]
        cells = await density.event_density(info.context.database, labels, spec, area, degrees)
        found = [drawn(cell) for cell in cells]
        return EventDensity(
            cell_degrees=degrees, total_count=sum(c.count for c in found), cells=found
        )
