"""The HTTP hop alone: uvicorn and Starlette answering POST /graphql with an answer made
before the first request, as `deedgraph serve` runs them (one worker, no access log), and no
GraphQL, no Neo4j. Asked by the benchmark's own client, it is the floor under any Python
GraphQL server on this machine: what deedgraph's p50 cannot go below however little its
layer costs.

    python -m bench.hop --port 18794"""

from __future__ import annotations

import argparse

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# An answer the size of the benchmark's entity by id (an attack with its actor and place).
ANSWER = orjson.dumps(
    {
        "data": {
            "attack": {
                "id": "syn-attack:1000",
                "name": "Shelling of a settlement",
                "kind": "incident",
                "by": [{"id": "syn-actor:unit-001", "name": "Aggressor Unit 001"}],
                "locations": [{"id": "syn-place:1", "name": "Settlement 1"}],
            }
        }
    }
)


async def graphql(request: Request) -> Response:
    await request.body()  # read, as a server must
    return Response(ANSWER, media_type="application/json")


app = Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=18794)
    port = parser.parse_args().port
    uvicorn.run(app, host="127.0.0.1", port=port, log_config=None, access_log=False)


if __name__ == "__main__":
    main()
