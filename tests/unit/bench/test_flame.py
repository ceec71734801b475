"""The profile's summary: samples summed by the package of the frame that was running."""

from __future__ import annotations

from bench.flame import shares

SITE = "/w/.venv/lib/python3.11/site-packages"
COLLAPSED = (
    f"main ({SITE}/uvicorn/main.py:1);run (/usr/lib/python3.11/asyncio/base_events.py:10);"
    f"execute ({SITE}/graphql/execution/execute.py:5) 6\n"
    f"main ({SITE}/uvicorn/main.py:1);answer (/w/api/compile/rows.py:60) 3\n"
    f"main ({SITE}/uvicorn/main.py:1);_read ({SITE}/neo4j/_async/io/_bolt.py:3) 1\n"
    f"main ({SITE}/uvicorn/main.py:1);loads ({SITE}/orjson.cpython-311.so:0) 2\n"
    "a broken line\n"
)


def test_each_sample_counts_for_the_package_whose_code_was_running() -> None:
    assert shares(COLLAPSED) == {
        "graphql-core": 0.5,
        "deedgraph api/": 0.25,
        "orjson": 2 / 12,
        "Neo4j driver": 1 / 12,
    }


def test_no_samples_give_no_shares() -> None:
    assert shares("") == {}
