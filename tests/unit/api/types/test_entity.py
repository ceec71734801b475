"""Every kind of entity registers itself as it is defined, for rows to be built into."""

from __future__ import annotations

import ast
from pathlib import Path

from api.types import build, entity
from api.types.build import KINDS, PRECEDENCE, entity_types


def test_every_kind_is_registered_and_built_in_its_precedence() -> None:
    assert set(KINDS) == set(PRECEDENCE)
    assert [kind.__name__ for kind in entity_types()] == list(PRECEDENCE)
    assert all(issubclass(kind, entity.Entity) for kind in KINDS.values())


def test_build_imports_no_kind_and_no_kind_waits_on_build() -> None:
    """The cycle build -> kinds -> entity -> build is gone: build imports no kind at run
    time, and nothing imports build inside a function to get around it."""
    tree = ast.parse(Path(build.__file__).read_text())
    imported = {
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert not imported & {"api.types.kinds", "api.types.deeds", "api.types.entity"}
    for module in ("entity", "reach"):
        text = (Path(build.__file__).parent / f"{module}.py").read_text()
        assert "    from api.types.build import" not in text
