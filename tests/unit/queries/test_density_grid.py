"""eventDensity's grid arithmetic, before any query: cell sizes, cell counts, cell bounds."""

from __future__ import annotations

import pytest

from graph.domain.areas import Box
from graph.errors import BadInputError
from graph.queries.density import Cell, cells_in, check_grid, degrees_of_km, degrees_of_zoom


def test_a_zoom_level_makes_cells_a_quarter_of_a_tile_wide() -> None:
    assert degrees_of_zoom(0) == 90.0
    assert degrees_of_zoom(6) == pytest.approx(1.40625)


def test_a_cell_of_km_is_that_many_km_of_latitude() -> None:
    assert degrees_of_km(111.32) == pytest.approx(1.0)


@pytest.mark.parametrize("zoom", [-1, 25])
def test_a_zoom_outside_0_to_24_is_refused(zoom: int) -> None:
    with pytest.raises(BadInputError, match="zoom"):
        degrees_of_zoom(zoom)


@pytest.mark.parametrize("km", [0.0, -5.0, float("nan"), float("inf"), 5001.0])
def test_a_cell_size_that_is_not_a_positive_distance_is_refused(km: float) -> None:
    with pytest.raises(BadInputError, match="cellKm"):
        degrees_of_km(km)


def test_the_cells_a_box_touches_are_counted_on_the_fixed_grid() -> None:
    assert cells_in(Box(south=0.5, west=0.5, north=1.5, east=2.5), 1.0) == 2 * 3
    assert cells_in(Box(south=-90, west=-180, north=90, east=180), 90.0) == 2 * 4


def test_a_box_across_the_180th_meridian_counts_cells_on_both_sides() -> None:
    assert cells_in(Box(south=0.5, west=178.5, north=0.6, east=-178.5), 1.0) == 4


def test_a_grid_of_more_than_ten_thousand_cells_is_refused() -> None:
    world = Box(south=-90, west=-180, north=90, east=180)
    check_grid(world, 3.0)  # 60 x 120 = 7,200 cells
    with pytest.raises(BadInputError, match=r"16,200 cells .* more than 10,000"):
        check_grid(world, 2.0)


def test_a_cells_bounds_follow_its_row_and_column_and_stop_at_the_edges() -> None:
    cell = Cell(row=90, col=180, degrees=1.0)
    assert (cell.south, cell.west, cell.north, cell.east) == (0.0, 0.0, 1.0, 1.0)
    edge = Cell(row=1, col=3, degrees=90.0)
    assert (edge.north, edge.east) == (90.0, 180.0)
