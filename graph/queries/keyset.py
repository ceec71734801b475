"""Keyset paging: a page starts after the last row of the one before it, named by its sort key
and id, so rows written between two fetches neither repeat nor go missing, and a deep page
costs what the first does (an offset re-reads every row before it).

Each order sorts on one key, then the id. A missing key sorts as the greatest value, as
Cypher sorts null: last going up, first going down. Paging backwards is paging forwards in the
reverse order, then reversing the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, LiteralString, cast

from graph.queries.entities import EntityRow, parsed
from graph.store.database import Database

Order = Literal["time_asc", "time_desc", "name", "disagreements", "candidates"]
Kind = Literal["time", "name"]

# What a page's rows are sorted on, as Cypher and as the value a cursor keeps.
SORTED_ON: dict[Kind, LiteralString] = {"time": "n.startEarliest", "name": "toLower(n.name)"}
KEY_OF_ROW: dict[Kind, LiteralString] = {
    "time": "toString(n.startEarliest)",
    "name": "toLower(n.name)",
}
# The cursor's key as a Cypher value of the sorted-on type.
KEY_VALUE: dict[Kind, LiteralString] = {"time": "datetime($afterKey)", "name": "$afterKey"}


@dataclass(frozen=True)
class Position:
    """A row a page starts after: its sort key (as KEY_OF_ROW gave it) and id."""

    key: str | None
    id: str


@dataclass(frozen=True)
class Sort:
    kind: Kind
    descending: bool

    @property
    def order_by(self) -> LiteralString:
        way: LiteralString = " DESC" if self.descending else " ASC"
        return SORTED_ON[self.kind] + way + ", n.id" + way

    def after(self, position: Position) -> tuple[list[LiteralString], dict[str, object]]:
        """Conditions for the rows after `position` in this sort, and their parameters. The
        plain bound on the key comes first so an index seek can start at the cursor."""
        key, value = SORTED_ON[self.kind], KEY_VALUE[self.kind]
        params: dict[str, object] = {"afterKey": position.key, "afterId": position.id}
        if position.key is None:  # among the rows with no key, sorted last (first downwards)
            if self.descending:
                return ["(" + key + " IS NOT NULL OR n.id < $afterId)"], params
            return ["(" + key + " IS NULL AND n.id > $afterId)"], params
        if self.descending:
            return [
                key + " <= " + value,
                "(" + key + " < " + value + " OR n.id < $afterId)",
            ], params
        return [
            "(" + key + " >= " + value + " OR " + key + " IS NULL)",
            "(" + key + " > " + value + " OR " + key + " IS NULL OR n.id > $afterId)",
        ], params

    def seek_bound(self, position: Position | None) -> LiteralString | None:
        """A plain range on the key at the cursor, for a time-ordered index seek to start
        there (the seek reads only rows that have the key)."""
        if position is None or position.key is None:
            return None
        return SORTED_ON[self.kind] + (" <= " if self.descending else " >= ") + KEY_VALUE[self.kind]


def sort_of(label: str, order: Order, *, backward: bool) -> Sort:
    """Actors and places have no time: they sort by name whatever the order says."""
    if label in ("Actor", "Location") or order == "name":
        return Sort("name", backward)
    return Sort("time", (order == "time_desc") != backward)


@dataclass(frozen=True)
class Page:
    rows: list[EntityRow]
    keys: list[str | None]  # each row's sort key, for its cursor
    more: bool  # rows beyond this page, in the direction paged


async def read_page(
    database: Database,
    label: str,
    order: Order,
    after: Position | None,
    limit: int,
    own: list[LiteralString],
    params: dict[str, object],
    query: Callable[[Sort], LiteralString],
    *,
    backward: bool,
) -> tuple[Page, list[list[object]]]:
    """The keyset page every list shares (listing.py's plain lists, spatial.py's in an
    area): the sort (reversed when paging `backward`), the seek past `after`, one row more
    than `limit` read to know whether more follow, and the page given back in `order`.
    `query` writes the Cypher for the sort, the tests in `own` (the seek's added) and
    `$limit`, returning `rows`, each [projection, sort key, extras...]; the page's raw rows
    come back too, for their extras."""
    sort = sort_of(label, order, backward=backward)
    if after is not None:
        tests, seek = sort.after(after)
        own.extend(tests)
        params.update(seek)
    cypher = query(sort)  # may add parameters of its own
    found = cast(
        list[list[object]],
        await database.read_list(cypher, limit=limit + 1, **params),
    )
    page = found[:limit]
    if backward:
        page.reverse()
    return (
        Page(
            rows=[parsed(cast(EntityRow, row[0])) for row in page],
            keys=[cast(str | None, row[1]) for row in page],
            more=len(found) > limit,
        ),
        page,
    )
