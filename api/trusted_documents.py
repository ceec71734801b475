"""Trusted documents: in production only the operations a team shipped run. The manifest is
the persisted-query convention's JSON object, each document under the hex SHA-256 of its
exact text; a client sends the hash (`extensions.persistedQuery.sha256Hash`) or the document
itself, and anything not in the manifest is refused before it is parsed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from cross_web import HTTPException
from strawberry.http import GraphQLRequestData

from graph.errors import ConfigError

UNKNOWN = "Unknown persisted document"
REQUIRED = "Only trusted documents run on this server"


def sha256(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


class TrustedDocuments:
    def __init__(self, documents: dict[str, str]) -> None:
        self.documents = documents
        self.hashes = frozenset(documents)

    @classmethod
    def load(cls, path: Path) -> TrustedDocuments:
        """Read a manifest, refusing (with the file and the entry) one that does not hold."""
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ConfigError(f"DEEDGRAPH_TRUSTED_DOCUMENTS: {path}: {error}") from None
        if not isinstance(manifest, dict):
            raise ConfigError(f"DEEDGRAPH_TRUSTED_DOCUMENTS: {path}: not a JSON object")
        for key, document in manifest.items():
            if not isinstance(document, str) or sha256(document) != key.lower():
                raise ConfigError(
                    f"DEEDGRAPH_TRUSTED_DOCUMENTS: {path}: entry {key!r} is not the SHA-256 "
                    "of its document"
                )
        return cls({key.lower(): document for key, document in manifest.items()})

    def resolve(self, request: GraphQLRequestData) -> GraphQLRequestData:
        """The request with its trusted document; refused when it names none."""
        persisted = (request.extensions or {}).get("persistedQuery")
        wanted = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if isinstance(wanted, str):
            document = self.documents.get(wanted.lower())
            if document is None:
                raise HTTPException(400, f"{UNKNOWN}: {wanted}")
            if request.query is not None and request.query != document:
                raise HTTPException(400, f"{UNKNOWN}: the query is not the document {wanted}")
            return replace(request, query=document)
        if request.query is not None and sha256(request.query) in self.hashes:
            return request
        raise HTTPException(
            403, f"{REQUIRED}: send extensions.persistedQuery.sha256Hash of a listed document"
        )
