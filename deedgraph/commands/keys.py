"""`deedgraph api-key`: make a key for an API client."""

from __future__ import annotations

from typing import Annotated

import typer

from deedgraph.console import fail


def api_key(
    name: Annotated[str, typer.Argument(help="Who the key is for (recorded on every write).")],
    role: Annotated[str, typer.Option(help="reader or editor (editors may write).")] = "editor",
) -> None:
    """Make an API key: the key goes to its holder, the stored line (hashed) goes into
    DEEDGRAPH_API_KEYS_FILE or DEEDGRAPH_API_KEYS, never into the repository."""
    from api.auth import ROLES, new_key

    if role not in ROLES:
        fail(f"--role must be one of {', '.join(ROLES)}, got {role!r}")
    key, line = new_key(name, role)  # type: ignore[arg-type]
    typer.echo(f"key (give it to {name}; it is not stored): {key}")
    typer.echo(f"line for DEEDGRAPH_API_KEYS_FILE: {line}")
