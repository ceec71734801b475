"""The benchmark's questions, asked three ways, each answer reduced to a comparable form: five
about finding things (here) and the mission's four (bench/mission.py)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString

import neo4j

from bench import maps, mission
from bench.client import Client

HERE = Path(__file__).resolve().parent
PEER = json.loads((HERE / "neo4j-graphql" / "queries.json").read_text())

Ask = Callable[[dict[str, Any]], Awaitable[Any]]

# deedgraph with its compiled documents off (api/compile/), asked the questions it compiles.
STANDARD = "deedgraph, standard path"
COMPILED = (
    "entity_by_id",
    "attacks_after",
    "nested",
    "search",
    "neighbourhood",
    *mission.QUESTIONS,
)

# The walk deedgraph's neighborhood uses (graph/queries/explore.py WALKED), for the raw floor.
WALKED = (
    "PART_OF|SPEAKS_FOR|BASED_IN|WITHIN|PARTICIPANT|AT|MADE_BY|ABOUT|COVERS|COVERS_AREA|"
    "ANNOUNCED_IN|AROSE_FROM|HAS_PARTY|CARRIED_OUT_BY|HIT|IN_CATEGORY|LOCATED_IN|HAS_FIGURE|"
    "REPORTED_BY|REPORTED_IN|IN|AGAINST"
)

RAW: dict[str, LiteralString] = {
    "entity_by_id": """
        MATCH (a:Attack:Entity {id: $id})
        RETURN a {.id, .name, .category,
          by: [(a)-[:CARRIED_OUT_BY]->(x) | x.id],
          locations: [(a)-[:AT]->(l) | l.id],
          targets: [(a)-[:HIT]->(t) | t.id]} AS answer""",
    # In time order through the startEarliest index, keeping the actor's, until 50: the
    # actor's 10% of attacks pass, so about 500 are read (gathering the actor's 100,000
    # attacks to sort them took 144 ms at 10^6).
    "attacks_after": """
        MATCH (a:Attack) USING INDEX a:Attack(startEarliest)
        WHERE a.startEarliest > datetime($after)
          AND EXISTS { (a)-[:CARRIED_OUT_BY]->(x:Actor) WHERE x.id = $actor }
        WITH a ORDER BY a.startEarliest, a.id LIMIT 50
        RETURN collect(a.id) AS answer""",
    # The same scan, testing the region after the actor (282 ms at 10^6 when sorting all of
    # the actor's attacks first).
    "nested": """
        MATCH (a:Attack) USING INDEX a:Attack(startEarliest)
        WHERE a.startEarliest IS NOT NULL
          AND EXISTS { (a)-[:CARRIED_OUT_BY]->(x:Actor) WHERE x.id = $actor }
        WITH a ORDER BY a.startEarliest, a.id
        WHERE EXISTS { (a)-[:AT]->(:Location)-[:WITHIN]->(:Location)-[:WITHIN]->(r)
                       WHERE r.id = $region }
        WITH a LIMIT 50
        RETURN collect([a.id, [(a)-[:HIT]->(t) | t.id]]) AS answer""",
    "search": """
        CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: 20})
        YIELD node, score WHERE node:Actor
        RETURN collect([node.id, score]) AS answer""",
    "neighbourhood": """
        MATCH (c:Entity {id: $id})
        OPTIONAL MATCH (c)-[:PART_OF|SPEAKS_FOR|BASED_IN|WITHIN|PARTICIPANT|AT|MADE_BY|ABOUT|
          COVERS|COVERS_AREA|ANNOUNCED_IN|AROSE_FROM|HAS_PARTY|CARRIED_OUT_BY|HIT|IN_CATEGORY|
          LOCATED_IN|HAS_FIGURE|REPORTED_BY|REPORTED_IN|IN|AGAINST*1..2]-(m:Entity)
        WITH c, collect(DISTINCT m.id)[..100] AS ids
        RETURN [c.id] + [i IN ids WHERE i <> c.id] AS answer""",
}

DEEDGRAPH: dict[str, str] = {
    "entity_by_id": "query($id: ID!) { attack(id: $id) { id name category by { id } "
    "locations { id } targets { id } } }",
    "attacks_after": "query($actor: ID!, $after: DateTime!) { attacks(filter: {actor: $actor, "
    "start: $after, timeMode: DEFINITELY}, first: 50) { nodes { id } } }",
    "nested": "query($actor: ID!, $region: ID!) { attacks(filter: {actor: $actor, location: "
    "$region}, first: 50) { nodes { id targets { id } } } }",
    "search": "query($text: String!) { search(text: $text, first: 20) { score entity "
    "{ __typename id } } }",
    "neighbourhood": "query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) "
    "{ nodes { id } } }",
}


def same_scores(pairs: list[tuple[str, float]]) -> tuple[tuple[float, ...], frozenset[str]]:
    """Search hits compared by their scores, and by ids above the last score (ties at the
    cut-off may differ between engines)."""
    scores = tuple(round(score, 3) for _, score in pairs)
    cut = min(scores) if scores else 0.0
    return scores, frozenset(id for id, score in pairs if round(score, 3) > cut)


def normal(question: str, answer: Any) -> Any:
    """Reduce an answer (already in the raw form) to what must be equal across contenders."""
    if question in maps.QUESTIONS:
        return answer
    if question == "entity_by_id":
        return (
            answer["id"],
            answer["name"],
            answer["category"],
            frozenset(answer["by"]),
            frozenset(answer["locations"]),
            frozenset(answer["targets"]),
        )
    if question == "nested":
        return [(id, frozenset(targets)) for id, targets in answer]
    if question == "search":
        return same_scores([(id, score) for id, score in answer])
    if question == "neighbourhood":
        return frozenset(answer)
    return list(answer)


def from_deedgraph(question: str, data: dict[str, Any]) -> Any:
    if question == "entity_by_id":
        a = data["attack"]
        return {
            "id": a["id"],
            "name": a["name"],
            "category": a["category"],
            "by": [x["id"] for x in a["by"]],
            "locations": [x["id"] for x in a["locations"]],
            "targets": [x["id"] for x in a["targets"]],
        }
    if question == "attacks_after":
        return [n["id"] for n in data["attacks"]["nodes"]]
    if question == "nested":
        return [[n["id"], [t["id"] for t in n["targets"]]] for n in data["attacks"]["nodes"]]
    if question == "search":
        return [
            [h["entity"]["id"], h["score"]]
            for h in data["search"]
            if h["entity"]["__typename"] == "Actor"
        ]
    return [n["id"] for n in data["neighborhood"]["nodes"]]


def from_peer(question: str, data: dict[str, Any], variables: dict[str, Any]) -> Any:
    if question == "entity_by_id":
        a = data["attacks"][0]
        return {
            "id": a["id"],
            "name": a["name"],
            "category": a["category"],
            "by": [x["id"] for x in a["actors"]],
            "locations": [x["id"] for x in a["locations"]],
            "targets": [x["id"] for x in a["targets"]],
        }
    if question == "attacks_after":
        return [a["id"] for a in data["actors"][0]["attacks"]] if data["actors"] else []
    if question == "nested":
        attacks = data["actors"][0]["attacks"] if data["actors"] else []
        return [[a["id"], [t["id"] for t in a["targets"]]] for a in attacks]
    if question == "search":
        return [[e["node"]["id"], e["score"]] for e in data["actorsFulltext"]["edges"]]
    return [variables["id"]] + [n["id"] for n in data["neighbourhood"]]


@dataclass
class Contenders:
    driver: neo4j.AsyncDriver
    database: str
    deedgraph: Client
    peer: Client
    standard: Client  # deedgraph with DEEDGRAPH_COMPILE=false: no compiled documents

    def asker(self, contender: str, question: str) -> Ask:
        if contender == STANDARD:
            return dataclasses.replace(self, deedgraph=self.standard).asker("deedgraph", question)
        if question in maps.QUESTIONS:
            return maps.asker(self.driver, self.database, self.deedgraph, contender, question)
        if question in mission.QUESTIONS:
            return self.mission_asker(contender, question)
        if contender == "raw Cypher":
            cypher = RAW[question]

            async def raw(variables: dict[str, Any]) -> Any:
                records, _, _ = await self.driver.execute_query(
                    cypher,
                    variables,
                    database_=self.database,
                    routing_=neo4j.RoutingControl.READ,
                )
                return records[0]["answer"]

            return raw
        client, query = (
            (self.deedgraph, DEEDGRAPH[question])
            if contender == "deedgraph"
            else (self.peer, PEER[question]["query"])
        )
        convert = from_deedgraph if contender == "deedgraph" else None

        async def http(variables: dict[str, Any]) -> Any:
            response = await client.post("/graphql", json={"query": query, "variables": variables})
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                raise RuntimeError(f"{contender} {question}: {response.status_code} {body}")
            if convert is not None:
                return convert(question, body["data"])
            return from_peer(question, body["data"], variables)

        return http

    def mission_asker(self, contender: str, question: str) -> Ask:
        if contender == "raw Cypher":
            cypher = mission.RAW[question]

            async def raw(variables: dict[str, Any]) -> Any:
                records, _, _ = await self.driver.execute_query(
                    cypher,
                    mission.raw_parameters(question, variables),
                    database_=self.database,
                    routing_=neo4j.RoutingControl.READ,
                )
                return mission.from_raw(question, records[0]["rows"])

            return raw
        ours = contender == "deedgraph"
        client = self.deedgraph if ours else self.peer
        query = (mission.DEEDGRAPH if ours else mission.PEER)[question]

        async def http(variables: dict[str, Any]) -> Any:
            sent = variables if ours else mission.peer_parameters(question, variables)
            response = await client.post("/graphql", json={"query": query, "variables": sent})
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                raise RuntimeError(f"{contender} {question}: {response.status_code} {body}")
            if ours:
                return mission.from_deedgraph(question, body["data"])
            return mission.from_peer(question, body["data"])

        return http
