"""One answer, two paths: a compiled document (api/compile/) and the standard path give the
same `data` and `errors` (and status). Asked of the seed report with an ACLED import and a
retraction: every supported shape, every example in docs/queries and the README, selections
generated over the compiled subset with the graph's own ids, and selections generated over
the whole schema by hypothesis-graphql from the by-id root fields. What is not compiled says
so (`extensions.compiled: false` and why) and answers as the standard path does."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_graphql import Mode, queries

from api.app import create_app
from api.compile.catalogue import RELATIONS
from api.compile.compiler import ROOTS
from api.schema import build_schema
from api.trusted_documents import sha256
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.test_fuzz import SCALARS, SCHEMA
from tests.integration.test_two_paths import RETRACTED, readme_examples, world  # noqa: F401
from tests.support import ROOT, app_settings, generated, running_app

EXAMPLES = int(os.environ.get("DEEDGRAPH_FUZZ_EXAMPLES", "60"))
QUERIES = sorted((ROOT / "docs" / "queries").glob("*.graphql"))


@pytest.fixture(scope="session")
def compiled_api_url(connection: Connection) -> Iterator[str]:
    """deedgraph compiling every document it can at its first use."""
    settings = app_settings({"DEEDGRAPH_COMPILE": "true", "DEEDGRAPH_COMPILE_AFTER": "1"})
    with running_app(create_app(connection, settings)) as url:
        yield url


def ask(client: httpx.Client, url: str, document: str, variables: Any) -> tuple[int, Any]:
    response = client.post(url + "/graphql", json={"query": document, "variables": variables or {}})
    return response.status_code, response.json()


def both(
    client: httpx.Client, compiled: str, standard: str, document: str, variables: Any = None
) -> tuple[Any, Any, dict[str, Any]]:
    """(status, data, errors) of each path, and the compiled server's extensions. A TIMEOUT
    on either side (a cold plan on a shared machine) asks both again."""
    for _ in range(3):
        answers = [ask(client, url, document, variables) for url in (compiled, standard)]
        if "TIMEOUT" not in str(answers):
            break
    (status, body), (standard_status, standard_body) = answers
    return (
        (status, body.get("data"), body.get("errors")),
        (standard_status, standard_body.get("data"), standard_body.get("errors")),
        body.get("extensions") or {},
    )


async def ids(database: Database) -> dict[str, list[str]]:
    """A few ids of each kind in the graph (the retracted attack among the attacks)."""
    found: dict[str, list[str]] = {}
    for kind in ("Attack", "Actor", "Location", "Statement", "Event", "Agreement", "Source"):
        records = await database.read(
            "MATCH (n:Entity) WHERE $kind IN labels(n) RETURN n.id AS id ORDER BY id LIMIT 6",
            kind=kind,
        )
        found[kind] = [str(r["id"]) for r in records]
    found["Attack"].append(RETRACTED)
    return found


SHAPES = [
    "{{ attack(id: {a}) {{ id name kind category description geoPrecision typeName "
    "__typename retracted by {{ id name kind aliases wikidataId }} locations {{ id name kind "
    "latitude longitude iso3166_2 within {{ id name }} }} targets {{ id name status inferred "
    "inferenceRule category {{ key name broader {{ key }} }} location {{ id }} }} figures {{ "
    "id name metric value qualifier weapon category attribution locationsPartial "
    "reportedBy {{ id name }} statement {{ id text }} locations {{ id }} }} partOf {{ id }} }} }}",
    "{{ a: attack(id: {a}) {{ id by {{ id }} }} b: actor(id: {a}) {{ id }} }}",
    "{{ actor(id: {actor}) {{ __typename id name kind aliases country {{ id name }} "
    "partOf {{ id name partOf {{ id }} }} speaksFor {{ id }} }} }}",
    "{{ node(id: {a}) {{ id __typename typeName name retracted }} "
    "n2: node(id: {actor}) {{ __typename name }} n3: node(id: {location}) {{ id }} }}",
    "{{ location(id: {location}) {{ id name kind aliases iso3166_2 wikidataId latitude "
    "longitude within {{ id name within {{ id }} }} }} }}",
    "{{ statement(id: {statement}) {{ id kind text speaker {{ id name }} about {{ id "
    "__typename name typeName }} }} }}",
    "{{ event(id: {event}) {{ id name kind description participants {{ id }} "
    "location {{ name }} }} }}",
    "{{ agreement(id: {agreement}) {{ id name kind status description duration "
    "scope {{ key name }} }} }}",
    "{{ source(id: {source}) {{ id title kind publisher url contentHash note }} }}",
    '{{ attack(id: "nope") {{ id }} node(id: "nope") {{ id }} __typename }}',
]


async def test_every_supported_shape_is_compiled_and_answers_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,
    api_url: str,
) -> None:
    known = await ids(world)
    documents = []
    for n in range(len(known["Attack"])):

        def pick(kind: str, n: int = n) -> str:
            some = known[kind] or ["none"]
            return '"' + some[n % len(some)] + '"'

        documents += [
            shape.format(
                a=pick("Attack"),
                actor=pick("Actor"),
                location=pick("Location"),
                statement=pick("Statement"),
                event=pick("Event"),
                agreement=pick("Agreement"),
                source=pick("Source"),
            )
            for shape in SHAPES
        ]

    def run() -> list[str]:
        differ = []
        with httpx.Client(timeout=30) as client:
            for document in documents:
                compiled, standard, extensions = both(client, compiled_api_url, api_url, document)
                if compiled != standard or extensions.get("compiled") is not True:
                    differ.append(f"{document}\n{compiled}\n{standard}\n{extensions}")
        return differ

    assert await asyncio.to_thread(run) == []


async def test_variables_and_their_errors_answer_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,
    api_url: str,
) -> None:
    document = "query Q($id: ID!) { attack(id: $id) { id name by { name } } }"
    cases: list[Any] = [{"id": RETRACTED}, {"id": 12}, {}, {"id": None}, {"id": ["x"]}]

    def run() -> list[tuple[Any, Any, dict[str, Any]]]:
        with httpx.Client(timeout=30) as client:
            return [both(client, compiled_api_url, api_url, document, v) for v in cases]

    answers = await asyncio.to_thread(run)
    for compiled, standard, _ in answers:
        assert compiled == standard
    assert answers[0][2]["compiled"] is True
    assert answers[0][0][1]["attack"]["id"] == RETRACTED  # a root field shows it retracted
    assert answers[2][0][2] and answers[2][2]["compiled"] is False  # the error: standard's


async def test_errors_are_the_standard_paths(
    world: Database,  # noqa: F811
    compiled_api_url: str,
    api_url: str,
) -> None:
    """A null in a non-null field, a number past Int: the standard path answers, with its
    errors and the nulls they climb to."""
    attack = (await ids(world))["Attack"][0]
    await world.write(
        "MATCH (a:Attack {id: $id}) SET a.geoPrecision = 2^40 "
        "CREATE (a)-[:CARRIED_OUT_BY]->(:Actor:Entity {name: 'no id'})",
        id=attack,
    )
    documents = [
        f'{{ attack(id: "{attack}") {{ id by {{ id }} }} }}',
        f'{{ attack(id: "{attack}") {{ id geoPrecision }} }}',
    ]

    def run() -> list[tuple[Any, Any, dict[str, Any]]]:
        with httpx.Client(timeout=30) as client:
            return [both(client, compiled_api_url, api_url, d) for d in documents]

    for compiled, standard, extensions in await asyncio.to_thread(run):
        assert compiled == standard
        assert compiled[2], compiled  # an error
        assert extensions["compiled"] is False
        assert extensions["compiledReason"] == "the answer has an error"


async def test_every_example_answers_alike_compiled_or_not(
    world: Database,  # noqa: F811
    compiled_api_url: str,
    api_url: str,
) -> None:
    documents = [path.read_text() for path in QUERIES] + readme_examples()

    def run() -> tuple[list[str], list[Any]]:
        differ, flags = [], []
        with httpx.Client(timeout=30) as client:
            for document in documents:
                compiled, standard, extensions = both(client, compiled_api_url, api_url, document)
                if compiled != standard:
                    differ.append(f"{document}\n{compiled}\n{standard}")
                flags.append(extensions.get("compiled"))
                if extensions.get("compiled") is False:
                    assert extensions["compiledReason"]
        return differ, flags

    differ, flags = await asyncio.to_thread(run)
    assert differ == []
    # Each was considered; the examples ask for time bounds, provenance and entities' names
    # under analyses, which are not compiled (the supported shapes are tested above).
    assert None not in flags


def test_unsupported_documents_say_why(compiled_api_url: str, api_url: str) -> None:
    cases = {
        '{ path(fromId: "a", toId: "b") { nodes { id } } }': "Query.path is not compiled",
        '{ attack(id: "x") { time { startEarliest } } }': "Attack.time is not compiled",
        '{ attack(id: "x") { ... on Attack { id } } }': "fragments are not compiled",
        '{ attack(id: "x") { id @include(if: true) } }': "directives are not compiled",
    }
    with httpx.Client(timeout=30) as client:
        for document, reason in cases.items():
            compiled, standard, extensions = both(client, compiled_api_url, api_url, document)
            assert compiled == standard
            assert extensions["compiled"] is False
            assert extensions["compiledReason"] == reason
        # Not a query, or not valid: the standard path answers, unremarked.
        for document in ("{ nope }", "mutation { nope }"):
            _, _, extensions = both(client, compiled_api_url, api_url, document)
            assert "compiled" not in extensions
        metrics = client.get(compiled_api_url + "/metrics").text
    for reason in ("field", "fragment", "directive"):
        assert (
            f'deedgraph_compiled_requests_total{{outcome="fallback",reason="{reason}"}}' in metrics
        )


def selections(kind: str, depth: int) -> st.SearchStrategy[str]:
    """Selections of the compiled subset under an entity of this kind."""
    schema = build_schema(app_settings({}))
    from api.compile.catalogue import Catalogue

    catalogue = Catalogue(schema)
    plain = ["id", "name", "typeName", "__typename", "retracted"]
    if kind != "Entity":
        plain += [f for (k, f) in catalogue.leaves if k == kind]
    nested = [(f, r.kind) for (k, f), r in RELATIONS.items() if k == kind] if depth < 3 else []
    leaves = st.lists(st.sampled_from(plain), min_size=1, max_size=6, unique=True)
    if not nested:
        return leaves.map(" ".join)
    inner = st.lists(
        st.sampled_from(nested).flatmap(
            lambda pair: selections(pair[1], depth + 1).map(lambda s: f"{pair[0]} {{ {s} }}")
        ),
        max_size=3,
        unique_by=lambda s: s.split(" ")[0],
    )
    return st.tuples(leaves, inner).map(lambda p: " ".join(p[0] + p[1]))


async def test_generated_selections_of_the_subset_answer_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,
    api_url: str,
) -> None:
    known = await ids(world)

    def run() -> None:
        with httpx.Client(timeout=30) as client:

            @generated(EXAMPLES)
            @given(data=st.data())
            def compare(data: st.DataObject) -> None:
                root = data.draw(st.sampled_from(sorted(ROOTS)))
                kind = ROOTS[root]
                pool = known.get(kind) or [i for some in known.values() for i in some]
                id = data.draw(st.sampled_from([*pool, "nope"]))
                selection = data.draw(selections(kind, 0))
                document = f'{{ {root}(id: "{id}") {{ {selection} }} }}'
                compiled, standard, extensions = both(client, compiled_api_url, api_url, document)
                assert compiled == standard, document
                assert extensions.get("compiled") is True, (document, extensions)

            compare()

    await asyncio.to_thread(run)


async def test_generated_documents_over_the_schema_answer_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,
    api_url: str,
) -> None:
    def run() -> None:
        with httpx.Client(timeout=30) as client:

            @generated(EXAMPLES)
            @given(
                document=queries(
                    SCHEMA, fields=sorted(ROOTS), custom_scalars=SCALARS, mode=Mode.POSITIVE
                )
            )
            def compare(document: object) -> None:
                compiled, standard, _ = both(client, compiled_api_url, api_url, str(document))
                assert compiled == standard, document

            compare()

    await asyncio.to_thread(run)


async def test_a_trusted_document_is_compiled_at_once_and_cached_as_any_answer(
    seeded: Database, connection: Connection, tmp_path: Path
) -> None:
    """Trusted documents are compiled at their first use (the default waits for three); the
    response cache keeps a compiled answer as any other; DEEDGRAPH_COMPILE=false turns it off."""
    document = 'query One { attack(id: "attack:2025-03-19-sumy-hospitals") { id name by { id } } }'
    manifest = tmp_path / "documents.json"
    manifest.write_text(json.dumps({sha256(document): document}))
    hashed = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(document)}}}
    other = '{ attack(id: "attack:2025-03-19-sumy-hospitals") { id } }'

    def run(env: dict[str, str]) -> list[dict[str, Any]]:
        settings = app_settings({"DEEDGRAPH_COMPILE": "true", **env})
        with running_app(create_app(connection, settings)) as url, httpx.Client() as client:
            bodies = (
                [hashed, hashed] if "DEEDGRAPH_TRUSTED_DOCUMENTS" in env else [{"query": other}] * 3
            )
            return [client.post(url + "/graphql", json=b, timeout=30).json() for b in bodies]

    first, second = await asyncio.to_thread(
        run,
        {"DEEDGRAPH_TRUSTED_DOCUMENTS": str(manifest), "DEEDGRAPH_RESPONSE_CACHE": "true"},
    )
    assert first["extensions"] == {"cypherQueries": 1, "compiled": True, "cache": "miss"}
    assert second["extensions"] == {"cypherQueries": 0, "compiled": True, "cache": "hit"}
    assert first["data"] == second["data"] and first["data"]["attack"]["by"]
    answers = await asyncio.to_thread(run, {})  # not trusted: compiled at its third use
    assert ["compiled" in a["extensions"] for a in answers] == [False, False, True]
    assert answers[0]["data"] == answers[2]["data"]
    answers = await asyncio.to_thread(run, {"DEEDGRAPH_COMPILE": "false"})
    assert not any("compiled" in a["extensions"] for a in answers)


async def test_every_benchmark_question_answers_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,
    api_url: str,
) -> None:
    """bench/questions.py's and bench/mission.py's documents with ids of the graph: entity by
    id, the lists and the mission's four analyses are compiled, search and neighbourhood are
    not (yet), and all answer as the standard path does."""
    from bench import mission
    from bench.questions import COMPILED, DEEDGRAPH

    known = await ids(world)
    variables: dict[str, object] = {
        "id": known["Attack"][0],
        "actor": known["Actor"][0],
        "region": known["Location"][0],
        "after": "2020-01-01T00:00:00Z",
        "text": "Kyiv",
    }
    on_the_mission: dict[str, object] = {
        "agreement": "agreement:energy-infrastructure-halt",
        "days": 30.0,
        "first": 3,
        "actor": "actor:russia",
        "id": "actor:russia",
        "start": "2025-01-01T00:00:00Z",
    }
    documents = [(name, d, variables) for name, d in DEEDGRAPH.items()]
    documents += [(name, d, on_the_mission) for name, d in mission.DEEDGRAPH.items()]

    def run() -> dict[str, Any]:
        flags = {}
        with httpx.Client(timeout=30) as client:
            for name, document, values in documents:
                wanted = {k: v for k, v in values.items() if f"${k}:" in document}
                compiled, standard, extensions = both(
                    client, compiled_api_url, api_url, document, wanted
                )
                assert compiled == standard, name
                assert compiled[2] is None, (name, compiled)
                flags[name] = extensions.get("compiled")
        return flags

    flags = await asyncio.to_thread(run)
    for name in COMPILED:
        assert flags.pop(name) is True, name
    assert flags == {}
