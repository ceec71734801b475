"""hypothesis-graphql over the whole schema: valid and invalid queries, never a 500, never an
unmasked error. `make test` runs a bounded number of examples; `make fuzz` runs many more."""

from __future__ import annotations

import asyncio
import os
import string

import graphql
import httpx
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY
from tests.support import ROOT, generated

EXAMPLES = int(os.environ.get("DEEDGRAPH_FUZZ_EXAMPLES", "60"))
SCHEMA = (ROOT / "schema.graphql").read_text()
KNOWN_CODES = {
    "BAD_USER_INPUT",
    "GRAPHQL_VALIDATION_FAILED",
    "NOT_FOUND",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "TIMEOUT",
}


def string_node(text: str) -> graphql.StringValueNode:
    return graphql.StringValueNode(value=text)


SCALARS = {
    "DateTime": st.datetimes().map(lambda d: string_node(d.isoformat() + "Z")),
    "Date": st.dates().map(lambda d: string_node(d.isoformat())),
    "JSON": st.text(string.printable, max_size=40).map(string_node),
}


def check(client: httpx.Client, url: str, document: object) -> None:
    response = client.post(url + "/graphql", json={"query": str(document)})
    assert response.status_code in (200, 400), (document, response.status_code, response.text)
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code in KNOWN_CODES, (document, error)
        assert "Traceback" not in error["message"] and "neo4j" not in error["message"].lower()


def strategy(mode: Mode) -> st.SearchStrategy[object]:
    return st.one_of(
        queries(SCHEMA, custom_scalars=SCALARS, mode=mode, allow_x00=False),
        mutations(SCHEMA, custom_scalars=SCALARS, mode=mode, allow_x00=False),
    )


async def test_fuzzed_queries_never_500(seeded: Database, keyed_api_url: str) -> None:
    headers = {"Authorization": f"Bearer {EDITOR_KEY}"}

    def run(mode: Mode) -> None:
        with httpx.Client(headers=headers, timeout=30) as client:

            @generated(EXAMPLES)
            @given(document=strategy(mode))
            def fuzz(document: object) -> None:
                check(client, keyed_api_url, document)

            fuzz()

    for mode in (Mode.POSITIVE, Mode.NEGATIVE):
        await asyncio.to_thread(run, mode)
