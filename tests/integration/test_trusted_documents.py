"""With DEEDGRAPH_TRUSTED_DOCUMENTS only the listed operations run, by hash or by their text
(api/trusted_documents.py), against a real server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.trusted_documents import sha256
from graph.settings import Connection
from tests.support import app_settings, running_app

LISTED = "query Version { version }"


@pytest.fixture(scope="module")
def trusted_url(connection: Connection, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    manifest = tmp_path_factory.mktemp("trusted") / "documents.json"
    manifest.write_text(json.dumps({sha256(LISTED): LISTED}))
    settings = app_settings({"DEEDGRAPH_TRUSTED_DOCUMENTS": str(manifest)})
    with running_app(create_app(connection, settings)) as url:
        yield url


def send(url: str, body: dict[str, object]) -> httpx.Response:
    return httpx.post(url + "/graphql", json=body, timeout=30)


def test_a_listed_document_runs_by_its_hash(trusted_url: str) -> None:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256(LISTED)}}
    answer = send(trusted_url, {"extensions": extensions})
    assert answer.status_code == 200
    assert answer.json()["data"]["version"]


def test_a_listed_document_runs_by_its_text(trusted_url: str) -> None:
    assert send(trusted_url, {"query": LISTED}).json()["data"]["version"]


def test_any_other_document_is_refused_before_it_runs(trusted_url: str) -> None:
    answer = send(trusted_url, {"query": "{ version __typename }"})
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["extensions"]["code"] == "TRUSTED_DOCUMENT_REQUIRED"


def test_an_unknown_hash_is_refused(trusted_url: str) -> None:
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    answer = send(trusted_url, {"extensions": extensions})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


def test_a_manifest_entry_under_the_wrong_hash_stops_the_server_from_starting(
    connection: Connection, tmp_path: Path
) -> None:
    manifest = tmp_path / "documents.json"
    manifest.write_text(json.dumps({"0" * 64: LISTED}))
    with pytest.raises(Exception, match="is not the SHA-256 of its document"):
        create_app(connection, app_settings({"DEEDGRAPH_TRUSTED_DOCUMENTS": str(manifest)}))
