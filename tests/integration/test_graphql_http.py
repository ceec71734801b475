"""GraphQL over HTTP as the spec has it (api/view.py, api/media.py): graphql-http's reference
audit against the live server, and every refusal a JSON body with a coded error."""

from __future__ import annotations

import json
import subprocess

import httpx
import pytest

from tests.support import ROOT

AUDIT = ROOT / "tests" / "http_audit"
RESPONSE = "application/graphql-response+json"


def test_the_reference_audit_passes_every_check(api_url: str) -> None:
    run = subprocess.run(
        ["node", str(AUDIT / "audit.mjs"), api_url + "/graphql"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) >= 61
    failed = [r for r in results if r["status"] != "ok"]
    assert not failed, failed


def post(api_url: str, content: bytes, **headers: str) -> httpx.Response:
    return httpx.post(api_url + "/graphql", content=content, headers=headers, timeout=30)


def test_a_syntax_error_is_a_400_without_data_for_the_spec_media_type(api_url: str) -> None:
    answer = post(
        api_url, b'{"query": "{ version "}', accept=RESPONSE, **{"content-type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith(RESPONSE)
    body = answer.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_a_syntax_error_is_a_coded_200_for_legacy_json_clients(api_url: str) -> None:
    answer = post(api_url, b'{"query": "{ version "}', **{"content-type": "application/json"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_a_document_over_the_token_limit_is_a_coded_parse_failure(api_url: str) -> None:
    query = "{ " + " ".join(["version"] * 3000) + " }"
    answer = post(
        api_url,
        json.dumps({"query": query}).encode(),
        accept=RESPONSE,
        **{"content-type": "application/json"},
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_a_failing_field_still_answers_200_with_its_data(api_url: str) -> None:
    query = b'{"query": "{ version attack(id: \\"attack:none\\") { id } }"}'
    answer = post(api_url, query, accept=RESPONSE, **{"content-type": "application/json"})
    assert answer.status_code == 200
    assert answer.json()["data"]["version"]


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b"{bad json", {"content-type": "application/json"}, 400, "INVALID_JSON"),
        (
            b'[{"query": "{ version }"}]',
            {"content-type": "application/json"},
            400,
            "BATCH_NOT_SUPPORTED",
        ),
        (b"{ version }", {"content-type": "text/plain"}, 415, "UNSUPPORTED_MEDIA_TYPE"),
        (
            b'{"query": "{ version }"}',
            {"content-type": "application/json", "accept": "text/csv"},
            406,
            "NOT_ACCEPTABLE",
        ),
    ],
)
def test_a_refused_request_gets_a_json_body_with_a_code(
    api_url: str, content: bytes, headers: dict[str, str], status: int, code: str
) -> None:
    answer = post(api_url, content, **headers)
    assert answer.status_code == status
    assert answer.json()["errors"][0]["extensions"]["code"] == code


def test_a_mutation_over_get_is_405_with_allow_post(api_url: str) -> None:
    answer = httpx.get(
        api_url + "/graphql",
        params={"query": 'mutation { submitFacts(document: "x") { nodes } }'},
        headers={"accept": "application/json"},
    )
    assert answer.status_code == 405
    assert answer.headers["allow"] == "POST"
    assert answer.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
