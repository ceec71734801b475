"""The schema logs nothing of a client's mistake (ErrorCodes logs what is unexpected), and
each of its root fields maps to one function of its name."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import api
from api.schema import build_schema
from graph.settings import Settings


async def test_a_clients_mistake_leaves_no_error_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    schema = build_schema(Settings.from_env({}))
    with caplog.at_level(logging.DEBUG):
        result = await schema.execute("{ nope }")
    assert result.errors and "nope" in result.errors[0].message
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


# Root fields that have no query function, each with the reason. Everything else maps to one.
WITHOUT_QUERY = {
    "Query.version": "the service's version, answered without the database",
    "Query.draftFacts": "drafted by draft/ from the report's text in a worker thread "
    "(api/drafting.py); it reads the graph only for names and the days' attacks "
    "(lookup.names, lookup.attacks_between), not one query that could answer the field",
    "Subscription.changes": "a stream that follows the change log (graph/store/follow.py), "
    "not a query",
}
# Where each root type's functions live: reads in graph/queries, writes in one module.
HOMES = {"Query": "graph.queries", "Mutation": "graph.ingest.writes", "Subscription": None}


# Every module of api/, as text: each root field's function is called there, by its module.
API = "\n".join(path.read_text() for path in Path(api.__file__).parent.rglob("*.py"))


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def functions_in(home: str) -> dict[str, list[Callable[..., object]]]:
    """Public functions of the module, or of each module of the package, by name."""
    package = importlib.import_module(home)
    modules = [package]
    if hasattr(package, "__path__"):
        modules = [
            importlib.import_module(f"{home}.{info.name}")
            for info in pkgutil.iter_modules(package.__path__)
        ]
    found: dict[str, list[Callable[..., object]]] = {}
    for module in modules:
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                found.setdefault(name, []).append(value)
    return found


def test_each_root_field_has_one_function_of_its_name_that_says_what_it_answers() -> None:
    """A compiled document maps each root field to one query function: Query.search to
    graph/queries' `search`, Mutation.putActor to graph/ingest/writes' `put_actor`. Each
    says which field it answers, and what it is built from, in its docstring."""
    schema = build_schema(Settings.from_env({}))._schema
    roots = {
        "Query": schema.query_type,
        "Mutation": schema.mutation_type,
        "Subscription": schema.subscription_type,
    }
    problems = []
    fields = set()
    for root, kind in roots.items():
        assert kind is not None
        home = HOMES[root]
        found = functions_in(home) if home else {}
        for field in kind.fields:
            key = f"{root}.{field}"
            fields.add(key)
            if key in WITHOUT_QUERY:
                if found.get(snake(field)):
                    problems.append(f"{key} is allowed no function but has one")
                continue
            functions = found.get(snake(field), [])
            if len(functions) != 1:
                problems.append(f"{key}: {len(functions)} functions named {snake(field)}")
                continue
            function = functions[0]
            doc = inspect.getdoc(function) or ""
            if key not in doc:
                problems.append(f"{key}: {function.__module__}.{snake(field)} never names it")
            called = function.__module__.rsplit(".", 1)[-1] + "." + function.__name__
            if called not in API:
                problems.append(f"{key}: nothing in api/ calls {called}")
    assert problems == []
    assert set(WITHOUT_QUERY) <= fields  # no reason kept for a field that has gone
