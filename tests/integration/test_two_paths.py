"""One answer, two paths: the fast executor (api/execution.py) and graphql-core's own
(DEEDGRAPH_FAST_PATH=false) give the same answer: `data` in the document's order, `errors`
with their messages, paths and codes, and `extensions` (truncation notices; cypherQueries
present, see `ordered`). Asked of the seed report, an ACLED import and a retraction, with
every example in docs/queries and the README, and selections generated over the schema."""

from __future__ import annotations

import asyncio
import difflib
import json
import os
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis_graphql import Mode, queries

from api.app import create_app
from graph.ingest.acled.imports import import_acled
from graph.ingest.facts.loader import Editor
from graph.ingest.writes import retract
from graph.queries import entities
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.test_fuzz import SCALARS, SCHEMA
from tests.integration.test_truncation import BUSY_UNIT
from tests.support import ROOT, app_settings, generated, running_app

EXAMPLES = int(os.environ.get("DEEDGRAPH_FUZZ_EXAMPLES", "60"))
QUERIES = sorted((ROOT / "docs" / "queries").glob("*.graphql"))
README_BLOCK = re.compile(r"```graphql\n(.*?)```", re.DOTALL)
RETRACTED = "attack:2025-03-19-kyiv-oblast"


def readme_examples() -> list[str]:
    blocks = README_BLOCK.findall((ROOT / "README.md").read_text())
    # Mutations write: asked twice they would not find the same graph.
    return [b for b in blocks if not b.lstrip().startswith(("mutation", "subscription"))]


@pytest.fixture(scope="session")
def standard_api_url(connection: Connection) -> Iterator[str]:
    """deedgraph with graphql-core's own executor throughout."""
    settings = app_settings({"DEEDGRAPH_FAST_PATH": "false"})
    with running_app(create_app(connection, settings)) as url:
        yield url


@pytest.fixture
async def world(seeded: Database) -> Database:
    """The seed, an ACLED import on top, and one of the seed's attacks retracted."""
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_2023.csv"])
    await retract(seeded, RETRACTED, "a test retraction", Editor("tests", "retract"))
    return seeded


def ordered(text: str) -> Any:
    """The body with every object as its list of pairs (key order counts too), but for
    extensions.cypherQueries: how many queries a request's loaders send depends on when their
    batches fill, and it varies on either path alone (the agreement-violations example asked
    four times of one server: 1, 1, 1, 3 queries), so it is checked present, not equal."""
    body = json.loads(text, object_pairs_hook=list)
    for name, value in body:
        if name == "extensions":
            counts = [v for k, v in value if k == "cypherQueries"]
            assert len(counts) == 1 and isinstance(counts[0], int), value
            value[:] = [(k, v) for k, v in value if k != "cypherQueries"]
    return body


def both(
    client: httpx.Client, fast: str, standard: str, document: str, variables: Any = None
) -> tuple[Any, Any]:
    """The two answers. The tests' servers have no warm-up and a 5 s query limit, and a cold
    analysis plan takes seconds on this 2-core machine: whichever path asks first may time
    out where the other does not, so a TIMEOUT on either side asks both again."""
    body = {"query": document, "variables": variables or {}}
    for _ in range(3):
        answers = []
        for url in (fast, standard):
            response = client.post(url + "/graphql", json=body)
            answers.append((response.status_code, ordered(response.text)))
        if '"TIMEOUT"' not in json.dumps(answers):
            break
    return answers[0], answers[1]


def difference(fast: Any, standard: Any) -> str:
    a, b = (json.dumps(answer, indent=1).splitlines() for answer in (fast, standard))
    return "\n".join(difflib.unified_diff(a, b, "fast", "standard", lineterm="", n=6))


def test_the_fast_path_is_on_unless_turned_off() -> None:
    assert app_settings({}).fast_path
    assert not app_settings({"DEEDGRAPH_FAST_PATH": "false"}).fast_path


async def test_every_example_answers_alike(
    world: Database, api_url: str, standard_api_url: str
) -> None:
    documents = [path.read_text() for path in QUERIES] + readme_examples()
    assert len(documents) > len(QUERIES)

    def ask() -> list[str]:
        differ = []
        with httpx.Client(timeout=30) as client:
            for document in documents:
                fast, standard = both(client, api_url, standard_api_url, document)
                if fast != standard:
                    differ.append(f"{document}\n{difference(fast, standard)}")
        return differ

    assert await asyncio.to_thread(ask) == []


async def test_a_retraction_nulls_and_non_null_errors_answer_alike(
    world: Database, api_url: str, standard_api_url: str
) -> None:
    # A retraction without its `by` (String!): the standard path's error, path and all,
    # and the null it climbs to.
    await world.write(
        "MATCH (a:Attack {id: $id}) CREATE (:Retraction {at: datetime(), reason: 'r'})"
        "-[:RETRACTS]->(a) SET a.retracted = true",
        id="attack:2025-03-19-sumy-hospitals",
    )
    documents = [
        f'{{ node(id: "{RETRACTED}") {{ id ... on Attack {{ name retracted '
        "retractions { by reason } } } }",
        '{ a: attack(id: "attack:2025-03-19-sumy-hospitals") { __typename id name '
        'retractions { at by reason } } b: attack(id: "nope") { id } }',
        "{ attacks(first: 100000) { nodes { id } } }",  # past the page limit
        '{ node(id: "nope") { id } version }',
    ]

    def ask() -> list[Any]:
        with httpx.Client(timeout=30) as client:
            return [both(client, api_url, standard_api_url, d) for d in documents]

    for fast, standard in await asyncio.to_thread(ask):
        assert fast == standard
    # The null climbed to the nullable attack; the error is masked as unexpected ones are.
    (status, body), _ = (await asyncio.to_thread(ask))[1]
    assert status == 200 and ("data", [("a", None), ("b", None)]) in body
    [error] = dict(body)["errors"]
    assert ("path", ["a", "retractions", 0, "by"]) in error


async def test_truncation_notices_answer_alike(
    database: Database, api_url: str, standard_api_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entities, "RELATED_CAP", 5)  # both servers run in this process
    await database.write(BUSY_UNIT, attacks=12)
    query = '{ actor(id: "actor:busy-unit") { attacks { id name } statements { id } } }'

    def ask() -> tuple[Any, Any]:
        with httpx.Client(timeout=30) as client:
            return both(client, api_url, standard_api_url, query)

    fast, standard = await asyncio.to_thread(ask)
    assert fast == standard
    assert "truncated" in json.dumps(fast)


async def test_generated_selections_answer_alike(
    world: Database, api_url: str, standard_api_url: str
) -> None:
    def run() -> None:
        with httpx.Client(timeout=30) as client:

            @generated(EXAMPLES)
            @given(document=queries(SCHEMA, custom_scalars=SCALARS, mode=Mode.POSITIVE))
            def compare(document: object) -> None:
                fast, standard = both(client, api_url, standard_api_url, str(document))
                assert fast == standard, document

            compare()

    await asyncio.to_thread(run)
