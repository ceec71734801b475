"""The benchmark's HTTP client: one keep-alive HTTP/1.1 connection per simulated client,
written straight on asyncio streams. The clients share the machine's 2 cores with the servers
they measure, so what a client spends is taken from the server: httpx's AsyncClient cost
about 1 ms of CPU per request here, and capped even a server answering a stored answer
(bench/hop.py) at 569 req/s with 16 clients. This one sends a request and reads one response
(Content-Length or chunked), nothing else.

    async with Client("http://127.0.0.1:18790") as client:
        response = await client.post("/graphql", json={"query": "{ __typename }"})
        response.status_code, response.json()"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import orjson

TIMEOUT = 60.0  # seconds for one request: a server that hangs ends the cell, not the run


@dataclass(frozen=True)
class Response:
    status_code: int
    content: bytes

    def json(self) -> Any:
        return orjson.loads(self.content)


class Client:
    """A pool of keep-alive connections to one server; each request takes one of its own."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()

    async def post(self, path: str, json: Any) -> Response:
        """A POST of `json`, as httpx's client is asked (the benchmark's code reads either)."""
        body = orjson.dumps(json)
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        async with asyncio.timeout(TIMEOUT):
            return await self.sent(head + body)

    async def sent(self, request: bytes) -> Response:
        while self.idle:  # a kept connection the server may have closed while it idled
            reader, writer = self.idle.pop()
            try:
                return await self.exchange(reader, writer, request)
            except (asyncio.IncompleteReadError, ConnectionError) as error:
                if isinstance(error, asyncio.IncompleteReadError) and error.partial:
                    raise
        reader, writer = await asyncio.open_connection(self.host, self.port)
        return await self.exchange(reader, writer, request)

    async def exchange(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
    ) -> Response:
        try:
            writer.write(request)
            status, answer, keep = await response(reader)
        except BaseException:
            writer.close()
            raise
        if keep:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return Response(status, answer)


async def response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, whether the connection stays open) of one HTTP/1.1 response."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    keep = headers.get("connection", "").lower() != "close"
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            chunks.append(chunk[:-2])
        return status, b"".join(chunks), keep
    return status, await reader.readexactly(int(headers.get("content-length", "0"))), keep
