"""CSV for spreadsheets and Gephi's table import: a table of nodes, a table of edges, and for
an attack list one row per attack with its actors, places and wave beside it. Lists (source
ids, quotes) are JSON text, so a quote holding a comma stays one cell."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from graph.export.subgraph import NODE_FIELDS, Subgraph, node_values
from graph.export.values import column, edge_keys, flat

Table = Literal["nodes", "edges", "attacks"]
# What an attack's row says of each kind of link: the ids, and the names beside them.
LINKED = {"CARRIED_OUT_BY": "actors", "AT": "locations", "PART_OF": "partOf"}


# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)" in a name from a dataset)
# is written with an apostrophe before it, which spreadsheets show as text (OWASP's advice).
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    written = flat(value)
    if written is None:
        return ""
    if isinstance(written, str) and written.startswith(FORMULA):
        return "'" + written
    return written


def _csv(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def nodes(subgraph: Subgraph) -> str:
    rows = [list(node_values(node).values()) for node in subgraph.nodes]
    return _csv(list(NODE_FIELDS), rows)


def edges(subgraph: Subgraph) -> str:
    keys = edge_keys(subgraph.edges)
    rows = [
        [e["id"], e["source"], e["target"], e["type"], *(e["properties"].get(k) for k in keys)]
        for e in subgraph.edges
    ]
    fixed = ["id", "source", "target", "type"]
    return _csv(fixed + [column(key, set(fixed)) for key in keys], rows)


def attacks(subgraph: Subgraph) -> str:
    """One row per attack listed, in the list's order."""
    names = {node["id"]: node["name"] for node in subgraph.nodes}
    links: dict[tuple[str, str], list[str]] = defaultdict(list)
    for edge in subgraph.edges:
        if edge["type"] in LINKED:
            links[edge["source"], LINKED[edge["type"]]].append(edge["target"])
    header = list(NODE_FIELDS)
    for linked in LINKED.values():
        header += [linked, linked + "Names"]
    by_id = {node["id"]: node for node in subgraph.nodes}
    rows = []
    for node in (by_id[id] for id in subgraph.roots if id in by_id):
        row = list(node_values(node).values())
        for linked in LINKED.values():
            ids = sorted(links[node["id"], linked])
            row += [json.dumps(ids), json.dumps([names.get(i) for i in ids], ensure_ascii=False)]
        rows.append(row)
    return _csv(header, rows)


def table(subgraph: Subgraph, which: Table) -> str:
    return {"nodes": nodes, "edges": edges, "attacks": attacks}[which](subgraph)
