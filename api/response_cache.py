"""A response cache for reads, like GraphQL Yoga's useResponseCache or Hasura's @cached.

An answer is kept under its document's sha256, its operation name, its variables and the
caller's role, with the number of the last change committed (graph/store/changes.py) read
*before* it was computed. It is served again only while that number is still the latest:
each cached hit reads `changes.mark()` first (one indexed read of one node; measured in
bench/layer.py). Every write through deedgraph (loads, unloads, mutations, retractions; from
any worker or the command line) records a change in its own transaction before it is
acknowledged, so a client that saw a write succeed can no longer be answered from an entry
computed before it, by any worker. Reading the number before computing errs on the safe
side: a write landing meanwhile makes the new entry stale at once.

Only queries are cached, never mutations or subscriptions, and only answers without errors
(a timeout is not an answer to keep). Entries also expire after DEEDGRAPH_RESPONSE_CACHE_TTL
seconds, and the least recently used go beyond DEEDGRAPH_RESPONSE_CACHE_SIZE.

A change log whose number goes back (a backup restored), or that is another log (its epoch:
the graph emptied and written again, numbering from 1), empties the cache: its numbers will
be given again to other changes.

Writes that bypass the change log (Cypher sent to Neo4j by other tools; the ACLED importer
until it records its changes) are seen only when the TTL runs out."""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLError, OperationType, get_operation_ast, parse
from strawberry.types import ExecutionResult

from api import metrics
from graph.errors import DeedgraphError
from graph.store import changes
from graph.store.database import Database


@dataclass(frozen=True)
class Entry:
    seq: int  # the last change committed before the answer was computed
    expires: float  # time.monotonic() after which it is not served
    data: Any
    extensions: dict[str, Any]
    epoch: str | None = None  # the change log's (changes.mark)


# Whether a document's operation is a query, and its name, by the document's digest and the
# request's operation name: a document is parsed here once, not per request (digests, not
# documents, are kept).
KINDS_KEPT = 512
_queries: dict[tuple[str, str | None], str | None] = {}


def digest_of(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def query_name(document: str, operation_name: str | None, digest: str | None = None) -> str | None:
    """The name of the operation the request runs ("" for an anonymous one) when it is a
    query; None for a mutation or a subscription. A document that does not parse, or names
    no single operation, is left to the standard path, which answers with its error: None."""
    key = (digest or digest_of(document), operation_name)
    if key in _queries:
        return _queries[key]
    try:
        operation = get_operation_ast(parse(document), operation_name)
    except GraphQLError:
        return None
    found = None
    if operation is not None and operation.operation is OperationType.QUERY:
        found = operation.name.value if operation.name else ""
    if len(_queries) >= KINDS_KEPT:
        _queries.clear()
    _queries[key] = found
    return found


def cache_key(
    document: str,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    role: str,
    digest: str | None = None,
) -> tuple[str, str, bytes, str]:
    shaped = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
    return digest or digest_of(document), operation_name or "", shaped, role


class ResponseCache:
    def __init__(self, ttl: float, size: int) -> None:
        self.ttl = ttl
        self.size = size
        self.entries: OrderedDict[tuple[str, str, bytes, str], Entry] = OrderedDict()
        self.highest = 0  # the latest change number seen
        self.epoch: str | None = None  # of the log that number is in

    def get(
        self, key: tuple[str, str, bytes, str], latest: int, epoch: str | None = None
    ) -> Entry | None:
        """The entry, if it was computed after the latest change and has not expired."""
        if latest < self.highest or epoch != self.epoch:
            # The log went back (a backup restored) or is another (the graph emptied): its
            # numbers will be given again to other changes, so nothing kept can be matched.
            self.entries.clear()
        self.highest, self.epoch = latest, epoch
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry.seq != latest or entry.epoch != epoch or entry.expires < time.monotonic():
            del self.entries[key]
            return None
        self.entries.move_to_end(key)
        return entry

    def put(
        self,
        key: tuple[str, str, bytes, str],
        seq: int,
        data: Any,
        extensions: dict[str, Any],
        epoch: str | None = None,
    ) -> None:
        if epoch != self.epoch:  # computed in another log than the entries kept
            self.entries.clear()
            self.highest, self.epoch = seq, epoch
        self.entries[key] = Entry(seq, time.monotonic() + self.ttl, data, extensions, epoch)
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)

    async def through(
        self,
        key: tuple[str, str, bytes, str],
        database: Database,
        compute: Callable[[], Awaitable[ExecutionResult]],
    ) -> ExecutionResult:
        """The kept answer while it is current, else `compute`'s, kept when it has no error;
        `extensions.cache` says which."""
        # Read before answering: a write committed meanwhile leaves the new entry stale.
        try:
            epoch, latest = await changes.mark(database)
        except DeedgraphError:  # Neo4j unreachable or slow: the query says so in its words
            return await compute()
        entry = self.get(key, latest, epoch)
        if entry is not None:
            metrics.cache_outcome("hit")
            # No Cypher ran for the answer (the check above is the cache's own).
            extensions = {**entry.extensions, "cypherQueries": 0, "cache": "hit"}
            return ExecutionResult(data=entry.data, errors=None, extensions=extensions)
        result = await compute()
        metrics.cache_outcome("miss")
        if not result.errors and result.data is not None:
            self.put(key, latest, result.data, dict(result.extensions or {}), epoch)
        result.extensions = {**(result.extensions or {}), "cache": "miss"}
        return result
