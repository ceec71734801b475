"""Exports over HTTP and the CLI, against the seeded graph: the same nodes and edges the
GraphQL API answers, each node with its id, name, times and source ids, in GraphML,
Cytoscape.js elements and CSV; bad parameters refused with a coded JSON error."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx

from api.app import create_app
from api.auth import digest
from graph.settings import Connection
from graph.store.database import Database
from tests.graphql_client import data
from tests.integration.conftest import READER_KEY
from tests.support import DEEDGRAPH, app_settings, cli_env, running_app

AGREEMENT = "agreement:energy-infrastructure-halt"
RUSSIAN_FORCES = "actor:russian-armed-forces"
REPORT = "source:report-000"
G = "{http://graphml.graphdrawing.org/xmlns}"


def get(url: str, path: str, **params: str) -> httpx.Response:
    return httpx.get(url + path, params=params, timeout=60)


def graphml_graph(body: bytes) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """A GraphML file's nodes (by id) and edges, each as its data by key name."""
    root = ET.fromstring(body)
    names = {key.get("id"): key.get("attr.name") for key in root.iter(G + "key")}
    nodes = {
        node.get("id", ""): {str(names[d.get("key")]): d.text or "" for d in node}
        for node in root.iter(G + "node")
    }
    edges = [
        {
            "source": e.get("source", ""),
            "target": e.get("target", ""),
            **{str(names[d.get("key")]): d.text or "" for d in e},
        }
        for e in root.iter(G + "edge")
    ]
    return nodes, edges


def neighbourhood_by_graphql(url: str, id: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    answer = data(
        url,
        "query($id: ID!) { neighborhood(id: $id) { nodes { id } edges { source target type } } }",
        {"id": id},
    )["neighborhood"]
    nodes = {node["id"] for node in answer["nodes"]}
    return nodes, {(e["source"], e["target"], e["type"]) for e in answer["edges"]}


async def test_a_neighbourhood_as_graphml_holds_what_graphql_answers(
    seeded: Database, api_url: str
) -> None:
    response = get(api_url, "/export/neighborhood", id=AGREEMENT, format="graphml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    disposition = response.headers["content-disposition"]
    assert 'filename="deedgraph-neighborhood-agreement_energy-infrastructure-halt.graphml"' in (
        disposition
    )
    nodes, edges = graphml_graph(response.content)
    expected_nodes, expected_edges = neighbourhood_by_graphql(api_url, AGREEMENT)
    assert set(nodes) == expected_nodes
    assert {(e["source"], e["target"], e["type"]) for e in edges} == expected_edges
    agreement = nodes[AGREEMENT]
    assert agreement["type"] == "Agreement" and agreement["name"]
    time = data(
        api_url,
        "query($id: ID!) { node(id: $id) { ... on Agreement { time { startEarliest endLatest "
        "text } } } }",
        {"id": AGREEMENT},
    )["node"]["time"]
    assert agreement["startEarliest"] == time["startEarliest"]
    assert agreement["endLatest"] == time["endLatest"]
    assert agreement["timeText"] == time["text"]
    assert REPORT in json.loads(agreement["sources"])
    parties = [e for e in edges if e["type"] == "HAS_PARTY"]
    assert parties and all(e["sourceId"] == REPORT and e["role"] for e in parties)
    assert all(json.loads(e["quotes"]) for e in parties)


async def test_a_path_as_cytoscape_elements_joins_its_two_ends(
    seeded: Database, api_url: str
) -> None:
    response = get(api_url, "/export/path", **{"from": AGREEMENT, "to": RUSSIAN_FORCES})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    nodes = [n["data"] for n in body["elements"]["nodes"]]
    edges = [e["data"] for e in body["elements"]["edges"]]
    answer = data(
        api_url,
        "query($a: ID!, $b: ID!) { path(fromId: $a, toId: $b) { nodes { id } edges { id } } }",
        {"a": AGREEMENT, "b": RUSSIAN_FORCES},
    )["path"]
    assert [n["id"] for n in nodes] == [n["id"] for n in answer["nodes"]]
    assert len(edges) == len(answer["edges"])
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    assert nodes[0]["id"] == AGREEMENT and nodes[-1]["id"] == RUSSIAN_FORCES
    assert all(n["label"] and n["sources"] for n in nodes)
    assert body["data"] == {
        "title": f"shortest path from {AGREEMENT} to {RUSSIAN_FORCES}",
        "truncated": False,
    }


async def test_an_attack_list_as_csv_is_the_filtered_list_in_time_order(
    seeded: Database, api_url: str
) -> None:
    response = get(api_url, "/export/attacks", actor=RUSSIAN_FORCES, format="csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["x-deedgraph-truncated"] == "false"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    listed = data(
        api_url,
        "query($actor: ID!) { attacks(filter: {actor: $actor}, order: TIME_ASC, first: 500) "
        "{ nodes { id name time { startEarliest } } } }",
        {"actor": RUSSIAN_FORCES},
    )["attacks"]["nodes"]
    assert [row["id"] for row in rows] == [a["id"] for a in listed]
    for row, attack in zip(rows, listed, strict=True):
        assert row["name"] == attack["name"]
        assert row["startEarliest"] == attack["time"]["startEarliest"]
        assert json.loads(row["sources"]) == [REPORT]
        assert RUSSIAN_FORCES in json.loads(row["actors"])
        assert "Russian forces" in json.loads(row["actorsNames"])
    incident = next(row for row in rows if json.loads(row["partOf"]))
    assert json.loads(incident["partOf"]) == ["attack:2025-03-19-overnight-wave"]


async def test_an_export_cut_at_its_limit_says_so(seeded: Database, api_url: str) -> None:
    response = get(api_url, "/export/attacks", actor=RUSSIAN_FORCES, limit="1")
    assert response.headers["x-deedgraph-truncated"] == "true"
    assert response.json()["data"]["truncated"] is True
    table = get(api_url, "/export/attacks", actor=RUSSIAN_FORCES, limit="1", format="csv")
    assert table.headers["x-deedgraph-truncated"] == "true"
    assert len(list(csv.DictReader(io.StringIO(table.text)))) == 1
    whole = get(api_url, "/export/neighborhood", id=AGREEMENT, limit="3").json()
    assert whole["data"]["truncated"] is True and len(whole["elements"]["nodes"]) == 4


async def test_bad_parameters_are_refused_with_a_coded_error_naming_them(
    seeded: Database, api_url: str
) -> None:
    cases: list[tuple[str, dict[str, str], int, str, str]] = [
        ("/export/neighborhood", {"id": AGREEMENT, "depth": "9"}, 400, "BAD_USER_INPUT", "depth"),
        ("/export/neighborhood", {}, 400, "BAD_USER_INPUT", "id: is required"),
        ("/export/neighborhood", {"id": "actor:nobody"}, 404, "NOT_FOUND", "actor:nobody"),
        ("/export/attacks", {"format": "xlsx"}, 400, "BAD_USER_INPUT", "format"),
        ("/export/attacks", {"start": "2025-03-19T00:00"}, 400, "BAD_USER_INPUT", "offset"),
        ("/export/attacks", {"depth": "1"}, 400, "BAD_USER_INPUT", "depth: not a parameter"),
        ("/export/everything", {}, 400, "BAD_USER_INPUT", "export: can be"),
    ]
    for path, params, status, code, said in cases:
        response = get(api_url, path, **params)
        assert response.status_code == status, (path, params, response.text)
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == code
        assert said in error["message"], (said, error["message"])


def test_exports_need_a_key_when_reads_do(connection: Connection) -> None:
    settings = app_settings(
        {"DEEDGRAPH_API_KEYS": f"r:reader:{digest(READER_KEY)}", "DEEDGRAPH_READS_NEED_KEY": "1"}
    )
    with running_app(create_app(connection, settings)) as url:
        refused = get(url, "/export/attacks")
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        keyed = httpx.get(url + "/export/attacks", headers={"X-API-Key": READER_KEY}, timeout=60)
        assert keyed.status_code == 200


def export_cli(connection: Connection, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    return subprocess.run([DEEDGRAPH, "export", *args], env=env, capture_output=True, timeout=120)


async def test_the_cli_writes_the_same_export_as_http(
    seeded: Database, api_url: str, connection: Connection, tmp_path: Path
) -> None:
    out = tmp_path / "around.graphml"
    done = export_cli(connection, "neighborhood", AGREEMENT, "--format", "graphml", "-o", str(out))
    assert done.returncode == 0, done.stderr
    over_http = get(api_url, "/export/neighborhood", id=AGREEMENT, format="graphml")
    assert graphml_graph(out.read_bytes()) == graphml_graph(over_http.content)
    assert b"neighbourhood of " + AGREEMENT.encode() in done.stderr

    listed = export_cli(connection, "attacks", "--actor", RUSSIAN_FORCES, "--table", "attacks")
    assert listed.returncode == 0, listed.stderr
    http_csv = get(api_url, "/export/attacks", actor=RUSSIAN_FORCES, format="csv").text
    assert listed.stdout.decode() == http_csv

    bad = export_cli(connection, "neighborhood", AGREEMENT, "--depth", "7")
    assert bad.returncode == 1
    assert b"depth: must be between 1 and 3" in bad.stderr and b"Traceback" not in bad.stderr


async def test_imported_attacks_export_with_their_dataset_as_source(
    seeded: Database, api_url: str
) -> None:
    from graph.ingest.acled.imports import import_acled
    from tests.support import ROOT

    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_2023.csv"])
    [dataset] = await seeded.read("MATCH (s:Source {kind: 'dataset'}) RETURN s.id AS id")
    response = get(api_url, "/export/attacks", format="csv", start="2020-01-01")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    imported = [row for row in rows if dataset["id"] in json.loads(row["sources"])]
    assert imported, "no imported attack carries its dataset's id"
    assert all(row["startEarliest"] and row["name"] for row in imported)
    curated = [row for row in rows if json.loads(row["sources"]) == [REPORT]]
    assert curated, "the report's attacks are listed beside the imported ones"
    # A figure derived from a row keeps its evidence on itself: its source is still said.
    [counted] = await seeded.read(
        "MATCH (a:Attack)-[:HAS_FIGURE]->(f:Figure) WHERE a.acledId IS NOT NULL "
        "RETURN a.id AS id ORDER BY id LIMIT 1"
    )
    attack = str(counted["id"])
    around = get(api_url, "/export/neighborhood", id=attack, format="cytoscape").json()
    figures = [n["data"] for n in around["elements"]["nodes"] if n["data"]["type"] == "Figure"]
    assert figures and all(f["sources"] == [dataset["id"]] for f in figures)
