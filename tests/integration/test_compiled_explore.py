"""One answer, two paths, for the exploring fields (api/compile/explore.py): a compiled `search`
or `neighborhood` answers with the same `data` and `errors` as the standard path, over the
seed report with an ACLED import and a retraction, for generated selections of the compiled
subset and arguments around the resolvers' limits. What is not compiled says why."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import httpx
from hypothesis import strategies as st

from graph.store.database import Database
from tests.integration.test_compiled import compiled_api_url  # noqa: F401
from tests.integration.test_compiled_analyses import (
    answered_alike,
    argument_name,
    both,
    compiled_alike,
    under,
)
from tests.integration.test_two_paths import RETRACTED, world  # noqa: F401

EXAMPLES = int(os.environ.get("DEEDGRAPH_FUZZ_EXAMPLES", "60"))

ENTITY = ["id", "__typename", "typeName", "name", "retracted"]
NODE = ["id", "label", "type", "__typename"]
EDGE = ["id", "source", "target", "type", "properties", "__typename"]
# Arguments inside and outside the resolvers' limits (first <= 500, depth 1-3, limit 1-500).
FIRST = ["", ", first: 0", ", first: 3", ", first: 501"]
DEPTH = ["", ", depth: 2", ", depth: 3", ", depth: 4"]
LIMIT = ["", ", limit: 5", ", limit: 0", ", limit: 9999"]


def some(names: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True).map(
        " ".join
    )


HIT = st.lists(
    st.one_of(st.just("score"), st.just("__typename"), some(ENTITY).map(under("entity"))),
    min_size=1,
    max_size=3,
    unique_by=argument_name,
).map(" ".join)
GRAPH = st.lists(
    st.one_of(
        st.just("__typename"), some(NODE).map(under("nodes")), some(EDGE).map(under("edges"))
    ),
    min_size=1,
    max_size=3,
    unique_by=argument_name,
).map(" ".join)


async def words_and_ids(database: Database) -> tuple[list[str], list[str]]:
    """Words to search for (names of the graph, words no node has, text the index's query
    language would read as operators) and ids to draw around (and one that is none)."""
    names = [
        str(r["name"])
        for r in await database.read(
            "MATCH (n:Entity) WHERE n.name IS NOT NULL RETURN n.name AS name ORDER BY name LIMIT 8"
        )
    ]
    ids = [
        str(r["id"])
        for r in await database.read(
            "MATCH (n:Entity) WHERE NOT n:Source RETURN n.id AS id ORDER BY id LIMIT 8"
        )
    ]
    words = [*names, "energy", "Russia OR Ukraine", 'drones AND "strike"', "zzqx", "", "x" * 501]
    return words, [*ids, "actor:russia", "location:kyiv", RETRACTED, "nope"]


async def test_generated_exploring_answers_answer_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    words, ids = await words_and_ids(world)

    def draw(data: st.DataObject) -> str:
        alias = data.draw(st.sampled_from(["", "answer: "]))
        if data.draw(st.booleans()):
            text = data.draw(st.sampled_from(words)).replace('"', '\\"')
            first = data.draw(st.sampled_from(FIRST))
            return f'{{ {alias}search(text: "{text}"{first}) {{ {data.draw(HIT)} }} }}'
        id = data.draw(st.sampled_from(ids))
        depth = data.draw(st.sampled_from(DEPTH))
        limit = data.draw(st.sampled_from(LIMIT))
        fields = data.draw(GRAPH)
        return f'{{ {alias}neighborhood(id: "{id}"{depth}{limit}) {{ {fields} }} }}'

    outcomes = await answered_alike(
        compiled_api_url,
        api_url,
        draw,
        ("its arguments do not hold", "an empty neighbourhood is checked against its id"),
    )
    assert outcomes.count(True) >= len(outcomes) // 3, outcomes


async def test_the_benchmark_questions_are_compiled_in_one_query(
    world: Database,  # noqa: F811
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    documents = [
        '{ search(text: "Russia", first: 20) { score entity { __typename id } } }',
        '{ __typename g: neighborhood(id: "actor:russia", depth: 2, limit: 100) '
        "{ nodes { id label type } edges { source target type properties } } }",
    ]

    answers = await compiled_alike(compiled_api_url, api_url, documents)
    hits = answers[0][0][1]["search"]
    assert hits and any(hit["entity"]["id"] == "actor:russia" for hit in hits)
    graph = answers[1][0][1]["g"]
    assert len(graph["nodes"]) > 5 and graph["edges"]
    assert graph["nodes"][0]["id"] == "actor:russia"


async def test_a_graph_nodes_entity_is_not_compiled_and_says_so(
    world: Database,  # noqa: F811
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    document = '{ neighborhood(id: "actor:russia") { nodes { id entity { id } } } }'

    def run() -> tuple[Any, ...]:
        with httpx.Client(timeout=30) as client:
            return both(client, compiled_api_url, api_url, document)

    compiled, standard, extensions = await asyncio.to_thread(run)
    assert compiled == standard
    assert extensions["compiled"] is False
    assert extensions["compiledReason"] == "GraphNode.entity is not compiled"
