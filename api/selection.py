"""How much of a node a request's selection needs, so list queries fetch no more than that."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import SelectedField, Selection
from strawberry.utils.str_converters import to_camel_case

from api.context import Info
from api.types.build import entity_types
from api.types.reach import IDENTITY
from graph.queries.projections import Detail

# Fields answered from a node's own properties: every entity type's plain (resolver-less)
# fields, plus the interface's own.
PLAIN_FIELDS = frozenset(
    {"__typename", "typeName", "retracted"}
    | {
        field.graphql_name or to_camel_case(field.python_name)
        for kind in entity_types()
        for field in kind.__strawberry_definition__.fields  # type: ignore[attr-defined]
        if field.base_resolver is None
    }
)
# Fields that read a node's provenance rather than its relationships.
PROVENANCE_FIELDS = frozenset({"sources", "retractions", "drafted"})


def detail(selections: Iterable[Selection]) -> Detail:
    """The least a node needs to answer these selections (fragments get everything)."""
    names = []
    for selection in selections:
        if not isinstance(selection, SelectedField):
            return "full"
        names.append(selection.name)
    return names_detail(names)


def names_detail(names: Iterable[str]) -> Detail:
    """The least a node needs to answer the fields of these names."""
    needed: Detail = "identity"
    for name in names:
        if name in PROVENANCE_FIELDS:
            return "full"
        if name not in PLAIN_FIELDS:
            needed = "links"
        elif name not in IDENTITY and needed == "identity":
            needed = "plain"
    return needed


def child(selections: Iterable[Selection], name: str) -> list[Selection] | None:
    """The selections under a field of this name, or None when a fragment hides them."""
    found: list[Selection] = []
    for selection in selections:
        if not isinstance(selection, SelectedField):
            return None
        if selection.name == name:
            found.extend(selection.selections)
    return found


def own_detail(info: Info) -> Detail:
    """What the node this field returns needs for the selection under the field."""
    return detail(selection for field in info.selected_fields for selection in field.selections)


def connection_detail(info: Info) -> Detail:
    """What a connection's nodes need, from both `nodes { ... }` and `edges { node { ... } }`."""
    node_selections: list[Selection] = []
    for field in info.selected_fields:
        nodes = child(field.selections, "nodes")
        edges = child(field.selections, "edges")
        if nodes is None or edges is None:
            return "full"
        under_edges = child(edges, "node")
        if under_edges is None:
            return "full"
        node_selections += nodes + under_edges
    return detail(node_selections)


def field_detail(info: Info, name: str) -> Detail:
    """What the node under a field of each selected item needs (search hits' `entity`)."""
    found: list[Selection] = []
    for field in info.selected_fields:
        under = child(field.selections, name)
        if under is None:
            return "full"
        found += under
    return detail(found)


LEVELS: tuple[Detail, ...] = ("identity", "plain", "links", "full")


def fields_detail(info: Info, *names: str) -> Detail:
    """The most any of these fields' nodes need (an analysis loads them in one batch)."""
    return max((field_detail(info, name) for name in names), key=LEVELS.index)


def asks_for(info: Info, name: str) -> bool:
    """Whether the selection under this field names `name` (or may, behind a fragment)."""
    return any(
        not isinstance(selection, SelectedField) or selection.name == name
        for field in info.selected_fields
        for selection in field.selections
    )
