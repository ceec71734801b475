"""/metrics in Prometheus' text format, counted from real requests against the real Neo4j."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]

ATTACKS = "query Attacks { attacks { nodes { id } } }"
PUT_ACTOR = """
mutation PutFleet($fact: ActorInput!) {
  putActor(sourceId: "source:report-000", fact: $fact) { nodes relationships }
}
"""
FLEET = {
    "id": "actor:black-sea-fleet",
    "name": "Black Sea Fleet",
    "kind": "military_unit",
    "quotes": ["a potential ceasefire in the Black Sea"],
}
DOCUMENTED = (
    "deedgraph_requests",
    "deedgraph_request_duration_seconds",
    "deedgraph_cypher_queries_per_request",
    "deedgraph_neo4j_connections",
    "deedgraph_neo4j_pool_max_connections",
    "deedgraph_import_rows_written",
)


def scrape(url: str) -> tuple[Samples, dict[str, str]]:
    response = httpx.get(url + "/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    samples: Samples = {}
    helps = {}
    for family in text_string_to_metric_families(response.text):
        helps[family.name] = family.documentation
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples, helps


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def post(url: str, query: str, variables: dict[str, object] | None = None) -> dict[str, object]:
    headers = {"X-API-Key": EDITOR_KEY}
    body = {"query": query, "variables": variables or {}}
    answer: dict[str, object] = httpx.post(url + "/graphql", json=body, headers=headers).json()
    return answer


async def test_requests_latency_queries_pool_and_rows_are_counted(
    seeded: Database, keyed_api_url: str
) -> None:
    before, _ = scrape(keyed_api_url)
    attacks = [post(keyed_api_url, ATTACKS) for _ in range(3)]
    queries = sum(answer["extensions"]["cypherQueries"] for answer in attacks)  # type: ignore[index]
    post(keyed_api_url, "{ nothingHere }")
    written = post(keyed_api_url, PUT_ACTOR, {"fact": FLEET})["data"]["putActor"]  # type: ignore[index]
    httpx.post(keyed_api_url + "/graphql", json={"query": ATTACKS}, headers={"X-API-Key": "no"})
    after, helps = scrape(keyed_api_url)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    graphql = {"path": "/graphql"}
    ok = {**graphql, "operation": "Attacks", "code": "OK"}
    assert delta("deedgraph_requests_total", **ok) == 3
    invalid = {**graphql, "operation": "(anonymous)", "code": "GRAPHQL_VALIDATION_FAILED"}
    assert delta("deedgraph_requests_total", **invalid) == 1
    assert delta("deedgraph_requests_total", **graphql, operation="", code="UNAUTHENTICATED") == 1
    assert delta("deedgraph_requests_total", **graphql, operation="PutFleet", code="OK") == 1
    attacks_labels = {**graphql, "operation": "Attacks"}
    assert delta("deedgraph_request_duration_seconds_count", **attacks_labels) == 3
    assert delta("deedgraph_request_duration_seconds_sum", **attacks_labels) > 0
    assert delta("deedgraph_cypher_queries_per_request_count", operation="Attacks") == 3
    assert delta("deedgraph_cypher_queries_per_request_sum", operation="Attacks") == queries
    assert delta("deedgraph_import_rows_written_total", kind="nodes") == written["nodes"] > 0
    assert (
        delta("deedgraph_import_rows_written_total", kind="relationships")
        == written["relationships"]
    )
    assert value(after, "deedgraph_neo4j_pool_max_connections") == 100  # the driver's default
    assert value(after, "deedgraph_neo4j_connections", state="idle") >= 1
    assert value(after, "deedgraph_neo4j_connections", state="in_use") == 0
    for name in DOCUMENTED:
        assert helps[name], name


def test_operation_names_beyond_the_limit_share_one_label(api_url: str) -> None:
    from api import metrics

    names = [f"Op{index}" for index in range(metrics.MAX_OPERATIONS + 5)]
    try:
        for name in names:
            httpx.post(api_url + "/graphql", json={"query": f"query {name} {{ version }}"})
        samples, _ = scrape(api_url)
    finally:  # later tests in this process get label room again
        metrics._operations.difference_update(names)
    operations = {
        dict(labels)["operation"]
        for (name, labels) in samples
        if name == "deedgraph_requests_total" and dict(labels)["path"] == "/graphql"
    }
    assert len(operations) <= metrics.MAX_OPERATIONS + 3  # + "", "(anonymous)", "(other)"
    other = {"path": "/graphql", "operation": "(other)", "code": "OK"}
    assert value(samples, "deedgraph_requests_total", **other) >= 5
