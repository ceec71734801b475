import math

from graph.domain.areas import Box
from graph.queries.tallies import PlaceCount, Shared, Tallies, cell_of, inside, summed

UKRAINE = Box(south=44.0, west=22.0, north=53.0, east=41.0)


def tallies(places: list[PlaceCount], shared: list[Shared] | None = None) -> Tallies:
    return Tallies(("epoch", 1), 0.0, places, shared or [])


def test_a_box_holds_its_edges() -> None:
    assert inside(44.0, 22.0, UKRAINE) and inside(53.0, 41.0, UKRAINE)
    assert not inside(43.999, 30.0, UKRAINE) and not inside(50.0, 41.001, UKRAINE)


def test_a_box_whose_west_edge_is_east_of_its_east_edge_crosses_the_180th_meridian() -> None:
    pacific = Box(south=-20.0, west=170.0, north=0.0, east=-170.0)
    assert inside(-10.0, 175.0, pacific) and inside(-10.0, -175.0, pacific)
    assert not inside(-10.0, 0.0, pacific)


def test_cells_are_counted_from_the_south_pole_and_the_180th_meridian() -> None:
    assert cell_of(-90.0, -180.0, 10.0) == (0, 0)
    assert cell_of(50.45, 30.52, 1.40625) == (
        math.floor(140.45 / 1.40625),
        math.floor(210.52 / 1.40625),
    )


def test_places_in_the_box_are_summed_by_cell_kind_and_category() -> None:
    found = summed(
        tallies(
            [
                PlaceCount(50.1, 30.1, "incident", "energy", 3),
                PlaceCount(50.2, 30.2, "incident", "energy", 2),
                PlaceCount(50.2, 30.2, "wave", None, 1),
                PlaceCount(10.0, 10.0, "incident", "energy", 7),  # outside
            ]
        ),
        UKRAINE,
        1.0,
    )
    by_key = {
        (row, col, kind, category): (n, lat, lon) for row, col, kind, category, n, lat, lon in found
    }
    assert by_key.keys() == {(140, 210, "incident", "energy"), (140, 210, "wave", None)}
    n, latitudes, longitudes = by_key[(140, 210, "incident", "energy")]
    assert n == 5
    assert latitudes == 50.1 * 3 + 50.2 * 2 and longitudes == 30.1 * 3 + 30.2 * 2


def test_an_event_at_several_places_in_the_box_counts_once_at_its_first() -> None:
    places = [
        PlaceCount(50.5, 30.5, "incident", None, 1),  # Kyiv's cell
        PlaceCount(49.5, 36.5, "incident", None, 1),  # Kharkiv's cell
    ]
    both = Shared("incident", None, [(50.5, 30.5), (49.5, 36.5)])
    found = summed(tallies(places, [both]), UKRAINE, 1.0)
    assert [(row, col, n) for row, col, _, _, n, _, _ in found] == [(140, 210, 1)]
    # With its first place outside the box, it counts at the one inside.
    east = Box(south=44.0, west=33.0, north=53.0, east=41.0)
    found = summed(tallies(places, [both]), east, 1.0)
    assert [(row, col, n) for row, col, _, _, n, _, _ in found] == [(139, 216, 1)]
