"""One answer, two paths, for the lists (api/compile/lists.py, pages.py): a compiled
`attacks`, `actors`, `agreements`, `statements`, `locations` or `events` connection answers
with the same `data` and `errors` as the standard path, over the seed report with an ACLED
import and a retraction: selections generated over the compiled subset, filters, orders and
paging around each, and cursors handed back page after page. What is not compiled says why."""

from __future__ import annotations

import asyncio
import os

import httpx
from hypothesis import strategies as st

from api.compile.catalogue import RELATIONS, Catalogue
from api.fields.listing import LISTS
from api.schema import build_schema
from graph.store.database import Database
from tests.integration.test_compiled import ask, compiled_api_url  # noqa: F401
from tests.integration.test_compiled_analyses import answered_alike, argument_name, both, under
from tests.integration.test_two_paths import world  # noqa: F401
from tests.support import app_settings

EXAMPLES = int(os.environ.get("DEEDGRAPH_FUZZ_EXAMPLES", "60"))
CATALOGUE = Catalogue(build_schema(app_settings({})))
IDENTITY = ["id", "__typename", "typeName"]
FILTERS = [
    'actor: "actor:russia"',
    'location: "location:ukraine"',
    'start: "2025-03-18T00:00:00Z"',
    'end: "2025-03-20T00:00:00Z"',
    "timeMode: DEFINITELY",
    'text: "hospital"',
    "includeRetracted: true",
    "singleSource: true",
    "near: {latitude: 50.9, longitude: 34.8, km: 100}",
    'nearPlace: {id: "location:sumy", km: 50}',
    'nearPlace: {id: "nope", km: 50}',
    "bbox: {south: 44, west: 22, north: 53, east: 41}",
]
DIRECTIONS = (("after", "first", "endCursor"), ("before", "last", "startCursor"))
PAGING = ["first: 0", "first: 2", "first: 900", "last: 2", 'after: "nope"', "order: TIME_DESC"]


def node_selection(kind: str) -> st.SearchStrategy[str]:
    """What the subset asks of a node of this kind."""
    plain = ["id", "name", "typeName", "__typename", "retracted"]
    plain += [f for (k, f) in CATALOGUE.leaves if k == kind]
    related = [f for (k, f) in RELATIONS if k == kind]
    choices: list[st.SearchStrategy[str]] = [st.sampled_from(plain)]
    if related:
        identity = st.lists(st.sampled_from(IDENTITY), min_size=1, max_size=3, unique=True)
        choices.append(
            st.tuples(st.sampled_from(related), identity.map(" ".join)).map(
                lambda pair: under(pair[0])(pair[1])
            )
        )
    fields = st.lists(st.one_of(choices), min_size=1, max_size=6, unique_by=argument_name)
    return fields.map(" ".join)


def connection_selection(kind: str) -> st.SearchStrategy[str]:
    edge = st.lists(
        st.one_of(
            st.sampled_from(["cursor", "distanceKm", "__typename"]),
            node_selection(kind).map(under("node")),
        ),
        min_size=1,
        max_size=3,
        unique_by=argument_name,
    ).map(" ".join)
    page = st.lists(
        st.sampled_from(["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"]),
        min_size=1,
        max_size=4,
        unique=True,
    ).map(" ".join)
    fields = st.lists(
        st.one_of(
            st.sampled_from(["totalCount", "__typename"]),
            node_selection(kind).map(under("nodes")),
            edge.map(under("edges")),
            page.map(under("pageInfo")),
        ),
        min_size=1,
        max_size=4,
        unique_by=argument_name,
    )
    return fields.map(" ".join)


def some_of(arguments: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(arguments), max_size=2, unique_by=argument_name)


async def test_generated_lists_answer_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    def draw(data: st.DataObject) -> str:
        root = data.draw(st.sampled_from(sorted(LISTS)))
        kind = LISTS[root].kind.__name__
        filters = data.draw(st.lists(st.sampled_from(FILTERS), max_size=2, unique_by=argument_name))
        arguments = data.draw(
            st.lists(st.sampled_from(PAGING), max_size=2, unique_by=argument_name)
        )
        if filters:
            arguments.append(f"filter: {{{', '.join(filters)}}}")
        fields = data.draw(connection_selection(kind))
        listed = f"{root}({', '.join(arguments)})" if arguments else root
        return f"{{ {listed} {{ {fields} }} }}"

    outcomes = await answered_alike(
        compiled_api_url,
        api_url,
        draw,
        (
            "its arguments do not hold",
            "an empty page near a place is checked against the place",
        ),
    )
    # Many generated arguments are refused (a near filter on actors, first: 900) and fall back:
    # only a few must be compiled (the paging test below compiles every page for certain).
    assert outcomes.count(True) >= min(5, len(outcomes) // 4), outcomes


async def test_cursors_lead_from_page_to_page_alike(
    world: Database,  # noqa: F811
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    """Every page of the attacks, forwards and backwards, by the cursors each path gives."""
    shape = "{{ attacks({paging}) {{ edges {{ cursor node {{ id name }} }} pageInfo {{ "
    shape += "hasNextPage hasPreviousPage startCursor endCursor }} totalCount }} }}"

    def run() -> int:
        pages = 0
        with httpx.Client(timeout=30) as client:
            for direction, size, key in DIRECTIONS:
                paging = f"{size}: 3"
                while True:
                    document = shape.format(paging=paging)
                    compiled, standard, extensions = both(
                        client, compiled_api_url, api_url, document
                    )
                    assert compiled == standard, document
                    assert extensions["compiled"] is True, (document, extensions)
                    pages += 1
                    info = compiled[1]["attacks"]["pageInfo"]
                    more = info["hasNextPage"] if direction == "after" else info["hasPreviousPage"]
                    if not more:
                        break
                    paging = f'{size}: 3, {direction}: "{info[key]}"'
        return pages

    assert await asyncio.to_thread(run) >= 4  # more than a page each way


def test_what_is_not_compiled_in_a_list_says_why(
    compiled_api_url: str,  # noqa: F811
    api_url: str,
) -> None:
    cases = {
        "{ attacks { nodes { by { name } } } }": (
            "Attack.by: only what an entity is (its id) is compiled"
        ),
        "{ attacks { nodes { sources { quotes } } } }": "Attack.sources is not compiled",
        "{ attacks { nodes { id } } actors { nodes { id } } }": "one list per compiled document",
        '{ attacks(filter: {nearPlace: {id: "nope", km: 5}}) { nodes { id } } }': (
            "an empty page near a place is checked against the place"
        ),
        "{ attacks(first: 1, last: 1) { nodes { id } } }": "its arguments do not hold",
    }
    with httpx.Client(timeout=30) as client:
        for document, reason in cases.items():
            compiled, standard, extensions = both(client, compiled_api_url, api_url, document)
            assert compiled == standard, document
            assert extensions["compiled"] is False, document
            assert extensions["compiledReason"] == reason
