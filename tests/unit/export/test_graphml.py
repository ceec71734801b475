"""GraphML: every field a typed key, markup escaped, lists as JSON text, the cut said."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from graph.export.graphml import graphml
from tests.unit.export.sample import SAMPLE

G = "{http://graphml.graphdrawing.org/xmlns}"
ROOT = ET.fromstring(graphml(SAMPLE))
KEYS = {key.get("id"): key for key in ROOT.iter(G + "key")}


def data_of(element: ET.Element) -> dict[str, str]:
    found = element.findall(G + "data")
    return {str(KEYS[d.get("key")].get("attr.name")): d.text or "" for d in found}


def test_each_key_is_declared_with_the_type_of_its_values() -> None:
    edge_keys = [k for k in KEYS.values() if k.get("for") == "edge"]
    types = {k.get("attr.name"): k.get("attr.type") for k in edge_keys}
    assert types == {
        "type": "string",
        "external": "boolean",
        "quotes": "string",
        "source": "string",
        "sourceId": "string",
        "weight": "long",
    }
    latitude = next(k for k in KEYS.values() if k.get("attr.name") == "latitude")
    assert latitude.get("attr.type") == "double"


def test_nodes_keep_ids_names_times_and_sources_through_markup() -> None:
    nodes = {n.get("id"): data_of(n) for n in ROOT.iter(G + "node")}
    wave = nodes["attack:wave"]
    assert wave["name"] == "Strikes on <Kyiv> & Sumy"
    assert wave["startEarliest"] == "2025-03-18T22:00:00+00:00"
    assert json.loads(wave["sources"]) == ["source:a", "source:b"]
    assert "name" not in nodes["statement:said"]  # nothing written for what it lacks
    assert nodes["location:sumy"]["latitude"] == "50.9"


def test_edges_keep_their_evidence_and_the_graph_says_it_was_cut() -> None:
    edges = [data_of(e) | {"source": str(e.get("source"))} for e in ROOT.iter(G + "edge")]
    carried = next(e for e in edges if e["type"] == "CARRIED_OUT_BY")
    assert json.loads(carried["quotes"]) == ["hit, then hit again"]
    assert carried["external"] == "false"
    graph = ROOT.find(G + "graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    assert data_of(graph) == {"truncated": "true"}
